"""Capture: a document text's URL may be a third-party copy (mirror), which `show` says.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Both SQLite and PostgreSQL add and drop a column in place. A batch copy of the table (alembic's
# way on SQLite) would trip the foreign keys that sections and commitments hold on it.


def upgrade() -> None:
    op.add_column(
        "document_text", sa.Column("mirror", sa.Boolean(), server_default="0", nullable=False)
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE document_text DROP COLUMN mirror")
    else:
        op.drop_column("document_text", "mirror")
