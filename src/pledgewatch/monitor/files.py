"""Local files as documents: HTML, plain text, PDF and feed files, one at a time.

A plain-text file may start with a header of ``key: value`` lines closed by a line ``---``
(title, date, url, language, trust); pledgewatch's sample summaries are written that way, and the
header's url is kept as the item's origin_url (the public original), while the item itself is
named by the file's own file:// URL. Without a header the title is the first line and the date
the first one found near the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pledgewatch.errors import PledgewatchError
from pledgewatch.fetch.extract import decode_text, extract_html, extract_pdf
from pledgewatch.fetch.feeds import parse_feed
from pledgewatch.monitor.documents import (
    Document,
    Entry,
    EntryError,
    document_from_extracted,
    first_line_title,
    raw_hash,
    shorten,
)
from pledgewatch.monitor.urls import file_url
from pledgewatch.text.dates import find_publication_date, parse_date
from pledgewatch.text.language import detect_language

HTML_SUFFIXES = frozenset({".html", ".htm"})
TEXT_SUFFIXES = frozenset({".txt"})
PDF_SUFFIXES = frozenset({".pdf"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
SUPPORTED_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | PDF_SUFFIXES | FEED_SUFFIXES

_HEADER_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):\s?(.*)$")
_HEADER_LIMIT = 40


@dataclass(frozen=True)
class TextHeader:
    """The ``key: value`` header of a plain-text file, and the body after it."""

    fields: dict[str, str]
    body: str


def split_header(text: str) -> TextHeader:
    """Separate a leading ``key: value`` header closed by ``---`` from the body."""
    lines = text.lstrip("\ufeff").splitlines()
    fields: dict[str, str] = {}
    for position, line in enumerate(lines[:_HEADER_LIMIT]):
        if line.strip() == "---":
            if fields:
                return TextHeader(fields, "\n".join(lines[position + 1 :]).strip())
            break
        match = _HEADER_LINE.match(line)
        if match is None:
            break
        fields[match.group(1).lower()] = match.group(2).strip()
    return TextHeader({}, text.strip())


def folder_files(folder: Path) -> list[Path]:
    """The readable files under a folder, recursively, in name order; hidden ones skipped."""
    found = [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return sorted(found)


def read_file(
    path: Path, *, content: bytes | None = None, language_hint: str | None = None
) -> list[Entry]:
    """The documents of one file (several for a feed file), or the error that stopped it."""
    url = file_url(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        return [
            EntryError(
                url,
                f"unsupported file type {suffix or '(none)'}; use {supported}",
                f"ファイルの種類 {suffix or '(none)'} には対応していません。"
                f"{supported} のファイルを使ってください",
            )
        ]
    try:
        data = path.read_bytes() if content is None else content
    except OSError as exc:
        return [EntryError.unreadable(url, exc)]
    try:
        if suffix in FEED_SUFFIXES:
            return list(_feed_documents(data, url=url, language_hint=language_hint))
        if suffix in TEXT_SUFFIXES:
            return [_text_document(data, url=url, language_hint=language_hint)]
        extracted = extract_pdf(data) if suffix in PDF_SUFFIXES else extract_html(data, url=url)
    except PledgewatchError as exc:  # a broken PDF or feed, or another fetch-layer failure
        return [EntryError.of(url, exc)]
    document = document_from_extracted(
        extracted, url=url, language_hint=language_hint, raw=data, revisable=True
    )
    if not document.text:
        return [EntryError(url, "no text found in the file", "ファイルに本文が見つかりません")]
    return [document]


def _text_document(data: bytes, *, url: str, language_hint: str | None) -> Entry:
    header = split_header(decode_text(data))
    body = header.body
    if not body:
        return EntryError(url, "the file is empty", "ファイルが空です")
    fields = header.fields
    written = fields.get("date") or fields.get("published")
    published = parse_date(written) if written else None
    if published is None:
        published = find_publication_date(body)
    language = fields.get("language") if fields.get("language") in ("ja", "en") else None
    trust = fields.get("trust") if fields.get("trust") in ("official", "media") else None
    return Document(
        url=url,
        title=shorten(fields.get("title") or first_line_title(body)),
        text=body,
        published=published,
        language=language or detect_language(body) or language_hint,
        kind="text",
        raw_hash=raw_hash(data),
        origin_url=fields.get("url") or fields.get("source_url") or None,
        revisable=True,
        trust=trust,
    )


def _feed_documents(data: bytes, *, url: str, language_hint: str | None) -> list[Entry]:
    entries = parse_feed(data, url=url)
    documents: list[Entry] = []
    for entry in entries:
        text = entry.summary.strip() or entry.title.strip()
        if not entry.url or not text:
            documents.append(
                EntryError(
                    entry.url or url,
                    "feed entry without a link or text",
                    "フィードの項目にリンクか本文がありません",
                )
            )
            continue
        documents.append(
            Document(
                url=entry.url,
                title=shorten(entry.title or first_line_title(text)),
                text=text,
                published=entry.published,
                language=entry.language or detect_language(text) or language_hint,
                kind="feed",
            )
        )
    return documents
