"""Read models shown to people: what the CLI prints and the API returns, in both languages.

Views are pydantic models, separate from the ORM classes, so the JSON shape is a contract that
does not move when a table does. Every text comes as {"en": ..., "ja": ...}.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from pledgewatch.assess.deadlines import DatedObligation
from pledgewatch.store import models


class View(BaseModel):
    """Base of all views: immutable."""

    model_config = ConfigDict(frozen=True)


class Bilingual(View):
    """A text in English and Japanese; one may be missing for names known in one language."""

    en: str | None
    ja: str | None

    def pick(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other language rather than to nothing."""
        first, second = (self.ja, self.en) if lang == "ja" else (self.en, self.ja)
        return first or second or ""


def bi(en: str | None, ja: str | None) -> Bilingual:
    """Shorthand for a Bilingual text."""
    return Bilingual(en=en, ja=ja)


def bi_optional(en: str | None, ja: str | None) -> Bilingual | None:
    """A Bilingual text, or None when both languages are empty."""
    return None if en is None and ja is None else Bilingual(en=en, ja=ja)


class PartyView(View):
    """A party of an agreement."""

    code: str
    name: Bilingual


class ProgramEventView(View):
    """One event of the program."""

    title: Bilingual
    start: time
    minutes: int


class AgreementView(View):
    """An agreement in a listing."""

    id: str
    title: Bilingual
    date: date
    place: Bilingual
    parties: list[PartyView]
    program: list[ProgramEventView]
    documents: int
    commitments: int


class SpanView(View):
    """Character offsets into a document text."""

    start: int
    end: int


class SourceView(View):
    """Where a commitment is written, and the exact passage where the stored text holds it."""

    document: str
    document_title: Bilingual
    role: str
    section: str | None
    language: str | None
    span: SpanView | None
    passage: str | None
    span_note: Bilingual | None
    url: str | None
    mirror: bool = False


class DeadlineView(View):
    """A deadline, with the basis it was computed from and where that basis is written."""

    date: dt.date | None
    precision: str | None
    expression: str
    anchor: str
    anchor_date: dt.date | None
    rule: str | None
    soft: bool
    written_in: dict[str, Any]
    note: Bilingual | None


class FollowOnView(View):
    """An obligation that follows once an event happens; dated once per occurrence."""

    id: str
    statement: Bilingual
    parties: list[str]
    deadline: DeadlineView
    if_missed: Bilingual | None
    due_dates: list[date]


class StatusEntryView(View):
    """One entry of the status history."""

    status: str
    party: str | None
    recorded_at: datetime
    recorded_by: str
    reason: str
    evidence: list[Any]


class CommitmentView(View):
    """A commitment with everything needed to judge it and trace it to its source."""

    id: str
    agreement: str
    statement: Bilingual
    parties: list[str]
    responsible_bodies: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    sectors: list[str]
    strength: str
    source: SourceView
    deadline: DeadlineView | None
    conditions: list[Bilingual]
    follow_ons: list[FollowOnView]
    grey_zone: Bilingual | None
    note: Bilingual | None
    status: str
    sector_names: dict[str, Bilingual] = {}  # the thesaurus labels of its sectors, when known


class ItemRefView(View):
    """The item a piece of evidence comes from."""

    url: str
    title: str
    published: date | None
    source: str | None
    language: str | None


class ReasonView(View):
    """One reason the linker gave for a proposal."""

    kind: str
    detail: str
    weight: float


class EvidenceView(View):
    """An item linked to a commitment: the proposal, its reasons and its review.

    ``judgement`` is the one in force (the reviewer's where changed); ``proposed_judgement`` is
    the machine's.
    """

    id: int
    item: ItemRefView
    agreement: str
    commitment: str
    score: float | None
    judgement: str
    proposed_judgement: str
    state: str
    reasons: list[ReasonView]
    passage: str
    party: str | None
    proposed_by: str
    proposed_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    note: str | None


