"""The money ledger as people read it: projects by stage, by sector and month by month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field
from sqlalchemy.orm import Session

from pledgewatch.assess.ledger import Ledger, StageTotals, build_ledger
from pledgewatch.brief.sectors import sector_names
from pledgewatch.brief.views import Bilingual, View, bi


class PledgeView(View):
    """The headline pledge and the commitment text it was read from."""

    amount_usd: Decimal
    commitment: str
    text: str


class StageTotalsView(View):
    """Projects and amounts per stage; shares are percentages of the pledge."""

    announced: int
    announced_usd: Decimal
    selected: int
    selected_usd: Decimal
    selected_share: float | None
    financed: int
    financed_usd: Decimal
    financed_share: float | None


class LedgerProjectView(View):
    """One project and its stages."""

    id: str
    name: Bilingual
    sector: str
    status: str
    in_agreement_file: bool
    announced_usd: Decimal | None
    announced_up_to: bool
    announced_text: str | None
    selected_on: date | None
    selected_usd: Decimal | None
    financed_on: date | None
    financed_usd: Decimal | None


class LedgerMonthView(View):
    """Cumulative totals at the end of one month."""

    month: str
    totals: StageTotalsView


class LedgerView(View):
    """The money ledger of one agreement as of one day."""

    agreement: str
    as_of: date
    pledge: PledgeView | None
    listed_in_sources: int | None
    totals: StageTotalsView
    by_sector: dict[str, StageTotalsView]
    over_time: list[LedgerMonthView]
    projects: list[LedgerProjectView]
    note: Bilingual
    sector_names: dict[str, Bilingual] = Field(default_factory=dict)


NOTE = bi(
    "Announced amounts are project sizes as the fact sheets word them ('up to'), not investment; "
    "selected and financed amounts are those announced at each step.",
    "発表額はファクトシートの表現による事業規模（上限）であり投資額ではない。選定額・拠出額は各段階で"
    "発表された金額。",
)


def ledger_view(session: Session, *, agreement_id: str | None, as_of: date) -> LedgerView:
    """The money ledger of an agreement as of ``as_of``."""
    ledger = build_ledger(session, agreement_id=agreement_id, as_of=as_of)
    return LedgerView(
        agreement=ledger.agreement_id,
        as_of=ledger.as_of,
        pledge=(
            PledgeView(
                amount_usd=ledger.pledge.amount_usd,
                commitment=ledger.pledge.commitment,
                text=ledger.pledge.text,
            )
            if ledger.pledge is not None
            else None
        ),
        listed_in_sources=ledger.listed_in_sources,
        totals=totals_view(ledger, ledger.totals),
        by_sector={k: totals_view(ledger, v) for k, v in ledger.by_sector.items()},
        over_time=[
            LedgerMonthView(month=m.month, totals=totals_view(ledger, m.totals))
            for m in ledger.over_time
        ],
        projects=[
            LedgerProjectView(
                id=p.code,
                name=bi(p.name_en, p.name_ja),
                sector=p.sector,
                status=p.status,
                in_agreement_file=p.in_agreement_file,
                announced_usd=p.announced_usd,
                announced_up_to=p.announced_up_to,
                announced_text=p.announced_text,
                selected_on=p.selected_on,
                selected_usd=p.selected_usd,
                financed_on=p.financed_on,
                financed_usd=p.financed_usd,
            )
            for p in ledger.projects
        ],
        note=NOTE,
        sector_names=sector_names(
            session, [*ledger.by_sector, *(p.sector for p in ledger.projects)]
        ),
    )


def totals_view(ledger: Ledger, totals: StageTotals) -> StageTotalsView:
    """Stage totals with the selected and financed shares of the pledge."""
    share = ledger.share
    return StageTotalsView(
        announced=totals.announced,
        announced_usd=totals.announced_usd,
        selected=totals.selected,
        selected_usd=totals.selected_usd,
        selected_share=_round(share(totals.selected_usd)),
        financed=totals.financed,
        financed_usd=totals.financed_usd,
        financed_share=_round(share(totals.financed_usd)),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
