"""The ORM models: agreements, their documents and commitments, and the status history.

Bilingual texts are column pairs (``*_en``, ``*_ja``) so both languages can be searched and
neither is a translation hanging off the other. Schema changes go through Alembic migrations in
store/migrations; a test checks that the migrations produce exactly these tables.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from pledgewatch.errors import ConflictError

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of all models; constraint names are fixed so migrations name them the same."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Status(StrEnum):
    """Where a commitment stands for a party (or for all its parties)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    MISSED = "missed"
    SETBACK = "setback"
    UNCLEAR = "unclear"


class Concept(Base):
    """An entry of the bilingual thesaurus: a sector or a topic."""

    __tablename__ = "concept"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    label_en: Mapped[str] = mapped_column(String(200))
    label_ja: Mapped[str] = mapped_column(String(200))
    synonyms_en: Mapped[list[Any]] = mapped_column(default=list)
    synonyms_ja: Mapped[list[Any]] = mapped_column(default=list)
    # Words that name the concept only where a text names its field (text/concepts.py).
    in_field_en: Mapped[list[Any]] = mapped_column(default=list)
    in_field_ja: Mapped[list[Any]] = mapped_column(default=list)
    broader_id: Mapped[str | None] = mapped_column(ForeignKey("concept.id"))


class Agreement(Base):
    """A summit or a signed or published outcome, with its parties and program."""

    __tablename__ = "agreement"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title_en: Mapped[str] = mapped_column(Text)
    title_ja: Mapped[str] = mapped_column(Text)
    date: Mapped[date] = mapped_column(Date)
    place_en: Mapped[str] = mapped_column(Text)
    place_ja: Mapped[str] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    source_file: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    parties: Mapped[list[Party]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="Party.position"
    )
    program: Mapped[list[ProgramEvent]] = relationship(
        cascade="all, delete-orphan", order_by="ProgramEvent.position"
    )
    documents: Mapped[list[Document]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="Document.position"
    )
    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="Commitment.position"
    )


