"""Turn evidence, compliance and ledger views into rich tables, cards and CSV.

Ingested text (titles, passages, source names) is printed through rich.markup.escape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pledgewatch.brief.compliance import ComplianceReportView
from pledgewatch.brief.labels import label, money
from pledgewatch.brief.ledger import LedgerView, StageTotalsView
from pledgewatch.brief.reasons import reason_text
from pledgewatch.brief.views import Bilingual, CommitmentView, EvidenceView
from pledgewatch.cli.render import average_text, bracketed, concept_name, reason_in, to_csv


def evidence_card(
    e: EvidenceView,
    commitment: CommitmentView | None,
    lang: str,
    position: str = "",
    concepts: Mapping[str, Bilingual] | None = None,
) -> Panel:
    """One proposal as a reviewer sees it: the item, the passage, the commitment, the reasons."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row(label("title", lang), escape(e.item.title))
    facts.add_row(
        label("published", lang), e.item.published.isoformat() if e.item.published else "—"
    )
    facts.add_row(label("source", lang), escape(e.item.source or "—"))
    facts.add_row("URL", escape(e.item.url))
    facts.add_row(label("passage", lang), escape(f"«{e.passage}»"))
    statement = commitment.statement.pick(lang) if commitment is not None else ""
    facts.add_row(label("commitment", lang), escape(f"{e.commitment}: {statement}"))
    if commitment is not None:
        facts.add_row(label("status", lang), label(commitment.status, lang))
    score = f"{e.score:.2f}" if e.score is not None else "—"
    facts.add_row(label("link_score", lang), score)
    judgement = label(e.judgement, lang)
    if e.judgement != e.proposed_judgement:
        judgement += f" ({label('proposed', lang)}: {label(e.proposed_judgement, lang)})"
    facts.add_row(label("judgement", lang), judgement)
    facts.add_row(label("evidence_for", lang), e.party or label("whole_commitment", lang))
    names = {key: name.pick(lang) for key, name in (concepts or {}).items()}
    for index, reason in enumerate(e.reasons):
        said = reason_text(reason.kind, reason.detail, lang, names)
        facts.add_row(
            label("reasons", lang) if index == 0 else "",
            escape(f"{said} ({reason.weight:+.2f})"),
        )
    facts.add_row(label("state", lang), label(e.state, lang))
    if e.reviewed_by:
        facts.add_row(label("reviewed_by", lang), escape(e.reviewed_by))
    if e.note:
        facts.add_row(label("note", lang), escape(e.note))
    title = f"#{e.id}" + (f"  {position}" if position else "")
    return Panel(facts, title=escape(title), title_align="left")


def evidence_csv(evidence: Sequence[EvidenceView]) -> str:
    """Evidence as CSV, one row each."""
    return to_csv(
        [
            "id",
            "agreement",
            "commitment",
            "state",
            "judgement",
            "proposed_judgement",
            "score",
            "party",
            "published",
            "title",
            "source",
            "url",
            "reviewed_by",
            "reasons",
        ],
        (
            [
                e.id,
                e.agreement,
                e.commitment,
                e.state,
                e.judgement,
                e.proposed_judgement,
                "" if e.score is None else e.score,
                e.party or "",
                e.item.published.isoformat() if e.item.published else "",
                e.item.title,
                e.item.source or "",
                e.item.url,
                e.reviewed_by or "",
                "; ".join(r.detail for r in e.reasons),
            ]
            for e in evidence
        ),
    )


def compliance_renderables(report: ComplianceReportView, lang: str) -> list[Any]:
    """Scores per commitment and party on the chosen scale, then the averages."""
    table = Table(
        title=f"{label('compliance', lang)} — {escape(report.agreement)} "
        f"({label('as_of', lang)} {report.as_of.isoformat()}, {label('scale', lang)}: "
        f"{escape(report.scale_name.pick(lang))})",
        title_justify="left",
    )
    sectors = report.sector_names
    for key in ("id", "sectors", "parties", "status", "rating", "average", "reason"):
        table.add_column(label(key, lang), overflow="fold")
    for c in report.commitments:
        for index, p in enumerate(c.parties):
            rating = p.rating.label.pick(lang) if p.rating is not None else ""
            table.add_row(
                escape(c.commitment) if index == 0 else "",
                escape(concept_name(c.sector, sectors, lang)) if index == 0 else "",
                p.party,
                label(p.status, lang),
                escape(rating),
                escape(average_text(c.average)) if index == 0 else "",
                escape(reason_in(p.reason, lang)),
            )
    averages = Table(title=label("average", lang), title_justify="left")
    averages.add_column("")
    averages.add_column(label("average", lang))
    averages.add_row(label("overall", lang), escape(average_text(report.overall)))
    for party, average in report.by_party.items():
        averages.add_row(
            f"{label('parties', lang)}: {escape(party)}", escape(average_text(average))
        )
    for sector, average in report.by_sector.items():
        averages.add_row(
            f"{label('sectors', lang)}: {escape(concept_name(sector, sectors, lang))}",
            escape(average_text(average)),
        )
    loss = Text(f"{label('scale_loss', lang)}: {report.scale_loss.pick(lang)}", style="dim")
    return [table, averages, loss]


