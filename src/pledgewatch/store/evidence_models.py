"""The ORM models of assessment: evidence proposals and their review, and project milestones.

Evidence ties one item (a news article or release) to one commitment. The machine proposes it;
a person confirms, rejects or changes its judgement, and only confirmed evidence moves a status.
Like the status history, evidence names its commitment by agreement and code rather than by row
id, so it survives when the agreement file is loaded again with --replace.

A project milestone records a step of an investment project (selected, financed, ...) with its
date and amount; milestones are appended, never changed, and the money ledger is built from them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from pledgewatch.errors import ConflictError
from pledgewatch.store.models import Base
from pledgewatch.store.monitor_models import Item, Story


class EvidenceState(StrEnum):
    """Where a proposal stands in review."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class Judgement(StrEnum):
    """What an item shows about a commitment."""

    ACHIEVED = "achieved"
    PROGRESS = "progress"
    SETBACK = "setback"
    MENTION = "mention"


class Evidence(Base):
    """An item linked to a commitment: proposed by the machine, reviewed by a person.

    ``judgement`` and ``score`` are what was proposed; ``reviewed_judgement`` is set only when the
    reviewer changed the judgement. ``party`` narrows the evidence to one party the commitment
    binds; empty means every party it binds. ``passage`` is the part of the item shown to the
    reviewer (around the matched terms).
    """

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("item_id", "agreement_id", "commitment_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    commitment_code: Mapped[str] = mapped_column(String(80), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    judgement: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    passage: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), index=True)
    proposed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    proposed_by: Mapped[str] = mapped_column(String(200))
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_judgement: Mapped[str | None] = mapped_column(String(20))
    party: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)

    item: Mapped[Item] = relationship()
    story: Mapped[Story] = relationship()

    @property
    def effective_judgement(self) -> str:
        """The reviewer's judgement where they changed it, else the proposed one."""
        return self.reviewed_judgement or self.judgement


class LinkedStory(Base):
    """Marks a story as linked, with the item that stood for it, so linking runs once a story."""

    __tablename__ = "linked_story"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("story.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"))
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    proposals: Mapped[int] = mapped_column(Integer)


class ProjectMilestone(Base):
    """One step of an investment project (selected, financed, ...), appended, never changed.

    Keyed by agreement and project code like the status history. A project the agreement file
    does not name (one first reported when it was selected) carries its own name and sector.
    ``evidence`` is a frozen snapshot of what the step rests on (title, date, URL, passage).
    """

    __tablename__ = "project_milestone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    project_code: Mapped[str] = mapped_column(String(80), index=True)
    status: Mapped[str] = mapped_column(String(20))
    happened_on: Mapped[date] = mapped_column(Date)
    amount_usd: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    name_en: Mapped[str | None] = mapped_column(Text)
    name_ja: Mapped[str | None] = mapped_column(Text)
    sector_id: Mapped[str | None] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list[Any]] = mapped_column(default=list)


@event.listens_for(Session, "before_flush")
def _refuse_milestone_rewrites(session: Session, _context: Any, _instances: Any) -> None:
    for instance in [*session.dirty, *session.deleted]:
        if isinstance(instance, ProjectMilestone):
            raise ConflictError(
                f"project milestone {instance.id} is history and cannot be changed",
                ja=f"案件の進捗記録 {instance.id} は履歴のため変更できません",
            )