class Party(Base):
    """A state or organisation that signs; ministries and companies are not parties."""

    __tablename__ = "party"
    __table_args__ = (UniqueConstraint("agreement_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(16))
    name_en: Mapped[str] = mapped_column(String(200))
    name_ja: Mapped[str] = mapped_column(String(200))

    agreement: Mapped[Agreement] = relationship(back_populates="parties")


class ProgramEvent(Base):
    """One event of an agreement's program: when it started and how long it lasted."""

    __tablename__ = "program_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title_en: Mapped[str] = mapped_column(Text)
    title_ja: Mapped[str] = mapped_column(Text)
    start: Mapped[time] = mapped_column(Time)
    minutes: Mapped[int] = mapped_column(Integer)
    source: Mapped[dict[str, Any] | None] = mapped_column()


class Document(Base):
    """One outcome document of an agreement; its language versions are DocumentTexts."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("agreement_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(80))
    title_en: Mapped[str] = mapped_column(Text)
    title_ja: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    issuer_en: Mapped[str] = mapped_column(Text)
    issuer_ja: Mapped[str] = mapped_column(Text)
    date: Mapped[date] = mapped_column(Date)
    published_by: Mapped[str | None] = mapped_column(String(16))

    agreement: Mapped[Agreement] = relationship(back_populates="documents")
    texts: Mapped[list[DocumentText]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentText.language"
    )


class DocumentText(Base):
    """One language version of a document: the official text held, and how complete it is."""

    __tablename__ = "document_text"
    __table_args__ = (UniqueConstraint("document_id", "language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(2))
    url: Mapped[str | None] = mapped_column(Text)
    # True when the URL is a third-party copy (a mirror, a republication), not the issuer's page.
    mirror: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    completeness: Mapped[str] = mapped_column(String(20))
    completeness_note_en: Mapped[str] = mapped_column(Text)
    completeness_note_ja: Mapped[str] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="texts")
    sections: Mapped[list[Section]] = relationship(
        back_populates="text", cascade="all, delete-orphan", order_by="Section.start"
    )


class Section(Base):
    """A numbered section of a document text, as character offsets into its body."""

    __tablename__ = "section"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("document_text.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    title_en: Mapped[str] = mapped_column(Text)
    title_ja: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    text: Mapped[DocumentText] = relationship(back_populates="sections")


class Deadline(Base):
    """A deadline and its basis: the expression, what it is anchored to, where it is written.

    ``due`` is computed from the expression and the anchor's date; it stays empty while the
    anchor is an event that has not happened yet.
    """

    __tablename__ = "deadline"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    expression: Mapped[str] = mapped_column(Text)
    anchor: Mapped[str] = mapped_column(String(120))
    anchor_date: Mapped[date | None] = mapped_column(Date)
    due: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str | None] = mapped_column(String(20))
    rule: Mapped[str | None] = mapped_column(Text)
    written_in: Mapped[dict[str, Any]] = mapped_column()
    soft: Mapped[bool] = mapped_column(Boolean, default=False)
    note_en: Mapped[str | None] = mapped_column(Text)
    note_ja: Mapped[str | None] = mapped_column(Text)


class Commitment(Base):
    """One promise in a document: who is bound, what, where it is written and by when."""

    __tablename__ = "commitment"
    __table_args__ = (UniqueConstraint("agreement_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(80))
    statement_en: Mapped[str] = mapped_column(Text)
    statement_ja: Mapped[str] = mapped_column(Text)
    strength: Mapped[str] = mapped_column(String(20))
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    section: Mapped[str | None] = mapped_column(Text)
    text_id: Mapped[int | None] = mapped_column(ForeignKey("document_text.id"))
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    span_note_en: Mapped[str | None] = mapped_column(Text)
    span_note_ja: Mapped[str | None] = mapped_column(Text)
    responsible_bodies: Mapped[list[Any]] = mapped_column(default=list)
    actors: Mapped[list[Any]] = mapped_column(default=list)
    # Only an item naming one of its actors is evidence for it (docs/agreement-format.md).
    evidence_names_actor: Mapped[bool] = mapped_column(default=False)
    # Each party's own action is evidence for its part (docs/agreement-format.md).
    evidence_per_party: Mapped[bool] = mapped_column(default=False)
    conditions: Mapped[list[Any]] = mapped_column(default=list)
    grey_zone_en: Mapped[str | None] = mapped_column(Text)
    grey_zone_ja: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str | None] = mapped_column(Text)
    note_ja: Mapped[str | None] = mapped_column(Text)
    deadline_id: Mapped[int | None] = mapped_column(ForeignKey("deadline.id"))

    agreement: Mapped[Agreement] = relationship(back_populates="commitments")
    document: Mapped[Document] = relationship()
    text: Mapped[DocumentText | None] = relationship()
    deadline: Mapped[Deadline | None] = relationship(
        cascade="all, delete-orphan", single_parent=True
    )
    parties: Mapped[list[CommitmentParty]] = relationship(
        cascade="all, delete-orphan", order_by="CommitmentParty.party_code"
    )
    sectors: Mapped[list[CommitmentConcept]] = relationship(
        cascade="all, delete-orphan", order_by="CommitmentConcept.position"
    )
    follow_ons: Mapped[list[FollowOn]] = relationship(
        back_populates="commitment", cascade="all, delete-orphan", order_by="FollowOn.code"
    )
    history: Mapped[list[StatusChange]] = relationship(
        primaryjoin="and_(Commitment.agreement_id == foreign(StatusChange.agreement_id), "
        "Commitment.code == foreign(StatusChange.commitment_code))",
        order_by="StatusChange.id",
        viewonly=True,
    )

    @property
    def party_codes(self) -> list[str]:
        """The codes of the parties this commitment binds."""
        return [party.party_code for party in self.parties]

    @property
    def sector_ids(self) -> list[str]:
        """The thesaurus concepts this commitment belongs to, in the file's order."""
        return [sector.concept_id for sector in self.sectors]


class CommitmentParty(Base):
    """A party bound by a commitment (all signatories by default, a subset where named)."""

    __tablename__ = "commitment_party"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), primary_key=True
    )
    party_code: Mapped[str] = mapped_column(String(16), primary_key=True)


