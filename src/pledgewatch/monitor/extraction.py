"""Where fetched documents are read: in this process, or in a pool of extraction processes.

Reading a page (trafilatura's text and metadata) costs several times more than fetching,
fingerprinting and storing it, and it is CPU work that threads cannot share under the GIL.
With ``settings.monitor_extract_workers`` above 0, the readers hand each fetched page to a pool
of that many processes and keep fetching while it is read; ingestion still stores the results
one at a time, in the order of the source, in this process. With 0 (the default) everything
runs in this process, which is what small installations and tests want.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol

from pledgewatch.errors import ExtractionError
from pledgewatch.fetch.extract import Extracted, extract_document
from pledgewatch.fetch.http import Fetched


@dataclass(frozen=True)
class Reading:
    """What reading one fetched document gave: its extraction, or why it failed."""

    extracted: Extracted | None
    error: str | None = None


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
        return Reading(None, str(exc))


class Extractor(Protocol):
    """Reads fetched documents, now or later."""

    lookahead: int
    """How many fetched documents may wait to be read: 0 reads each at once."""

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


class PoolExtractor:
    """Reads documents in a pool of processes, started on first use."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.lookahead = 2 * workers
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fetched: Fetched) -> Future[Reading]:
        """Queue the document for a worker process."""
        if self._pool is None:
            # "spawn": the parent may run threads (procrastinate, the HTTP client), and
            # forking a threaded process can deadlock the child.
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool.submit(
            read_fetched, fetched.content, fetched.content_type, fetched.url, fetched.charset
        )

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


def make_extractor(workers: int) -> Extractor:
    """An extractor with that many worker processes; 0 reads in this process."""
    return PoolExtractor(workers) if workers > 0 else InlineExtractor()
