"""The pledgewatch command line: parse options, call the library, print the result.

No SQL or business rule lives here. Options shared by several commands (--db, --format,
--lang) are defined once below. A PledgewatchError becomes a short message and exit code 1,
never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from pledgewatch.assess.events import record_occurrence
from pledgewatch.brief.commitments import list_commitments, show_commitment
from pledgewatch.brief.dashboard import build_dashboard
from pledgewatch.brief.labels import label
from pledgewatch.brief.views import agreement_view
from pledgewatch.capture.default import default_agreement_path, thesaurus_path
from pledgewatch.capture.loader import LoadResult, load_agreement_file, load_thesaurus_file
from pledgewatch.cli import render
from pledgewatch.cli.options import (
    AgreementOption,
    AsOfOption,
    DbOption,
    DetailFormatOption,
    FormatOption,
    LangOption,
    day_option,
    json_or_table_only,
    make_console,
    settings_from,
    today,
    user_errors,
)
from pledgewatch.cli.render import OutputFormat
from pledgewatch.cli.usage import UsageErrorGroup
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store.commitments import CommitmentFilter
from pledgewatch.store.database import open_database
from pledgewatch.store.db import session_factory, unit_of_work

app = typer.Typer(
    name="pledgewatch",
    help=(
        "Track what governments do after they sign an agreement: commitments, deadlines, "
        "status.\n\n合意後に政府が実際に何をしたかを追跡します。"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    # Reports typer's own usage mistakes (unknown option, missing value...) in Japanese too.
    cls=UsageErrorGroup,
)
events_app = typer.Typer(
    help="Condition events that date follow-on deadlines.\n\n後続期限の起点となる事象。\n\n"
    "Example: pledgewatch events list",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")


@app.command()
def init(
    db: DbOption = None,
    lang: LangOption = None,
    default: Annotated[
        bool,
        typer.Option(help="Load the embedded default agreement (the 2025-10-28 summit)."),
    ] = True,
) -> None:
    """Create or migrate the database and load the thesaurus and the default agreement.

    データベースを作成・更新し、分類語と既定の合意（2025年10月28日の日米首脳会談）を読み込みます。

    Safe to run again: the schema is migrated, the thesaurus updated, and the default agreement
    reloaded only when the shipped file changed (its status history is kept).

    Example: pledgewatch init --db ./pledgewatch.db
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url, create=True)
        concepts = load_thesaurus_file(engine, thesaurus_path())
        console = make_console()
        console.print(
            f"{label('initialised', settings.lang)}: {escape(engine.url.render_as_string())}"
        )
        console.print(
            f"分類語{concepts}件" if settings.lang == "ja" else f"{concepts} thesaurus concepts"
        )
        if default:
            result = load_agreement_file(engine, default_agreement_path(), replace=True)
            _print_load(console, result, settings.lang)
        if engine.dialect.name == "postgresql":
            # Monitoring's task queue (procrastinate) keeps its tables in the same database.
            # Imported here so that commands other than init and worker never load it.
            from pledgewatch.monitor.queue import apply_schema

            if apply_schema(engine, settings):
                console.print(label("queue_ready", settings.lang))


def _print_load(console: Console, result: LoadResult, lang: str) -> None:
    if lang == "ja":
        counts = (
            f"文書{result.documents}件、コミットメント{result.commitments}件"
            f"（うち正確な出典位置あり{result.exact_spans}件）"
        )
    else:
        counts = (
            f"{result.documents} documents, {result.commitments} commitments "
            f"({result.exact_spans} with an exact source span)"
        )
    console.print(f"{label(result.outcome, lang)}: {escape(result.agreement_id)} — {counts}")


@app.command()
def load(
    file: Annotated[Path, typer.Argument(help="The agreement file (YAML).", show_default=False)],
    replace: Annotated[
        bool, typer.Option(help="Replace an agreement already stored (its history is kept).")
    ] = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Load an agreement file; a bad file is reported by line and field, and nothing is stored.

    合意ファイルを読み込みます。誤りは行と項目を示して報告し、何も保存しません。

    The format is described in docs/agreement-format.md.

    Example: pledgewatch load my-agreement/agreement.yaml
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        result = load_agreement_file(engine, file, replace=replace)
        _print_load(make_console(), result, settings.lang)


@app.command()
def agreements(
    db: DbOption = None, fmt: FormatOption = OutputFormat.TABLE, lang: LangOption = None
) -> None:
    """List the stored agreements.

    登録済みの合意の一覧。

    Example: pledgewatch agreements --format json
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with session_factory(engine)() as session:
            views = [agreement_view(a) for a in agreement_store.list_agreements(session)]
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(views))
        elif fmt is OutputFormat.CSV:
            console.out(render.agreements_csv(views, settings.lang), end="")
        else:
            console.print(render.agreements_table(views, settings.lang))


@app.command()
def commitments(
    agreement: AgreementOption = None,
    sector: Annotated[
        str | None,
        typer.Option(
            help="Only this sector or topic (narrower concepts included).", show_default=False
        ),
    ] = None,
    party: Annotated[
        str | None,
        typer.Option(help="Only commitments binding this party (JP, US).", show_default=False),
    ] = None,
    due_before: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD", help="Only deadlines before this date.", show_default=False
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="Only this status: not_started, in_progress, achieved, missed, setback, unclear.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """List commitments with their computed deadlines and status.

    コミットメントの一覧。

    Example: pledgewatch commitments --sector shipbuilding --party JP --format csv
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        criteria = CommitmentFilter(
            agreement_id=agreement,
            sector=sector,
            party=party.upper() if party else None,
            due_before=day_option("--due-before", due_before) if due_before else None,
        )
        with session_factory(engine)() as session:
            views = list_commitments(session, criteria, status=status)
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(views))
        elif fmt is OutputFormat.CSV:
            console.out(render.commitments_csv(views, settings.lang), end="")
        else:
            console.print(render.commitments_table(views, settings.lang))


