"""One-off ingestion: files, folders and URLs named on the command line, without a source.

Each entry is stored in its own transaction as it is read, and reported through the callback
only once committed, so what was reported survives a crash and a second run adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine

from pledgewatch.errors import ConfigurationError, FeedError, FetchError
from pledgewatch.fetch.feeds import parse_feed
from pledgewatch.fetch.http import Fetcher
from pledgewatch.fetch.policy import fetch_policy
from pledgewatch.monitor.documents import Entry, EntryError, Seen, document_from_extracted
from pledgewatch.monitor.extraction import read_fetched
from pledgewatch.monitor.files import read_file
from pledgewatch.monitor.ingestion import Ingestor, Origin, Stored
from pledgewatch.monitor.lookup import DatabaseLookup
from pledgewatch.monitor.readers import ReadContext, SourceState
from pledgewatch.monitor.readers.articles import ArticleRequest, fetch_articles
from pledgewatch.monitor.readers.folder import folder_entries
from pledgewatch.monitor.runner import SourceRun
from pledgewatch.monitor.sources import LANGUAGES, TRUST_LEVELS
from pledgewatch.monitor.urls import check_web_url
from pledgewatch.settings import Settings

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "application/rdf+xml",
    }
)


@dataclass(frozen=True)
class Target:
    """One thing to ingest: a local file, a local folder, or a URL."""

    kind: str
    """file, folder or url."""
    value: str


def targets(arguments: list[str]) -> list[Target]:
    """The command-line arguments as targets, all checked before anything is read."""
    if not arguments:
        raise ConfigurationError(
            "name at least one file, folder or URL to ingest",
            ja="取り込むファイル、フォルダ、URL を一つ以上指定してください",
        )
    found: list[Target] = []
    for argument in arguments:
        scheme = urlsplit(argument).scheme.lower()
        if scheme in ("http", "https"):
            found.append(Target("url", check_web_url(argument)))
            continue
        if scheme and len(scheme) > 1:  # a Windows drive letter is not a scheme
            raise ConfigurationError(
                f"{argument!r}: only http(s) URLs and local paths can be ingested",
                ja=f"{argument!r}：取り込めるのは http(s) の URL とローカルのパスだけです",
            )
        path = Path(argument).expanduser()
        if path.is_dir():
            found.append(Target("folder", str(path.resolve())))
        elif path.is_file():
            found.append(Target("file", str(path.resolve())))
        else:
            raise ConfigurationError(
                f"no such file or folder: {argument}",
                ja=f"ファイルまたはフォルダが見つかりません：{argument}",
            )
    return found


def ingest(
    engine: Engine,
    settings: Settings,
    arguments: list[str],
    *,
    trust: str = "media",
    language_hint: str | None = None,
    on_result: Callable[[Stored], None] | None = None,
) -> SourceRun:
    """Ingest files, folders and URLs; returns the tallies of what was stored."""
    if trust not in TRUST_LEVELS:
        raise ConfigurationError(
            f"trust must be one of {', '.join(TRUST_LEVELS)}",
            ja=f"信頼区分は {', '.join(TRUST_LEVELS)} のいずれかで指定してください",
        )
    if language_hint is not None and language_hint not in LANGUAGES:
        raise ConfigurationError(
            f"the language hint must be one of {', '.join(LANGUAGES)}",
            ja=f"言語の指定は {', '.join(LANGUAGES)} のいずれかにしてください",
        )
    chosen = targets(arguments)
    ingestor = Ingestor(engine, index_days=settings.monitor_index_days)
    lookup = DatabaseLookup(engine)
    origin = Origin(source_id=None, trust=trust)
    tally = SourceRun(source="(one-off)", kind="ingest")
    with Fetcher(fetch_policy(settings)) as fetcher:
        context = ReadContext(
            fetcher=fetcher,
            lookup=lookup,
            state=SourceState(),
            max_fetches=settings.monitor_max_fetches,
        )
        for target in chosen:
            for entry in _entries(target, context, language_hint):
                result = ingestor.handle(entry, origin)
                tally.count(result)
                if on_result is not None:
                    on_result(result)
    return tally


def _entries(target: Target, context: ReadContext, language_hint: str | None) -> Iterator[Entry]:
    if target.kind == "file":
        yield from read_file(Path(target.value), language_hint=language_hint)
    elif target.kind == "folder":
        yield from folder_entries(Path(target.value), context.lookup, language_hint=language_hint)
    else:
        yield from _url_entries(target.value, context, language_hint)


def _url_entries(url: str, context: ReadContext, language_hint: str | None) -> Iterator[Entry]:
    if context.lookup.is_stored(url):
        yield Seen(url)
        return
    try:
        fetched = context.fetcher.get(url)
    except FetchError as exc:
        yield EntryError.of(url, exc)
        return
    if fetched.content_type in FEED_TYPES:
        try:
            entries = parse_feed(fetched.content, url=fetched.url)
        except FeedError as exc:
            yield EntryError.of(url, exc)
            return
        requests: list[ArticleRequest] = []
        for entry in entries[: context.max_fetches]:
            if context.lookup.is_stored(entry.url):
                yield Seen(entry.url)
                continue
            requests.append(
                ArticleRequest(
                    entry.url,
                    title=entry.title,
                    published=entry.published,
                    summary=entry.summary,
                    language_hint=entry.language or language_hint,
                )
            )
        yield from fetch_articles(context, requests)
        return
    reading = read_fetched(fetched.content, fetched.content_type, fetched.url, fetched.charset)
    if reading.extracted is None:
        yield EntryError(
            url,
            reading.error or "cannot read this URL",
            reading.error_ja or "この URL を読み込めません",
        )
        return
    document = document_from_extracted(reading.extracted, url=url, language_hint=language_hint)
    yield (
        document
        if document.text
        else EntryError(url, "no text found at this URL", "この URL に本文が見つかりません")
    )
