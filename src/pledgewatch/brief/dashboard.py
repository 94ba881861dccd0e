"""The status dashboard: watch points, deadlines with days left, and counts, as of one day."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from pledgewatch.assess.compliance import compliance_report
from pledgewatch.assess.deadlines import dated_obligations, pending_obligations
from pledgewatch.assess.ledger import build_ledger
from pledgewatch.assess.risk import DEFAULT_AT_RISK_DAYS, deadline_flags
from pledgewatch.assess.status import StatusKey, current_statuses
from pledgewatch.brief.compliance import compliance_summary
from pledgewatch.brief.evidence import evidence_summary, flag_view
from pledgewatch.brief.views import (
    DashboardView,
    ObligationView,
    PendingView,
    ProjectsSummaryView,
    WatchPointView,
    agreement_view,
    bi,
)
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models


def build_dashboard(
    session: Session,
    *,
    agreement_id: str | None,
    as_of: date,
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> DashboardView:
    """Everything the status dashboard shows for one agreement on the day ``as_of``.

    Deadlines within ``at_risk_days`` without achieved evidence are flagged for review.
    """
    agreement = agreement_store.get_agreement(session, agreement_id)
    commitments = agreement.commitments
    events = agreement_store.condition_events(session, agreement.id)
    statuses = current_statuses(session, agreement_id=agreement.id)

    def status_of(commitment: models.Commitment) -> str:
        change = statuses.get(StatusKey(agreement.id, commitment.code))
        return change.status if change else models.Status.NOT_STARTED.value

    obligations = dated_obligations(commitments, events)
    deadlines = [
        ObligationView(
            commitment=o.commitment.code,
            follow_on=o.follow_on.code if o.follow_on else None,
            statement=(
                bi(o.follow_on.statement_en, o.follow_on.statement_ja)
                if o.follow_on
                else bi(o.commitment.statement_en, o.commitment.statement_ja)
            ),
            due=o.due,
            precision=o.precision,
            days_left=o.days_left(as_of),
            basis=o.deadline.expression,
            rule=o.rule,
            soft=o.deadline.soft,
            status=status_of(o.commitment),
            subject=o.occurrence.subject if o.occurrence else None,
        )
        for o in obligations
    ]
    pending = [
        PendingView(
            commitment=p.commitment.code,
            follow_on=p.follow_on.code,
            statement=bi(p.follow_on.statement_en, p.follow_on.statement_ja),
            expression=p.follow_on.deadline.expression,
            waiting_for=bi(p.event.name_en, p.event.name_ja) if p.event else None,
        )
        for p in pending_obligations(commitments, events)
    ]

    watch_points = []
    for point in agreement_store.watch_points(session, agreement.id):
        linked = [link.commitment for link in point.links]
        upcoming = [o for o in obligations if o.commitment in linked and o.due >= as_of]
        nearest = upcoming[0] if upcoming else None
        if nearest is None:
            passed = [o for o in obligations if o.commitment in linked]
            nearest = passed[-1] if passed else None
        watch_points.append(
            WatchPointView(
                id=point.code,
                title=bi(point.title_en, point.title_ja),
                question=bi(point.question_en, point.question_ja),
                commitments=[c.code for c in linked],
                due=nearest.due if nearest else None,
                days_left=nearest.days_left(as_of) if nearest else None,
                statuses={c.code: status_of(c) for c in linked},
            )
        )

    by_status = Counter(status_of(c) for c in commitments)
    by_sector: dict[str, Counter[str]] = defaultdict(Counter)
    by_party: dict[str, Counter[str]] = defaultdict(Counter)
    for commitment in commitments:
        for sector in commitment.sector_ids[:1]:
            by_sector[sector][status_of(commitment)] += 1
        for party in commitment.party_codes:
            by_party[party][status_of(commitment)] += 1

    projects = agreement_store.projects(session, agreement.id)
    census = agreement_store.project_census(session, agreement.id)
    ledger = build_ledger(session, agreement_id=agreement.id, as_of=as_of)
    flags = deadline_flags(
        session, agreement_id=agreement.id, as_of=as_of, at_risk_days=at_risk_days
    )
    return DashboardView(
        agreement=agreement_view(agreement),
        as_of=as_of,
        watch_points=watch_points,
        deadlines=deadlines,
        pending=pending,
        by_status=dict(sorted(by_status.items())),
        by_sector={key: dict(value) for key, value in sorted(by_sector.items())},
        by_party={key: dict(value) for key, value in sorted(by_party.items())},
        projects=ProjectsSummaryView(
            named=len(projects),
            listed_in_sources=max((c.listed for c in census), default=None),
            announced_usd=sum((p.amount_usd or Decimal(0) for p in projects), Decimal(0)),
            pledge_usd=ledger.pledge.amount_usd if ledger.pledge else None,
            selected=ledger.totals.selected,
            selected_usd=ledger.totals.selected_usd,
            financed=ledger.totals.financed,
            financed_usd=ledger.totals.financed_usd,
        ),
        flags=[flag_view(flag) for flag in flags],
        evidence=evidence_summary(session, agreement_id=agreement.id),
        compliance=compliance_summary(
            compliance_report(session, agreement_id=agreement.id, as_of=as_of)
        ),
    )
