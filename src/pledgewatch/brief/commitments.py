"""Commitment listings and the detail of one commitment, with current status and deadlines."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from pledgewatch.assess.compliance import compliance_report
from pledgewatch.assess.deadlines import dated_obligations
from pledgewatch.assess.risk import DEFAULT_AT_RISK_DAYS, deadline_flags
from pledgewatch.assess.status import StatusKey, current_statuses
from pledgewatch.brief.compliance import commitment_compliance_view
from pledgewatch.brief.evidence import flag_view, list_evidence
from pledgewatch.brief.views import (
    CommitmentDetailView,
    CommitmentView,
    commitment_detail_view,
    commitment_view,
)
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models
from pledgewatch.store.commitments import CommitmentFilter, find_commitments, get_commitment


def list_commitments(
    session: Session, criteria: CommitmentFilter, *, status: str | None = None
) -> list[CommitmentView]:
    """Commitments matching ``criteria`` and, when given, currently in ``status``."""
    if criteria.agreement_id is not None:
        agreement_store.get_agreement(session, criteria.agreement_id)
    statuses = current_statuses(session, agreement_id=criteria.agreement_id)
    views = []
    events_by_agreement: dict[str, dict[str, models.ConditionEvent]] = {}
    for commitment in find_commitments(session, criteria):
        change = statuses.get(StatusKey(commitment.agreement_id, commitment.code))
        current = change.status if change else models.Status.NOT_STARTED.value
        if status is not None and current != status:
            continue
        if commitment.agreement_id not in events_by_agreement:
            events_by_agreement[commitment.agreement_id] = agreement_store.condition_events(
                session, commitment.agreement_id
            )
        obligations = dated_obligations([commitment], events_by_agreement[commitment.agreement_id])
        views.append(commitment_view(commitment, status=current, obligations=obligations))
    return views


def show_commitment(
    session: Session,
    key: str,
    *,
    as_of: date | None = None,
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> CommitmentDetailView:
    """One commitment with its source passage, deadline basis, conditions and history.

    With ``as_of`` its deadline flags are included; evidence and compliance always are.
    """
    commitment = get_commitment(session, key)
    statuses = current_statuses(session, agreement_id=commitment.agreement_id)
    change = statuses.get(StatusKey(commitment.agreement_id, commitment.code))
    events = agreement_store.condition_events(session, commitment.agreement_id)
    view = commitment_detail_view(
        commitment,
        status=change.status if change else models.Status.NOT_STARTED.value,
        obligations=dated_obligations([commitment], events),
    )
    report = compliance_report(session, agreement_id=commitment.agreement_id, as_of=as_of)
    compliance = next(c for c in report.commitments if c.commitment == commitment.code)
    flags = []
    if as_of is not None:
        flags = [
            flag_view(flag)
            for flag in deadline_flags(
                session,
                agreement_id=commitment.agreement_id,
                as_of=as_of,
                at_risk_days=at_risk_days,
            )
            if flag.obligation.commitment.code == commitment.code
        ]
    return view.model_copy(
        update={
            "evidence": list_evidence(
                session, commitment=f"{commitment.agreement_id}/{commitment.code}"
            ),
            "compliance": commitment_compliance_view(compliance),
            "flags": flags,
        }
    )
