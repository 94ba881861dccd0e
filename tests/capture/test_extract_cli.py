"""`pledgewatch extract` as a user runs it: files in three formats, a URL, both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from capture_files import HTML_PAGE, PDF_LINES
from pdf_documents import minimal_pdf
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from pledgewatch.capture.default import data_path
from pledgewatch.cli import app
from pledgewatch.store.db import session_factory
from pledgewatch.store.proposal_models import Proposal

runner = CliRunner()
MEMO = (
    data_path()
    / "agreements"
    / "2025-10-28-japan-us"
    / "documents"
    / "shipbuilding-memorandum.ja.txt"
)
EN_DOCUMENT = Path(__file__).resolve().parents[1] / "data" / "outcome_document.en.txt"
FIELDS = {
    "text",
    "span",
    "section",
    "parties",
    "deadline",
    "money",
    "strength",
    "sectors",
    "grey_zone",
}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    environment = {"COLUMNS": "220", "PLEDGEWATCH_DATABASE_URL": "sqlite:////nonexistent/x.db"}
    result = runner.invoke(app, list(args), env={**environment, **(env or {})})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_japanese_memorandum_as_a_table_in_both_output_languages() -> None:
    code, out, _ = run("extract", str(MEMO), "--date", "2025-10-28")
    assert code == 0, out
    assert "Proposed commitments (10)" in out
    assert "II.1" in out
    assert "日米造船能力の拡大" in out
    assert "[301–348]" in out  # the span of Section I.1
    code, out, _ = run("extract", str(MEMO), env={"PLEDGEWATCH_LANG": "ja"})
    assert code == 0, out
    assert "提案されたコミットメント" in out or "コミットメント案" in out
    assert "拘束的" in out


def test_english_document_as_json_with_exactly_the_issue_fields() -> None:
    code, out, _ = run("extract", str(EN_DOCUMENT), "--date", "2025-10-28", "--format", "json")
    assert code == 0, out
    items = json.loads(out)
    assert len(items) == 11
    assert all(set(item) == FIELDS for item in items)
    text = EN_DOCUMENT.read_text(encoding="utf-8")
    first = items[0]
    assert text[first["span"]["start"] : first["span"]["end"]] == first["text"]
    assert first["deadline"] == {
        "date": "2026-04-28", "precision": "day", "basis": "within six months", "event": None,
    }  # fmt: skip
    funds = next(i for i in items if i["text"].startswith("Japan will provide"))
    assert funds["money"] == [{"amount": 550000000000, "currency": "USD", "text": "$550 billion"}]
    assert funds["deadline"]["event"] == "the President's decision"
    assert funds["deadline"]["date"] is None
    assert funds["parties"] == ["JP"]
    assert {i["strength"] for i in items} == {"binding", "intent", "aspiration"}
    assert sum(1 for i in items if i["grey_zone"]) == 1


def test_html_file(tmp_path: Path) -> None:
    page = tmp_path / "statement.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    code, out, _ = run("extract", str(page), "--format", "json")
    assert code == 0, out
    items = json.loads(out)
    texts = [item["text"] for item in items]
    assert texts == [
        "日米両国は、6か月以内に選定された事業への資金支援を行う。",
        "両国は、180日以内に投資に関する閣僚会合を開催することで一致した。",
        "日本は、最大5,500億ドルの戦略的投資を行う。",
    ]
    assert items[0]["deadline"]["date"] == "2026-04-28"  # the date the page states
    assert items[2]["parties"] == ["JP"]


def test_pdf_file(tmp_path: Path) -> None:
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(minimal_pdf(PDF_LINES))
    code, out, _ = run("extract", str(pdf), "--date", "2026-02-04", "--format", "json")
    assert code == 0, out
    (item,) = json.loads(out)
    assert item["text"].startswith("The two governments will establish a shipbuilding")
    assert item["deadline"]["date"] == "2026-05-05"
    assert "shipbuilding-working-group" in item["sectors"]


def test_url_through_the_fetch_layer(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/statement").respond_with_data(
        HTML_PAGE, content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/statement")
    code, _, err = run("extract", url)
    assert code == 1
    assert "refused" in err
    env = {"PLEDGEWATCH_ALLOWED_NETWORKS": "127.0.0.1/32"}
    code, out, _ = run("extract", url, "--lang", "ja", "--format", "json", env=env)
    assert code == 0, out
    assert len(json.loads(out)) == 3


def test_agreement_gives_parties_and_date(loaded_url: str) -> None:
    code, out, _ = run("extract", str(EN_DOCUMENT), "--agreement", "2025-10-28-japan-us",
                       "--db", loaded_url, "--format", "json")  # fmt: skip
    assert code == 0, out
    items = json.loads(out)
    assert items[0]["parties"] == ["JP", "US"]
    assert items[0]["deadline"]["date"] == "2026-04-28"  # the agreement's date


def test_save_stores_the_proposals(loaded_engine: Engine, database_url: str) -> None:
    code, out, _ = run("extract", str(MEMO), "--agreement", "2025-10-28-japan-us", "--save",
                       "--document", "shipbuilding-memorandum", "--by", "tester",
                       "--db", database_url)  # fmt: skip
    assert code == 0, out
    with session_factory(loaded_engine)() as session:
        assert session.scalar(select(func.count()).select_from(Proposal)) == 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "/no/such/file.txt"], "no file"),
        (["extract", str(MEMO), "--lang", "fr"], "--lang must be auto, ja or en"),
        (["extract", str(MEMO), "--format", "csv"], "table or json"),
    ],
)
def test_user_mistakes_are_messages_not_tracebacks(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 1
    assert message in err
    assert "Traceback" not in out + err
