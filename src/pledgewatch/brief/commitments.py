"""Commitment listings and the detail of one commitment, with their status and deadlines."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from pledgewatch.assess.compliance import commitment_compliance
from pledgewatch.assess.risk import DEFAULT_AT_RISK_DAYS, flags_in
from pledgewatch.assess.situation import Situation, situation_on
from pledgewatch.brief.compliance import commitment_compliance_view
from pledgewatch.brief.evidence import evidence_view, flag_view
from pledgewatch.brief.sectors import sector_names
from pledgewatch.brief.views import (
    CommitmentDetailView,
    CommitmentView,
    commitment_detail_view,
    commitment_view,
)
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store.commitments import CommitmentFilter, find_commitments, get_commitment


def list_commitments(
    session: Session,
    criteria: CommitmentFilter,
    *,
    status: str | None = None,
    as_of: date | None = None,
) -> list[CommitmentView]:
    """Commitments matching ``criteria`` and, when given, in ``status`` on ``as_of``."""
    if criteria.agreement_id is not None:
        agreement_store.get_agreement(session, criteria.agreement_id)
    situations: dict[str, Situation] = {}
    views = []
    for commitment in find_commitments(session, criteria):
        if commitment.agreement_id not in situations:
            situations[commitment.agreement_id] = situation_on(
                session, agreement_id=commitment.agreement_id, as_of=as_of
            )
        situation = situations[commitment.agreement_id]
        current = situation.status(commitment.code)
        if status is not None and current != status:
            continue
        obligations = situation.obligations([commitment])
        views.append(commitment_view(commitment, status=current, obligations=obligations))
    names = sector_names(session, {s for view in views for s in view.sectors})
    return [
        view.model_copy(update={"sector_names": {s: names[s] for s in view.sectors if s in names}})
        for view in views
    ]


def show_commitment(
    session: Session,
    key: str,
    *,
    as_of: date | None = None,
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> CommitmentDetailView:
    """One commitment with its source passage, deadline basis, conditions and history.

    With ``as_of`` it is shown as it stood that day (see assess.situation), with its deadline
    flags; evidence and compliance are always included.
    """
    commitment = get_commitment(session, key)
    situation = situation_on(session, agreement_id=commitment.agreement_id, as_of=as_of)
    code = commitment.code
    view = commitment_detail_view(
        commitment,
        status=situation.status(code),
        obligations=situation.obligations([commitment]),
        history=situation.history.get(code, []),
    )
    flags = []
    if as_of is not None:
        flags = [
            flag_view(flag)
            for flag in flags_in(situation, at_risk_days=at_risk_days)
            if flag.obligation.commitment.code == code
        ]
    return view.model_copy(
        update={
            "evidence": [evidence_view(e) for e in situation.evidence_for(code)],
            "compliance": commitment_compliance_view(commitment_compliance(situation, commitment)),
            "flags": flags,
            "sector_names": sector_names(session, commitment.sector_ids),
        }
    )
