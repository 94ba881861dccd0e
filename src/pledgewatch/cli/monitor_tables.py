"""Tables and CSV of the monitoring commands: sources, items, stories, rounds, results.

Ingested text (titles, URLs, error messages quoting a page) goes through rich.markup.escape.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from pledgewatch.brief.labels import label
from pledgewatch.cli.render import to_csv
from pledgewatch.errors import in_language
from pledgewatch.monitor.documents import shorten
from pledgewatch.monitor.ingestion import Outcome, Stored
from pledgewatch.monitor.runner import RoundSummary, SourceRun
from pledgewatch.monitor.views import ItemView, SourceView, StoryView

OUTCOME_STYLES = {
    Outcome.NEW_STORY: "green",
    Outcome.NEW_ITEM: "cyan",
    Outcome.SIGHTING: "dim",
    Outcome.KNOWN: "dim",
    Outcome.ERROR: "red",
}


def _when(value: datetime | None, lang: str) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else label("never", lang)


def sources_table(sources: Sequence[SourceView], lang: str) -> Table:
    """The registered sources with their health."""
    table = Table(title=label("sources", lang), title_justify="left")
    table.add_column(label("name", lang), overflow="fold", ratio=2)
    table.add_column(label("kind", lang))
    table.add_column(label("trust", lang))
    table.add_column(label("interval", lang), justify="right")
    table.add_column(label("items", lang), justify="right")
    table.add_column(label("last_success", lang))
    table.add_column(label("failures", lang), justify="right")
    table.add_column(label("last_error", lang), overflow="fold", ratio=2)
    table.add_column(label("location", lang), overflow="fold", ratio=3)
    for s in sources:
        health = s.health
        error = ""
        if health.last_error and health.consecutive_failures:
            error = f"{_when(health.last_error_at, lang)} {health.last_error}"
        table.add_row(
            escape(s.name),
            label(s.kind, lang),
            label(s.trust, lang),
            f"{s.interval_minutes}{label('minutes', lang)}",
            str(s.items),
            _when(health.last_success, lang),
            Text(
                str(health.consecutive_failures), style="red" if health.consecutive_failures else ""
            ),
            Text(error, style="red"),
            escape(s.location),
        )
    return table


def sources_csv(sources: Sequence[SourceView]) -> str:
    """The sources as CSV."""
    return to_csv(
        [
            "name",
            "kind",
            "location",
            "language",
            "trust",
            "interval_minutes",
            "enabled",
            "items",
            "last_success",
            "last_error_at",
            "last_error",
            "consecutive_failures",
        ],
        (
            [
                s.name,
                s.kind,
                s.location,
                s.language or "",
                s.trust,
                s.interval_minutes,
                s.enabled,
                s.items,
                s.health.last_success.isoformat() if s.health.last_success else "",
                s.health.last_error_at.isoformat() if s.health.last_error_at else "",
                s.health.last_error or "",
                s.health.consecutive_failures,
            ]
            for s in sources
        ),
    )


def items_table(items: Sequence[ItemView], lang: str) -> Table:
    """The items listing."""
    table = Table(title=label("items", lang), title_justify="left")
    table.add_column(label("id", lang), justify="right")
    table.add_column(label("published", lang), no_wrap=True)
    table.add_column(label("language", lang))
    table.add_column(label("title", lang), overflow="fold", ratio=3, min_width=20)
    table.add_column(label("story", lang), justify="right")
    table.add_column(label("sources", lang), overflow="fold", ratio=1)
    table.add_column("URL", overflow="fold", ratio=2)
    for i in items:
        table.add_row(
            str(i.id),
            i.published.isoformat() if i.published else "—",
            i.language or "—",
            escape(i.title),
            str(i.story),
            escape(", ".join(i.sources) or "—"),
            escape(i.origin_url or i.url),
        )
    return table


def items_csv(items: Sequence[ItemView]) -> str:
    """The items as CSV."""
    return to_csv(
        [
            "id",
            "url",
            "title",
            "published",
            "language",
            "story",
            "source",
            "sources",
            "trust",
            "kind",
            "origin_url",
        ],
        (
            [
                i.id,
                i.url,
                i.title,
                i.published.isoformat() if i.published else "",
                i.language or "",
                i.story,
                i.source or "",
                "; ".join(i.sources),
                i.trust,
                i.kind,
                i.origin_url or "",
            ]
            for i in items
        ),
    )


def stories_table(stories: Sequence[StoryView], lang: str) -> Table:
    """The stories listing with item counts and sources."""
    table = Table(title=label("stories", lang), title_justify="left")
    table.add_column(label("id", lang), justify="right")
    table.add_column(label("published", lang), no_wrap=True)
    table.add_column(label("title", lang), overflow="fold", ratio=3, min_width=20)
    table.add_column(label("items", lang), justify="right")
    table.add_column(label("seen", lang), justify="right")
    table.add_column(label("language", lang))
    table.add_column(label("sources", lang), overflow="fold", ratio=1)
    for s in stories:
        table.add_row(
            str(s.id),
            s.first_published.isoformat() if s.first_published else "—",
            escape(s.title),
            str(s.items),
            str(s.sightings),
            ", ".join(s.languages) or "—",
            escape(", ".join(s.sources) or "—"),
        )
    return table


def stories_csv(stories: Sequence[StoryView]) -> str:
    """The stories as CSV."""
    return to_csv(
        ["id", "title", "first_published", "items", "sightings", "languages", "sources"],
        (
            [
                s.id,
                s.title,
                s.first_published.isoformat() if s.first_published else "",
                s.items,
                s.sightings,
                " ".join(s.languages),
                "; ".join(s.sources),
            ]
            for s in stories
        ),
    )


def result_line(result: Stored, lang: str) -> Text:
    """One stored entry, as a line: what happened, the story, the title or the reason, the URL."""
    outcome = Text(label(result.outcome.value, lang), style=OUTCOME_STYLES[result.outcome])
    where = f" #{result.story_id}" if result.story_id is not None else ""
    detail = (
        in_language(result.reason or "", result.reason_ja, lang)
        if result.outcome is Outcome.ERROR
        else shorten(result.title, 70)
    )
    return Text.assemble(outcome, where, " ", detail or "", " ", (result.url, "dim"))


def results_table(results: Sequence[Stored], lang: str) -> Table:
    """What a run would store, entry by entry (sources test)."""
    table = Table(title=label("would_store", lang), title_justify="left")
    table.add_column(label("outcome", lang))
    table.add_column(label("story", lang), justify="right")
    table.add_column(label("title", lang), overflow="fold", ratio=2)
    table.add_column("URL", overflow="fold", ratio=2)
    for r in results:
        table.add_row(
            Text(label(r.outcome.value, lang), style=OUTCOME_STYLES[r.outcome]),
            str(r.story_id) if r.story_id is not None else "—",
            escape(
                in_language(r.reason or "", r.reason_ja, lang)
                if r.outcome is Outcome.ERROR
                else r.title
            ),
            escape(r.url),
        )
    return table


def _run_status(run: SourceRun, lang: str) -> Text:
    if run.skipped:
        skipped = in_language(run.skipped, run.skipped_ja, lang)
        return Text(f"{label('skipped', lang)}: {skipped}", style="yellow")
    if run.failure:
        return Text(in_language(run.failure, run.failure_ja, lang), style="red")
    if run.errors:
        first = run.errors[0]
        reason = in_language(first.reason or "", first.reason_ja, lang)
        more = f" (+{len(run.errors) - 1})" if len(run.errors) > 1 else ""
        return Text(f"{first.url}: {reason}{more}", style="yellow")
    return Text(label("ok", lang), style="green")


def round_table(summary: RoundSummary, lang: str, *, number: int | None = None) -> Table:
    """The summary of one round, one row per source."""
    title = label("round_summary", lang) + (f" {number}" if number is not None else "")
    table = Table(title=title, title_justify="left")
    table.add_column(label("source", lang), overflow="fold")
    for key in ("new_items", "new_stories", "sightings", "errors"):
        table.add_column(label(key, lang), justify="right")
    table.add_column(label("status", lang), overflow="fold", ratio=2)
    for run in summary.runs:
        table.add_row(
            escape(run.source),
            str(run.stored),
            str(run.new_stories),
            str(run.sightings),
            str(len(run.errors) + (run.failure is not None)),
            _run_status(run, lang),
        )
    if len(summary.runs) > 1:
        table.add_row(
            Text("Σ", style="bold"),
            str(summary.new_items),
            str(summary.new_stories),
            str(summary.sightings),
            str(summary.errors),
            "",
        )
    return table
