"""Monitoring commands: sources, ingest, items, stories, watch and worker.

Each command parses its options, calls one monitoring service and prints the result; the
rules (what is a duplicate, when a source is due, who holds a lease) live in
pledgewatch.monitor.
"""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from sqlalchemy import Engine

from pledgewatch.brief.labels import label
from pledgewatch.cli import monitor_tables as tables
from pledgewatch.cli import render
from pledgewatch.cli.app import app
from pledgewatch.cli.options import (
    DbOption,
    FormatOption,
    LangOption,
    day_option,
    make_console,
    settings_from,
    user_errors,
)
from pledgewatch.cli.render import OutputFormat
from pledgewatch.errors import ConfigurationError, in_language
from pledgewatch.fetch.policy import fetch_policy
from pledgewatch.monitor import catalog, oneoff
from pledgewatch.monitor import sources as source_service
from pledgewatch.monitor.ingestion import Stored
from pledgewatch.monitor.runner import Monitor, RoundSummary
from pledgewatch.monitor.sample import SAMPLE_SOURCE_NAME, ensure_sample_source
from pledgewatch.monitor.views import ResultView
from pledgewatch.settings import Settings
from pledgewatch.store.database import open_database

sources_app = typer.Typer(
    help="Monitored sources: feeds, pages, sitemaps, folders.\n\n"
    "監視する情報源（フィード、ページ、サイトマップ、フォルダ）。\n\n"
    "Example: pledgewatch sources list",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")

LanguageHintOption = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="Language of the texts (ja or en), used when it cannot be told from the text.",
        show_default=False,
    ),
]
TrustOption = Annotated[
    str, typer.Option("--trust", help="Trust level of what it publishes: official or media.")
]


@sources_app.command("add")
def sources_add(
    location: Annotated[
        str,
        typer.Argument(help="The feed, page or sitemap URL, or the folder's path."),
    ],
    name: Annotated[str, typer.Option("--name", help="A unique name for the source.")],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="feed, page, sitemap or folder. Default: folder for a local path, else feed.",
            show_default=False,
        ),
    ] = None,
    language: LanguageHintOption = None,
    trust: TrustOption = "media",
    interval: Annotated[
        int, typer.Option("--interval", help="Minutes between two runs of the source.")
    ] = source_service.DEFAULT_INTERVAL_MINUTES,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Register a source to monitor; its URL or folder is checked first.

    監視する情報源を登録します（URLやフォルダを事前に確認します）。

    Example: pledgewatch sources add https://www.meti.go.jp/rss/news.xml --name METI --language ja
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        chosen_kind = kind or ("feed" if "://" in location else "folder")
        view = source_service.add_source(
            engine,
            source_service.NewSource(
                name=name,
                kind=chosen_kind,
                location=location,
                language_hint=language,
                trust=trust,
                interval_minutes=interval,
            ),
            fetch_policy(settings),
        )
        make_console().print(
            f"{label('source_added', settings.lang)}: {escape(view.name)} "
            f"({view.kind}, {escape(view.location)})"
        )


@sources_app.command("list")
def sources_list(
    db: DbOption = None, fmt: FormatOption = OutputFormat.TABLE, lang: LangOption = None
) -> None:
    """List the sources with their health: last success, last error, failures in a row.

    情報源の一覧と状態（最終成功、直近のエラー、連続失敗回数）。

    Example: pledgewatch sources list --format json
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        views = source_service.list_sources(open_database(settings.database_url))
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(views))
        elif fmt is OutputFormat.CSV:
            console.out(tables.sources_csv(views), end="")
        else:
            console.print(tables.sources_table(views, settings.lang))


@sources_app.command("remove")
def sources_remove(
    name: Annotated[str, typer.Argument(help="The source's name.")],
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Stop monitoring a source; the items it found are kept.

    情報源の監視をやめます（取り込んだ記事は残ります）。

    Example: pledgewatch sources remove "METI"
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        source_service.remove_source(open_database(settings.database_url), name)
        make_console().print(f"{label('source_removed', settings.lang)}: {escape(name)}")


@sources_app.command("test")
def sources_test(
    name: Annotated[str, typer.Argument(help="The source's name.")],
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """Read a source once and show what would be stored; nothing is stored.

    情報源を一度読み込み、取り込まれる内容を表示します（保存はしません）。

    Example: pledgewatch sources test "METI"
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with Monitor(engine, settings) as monitor:
            _, results = monitor.preview_source(name)
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json([_result_view(r) for r in results]))
        elif fmt is OutputFormat.CSV:
            console.out(
                render.to_csv(
                    ["outcome", "story", "title", "url", "reason"],
                    (
                        [r.outcome.value, r.story_id or "", r.title, r.url, r.reason or ""]
                        for r in results
                    ),
                ),
                end="",
            )
        else:
            console.print(tables.results_table(results, settings.lang))


