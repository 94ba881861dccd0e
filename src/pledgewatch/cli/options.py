"""Options and helpers shared by every command, defined once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from pledgewatch.brief.labels import label
from pledgewatch.cli.render import OutputFormat
from pledgewatch.errors import ConfigurationError, PledgewatchError
from pledgewatch.settings import Settings

DOCS = "docs/cli.md"

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///PATH or postgresql+psycopg://...) or an SQLite file "
        "path. Default: PLEDGEWATCH_DATABASE_URL, else the user's data directory.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: table, json or csv.")
]
DetailFormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: table or json.")
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the output: en or ja. Default: PLEDGEWATCH_LANG, else the locale.",
        show_default=False,
    ),
]
AgreementOption = Annotated[
    str | None,
    typer.Option(
        "--agreement",
        "-a",
        help="Agreement id (default: the only or newest agreement).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="Count days left as of this date (YYYY-MM-DD). Default: today.",
        show_default=False,
    ),
]


def settings_from(db: str | None, lang: str | None) -> Settings:
    """The settings, with the command's --db and --lang overriding the environment."""
    overrides: dict[str, str] = {}
    if db:
        overrides["database_url"] = db
    if lang:
        if lang not in ("en", "ja"):
            raise ConfigurationError(f"--lang must be 'en' or 'ja', not {lang!r}")
        overrides["lang"] = lang
    return Settings(**overrides)  # type: ignore[arg-type]


def today(settings: Settings, as_of: datetime | None) -> date:
    """The day to count from: --as-of, else PLEDGEWATCH_TODAY, else the real date."""
    if as_of is not None:
        return as_of.date()
    if settings.today:
        try:
            return date.fromisoformat(settings.today)
        except ValueError as exc:
            raise ConfigurationError(
                f"PLEDGEWATCH_TODAY must be a date YYYY-MM-DD, not {settings.today!r}"
            ) from exc
    return date.today()  # noqa: DTZ011 - "today" is the user's own calendar day


def make_console() -> Console:
    """The console commands print to; highlighting off so ingested text is shown as is."""
    return Console(soft_wrap=False, highlight=False)


def fail(message: str, lang: str) -> NoReturn:
    """Print an error and where to read more on stderr, and exit with code 1."""
    console = Console(stderr=True, highlight=False)
    console.print(f"[bold red]{label('error', lang)}:[/] {escape(message)}")
    console.print(f"{label('hint', lang)}: pledgewatch --help, {DOCS}", style="dim")
    raise typer.Exit(code=1)


@contextmanager
def user_errors(lang: str | None) -> Iterator[None]:
    """Show a PledgewatchError as a message a person can act on, without a traceback."""
    try:
        yield
    except PledgewatchError as exc:
        fail(str(exc), lang or "en")


def json_or_table_only(fmt: OutputFormat) -> None:
    """Refuse --format csv for commands whose output is not a table of rows."""
    if fmt is OutputFormat.CSV:
        raise ConfigurationError("this command prints table or json, not csv")
