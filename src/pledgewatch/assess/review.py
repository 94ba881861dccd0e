"""A person's review of evidence proposals, and the status changes confirmed evidence makes.

Only confirmed evidence moves a status, always through record_status with a frozen snapshot of
the evidence (title, date, URL, passage, judgement), so every status can be reproduced from its
entry and challenged later. Confirming or rejecting evidence recomputes the commitment's status
for each party it binds (or the party the evidence names) and for the commitment as a whole, and
appends an entry only where a status changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pledgewatch.assess.standing import (
    chronological,
    combine,
    is_evidence_derived,
    party_status,
    stand,
)
from pledgewatch.assess.status import record_status
from pledgewatch.errors import ConfigurationError
from pledgewatch.store import evidence as evidence_store
from pledgewatch.store import models
from pledgewatch.store.commitments import get_commitment
from pledgewatch.store.evidence import EvidenceFilter
from pledgewatch.store.evidence_models import Evidence, EvidenceState, Judgement

Status = models.Status

# The reasons this module writes hold English, then Japanese, joined by this separator.
REASON_SEPARATOR = " — "
JUDGEMENT_JA = {"achieved": "達成", "progress": "進展", "setback": "後退", "mention": "言及のみ"}


@dataclass(frozen=True)
class ReviewOutcome:
    """A reviewed proposal and the status entries its review appended."""

    evidence: Evidence
    changes: list[models.StatusChange] = field(default_factory=list)


def parse_judgement(value: str) -> Judgement:
    """A judgement from its name or first letter (a, p, s, m), as reviewers type it."""
    text = value.strip().lower()
    for judgement in Judgement:
        if text in (judgement.value, judgement.value[0]) or (
            judgement is Judgement.MENTION and text == "mention-only"
        ):
            return judgement
    raise ConfigurationError(
        f"judgement must be achieved, progress, setback or mention (a/p/s/m), not {value!r}",
        ja="判定は achieved（達成）、progress（進展）、setback（後退）、mention（言及のみ）"
        f"のいずれか（a/p/s/m）で指定してください（{value!r} は使えません）",
    )


# confirm(party=ALL_PARTIES): the evidence concerns every party the commitment binds, as for a
# proposal the linker made for one party's own part that the reviewer finds is about all of them.
ALL_PARTIES = "ALL"


def confirm(
    session: Session,
    evidence_id: int,
    *,
    reviewer: str,
    judgement: str | None = None,
    party: str | None = None,
    note: str | None = None,
) -> ReviewOutcome:
    """Confirm a proposal (optionally with another judgement or for one party); update statuses.

    ``party`` narrows the evidence to one party, or widens it to all with ALL_PARTIES; None
    keeps what the proposal says. Confirming again with the same judgement and party changes
    nothing.
    """
    evidence = evidence_store.get_evidence(session, evidence_id)
    commitment = _commitment(session, evidence)
    chosen = parse_judgement(judgement).value if judgement is not None else None
    if party == ALL_PARTIES:
        party_after = None
    elif party is not None and party not in commitment.party_codes:
        raise ConfigurationError(
            f"{commitment.code} binds {', '.join(commitment.party_codes)}, not {party}",
            ja=f"{commitment.code} の当事者は {', '.join(commitment.party_codes)} です"
            f"（{party} ではありません）",
        )
    else:
        party_after = party if party is not None else evidence.party
    unchanged = (
        evidence.state == EvidenceState.CONFIRMED.value
        and (chosen is None or chosen == evidence.effective_judgement)
        and party_after == evidence.party
    )
    if unchanged:
        return ReviewOutcome(evidence)
    if chosen is not None:
        evidence.reviewed_judgement = None if chosen == evidence.judgement else chosen
    evidence.party = party_after
    _mark(evidence, EvidenceState.CONFIRMED, reviewer, note)
    session.flush()
    reason = confirmation_reason(evidence)
    return ReviewOutcome(evidence, reassess(session, commitment, reviewer=reviewer, reason=reason))


def confirmation_reason(evidence: Evidence) -> str:
    """Why a status rests on a piece of confirmed evidence, in English and Japanese."""
    title = evidence.item.title
    when = evidence.item.published.isoformat() if evidence.item.published else "undated"
    verdict = evidence.effective_judgement
    return (
        f"Confirmed evidence #{evidence.id} ({verdict}): {title} ({when})"
        f"{REASON_SEPARATOR}証拠#{evidence.id}「{title}」（{when}）を確認（{JUDGEMENT_JA[verdict]}）"
    )


def reject(
    session: Session, evidence_id: int, *, reviewer: str, note: str | None = None
) -> ReviewOutcome:
    """Reject a proposal; rejecting confirmed evidence recomputes the statuses it moved."""
    evidence = evidence_store.get_evidence(session, evidence_id)
    if evidence.state == EvidenceState.REJECTED.value:
        return ReviewOutcome(evidence)
    was_confirmed = evidence.state == EvidenceState.CONFIRMED.value
    _mark(evidence, EvidenceState.REJECTED, reviewer, note)
    session.flush()
    if not was_confirmed:
        return ReviewOutcome(evidence)
    reason = (
        f"Evidence #{evidence.id} rejected; recomputed from the remaining confirmed evidence"
        f"{REASON_SEPARATOR}証拠#{evidence.id}を却下し、残りの確認済みの証拠から再評価"
    )
    commitment = _commitment(session, evidence)
    return ReviewOutcome(evidence, reassess(session, commitment, reviewer=reviewer, reason=reason))


def change_judgement(
    session: Session, evidence_id: int, judgement: str, *, reviewer: str, note: str | None = None
) -> ReviewOutcome:
    """Change a proposal's judgement; confirmed evidence is reassessed with the new one."""
    evidence = evidence_store.get_evidence(session, evidence_id)
    if evidence.state == EvidenceState.CONFIRMED.value:
        return confirm(session, evidence_id, reviewer=reviewer, judgement=judgement, note=note)
    chosen = parse_judgement(judgement).value
    evidence.reviewed_judgement = None if chosen == evidence.judgement else chosen
    evidence.reviewed_by = reviewer
    evidence.reviewed_at = datetime.now(UTC)
    if note:
        evidence.note = note
    session.flush()
    return ReviewOutcome(evidence)


