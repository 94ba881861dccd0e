"""Usage mistakes that typer catches before a command runs, in Japanese and in English.

English readers keep typer's own message, word for word, as scripts and users have always read
it; Japanese readers get the same facts in Japanese in the style of every other pledgewatch
error. Both exit with click's code 2. --help, the help of a bare group and the exit codes of
commands that run are unchanged.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pledgewatch.cli import app

runner = CliRunner()
NO_LOCALE: dict[str, str | None] = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# What typer says in English; none of it may reach a Japanese reader.
TYPER_ENGLISH = (
    "Usage:",
    "Try '",
    "Error:",
    "No such",
    "Possible options",
    "Did you mean",
    "Missing",
    "Invalid value",
    "Input should",
    "not one of",
)


def run(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str]:
    """Run a command; return its exit code and its error output."""
    result = runner.invoke(
        app, list(args), env={"COLUMNS": "250", "PLEDGEWATCH_LANG": None, **(env or {})}
    )
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def japanese(*args: str, env: dict[str, str | None] | None = None) -> tuple[str, str]:
    """The Japanese error line and hint line of a usage mistake (exit code 2 checked)."""
    code, out = run(*args, env=env)
    assert code == 2, out
    error, hint = out.rstrip("\n").split("\n")
    assert error.startswith("エラー: "), out
    return error.removeprefix("エラー: "), hint


def english(*args: str) -> str:
    """typer's own message of a usage mistake, for an English reader (exit code 2 checked)."""
    code, out = run(*args, "--lang", "en")
    assert code == 2, out
    return out


# Each mistake: the command line, and the Japanese message and help hint it is told with.
MISTAKES = {
    "unknown option": (
        ["status", "--bogus"],
        "オプション --bogus はありません",
        "pledgewatch status --help で使い方を確認できます",
    ),
    "unknown option with close ones": (
        ["status", "--as"],
        "オプション --as はありません（候補: --as-of, --lang）",
        "pledgewatch status --help で使い方を確認できます",
    ),
    "unknown command": (
        ["nosuch"],
        "コマンド 'nosuch' はありません",
        "pledgewatch --help で使い方を確認できます",
    ),
    "unknown command close to one": (
        ["statu"],
        "コマンド 'statu' はありません（候補: status）",
        "pledgewatch --help で使い方を確認できます",
    ),
    "unknown command of a group": (
        ["events", "nosuch"],
        "コマンド 'nosuch' はありません",
        "pledgewatch events --help で使い方を確認できます",
    ),
    "missing argument": (
        ["events", "record"],
        "引数 event を指定してください",
        "pledgewatch events record --help で使い方を確認できます",
    ),
    "missing option": (
        ["events", "record", "project-selection"],
        "オプション --date を指定してください",
        "pledgewatch events record --help で使い方を確認できます",
    ),
    "value not among the choices": (
        ["status", "--format", "xml"],
        "--format に 'xml' は使えません。table, json, csv のいずれかを指定してください",
        "pledgewatch status --help で使い方を確認できます",
    ),
    "not an integer": (
        ["items", "--limit", "abc"],
        "--limit には整数を指定してください（'abc' は整数として読めません）",
        "pledgewatch items --help で使い方を確認できます",
    ),
    "integer below its least value": (
        ["worker", "--concurrency", "0"],
        "--concurrency には 1 以上の値を指定してください（'0' は使えません）",
        "pledgewatch worker --help で使い方を確認できます",
    ),
}

# typer's message for each, as an English reader has always read it.
ENGLISH = {
    "unknown option": "Error: No such option: --bogus",
    "unknown option with close ones": "Error: No such option: --as (Possible options: --as-of, "
    "--lang)",
    "unknown command": "Error: No such command 'nosuch'.",
    "unknown command close to one": "Error: No such command 'statu'. Did you mean 'status'?",
    "unknown command of a group": "Error: No such command 'nosuch'.",
    "missing argument": "Error: Missing argument 'event'.",
    "missing option": "Error: Missing option '--date'.",
    "value not among the choices": "Error: Invalid value for '--format' / '-f': Value error, "
    "'xml' is not one of 'table', 'json', 'csv'.",
    "not an integer": "Error: Invalid value for '--limit': Input should be a valid integer, "
    "unable to parse string as an integer",
    "integer below its least value": "Error: Invalid value for '--concurrency': Input should be "
    "greater than or equal to 1",
}


@pytest.mark.parametrize("kind", list(MISTAKES))
def test_a_usage_mistake_in_japanese(kind: str) -> None:
    args, message, hint = MISTAKES[kind]
    assert japanese(*args, "--lang", "ja") == (message, hint)
    assert JAPANESE.search(message)
    _, out = run(*args, "--lang", "ja")
    assert [phrase for phrase in TYPER_ENGLISH if phrase in out] == []
    # No --lang: PLEDGEWATCH_LANG decides, as for every other error.
    assert japanese(*args, env={"PLEDGEWATCH_LANG": "ja"}) == (message, hint)


@pytest.mark.parametrize("kind", list(MISTAKES))
def test_a_usage_mistake_in_english_is_typers_own(kind: str) -> None:
    args, _, _ = MISTAKES[kind]
    out = english(*args)
    assert out.rstrip("\n").split("\n")[-1] == ENGLISH[kind]
    assert not JAPANESE.search(out)
    # --lang en wins over PLEDGEWATCH_LANG.
    code, same = run(*args, "--lang", "en", env={"PLEDGEWATCH_LANG": "ja"})
    assert (code, same) == (2, out)


