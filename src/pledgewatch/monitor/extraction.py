"""Where fetched documents are read: in this process, or in a pool of extraction processes.

Reading a page (trafilatura's text, then the title and date) costs several times more than
fetching, fingerprinting and storing it, and it is CPU work that threads cannot share under
the GIL. With a pool, the readers hand each fetched page to another process and keep fetching
while it is read; ingestion still stores the results one at a time, in the order of the
source, in this process. ``settings.monitor_extract_workers`` chooses:

- ``0``: everything in this process;
- ``N``: a pool of N processes from the first page;
- ``auto`` (the default): this process for the first pages, then a pool of as many processes
  as the machine has CPUs (at most 4) once the monitor has read more than a few pages. A
  pool takes most of a second to start (each process imports the text stack), which a run of
  a few pages (a test, a feed with two new entries) would never win back, while a run of
  hundreds of pages reads them about 1.6 times faster on two cores (BENCHMARKS.md). The pool
  starts in the background while pages go on being read here, and is kept for later rounds.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Literal, Protocol

from pledgewatch.errors import ExtractionError, message_in
from pledgewatch.fetch.extract import Extracted, extract_document
from pledgewatch.fetch.http import Fetched


@dataclass(frozen=True)
class Reading:
    """What reading one fetched document gave: its extraction, or why it failed."""

    extracted: Extracted | None
    error: str | None = None
    error_ja: str | None = None


def read_fetched(
    content: bytes, content_type: str | None, url: str, charset: str | None
) -> Reading:
    """Extract a fetched document; an ExtractionError comes back as data, not as an exception.

    Run in pool processes too: errors are returned as text because pledgewatch's exceptions
    carry data in their constructors and do not survive pickling between processes.
    """
    try:
        return Reading(
            extract_document(content, content_type=content_type, url=url, charset=charset)
        )
    except ExtractionError as exc:
        return Reading(None, str(exc), message_in(exc, "ja"))


class Extractor(Protocol):
    """Reads fetched documents, now or later."""

    @property
    def lookahead(self) -> int:
        """How many fetched documents may wait to be read: 0 reads each at once."""
        ...

    def submit(self, fetched: Fetched) -> Future[Reading]:
        """Start reading a fetched document."""
        ...

    def close(self) -> None:
        """Stop the workers, if any."""
        ...


class InlineExtractor:
    """Reads each document at once, in this process."""

    lookahead = 0

    def submit(self, fetched: Fetched) -> Future[Reading]:
        """Read the document now; the future is already done."""
        future: Future[Reading] = Future()
        future.set_result(
            read_fetched(fetched.content, fetched.content_type, fetched.url, fetched.charset)
        )
        return future

    def close(self) -> None:
        """Nothing to stop."""


AUTO_MAX_WORKERS = 4
"""Most processes ``auto`` starts: the monitor's own per-page work (fetch, fingerprint, store)
is about a third of a page's reading, so beyond three or four readers they would wait on it."""
AUTO_POOL_AFTER = 20
"""Documents ``auto`` reads in this process before it starts the pool."""

_PARENT_CHECK_SECONDS = 1.0
_WARM_UP_PAGE = b"<html><head><title>pledgewatch</title></head><body><p>Ready.</p></body></html>"


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def auto_workers() -> int:
    """The pool size of ``auto``: one process per CPU, at most AUTO_MAX_WORKERS; 0 on one CPU."""
    cpus = cpu_count()
    return 0 if cpus < 2 else min(cpus, AUTO_MAX_WORKERS)


def _exit_with_parent(parent: int) -> None:
    """In a pool process: exit when the monitor that started it is gone.

    A monitor killed with SIGKILL cannot stop its pool, and the pool's processes would wait
    for work forever, each holding the text stack in memory.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


class PoolExtractor:
    """Reads documents in a pool of processes, started on first use."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.lookahead = 2 * workers
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fetched: Fetched) -> Future[Reading]:
        """Queue the document for a worker process."""
        return self._executor().submit(
            read_fetched, fetched.content, fetched.content_type, fetched.url, fetched.charset
        )

    def warm_up(self) -> list[Future[Reading]]:
        """Start the processes and have each read a tiny page; done when they are ready."""
        return [
            self._executor().submit(
                read_fetched, _WARM_UP_PAGE, "text/html", "about:blank", "utf-8"
            )
            for _ in range(self.workers)
        ]

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # "spawn": the parent may run threads (procrastinate, the HTTP client), and
            # forking a threaded process can deadlock the child.
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> PoolExtractor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AutoExtractor:
    """Reads in this process until it has read ``after`` documents, then in a pool.

    The pool is started once, in the background: documents go on being read here until every
    pool process has read its warm-up page, so no page waits for the processes to start. When
    the pool cannot start (no processes to be had, a process that dies while it starts),
    everything stays in this process.
    """

    def __init__(self, workers: int, *, after: int = AUTO_POOL_AFTER) -> None:
        self.after = after
        self._inline = InlineExtractor()
        self._pool = PoolExtractor(workers)
        self._read = 0
        self._warming: list[Future[Reading]] | None = None
        self._use_pool = False
        self._lock = threading.Lock()

    @property
    def lookahead(self) -> int:
        """0 while reading here, the pool's lookahead once it is in use."""
        return self._pool.lookahead if self._use_pool else 0

    @property
    def pool_in_use(self) -> bool:
        """True once documents go to the pool."""
        return self._use_pool

    def submit(self, fetched: Fetched) -> Future[Reading]:
        """Read the document here, or in the pool once it is ready."""
        with self._lock:
            self._read += 1
            if self._warming is None and self._read > self.after:
                self._warming = self._start_pool()
            if not self._use_pool and self._warming and all(f.done() for f in self._warming):
                self._use_pool = all(f.exception() is None for f in self._warming)
                if not self._use_pool:
                    self._warming = []  # the pool failed: never try again
                    self._pool.close()
            use_pool = self._use_pool
        return self._pool.submit(fetched) if use_pool else self._inline.submit(fetched)

    def _start_pool(self) -> list[Future[Reading]]:
        try:
            return self._pool.warm_up()
        except (OSError, RuntimeError):  # no processes to be had: read here
            return []

    def close(self) -> None:
        """Stop the pool, if it was started."""
        self._pool.close()


ExtractWorkers = int | Literal["auto"]
"""The setting: a number of processes (0: this process), or "auto"."""


def make_extractor(workers: ExtractWorkers) -> Extractor:
    """The extractor the setting names (see the module docstring)."""
    if workers == "auto":
        size = auto_workers()
        return AutoExtractor(size) if size > 0 else InlineExtractor()
    return PoolExtractor(workers) if workers > 0 else InlineExtractor()
