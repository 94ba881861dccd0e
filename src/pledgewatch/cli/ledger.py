"""`pledgewatch ledger`: the money ledger, and recording the steps of investment projects."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

import typer
from rich.markup import escape

from pledgewatch.assess.projects import NewProject, record_milestone
from pledgewatch.brief.labels import label
from pledgewatch.brief.ledger import ledger_view
from pledgewatch.cli import assess_render, render
from pledgewatch.cli.app import app
from pledgewatch.cli.options import (
    AgreementOption,
    AsOfOption,
    DbOption,
    FormatOption,
    LangOption,
    day_option,
    make_console,
    settings_from,
    today,
    user_errors,
)
from pledgewatch.cli.render import OutputFormat
from pledgewatch.cli.review import reviewer
from pledgewatch.errors import ConfigurationError
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store.database import open_database
from pledgewatch.store.db import session_factory, unit_of_work

ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who records it (default: the user logged in).", show_default=False),
]


ledger_app = typer.Typer(
    help="The money ledger: investment projects against the headline pledge.\n\n"
    "資金の台帳：投資案件と表明額の対比。\n\nExample: pledgewatch ledger --format json",
    invoke_without_command=True,
)
app.add_typer(ledger_app, name="ledger")


@ledger_app.callback()
def ledger(
    ctx: typer.Context,
    agreement: AgreementOption = None,
    as_of: AsOfOption = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    lang: LangOption = None,
) -> None:
    """The money ledger: projects announced, selected and financed against the pledge.

    資金の台帳：発表・選定・資金拠出された案件を表明額と対比して、分野別・月別に示します。

    Example: pledgewatch ledger --as-of 2026-03-19
    """
    if ctx.invoked_subcommand is not None:
        return
    with user_errors(lang):
        settings = settings_from(db, lang)
        engine = open_database(settings.database_url)
        with session_factory(engine)() as session:
            view = ledger_view(session, agreement_id=agreement, as_of=today(settings, as_of))
        console = make_console()
        if fmt is OutputFormat.JSON:
            console.out(render.to_json(view))
        elif fmt is OutputFormat.CSV:
            console.out(assess_render.ledger_csv(view, settings.lang), end="")
        else:
            render.print_all(console, assess_render.ledger_renderables(view, settings.lang))


@ledger_app.command("record")
def ledger_record(
    project: Annotated[
        str, typer.Argument(metavar="PROJECT", help="The project's id (see 'pledgewatch ledger').")
    ],
    status: Annotated[
        str,
        typer.Option(
            help="recommended, selected, financed, declined or withdrawn.", show_default=False
        ),
    ],
    on: Annotated[
        str,
        typer.Option("--date", metavar="YYYY-MM-DD", help="When it happened (YYYY-MM-DD)."),
    ],
    note: Annotated[str, typer.Option(help="Why: what was announced, and where.")],
    amount: Annotated[
        str | None,
        typer.Option(
            help="Amount in US dollars at this step (e.g. 33000000000).", show_default=False
        ),
    ] = None,
    name_en: Annotated[
        str | None,
        typer.Option(help="English name, for a project the agreement file does not list."),
    ] = None,
    name_ja: Annotated[str | None, typer.Option(help="Japanese name, likewise.")] = None,
    sector: Annotated[str | None, typer.Option(help="Thesaurus sector, likewise.")] = None,
    agreement: AgreementOption = None,
    by: ByOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Record a project's step; selecting a project dates its 45-day funding deadline.

    案件の進捗（選定・資金拠出など）を記録します。選定を記録すると45日の資金拠出期限が確定します。

    Example: pledgewatch ledger record copper-refinery --status selected --date 2026-02-17 --note x
    """
    with user_errors(lang):
        settings = settings_from(db, lang)
        day = day_option("--date", on)
        engine = open_database(settings.database_url)
        new_project = None
        if name_en or name_ja or sector:
            if not (name_en and name_ja and sector):
                raise ConfigurationError(
                    "a project not in the agreement file needs --name-en, --name-ja and --sector",
                    ja="合意ファイルにない案件には --name-en、--name-ja、--sector がすべて必要です",
                )
            new_project = NewProject(name_en, name_ja, sector)
        with unit_of_work(engine) as session:
            chosen = agreement_store.get_agreement(session, agreement).id
            outcome = record_milestone(
                session,
                agreement_id=chosen,
                project=project,
                status=status,
                on=day,
                recorded_by=by or reviewer(),
                reason=note,
                amount_usd=_amount(amount),
                new_project=new_project,
            )
            due = outcome.occurrence.date.isoformat() if outcome.occurrence else None
        console = make_console()
        console.print(
            f"{label('milestone_recorded', settings.lang)}: {escape(project)} "
            f"{label(status, settings.lang)} {day.isoformat()}"
            + (f" ({label('event_recorded', settings.lang)}: {due})" if due else "")
        )


def _amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", "").replace("_", ""))
    except InvalidOperation:
        raise ConfigurationError(
            f"--amount must be a number of US dollars, not {text!r}",
            ja=f"--amount には米ドルの金額を数字で指定してください"
            f"（{text!r} は数字ではありません）",
        ) from None
    if value < 0:
        raise ConfigurationError(
            "--amount cannot be negative", ja="--amount に負の値は指定できません"
        )
    return value
