"""Commitments: each party's own action may be evidence for its part.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "commitment",
        sa.Column("evidence_per_party", sa.Boolean(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE commitment DROP COLUMN evidence_per_party")
    else:
        op.drop_column("commitment", "evidence_per_party")
