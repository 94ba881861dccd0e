"""Compliance scores as the G7 Research Group keeps them (see COMMITMENTS.md).

Each party bound by a commitment scores +1 (full compliance: achieved), 0 (partial or work in
progress) or -1 (no action, or action against the commitment: not started, setback, missed);
an unclear status is not assessed. Every score carries the reason and evidence of the status it
comes from. Averages: per commitment, the mean over the parties assessed, recording the
denominator (recent reports leave unassessed parties out, as here); per party, the mean over its
commitments; per sector and for the agreement, the mean of the commitment averages. A
percentage is (score + 1) / 2 x 100.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pledgewatch.assess.review import (
    REASON_SEPARATOR,
    base_snapshots,
    confirmation_reason,
    snapshot,
)
from pledgewatch.assess.situation import Situation, situation_on
from pledgewatch.assess.standing import PartyStanding
from pledgewatch.capture.loader import LOADER
from pledgewatch.store import models

Status = models.Status

NO_STATUS = f"no status recorded{REASON_SEPARATOR}状況の記録なし"
NO_ACTION = (
    f"no confirmed evidence of action yet{REASON_SEPARATOR}行動を示す確認済みの根拠はまだない"
)
SCORE_FOR_STATUS: Mapping[str, int | None] = {
    Status.ACHIEVED.value: 1,
    Status.IN_PROGRESS.value: 0,
    Status.NOT_STARTED.value: -1,
    Status.SETBACK.value: -1,
    Status.MISSED.value: -1,
    Status.UNCLEAR.value: None,
}


def percent(score: float) -> float:
    """A score on -1..+1 as a percentage: (score + 1) / 2 x 100."""
    return (score + 1) / 2 * 100


@dataclass(frozen=True)
class Average:
    """A mean score with its denominator: how many were assessed, how many left out."""

    score: float | None
    assessed: int
    not_assessed: int = 0

    @property
    def percent(self) -> float | None:
        """The mean as a percentage, or None when nothing was assessed."""
        return None if self.score is None else percent(self.score)


def average(scores: Iterable[int | float | None]) -> Average:
    """The plain mean of the scores assessed; None scores are left out and counted."""
    values = list(scores)
    assessed = [float(v) for v in values if v is not None]
    mean = sum(assessed) / len(assessed) if assessed else None
    return Average(mean, len(assessed), len(values) - len(assessed))


def mean_of(averages: Iterable[Average]) -> Average:
    """The mean of averages (per sector, per agreement): each commitment counts once."""
    return average(a.score for a in averages)


@dataclass(frozen=True)
class PartyScore:
    """One party's score on one commitment, with the status, reason and evidence behind it."""

    party: str
    status: str
    score: int | None
    reason: str
    recorded_by: str
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class CommitmentCompliance:
    """A commitment's scores per party and their average."""

    commitment: str
    sector: str | None
    final: bool
    has_deadline: bool
    parties: list[PartyScore]
    average: Average


@dataclass(frozen=True)
class ComplianceReport:
    """Scores and averages for one agreement."""

    agreement_id: str
    commitments: list[CommitmentCompliance]
    by_party: dict[str, Average]
    by_sector: dict[str, Average]
    overall: Average


def compliance_report(
    session: Session, *, agreement_id: str | None, as_of: date | None = None
) -> ComplianceReport:
    """Scores and averages of an agreement's commitments as they stood on ``as_of``.

    ``as_of`` also decides which deadlines have passed, which makes a rating final on the
    trackers' scales that distinguish interim from final ratings.
    """
    return compliance_in(situation_on(session, agreement_id=agreement_id, as_of=as_of))


def compliance_in(situation: Situation) -> ComplianceReport:
    """Scores and averages of the commitments of a situation (see assess.situation)."""
    commitments = [
        commitment_compliance(situation, commitment)
        for commitment in situation.agreement.commitments
    ]
    by_party: dict[str, list[int | None]] = defaultdict(list)
    by_sector: dict[str, list[Average]] = defaultdict(list)
    for item in commitments:
        for score in item.parties:
            by_party[score.party].append(score.score)
        by_sector[item.sector or "-"].append(item.average)
    return ComplianceReport(
        agreement_id=situation.agreement.id,
        commitments=commitments,
        by_party={party: average(scores) for party, scores in sorted(by_party.items())},
        by_sector={sector: mean_of(values) for sector, values in sorted(by_sector.items())},
        overall=mean_of(c.average for c in commitments),
    )


def commitment_compliance(
    situation: Situation, commitment: models.Commitment
) -> CommitmentCompliance:
    """One commitment's scores per party and their average, in a situation."""
    standing = situation.standings[commitment.code]
    parties = [party_score(p) for p in standing.parties.values()]
    due = commitment.deadline.due if commitment.deadline is not None else None
    return CommitmentCompliance(
        commitment=commitment.code,
        sector=commitment.sector_ids[0] if commitment.sector_ids else None,
        final=due is not None and situation.as_of is not None and due < situation.as_of,
        has_deadline=due is not None,
        parties=parties,
        average=average(p.score for p in parties),
    )


def party_score(standing: PartyStanding) -> PartyScore:
    """A party's score with the reason and evidence of its status.

    The reason is that of the evidence that last moved the status, else that of the status set
    directly, as the history words them.
    """
    status = standing.status.value
    evidence = [snapshot(e) for e in standing.evidence]
    if standing.decisive is not None:
        reason = confirmation_reason(standing.decisive)
        recorded_by = standing.decisive.reviewed_by or ""
        evidence = [*base_snapshots(standing.base), *evidence]
    elif standing.base is not None:
        reason, recorded_by = standing.base.reason, standing.base.recorded_by
        if recorded_by == LOADER and standing.status is Status.NOT_STARTED:
            reason = NO_ACTION
        evidence = [*standing.base.evidence, *evidence]
    else:
        reason, recorded_by = NO_STATUS, ""
    return PartyScore(
        party=standing.party,
        status=status,
        score=SCORE_FOR_STATUS[status],
        reason=reason,
        recorded_by=recorded_by,
        evidence=evidence,
    )
