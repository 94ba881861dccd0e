"""The status dashboard: watch points, deadlines with days left, and counts, as of one day."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy.orm import Session

from pledgewatch.assess.compliance import compliance_in
from pledgewatch.assess.ledger import ledger_in
from pledgewatch.assess.risk import DEFAULT_AT_RISK_DAYS, flags_in
from pledgewatch.assess.situation import situation_on
from pledgewatch.brief.compliance import compliance_summary
from pledgewatch.brief.evidence import evidence_summary, flag_view
from pledgewatch.brief.ledger import totals_view
from pledgewatch.brief.sectors import sector_names
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


def build_dashboard(
    session: Session,
    *,
    agreement_id: str | None,
    as_of: date,
    at_risk_days: int = DEFAULT_AT_RISK_DAYS,
) -> DashboardView:
    """Everything the status dashboard shows for one agreement as it stood on ``as_of``.

    Deadlines within ``at_risk_days`` without achieved evidence are flagged for review.
    """
    situation = situation_on(session, agreement_id=agreement_id, as_of=as_of)
    agreement = situation.agreement
    commitments = agreement.commitments
    status_of = situation.status

    obligations = situation.obligations()
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
            status=status_of(o.commitment.code),
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
        for p in situation.pending()
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
                statuses={c.code: status_of(c.code) for c in linked},
            )
        )

    by_status = Counter(status_of(c.code) for c in commitments)
    by_sector: dict[str, Counter[str]] = defaultdict(Counter)
    by_party: dict[str, Counter[str]] = defaultdict(Counter)
    for commitment in commitments:
        for sector in commitment.sector_ids[:1]:
            by_sector[sector][status_of(commitment.code)] += 1
        for party, standing in situation.standings[commitment.code].parties.items():
            by_party[party][standing.status.value] += 1

    ledger = ledger_in(session, situation)
    totals = totals_view(ledger, ledger.totals)
    counted = [p for p in ledger.projects if p.announced_on <= as_of]
    named = sum(p.in_agreement_file for p in ledger.projects)
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
            named=named,
            listed_in_sources=ledger.listed_in_sources,
            announced=totals.announced,
            first_reported_later=sum(not p.in_agreement_file for p in counted),
            announced_usd=totals.announced_usd,
            pledge_usd=ledger.pledge.amount_usd if ledger.pledge else None,
            selected=totals.selected,
            selected_usd=totals.selected_usd,
            selected_share=totals.selected_share,
            financed=totals.financed,
            financed_usd=totals.financed_usd,
            financed_share=totals.financed_share,
        ),
        flags=[flag_view(flag) for flag in flags_in(situation, at_risk_days=at_risk_days)],
        evidence=evidence_summary(situation.evidence),
        compliance=compliance_summary(compliance_in(situation)),
        sector_names=sector_names(session, by_sector),
    )
