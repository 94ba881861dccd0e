"""The monitoring commands as a user runs them: sources, ingest, items, stories, in en and ja."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from monitor_pages import ARTICLE_EN, ARTICLE_JA, OTHER_EN, page, rss
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine
from typer.testing import CliRunner

from pledgewatch.cli import app

runner = CliRunner()
ENV = {
    "COLUMNS": "200",
    "PLEDGEWATCH_ALLOW_PRIVATE_NETWORKS": "true",
    "PLEDGEWATCH_FETCH_HOST_INTERVAL_SECONDS": "0",
}


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=ENV)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.fixture
def db(engine: Engine) -> list[str]:
    """--db of a fresh migrated database (what 'pledgewatch init' makes)."""
    return ["--db", engine.url.render_as_string(hide_password=False)]


def test_sources_add_list_test_remove(db: list[str], httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(page("A", OTHER_EN), content_type="text/html")
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss("METI", [("A", httpserver.url_for("/a"))]), content_type="application/rss+xml"
    )
    feed = httpserver.url_for("/feed.xml")
    code, out = cli(
        "sources", "add", feed, "--name", "METI", "--trust", "official", "--language", "ja", *db
    )
    assert code == 0, out
    assert "Source added: METI (feed" in out
    # test: what would be stored, nothing stored
    code, out = cli("sources", "test", "METI", *db)
    assert code == 0, out
    assert "new story" in out
    assert "A" in out
    code, out = cli("sources", "test", "METI", "--format", "json", *db)
    assert json.loads(out)[0]["outcome"] == "new_story"
    assert json.loads(cli("items", "--format", "json", *db)[1]) == []
    # list, in both languages and formats
    listed = json.loads(cli("sources", "list", "--format", "json", *db)[1])
    assert listed[0]["name"] == "METI"
    assert listed[0]["trust"] == "official"
    assert listed[0]["language"] == "ja"
    assert listed[0]["health"]["last_success"] is None
    code, out = cli("sources", "list", "--lang", "ja", *db)
    assert "情報源" in out
    assert "公式" in out
    rows = list(csv.DictReader(io.StringIO(cli("sources", "list", "-f", "csv", *db)[1])))
    assert rows[0]["kind"] == "feed"
    # a second source of the same name is refused
    code, out = cli("sources", "add", feed, "--name", "METI", *db)
    assert code == 1
    assert "exists already" in out
    code, out = cli("sources", "remove", "METI", *db)
    assert code == 0
    assert "removed" in out
    assert json.loads(cli("sources", "list", "-f", "json", *db)[1]) == []
    code, out = cli("sources", "remove", "METI", *db)
    assert code == 1
    assert "no source 'METI'" in out


BAD_SOURCES = [
    (["ftp://example.com/rss", "--name", "x"], "not a web address"),
    (["https://example.com/rss", "--name", "x", "--kind", "podcast"], "unknown source kind"),
    (["/no/such/folder", "--name", "x"], "does not exist"),
    (["https://example.com/rss", "--name", "x", "--trust", "high"], "trust must be"),
    (["https://example.com/rss", "--name", "x", "--language", "fr"], "language hint"),
    (["https://example.com/rss", "--name", "x", "--interval", "0"], "at least 1"),
    (["https://example.com/rss", "--name", "  "], "needs a name"),
]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # input checks only
def test_bad_sources_are_refused_with_a_clear_message(db: list[str]) -> None:
    for args, message in BAD_SOURCES:
        code, out = cli("sources", "add", *args, *db)
        assert code == 1, args
        assert message in out
        assert "Traceback" not in out
    assert json.loads(cli("sources", "list", "-f", "json", *db)[1]) == []


def test_ingest_items_and_stories(db: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "wg.en.txt").write_text(
        f"title: Working group meets\ndate: 2026-02-17\nlanguage: en\n---\n{ARTICLE_EN}\n",
        encoding="utf-8",
    )
    (folder / "wg.ja.txt").write_text(
        f"title: 造船作業部会が初会合\ndate: 2026-02-19\n---\n{ARTICLE_JA}\n", encoding="utf-8"
    )
    (folder / "wg.copy.txt").write_text(
        "【共同】" + ARTICLE_JA.replace("17日", "18日"), encoding="utf-8"
    )
    code, out = cli("ingest", str(folder), *db)
    assert code == 0, out
    assert "New items 3, New stories 2" in out
    code, out = cli("ingest", str(folder / "wg.en.txt"), "--lang", "ja", *db)
    assert code == 0
    assert "保存済み" in out
    items = json.loads(cli("items", "--format", "json", *db)[1])
    assert len(items) == 3
    for item in items:
        assert {"id", "url", "title", "published", "language", "story", "source"} <= set(item)
    japanese = [i for i in items if i["language"] == "ja"]
    assert len(japanese) == 2
    assert len({i["story"] for i in japanese}) == 1
    english = json.loads(cli("items", "--language", "en", "-f", "json", *db)[1])
    assert [i["title"] for i in english] == ["Working group meets"]
    assert english[0]["published"] == "2026-02-17"
    recent = json.loads(cli("items", "--since", "2026-02-18", "-f", "json", *db)[1])
    # the undated copy counts by the day it was fetched (today)
    assert [i["published"] for i in recent] == ["2026-02-19", None]
    story = japanese[0]["story"]
    assert len(json.loads(cli("items", "--story", str(story), "-f", "json", *db)[1])) == 2
    code, out = cli("items", "--source", "nobody", *db)
    assert code == 1
    assert "no source 'nobody'" in out
    code, out = cli("items", "--lang", "ja", *db)
    assert "見出し" in out
    assert "造船作業部会が初会合" in out
    stories = json.loads(cli("stories", "--format", "json", *db)[1])
    assert sorted(s["items"] for s in stories) == [1, 2]
    code, out = cli("stories", "--lang", "ja", *db)
    assert "ストーリー" in out
    csv_rows = list(csv.DictReader(io.StringIO(cli("stories", "-f", "csv", *db)[1])))
    assert {row["languages"] for row in csv_rows} == {"en", "ja"}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # input checks only
def test_ingest_refuses_what_does_not_exist(db: list[str]) -> None:
    code, out = cli("ingest", "/no/such/file.txt", *db)
    assert code == 1
    assert "no such file or folder" in out
    code, out = cli("ingest", *db)
    assert code == 1
    assert "--sample" in out


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # the fetch path only
def test_ingest_a_url(db: list[str], httpserver: HTTPServer) -> None:
    httpserver.expect_request("/release").respond_with_data(
        page("Release", ARTICLE_EN), content_type="text/html"
    )
    code, out = cli("ingest", httpserver.url_for("/release"), "--trust", "official", *db)
    assert code == 0, out
    assert "new story" in out
    items = json.loads(cli("items", "-f", "json", *db)[1])
    assert items[0]["trust"] == "official"
    assert items[0]["language"] == "en"
    code, out = cli("ingest", httpserver.url_for("/release"), *db)
    assert "already stored" in out


def test_the_sample_source_offline(db: list[str]) -> None:
    code, out = cli("ingest", "--sample", "--quiet", *db)
    assert code == 0, out
    assert "sample: 2025-10-28 follow-up (summaries)" in out
    items = json.loads(cli("items", "-f", "json", *db)[1])
    assert len(items) >= 24
    assert {i["language"] for i in items} == {"en", "ja"}
    assert all(i["origin_url"].startswith("http") for i in items)
    assert all(i["published"] for i in items)
    assert all("summary" in i["title"] or "要約" in i["title"] for i in items)
    assert {i["trust"] for i in items} == {"official", "media"}
    # again: nothing new; and the round finds the source not due
    code, out = cli("ingest", "--sample", "--quiet", *db)
    assert "New items 0" in out
    code, out = cli("watch", "--once", *db)
    assert code == 0
    assert "No source is due" in out
