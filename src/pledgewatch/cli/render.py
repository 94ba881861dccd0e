"""Turn views into rich tables, JSON or CSV for the terminal.

Ingested and user-written text is printed through rich.markup.escape, so square brackets in a
statement or a news title can never be read as console markup.

Tables fit the console's width without losing a column: short cells (ids, dates, statuses,
scores) never wrap, and the long text columns fold into the room that is left (``add_columns``).
No column has a minimum width, since rich widens such a column again after fitting the table,
which pushed the last columns off the right edge of a narrow terminal or a pipe.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pledgewatch.assess.review import REASON_SEPARATOR
from pledgewatch.brief.deadline_rules import anchor_text, rule_text
from pledgewatch.brief.labels import days_left_text, label, money
from pledgewatch.brief.views import (
    AgreementView,
    AverageView,
    Bilingual,
    CommitmentDetailView,
    CommitmentView,
    ComplianceSummaryView,
    DashboardView,
    DeadlineFlagView,
    DeadlineView,
    EvidenceView,
)

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


class OutputFormat(StrEnum):
    """How a command prints its result."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def to_json(data: BaseModel | Sequence[BaseModel]) -> str:
    """Views as indented JSON, with Japanese kept readable rather than escaped."""
    if isinstance(data, BaseModel):
        payload: Any = data.model_dump(mode="json")
    else:
        payload = [item.model_dump(mode="json") for item in data]
    return json.dumps(payload, ensure_ascii=False, indent=2)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text with a header line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def deadline_text(deadline: DeadlineView | None, lang: str, *, one_line: bool = False) -> str:
    """A deadline in a table cell: the date, or the expression still waiting for its anchor."""
    if deadline is None:
        return "—"
    if deadline.date is None:
        anchor = anchor_text(deadline.anchor, None, lang)
        return f"{deadline.expression} ({label('waiting_for', lang)}: {anchor})"
    return due_text(deadline.date, deadline.soft, lang, one_line=one_line)


def due_text(due: date, soft: bool, lang: str, *, one_line: bool = False) -> str:
    """A due date; in a table the soft mark has a line of its own so the column stays narrow."""
    if not soft:
        return due.isoformat()
    mark = f"（{label('soft', lang)}）" if lang == "ja" else f"({label('soft', lang)})"
    separator = ("" if lang == "ja" else " ") if one_line else "\n"
    return f"{due.isoformat()}{separator}{mark}"


def add_columns(table: Table, lang: str, **columns: str) -> None:
    """Add labelled columns by kind: 'key' cells never wrap, 'text' cells fold.

    A key is short (an id, a date, a status, a score) and is shown whole; the text columns take
    the width that is left, so the table fits any console at least as wide as its keys.
    'number' is a key aligned right.
    """
    for key, kind in columns.items():
        header = label(key, lang) if key else ""
        if kind == "key":
            table.add_column(header, no_wrap=True)
        elif kind == "number":
            table.add_column(header, no_wrap=True, justify="right")
        else:
            table.add_column(header, overflow="fold")


def agreements_table(agreements: Sequence[AgreementView], lang: str) -> Table:
    """The agreements listing."""
    table = Table(title=label("agreements", lang))
    add_columns(
        table,
        lang,
        id="key",
        date="key",
        agreement="text",
        parties="text",
        documents="number",
        commitments="number",
    )
    for a in agreements:
        table.add_row(
            escape(a.id),
            a.date.isoformat(),
            escape(a.title.pick(lang)),
            ", ".join(p.code for p in a.parties),
            str(a.documents),
            str(a.commitments),
        )
    return table


def agreements_csv(agreements: Sequence[AgreementView], lang: str) -> str:
    """The agreements listing as CSV."""
    return to_csv(
        ["id", "date", "title", "place", "parties", "documents", "commitments"],
        (
            [
                a.id,
                a.date.isoformat(),
                a.title.pick(lang),
                a.place.pick(lang),
                " ".join(p.code for p in a.parties),
                a.documents,
                a.commitments,
            ]
            for a in agreements
        ),
    )