def snapshot(evidence: Evidence) -> dict[str, Any]:
    """The frozen copy of a piece of evidence kept with the status it moves."""
    item = evidence.item
    return {
        "kind": "evidence",
        "evidence_id": evidence.id,
        "title": item.title,
        "published": item.published.isoformat() if item.published else None,
        "url": item.url,
        "source": item.source.name if item.source is not None else None,
        "language": item.language,
        "passage": evidence.passage,
        "judgement": evidence.effective_judgement,
        "proposed_judgement": evidence.judgement,
        "score": evidence.score,
        "party": evidence.party,
        "reviewed_by": evidence.reviewed_by,
        "reviewed_at": evidence.reviewed_at.isoformat() if evidence.reviewed_at else None,
        "note": evidence.note,
    }


def reassess(
    session: Session, commitment: models.Commitment, *, reviewer: str, reason: str
) -> list[models.StatusChange]:
    """Recompute a commitment's statuses from its confirmed evidence; append what changed."""
    history = _history(session, commitment)
    confirmed = chronological(
        evidence_store.find_evidence(
            session,
            EvidenceFilter(
                state=EvidenceState.CONFIRMED.value,
                agreement_id=commitment.agreement_id,
                commitment_code=commitment.code,
            ),
        )
    )
    changes: list[models.StatusChange] = []
    derived: dict[str, Status] = {}
    rests_on: dict[int, dict[str, Any]] = {}
    for party in commitment.party_codes:
        standing = stand(history, confirmed, party)
        derived[party] = standing.status
        snapshots = [snapshot(e) for e in standing.evidence]
        rests_on.update((e.id, s) for e, s in zip(standing.evidence, snapshots, strict=True))
        if standing.status != party_status(history, party):
            changes.append(
                record_status(
                    session,
                    commitment,
                    status=standing.status,
                    recorded_by=reviewer,
                    reason=reason,
                    party=party,
                    evidence=[*base_snapshots(standing.base), *snapshots],
                )
            )
    whole = combine(list(derived.values()))
    latest_whole = next((h for h in reversed(history) if h.party is None), None)
    current_whole = Status(latest_whole.status) if latest_whole else Status.NOT_STARTED
    if whole != current_whole:
        parties = {"kind": "parties", "statuses": {p: s.value for p, s in derived.items()}}
        changes.append(
            record_status(
                session,
                commitment,
                status=whole,
                recorded_by=reviewer,
                reason=reason,
                evidence=[parties, *rests_on.values()],
            )
        )
    return changes


def base_snapshots(base: models.StatusChange | None) -> list[dict[str, Any]]:
    """The snapshot of the status a party's evidence is carried from; none for not started."""
    if base is None or is_evidence_derived(base) or base.status == Status.NOT_STARTED.value:
        return []
    return [
        {
            "kind": "status",
            "status": base.status,
            "recorded_by": base.recorded_by,
            "recorded_at": base.recorded_at.isoformat(),
            "reason": base.reason,
        }
    ]


def _mark(evidence: Evidence, state: EvidenceState, reviewer: str, note: str | None) -> None:
    evidence.state = state.value
    evidence.reviewed_by = reviewer
    evidence.reviewed_at = datetime.now(UTC)
    if note:
        evidence.note = note


def _commitment(session: Session, evidence: Evidence) -> models.Commitment:
    return get_commitment(session, f"{evidence.agreement_id}/{evidence.commitment_code}")


def _history(session: Session, commitment: models.Commitment) -> list[models.StatusChange]:
    return list(
        session.scalars(
            select(models.StatusChange)
            .where(models.StatusChange.agreement_id == commitment.agreement_id)
            .where(models.StatusChange.commitment_code == commitment.code)
            .order_by(models.StatusChange.id)
        )
    )
