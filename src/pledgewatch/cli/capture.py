"""`pledgewatch extract`: propose the commitments of an outcome document, for a person to confirm.

The command only reads its input (a file, or a URL through the shared fetch layer), calls the
extraction engine of pledgewatch.capture and prints the proposals; with --save the proposals
are stored for `pledgewatch review commitments`.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine

from pledgewatch.brief.labels import label
from pledgewatch.capture.detection import grey_zone_key
from pledgewatch.capture.extraction import extract
from pledgewatch.capture.proposal_store import save_extraction
from pledgewatch.capture.proposals import ExtractionResult, Money, ProposedCommitment
from pledgewatch.capture.reading import read_location
from pledgewatch.capture.sectors import stored_broader
from pledgewatch.cli.app import app
from pledgewatch.cli.options import (
    AgreementOption,
    DbOption,
    DetailFormatOption,
    day_option,
    json_or_table_only,
    make_console,
    settings_from,
    user_errors,
)
from pledgewatch.cli.render import OutputFormat
from pledgewatch.cli.review import reviewer
from pledgewatch.errors import ConfigurationError, DatabaseError
from pledgewatch.fetch.policy import fetch_policy
from pledgewatch.settings import Settings
from pledgewatch.store.agreements import get_agreement
from pledgewatch.store.database import open_database
from pledgewatch.store.db import session_factory, unit_of_work
from pledgewatch.store.thesaurus import concept_matcher
from pledgewatch.text.concepts import ConceptMatcher

_TEXT_WIDTH = 160


@app.command("extract")
def extract_command(
    location: Annotated[
        str,
        typer.Argument(
            metavar="FILE|URL",
            help="The outcome document: a text, HTML or PDF file, or an http(s) URL.",
            show_default=False,
        ),
    ],
    agreement: AgreementOption = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The document's date (YYYY-MM-DD), which relative deadlines count from. "
            "Default: the agreement's date, else the date the document states.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="Language of the document: auto, ja or en. The output follows PLEDGEWATCH_LANG.",
        ),
    ] = "auto",
    save: Annotated[
        bool,
        typer.Option(help="Store the proposals for 'pledgewatch review commitments'."),
    ] = False,
    document: Annotated[
        str | None,
        typer.Option(
            "--document",
            help="With --save: the key of the agreement's document this text is.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="With --save: who saves (default: the user).")
    ] = None,
    fmt: DetailFormatOption = OutputFormat.TABLE,
    db: DbOption = None,
) -> None:
    """Propose the commitments of an outcome document, each with its exact source span.

    成果文書（共同声明、覚書、ファクトシート等）からコミットメントの候補を抽出します。各候補には
    原文中の正確な位置、節、当事者、期限、金額、拘束の強さ、分野、グレーゾーンの理由を付けます。

    Reads plain text, HTML and PDF, from a file or a URL (fetched under the fetch policy of
    the settings). Parties are the agreement's signatories with --agreement, else those the
    text names. Nothing is stored unless --save is given.

    Example: pledgewatch extract memorandum.ja.txt --date 2025-10-28 --format json
    """
    with user_errors(None):
        json_or_table_only(fmt)
        if lang not in ("auto", "ja", "en"):
            raise ConfigurationError(
                f"--lang must be auto, ja or en, not {lang!r}",
                ja=f"--lang には auto、ja、en のいずれかを指定してください"
                f"（{lang!r} は使えません）",
            )
        settings = settings_from(db, None)
        read = read_location(location, policy=fetch_policy(settings))
        language = lang if lang != "auto" else read.extracted.language
        engine = _database(settings, needed=bool(agreement or save), given=db is not None)
        codes: list[str] = []
        aliases: dict[str, list[str]] = {}
        matcher: ConceptMatcher | None = None
        broader: dict[str, str] | None = None
        document_date = day_option("--date", on) if on else None
        if engine is not None:
            with session_factory(engine)() as session:
                matcher, broader = concept_matcher(session), stored_broader(session)
                if agreement or save:
                    stored = get_agreement(session, agreement)
                    agreement = stored.id
                    codes = [party.code for party in stored.parties]
                    aliases = {p.code: [p.name_en, p.name_ja] for p in stored.parties}
                    document_date = document_date or stored.date
        result = extract(
            read.extracted.text,
            document_date=document_date or read.extracted.published,
            language=language,
            parties=codes,
            party_aliases=aliases,
            matcher=matcher,
            broader=broader,
        )
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(json.dumps(proposals_json(result), ensure_ascii=False, indent=2))
        else:
            console.print(proposals_table(result, settings.lang))
        if save and engine is not None and agreement is not None:
            with unit_of_work(engine) as session:
                run_id = save_extraction(
                    session,
                    result=result,
                    agreement_id=agreement,
                    document_key=document,
                    source=read.url or location,
                    saved_by=by or reviewer(),
                )
            done = "保存しました" if settings.lang == "ja" else "Saved"
            make_console().print(
                f"{done}: {len(result.proposals)} ({escape(agreement)}, run {run_id})",
                style="dim",
            )


def _database(settings: Settings, *, needed: bool, given: bool) -> Engine | None:
    """The database when the command needs one, was pointed at one, or one exists already."""
    url = settings.database_url
    if needed or given:
        return open_database(url)
    if url.startswith("sqlite:///") and Path(url.removeprefix("sqlite:///")).is_file():
        try:
            return open_database(url)
        except DatabaseError:
            return None  # an old or broken database: the shipped thesaurus serves
    return None


# --- output -----------------------------------------------------------------------------------


def proposals_json(result: ExtractionResult) -> list[dict[str, Any]]:
    """One object per proposal, with the fields issue 3 lists."""
    return [proposal_json(proposal) for proposal in result.proposals]


def proposal_json(proposal: ProposedCommitment) -> dict[str, Any]:
    """A proposal as JSON: text, span, section, parties, deadline, money, strength, ..."""
    deadline = proposal.deadline
    return {
        "text": proposal.text,
        "span": {"start": proposal.span[0], "end": proposal.span[1]},
        "section": proposal.section,
        "parties": proposal.parties,
        "deadline": None
        if deadline is None
        else {
            "date": _iso(deadline.date),
            "precision": deadline.precision,
            "basis": deadline.basis,
            "event": deadline.event,
        },
        "money": [_money_json(money) for money in proposal.money],
        "strength": proposal.strength,
        "sectors": proposal.sectors,
        "grey_zone": proposal.grey_zone,
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _money_json(money: Money) -> dict[str, Any]:
    amount: int | float = (
        int(money.amount) if money.amount == money.amount.to_integral() else float(money.amount)
    )
    return {"amount": amount, "currency": money.currency, "text": money.text}


def proposals_table(result: ExtractionResult, lang: str) -> Table | str:
    """The proposals as a table, in the reader's language; the text cut to a readable length."""
    if not result.proposals:
        return label("no_commitment_found", lang)
    date_text = result.document_date.isoformat() if result.document_date else "—"
    table = Table(
        title=f"{label('proposals', lang)} ({len(result.proposals)}) — "
        f"{label('document_language', lang)}: {result.language}, "
        f"{label('document_date', lang)}: {date_text}",
        show_lines=True,
        expand=True,
    )
    table.add_column(label("section", lang), overflow="fold", ratio=2)
    table.add_column(label("text", lang), overflow="fold", ratio=6, min_width=24)
    for key in ("parties", "deadline", "money", "strength", "sectors", "grey_zone"):
        table.add_column(label(key, lang), overflow="fold", ratio=2)
    for proposal in result.proposals:
        text = proposal.text
        if len(text) > _TEXT_WIDTH:
            text = text[: _TEXT_WIDTH - 1] + "…"
        span = f"[{proposal.span[0]}–{proposal.span[1]}]"
        table.add_row(
            escape(proposal.section or "—"),
            f"{escape(text)}\n{span}",
            escape(", ".join(_party(code, lang) for code in proposal.parties)),
            escape(_deadline_cell(proposal, lang)),
            escape(", ".join(_money_text(money) for money in proposal.money) or "—"),
            label(proposal.strength, lang),
            escape("\n".join(proposal.sectors) or "—"),
            escape(_grey(proposal.grey_zone, lang)),
        )
    return table


def _party(code: str, lang: str) -> str:
    return label("all_parties", lang) if code == "all" else code


def _deadline_cell(proposal: ProposedCommitment, lang: str) -> str:
    deadline = proposal.deadline
    if deadline is None:
        return "—"
    when = deadline.date.isoformat() if deadline.date else "?"
    precision = label(deadline.precision, lang)
    event = f"; {label('waiting_for', lang)}: {deadline.event}" if deadline.event else ""
    return f"{when} ({precision}) «{deadline.basis}»{event}"


def _money_text(money: Money) -> str:
    amount = money.amount
    for scale, word in (
        (Decimal(10) ** 12, "tn"),
        (Decimal(10) ** 9, "bn"),
        (Decimal(10) ** 6, "m"),
    ):
        if amount >= scale:
            return f"{money.currency} {(amount / scale).normalize():f}{word}"
    return f"{money.currency} {amount:f}"


def _grey(reason: str | None, lang: str) -> str:
    if reason is None:
        return "—"
    key = grey_zone_key(reason)
    return label(key, lang) if key else reason