def commitments_table(commitments: Sequence[CommitmentView], lang: str) -> Table:
    """The commitments listing."""
    table = Table(title=label("commitments", lang), show_lines=False)
    add_columns(
        table,
        lang,
        id="key",
        statement="text",
        parties="text",
        sectors="text",
        strength="key",
        deadline="text",
        status="key",
    )
    for c in commitments:
        table.add_row(
            escape(c.id),
            escape(c.statement.pick(lang)),
            ", ".join(c.parties),
            escape(listed((concept_name(s, c.sector_names, lang) for s in c.sectors), lang)),
            label(c.strength, lang),
            escape(deadline_text(c.deadline, lang)),
            label(c.status, lang),
        )
    return table


def commitments_csv(commitments: Sequence[CommitmentView], lang: str) -> str:
    """The commitments listing as CSV, one row a commitment."""
    return to_csv(
        [
            "id",
            "agreement",
            "statement",
            "parties",
            "sectors",
            "strength",
            "deadline",
            "precision",
            "basis",
            "status",
        ],
        (
            [
                c.id,
                c.agreement,
                c.statement.pick(lang),
                " ".join(c.parties),
                " ".join(c.sectors),
                c.strength,
                c.deadline.date.isoformat() if c.deadline and c.deadline.date else "",
                c.deadline.precision if c.deadline and c.deadline.precision else "",
                c.deadline.expression if c.deadline else "",
                c.status,
            ]
            for c in commitments
        ),
    )


