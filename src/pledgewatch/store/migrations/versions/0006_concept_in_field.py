"""Thesaurus: words that name a concept only where a text names its field (``in_field``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("in_field_en", "in_field_ja")


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column("concept", sa.Column(name, sa.JSON(), server_default="[]", nullable=False))


def downgrade() -> None:
    for name in _COLUMNS:
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE concept DROP COLUMN {name}")
        else:
            op.drop_column("concept", name)
