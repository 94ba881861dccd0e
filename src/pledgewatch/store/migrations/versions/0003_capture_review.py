"""Capture: proposed commitments, the extraction runs they come from, and the review log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 03:01:01.781723
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "extraction_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("document_key", sa.String(length=80), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("saved_by", sa.String(length=200), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_extraction_run_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extraction_run")),
    )
    with op.batch_alter_table("extraction_run", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_extraction_run_agreement_id"), ["agreement_id"], unique=False
        )

    op.create_table(
        "proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("translation", sa.Text(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("deadline_basis", sa.Text(), nullable=True),
        sa.Column("deadline_date", sa.Date(), nullable=True),
        sa.Column("deadline_precision", sa.String(length=20), nullable=True),
        sa.Column("deadline_event", sa.Text(), nullable=True),
        sa.Column("deadline_rule", sa.Text(), nullable=True),
        sa.Column("money", sa.JSON(), nullable=False),
        sa.Column("strength", sa.String(length=20), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("grey_zone", sa.Text(), nullable=True),
        sa.Column("original", sa.JSON(), nullable=False),
        sa.Column("derived_from", sa.JSON(), nullable=False),
        sa.Column("commitment_code", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["extraction_run.id"],
            name=op.f("fk_proposal_run_id_extraction_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal")),
    )
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_state"), ["state"], unique=False)

    op.create_table(
        "review_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposal.id"],
            name=op.f("fk_review_decision_proposal_id_proposal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_decision")),
    )
    with op.batch_alter_table("review_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_decision_proposal_id"), ["proposal_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("review_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_decision_proposal_id"))

    op.drop_table("review_decision")
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_state"))
        batch_op.drop_index(batch_op.f("ix_proposal_run_id"))

    op.drop_table("proposal")
    with op.batch_alter_table("extraction_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_extraction_run_agreement_id"))

    op.drop_table("extraction_run")