@app.command()
def show(
    commitment_id: Annotated[
        str, typer.Argument(metavar="ID", help="CM-04, or AGREEMENT/CM-04.", show_default=False)
    ],
    as_of: AsOfOption = None,
    db: DbOption = None,
    fmt: DetailFormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """Show one commitment: statement, source passage, deadline and basis, history.

    コミットメントの詳細（内容、出典箇所、期限とその根拠、履歴）。

    Example: pledgewatch show CM-04 --as-of 2026-03-19 --lang ja
    """
    with user_errors(lang):
        json_or_table_only(fmt)
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with session_factory(engine)() as session:
            view = show_commitment(
                session,
                commitment_id,
                as_of=today(settings, as_of),
                at_risk_days=settings.at_risk_days,
            )
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(view))
        else:
            console.print(render.commitment_panel(view, settings.lang))


@app.command()
def status(
    agreement: AgreementOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
    fmt: DetailFormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """The status dashboard: watch points, deadlines with days left, counts.

    状況一覧。

    Example: pledgewatch status --as-of 2026-03-19 --lang ja
    """
    with user_errors(lang):
        json_or_table_only(fmt)
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with session_factory(engine)() as session:
            view = build_dashboard(
                session,
                agreement_id=agreement,
                as_of=today(settings, as_of),
                at_risk_days=settings.at_risk_days,
            )
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(view))
        else:
            render.print_all(console, render.dashboard_renderables(view, settings.lang))


@events_app.command("list")
def events_list(
    agreement: AgreementOption = None, db: DbOption = None, lang: LangOption = None
) -> None:
    """List the condition events of an agreement and their recorded occurrences.

    条件となる事象とその発生記録の一覧。

    Example: pledgewatch events list
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with session_factory(engine)() as session:
            chosen = agreement_store.get_agreement(session, agreement)
            events = agreement_store.condition_events(session, chosen.id)
            console = make_console()
            console.print(f"[bold]{label('events', settings.lang)}[/] ({escape(chosen.id)})")
            for key, event in events.items():
                name = event.name_ja if settings.lang == "ja" else event.name_en
                console.print(f"  {escape(key)}: {escape(name)}")
                for occurrence in event.occurrences:
                    subject = f" — {occurrence.subject}" if occurrence.subject else ""
                    console.print(f"    {occurrence.date.isoformat()}{escape(subject)}")
            if not events:
                console.print(f"  {label('none', settings.lang)}")


@events_app.command("record")
def events_record(
    event: Annotated[str, typer.Argument(help="The event's key, e.g. project-selection.")],
    on: Annotated[
        str,
        typer.Option("--date", metavar="YYYY-MM-DD", help="When it happened (YYYY-MM-DD)."),
    ],
    subject: Annotated[
        str | None, typer.Option(help="What it concerned (e.g. the project).", show_default=False)
    ] = None,
    by: Annotated[str, typer.Option("--by", help="Who records it.")] = "cli user",
    agreement: AgreementOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Record that a condition event happened; deadlines hanging on it get their date.

    事象の発生を記録し、それを起点とする期限の日付を確定させます。

    Example: pledgewatch events record project-selection --date 2026-02-17 --subject "energy"
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        day = day_option("--date", on)
        engine = open_database(settings.database_url)
        with unit_of_work(engine) as session:
            chosen = agreement_store.get_agreement(session, agreement)
            record_occurrence(
                session,
                agreement_id=chosen.id,
                event_key=event,
                on=day,
                subject=subject,
                recorded_by=by,
            )
        make_console().print(f"{label('event_recorded', settings.lang)}: {escape(event)} {day}")


def main() -> None:
    """Entry point of the console script."""
    app()
