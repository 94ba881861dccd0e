"""Deadlines that need a person's eye: 'at risk' before they fall due, 'missed?' after.

A deadline is at risk when it falls within the warning window (settings.at_risk_days) and no
achieved evidence has been confirmed; once it has passed without achieved evidence it is
flagged 'missed?'. Both are questions for review, not verdicts: the machine cannot know that
nothing happened, only that nobody has confirmed it did. A person records the verdict with
mark_missed, which appends 'missed' to the history with the deadline as its basis.

A follow-on deadline dated by a project's selection is met when that project has a 'financed'
milestone by the due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from pledgewatch.assess.deadlines import DatedObligation
from pledgewatch.assess.situation import Situation, situation_on
from pledgewatch.assess.standing import happened_on
from pledgewatch.assess.status import record_status
from pledgewatch.capture.agreement_file import ProjectStatus
from pledgewatch.errors import ConfigurationError
from pledgewatch.store import models
from pledgewatch.store.commitments import get_commitment
from pledgewatch.store.evidence_models import EvidenceState, Judgement

DEFAULT_AT_RISK_DAYS = 30


class FlagKind(StrEnum):
    """What a deadline flag asks the reviewer."""

    AT_RISK = "at_risk"
    MISSED = "missed?"


@dataclass(frozen=True)
class DeadlineFlag:
    """A deadline without achieved evidence, near or past its date."""

    kind: FlagKind
    obligation: DatedObligation
    days_left: int
    status: str

    @property
    def key(self) -> str:
        """The commitment or follow-on code, with the project it concerns for follow-ons."""
        o = self.obligation
        if o.follow_on is None:
            return o.commitment.code
        subject = o.occurrence.subject if o.occurrence is not None else None
        return f"{o.follow_on.code}:{subject}" if subject else o.follow_on.code


def deadline_flags(
    session: Session, *, agreement_id: str | None, as_of: date, at_risk_days: int
) -> list[DeadlineFlag]:
    """Every deadline at risk or possibly missed on ``as_of``, earliest first."""
    return flags_in(
        situation_on(session, agreement_id=agreement_id, as_of=as_of), at_risk_days=at_risk_days
    )


def flags_in(situation: Situation, *, at_risk_days: int) -> list[DeadlineFlag]:
    """The deadlines at risk or possibly missed on the situation's day, earliest first."""
    if at_risk_days < 0:
        raise ConfigurationError(
            f"at_risk_days must be 0 or more, not {at_risk_days}",
            ja=f"at_risk_days は0以上で指定してください（{at_risk_days} は使えません）",
        )
    if situation.as_of is None:
        raise ConfigurationError(
            "deadline flags need a day to count from",
            ja="期限の確認には、数え始める基準日が必要です",
        )
    achieved = _achieved_evidence_dates(situation)
    financed = _financed_dates(situation)
    flags = []
    for obligation in situation.obligations():
        status = situation.status(obligation.commitment.code)
        if _met(obligation, status, achieved, financed):
            continue
        days_left = obligation.days_left(situation.as_of)
        if days_left < 0:
            if obligation.follow_on is None and status == models.Status.MISSED.value:
                continue
            flags.append(DeadlineFlag(FlagKind.MISSED, obligation, days_left, status))
        elif days_left <= at_risk_days:
            flags.append(DeadlineFlag(FlagKind.AT_RISK, obligation, days_left, status))
    return flags


def mark_missed(
    session: Session,
    commitment_key: str,
    *,
    as_of: date,
    reviewer: str,
    reason: str,
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> models.StatusChange:
    """Record that a commitment missed its deadline, after a person checked the 'missed?' flag."""
    commitment = get_commitment(session, commitment_key)
    flags = [
        flag
        for flag in deadline_flags(
            session, agreement_id=commitment.agreement_id, as_of=as_of, at_risk_days=at_risk_days
        )
        if flag.kind is FlagKind.MISSED
        and flag.obligation.commitment.code == commitment.code
        and flag.obligation.follow_on is None
    ]
    if not flags:
        raise ConfigurationError(
            f"{commitment.code} is not past a deadline without achieved evidence on {as_of}; "
            "see 'pledgewatch review deadlines'",
            ja=f"{commitment.code} は {as_of} の時点で、達成の根拠がないまま"
            "期限を過ぎてはいません。'pledgewatch review deadlines' で確認してください",
        )
    obligation = flags[0].obligation
    basis = {
        "kind": "deadline",
        "due": obligation.due.isoformat(),
        "expression": obligation.deadline.expression,
        "rule": obligation.rule,
        "as_of": as_of.isoformat(),
        "days_overdue": -flags[0].days_left,
    }
    return record_status(
        session,
        commitment,
        status=models.Status.MISSED,
        recorded_by=reviewer,
        reason=reason,
        evidence=[basis],
    )


def _met(
    obligation: DatedObligation,
    status: str,
    achieved: dict[str, list[date]],
    financed: dict[str, list[date]],
) -> bool:
    if obligation.follow_on is not None:
        subject = obligation.occurrence.subject if obligation.occurrence else None
        return subject is not None and any(d <= obligation.due for d in financed.get(subject, []))
    if status == models.Status.ACHIEVED.value:
        return True
    return any(d <= obligation.due for d in achieved.get(obligation.commitment.code, []))


def _achieved_evidence_dates(situation: Situation) -> dict[str, list[date]]:
    found: dict[str, list[date]] = {}
    for evidence in situation.evidence:
        if (
            evidence.state == EvidenceState.CONFIRMED.value
            and evidence.effective_judgement == Judgement.ACHIEVED.value
        ):
            found.setdefault(evidence.commitment_code, []).append(happened_on(evidence))
    return found


def _financed_dates(situation: Situation) -> dict[str, list[date]]:
    found: dict[str, list[date]] = {}
    for milestone in situation.milestones:
        if milestone.status == ProjectStatus.FINANCED.value:
            found.setdefault(milestone.project_code, []).append(milestone.happened_on)
    return found
