"""The money ledger: investment projects rolled up against the headline pledge.

Projects move from announced (named in a fact sheet, with an 'up to' project size) to selected
(the President's selection, with the amount announced then) to financed (Japan's funds). The
ledger sums each stage, by sector and month by month, against the headline pledge. The pledge is
read from the statement of the commitment the projects serve ('US$550 billion' in INV-01), so
the figure can be traced to its text. Announced amounts are project sizes as the sources word
them, not investment; the ledger keeps them apart from selected and financed amounts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from pledgewatch.assess.situation import Situation, situation_on
from pledgewatch.capture.agreement_file import ProjectStatus
from pledgewatch.errors import ConfigurationError
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models
from pledgewatch.store.evidence_models import ProjectMilestone

_AMOUNT = re.compile(
    r"(?:US\s?\$|\$|USD\s?)\s?(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>trillion|billion|million)",
    re.IGNORECASE,
)
_UNITS = {"trillion": Decimal(10) ** 12, "billion": Decimal(10) ** 9, "million": Decimal(10) ** 6}
_ENDED = {ProjectStatus.DECLINED.value, ProjectStatus.WITHDRAWN.value}


@dataclass(frozen=True)
class Pledge:
    """The headline amount, and the commitment and words it was read from."""

    amount_usd: Decimal
    commitment: str
    text: str


@dataclass(frozen=True)
class LedgerProject:
    """One project with the amounts and dates of its stages."""

    code: str
    name_en: str
    name_ja: str
    sector: str
    status: str
    in_agreement_file: bool
    announced_usd: Decimal | None
    announced_up_to: bool
    announced_text: str | None
    announced_on: date
    selected_on: date | None = None
    selected_usd: Decimal | None = None
    financed_on: date | None = None
    financed_usd: Decimal | None = None
    milestones: list[ProjectMilestone] = field(default_factory=list)


@dataclass(frozen=True)
class StageTotals:
    """How many projects reached each stage, and their amounts."""

    announced: int = 0
    announced_usd: Decimal = Decimal(0)
    selected: int = 0
    selected_usd: Decimal = Decimal(0)
    financed: int = 0
    financed_usd: Decimal = Decimal(0)


@dataclass(frozen=True)
class LedgerMonth:
    """Cumulative totals at the end of one month."""

    month: str
    totals: StageTotals


@dataclass(frozen=True)
class Ledger:
    """The money ledger of one agreement as of one day."""

    agreement_id: str
    as_of: date
    pledge: Pledge | None
    projects: list[LedgerProject]
    totals: StageTotals
    by_sector: dict[str, StageTotals]
    over_time: list[LedgerMonth]
    listed_in_sources: int | None

    def share(self, amount: Decimal) -> float | None:
        """``amount`` as a percentage of the pledge."""
        if self.pledge is None or not self.pledge.amount_usd:
            return None
        return float(amount / self.pledge.amount_usd * 100)


def read_amount(text: str) -> tuple[Decimal, str] | None:
    """The first US-dollar amount in an English text ('US$550 billion'), with its words."""
    match = _AMOUNT.search(text)
    if match is None:
        return None
    number = Decimal(match.group("number").replace(",", ""))
    return number * _UNITS[match.group("unit").lower()], match.group(0)


def headline_pledge(
    commitments: list[models.Commitment], projects: list[models.Project]
) -> Pledge | None:
    """The pledge the projects count against: the largest amount stated by a commitment they serve.

    Commitments the most projects serve are tried first.
    """
    served = Counter(str(code) for project in projects for code in project.commitments)
    by_code = {c.code: c for c in commitments}
    best: Pledge | None = None
    for code, _count in served.most_common():
        commitment = by_code.get(code)
        found = read_amount(commitment.statement_en) if commitment else None
        if found is not None and (best is None or found[0] > best.amount_usd):
            best = Pledge(amount_usd=found[0], commitment=code, text=found[1])
    return best


def build_ledger(session: Session, *, agreement_id: str | None, as_of: date) -> Ledger:
    """The ledger of an agreement counting the milestones that happened by ``as_of``."""
    return ledger_in(session, situation_on(session, agreement_id=agreement_id, as_of=as_of))


def ledger_in(session: Session, situation: Situation) -> Ledger:
    """The ledger of a situation (see assess.situation), which must have a day."""
    as_of = situation.as_of
    if as_of is None:
        raise ConfigurationError(
            "the ledger needs a day to count up to", ja="台帳には集計の基準日が必要です"
        )
    agreement = situation.agreement
    projects = agreement_store.projects(session, agreement.id)
    rows = _ledger_projects(agreement, projects, situation.milestones)
    months = _months(agreement.date, as_of)
    census = agreement_store.project_census(session, agreement.id)
    by_sector: dict[str, list[LedgerProject]] = {}
    for row in rows:
        by_sector.setdefault(row.sector, []).append(row)
    return Ledger(
        agreement_id=agreement.id,
        as_of=as_of,
        pledge=headline_pledge(agreement.commitments, projects),
        projects=rows,
        totals=_totals(rows, as_of),
        by_sector={sector: _totals(group, as_of) for sector, group in sorted(by_sector.items())},
        over_time=[LedgerMonth(label, _totals(rows, end)) for label, end in months],
        listed_in_sources=max((c.listed for c in census), default=None),
    )


def _ledger_projects(
    agreement: models.Agreement,
    projects: list[models.Project],
    milestones: list[ProjectMilestone],
) -> list[LedgerProject]:
    steps: dict[str, list[ProjectMilestone]] = {}
    for milestone in milestones:
        steps.setdefault(milestone.project_code, []).append(milestone)
    rows = [
        _row(
            code=p.code,
            name_en=p.name_en,
            name_ja=p.name_ja,
            sector=p.sector_id,
            status=p.status,
            in_file=True,
            announced=(p.amount_usd, p.amount_up_to, p.amount_text),
            announced_on=agreement.date,
            steps=steps.pop(p.code, []),
        )
        for p in projects
    ]
    for code, own in steps.items():
        named = next((m for m in own if m.name_en), None)
        if named is None:
            continue
        first = own[0]
        rows.append(
            _row(
                code=code,
                name_en=named.name_en or code,
                name_ja=named.name_ja or named.name_en or code,
                sector=named.sector_id or "-",
                status=first.status,
                in_file=False,
                announced=(first.amount_usd, False, None),
                announced_on=first.happened_on,
                steps=own,
            )
        )
    return rows


def _row(
    *,
    code: str,
    name_en: str,
    name_ja: str,
    sector: str,
    status: str,
    in_file: bool,
    announced: tuple[Decimal | None, bool, str | None],
    announced_on: date,
    steps: list[ProjectMilestone],
) -> LedgerProject:
    selected = next((m for m in steps if m.status == ProjectStatus.SELECTED.value), None)
    financed = next((m for m in steps if m.status == ProjectStatus.FINANCED.value), None)
    selected_usd = (selected.amount_usd or announced[0]) if selected else None
    financed_usd = (financed.amount_usd or selected_usd or announced[0]) if financed else None
    return LedgerProject(
        code=code,
        name_en=name_en,
        name_ja=name_ja,
        sector=sector,
        status=steps[-1].status if steps else status,
        in_agreement_file=in_file,
        announced_usd=announced[0],
        announced_up_to=announced[1],
        announced_text=announced[2],
        announced_on=announced_on,
        selected_on=selected.happened_on if selected else None,
        selected_usd=selected_usd,
        financed_on=financed.happened_on if financed else None,
        financed_usd=financed_usd,
        milestones=steps,
    )


def _totals(rows: list[LedgerProject], end: date) -> StageTotals:
    announced = [r for r in rows if r.announced_on <= end]
    live = [r for r in rows if not _ended_by(r, end)]
    selected = [r for r in live if r.selected_on is not None and r.selected_on <= end]
    financed = [r for r in rows if r.financed_on is not None and r.financed_on <= end]
    return StageTotals(
        announced=len(announced),
        announced_usd=sum((r.announced_usd or Decimal(0) for r in announced), Decimal(0)),
        selected=len(selected),
        selected_usd=sum((r.selected_usd or Decimal(0) for r in selected), Decimal(0)),
        financed=len(financed),
        financed_usd=sum((r.financed_usd or Decimal(0) for r in financed), Decimal(0)),
    )


def _ended_by(row: LedgerProject, end: date) -> bool:
    """A project declined or withdrawn by ``end`` no longer counts as selected."""
    return any(m.status in _ENDED and m.happened_on <= end for m in row.milestones)


def _months(start: date, end: date) -> list[tuple[str, date]]:
    """Month labels from the agreement's month to ``end``'s, each with its last day (or end)."""
    months: list[tuple[str, date]] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        last = date(next_year, next_month, 1).toordinal() - 1
        months.append((f"{year:04d}-{month:02d}", min(date.fromordinal(last), end)))
        year, month = next_year, next_month
    return months
