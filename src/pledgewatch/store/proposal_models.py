"""The ORM models of capture review: stored extraction runs, their proposals, and the review log.

A run keeps the whole text it was extracted from, so every proposal's character span stays
valid whatever later happens to the document's stored text. Runs name their document by key
and accepted proposals name their commitment by code, like the status history does, so both
survive an agreement file being loaded again with --replace. The review log is appended to,
never changed: every decision (who, when, why, what changed) stays readable.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from pledgewatch.errors import ConflictError
from pledgewatch.store.models import Base


class ProposalState(StrEnum):
    """Where a proposal stands in review; only a proposed one can still be decided on."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MERGED = "merged"
    SPLIT = "split"


class ExtractionRun(Base):
    """One saved extraction: the text read from a file or URL, for one document of an agreement."""

    __tablename__ = "extraction_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    document_key: Mapped[str] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2))
    document_date: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64))
    saved_by: Mapped[str] = mapped_column(String(200))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    proposals: Mapped[list[Proposal]] = relationship(
        back_populates="run", order_by="Proposal.position", passive_deletes=True
    )


class Proposal(Base):
    """One proposed commitment: the extractor's fields, as edited in review, and its outcome.

    ``original`` is the extractor's proposal as first saved, so an edit can always be compared
    with what the machine found. ``derived_from`` lists the proposals a merge or split made this
    one from. ``commitment_code`` is set once the proposal is accepted.
    """

    __tablename__ = "proposal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("extraction_run.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), index=True)
    language: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(Text)
    translation: Mapped[str | None] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(Text)
    parties: Mapped[list[Any]] = mapped_column(default=list)
    deadline_basis: Mapped[str | None] = mapped_column(Text)
    deadline_date: Mapped[date | None] = mapped_column(Date)
    deadline_precision: Mapped[str | None] = mapped_column(String(20))
    deadline_event: Mapped[str | None] = mapped_column(Text)
    deadline_rule: Mapped[str | None] = mapped_column(Text)
    money: Mapped[list[Any]] = mapped_column(default=list)
    strength: Mapped[str] = mapped_column(String(20))
    sectors: Mapped[list[Any]] = mapped_column(default=list)
    grey_zone: Mapped[str | None] = mapped_column(Text)
    original: Mapped[dict[str, Any]] = mapped_column()
    derived_from: Mapped[list[Any]] = mapped_column(default=list)
    commitment_code: Mapped[str | None] = mapped_column(String(80))

    run: Mapped[ExtractionRun] = relationship(back_populates="proposals")
    decisions: Mapped[list[ReviewDecision]] = relationship(
        order_by="ReviewDecision.id", viewonly=True
    )


class ReviewDecision(Base):
    """One entry of the review log: a proposal saved, edited, accepted, rejected, merged or split.

    ``changes`` says what the decision did: the fields an edit changed (old and new), the
    commitment an acceptance created, the proposals a merge or split produced.
    """

    __tablename__ = "review_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)


@event.listens_for(Session, "before_flush")
def _refuse_review_log_rewrites(session: Session, _context: Any, _instances: Any) -> None:
    for instance in [*session.dirty, *session.deleted]:
        if isinstance(instance, ReviewDecision):
            raise ConflictError(
                f"review decision {instance.id} is history and cannot be changed",
                ja=f"審査記録 {instance.id} は履歴のため変更できません",
            )
