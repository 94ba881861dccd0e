"""A single page watched for changes: a new item each time its extracted text changes."""

from __future__ import annotations

from collections.abc import Iterator

from pledgewatch.monitor.documents import Entry, EntryError, document_from_extracted
from pledgewatch.monitor.extraction import read_fetched
from pledgewatch.monitor.fingerprints import content_hash
from pledgewatch.monitor.readers.base import ReadContext, SourceSpec, fetch_if_changed
from pledgewatch.monitor.urls import check_web_url


class PageReader:
    """One page (a ministry's press-release list, a programme page), fetched conditionally."""

    kind = "page"
    description = "single page watched for changes: a new item when its text changes"

    def check_location(self, location: str) -> str:
        """A page is named by its http(s) URL."""
        return check_web_url(location)

    def read(self, spec: SourceSpec, context: ReadContext) -> Iterator[Entry]:
        """The page as one document when its text differs from the last run's."""
        state = context.state
        fetched = fetch_if_changed(spec, context)
        if fetched is None:
            return
        reading = read_fetched(fetched.content, fetched.content_type, fetched.url, fetched.charset)
        if reading.extracted is None:
            yield EntryError(
                spec.location,
                reading.error or "cannot read the page",
                reading.error_ja or "ページを読み込めません",
            )
            return
        document = document_from_extracted(
            reading.extracted, url=spec.location, language_hint=spec.language_hint, revisable=True
        )
        if not document.text:
            yield EntryError(
                spec.location, "no text found on the page", "ページに本文が見つかりません"
            )
            return
        digest = content_hash(document.text)
        if digest != state.content_hash:
            yield document
        state.etag, state.last_modified = fetched.etag, fetched.last_modified
        state.content_hash = digest