def commitment_panel(c: CommitmentDetailView, lang: str) -> Group:
    """Everything about one commitment, for `show`."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column(overflow="fold")
    facts.add_row(label("statement", lang), escape(c.statement.pick(lang)))
    other = "en" if lang == "ja" else "ja"
    facts.add_row("", Text(c.statement.pick(other), style="dim"))
    facts.add_row(label("parties", lang), ", ".join(c.parties))
    if c.responsible_bodies:
        bodies = "; ".join(
            f"{b['party']}: {b['name'].get(lang) or b['name'].get(other)}"
            for b in c.responsible_bodies
        )
        facts.add_row(label("responsible", lang), escape(bodies))
    if c.actors:
        actors = ", ".join(a.get(lang) or a.get(other) or "" for a in c.actors)
        facts.add_row(label("actors", lang), escape(actors))
    sectors = listed((concept_name(s, c.sector_names, lang) for s in c.sectors), lang)
    facts.add_row(label("sectors", lang), escape(sectors))
    facts.add_row(label("strength", lang), label(c.strength, lang))
    facts.add_row(label("status", lang), label(c.status, lang))
    source = c.source
    facts.add_row(
        label("source", lang),
        escape(
            source.document_title.pick(lang)
            + bracketed(listed([source.document, label("role_" + source.role, lang)], lang), lang)
        ),
    )
    if source.section:
        facts.add_row(label("section", lang), escape(source.section))
    if source.span is not None and source.passage is not None:
        facts.add_row(
            label("passage", lang),
            escape(f"«{source.passage}» [{source.language} {source.span.start}-{source.span.end}]"),
        )
    elif source.span_note is not None:
        facts.add_row(label("no_span", lang), escape(source.span_note.pick(lang)))
    if source.url:
        facts.add_row("URL", escape(source.url))
        if source.mirror:
            facts.add_row("", Text(label("mirror", lang), style="yellow"))
    if c.deadline is not None:
        due = deadline_text(c.deadline, lang, one_line=True)
        facts.add_row(label("deadline", lang), escape(due))
        facts.add_row(label("basis", lang), escape(_basis(c.deadline, lang)))
        if c.deadline.rule:
            facts.add_row(label("rule", lang), escape(rule_text(c.deadline.rule, lang)))
        facts.add_row(label("written_in", lang), escape(_where(c.deadline.written_in, lang)))
        if c.deadline.note is not None:
            facts.add_row(label("note", lang), escape(c.deadline.note.pick(lang)))
    for position, condition in enumerate(c.conditions):
        facts.add_row(
            label("conditions", lang) if position == 0 else "",
            escape(f"{position + 1}. {condition.pick(lang)}"),
        )
    for follow_on in c.follow_ons:
        due = ", ".join(d.isoformat() for d in follow_on.due_dates) or (
            f"{follow_on.deadline.expression} — {label('waiting_for', lang)} "
            f"{anchor_text(follow_on.deadline.anchor, None, lang)}"
        )
        text = f"{follow_on.id}: {follow_on.statement.pick(lang)} ({due})"
        if follow_on.if_missed is not None:
            text += f"; {label('if_missed', lang)}: {follow_on.if_missed.pick(lang)}"
        facts.add_row(label("follow_ons", lang), escape(text))
    if c.grey_zone is not None:
        facts.add_row(label("grey_zone", lang), escape(c.grey_zone.pick(lang)))
    if c.note is not None:
        facts.add_row(label("note", lang), escape(c.note.pick(lang)))

    history = Table(title=label("history", lang), title_justify="left")
    add_columns(
        history,
        lang,
        date="key",
        status="key",
        parties="key",
        recorded_by="text",
        reason="text",
        evidence="text",
    )
    for entry in c.history:
        history.add_row(
            entry.recorded_at.strftime("%Y-%m-%d %H:%M"),
            label(entry.status, lang),
            entry.party or "—",
            escape(entry.recorded_by),
            escape(reason_in(entry.reason, lang)),
            escape(_snapshot_titles(entry.evidence)),
        )
    parts: list[Any] = [Panel(facts, title=escape(f"{c.agreement} / {c.id}")), history]
    if c.flags:
        parts.append(flags_table(c.flags, lang))
    if c.evidence:
        parts.append(evidence_table(c.evidence, lang, title=label("evidence", lang), compact=True))
    if c.compliance is not None:
        scores = Table(title=label("compliance", lang), title_justify="left")
        add_columns(scores, lang, parties="key", status="key", g7_score="key", reason="text")
        for p in c.compliance.parties:
            scores.add_row(
                p.party,
                label(p.status, lang),
                _signed(p.score),
                escape(reason_in(p.reason, lang)),
            )
        scores.add_row(label("average", lang), "", escape(average_text(c.compliance.average)), "")
        parts.append(scores)
    return Group(*parts)


def reason_in(reason: str, lang: str) -> str:
    """One language of a reason written 'English — 日本語'; other reasons as they are."""
    english, separator, japanese = reason.rpartition(REASON_SEPARATOR)
    if not separator or not _JAPANESE.search(japanese):
        return reason
    return japanese if lang == "ja" else english


def _snapshot_titles(snapshots: list[Any]) -> str:
    titles = [
        f"{s.get('title')} ({s.get('published') or '—'})"
        for s in snapshots
        if isinstance(s, dict) and s.get("kind") == "evidence"
    ]
    if not titles:
        return "—"
    return titles[-1] + (f" +{len(titles) - 1}" if len(titles) > 1 else "")


def _signed(score: int | None) -> str:
    return "n/a" if score is None else f"{score:+d}" if score else "0"


def average_text(average: AverageView) -> str:
    """'+0.25 (62.5%, n=2)', or 'n/a' when nothing was assessed."""
    if average.score is None or average.percent is None:
        return f"n/a (n=0, {average.not_assessed} n/a)"
    extra = f", {average.not_assessed} n/a" if average.not_assessed else ""
    return f"{average.score:+.2f} ({average.percent:.1f}%, n={average.assessed}{extra})"


def evidence_table(
    evidence: Sequence[EvidenceView], lang: str, *, title: str, compact: bool = False
) -> Table:
    """Evidence with its item, commitment, judgement, state and score; ``compact`` drops two."""
    table = Table(title=title, title_justify="left")
    add_columns(table, lang, id="number", published="key", title="text")
    if not compact:
        # A source's name is read at a glance; the title gets the room beyond 24 columns.
        table.add_column(label("source", lang), overflow="fold", max_width=24)
    add_columns(table, lang, commitment="key", judgement="key", state="key")
    if not compact:
        add_columns(table, lang, link_score="number")
    for e in evidence:
        cells = [
            str(e.id),
            e.item.published.isoformat() if e.item.published else "—",
            escape(e.item.title),
        ]
        if not compact:
            cells.append(escape(e.item.source or "—"))
        cells += [
            escape(e.commitment + (f" ({e.party})" if e.party else "")),
            label(e.judgement, lang),
            label(e.state, lang),
        ]
        if not compact:
            cells.append(f"{e.score:.2f}" if e.score is not None else "—")
        table.add_row(*cells)
    return table


def flags_table(flags: Sequence[DeadlineFlagView], lang: str) -> Table:
    """Deadlines for review: at risk, or missed? once passed."""
    table = Table(title=label("flags", lang), title_justify="left")
    add_columns(table, lang, id="text", statement="text", due="key", days_left="key", status="key")
    for f in flags:
        key = f.follow_on or f.commitment
        if f.subject:
            key += f"\n({f.subject})"
        table.add_row(
            Text(label(f.kind, lang), style="red" if f.days_left < 0 else "yellow")
            + Text(f" {key}"),
            escape(f.statement.pick(lang)),
            due_text(f.due, f.soft, lang),
            days_left_text(f.days_left, lang),
            label(f.status, lang),
        )
    return table


def compliance_summary_table(summary: ComplianceSummaryView, lang: str) -> Table:
    """Compliance averages for the agreement and per party."""
    table = Table(title=label("compliance", lang), title_justify="left")
    add_columns(table, lang, **{"": "text", "average": "key"})
    table.add_row(label("overall", lang), escape(average_text(summary.overall)))
    for party, average in summary.by_party.items():
        table.add_row(escape(party), escape(average_text(average)))
    return table


def _basis(deadline: DeadlineView, lang: str) -> str:
    anchor = anchor_text(deadline.anchor, deadline.anchor_date, lang)
    if lang == "ja":
        return f"「{deadline.expression}」 — 起点: {anchor}"
    return f"'{deadline.expression}' — counted from {anchor}"


def concept_name(key: str | None, names: Mapping[str, Bilingual], lang: str) -> str:
    """A thesaurus id (a sector) by its label in ``lang``; an id without a label as it is."""
    if key is None:
        return "—"
    return names[key].pick(lang) if key in names else key


def listed(items: Iterable[str], lang: str) -> str:
    """Items as a reader of ``lang`` lists them: 'a, b' / 'a、b'."""
    return ("、" if lang == "ja" else ", ").join(items)


def _where(written_in: dict[str, Any], lang: str) -> str:
    where = str(written_in.get("document", ""))
    if written_in.get("section"):
        where += f", {written_in['section']}"
    if written_in.get("quote"):
        where += f": «{written_in['quote']}»"
    note = written_in.get("span_note")
    if isinstance(note, dict) and note.get(lang):
        where += bracketed(note[lang], lang)
    return where


def bracketed(text: str, lang: str) -> str:
    """' (text)', or '（text）' for a Japanese reader."""
    return f"（{text}）" if lang == "ja" else f" ({text})"


def dashboard_renderables(d: DashboardView, lang: str) -> list[Any]:
    """The status dashboard: header, watch points, deadlines, pending, counts, money."""
    a = d.agreement
    program = " · ".join(
        f"{e.title.pick(lang)} {e.start.strftime('%H:%M')} ({e.minutes}{label('minutes', lang)})"
        for e in a.program
    )
    header = Text.assemble(
        (a.title.pick(lang), "bold"),
        f"\n{a.date.isoformat()} · {a.place.pick(lang)} · ",
        ", ".join(p.name.pick(lang) for p in a.parties),
        f"\n{program}" if program else "",
        f"\n{label('as_of', lang)} {d.as_of.isoformat()}",
    )
    out: list[Any] = [Panel(header)]

    points = Table(title=label("watch_points", lang), title_justify="left")
    add_columns(
        points,
        lang,
        id="key",
        watch_points="text",
        commitments="text",
        due="key",
        days_left="text",
        status="text",
    )
    for w in d.watch_points:
        points.add_row(
            escape(w.id),
            escape(w.title.pick(lang)),
            escape(", ".join(w.commitments)),
            w.due.isoformat() if w.due else label("ongoing", lang),
            days_left_text(w.days_left, lang) if w.days_left is not None else "—",
            escape(_counts_text(Counter(w.statuses.values()), lang)),
        )
    out.append(points)

    deadlines = Table(title=label("deadlines", lang), title_justify="left")
    add_columns(
        deadlines,
        lang,
        id="key",
        statement="text",
        due="key",
        days_left="text",
        basis="text",
        status="key",
    )
    for o in d.deadlines:
        style = "red" if o.days_left < 0 else ("yellow" if o.days_left <= 30 else "")
        subject = f" — {o.subject}" if o.subject else ""
        deadlines.add_row(
            escape(o.follow_on or o.commitment),
            escape(o.statement.pick(lang) + subject),
            due_text(o.due, o.soft, lang),
            Text(days_left_text(o.days_left, lang), style=style),
            escape(o.basis),
            label(o.status, lang),
        )
    out.append(deadlines)

    if d.pending:
        pending = Table(title=label("pending", lang), title_justify="left")
        add_columns(pending, lang, id="key", statement="text", basis="text", waiting_for="text")
        for p in d.pending:
            pending.add_row(
                escape(p.follow_on),
                escape(p.statement.pick(lang)),
                escape(p.expression),
                escape(p.waiting_for.pick(lang) if p.waiting_for else "—"),
            )
        out.append(pending)

    if d.flags:
        out.append(flags_table(d.flags, lang))

    counts = Table(title=label("by_status", lang), title_justify="left")
    add_columns(counts, lang, status="key", count="number")
    for status, count in d.by_status.items():
        counts.add_row(label(status, lang), str(count))
    out.append(counts)
    by_sector = {concept_name(k, d.sector_names, lang): v for k, v in d.by_sector.items()}
    out.append(_grouped_counts("by_sector", "sectors", by_sector, lang))
    out.append(_grouped_counts("by_party", "parties", d.by_party, lang))
    if d.compliance is not None:
        out.append(compliance_summary_table(d.compliance, lang))
    out.append(projects_text(d, lang))
    if d.evidence is not None:
        e = d.evidence
        parts = [
            ("confirmed", e.confirmed),
            ("waiting_review", e.proposed),
            ("rejected", e.rejected),
        ]
        if lang == "ja":
            shown = [f"{label(key, lang)}{n}件" for key, n in parts]
        else:
            shown = [f"{n} {label(key, lang)}" for key, n in parts]
        if e.confirmed_events and e.confirmed_events != e.confirmed:
            # Reports of one event in two languages are two rows but one event.
            events = e.confirmed_events
            shown[0] += bracketed(
                f"出来事として{events}件" if lang == "ja" else f"{events} distinct events", lang
            )
        counts_text = f"{label('evidence', lang)}: {listed(shown, lang)}"
        out.append(Text(counts_text))
        if e.latest:
            latest = label("latest_evidence", lang)
            out.append(evidence_table(e.latest, lang, title=latest, compact=True))
    return out


def projects_text(d: DashboardView, lang: str) -> Text:
    """The money figures of the dashboard: the ledger's totals, saying what each one counts."""
    p = d.projects
    ja = lang == "ja"
    sep = "、" if ja else ", "

    def count(n: int, key: str | None = None) -> str:
        if key is None:
            return label("n_project" if n == 1 else "n_projects", lang).format(n=n)
        return f"{n}{label(key, lang)}" if ja else f"{n} {label(key, lang)}"

    head = f"{label('projects', lang)}: {count(p.named, 'named')}"
    if p.listed_in_sources is not None:
        head += f" / {count(p.listed_in_sources, 'listed')}"
    split = label("announced_split", lang).format(
        named=p.announced - p.first_reported_later, later=p.first_reported_later
    )
    lines = [
        head,
        f"  {label('announced', lang)}: {count(p.announced)}{sep}{money(p.announced_usd, lang)}"
        + bracketed(split, lang),
    ]
    pledge = label("of_pledge", lang).format(pledge=money(p.pledge_usd, lang))
    for stage, n, amount, share in (
        ("selected", p.selected, p.selected_usd, p.selected_share),
        ("financed", p.financed, p.financed_usd, p.financed_share),
    ):
        line = f"  {label(stage, lang)}: {count(n)}{sep}{money(amount, lang)}"
        if share is not None:
            of = f"{pledge}{share:.1f}%" if ja else f"{share:.1f}% {pledge}"
            line += bracketed(of, lang)
        lines.append(line)
    return Text("\n".join(lines))


def _counts_text(counts: Mapping[str, int], lang: str) -> str:
    """'achieved 1, in progress 3' / '達成 1、進行中 3'."""
    return listed((f"{label(status, lang)} {n}" for status, n in sorted(counts.items())), lang)


def _grouped_counts(
    title_key: str, column_key: str, groups: dict[str, dict[str, int]], lang: str
) -> Table:
    table = Table(title=label(title_key, lang), title_justify="left")
    add_columns(table, lang, **{column_key: "text", "status": "text", "count": "number"})
    for key, counts in groups.items():
        table.add_row(escape(key), _counts_text(counts, lang), str(sum(counts.values())))
    return table


def print_all(console: Console, renderables: Iterable[Any]) -> None:
    """Print renderables one after another."""
    for renderable in renderables:
        console.print(renderable)