class DeadlineFlagView(View):
    """A deadline without achieved evidence, for review: at risk before its date, missed? after."""

    kind: str
    commitment: str
    follow_on: str | None
    subject: str | None
    statement: Bilingual
    due: date
    days_left: int
    soft: bool
    status: str


class AverageView(View):
    """A mean compliance score with its denominator, and as a percentage."""

    score: float | None
    percent: float | None
    assessed: int
    not_assessed: int


class RatingView(View):
    """A rating on another tracker's scale."""

    scale: str
    code: str
    label: Bilingual


class PartyScoreView(View):
    """One party's compliance score on one commitment, with its reason and evidence."""

    party: str
    status: str
    score: int | None
    reason: str
    recorded_by: str
    evidence: list[Any]
    rating: RatingView | None = None


class CommitmentComplianceView(View):
    """A commitment's compliance per party and its average."""

    commitment: str
    sector: str | None
    final: bool
    parties: list[PartyScoreView]
    average: AverageView


class ComplianceSummaryView(View):
    """Compliance averages for an agreement, per party and per sector (primary)."""

    overall: AverageView
    by_party: dict[str, AverageView]
    by_sector: dict[str, AverageView]


class EvidenceSummaryView(View):
    """How much evidence is confirmed and waiting for review, and the latest confirmed."""

    confirmed: int
    proposed: int
    rejected: int
    latest: list[EvidenceView]
    # Distinct events among the confirmed: reports of one event in two languages count once.
    confirmed_events: int = 0


class CommitmentDetailView(CommitmentView):
    """A commitment with its whole status history, for `show`."""

    history: list[StatusEntryView]
    evidence: list[EvidenceView] = []
    compliance: CommitmentComplianceView | None = None
    flags: list[DeadlineFlagView] = []


class ObligationView(View):
    """A dated deadline on the dashboard."""

    commitment: str
    follow_on: str | None
    statement: Bilingual
    due: date
    precision: str
    days_left: int
    basis: str
    rule: str
    soft: bool
    status: str
    subject: str | None = None


class PendingView(View):
    """A follow-on waiting for the event that will date it."""

    commitment: str
    follow_on: str
    statement: Bilingual
    expression: str
    waiting_for: Bilingual | None


class WatchPointView(View):
    """A watch point with its nearest deadline, or shown as ongoing."""

    id: str
    title: Bilingual
    question: Bilingual
    commitments: list[str]
    due: date | None
    days_left: int | None
    statuses: dict[str, str]


class ProjectsSummaryView(View):
    """The investment projects at a glance, with the money ledger's own totals (brief/ledger.py).

    ``named`` projects are in the agreement file; ``announced`` counts them and the projects
    first reported when selected (``first_reported_later``), as the ledger does, so the
    dashboard and the ledger always give the same figures.
    """

    named: int
    listed_in_sources: int | None
    announced: int = 0
    first_reported_later: int = 0
    announced_usd: Decimal
    pledge_usd: Decimal | None = None
    selected: int = 0
    selected_usd: Decimal = Decimal(0)
    selected_share: float | None = None
    financed: int = 0
    financed_usd: Decimal = Decimal(0)
    financed_share: float | None = None


class DashboardView(View):
    """The status dashboard of one agreement as of one day."""

    agreement: AgreementView
    as_of: date
    watch_points: list[WatchPointView]
    deadlines: list[ObligationView]
    pending: list[PendingView]
    by_status: dict[str, int]
    by_sector: dict[str, dict[str, int]]
    by_party: dict[str, dict[str, int]]
    projects: ProjectsSummaryView
    flags: list[DeadlineFlagView] = []
    evidence: EvidenceSummaryView | None = None
    compliance: ComplianceSummaryView | None = None
    sector_names: dict[str, Bilingual] = {}


def agreement_view(agreement: models.Agreement) -> AgreementView:
    """The listing view of an agreement."""
    return AgreementView(
        id=agreement.id,
        title=bi(agreement.title_en, agreement.title_ja),
        date=agreement.date,
        place=bi(agreement.place_en, agreement.place_ja),
        parties=[PartyView(code=p.code, name=bi(p.name_en, p.name_ja)) for p in agreement.parties],
        program=[
            ProgramEventView(title=bi(e.title_en, e.title_ja), start=e.start, minutes=e.minutes)
            for e in agreement.program
        ],
        documents=len(agreement.documents),
        commitments=len(agreement.commitments),
    )


