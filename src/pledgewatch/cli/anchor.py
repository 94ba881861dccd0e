"""`pledgewatch anchor`: point commitments at their exact words in a fuller text."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pledgewatch.brief.labels import label
from pledgewatch.capture.anchor import (
    AnchorReport,
    AnchorRequest,
    CommitmentAnchor,
    Outcome,
    anchor_document,
)
from pledgewatch.capture.reading import read_location
from pledgewatch.cli.app import app
from pledgewatch.cli.options import (
    DbOption,
    DetailFormatOption,
    json_or_table_only,
    make_console,
    settings_from,
    user_errors,
)
from pledgewatch.cli.render import OutputFormat
from pledgewatch.cli.review import reviewer
from pledgewatch.errors import ConfigurationError
from pledgewatch.fetch.policy import fetch_policy
from pledgewatch.store.database import open_database
from pledgewatch.store.db import unit_of_work

_PASSAGE = 90  # characters of a passage shown in the table


@app.command()
def anchor(
    agreement: Annotated[str, typer.Argument(help="The agreement's id.", show_default=False)],
    location: Annotated[
        str,
        typer.Argument(
            metavar="FILE|URL", help="The fuller text: a file or a URL.", show_default=False
        ),
    ],
    document: Annotated[
        str | None,
        typer.Option(
            help="The document's key (default: recognised from the text).", show_default=False
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of the text: ja or en (default: detected). The output follows "
            "PLEDGEWATCH_LANG.",
            show_default=False,
        ),
    ] = None,
    save: Annotated[
        bool, typer.Option(help="Store the text as the document's and save the spans.")
    ] = False,
    complete: Annotated[
        bool, typer.Option(help="With --save: mark the stored text complete.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            help="With --save: save even if commitments anchored in the old text are not found."
        ),
    ] = False,
    by: Annotated[
        str | None, typer.Option("--by", help="Who saves (default: the user logged in).")
    ] = None,
    db: DbOption = None,
    fmt: DetailFormatOption = OutputFormat.TABLE,
) -> None:
    """Find each commitment's exact span in a fuller text of one of the agreement's documents.

    文書のより完全なテキストの中で、各コミットメントの正確な位置を特定します。改行・空白・
    句読点（、。,.）・全角半角・引用符の違いは許容し、特定できなかったものは理由とともに示します。

    Commitments that quote a passage are found by it; the others by their statement in the
    text's language, matched to a sentence or clause. Low-confidence matches are reported, not
    used. Without --save nothing is stored.

    Example: pledgewatch anchor 2025-10-28-japan-us framework.ja.txt --document KEY --save
    """
    with user_errors(None):
        json_or_table_only(fmt)
        if lang is not None and lang not in ("ja", "en"):
            raise ConfigurationError(
                f"--lang must be 'ja' or 'en', not {lang!r}",
                ja=f"--lang には 'ja' か 'en' を指定してください（{lang!r} は使えません）",
            )
        settings = settings_from(db, None)
        engine = open_database(settings.database_url)
        read = read_location(location, policy=fetch_policy(settings))
        request = AnchorRequest(
            text=read.extracted.text,
            source=location,
            agreement_id=agreement,
            language=lang or read.extracted.language,
            document_key=document,
            url=read.url,
            save=save,
            complete=complete,
            force=force,
            saved_by=by or reviewer(),
        )
        with unit_of_work(engine) as session:
            report = anchor_document(session, request)
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        else:
            print_report(console, report, settings.lang)


def reason(result: CommitmentAnchor, report: AnchorReport) -> dict[str, str]:
    """Why a commitment was not anchored, in both languages."""
    other = "en" if report.language == "ja" else "ja"
    score = f"{result.score:.2f}" if result.score is not None else ""
    candidate = _short(result.passage or "")
    reasons = {
        Outcome.LOW_CONFIDENCE: (
            f"the best match ({score}) is too weak to use: «{candidate}»",
            f"最良の候補（類似度{score}）は確度が低いため使わない: «{candidate}»",
        ),
        Outcome.NOT_FOUND: (
            "nothing in the text resembles its passage or statement",
            "本文中に該当箇所や内容に近い箇所がない",
        ),
        Outcome.OTHER_LANGUAGE: (
            f"already anchored in the {other} text; kept there",
            f"{other}テキストで特定済みのため、そのまま維持",
        ),
        Outcome.NO_STATEMENT: (
            f"it has no {report.language} statement to compare",
            f"{report.language}の内容記述がなく比較できない",
        ),
    }
    en, ja = reasons.get(result.outcome, ("", ""))
    return {"en": en, "ja": ja}


def report_json(report: AnchorReport) -> dict[str, Any]:
    """The report as JSON: every commitment with its outcome, span and reason."""
    data = asdict(report)
    data["commitments"] = [
        asdict(result) | {"anchored": result.anchored, "reason": reason(result, report)}
        for result in report.commitments
    ]
    return data


def print_report(console: Console, report: AnchorReport, lang: str) -> None:
    """The report as a table and a list of what could not be anchored."""
    choice = report.document
    console.print(
        f"[bold]{label('anchoring', lang)}[/]: {escape(report.agreement_id)} / "
        f"{escape(choice.key)} ({label('identified_by', lang)} {choice.method}, "
        f"{choice.score:.2f}) · {report.language} · {report.text_length}"
    )
    table = Table()
    for key in ("id", "outcome", "score", "span", "passage"):
        table.add_column(label(key, lang), overflow="fold")
    for result in report.commitments:
        span = f"{result.start}-{result.end}" if result.start is not None else "—"
        table.add_row(
            escape(result.code),
            label(f"anchor_{result.outcome.value}", lang),
            f"{result.score:.2f}" if result.score is not None else "—",
            span if result.anchored else "—",
            escape(_short(result.passage or "")) if result.anchored else "—",
        )
    console.print(table)
    missing = report.unanchored
    console.print(f"[bold]{label('not_anchored', lang)}[/]: {len(missing)}")
    for result in missing:
        console.print(f"  {escape(result.code)}: {escape(reason(result, report)[lang])}")
    lost = [s.key for s in report.sections if s.start is None]
    if lost:
        console.print(f"{label('sections_lost', lang)}: {escape(', '.join(lost))}")
    if report.saved:
        console.print(
            f"{label('text_saved', lang)}: {escape(choice.key)} ({report.language}, "
            f"{report.completeness})"
        )
    else:
        console.print(label("dry_run", lang))


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _PASSAGE else flat[: _PASSAGE - 1] + "…"