def compliance_csv(report: ComplianceReportView, lang: str) -> str:
    """One row per party and commitment, with the rating and the commitment's average."""
    return to_csv(
        [
            "agreement",
            "commitment",
            "sector",
            "party",
            "status",
            "g7_score",
            "scale",
            "rating",
            "rating_label",
            "commitment_average",
            "assessed",
            "percent",
            "reason",
        ],
        (
            [
                report.agreement,
                c.commitment,
                c.sector or "",
                p.party,
                p.status,
                "" if p.score is None else p.score,
                report.scale,
                p.rating.code if p.rating is not None else "",
                p.rating.label.pick(lang) if p.rating is not None else "",
                "" if c.average.score is None else c.average.score,
                c.average.assessed,
                "" if c.average.percent is None else c.average.percent,
                p.reason,
            ]
            for c in report.commitments
            for p in c.parties
        ),
    )


def ledger_renderables(ledger: LedgerView, lang: str) -> list[Any]:
    """The pledge, the totals per stage, the sectors, the months and the projects."""
    head = Text.assemble(
        (label("ledger", lang), "bold"),
        f" — {ledger.agreement} ({label('as_of', lang)} {ledger.as_of.isoformat()})",
    )
    if ledger.pledge is not None:
        head.append(
            f"\n{label('pledge', lang)}: {money(ledger.pledge.amount_usd, lang)} "
            f"({ledger.pledge.commitment}: «{ledger.pledge.text}»)"
        )
    sectors = ledger.sector_names
    totals = Table(title=label("projects", lang), title_justify="left")
    for key in ("", "announced_stage", "selected", "financed"):
        totals.add_column(label(key, lang) if key else "", overflow="fold")
    totals.add_row(label("total", lang), *_stage_cells(ledger.totals, lang))
    for sector, stage in ledger.by_sector.items():
        totals.add_row(escape(concept_name(sector, sectors, lang)), *_stage_cells(stage, lang))
    months = Table(title=label("over_time", lang), title_justify="left")
    for key in ("month", "announced_stage", "selected", "financed"):
        months.add_column(label(key, lang))
    for month in ledger.over_time:
        months.add_row(month.month, *_stage_cells(month.totals, lang))
    projects = Table(show_lines=False)
    for key in ("id", "projects", "sectors", "status", "announced_stage", "selected", "financed"):
        projects.add_column(label(key, lang), overflow="fold")
    for p in ledger.projects:
        announced = money(p.announced_usd, lang)
        if p.announced_up_to and p.announced_usd is not None:
            announced = f"≤ {announced}"
        origin = "" if p.in_agreement_file else bracketed(label("from_news", lang), lang)
        projects.add_row(
            escape(p.id),
            escape(p.name.pick(lang) + origin),
            escape(concept_name(p.sector, sectors, lang)),
            label("announced_stage" if p.status == "announced" else p.status, lang),
            escape(announced),
            _dated(p.selected_on, p.selected_usd, lang),
            _dated(p.financed_on, p.financed_usd, lang),
        )
    note = Text(ledger.note.pick(lang), style="dim")
    return [head, totals, months, projects, note]


def ledger_csv(ledger: LedgerView, lang: str) -> str:
    """One row per project."""
    return to_csv(
        [
            "project",
            "name",
            "sector",
            "status",
            "in_agreement_file",
            "announced_usd",
            "announced_up_to",
            "selected_on",
            "selected_usd",
            "financed_on",
            "financed_usd",
        ],
        (
            [
                p.id,
                p.name.pick(lang),
                p.sector,
                p.status,
                p.in_agreement_file,
                p.announced_usd if p.announced_usd is not None else "",
                p.announced_up_to,
                p.selected_on.isoformat() if p.selected_on else "",
                p.selected_usd if p.selected_usd is not None else "",
                p.financed_on.isoformat() if p.financed_on else "",
                p.financed_usd if p.financed_usd is not None else "",
            ]
            for p in ledger.projects
        ),
    )


def review_result(lines: Sequence[str]) -> Group:
    """Lines of a review action's outcome."""
    return Group(*(Text(line) for line in lines))


def _stage_cells(stage: StageTotalsView, lang: str) -> list[str]:
    selected = f"{stage.selected}: {money(stage.selected_usd, lang)}"
    if stage.selected_share is not None:
        selected += f" ({stage.selected_share:.1f}%)"
    financed = f"{stage.financed}: {money(stage.financed_usd, lang)}"
    if stage.financed_share is not None:
        financed += f" ({stage.financed_share:.1f}%)"
    return [f"{stage.announced}: {money(stage.announced_usd, lang)}", selected, financed]


def _dated(on: date | None, amount: Decimal | None, lang: str) -> str:
    if on is None:
        return "—"
    return f"{on.isoformat()} {money(amount, lang) if amount is not None else ''}".strip()