def deadline_view(deadline: models.Deadline) -> DeadlineView:
    """A deadline and its basis."""
    return DeadlineView(
        date=deadline.due,
        precision=deadline.precision,
        expression=deadline.expression,
        anchor=deadline.anchor,
        anchor_date=deadline.anchor_date,
        rule=deadline.rule,
        soft=deadline.soft,
        written_in=deadline.written_in,
        note=bi_optional(deadline.note_en, deadline.note_ja),
    )


def source_view(commitment: models.Commitment) -> SourceView:
    """Where a commitment is written; the passage is cut from the stored text at its offsets."""
    text = commitment.text
    passage = None
    span = None
    if text is not None and text.body is not None and commitment.span_start is not None:
        end = commitment.span_end if commitment.span_end is not None else commitment.span_start
        span = SpanView(start=commitment.span_start, end=end)
        passage = text.body[commitment.span_start : end]
    document = commitment.document
    shown = text if text is not None else next((t for t in document.texts if t.url), None)
    return SourceView(
        document=document.key,
        document_title=bi(document.title_en, document.title_ja),
        role=document.role,
        section=commitment.section,
        language=text.language if text is not None else None,
        span=span,
        passage=passage,
        span_note=bi_optional(commitment.span_note_en, commitment.span_note_ja),
        url=shown.url if shown is not None else None,
        mirror=shown.mirror if shown is not None else False,
    )


def commitment_view(
    commitment: models.Commitment,
    *,
    status: str,
    obligations: Sequence[DatedObligation] = (),
) -> CommitmentView:
    """A commitment as listed; ``obligations`` dates its follow-ons."""
    return CommitmentView(**_commitment_fields(commitment, status, list(obligations)))


def commitment_detail_view(
    commitment: models.Commitment,
    *,
    status: str,
    obligations: Sequence[DatedObligation],
    history: Sequence[models.StatusChange],
) -> CommitmentDetailView:
    """A commitment with its status history (the entries recorded by the day shown)."""
    entries = [
        StatusEntryView(
            status=entry.status,
            party=entry.party,
            recorded_at=entry.recorded_at,
            recorded_by=entry.recorded_by,
            reason=entry.reason,
            evidence=entry.evidence,
        )
        for entry in history
    ]
    return CommitmentDetailView(
        **_commitment_fields(commitment, status, list(obligations)), history=entries
    )


def _commitment_fields(
    commitment: models.Commitment, status: str, obligations: list[DatedObligation]
) -> dict[str, Any]:
    follow_ons = [
        FollowOnView(
            id=f.code,
            statement=bi(f.statement_en, f.statement_ja),
            parties=list(f.parties),
            deadline=deadline_view(f.deadline),
            if_missed=bi_optional(f.if_missed_en, f.if_missed_ja),
            due_dates=[o.due for o in obligations if o.follow_on is f],
        )
        for f in commitment.follow_ons
    ]
    return {
        "id": commitment.code,
        "agreement": commitment.agreement_id,
        "statement": bi(commitment.statement_en, commitment.statement_ja),
        "parties": commitment.party_codes,
        "responsible_bodies": commitment.responsible_bodies,
        "actors": commitment.actors,
        "sectors": commitment.sector_ids,
        "strength": commitment.strength,
        "source": source_view(commitment),
        "deadline": deadline_view(commitment.deadline) if commitment.deadline else None,
        "conditions": [bi(c.get("en"), c.get("ja")) for c in commitment.conditions],
        "follow_ons": follow_ons,
        "grey_zone": bi_optional(commitment.grey_zone_en, commitment.grey_zone_ja),
        "note": bi_optional(commitment.note_en, commitment.note_ja),
        "status": status,
    }
