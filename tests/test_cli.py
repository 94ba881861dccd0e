"""The command line, as a user runs it, in English and Japanese."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pledgewatch.cli import app
from pledgewatch.cli.reference import command_paths

runner = CliRunner()
COMMANDS = [path for path in command_paths() if path]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_a_help_line_and_an_example(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert "Example: pledgewatch " + command[0] in out


def test_init_creates_loads_and_is_idempotent(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'new.db'}"
    code, out, _ = run("init", "--db", db, "--lang", "en")
    assert code == 0, out
    assert "Loaded: 2025-10-28-japan-us" in out
    assert "30 commitments" in out
    code, out, _ = run("init", "--db", db, "--lang", "ja")
    assert code == 0
    assert "読み込み済み（変更なし）" in out


def test_commitments_json_lists_the_thirty_with_deadlines(loaded_url: str) -> None:
    code, out, _ = run("commitments", "--db", loaded_url, "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 30
    by_id = {item["id"]: item for item in items}
    assert by_id["CM-04"]["deadline"]["date"] == "2026-04-26"
    assert by_id["CM-03"]["deadline"]["date"] == "2026-04-28"
    assert by_id["SEC-01"]["deadline"]["date"] == "2026-03-31"
    assert by_id["SB-01"]["deadline"] is None
    assert by_id["CM-04"]["statement"]["ja"]
    assert by_id["CM-04"]["statement"]["en"]


def test_commitment_filters(loaded_url: str) -> None:
    def ids(*args: str) -> list[str]:
        code, out, _ = run("commitments", "--db", loaded_url, "--format", "json", *args)
        assert code == 0, out
        return [item["id"] for item in json.loads(out)]

    shipbuilding = ids("--sector", "shipbuilding")
    assert shipbuilding
    assert all(i.startswith("SB-") for i in shipbuilding)
    assert set(ids("--party", "jp")) >= {"SEC-01", "CM-04"}
    assert "SEC-01" not in ids("--party", "US")
    assert set(ids("--due-before", "2026-04-27")) == {"CM-04", "SEC-01"}
    assert len(ids("--status", "not_started")) == 30
    assert ids("--status", "achieved") == []


def test_commitments_csv(loaded_url: str) -> None:
    code, out, _ = run("commitments", "--db", loaded_url, "--format", "csv", "--lang", "ja")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 30
    cm04 = next(r for r in rows if r["id"] == "CM-04")
    assert cm04["deadline"] == "2026-04-26"
    assert cm04["basis"] == "within 180 days"
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in cm04["statement"])


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Critical minerals and rare earths", "Shipbuilding"]),
        ("ja", ["重要鉱物・レアアース", "造船"]),
    ],
)
def test_the_commitment_table_names_sectors_in_the_readers_language(
    loaded_url: str, lang: str, expected: list[str]
) -> None:
    code, out, _ = run("commitments", "--db", loaded_url, "--lang", lang, env={"COLUMNS": "220"})
    assert code == 0
    for text in expected:
        assert text in out
    assert "critical-minerals" not in out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Watch points", "2026-04-26", "38 days left", "Deadlines", "as of 2026-03-19"]),
        ("ja", ["注目ポイント", "2026-04-26", "あと38日", "期限一覧", "基準日 2026-03-19"]),
    ],
)
def test_status_dashboard_in_both_languages(
    loaded_url: str, lang: str, expected: list[str]
) -> None:
    code, out, _ = run("status", "--db", loaded_url, "--as-of", "2026-03-19", "--lang", lang)
    assert code == 0, out
    for text in expected:
        assert text in out


def test_status_json_counts_days_left(loaded_url: str) -> None:
    code, out, _ = run("status", "--db", loaded_url, "--as-of", "2026-05-01", "--format", "json")
    assert code == 0
    view = json.loads(out)
    cm04 = next(d for d in view["deadlines"] if d["commitment"] == "CM-04")
    assert cm04["days_left"] == -5  # five days overdue
    assert view["as_of"] == "2026-05-01"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["CM-04", "within 180 days", "2026-04-26", "History", "not started"]),
        ("ja", ["CM-04", "within 180 days", "2026-04-26", "履歴", "未着手"]),
    ],
)
def test_show_in_both_languages(loaded_url: str, lang: str, expected: list[str]) -> None:
    code, out, _ = run("show", "CM-04", "--db", loaded_url, "--lang", lang)
    assert code == 0, out
    for text in expected:
        assert text in out


def test_show_prints_the_exact_source_passage(loaded_url: str) -> None:
    code, out, _ = run("show", "SB-01", "--db", loaded_url, "--format", "json")
    assert code == 0
    view = json.loads(out)
    assert view["source"]["span"] is not None
    assert "日米造船作業部会を設置する" in view["source"]["passage"]
    assert view["history"][0]["status"] == "not_started"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "CM-99"], "no commitment 'CM-99'"),
        (["status", "--agreement", "nope"], "no agreement 'nope'"),
        (["commitments", "--lang", "fr"], "--lang must be 'en' or 'ja'"),
        (["show", "CM-04", "--format", "csv"], "table or json"),
    ],
)
def test_user_mistakes_get_a_message_not_a_traceback(
    loaded_url: str, args: list[str], message: str
) -> None:
    code, out, err = run(*args, "--db", loaded_url)
    assert code == 1
    assert message in err
    assert "Traceback" not in err + out
    assert "pledgewatch --help" in err


def test_an_uninitialised_database_says_to_run_init(tmp_path: Path) -> None:
    code, _, err = run("status", "--db", str(tmp_path / "empty.db"))
    assert code == 1
    assert "pledgewatch init" in err


def test_load_reports_line_and_field(tmp_path: Path, loaded_url: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: pledgewatch-agreement/1\nid: x\ncolour: red\n", encoding="utf-8")
    code, _, err = run("load", str(bad), "--db", loaded_url)
    assert code == 1
    assert "line 3, field 'colour': unknown field" in err
    assert "nothing was stored" in err


def test_events_record_dates_the_follow_on(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    assert run("init", "--db", db)[0] == 0
    code, out, _ = run("events", "record", "project-selection", "--date", "2026-02-17", "--db", db)
    assert code == 0, out
    code, out, _ = run("show", "INV-01", "--db", db, "--format", "json")
    assert json.loads(out)["follow_ons"][0]["due_dates"] == ["2026-04-03"]
    code, out, _ = run("events", "list", "--db", db)
    assert "2026-02-17" in out
