"""Where pages are read: the 'auto' default, its pool, and pool processes outliving a monitor."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from monitor_pages import ARTICLE_EN, ARTICLE_JA, OTHER_EN, OTHER_JA, page

from pledgewatch.fetch.http import Fetched
from pledgewatch.monitor import extraction
from pledgewatch.monitor.extraction import (
    AutoExtractor,
    InlineExtractor,
    PoolExtractor,
    Reading,
    make_extractor,
    read_fetched,
)


def fetched(title: str, text: str, *, lang: str) -> Fetched:
    """A page as the fetcher would hand it over."""
    return Fetched(
        url=f"http://news.example/{title}",
        status=200,
        content=page(title, text, lang=lang).encode("utf-8"),
        content_type="text/html",
        charset="utf-8",
        etag=None,
        last_modified=None,
        not_modified=False,
    )


PAGES = [
    fetched("en-1", ARTICLE_EN, lang="en"),
    fetched("ja-1", ARTICLE_JA, lang="ja"),
    fetched("en-2", OTHER_EN, lang="en"),
    fetched("ja-2", OTHER_JA, lang="ja"),
]


def read_here(document: Fetched) -> Reading:
    return read_fetched(document.content, document.content_type, document.url, document.charset)


@pytest.mark.parametrize(("cpus", "workers"), [(1, 0), (2, 2), (3, 3), (16, 4)])
def test_auto_starts_one_process_per_cpu_and_none_on_one_cpu(
    monkeypatch: pytest.MonkeyPatch, cpus: int, workers: int
) -> None:
    monkeypatch.setattr(extraction, "cpu_count", lambda: cpus)
    assert extraction.auto_workers() == workers
    extractor = make_extractor("auto")
    try:
        expected = AutoExtractor if workers else InlineExtractor
        assert isinstance(extractor, expected)
    finally:
        extractor.close()
    assert isinstance(make_extractor(0), InlineExtractor)
    assert isinstance(make_extractor(2), PoolExtractor)


def test_auto_reads_the_first_pages_here_then_in_the_pool_with_the_same_results() -> None:
    expected = [read_here(document) for document in PAGES]
    with_pool: list[Future[Reading]] = []
    extractor = AutoExtractor(2, after=len(PAGES))
    try:
        first = [extractor.submit(document) for document in PAGES]
        # Read here, at once: no process was started for them.
        assert all(future.done() for future in first)
        assert [future.result() for future in first] == expected
        assert extractor.lookahead == 0
        deadline = time.monotonic() + 120
        while not extractor.pool_in_use and time.monotonic() < deadline:
            # Pages go on being read here while the pool starts in the background.
            reading = extractor.submit(PAGES[0]).result()
            assert reading == expected[0]
            time.sleep(0.05)
        assert extractor.pool_in_use
        assert extractor.lookahead > 0
        with_pool = [extractor.submit(document) for document in PAGES]
        assert [future.result(timeout=60) for future in with_pool] == expected
    finally:
        extractor.close()
    languages = [future.result().extracted for future in with_pool]
    assert [e.language for e in languages if e is not None] == ["en", "ja", "en", "ja"]


def test_auto_reads_here_when_no_process_can_be_started(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_processes(self: PoolExtractor) -> list[Future[Reading]]:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(PoolExtractor, "warm_up", no_processes)
    extractor = AutoExtractor(2, after=1)
    try:
        readings = [extractor.submit(document).result() for document in PAGES * 2]
    finally:
        extractor.close()
    assert not extractor.pool_in_use
    assert readings == [read_here(document) for document in PAGES * 2]


CHILD = textwrap.dedent(
    """
    import sys, time
    from pledgewatch.monitor.extraction import PoolExtractor
    pool = PoolExtractor(2)
    for future in pool.warm_up():
        future.result()
    print("ready", flush=True)
    time.sleep(120)
    """
)


def parent_if_running(pid: int) -> int | None:
    """A process's parent while it runs; None once it is gone or a zombie (which holds nothing)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces, so read after its last ")".
    state, ppid = status.rpartition(")")[2].split()[:2]
    return None if state == "Z" else int(ppid)


def descendants(pid: int) -> set[int]:
    """Living processes below a process."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (parent := parent_if_running(int(entry.name))) is not None:
            parents[int(entry.name)] = parent
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of the processes that still run (not gone, not zombies)."""
    return {pid for pid in pids if parent_if_running(pid) is not None}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_pool_processes_exit_when_their_monitor_is_killed() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        workers = descendants(child.pid)
        assert len(workers) >= 2
        child.send_signal(signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 30
        while alive(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(workers)
    finally:
        if child.poll() is None:
            child.kill()