def _result_view(result: Stored) -> ResultView:
    return ResultView(
        outcome=result.outcome.value,
        url=result.url,
        item=result.item_id,
        story=result.story_id,
        title=result.title,
        reason=result.reason,
        similarity=result.similarity,
    )


@app.command()
def ingest(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH|URL...",
            help="Files (.html, .htm, .txt, .pdf, feed .xml), folders, or http(s) URLs.",
            show_default=False,
        ),
    ] = None,
    sample: Annotated[
        bool,
        typer.Option(
            "--sample", help="Register and read the offline sample source of the default agreement."
        ),
    ] = False,
    language: LanguageHintOption = None,
    trust: TrustOption = "media",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print the totals only.")] = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Store files, folders or URLs once, without registering a source.

    ファイル、フォルダ、URLを一度だけ取り込みます（情報源としては登録しません）。

    Each item is printed once it is committed; running it again stores nothing twice.
    --sample registers the shipped sample summaries as a folder source and reads them.

    Example: pledgewatch ingest ./downloads/ https://www.mofa.go.jp/press/release/
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        console = make_console()
        if not targets and not sample:
            raise ConfigurationError(
                "name files, folders or URLs to ingest, or use --sample",
                ja="取り込むファイル、フォルダ、URL を指定するか、--sample を付けてください",
            )

        def show(result: Stored) -> None:
            if not quiet:
                # One line per item, never wrapped, so that scripts can read what was stored.
                console.print(tables.result_line(result, settings.lang), soft_wrap=True)

        if sample:
            source_id = ensure_sample_source(engine)
            with Monitor(engine, settings) as monitor:
                run = monitor.run_source(source_id, on_result=show)
            console.print(
                f"{label('sample_source', settings.lang)}: {escape(SAMPLE_SOURCE_NAME)} — "
                + _totals(
                    run.stored, run.new_stories, run.sightings, len(run.errors), settings.lang
                )
            )
            if run.failure or run.skipped:
                problem = in_language(
                    run.failure or run.skipped or "",
                    run.failure_ja or run.skipped_ja,
                    settings.lang,
                )
                console.print(f"[red]{escape(problem)}[/]")
        if targets:
            tally = oneoff.ingest(
                engine,
                settings,
                targets,
                trust=trust,
                language_hint=language,
                on_result=show,
            )
            console.print(
                f"{label('ingested', settings.lang)}: "
                + _totals(
                    tally.stored,
                    tally.new_stories,
                    tally.sightings,
                    len(tally.errors),
                    settings.lang,
                )
            )


def _totals(items: int, stories: int, sightings: int, errors: int, lang: str) -> str:
    return (
        f"{label('new_items', lang)} {items}, {label('new_stories', lang)} {stories}, "
        f"{label('sightings', lang)} {sightings}, {label('errors', lang)} {errors}"
    )


@app.command()
def items(
    since: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="Only items published on or after this date (undated ones: fetched since).",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(help="Only items found or sighted by this source.", show_default=False),
    ] = None,
    story: Annotated[
        int | None, typer.Option(help="Only the items of this story.", show_default=False)
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language", help="Only items in this language: ja or en.", show_default=False
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="At most this many items.", show_default=False)
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """List stored items (articles and releases), newest first.

    取り込んだ記事・発表の一覧（新しい順）。

    Example: pledgewatch items --since 2026-01-01 --source "METI" --format json
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        views = catalog.list_items(
            open_database(settings.database_url),
            catalog.ItemQuery(
                since=day_option("--since", since) if since else None,
                source=source,
                story=story,
                language=language,
                limit=limit,
            ),
        )
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(views))
        elif fmt is OutputFormat.CSV:
            console.out(tables.items_csv(views), end="")
        else:
            console.print(tables.items_table(views, settings.lang))


@app.command()
def stories(
    limit: Annotated[
        int | None, typer.Option(help="At most this many stories.", show_default=False)
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """List stories: copies and near-copies of one report grouped, with every source kept.

    ストーリー（同じ報道の転載・類似記事をまとめたもの）の一覧と、記事数・情報源。

    Example: pledgewatch stories --format csv
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        views = catalog.list_stories(open_database(settings.database_url), limit=limit)
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(views))
        elif fmt is OutputFormat.CSV:
            console.out(tables.stories_csv(views), end="")
        else:
            console.print(tables.stories_table(views, settings.lang))


