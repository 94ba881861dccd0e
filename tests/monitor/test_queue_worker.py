"""A real procrastinate worker on PostgreSQL processes a deferred fetch job."""

from __future__ import annotations

import threading

import pytest
from monitor_pages import ARTICLE_JA, OTHER_EN, page, rss, settings_for
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine

from pledgewatch.errors import ConfigurationError
from pledgewatch.monitor import queue
from pledgewatch.monitor.catalog import ItemQuery, list_items
from pledgewatch.monitor.sources import NewSource, add_source, list_sources


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_worker_processes_a_deferred_fetch_job(engine: Engine, httpserver: HTTPServer) -> None:
    settings = settings_for(engine)
    httpserver.expect_request("/en").respond_with_data(
        page("EN", OTHER_EN), content_type="text/html"
    )
    httpserver.expect_request("/ja").respond_with_data(
        page("JA", ARTICLE_JA, lang="ja"), content_type="text/html"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss("F", [("EN", httpserver.url_for("/en")), ("JA", httpserver.url_for("/ja"))]),
        content_type="application/rss+xml",
    )
    add_source(
        engine, NewSource(name="feed", kind="feed", location=httpserver.url_for("/feed.xml"))
    )
    assert queue.apply_schema(engine, settings)
    assert not queue.apply_schema(engine, settings)  # already there
    # defer the due sources (the periodic task's work), then let a worker drain the queue
    deferrer = queue.make_queue(engine, settings)
    with deferrer.app.open():
        assert len(deferrer.defer_due_sources()) == 1
        assert deferrer.defer_due_sources() == []  # queued once only (queueing lock)
    deferrer.close()
    finished = threading.Event()

    def work() -> None:
        queue.run_worker(engine, settings, burst=True)
        finished.set()

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    assert finished.wait(timeout=60), "the worker did not finish in time"
    items = list_items(engine, ItemQuery())
    assert {i.language for i in items} == {"en", "ja"}
    [source] = list_sources(engine)
    assert source.health.last_success is not None
    assert source.health.leased_by is None


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_has_no_task_queue(engine: Engine) -> None:
    assert not queue.uses_task_queue(engine)
    with pytest.raises(ConfigurationError, match="needs PostgreSQL"):
        queue.conninfo(engine)
