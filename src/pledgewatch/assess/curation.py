"""Apply a curated review file: a curator's confirmations, rejections and project milestones.

A dataset can ship its curator's review so that a fresh install shows statuses backed by
reviewed evidence. The file names items by URL and commitments by code; applying it confirms
the matching proposals (or adds the curator's own link where the linker proposed none) exactly
as a person would in `pledgewatch review evidence`, so the history records the curator as the
reviewer with the evidence snapshots. Applying the same file again changes nothing, and a
proposal someone has already reviewed keeps that review. Items that are not in the database are
reported and the rest is applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.orm import Session

from pledgewatch.assess.passages import passage_around
from pledgewatch.assess.projects import NewProject, record_milestone, sync_selection_events
from pledgewatch.assess.review import confirm, parse_judgement, reject
from pledgewatch.capture.agreement_file import ProjectStatus
from pledgewatch.capture.default import data_path
from pledgewatch.capture.field_errors import field_error_ja
from pledgewatch.capture.yaml_source import Location, read_yaml
from pledgewatch.errors import AgreementFileError, NotFoundError, PledgewatchError, message_in
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import evidence as evidence_store
from pledgewatch.store.commitments import get_commitment
from pledgewatch.store.evidence_models import Evidence, EvidenceState
from pledgewatch.store.monitor_models import Item
from pledgewatch.store.thesaurus import concept_terms

FORMAT = "pledgewatch-review/1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Words(_Strict):
    """A text in both languages."""

    en: str = Field(min_length=1)
    ja: str = Field(min_length=1)


class CuratedEvidence(_Strict):
    """Items (the language versions of one report) the curator confirmed for a commitment."""

    items: list[str] = Field(min_length=1, description="URLs or sample file names")
    commitment: str = Field(min_length=1)
    judgement: Literal["achieved", "progress", "setback", "mention"]
    party: str | None = None
    note: Words


class CuratedRejection(_Strict):
    """Machine proposals the curator rejected: items for a commitment."""

    items: list[str] = Field(min_length=1)
    commitment: str = Field(min_length=1)
    note: Words


class CuratedMilestone(_Strict):
    """A project's step as the curator read it from an item."""

    project: str = Field(min_length=1)
    status: ProjectStatus
    date: date
    amount_usd: Decimal | None = Field(default=None, ge=0)
    name: Words | None = None
    sector: str | None = None
    item: str = Field(min_length=1)
    note: Words


class ReviewFile(_Strict):
    """A curated review file (format pledgewatch-review/1)."""

    format: Literal["pledgewatch-review/1"]
    agreement: str
    reviewer: str = Field(min_length=1)
    evidence: list[CuratedEvidence] = []
    rejected: list[CuratedRejection] = []
    milestones: list[CuratedMilestone] = []


@dataclass
class CurationResult:
    """What applying a review file did; items not found are listed, the rest applied."""

    confirmed: int = 0
    added: int = 0
    rejected: int = 0
    unchanged: int = 0
    milestones: int = 0
    status_changes: int = 0
    problems: list[str] = field(default_factory=list)
    problems_ja: list[str] = field(default_factory=list)
    """The same problems, in Japanese."""

    def add_problem(self, where: str, error: PledgewatchError) -> None:
        """Note that ``error`` stopped the item at ``where`` (empty: the error names it)."""
        prefix = f"{where}: " if where else ""
        self.problems.append(f"{prefix}{error}")
        self.problems_ja.append(f"{prefix}{message_in(error, 'ja')}")

    def problems_in(self, lang: str) -> list[str]:
        """The problems for a reader of ``lang``."""
        return self.problems_ja if lang == "ja" else self.problems


def sample_review_path(agreement_id: str) -> Path:
    """The curated review shipped with an agreement's sample source."""
    return data_path() / "samples" / agreement_id / "review.yaml"


