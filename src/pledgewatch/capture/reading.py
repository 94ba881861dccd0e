"""Read a document given as a file path or a URL, through the shared fetch layer.

A URL is fetched under the settings' fetch policy (the SSRF guard, size, time and redirect
limits); a file is read from disk. Either is then read as HTML, PDF or plain text by its bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pledgewatch.errors import ConfigurationError, NotFoundError
from pledgewatch.fetch.extract import Extracted, extract_document
from pledgewatch.fetch.http import Fetcher
from pledgewatch.fetch.policy import FetchPolicy


@dataclass(frozen=True)
class ReadDocument:
    """A document's text and what is known of it, and where it came from."""

    location: str
    url: str | None
    """The final URL after redirects, for a URL; None for a file."""
    extracted: Extracted


def is_url(location: str) -> bool:
    """Whether ``location`` names a web address rather than a file."""
    return location.lower().startswith(("http://", "https://"))


def read_location(location: str, *, policy: FetchPolicy) -> ReadDocument:
    """The text of the file or URL ``location``; raises when there is no text to read."""
    if is_url(location):
        with Fetcher(policy) as fetcher:
            fetched = fetcher.get(location)
        extracted = extract_document(
            fetched.content,
            content_type=fetched.content_type,
            url=fetched.url,
            charset=fetched.charset,
        )
        read = ReadDocument(location, fetched.url, extracted)
    else:
        path = Path(location).expanduser()
        if not path.is_file():
            raise NotFoundError(
                "file",
                location,
                "give the path of a text, HTML or PDF file",
                hint_ja="テキスト、HTML、PDF ファイルのパスを指定してください",
            )
        read = ReadDocument(location, None, extract_document(path.read_bytes(), url=path.name))
    if not read.extracted.text.strip():
        raise ConfigurationError(
            f"no text could be read from {location}",
            ja=f"{location} からテキストを読み取れませんでした",
        )
    return read
