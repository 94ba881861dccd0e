"""What a source reader hands to ingestion: a document to store, a known URL, or an error.

Readers (monitor/readers/) turn a feed, a page, a sitemap or a folder into a stream of these
entries; ingestion (monitor/ingestion.py) stores them one at a time. An entry error is data,
not an exception: one bad article never stops the rest of its source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date

from pledgewatch.errors import PledgewatchError, message_in
from pledgewatch.fetch.extract import Extracted
from pledgewatch.text.language import detect_language

TITLE_LENGTH = 300


@dataclass(frozen=True)
class Document:
    """A text to store as an item."""

    url: str
    title: str
    text: str
    published: date | None
    language: str | None
    kind: str
    """html, pdf, text or feed (an entry read from a feed file)."""
    raw_hash: str | None = None
    """SHA-256 of the bytes it was read from, to skip unchanged files without reading them."""
    origin_url: str | None = None
    """For a summary or a local copy: the public URL of the original."""
    revisable: bool = False
    """A watched page or file: a changed text at the same URL is a new item (a revision)."""
    trust: str | None = None
    """official or media, when the document says so itself; else its source's trust."""


@dataclass(frozen=True)
class Seen:
    """A URL whose item is stored already: only the sighting is recorded, nothing is fetched."""

    url: str


@dataclass(frozen=True)
class EntryError:
    """One entry of a source that could not be read, and why (in English and Japanese)."""

    url: str
    reason: str
    reason_ja: str

    @classmethod
    def of(cls, url: str, error: PledgewatchError) -> EntryError:
        """The entry at ``url`` that ``error`` stopped."""
        return cls(url, str(error), message_in(error, "ja"))

    @classmethod
    def unreadable(cls, url: str, error: OSError) -> EntryError:
        """The file at ``url`` that could not be read from disk."""
        detail = error.strerror or error
        return cls(url, f"cannot read the file: {detail}", f"ファイルを読み込めません：{detail}")


Entry = Document | Seen | EntryError


def raw_hash(content: bytes) -> str:
    """SHA-256 of raw bytes, hex."""
    return hashlib.sha256(content).hexdigest()


def first_line_title(text: str) -> str:
    """A title for a text that has none: its first non-empty line, shortened."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            return shorten(stripped)
    return ""


def shorten(text: str, length: int = TITLE_LENGTH) -> str:
    """Text cut to a length, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def document_from_extracted(
    extracted: Extracted,
    *,
    url: str,
    title: str | None = None,
    published: date | None = None,
    language_hint: str | None = None,
    raw: bytes | None = None,
    revisable: bool = False,
) -> Document:
    """A Document from what the fetch layer extracted, filling gaps from the feed or source.

    The extracted title and date win over the feed's (they are the page's own); the language
    is the extracted one, else detected from the text, else the source's hint.
    """
    text = extracted.text.strip()
    language = extracted.language or detect_language(text) or language_hint
    return Document(
        url=url,
        title=shorten(extracted.title or title or first_line_title(text)),
        text=text,
        published=extracted.published or published,
        language=language,
        kind=extracted.kind,
        raw_hash=raw_hash(raw) if raw is not None else None,
        revisable=revisable,
    )


def with_hint(document: Document, language_hint: str | None) -> Document:
    """The document with the source's language hint where no language could be told."""
    if document.language is not None or language_hint is None:
        return document
    return replace(document, language=language_hint)