def read_review_file(path: Path) -> ReviewFile:
    """Parse and check a review file; problems are reported by line and field."""
    document = read_yaml(path)
    try:
        return ReviewFile.model_validate(document.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            location: Location = tuple(p for p in error["loc"] if isinstance(p, str | int))
            problems.append(document.problem(location, error["msg"], field_error_ja(error)))
        raise AgreementFileError(path, problems) from exc


def apply_review(session: Session, review: ReviewFile) -> CurationResult:
    """Apply a curated review in the order its items happened; idempotent."""
    agreement = agreement_store.get_agreement(session, review.agreement)
    result = CurationResult()
    resolved: list[tuple[Item, CuratedEvidence]] = []
    for entry in review.evidence:
        for reference in entry.items:
            item = _item(session, reference, result)
            if item is not None:
                resolved.append((item, entry))
    resolved.sort(key=lambda pair: (pair[0].published or date.max, pair[0].id))
    for item, entry in resolved:
        try:
            _confirm(session, agreement.id, item, entry, review.reviewer, result)
        except PledgewatchError as exc:
            result.add_problem(f"{item.url} / {entry.commitment}", exc)
    for rejection in review.rejected:
        for reference in rejection.items:
            item = _item(session, reference, result)
            if item is None:
                continue
            found = evidence_store.evidence_for_story(
                session,
                story_id=item.story_id,
                agreement_id=agreement.id,
                commitment_code=rejection.commitment,
            )
            if found is None or found.state != EvidenceState.PROPOSED.value:
                result.unchanged += 1
                continue
            note = _note(rejection.note)
            outcome = reject(session, found.id, reviewer=review.reviewer, note=note)
            result.rejected += 1
            result.status_changes += len(outcome.changes)
    for milestone in review.milestones:
        _milestone(session, agreement.id, milestone, review.reviewer, result)
    sync_selection_events(session, agreement_id=agreement.id)
    return result


def _confirm(
    session: Session,
    agreement_id: str,
    item: Item,
    entry: CuratedEvidence,
    reviewer: str,
    result: CurationResult,
) -> None:
    commitment = get_commitment(session, f"{agreement_id}/{entry.commitment}")
    found = evidence_store.evidence_for_story(
        session, story_id=item.story_id, agreement_id=agreement_id, commitment_code=commitment.code
    )
    if found is None:
        terms = {c.concept_id: c.terms for c in concept_terms(session)}
        topic = [t for sector in commitment.sector_ids for t in terms.get(sector, ())]
        found = Evidence(
            item_id=item.id,
            story_id=item.story_id,
            agreement_id=agreement_id,
            commitment_code=commitment.code,
            score=None,
            judgement=parse_judgement(entry.judgement).value,
            reasons=[{"kind": "curator", "detail": entry.note.en, "weight": 1.0}],
            passage=passage_around(f"{item.title}\n{item.text}", topic),
            state=EvidenceState.PROPOSED.value,
            proposed_at=datetime.now(UTC),
            proposed_by=reviewer,
        )
        session.add(found)
        session.flush()
        result.added += 1
    if found.state != EvidenceState.PROPOSED.value:
        # Already reviewed, by this curator on an earlier run or by a person: keep that review.
        result.unchanged += 1
        return
    outcome = confirm(
        session,
        found.id,
        reviewer=reviewer,
        judgement=entry.judgement,
        party=entry.party,
        note=_note(entry.note),
    )
    result.confirmed += 1
    result.status_changes += len(outcome.changes)


def _milestone(
    session: Session,
    agreement_id: str,
    entry: CuratedMilestone,
    reviewer: str,
    result: CurationResult,
) -> None:
    item = _item(session, entry.item, result)
    if item is None:
        return
    new_project = None
    if entry.name is not None:
        new_project = NewProject(entry.name.en, entry.name.ja, entry.sector or "investment")
    snapshot = {
        "kind": "item",
        "title": item.title,
        "published": item.published.isoformat() if item.published else None,
        "url": item.url,
        "source": item.source.name if item.source is not None else None,
        "passage": passage_around(f"{item.title}\n{item.text}", [entry.project]),
    }
    try:
        outcome = record_milestone(
            session,
            agreement_id=agreement_id,
            project=entry.project,
            status=entry.status.value,
            on=entry.date,
            recorded_by=reviewer,
            reason=_note(entry.note),
            amount_usd=entry.amount_usd,
            new_project=new_project if not _named_before(session, agreement_id, entry) else None,
            evidence=[snapshot],
        )
    except PledgewatchError as exc:
        result.add_problem(entry.project, exc)
        return
    if outcome.created:
        result.milestones += 1
    else:
        result.unchanged += 1


def _named_before(session: Session, agreement_id: str, entry: CuratedMilestone) -> bool:
    return any(
        m.name_en
        for m in evidence_store.project_milestones(
            session, agreement_id=agreement_id, project_codes=[entry.project]
        )
    )


def _item(session: Session, url: str, result: CurationResult) -> Item | None:
    try:
        return evidence_store.find_item(session, url)
    except NotFoundError as exc:
        result.add_problem("", exc)
        return None


def _note(words: Words) -> str:
    return f"{words.en} / {words.ja}"
