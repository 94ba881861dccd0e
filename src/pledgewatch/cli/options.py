"""Options and helpers shared by every command, defined once."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import IO, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from pledgewatch.brief.labels import label
from pledgewatch.cli.render import OutputFormat
from pledgewatch.errors import ConfigurationError, PledgewatchError, message_in
from pledgewatch.settings import Settings, language_from_locale

DOCS = "docs/cli.md"
# Output that goes to a pipe or a file has no width of its own: print it this wide, so that
# every column of a table is there for `less -S`, grep or an editor.
WIDE_OUTPUT = 160

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
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Show the agreement as it stood on this date (YYYY-MM-DD): evidence dated on or "
        "before it, deadlines and days left counted from it. Default: today.\n\n"
        "この日時点の状況：この日までの根拠を数え、期限と残り日数もこの日から数える。既定は今日。",
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
            raise ConfigurationError(
                f"--lang must be 'en' or 'ja', not {lang!r}",
                ja=f"--lang には 'en' か 'ja' を指定してください（{lang!r} は使えません）",
            )
        overrides["lang"] = lang
    return Settings(**overrides)  # type: ignore[arg-type]


def today(settings: Settings, as_of: str | None) -> date:
    """The day to count from: --as-of, else PLEDGEWATCH_TODAY, else the real date."""
    if as_of is not None:
        return day_option("--as-of", as_of)
    if settings.today:
        try:
            return date.fromisoformat(settings.today)
        except ValueError as exc:
            raise ConfigurationError(
                f"PLEDGEWATCH_TODAY must be a date YYYY-MM-DD, not {settings.today!r}",
                ja="PLEDGEWATCH_TODAY には YYYY-MM-DD 形式の日付を指定してください"
                f"（{settings.today!r} は日付として読めません）",
            ) from exc
    return date.today()  # noqa: DTZ011 - "today" is the user's own calendar day


def day_option(option: str, value: str) -> date:
    """A YYYY-MM-DD option as a date.

    Date options are read here rather than by click so that a mistyped date is reported in the
    reader's language, like every other mistake.
    """
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()  # noqa: DTZ007 - a day
    except ValueError:
        raise ConfigurationError(
            f"{option} must be a date YYYY-MM-DD, not {value!r}",
            ja=f"{option} には YYYY-MM-DD 形式の日付を指定してください"
            f"（{value!r} は日付として読めません）",
        ) from None


def make_console() -> Console:
    """The console commands print to; highlighting off so ingested text is shown as is.

    A terminal is printed at its own width, and the tables fit it (cli/render.py folds the
    long text columns); a pipe or a file gets the width ``output_width`` gives.
    """
    return Console(soft_wrap=False, highlight=False, width=output_width(sys.stdout, os.environ))


def output_width(stream: IO[str], environ: Mapping[str, str]) -> int | None:
    """None (the terminal's own width) for a terminal; else COLUMNS if set, else WIDE_OUTPUT."""
    if stream.isatty():
        return None
    columns = environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else WIDE_OUTPUT


def error_markup(message: str, lang: str) -> str:
    """An error line as every command prints it: the label in bold red, then the message."""
    return f"[bold red]{label('error', lang)}:[/] {escape(message)}"


def fail(message: str, lang: str) -> NoReturn:
    """Print an error and where to read more on stderr, and exit with code 1."""
    console = Console(stderr=True, highlight=False)
    console.print(error_markup(message, lang))
    console.print(f"{label('hint', lang)}: pledgewatch --help, {DOCS}", style="dim")
    raise typer.Exit(code=1)


@contextmanager
def user_errors(lang: str | None) -> Iterator[None]:
    """Show a PledgewatchError as a message a person can act on, without a traceback."""
    try:
        yield
    except PledgewatchError as exc:
        reader = error_language(lang)
        fail(message_in(exc, reader), reader)


def error_language(lang: str | None) -> str:
    """The language to report a mistake in: --lang, else PLEDGEWATCH_LANG, else the locale.

    The settings may be the very thing that failed, so they are not built for this.
    """
    for choice in (lang, os.environ.get("PLEDGEWATCH_LANG")):
        if choice in ("en", "ja"):
            return choice
    return language_from_locale()


def json_or_table_only(fmt: OutputFormat) -> None:
    """Refuse --format csv for commands whose output is not a table of rows."""
    if fmt is OutputFormat.CSV:
        raise ConfigurationError(
            "this command prints table or json, not csv",
            ja="このコマンドの出力形式は table か json です（csv は使えません）",
        )
