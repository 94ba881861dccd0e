"""What every source reader is given, and what it must do.

A reader turns one source into a stream of entries (documents to store, URLs already stored,
per-entry errors). It raises only when the source as a whole cannot be read (the feed is
gone, the folder was removed); the runner records that in the source's health. It never
writes to the database: ingestion does, one entry at a time, so whatever was yielded before a
crash stays stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from pledgewatch.fetch.http import Fetched, Fetcher
from pledgewatch.monitor.documents import Entry
from pledgewatch.monitor.extraction import Extractor, InlineExtractor


@dataclass(frozen=True)
class SourceSpec:
    """A source as readers see it."""

    name: str
    kind: str
    location: str
    language_hint: str | None = None
    trust: str = "media"


@dataclass
class SourceState:
    """What a reader remembers between runs; saved only when a run succeeds."""

    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None


class StoredLookup(Protocol):
    """Read-only questions a reader asks about what is stored, to avoid needless work."""

    def is_stored(self, url: str) -> bool:
        """True when an item exists at this URL (canonical form)."""
        ...

    def unchanged(self, url: str, raw_hash: str) -> bool:
        """True when the newest item at this URL was read from exactly these bytes."""
        ...


@dataclass
class ReadContext:
    """Everything a reader may use."""

    fetcher: Fetcher
    lookup: StoredLookup
    state: SourceState
    max_fetches: int = 100
    """Articles fetched per run at most; the rest wait for the next run."""
    extractor: Extractor = field(default_factory=InlineExtractor)
    """Where fetched articles are read: in this process, or in a pool of processes."""


class SourceReader(Protocol):
    """One kind of source: feed, page, sitemap or folder."""

    kind: str
    description: str

    def check_location(self, location: str) -> str:
        """The location in the form to store, or a ConfigurationError saying what is wrong."""
        ...

    def read(self, spec: SourceSpec, context: ReadContext) -> Iterator[Entry]:
        """The entries of the source, one at a time."""
        ...


def fetch_if_changed(spec: SourceSpec, context: ReadContext) -> Fetched | None:
    """The source fetched with a conditional GET, or None when the server says it is unchanged."""
    state = context.state
    fetched = context.fetcher.get(spec.location, etag=state.etag, last_modified=state.last_modified)
    return None if fetched.not_modified else fetched
