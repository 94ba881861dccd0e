"""Evidence as people read it: listings, the review queue, and the flags of deadlines."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from pledgewatch.assess.linking import tied_evidence
from pledgewatch.assess.risk import DeadlineFlag
from pledgewatch.assess.situation import situation_on
from pledgewatch.brief.sectors import sector_names
from pledgewatch.brief.views import (
    Bilingual,
    CommitmentView,
    DeadlineFlagView,
    EvidenceSummaryView,
    EvidenceView,
    ItemRefView,
    ReasonView,
    View,
    bi,
    commitment_view,
)
from pledgewatch.errors import ConfigurationError, NotFoundError
from pledgewatch.store import evidence as evidence_store
from pledgewatch.store.commitments import get_commitment
from pledgewatch.store.evidence import EvidenceFilter
from pledgewatch.store.evidence_models import Evidence, EvidenceState, Judgement

STATES = tuple(state.value for state in EvidenceState)


def evidence_view(evidence: Evidence) -> EvidenceView:
    """One piece of evidence with its item, reasons and review."""
    item = evidence.item
    return EvidenceView(
        id=evidence.id,
        item=ItemRefView(
            url=item.url,
            title=item.title,
            published=item.published,
            source=item.source.name if item.source is not None else None,
            language=item.language,
        ),
        agreement=evidence.agreement_id,
        commitment=evidence.commitment_code,
        score=evidence.score,
        judgement=evidence.effective_judgement,
        proposed_judgement=evidence.judgement,
        state=evidence.state,
        reasons=[
            ReasonView(
                kind=str(r.get("kind", "")),
                detail=str(r.get("detail", "")),
                weight=float(r.get("weight", 0.0)),
            )
            for r in evidence.reasons
            if isinstance(r, dict)
        ],
        passage=evidence.passage,
        party=evidence.party,
        proposed_by=evidence.proposed_by,
        proposed_at=evidence.proposed_at,
        reviewed_by=evidence.reviewed_by,
        reviewed_at=evidence.reviewed_at,
        note=evidence.note,
    )


def list_evidence(
    session: Session,
    *,
    state: str | None = None,
    commitment: str | None = None,
    agreement_id: str | None = None,
) -> list[EvidenceView]:
    """Evidence in one state and for one commitment ('CM-04' or 'AGREEMENT/CM-04'), if given."""
    if state is not None and state not in STATES:
        raise ConfigurationError(
            f"--state must be one of {', '.join(STATES)}, not {state!r}",
            ja=f"--state は {', '.join(STATES)} のいずれかで指定してください"
            f"（{state!r} は使えません）",
        )
    code = None
    if commitment is not None:
        found = get_commitment(session, commitment)
        agreement_id, code = found.agreement_id, found.code
    rows = evidence_store.find_evidence(
        session, EvidenceFilter(state=state, agreement_id=agreement_id, commitment_code=code)
    )
    return [evidence_view(row) for row in rows]


def event_of(rows: Sequence[Evidence]) -> dict[int, int]:
    """For each row, the row that stands for its event: reports of one event share it.

    The linker ties a proposal to the evidence that reports its event in another language
    (assess/linking.py); ties to rows outside ``rows`` are ignored.
    """
    parent = {row.id: row.id for row in rows}

    def root(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for row in rows:
        for reason in row.reasons:
            if not isinstance(reason, dict):
                continue
            tie = tied_evidence(str(reason.get("kind")), str(reason.get("detail", "")))
            if tie is not None and tie[0] in parent:
                parent[root(row.id)] = root(tie[0])
    return {key: root(key) for key in parent}


def distinct_events(rows: Sequence[Evidence]) -> int:
    """How many events ``rows`` report: the reports of one event count once."""
    return len(set(event_of(rows).values()))


def evidence_summary(rows: Sequence[Evidence], *, latest: int = 5) -> EvidenceSummaryView:
    """Counts by review state and the latest confirmed evidence that shows action.

    ``rows`` are in listing order (the item published first), as a Situation holds them. The
    latest list shows one report of each event.
    """
    confirmed = [r for r in rows if r.state == EvidenceState.CONFIRMED.value]
    acting = [r for r in confirmed if r.effective_judgement != Judgement.MENTION.value]
    events = event_of(confirmed)
    shown: list[Evidence] = []
    seen: set[int] = set()
    for row in reversed(acting):
        if len(shown) >= latest:
            break
        if events[row.id] not in seen:
            seen.add(events[row.id])
            shown.append(row)
    return EvidenceSummaryView(
        confirmed=len(confirmed),
        confirmed_events=len(set(events.values())),
        proposed=sum(1 for r in rows if r.state == EvidenceState.PROPOSED.value),
        rejected=sum(1 for r in rows if r.state == EvidenceState.REJECTED.value),
        latest=[evidence_view(r) for r in shown],
    )


def flag_view(flag: DeadlineFlag) -> DeadlineFlagView:
    """A deadline flag for review."""
    o = flag.obligation
    statement = (
        bi(o.follow_on.statement_en, o.follow_on.statement_ja)
        if o.follow_on is not None
        else bi(o.commitment.statement_en, o.commitment.statement_ja)
    )
    return DeadlineFlagView(
        kind=flag.kind.value,
        commitment=o.commitment.code,
        follow_on=o.follow_on.code if o.follow_on is not None else None,
        subject=o.occurrence.subject if o.occurrence is not None else None,
        statement=statement,
        due=o.due,
        days_left=flag.days_left,
        soft=o.deadline.soft,
        status=flag.status,
    )


class ReviewCardView(View):
    """What a reviewer sees of one proposal: the evidence and the commitment as it stands."""

    evidence: EvidenceView
    commitment: CommitmentView | None
    concepts: dict[str, Bilingual]  # the commitment's concepts by id, for the reasons


def review_card(session: Session, evidence_id: int) -> ReviewCardView:
    """One proposal with its commitment's statement and current status."""
    evidence = evidence_store.get_evidence(session, evidence_id)
    commitment = None
    concepts: dict[str, Bilingual] = {}
    try:
        found = get_commitment(session, f"{evidence.agreement_id}/{evidence.commitment_code}")
    except NotFoundError:
        found = None
    if found is not None:
        now = situation_on(session, agreement_id=found.agreement_id, as_of=None)
        commitment = commitment_view(found, status=now.status(found.code))
        concepts = sector_names(session, found.sector_ids)
    return ReviewCardView(
        evidence=evidence_view(evidence), commitment=commitment, concepts=concepts
    )


def review_queue(
    session: Session, *, commitment: str | None = None, agreement_id: str | None = None
) -> list[int]:
    """The ids of proposals waiting for review, the oldest item first."""
    return [
        view.id
        for view in list_evidence(
            session,
            state=EvidenceState.PROPOSED.value,
            commitment=commitment,
            agreement_id=agreement_id,
        )
    ]