def test_english_output_is_unchanged_word_for_word() -> None:
    assert english("status", "--bogus") == (
        "Usage: pledgewatch status [OPTIONS]\n"
        "Try 'pledgewatch status --help' for help.\n"
        "\n"
        "Error: No such option: --bogus\n"
    )
    assert english("events", "record") == (
        "Usage: pledgewatch events record [OPTIONS] {event}\n"
        "Try 'pledgewatch events record --help' for help.\n"
        "\n"
        "Error: Missing argument 'event'.\n"
    )


@pytest.mark.parametrize(
    ("args", "message", "command"),
    [
        # click's English detail is kept, in brackets, where there is no Japanese for it.
        (
            ["show", "CM-04", "extra"],
            "余分な引数があります（Got unexpected extra argument(s) (extra)）",
            "pledgewatch show",
        ),
        (
            ["load", "--replace=yes", "agreement.yaml"],
            "オプション --replace の指定が正しくありません"
            "（Option '--replace' does not take a value.）",
            "pledgewatch load",
        ),
        (["--"], "コマンドを指定してください", "pledgewatch"),
    ],
)
def test_other_usage_mistakes_keep_clicks_detail(
    args: list[str], message: str, command: str
) -> None:
    hint = f"{command} --help で使い方を確認できます"
    # Through PLEDGEWATCH_LANG: after "--", a --lang would be an argument, not the option.
    assert japanese(*args, env={"PLEDGEWATCH_LANG": "ja"}) == (message, hint)
    code, out = run(*args, env={"PLEDGEWATCH_LANG": "en"})
    assert code == 2
    assert "Error: " in out
    assert not JAPANESE.search(out)


def test_where_the_language_comes_from() -> None:
    ja_env: dict[str, str | None] = {"PLEDGEWATCH_LANG": "ja"}
    bogus = "オプション --bogus はありません"
    # --lang anywhere on the command line, in either form, wins over PLEDGEWATCH_LANG.
    code, out = run("status", "--lang=en", "--bogus", env=ja_env)
    assert (code, out.splitlines()[-1]) == (2, "Error: No such option: --bogus")
    assert japanese("status", "--lang=ja", "--bogus")[0] == bogus
    assert japanese("status", "--lang", "en", "--lang", "ja", "--bogus")[0] == bogus
    # A --lang that names no language is passed over, as for every other error.
    assert japanese("status", "--bogus", "--lang", "fr", env=ja_env)[0] == bogus
    # Without --lang or PLEDGEWATCH_LANG, the locale decides.
    assert japanese("status", "--bogus", env={**NO_LOCALE, "LANG": "ja_JP.UTF-8"})[0] == bogus
    code, out = run("status", "--bogus", env={**NO_LOCALE, "LANG": "en_US.UTF-8"})
    assert (code, out.splitlines()[-1]) == (2, "Error: No such option: --bogus")


def test_what_the_user_typed_is_not_read_as_markup() -> None:
    message, _ = japanese("status", "--[bold]x[/bold]", "--lang", "ja")
    assert message == "オプション --[bold]x[/bold] はありません"
    message, _ = japanese("status", "--format", "[red]x", "--lang", "ja")
    assert message.startswith("--format に '[red]x' は使えません。")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_help_is_unchanged(lang: str) -> None:
    env: dict[str, str | None] = {"PLEDGEWATCH_LANG": lang}
    for args in (
        ["--help"],
        ["status", "--help"],
        ["events", "--help"],
        ["events", "record", "--help"],
    ):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, args
        assert result.stdout.startswith("Usage: pledgewatch"), args
        assert result.stderr == ""
    # A group run without a command shows its help on stderr and exits with 2, as before.
    for args in ([], ["events"]):
        code, out = run(*args, env=env)
        assert code == 2
        assert out.startswith("Usage: pledgewatch")
        assert "Commands:" in out
        assert "エラー" not in out


def test_commands_that_run_keep_their_exit_codes(loaded_url: str, tmp_path: Path) -> None:
    for lang in ("en", "ja"):
        assert run("status", "--as-of", "2026-03-19", "--db", loaded_url, "--lang", lang)[0] == 0
        # A mistake pledgewatch finds itself is still code 1, told by fail().
        code, out = run("show", "XX-99", "--db", loaded_url, "--lang", lang)
        assert code == 1
        see = {"en": "See", "ja": "参照"}[lang]
        assert out.splitlines()[-1] == f"{see}: pledgewatch --help, docs/cli.md"
    code, _ = run("status", "--db", f"sqlite:///{tmp_path / 'empty.db'}", "--lang", "ja")
    assert code == 1


def test_the_installed_command() -> None:
    script = Path(sys.executable).with_name("pledgewatch")
    env = {**os.environ, "COLUMNS": "250"}
    env.pop("PLEDGEWATCH_LANG", None)
    ja = subprocess.run(
        [str(script), "status", "--bogus", "--lang", "ja"], capture_output=True, text=True, env=env
    )
    assert ja.returncode == 2
    assert ja.stderr.splitlines() == [
        "エラー: オプション --bogus はありません",
        "pledgewatch status --help で使い方を確認できます",
    ]
    en = subprocess.run(
        [str(script), "nosuch", "--lang", "en"], capture_output=True, text=True, env=env
    )
    assert en.returncode == 2
    assert en.stderr == (
        "Usage: pledgewatch [OPTIONS] COMMAND [ARGS]...\n"
        "Try 'pledgewatch --help' for help.\n"
        "\n"
        "Error: No such command 'nosuch'.\n"
    )
