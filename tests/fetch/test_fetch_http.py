"""The Fetcher against a local server: redirects, limits, retries, politeness, conditional GETs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pledgewatch.errors import (
    FetchError,
    FetchRefusedError,
    FetchStatusError,
    FetchTimeoutError,
    FetchTooLargeError,
)
from pledgewatch.fetch.http import Fetcher
from pledgewatch.fetch.policy import FetchPolicy

LOCAL = FetchPolicy(
    allow_private=True, host_interval_seconds=0.0, backoff_seconds=0.01, timeout_seconds=5.0
)


def test_a_plain_get(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        "/news", headers={"User-Agent": "pledgewatch/0.1 (commitment tracker)"}
    ).respond_with_data(
        "<html>ok</html>",
        content_type='text/html; charset="Shift_JIS"',
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 04 Feb 2026 09:00:00 GMT"},
    )
    with Fetcher(LOCAL) as fetcher:
        fetched = fetcher.get(httpserver.url_for("/news"))
    assert fetched.status == 200
    assert fetched.url == httpserver.url_for("/news")
    assert fetched.content == b"<html>ok</html>"
    assert (fetched.content_type, fetched.charset) == ("text/html", "shift_jis")
    assert (fetched.etag, fetched.last_modified) == ('"v1"', "Wed, 04 Feb 2026 09:00:00 GMT")
    assert fetched.not_modified is False


def test_redirects_are_followed_to_the_final_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/mid"}
    )
    httpserver.expect_request("/mid").respond_with_data(
        "", status=307, headers={"Location": httpserver.url_for("/new")}
    )
    httpserver.expect_request("/new").respond_with_data("here")
    with Fetcher(LOCAL) as fetcher:
        fetched = fetcher.get(httpserver.url_for("/old"))
    assert (fetched.url, fetched.content) == (httpserver.url_for("/new"), b"here")


def test_a_redirect_loop_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with Fetcher(LOCAL) as fetcher, pytest.raises(FetchRefusedError) as caught:
        fetcher.get(httpserver.url_for("/a"))
    assert caught.value.url == httpserver.url_for("/a")
    assert "redirect loop" in str(caught.value)
    assert len(httpserver.log) == 2


def test_too_many_redirects_are_refused(httpserver: HTTPServer) -> None:
    for hop in range(10):
        httpserver.expect_request(f"/hop{hop}").respond_with_data(
            "", status=302, headers={"Location": f"/hop{hop + 1}"}
        )
    policy = replace(LOCAL, max_redirects=3)
    with (
        Fetcher(policy) as fetcher,
        pytest.raises(FetchRefusedError, match="more than 3 redirects"),
    ):
        fetcher.get(httpserver.url_for("/hop0"))
    assert len(httpserver.log) == 4  # the first request and three redirects


def test_a_not_found_is_a_status_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with Fetcher(LOCAL) as fetcher, pytest.raises(FetchStatusError) as caught:
        fetcher.get(httpserver.url_for("/gone"))
    assert caught.value.status == 404
    assert "404 NOT FOUND" in str(caught.value).upper()
    assert len(httpserver.log) == 1  # a 404 is not retried


def test_429_with_retry_after_is_retried_after_the_wait(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_request("/busy").respond_with_data("fine")
    started = time.monotonic()
    with Fetcher(LOCAL) as fetcher:
        fetched = fetcher.get(httpserver.url_for("/busy"))
    assert fetched.content == b"fine"
    assert time.monotonic() - started >= 0.9
    assert len(httpserver.log) == 2


def test_500_twice_then_200_is_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/flaky").respond_with_data("oops", status=500)
    httpserver.expect_oneshot_request("/flaky").respond_with_data("oops", status=503)
    httpserver.expect_request("/flaky").respond_with_data("fine")
    with Fetcher(LOCAL) as fetcher:
        assert fetcher.get(httpserver.url_for("/flaky")).content == b"fine"
    assert len(httpserver.log) == 3


def test_retries_run_out(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/down").respond_with_data("oops", status=502)
    with Fetcher(replace(LOCAL, retries=1)) as fetcher, pytest.raises(FetchStatusError) as caught:
        fetcher.get(httpserver.url_for("/down"))
    assert caught.value.status == 502
    assert len(httpserver.log) == 2


def test_a_retry_after_beyond_the_cap_is_not_waited_for(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/later").respond_with_data(
        "", status=503, headers={"Retry-After": "3600"}
    )
    started = time.monotonic()
    with Fetcher(LOCAL) as fetcher, pytest.raises(FetchStatusError):
        fetcher.get(httpserver.url_for("/later"))
    assert time.monotonic() - started < 1.0
    assert len(httpserver.log) == 1


def _conditional(request: Request) -> Response:
    if request.headers.get("If-None-Match") == '"v2"':
        return Response(status=304, headers={"ETag": '"v2"'})
    if request.headers.get("If-Modified-Since") == "Wed, 04 Feb 2026 09:00:00 GMT":
        return Response(status=304)
    return Response(
        "body", headers={"ETag": '"v2"', "Last-Modified": "Wed, 04 Feb 2026 09:00:00 GMT"}
    )


def test_conditional_gets_give_not_modified(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_handler(_conditional)
    url = httpserver.url_for("/feed")
    with Fetcher(LOCAL) as fetcher:
        first = fetcher.get(url)
        by_etag = fetcher.get(url, etag=first.etag)
        by_date = fetcher.get(url, last_modified=first.last_modified)
        stale = fetcher.get(url, etag='"v1"')
    assert (first.not_modified, first.content) == (False, b"body")
    assert (by_etag.status, by_etag.not_modified, by_etag.content) == (304, True, b"")
    assert (by_date.status, by_date.not_modified, by_date.content) == (304, True, b"")
    assert (stale.not_modified, stale.content) == (False, b"body")


def test_a_slow_answer_hits_the_timeout(httpserver: HTTPServer) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(0.8)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    policy = replace(LOCAL, timeout_seconds=0.3, retries=0)
    with Fetcher(policy) as fetcher, pytest.raises(FetchTimeoutError, match=r"within 0\.3 s"):
        fetcher.get(httpserver.url_for("/slow"))
    assert time.monotonic() - started < 0.7


def test_a_body_dripping_past_the_time_budget_is_cut(httpserver: HTTPServer) -> None:
    def drip(_request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(20):
                time.sleep(0.1)
                yield b"x" * 100

        return Response(chunks(), content_type="text/plain")

    httpserver.expect_request("/drip").respond_with_handler(drip)
    started = time.monotonic()
    policy = replace(LOCAL, timeout_seconds=0.5, retries=0)
    with Fetcher(policy) as fetcher, pytest.raises(FetchTimeoutError):
        fetcher.get(httpserver.url_for("/drip"))
    assert time.monotonic() - started < 1.2


def test_a_huge_streamed_body_stops_at_max_bytes(httpserver: HTTPServer) -> None:
    sent: list[int] = []

    def huge(_request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            chunk = b"a" * 65536
            for _ in range(16384):  # a gigabyte, if anyone read it all
                sent.append(len(chunk))
                yield chunk

        return Response(chunks(), content_type="text/html")

    httpserver.expect_request("/huge").respond_with_handler(huge)
    policy = replace(LOCAL, max_bytes=1_000_000)
    with (
        Fetcher(policy) as fetcher,
        pytest.raises(FetchTooLargeError, match="larger than 1000000 bytes"),
    ):
        fetcher.get(httpserver.url_for("/huge"))
    assert sum(sent) < 50_000_000  # the server was cut off long before the end


def test_an_announced_huge_body_is_refused_before_reading(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data("x" * 5000)
    policy = replace(LOCAL, max_bytes=1000)
    with (
        Fetcher(policy) as fetcher,
        pytest.raises(FetchTooLargeError, match="announces 5000 bytes"),
    ):
        fetcher.get(httpserver.url_for("/big"))


def test_politeness_spaces_requests_to_one_host(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/p").respond_with_data("ok")
    url = httpserver.url_for("/p")
    with Fetcher(replace(LOCAL, host_interval_seconds=0.2)) as fetcher:
        started = time.monotonic()
        threads = [threading.Thread(target=fetcher.get, args=(url,)) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    assert len(httpserver.log) == 3
    assert elapsed >= 0.4  # three requests to one host: two intervals at least


def test_a_refused_connection_is_a_fetch_error() -> None:
    with Fetcher(replace(LOCAL, retries=1)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get("http://127.0.0.1:1/")  # nothing listens on port 1
    assert "connection failed" in str(caught.value)
    assert caught.value.url == "http://127.0.0.1:1/"


def test_an_invalid_url_is_a_fetch_error() -> None:
    with Fetcher(LOCAL) as fetcher, pytest.raises(FetchError, match="no host"):
        fetcher.get("http:///path-only")
