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

from pledgewatch.assess.deadlines import DatedObligation, dated_obligations
from pledgewatch.assess.status import StatusKey, current_statuses, record_status
from pledgewatch.capture.agreement_file import ProjectStatus
from pledgewatch.errors import ConfigurationError
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models
from pledgewatch.store.commitments import get_commitment
from pledgewatch.store.evidence import EvidenceFilter, find_evidence, project_milestones
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
    if at_risk_days < 0:
        raise ConfigurationError(f"at_risk_days must be 0 or more, not {at_risk_days}")
    agreement = agreement_store.get_agreement(session, agreement_id)
    events = agreement_store.condition_events(session, agreement.id)
    statuses = current_statuses(session, agreement_id=agreement.id)
    achieved = _achieved_evidence_dates(session, agreement.id)
    financed = _financed_dates(session, agreement.id)
    flags = []
    for obligation in dated_obligations(agreement.commitments, events):
        change = statuses.get(StatusKey(agreement.id, obligation.commitment.code))
        status = change.status if change else models.Status.NOT_STARTED.value
        if _met(obligation, status, achieved, financed):
            continue
        days_left = obligation.days_left(as_of)
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
            "see 'pledgewatch review deadlines'"
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


def _achieved_evidence_dates(session: Session, agreement_id: str) -> dict[str, list[date]]:
    found: dict[str, list[date]] = {}
    confirmed = find_evidence(
        session, EvidenceFilter(state=EvidenceState.CONFIRMED.value, agreement_id=agreement_id)
    )
    for evidence in confirmed:
        if evidence.effective_judgement == Judgement.ACHIEVED.value:
            when = evidence.item.published or date.min
            found.setdefault(evidence.commitment_code, []).append(when)
    return found


def _financed_dates(session: Session, agreement_id: str) -> dict[str, list[date]]:
    found: dict[str, list[date]] = {}
    for milestone in project_milestones(session, agreement_id=agreement_id):
        if milestone.status == ProjectStatus.FINANCED.value:
            found.setdefault(milestone.project_code, []).append(milestone.happened_on)
    return found
