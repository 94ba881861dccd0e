"""News sitemaps: every listed URL not stored yet is fetched and read as an article.

A sitemap index is followed one level down: its child sitemaps, newest first, at most
``MAX_CHILD_SITEMAPS`` of them (a site's index lists every month of its archive; the recent
ones hold the news). A child that cannot be read is an entry error; the rest goes on.
"""

from __future__ import annotations

from collections.abc import Iterator

from pledgewatch.errors import FeedError, FetchError
from pledgewatch.fetch.feeds import SitemapEntry, parse_sitemap
from pledgewatch.monitor.documents import Entry, EntryError, Seen
from pledgewatch.monitor.readers.articles import ArticleRequest, fetch_articles
from pledgewatch.monitor.readers.base import ReadContext, SourceSpec, fetch_if_changed
from pledgewatch.monitor.urls import check_web_url

MAX_CHILD_SITEMAPS = 5


def _newest_first(entries: list[SitemapEntry]) -> list[SitemapEntry]:
    return sorted(
        entries,
        key=lambda entry: entry.published.toordinal() if entry.published else 0,
        reverse=True,
    )


class SitemapReader:
    """A (news) sitemap or sitemap index, fetched with a conditional GET."""

    kind = "sitemap"
    description = "news sitemap (or sitemap index): each new URL listed is fetched and stored"

    def check_location(self, location: str) -> str:
        """A sitemap is named by its http(s) URL."""
        return check_web_url(location)

    def read(self, spec: SourceSpec, context: ReadContext) -> Iterator[Entry]:
        """The sitemap's URLs, newest first: known ones as sightings, new ones fetched."""
        state = context.state
        fetched = fetch_if_changed(spec, context)
        if fetched is None:
            return
        listed = parse_sitemap(fetched.content, url=fetched.url)
        pages = [entry for entry in listed if entry.kind == "page"]
        errors: list[EntryError] = []
        children = [entry for entry in listed if entry.kind == "sitemap"]
        for child in _newest_first(children)[:MAX_CHILD_SITEMAPS]:
            try:
                content = context.fetcher.get(child.url).content
                pages.extend(e for e in parse_sitemap(content, url=child.url) if e.kind == "page")
            except (FetchError, FeedError) as exc:
                errors.append(EntryError.of(child.url, exc))
        yield from errors
        requests: list[ArticleRequest] = []
        complete = not errors
        for entry in _newest_first(pages):
            if context.lookup.is_stored(entry.url):
                yield Seen(entry.url)
                continue
            if len(requests) >= context.max_fetches:
                complete = False
                continue
            requests.append(
                ArticleRequest(
                    entry.url, published=entry.published, language_hint=spec.language_hint
                )
            )
        yield from fetch_articles(context, requests)
        if complete:
            # Remembered only when every URL was handled: a 304 next time must not hide
            # URLs left for later.
            state.etag, state.last_modified = fetched.etag, fetched.last_modified
