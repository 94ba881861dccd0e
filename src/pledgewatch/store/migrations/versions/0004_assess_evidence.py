"""Assess: evidence proposals and their review, linked stories, project milestones.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 03:01:49.627114
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "project_milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("project_code", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("amount_usd", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("name_ja", sa.Text(), nullable=True),
        sa.Column("sector_id", sa.String(length=80), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_project_milestone_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_milestone")),
    )
    with op.batch_alter_table("project_milestone", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_milestone_agreement_id"), ["agreement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_project_milestone_project_code"), ["project_code"], unique=False
        )

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("commitment_code", sa.String(length=80), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("judgement", sa.String(length=20), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("passage", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("proposed_by", sa.String(length=200), nullable=False),
        sa.Column("reviewed_by", sa.String(length=200), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_judgement", sa.String(length=20), nullable=True),
        sa.Column("party", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_evidence_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_evidence_item_id_item"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_evidence_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
        sa.UniqueConstraint(
            "item_id", "agreement_id", "commitment_code", name=op.f("uq_evidence_item_id")
        ),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_agreement_id"), ["agreement_id"])
        batch_op.create_index(batch_op.f("ix_evidence_commitment_code"), ["commitment_code"])
        batch_op.create_index(batch_op.f("ix_evidence_item_id"), ["item_id"])
        batch_op.create_index(batch_op.f("ix_evidence_state"), ["state"])
        batch_op.create_index(batch_op.f("ix_evidence_story_id"), ["story_id"])

    op.create_table(
        "linked_story",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("proposals", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_linked_story_item_id_item"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["story.id"],
            name=op.f("fk_linked_story_story_id_story"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_linked_story")),
    )


def downgrade() -> None:
    op.drop_table("linked_story")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_story_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_state"))
        batch_op.drop_index(batch_op.f("ix_evidence_item_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_commitment_code"))
        batch_op.drop_index(batch_op.f("ix_evidence_agreement_id"))
    op.drop_table("evidence")
    with op.batch_alter_table("project_milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_milestone_project_code"))
        batch_op.drop_index(batch_op.f("ix_project_milestone_agreement_id"))
    op.drop_table("project_milestone")
