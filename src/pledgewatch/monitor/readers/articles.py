"""Fetch the articles a feed or a sitemap links to, and read them into Documents.

Fetching happens here, one URL after the other (the fetcher's politeness per host holds); each
fetched page goes to the context's extractor, which may read it in another process while the
next one is fetched. Results come out in the order of the requests.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import date

from pledgewatch.errors import FetchError
from pledgewatch.monitor.documents import (
    Document,
    EntryError,
    document_from_extracted,
    first_line_title,
    shorten,
)
from pledgewatch.monitor.extraction import Reading
from pledgewatch.monitor.readers.base import ReadContext
from pledgewatch.text.language import detect_language


@dataclass(frozen=True)
class ArticleRequest:
    """An article to fetch, with what the feed or sitemap says about it."""

    url: str
    title: str | None = None
    published: date | None = None
    summary: str = ""
    language_hint: str | None = None


def fetch_articles(
    context: ReadContext, requests: Iterable[ArticleRequest]
) -> Iterator[Document | EntryError]:
    """Every requested article, read, in order; a failed one is an EntryError."""
    pending: deque[tuple[ArticleRequest, Future[Reading] | EntryError]] = deque()
    for request in requests:
        try:
            fetched = context.fetcher.get(request.url)
            pending.append((request, context.extractor.submit(fetched)))
        except FetchError as exc:
            pending.append((request, EntryError.of(request.url, exc)))
        while len(pending) > context.extractor.lookahead:
            yield _finish(*pending.popleft())
    while pending:
        yield _finish(*pending.popleft())


def _finish(
    request: ArticleRequest, outcome: Future[Reading] | EntryError
) -> Document | EntryError:
    if isinstance(outcome, EntryError):
        return outcome
    reading = outcome.result()
    if reading.extracted is None:
        return EntryError(
            request.url,
            reading.error or "the document cannot be read",
            reading.error_ja or "文書を読み込めません",
        )
    document = document_from_extracted(
        reading.extracted,
        url=request.url,
        title=request.title,
        published=request.published,
        language_hint=request.language_hint,
    )
    if document.text:
        return document
    summary = request.summary.strip()
    if summary:
        # A page without article text (script-only, a paywall stub): the feed's summary
        # stands in, so the entry is not lost.
        return replace(
            document,
            text=summary,
            title=document.title or shorten(request.title or first_line_title(summary)),
            language=document.language or detect_language(summary) or request.language_hint,
        )
    return EntryError(
        request.url, "no article text found on the page", "ページに記事の本文が見つかりません"
    )
