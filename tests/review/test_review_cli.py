"""The review and anchor commands as a user runs them: options, keys, files and URLs."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from review_texts import (
    AGREEMENT,
    UNRELATED_EN,
    fuller_critical_minerals,
    retype_ja,
    shipped,
)
from sqlalchemy import Engine
from typer.testing import CliRunner

from pledgewatch.cli import app

runner = CliRunner()
MEMORANDUM = "shipbuilding-memorandum.ja.txt"


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
    result = runner.invoke(
        app,
        list(args),
        input=input,
        env={"COLUMNS": "200", "PLEDGEWATCH_LANG": "en", **(env or {})},
    )
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def proposals(db: str, *args: str) -> list[dict[str, Any]]:
    result = run("review", "commitments", "--db", db, "--list", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


@pytest.fixture
def extracted(loaded_engine: Engine, write_text: Callable[[str, str], Path]) -> str:
    """A database where the shipbuilding memorandum was extracted and saved for review."""
    db = url_of(loaded_engine)
    path = write_text(MEMORANDUM, shipped(MEMORANDUM))
    result = run("extract", str(path), "--db", db, "--save", "--by", "extractor")
    assert result.exit_code == 0, result.output
    return db


def test_extract_save_then_decide_with_options(extracted: str) -> None:
    db = extracted
    listed = proposals(db)
    assert len(listed) >= 5
    assert {p["document"] for p in listed} == {"shipbuilding-memorandum"}
    assert all(p["state"] == "proposed" for p in listed)
    first = listed[0]
    assert first["context"]["passage"] == first["text"][-len(first["context"]["passage"]) :]

    result = run(
        "review", "commitments", "--db", db, "--accept", str(first["id"]), "--code", "SB-20",
        "--by", "A. Analyst",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Accepted as SB-20" in result.stdout

    second, third = listed[1]["id"], listed[2]["id"]
    result = run(
        "review", "commitments", "--db", db, "--reject", str(second), "--reason",
        "same as SB-02", "--by", "A. Analyst",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    result = run(
        "review", "commitments", "--db", db, "--edit", str(third), "--deadline", "令和8年度中",
        "--strength", "intent", "--format", "json", "--by", "A. Analyst",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    edited = json.loads(result.stdout)[0]
    assert edited["deadline"]["date"] == "2027-03-31"
    assert edited["strength"] == "intent"
    assert [entry["action"] for entry in edited["log"]] == ["save", "edit"]

    result = run("commitments", "--db", db, "--format", "json")
    codes = [c["id"] for c in json.loads(result.stdout)]
    assert "SB-20" in codes
    result = run("show", "SB-20", "--db", db)
    assert result.exit_code == 0, result.output
    assert "A. Analyst" in result.stdout
    assert f"accepted from proposal {first['id']}" in result.stdout
    result = run("show", "SB-20", "--db", db, "--format", "json")
    history = json.loads(result.stdout)["history"]
    assert [(h["status"], h["recorded_by"]) for h in history] == [("not_started", "A. Analyst")]

    states = {p["id"]: p["state"] for p in proposals(db, "--state", "all")}
    assert states[first["id"]] == "accepted"
    assert states[second] == "rejected"
    assert states[third] == "proposed"

    result = run("review", "commitments", "--db", db, "--log", "--format", "json")
    log = json.loads(result.stdout)
    assert [e["action"] for e in log].count("save") == len(listed)
    assert {e["action"] for e in log} >= {"save", "accept", "reject", "edit"}

    listed = proposals(db)
    items = [p for p in listed if p["text"].startswith("内容")]
    assert len(items) >= 2
    result = run(
        "review", "commitments", "--db", db, "--merge", str(items[0]["id"]), "--merge",
        str(items[1]["id"]), "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    merged = json.loads(result.stdout)[0]
    assert merged["derived_from"] == [items[0]["id"], items[1]["id"]]
    assert merged["text"].count("内容") == 1
    result = run(
        "review", "commitments", "--db", db, "--split", str(merged["id"]), "--separator", "、",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    halves = json.loads(result.stdout)
    assert len(halves) == 2
    assert all(half["text"].startswith("内容") for half in halves)
    assert halves[0]["span"]["end"] <= halves[1]["span"]["start"]

    result = run("review", "commitments", "--db", db, "--accept", "9999")
    assert result.exit_code == 1
    assert "no proposal '9999'" in result.stderr
    pending = proposals(db)[0]["id"]
    result = run("review", "commitments", "--db", db, "--reject", str(pending))
    assert result.exit_code == 1
    assert "reason" in result.stderr
    result = run("review", "commitments", "--db", db, "--edit", str(pending), "--strength", "x")
    assert result.exit_code == 1
    assert "binding, intent, aspiration" in result.stderr
    result = run("review", "commitments", "--db", db, "--state", "maybe", "--list")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    result = run("review", "commitments", "--db", db, "--accept", "1", "--reject", "2")
    assert result.exit_code == 1
    assert "one of --accept, --reject" in result.stderr

    result = run("review", "commitments", "--db", db, "--show", str(pending), "--lang", "ja")
    assert result.exit_code == 0, result.output
    assert f"提案 #{pending}" in result.stdout
    assert "前後の文脈" in result.stdout


def test_interactive_review_with_keys(extracted: str) -> None:
    db = extracted
    before = proposals(db)
    keys = "\n".join(["n", "p", "x", "r", "not a commitment", "a", "SB-30", "e", "", "", "", "",
                      "-", "aspiration", "", "q", ""])  # fmt: skip
    result = run("review", "commitments", "--db", db, "--by", "keyboard", input=keys)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1/" in out
    assert "[a]ccept" in out
    assert "Unknown key: x" in out
    assert "Rejected" in out
    assert "Accepted as SB-30" in out
    assert "Edited" in out
    after = {p["id"]: p for p in proposals(db, "--state", "all")}
    assert after[before[0]["id"]]["state"] == "rejected"
    assert after[before[1]["id"]]["commitment"] == "SB-30"
    edited = after[before[2]["id"]]
    assert edited["state"] == "proposed"
    assert edited["strength"] == "aspiration"
    assert edited["log"][-1]["decided_by"] == "keyboard"


def test_interactive_review_in_japanese_merges_and_splits(extracted: str) -> None:
    db = extracted
    items = [p for p in proposals(db) if p["text"].startswith("内容")]
    position = [p["id"] for p in proposals(db)].index(items[0]["id"])
    keys = ["n"] * position + ["m", "s", "米国海事産業基盤", "q"]
    result = run("review", "commitments", "--db", db, "--lang", "ja", input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    assert "[a]採用" in result.stdout
    assert "統合しました" in result.stdout
    assert "分割しました" in result.stdout
    after = proposals(db, "--state", "all")
    merged = [p for p in after if p["state"] == "merged"]
    assert {p["id"] for p in merged} == {items[0]["id"], items[1]["id"]}
    halves = [p for p in after if p["state"] == "proposed" and len(p["derived_from"]) == 1]
    assert len(halves) == 2
    assert halves[1]["text"].startswith("内容")
    assert "米国海事産業基盤" in halves[1]["text"]


@pytest.mark.slow
def test_interactive_review_reads_a_pipe(
    tmp_path: Path, write_text: Callable[[str, str], Path]
) -> None:
    """The installed command, driven through its standard input as a script would."""
    db = f"sqlite:///{tmp_path / 'pipe.db'}"
    assert run("init", "--db", db).exit_code == 0
    path = write_text(MEMORANDUM, shipped(MEMORANDUM))
    assert run("extract", str(path), "--db", db, "--save").exit_code == 0
    command = str(Path(sys.executable).parent / "pledgewatch")
    env = {"PLEDGEWATCH_LANG": "en", "COLUMNS": "160", "PATH": str(Path(sys.executable).parent)}
    done = subprocess.run(
        [command, "review", "commitments", "--db", db, "--by", "pipe"],
        input="a\nSB-40\nr\nnot ours\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Accepted as SB-40" in done.stdout
    assert "Rejected" in done.stdout
    shown = run("show", "SB-40", "--db", db)
    assert "pipe" in shown.stdout


def test_anchor_a_file_prints_what_it_could_not_anchor(
    loaded_engine: Engine, write_text: Callable[[str, str], Path]
) -> None:
    db = url_of(loaded_engine)
    path = write_text("framework.en.txt", fuller_critical_minerals("en"))
    result = run("anchor", AGREEMENT, str(path), "--db", db)
    assert result.exit_code == 0, result.output
    assert "critical-minerals-framework" in result.stdout
    assert "Not anchored: 6" in result.stdout
    assert "CM-07: nothing in the text resembles" in result.stdout
    assert "Nothing saved" in result.stdout

    result = run("anchor", AGREEMENT, str(path), "--db", db, "--format", "json", "--lang", "en")
    report = json.loads(result.stdout)
    assert report["document"]["key"] == "critical-minerals-framework"
    by_code = {c["code"]: c for c in report["commitments"]}
    assert by_code["CM-04"]["outcome"] == "statement"
    assert by_code["CM-04"]["anchored"] is True
    assert "180 days" in by_code["CM-04"]["passage"]
    assert by_code["CM-07"]["anchored"] is False
    assert by_code["CM-07"]["reason"]["ja"]

    result = run("anchor", AGREEMENT, str(path), "--db", db, "--save", "--complete")
    assert result.exit_code == 0, result.output
    assert "Text saved: critical-minerals-framework (en, complete)" in result.stdout
    shown = run("show", "CM-04", "--db", db, "--format", "json")
    source = json.loads(shown.stdout)["source"]
    assert "180 days" in source["passage"]
    assert source["language"] == "en"


def test_anchor_in_japanese_output(
    shared_engine: Engine, write_text: Callable[[str, str], Path]
) -> None:
    db = url_of(shared_engine)
    path = write_text("memo.txt", retype_ja(shipped(MEMORANDUM)))
    result = run("anchor", AGREEMENT, str(path), "--db", db, env={"PLEDGEWATCH_LANG": "ja"})
    assert result.exit_code == 0, result.output
    assert "完全一致" in result.stdout
    assert "特定できなかったもの: 0" in result.stdout


def test_anchor_an_unrelated_text_is_refused_plainly(
    shared_engine: Engine, write_text: Callable[[str, str], Path]
) -> None:
    db = url_of(shared_engine)
    path = write_text("library.txt", UNRELATED_EN)
    result = run("anchor", AGREEMENT, str(path), "--db", db)
    assert result.exit_code == 1
    assert "--document" in result.stderr
    assert "Traceback" not in result.output
    result = run("anchor", AGREEMENT, str(tmp_missing(path)), "--db", db)
    assert result.exit_code == 1
    assert "no file" in result.stderr


def tmp_missing(path: Path) -> Path:
    return path.with_name("missing.txt")


def test_anchor_a_url_through_the_fetch_layer(
    shared_engine: Engine, httpserver: HTTPServer
) -> None:
    page = (
        "<html><head><title>Memorandum</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in shipped(MEMORANDUM).splitlines() if line.strip())
        + "</article></body></html>"
    )
    httpserver.expect_request("/memorandum.html").respond_with_data(
        page, content_type="text/html; charset=utf-8"
    )
    db = url_of(shared_engine)
    url = httpserver.url_for("/memorandum.html")
    result = run("anchor", AGREEMENT, url, "--db", db, "--format", "json")
    assert result.exit_code == 1
    assert "refused" in result.stderr
    result = run(
        "anchor", AGREEMENT, url, "--db", db, "--format", "json",
        env={"PLEDGEWATCH_ALLOW_PRIVATE_NETWORKS": "true"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["document"]["key"] == "shipbuilding-memorandum"
    anchored = {c["code"] for c in report["commitments"] if c["anchored"]}
    assert {"SB-01", "SB-02", "SB-03", "SB-04"} <= anchored
