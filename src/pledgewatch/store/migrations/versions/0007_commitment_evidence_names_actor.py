"""Commitments: only an item naming one of the commitment's actors may be evidence for it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "commitment",
        sa.Column("evidence_names_actor", sa.Boolean(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE commitment DROP COLUMN evidence_names_actor")
    else:
        op.drop_column("commitment", "evidence_names_actor")
