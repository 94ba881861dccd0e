"""Initial schema: agreements, documents, commitments, deadlines and status history.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 02:47:59.324191
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agreement",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_ja", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("place_en", sa.Text(), nullable=False),
        sa.Column("place_ja", sa.Text(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
    )
    op.create_table(
        "concept",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.Column("label_ja", sa.String(length=200), nullable=False),
        sa.Column("synonyms_en", sa.JSON(), nullable=False),
        sa.Column("synonyms_ja", sa.JSON(), nullable=False),
        sa.Column("broader_id", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["broader_id"], ["concept.id"], name=op.f("fk_concept_broader_id_concept")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concept")),
    )
    op.create_table(
        "deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expression", sa.Text(), nullable=False),
        sa.Column("anchor", sa.String(length=120), nullable=False),
        sa.Column("anchor_date", sa.Date(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(length=20), nullable=True),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.Column("written_in", sa.JSON(), nullable=False),
        sa.Column("soft", sa.Boolean(), nullable=False),
        sa.Column("note_en", sa.Text(), nullable=True),
        sa.Column("note_ja", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline")),
    )
    op.create_table(
        "condition_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("name_ja", sa.Text(), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_condition_event_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_condition_event")),
        sa.UniqueConstraint("agreement_id", "key", name=op.f("uq_condition_event_agreement_id")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_ja", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("issuer_en", sa.Text(), nullable=False),
        sa.Column("issuer_ja", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("published_by", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_document_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("agreement_id", "key", name=op.f("uq_document_agreement_id")),
    )
    op.create_table(
        "party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ja", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_party_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party")),
        sa.UniqueConstraint("agreement_id", "code", name=op.f("uq_party_agreement_id")),
    )
    op.create_table(
        "program_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_ja", sa.Text(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("source", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_program_event_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_event")),
    )
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("name_ja", sa.Text(), nullable=False),
        sa.Column("companies", sa.JSON(), nullable=False),
        sa.Column("sector_id", sa.String(length=80), nullable=False),
        sa.Column("amount_usd", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("amount_up_to", sa.Boolean(), nullable=False),
        sa.Column("amount_text", sa.Text(), nullable=True),
        sa.Column("tranche", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("commitments", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_project_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"], ["concept.id"], name=op.f("fk_project_sector_id_concept")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("agreement_id", "code", name=op.f("uq_project_agreement_id")),
    )
    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("commitment_code", sa.String(length=80), nullable=False),
        sa.Column("party", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_status_change_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_change_agreement_id"), ["agreement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_status_change_commitment_code"), ["commitment_code"], unique=False
        )

    op.create_table(
        "watch_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_ja", sa.Text(), nullable=False),
        sa.Column("question_en", sa.Text(), nullable=False),
        sa.Column("question_ja", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_watch_point_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_point")),
        sa.UniqueConstraint("agreement_id", "code", name=op.f("uq_watch_point_agreement_id")),
    )
    op.create_table(
        "document_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("completeness", sa.String(length=20), nullable=False),
        sa.Column("completeness_note_en", sa.Text(), nullable=False),
        sa.Column("completeness_note_ja", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_text_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_text")),
        sa.UniqueConstraint("document_id", "language", name=op.f("uq_document_text_document_id")),
    )
    op.create_table(
        "event_occurrence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("note_en", sa.Text(), nullable=True),
        sa.Column("note_ja", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["condition_event.id"],
            name=op.f("fk_event_occurrence_event_id_condition_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_occurrence")),
    )
    op.create_table(
        "project_census",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("listed", sa.Integer(), nullable=False),
        sa.Column("with_amount", sa.Integer(), nullable=True),
        sa.Column("total_usd", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("total_text", sa.Text(), nullable=True),
        sa.Column("note_en", sa.Text(), nullable=False),
        sa.Column("note_ja", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_project_census_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_project_census_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_census")),
    )
    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("statement_en", sa.Text(), nullable=False),
        sa.Column("statement_ja", sa.Text(), nullable=False),
        sa.Column("strength", sa.String(length=20), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("text_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("span_note_en", sa.Text(), nullable=True),
        sa.Column("span_note_ja", sa.Text(), nullable=True),
        sa.Column("responsible_bodies", sa.JSON(), nullable=False),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("grey_zone_en", sa.Text(), nullable=True),
        sa.Column("grey_zone_ja", sa.Text(), nullable=True),
        sa.Column("note_en", sa.Text(), nullable=True),
        sa.Column("note_ja", sa.Text(), nullable=True),
        sa.Column("deadline_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_commitment_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["deadline_id"], ["deadline.id"], name=op.f("fk_commitment_deadline_id_deadline")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_commitment_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["text_id"], ["document_text.id"], name=op.f("fk_commitment_text_id_document_text")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
        sa.UniqueConstraint("agreement_id", "code", name=op.f("uq_commitment_agreement_id")),
    )
    op.create_table(
        "section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_ja", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["text_id"],
            ["document_text.id"],
            name=op.f("fk_section_text_id_document_text"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section")),
    )
    op.create_table(
        "commitment_concept",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("concept_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_concept_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["concept_id"], ["concept.id"], name=op.f("fk_commitment_concept_concept_id_concept")
        ),
        sa.PrimaryKeyConstraint("commitment_id", "concept_id", name=op.f("pk_commitment_concept")),
    )
    op.create_table(
        "commitment_party",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("party_code", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_party_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("commitment_id", "party_code", name=op.f("pk_commitment_party")),
    )
    op.create_table(
        "follow_on",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("statement_en", sa.Text(), nullable=False),
        sa.Column("statement_ja", sa.Text(), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("if_missed_en", sa.Text(), nullable=True),
        sa.Column("if_missed_ja", sa.Text(), nullable=True),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_follow_on_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["deadline_id"], ["deadline.id"], name=op.f("fk_follow_on_deadline_id_deadline")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_on")),
        sa.UniqueConstraint("commitment_id", "code", name=op.f("uq_follow_on_commitment_id")),
    )
    op.create_table(
        "watch_point_commitment",
        sa.Column("watch_point_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_watch_point_commitment_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["watch_point_id"],
            ["watch_point.id"],
            name=op.f("fk_watch_point_commitment_watch_point_id_watch_point"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "watch_point_id", "commitment_id", name=op.f("pk_watch_point_commitment")
        ),
    )


def downgrade() -> None:
    op.drop_table("watch_point_commitment")
    op.drop_table("follow_on")
    op.drop_table("commitment_party")
    op.drop_table("commitment_concept")
    op.drop_table("section")
    op.drop_table("commitment")
    op.drop_table("project_census")
    op.drop_table("event_occurrence")
    op.drop_table("document_text")
    op.drop_table("watch_point")
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_change_commitment_code"))
        batch_op.drop_index(batch_op.f("ix_status_change_agreement_id"))

    op.drop_table("status_change")
    op.drop_table("project")
    op.drop_table("program_event")
    op.drop_table("party")
    op.drop_table("document")
    op.drop_table("condition_event")
    op.drop_table("deadline")
    op.drop_table("concept")
    op.drop_table("agreement")
