"""RSS and Atom feeds: every entry not stored yet is fetched and read as an article."""

from __future__ import annotations

from collections.abc import Iterator

from pledgewatch.fetch.feeds import parse_feed
from pledgewatch.monitor.documents import Entry, EntryError, Seen
from pledgewatch.monitor.readers.articles import ArticleRequest, fetch_articles
from pledgewatch.monitor.readers.base import ReadContext, SourceSpec, fetch_if_changed
from pledgewatch.monitor.urls import check_web_url


class FeedReader:
    """An RSS or Atom feed, fetched with a conditional GET."""

    kind = "feed"
    description = "RSS or Atom feed: each new entry's article is fetched and stored"

    def check_location(self, location: str) -> str:
        """A feed is named by its http(s) URL."""
        return check_web_url(location)

    def read(self, spec: SourceSpec, context: ReadContext) -> Iterator[Entry]:
        """The feed's entries: known ones as sightings, new ones fetched (up to the cap)."""
        state = context.state
        fetched = fetch_if_changed(spec, context)
        if fetched is None:
            return
        entries = parse_feed(fetched.content, url=fetched.url)
        requests: list[ArticleRequest] = []
        complete = True
        for entry in entries:
            if not entry.url:
                yield EntryError(
                    spec.location,
                    f"feed entry {entry.title!r} has no link",
                    f"フィードの項目 {entry.title!r} にリンクがありません",
                )
                continue
            if context.lookup.is_stored(entry.url):
                yield Seen(entry.url)
                continue
            if len(requests) >= context.max_fetches:
                complete = False
                continue
            requests.append(
                ArticleRequest(
                    entry.url,
                    title=entry.title,
                    published=entry.published,
                    summary=entry.summary,
                    language_hint=entry.language or spec.language_hint,
                )
            )
        yield from fetch_articles(context, requests)
        if complete:
            # Remembered only when every entry was handled: a 304 next time must not hide
            # entries left for later.
            state.etag, state.last_modified = fetched.etag, fetched.last_modified