class CommitmentConcept(Base):
    """A sector or topic of a commitment, from the thesaurus."""

    __tablename__ = "commitment_concept"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), primary_key=True
    )
    concept_id: Mapped[str] = mapped_column(ForeignKey("concept.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class FollowOn(Base):
    """An obligation that follows a commitment once a condition event happens."""

    __tablename__ = "follow_on"
    __table_args__ = (UniqueConstraint("commitment_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(80))
    statement_en: Mapped[str] = mapped_column(Text)
    statement_ja: Mapped[str] = mapped_column(Text)
    parties: Mapped[list[Any]] = mapped_column()
    if_missed_en: Mapped[str | None] = mapped_column(Text)
    if_missed_ja: Mapped[str | None] = mapped_column(Text)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadline.id"))

    commitment: Mapped[Commitment] = relationship(back_populates="follow_ons")
    deadline: Mapped[Deadline] = relationship(cascade="all, delete-orphan", single_parent=True)


class ConditionEvent(Base):
    """An event later deadlines hang on (a project selected), with its recorded occurrences."""

    __tablename__ = "condition_event"
    __table_args__ = (UniqueConstraint("agreement_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(Text)
    name_ja: Mapped[str] = mapped_column(Text)
    source: Mapped[dict[str, Any]] = mapped_column()

    occurrences: Mapped[list[EventOccurrence]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventOccurrence.date"
    )


class EventOccurrence(Base):
    """One recorded happening of a condition event; it dates the deadlines that hang on it."""

    __tablename__ = "event_occurrence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("condition_event.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    subject: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str | None] = mapped_column(Text)
    note_ja: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    event: Mapped[ConditionEvent] = relationship(back_populates="occurrences")


class WatchPoint(Base):
    """Something people should check, tied to commitments."""

    __tablename__ = "watch_point"
    __table_args__ = (UniqueConstraint("agreement_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(80))
    title_en: Mapped[str] = mapped_column(Text)
    title_ja: Mapped[str] = mapped_column(Text)
    question_en: Mapped[str] = mapped_column(Text)
    question_ja: Mapped[str] = mapped_column(Text)

    links: Mapped[list[WatchPointCommitment]] = relationship(
        cascade="all, delete-orphan", order_by="WatchPointCommitment.position"
    )


class WatchPointCommitment(Base):
    """Ties a watch point to one of the commitments it watches."""

    __tablename__ = "watch_point_commitment"

    watch_point_id: Mapped[int] = mapped_column(
        ForeignKey("watch_point.id", ondelete="CASCADE"), primary_key=True
    )
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)

    commitment: Mapped[Commitment] = relationship()


class Project(Base):
    """An investment project named in a fact sheet."""

    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("agreement_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(Text)
    name_ja: Mapped[str] = mapped_column(Text)
    companies: Mapped[list[Any]] = mapped_column()
    sector_id: Mapped[str] = mapped_column(ForeignKey("concept.id"))
    amount_usd: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    amount_up_to: Mapped[bool] = mapped_column(Boolean, default=False)
    amount_text: Mapped[str | None] = mapped_column(Text)
    tranche: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    sources: Mapped[list[Any]] = mapped_column()
    commitments: Mapped[list[Any]] = mapped_column()


class ProjectCensus(Base):
    """How many projects a source lists, so unnamed ones are not silently forgotten."""

    __tablename__ = "project_census"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    listed: Mapped[int] = mapped_column(Integer)
    with_amount: Mapped[int | None] = mapped_column(Integer)
    total_usd: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    total_text: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str] = mapped_column(Text)
    note_ja: Mapped[str] = mapped_column(Text)


class StatusChange(Base):
    """One entry of a commitment's status history; entries are appended, never changed.

    The history is keyed by the agreement and the commitment's code rather than by row id, so
    it survives when an agreement file is loaded again with --replace. ``party`` is empty for
    the commitment as a whole. ``evidence`` is a frozen snapshot of what the change rests on
    (title, date, URL, passage), so any status can be reproduced and challenged later.
    """

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    commitment_code: Mapped[str] = mapped_column(String(80), index=True)
    party: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(20))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list[Any]] = mapped_column(default=list)


@event.listens_for(Session, "before_flush")
def _refuse_history_rewrites(session: Session, _context: Any, _instances: Any) -> None:
    for instance in [*session.dirty, *session.deleted]:
        if isinstance(instance, StatusChange):
            raise ConflictError(
                f"status change {instance.id} is history and cannot be changed",
                ja=f"状況の変更 {instance.id} は履歴のため変更できません",
            )
