"""Source readers, one per kind of source, in one explicit registry (see README.md)."""

from __future__ import annotations

from pledgewatch.errors import ConfigurationError
from pledgewatch.monitor.readers.base import (
    ReadContext,
    SourceReader,
    SourceSpec,
    SourceState,
    StoredLookup,
)
from pledgewatch.monitor.readers.feed import FeedReader
from pledgewatch.monitor.readers.folder import FolderReader
from pledgewatch.monitor.readers.page import PageReader
from pledgewatch.monitor.readers.sitemap import SitemapReader

READERS: dict[str, SourceReader] = {
    "feed": FeedReader(),
    "page": PageReader(),
    "sitemap": SitemapReader(),
    "folder": FolderReader(),
}


def reader_for(kind: str) -> SourceReader:
    """The reader of a kind of source; an unknown kind is a clear error."""
    reader = READERS.get(kind)
    if reader is None:
        raise ConfigurationError(
            f"unknown source kind {kind!r}; use one of: {', '.join(READERS)}",
            ja=f"情報源の種類 {kind!r} はありません。{', '.join(READERS)} のいずれかを"
            "指定してください",
        )
    return reader


__all__ = [
    "READERS",
    "ReadContext",
    "SourceReader",
    "SourceSpec",
    "SourceState",
    "StoredLookup",
    "reader_for",
]