IntervalOption = Annotated[
    float, typer.Option("--interval", help="Seconds between two rounds.", min=1.0)
]


@app.command()
def watch(
    once: Annotated[bool, typer.Option("--once", help="Run one round, then stop.")] = False,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Run every enabled source in the first round, due or not "
            "(what is already stored is only sighted again).",
        ),
    ] = False,
    interval: IntervalOption = 60.0,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Run the due sources on their schedule, with progress and a summary per round.

    予定に従って情報源を巡回し、進行状況と巡回ごとの結果を表示します。--all を付けると、
    最初の巡回で予定に関係なくすべての情報源を読みます（保存済みの記事は重複して保存されません）。

    A failing source never stops the others; its error is kept in its health
    (pledgewatch sources list). Stop with Ctrl-C.

    Example: pledgewatch watch --once --all
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        _watch(engine, settings, once=once, interval=interval, every=every)


def _watch(
    engine: Engine, settings: Settings, *, once: bool, interval: float, every: bool = False
) -> None:
    console = make_console()
    number = 0
    with Monitor(engine, settings) as monitor:
        try:
            while True:
                number += 1
                summary = _round(monitor, console, settings.lang, every=every and number == 1)
                if summary.runs:
                    console.print(tables.round_table(summary, settings.lang, number=number))
                else:
                    console.print(label("no_due_sources", settings.lang))
                if once:
                    return
                console.print(
                    f"{label('next_round_in', settings.lang)} {interval:.0f}"
                    f"{label('seconds', settings.lang)}",
                    style="dim",
                )
                time.sleep(interval)
        except KeyboardInterrupt:
            return


def _round(monitor: Monitor, console: Console, lang: str, *, every: bool = False) -> RoundSummary:
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label("round", lang), total=None, counts="")
        tally = {"new": 0, "errors": 0}

        def started(name: str, position: int, total: int) -> None:
            progress.update(task, description=escape(name), completed=position, total=total)

        def stored(result: Stored) -> None:
            if result.item_id is not None and result.outcome.value.startswith("new"):
                tally["new"] += 1
            if result.reason is not None:
                tally["errors"] += 1
            progress.update(
                task,
                counts=f"{label('new_items', lang)} {tally['new']} · "
                f"{label('errors', lang)} {tally['errors']}",
            )

        summary = monitor.run_due(every=every, on_start=started, on_result=stored)
        progress.update(task, completed=len(summary.runs))
    return summary


@app.command()
def worker(
    setup: Annotated[
        bool, typer.Option("--setup", help="Create the task queue's tables, then stop.")
    ] = False,
    burst: Annotated[
        bool,
        typer.Option("--burst", help="Queue the due sources, process the queue, then stop."),
    ] = False,
    concurrency: Annotated[
        int, typer.Option("--concurrency", help="Jobs run at once by this worker.", min=1)
    ] = 1,
    interval: IntervalOption = 60.0,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Process monitoring jobs; on PostgreSQL several workers on several machines share them.

    監視ジョブを処理します。PostgreSQLでは複数のマシンのワーカーで分担します。

    On PostgreSQL this is a procrastinate worker: every minute the due sources are queued,
    and a lease per source makes sure two workers never read one source at once. On SQLite
    there is no queue: the in-process monitor runs instead, as 'pledgewatch watch' does.

    Example: pledgewatch worker --db postgresql+psycopg://pledgewatch@db/pledgewatch
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        console = make_console()
        # Imported here: procrastinate is needed by this command only.
        from pledgewatch.monitor import queue

        if not queue.uses_task_queue(engine):
            if setup:
                raise ConfigurationError(
                    "the task queue needs PostgreSQL; SQLite needs no setup for 'worker'",
                    ja="タスクキューには PostgreSQL が必要です。"
                    "SQLite では 'worker' の準備は不要です",
                )
            console.print(label("sqlite_worker", settings.lang), style="yellow")
            _watch(engine, settings, once=burst, interval=interval)
            return
        if setup:
            created = queue.apply_schema(engine, settings)
            console.print(
                f"{label('queue_ready', settings.lang)}"
                + ("" if created else f" ({label('unchanged', settings.lang)})")
            )
            return
        queued = queue.run_worker(engine, settings, burst=burst, concurrency=concurrency)
        if burst:
            console.print(f"{label('queued', settings.lang)}: {len(queued)}")
