"""Compliance as people read it: scores per party and commitment, averages, other scales."""

from __future__ import annotations

from datetime import date

from pydantic import Field
from sqlalchemy.orm import Session

from pledgewatch.assess.compliance import Average, CommitmentCompliance, compliance_report
from pledgewatch.assess.compliance import ComplianceReport as Report
from pledgewatch.assess.scales import LOSSES, NAMES, Scale, rate
from pledgewatch.brief.sectors import sector_names
from pledgewatch.brief.views import (
    AverageView,
    Bilingual,
    CommitmentComplianceView,
    ComplianceSummaryView,
    PartyScoreView,
    RatingView,
    View,
    bi,
)


class ComplianceReportView(View):
    """An agreement's compliance report on one scale, with what the scale loses."""

    agreement: str
    as_of: date
    scale: str
    scale_name: Bilingual
    scale_loss: Bilingual
    commitments: list[CommitmentComplianceView]
    by_party: dict[str, AverageView]
    by_sector: dict[str, AverageView]
    overall: AverageView
    sector_names: dict[str, Bilingual] = Field(default_factory=dict)


def average_view(average: Average) -> AverageView:
    """A mean with its denominator; rounded for reading, the counts exact."""
    return AverageView(
        score=None if average.score is None else round(average.score, 4),
        percent=None if average.percent is None else round(average.percent, 2),
        assessed=average.assessed,
        not_assessed=average.not_assessed,
    )


def commitment_compliance_view(
    item: CommitmentCompliance, *, scale: Scale | None = None
) -> CommitmentComplianceView:
    """A commitment's scores per party, rated on ``scale`` when given."""
    parties = []
    for party in item.parties:
        rating = None
        if scale is not None:
            found = rate(scale, party.status, final=item.final, has_deadline=item.has_deadline)
            rating = RatingView(scale=scale.value, code=found.code, label=bi(found.en, found.ja))
        parties.append(
            PartyScoreView(
                party=party.party,
                status=party.status,
                score=party.score,
                reason=party.reason,
                recorded_by=party.recorded_by,
                evidence=party.evidence,
                rating=rating,
            )
        )
    return CommitmentComplianceView(
        commitment=item.commitment,
        sector=item.sector,
        final=item.final,
        parties=parties,
        average=average_view(item.average),
    )


def compliance_summary(report: Report) -> ComplianceSummaryView:
    """The averages of a report, for the dashboard."""
    return ComplianceSummaryView(
        overall=average_view(report.overall),
        by_party={k: average_view(v) for k, v in report.by_party.items()},
        by_sector={k: average_view(v) for k, v in report.by_sector.items()},
    )


def build_compliance(
    session: Session, *, agreement_id: str | None, scale: Scale, as_of: date
) -> ComplianceReportView:
    """The compliance report of an agreement on ``scale`` as of one day."""
    report = compliance_report(session, agreement_id=agreement_id, as_of=as_of)
    return ComplianceReportView(
        agreement=report.agreement_id,
        as_of=as_of,
        scale=scale.value,
        scale_name=bi(*NAMES[scale]),
        scale_loss=bi(*LOSSES[scale]),
        commitments=[commitment_compliance_view(c, scale=scale) for c in report.commitments],
        by_party={k: average_view(v) for k, v in report.by_party.items()},
        by_sector={k: average_view(v) for k, v in report.by_sector.items()},
        overall=average_view(report.overall),
        sector_names=sector_names(session, report.by_sector),
    )
