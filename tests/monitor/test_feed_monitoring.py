"""Monitoring sources served by a local HTTP server: feeds, pages, sitemaps, and failures."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from monitor_pages import ARTICLE_EN, ARTICLE_JA, OTHER_EN, page, rss, settings_for
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine
from typer.testing import CliRunner

from pledgewatch.cli import app
from pledgewatch.fetch.http import Fetcher
from pledgewatch.fetch.policy import fetch_policy
from pledgewatch.monitor.catalog import ItemQuery, list_items, list_stories
from pledgewatch.monitor.runner import Monitor
from pledgewatch.monitor.sources import NewSource, add_source, list_sources
from pledgewatch.store.timestamps import utc_now

runner = CliRunner()
LOCAL = {
    "COLUMNS": "200",
    "PLEDGEWATCH_ALLOW_PRIVATE_NETWORKS": "true",
    "PLEDGEWATCH_FETCH_HOST_INTERVAL_SECONDS": "0",
}


def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env if env is not None else LOCAL)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_one_story_in_three_feeds_keeps_all_three_sources(
    engine: Engine, httpserver: HTTPServer
) -> None:
    settings = settings_for(engine)
    article = httpserver.url_for("/news/wg")
    httpserver.expect_request("/news/wg").respond_with_data(
        page("Shipbuilding group meets", ARTICLE_EN), content_type="text/html"
    )
    httpserver.expect_request("/wire/wg-copy").respond_with_data(
        page(
            "Shipbuilding group meets (wire)",
            "WASHINGTON (Wire) - " + ARTICLE_EN.replace("Tuesday", "Tuesday, Feb. 17"),
            site="Wire",
        ),
        content_type="text/html",
    )
    httpserver.expect_request("/ja/wg").respond_with_data(
        page("日米造船作業部会が初会合", ARTICLE_JA, lang="ja"), content_type="text/html"
    )
    feeds = {
        "/a.xml": rss(
            "A", [("Shipbuilding group meets", article), ("造船部会", httpserver.url_for("/ja/wg"))]
        ),
        "/b.xml": rss("B", [("Shipbuilding group meets", article + "?utm_source=b-feed")]),
        "/c.xml": rss("C", [("Shipbuilding group meets", httpserver.url_for("/wire/wg-copy"))]),
    }
    for path, body in feeds.items():
        httpserver.expect_request(path).respond_with_data(body, content_type="application/rss+xml")
        add_source(
            engine,
            NewSource(name=f"feed {path[1]}", kind="feed", location=httpserver.url_for(path)),
        )
    with Monitor(engine, settings) as monitor:
        summary = monitor.run_due()
    assert summary.errors == 0
    assert summary.new_stories == 2
    assert summary.new_items == 3
    assert summary.sightings == 1
    stories = {s.title: s for s in list_stories(engine)}
    shipbuilding = stories["Shipbuilding group meets"]
    assert shipbuilding.items == 2  # the article and the wire's near-copy
    assert sorted(shipbuilding.sources) == ["feed a", "feed b", "feed c"]
    assert stories["日米造船作業部会が初会合"].languages == ["ja"]
    items = list_items(engine, ItemQuery(source="feed b"))
    assert [i.url for i in items] == [article]
    assert sorted(items[0].sources) == ["feed a", "feed b"]


def test_a_feed_and_a_folder_twice_store_nothing_twice(
    database_url: str, httpserver: HTTPServer, tmp_path: Path
) -> None:
    db = ["--db", database_url]
    assert cli("init", *db, "--no-default")[0] == 0
    httpserver.expect_request("/one").respond_with_data(
        page("One", OTHER_EN), content_type="text/html"
    )
    httpserver.expect_request("/two").respond_with_data(
        page("二", ARTICLE_JA, lang="ja"), content_type="text/html"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss("F", [("One", httpserver.url_for("/one")), ("二", httpserver.url_for("/two"))]),
        content_type="application/rss+xml",
    )
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "note.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (folder / "copy.html").write_text(page("Copy", ARTICLE_JA, lang="ja"), encoding="utf-8")
    assert cli("sources", "add", httpserver.url_for("/feed.xml"), "--name", "feed", *db)[0] == 0
    code, out = cli("sources", "add", str(folder), "--name", "drop", "--language", "en", *db)
    assert code == 0, out
    code, out = cli("watch", "--once", *db)
    assert code == 0, out
    assert "Round summary" in out
    assert "feed" in out
    assert "drop" in out
    first = json.loads(cli("items", "--format", "json", *db)[1])
    stories = json.loads(cli("stories", "--format", "json", *db)[1])
    # the folder's HTML page is a copy of the feed's Japanese article in another page
    assert len(first) == 4
    assert sorted(s["items"] for s in stories) == [1, 1, 2]
    # due again only after their interval: nothing runs
    assert "No source is due" in cli("watch", "--once", *db)[1]
    # run all the same: everything is recognised and sighted again, nothing stored twice
    code, out = cli("watch", "--once", "--all", *db)
    assert code == 0, out
    assert "Round summary" in out
    assert json.loads(cli("items", "--format", "json", *db)[1]) == first
    code, out = cli("worker", "--burst", *db)
    assert code == 0, out
    if database_url.startswith("sqlite"):
        assert "SQLite has no task queue" in out
        assert "No source is due" in out
    else:
        assert "Queued sources: 0" in out
    second = json.loads(cli("items", "--format", "json", *db)[1])
    assert [i["id"] for i in second] == [i["id"] for i in first]
    assert {i["language"] for i in first} == {"en", "ja"}
    assert set(first[0]) >= {"id", "url", "title", "published", "language", "story", "source"}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # reader logic only
def test_due_sources_run_again_without_duplicates(engine: Engine, httpserver: HTTPServer) -> None:
    settings = settings_for(engine)
    httpserver.expect_request("/x").respond_with_data(page("X", OTHER_EN), content_type="text/html")
    httpserver.expect_request("/f.xml").respond_with_data(
        rss("F", [("X", httpserver.url_for("/x"))]), content_type="application/rss+xml"
    )
    add_source(
        engine,
        NewSource(name="f", kind="feed", location=httpserver.url_for("/f.xml"), interval_minutes=1),
    )
    with Monitor(engine, settings) as monitor:
        assert monitor.run_due().new_items == 1
        later = monitor.run_due(now=utc_now() + timedelta(minutes=2))
    assert later.runs
    assert later.new_items == 0
    assert later.sightings == 0
    assert len(list_items(engine, ItemQuery())) == 1


def test_a_private_address_feed_is_refused_with_its_reason(
    database_url: str, httpserver: HTTPServer, tmp_path: Path
) -> None:
    db = ["--db", database_url]
    strict = {"COLUMNS": "250"}
    assert cli("init", *db, "--no-default", env=strict)[0] == 0
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss("F", []), content_type="application/rss+xml"
    )
    folder = tmp_path / "ok"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    feed = httpserver.url_for("/feed.xml")
    for url in (feed, feed.replace("localhost", "127.0.0.1")):
        # Written as a loopback name or address: refused when it is added, nothing stored.
        code, out = cli("sources", "add", url, "--name", "intranet", *db, env=strict)
        assert code == 1
        assert "refused" in out
        assert "loopback" in out
        assert "PLEDGEWATCH_ALLOWED_NETWORKS" in out
    assert json.loads(cli("sources", "list", "-f", "json", *db, env=strict)[1]) == []
    # Added while the policy allowed it; fetched after the policy changed: refused on fetching.
    allowed = {**strict, "PLEDGEWATCH_ALLOWED_NETWORKS": "127.0.0.1,::1,localhost"}
    assert cli("sources", "add", feed, "--name", "intranet", *db, env=allowed)[0] == 0
    assert cli("sources", "add", str(folder), "--name", "ok", *db, env=strict)[0] == 0
    code, out = cli("watch", "--once", *db, env=strict)
    assert code == 0
    assert "refused" in out
    assert "127.0.0.1" in out
    assert "ok" in out
    sources = {
        s["name"]: s for s in json.loads(cli("sources", "list", "-f", "json", *db, env=strict)[1])
    }
    health = sources["intranet"]["health"]
    assert health["consecutive_failures"] == 1
    assert "refused" in health["last_error"]
    assert health["last_success"] is None
    assert sources["ok"]["health"]["consecutive_failures"] == 0
    assert sources["ok"]["items"] == 1
    code, out = cli("sources", "test", "intranet", *db, env=strict)
    assert code == 1
    assert "refused" in out
    assert "Traceback" not in out


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # reader logic only
def test_failures_are_recorded_and_the_rest_goes_on(engine: Engine, httpserver: HTTPServer) -> None:
    settings = settings_for(engine)
    httpserver.expect_request("/ok").respond_with_data(
        page("OK", OTHER_EN), content_type="text/html"
    )
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    httpserver.expect_request("/good.xml").respond_with_data(
        rss("G", [("gone", httpserver.url_for("/gone")), ("OK", httpserver.url_for("/ok"))]),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/broken.xml").respond_with_data(
        "<html>not a feed</html>", content_type="text/html"
    )
    httpserver.expect_request("/down.xml").respond_with_data("oops", status=500)
    for name in ("good", "broken", "down"):
        add_source(
            engine, NewSource(name=name, kind="feed", location=httpserver.url_for(f"/{name}.xml"))
        )
    no_retries = Fetcher(replace(fetch_policy(settings), retries=0))
    with Monitor(engine, settings, fetcher=no_retries) as monitor:
        summary = monitor.run_due()
    runs = {run.source: run for run in summary.runs}
    assert runs["good"].stored == 1
    assert len(runs["good"].errors) == 1
    assert "404" in (runs["good"].errors[0].reason or "")
    assert runs["broken"].failure
    assert "feed" in runs["broken"].failure
    assert runs["down"].failure
    assert "500" in runs["down"].failure
    health = {s.name: s.health for s in list_sources(engine)}
    assert health["good"].consecutive_failures == 0
    assert health["good"].last_success
    assert health["broken"].consecutive_failures == 1
    assert health["down"].last_error
    assert "500" in health["down"].last_error


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # reader logic only
def test_a_watched_page_gives_an_item_per_change(engine: Engine, httpserver: HTTPServer) -> None:
    settings = settings_for(engine)
    add_source(
        engine,
        NewSource(
            name="page", kind="page", location=httpserver.url_for("/releases"), interval_minutes=1
        ),
    )
    bodies = [
        page("Releases", ARTICLE_EN),
        page("Releases", ARTICLE_EN),
        page("Releases", ARTICLE_EN + " A third meeting was set for autumn."),
    ]
    totals = []
    with Monitor(engine, settings) as monitor:
        for round_number, body in enumerate(bodies):
            httpserver.clear()
            httpserver.expect_request("/releases").respond_with_data(body, content_type="text/html")
            summary = monitor.run_due(now=utc_now() + timedelta(minutes=2 * round_number))
            totals.append(summary.new_items)
    assert totals == [1, 0, 1]
    items = list_items(engine, ItemQuery())
    assert sorted(i.revision for i in items) == [0, 1]
    assert len({i.story for i in items}) == 1


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # reader logic only
def test_a_news_sitemap(engine: Engine, httpserver: HTTPServer) -> None:
    settings = settings_for(engine)
    httpserver.expect_request("/a").respond_with_data(page("A", OTHER_EN), content_type="text/html")
    httpserver.expect_request("/b").respond_with_data(
        page("B", ARTICLE_JA, lang="ja"), content_type="text/html"
    )
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{httpserver.url_for('/a')}</loc><news:news><news:publication_date>2026-02-19"
        "</news:publication_date><news:title>A</news:title></news:news></url>"
        f"<url><loc>{httpserver.url_for('/b')}</loc><lastmod>2026-02-18</lastmod></url>"
        "</urlset>"
    )
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        sitemap, content_type="application/xml"
    )
    add_source(
        engine, NewSource(name="map", kind="sitemap", location=httpserver.url_for("/sitemap.xml"))
    )
    with Monitor(engine, settings) as monitor:
        summary = monitor.run_due()
    assert summary.new_items == 2
    assert summary.errors == 0
    assert {i.language for i in list_items(engine, ItemQuery())} == {"en", "ja"}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # reader logic only
def test_a_sitemap_index_is_followed_one_level(engine: Engine, httpserver: HTTPServer) -> None:
    settings = settings_for(engine)
    httpserver.expect_request("/a").respond_with_data(page("A", OTHER_EN), content_type="text/html")
    child = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{httpserver.url_for('/a')}</loc><lastmod>2026-02-19</lastmod></url></urlset>"
    )
    httpserver.expect_request("/2026-02.xml").respond_with_data(
        child, content_type="application/xml"
    )
    httpserver.expect_request("/2026-01.xml").respond_with_data("gone", status=404)
    index = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{httpserver.url_for('/2026-02.xml')}</loc><lastmod>2026-02-28</lastmod>"
        f"</sitemap><sitemap><loc>{httpserver.url_for('/2026-01.xml')}</loc>"
        "<lastmod>2026-01-31</lastmod></sitemap></sitemapindex>"
    )
    httpserver.expect_request("/index.xml").respond_with_data(index, content_type="application/xml")
    add_source(
        engine, NewSource(name="idx", kind="sitemap", location=httpserver.url_for("/index.xml"))
    )
    fetcher = Fetcher(replace(fetch_policy(settings), retries=0))
    with Monitor(engine, settings, fetcher=fetcher) as monitor:
        [run] = monitor.run_due().runs
    assert run.stored == 1
    assert len(run.errors) == 1
    assert "2026-01.xml" in run.errors[0].url


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # the reading path only
def test_pages_read_in_worker_processes_give_the_same_items(
    engine: Engine, httpserver: HTTPServer
) -> None:
    texts = [ARTICLE_EN, ARTICLE_JA, OTHER_EN, ARTICLE_EN.replace("Tuesday", "Monday")]
    entries = []
    for number, text in enumerate(texts):
        path = f"/p{number}"
        lang = "ja" if text == ARTICLE_JA else "en"
        httpserver.expect_request(path).respond_with_data(
            page(f"P{number}", text, lang=lang), content_type="text/html"
        )
        entries.append((f"P{number}", httpserver.url_for(path)))
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    entries.insert(2, ("gone", httpserver.url_for("/gone")))
    httpserver.expect_request("/f.xml").respond_with_data(
        rss("F", entries), content_type="application/rss+xml"
    )
    add_source(engine, NewSource(name="f", kind="feed", location=httpserver.url_for("/f.xml")))
    settings = settings_for(engine, monitor_extract_workers=2)
    fetcher = Fetcher(replace(fetch_policy(settings), retries=0))
    with Monitor(engine, settings, fetcher=fetcher) as monitor:
        [run] = monitor.run_due().runs
    assert run.stored == 4
    assert run.new_stories == 3
    assert [e.url for e in run.errors] == [httpserver.url_for("/gone")]
    items = list_items(engine, ItemQuery())
    assert {i.language for i in items} == {"en", "ja"}
    assert sorted(i.title for i in items) == ["P0", "P1", "P2", "P3"]
