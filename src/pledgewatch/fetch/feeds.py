"""Feeds (RSS 1.0/2.0, Atom) and sitemaps (urlset, news sitemaps) turned into entries.

A feed is read with feedparser, which tolerates broken XML: a feed with some bad entries keeps
its good ones, and only a document that is no feed at all raises FeedError. Sitemaps are read
with lxml, hardened: no entity expansion, no DTD loading, no network, and a document that
declares a DTD is refused outright (a sitemap never needs one).

Dates are read as written (text/dates.py): feedparser's own parsed dates are in UTC, which
would move a Japanese release of 08:00 +0900 to the day before.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import feedparser  # type: ignore[import-untyped]  # feedparser ships no type hints
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints
from lxml import html as lxml_html

from pledgewatch.errors import FeedError
from pledgewatch.text.dates import parse_date
from pledgewatch.text.language import detect_language

MAX_SITEMAP_BYTES = 100_000_000
"""A gzipped sitemap is refused when it unpacks to more than this (the protocol's cap is 50 MB)."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: an article or release to fetch."""

    url: str
    """The entry's link, made absolute against the feed's URL."""
    title: str
    published: date | None
    summary: str
    """Plain text, HTML stripped."""
    language: Literal["ja", "en"] | None


@dataclass(frozen=True)
class SitemapEntry:
    """One URL of a sitemap, or one child sitemap of a sitemap index."""

    url: str
    published: date | None
    """news:publication_date, else lastmod."""
    kind: Literal["page", "sitemap"] = "page"
    """"sitemap" for the entries of a sitemap index: fetch them and parse them in turn."""


def parse_feed(content: bytes, *, url: str) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed that have a usable http(s) link.

    Raises FeedError when `content` is not a feed at all (an HTML page, garbage, nothing).
    """
    if not content.strip():
        raise FeedError(url, "the document is empty", reason_ja="文書が空です")
    # feedparser fetches a URL when given a string that looks like one; bytes are always
    # parsed as the document itself.
    parsed = feedparser.parse(content, response_headers={"content-location": url})
    entries: list[Any] = list(parsed.get("entries") or [])
    version = parsed.get("version") or ""
    if not version and not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not RSS or Atom ({problem})" if problem else "not RSS or Atom"
        reason_ja = (
            f"RSS でも Atom でもありません（{problem}）"
            if problem
            else "RSS でも Atom でもありません"
        )
        raise FeedError(url, reason, reason_ja=reason_ja)
    feed_language = _language_tag(parsed.get("feed", {}).get("language"))
    found: list[FeedEntry] = []
    for entry in entries:
        item = _entry(entry, url, feed_language)
        if item is not None:
            found.append(item)
    return found


def _entry(
    entry: Any, feed_url: str, feed_language: Literal["ja", "en"] | None
) -> FeedEntry | None:
    link = _entry_link(entry, feed_url)
    if link is None:
        return None
    title = _plain(str(entry.get("title") or ""))
    summary = _plain(str(entry.get("summary") or entry.get("description") or ""))
    published = None
    for key in ("published", "updated", "created", "dc_date"):
        raw = entry.get(key)
        if raw:
            published = parse_date(str(raw))
            if published is not None:
                break
    if published is None:
        published = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    return FeedEntry(
        url=link,
        title=title,
        published=published,
        summary=summary,
        language=detect_language(f"{title}\n{summary}") or feed_language,
    )


def _entry_link(entry: Any, feed_url: str) -> str | None:
    candidates = [entry.get("link")]
    candidates += [link.get("href") for link in entry.get("links") or [] if link.get("href")]
    candidates.append(entry.get("id"))
    for candidate in candidates:
        if not candidate:
            continue
        absolute = urljoin(feed_url, str(candidate).strip())
        if urlsplit(absolute).scheme in {"http", "https"} and urlsplit(absolute).netloc:
            return absolute
    return None


def _struct_date(value: Any) -> date | None:
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday) if value else None
    except (AttributeError, TypeError, ValueError):
        return None


def _language_tag(tag: object) -> Literal["ja", "en"] | None:
    text = str(tag or "").lower()
    if text.startswith("ja"):
        return "ja"
    if text.startswith("en"):
        return "en"
    return None


_SPACES = re.compile(r"\s+")


def _plain(fragment: str) -> str:
    """Text of an HTML fragment, whitespace collapsed; markup-free text passes unchanged."""
    if "<" not in fragment and "&" not in fragment:
        return _SPACES.sub(" ", fragment).strip()
    try:
        element = lxml_html.fragment_fromstring(fragment, create_parent="div")
        text = str(element.text_content())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        text = re.sub(r"<[^>]*>", " ", fragment)
    return _SPACES.sub(" ", text).strip()


# --- sitemaps ------------------------------------------------------------------------------


def parse_sitemap(content: bytes, *, url: str) -> list[SitemapEntry]:
    """The URLs of a sitemap (urlset, Google news sitemap) or of a sitemap index.

    Entries of a sitemap index come with kind "sitemap". A gzipped sitemap is unpacked. Raises
    FeedError when the document is not a sitemap or declares a DTD.
    """
    root = _sitemap_root(_unpacked(content, url), url)
    kind: Literal["page", "sitemap"]
    if _local(root.tag) == "urlset":
        kind, child_name = "page", "url"
    elif _local(root.tag) == "sitemapindex":
        kind, child_name = "sitemap", "sitemap"
    else:
        raise FeedError(
            url,
            f"the root element is <{_local(root.tag)}>, not <urlset>",
            reason_ja=f"ルート要素が <urlset> ではなく <{_local(root.tag)}> です",
        )
    entries: list[SitemapEntry] = []
    for child in root:
        if not isinstance(child.tag, str) or _local(child.tag) != child_name:
            continue
        fields = _fields(child)
        loc = urljoin(url, fields.get("loc", "").strip())
        if urlsplit(loc).scheme not in {"http", "https"} or not urlsplit(loc).netloc:
            continue
        published = parse_date(fields.get("publication_date", "")) or parse_date(
            fields.get("lastmod", "")
        )
        entries.append(SitemapEntry(url=loc, published=published, kind=kind))
    return entries


def _unpacked(content: bytes, url: str) -> bytes:
    if not content.startswith(b"\x1f\x8b"):
        return content
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(content)) as packed:
            data = packed.read(MAX_SITEMAP_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise FeedError(
            url,
            f"a broken gzip file ({error})",
            reason_ja=f"gzip ファイルが壊れています（{error}）",
        ) from error
    if len(data) > MAX_SITEMAP_BYTES:
        raise FeedError(
            url,
            f"it unpacks to more than {MAX_SITEMAP_BYTES} bytes",
            reason_ja=f"展開すると {MAX_SITEMAP_BYTES} バイトを超えます",
        )
    return data


def _sitemap_root(content: bytes, url: str) -> Any:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(content, parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise FeedError(
            url,
            f"not well-formed XML ({error})",
            reason_ja=f"XML として正しい形式ではありません（{error}）",
        ) from error
    if root is None:
        raise FeedError(url, "the document is empty", reason_ja="文書が空です")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise FeedError(
            url,
            "it declares a DTD, which a sitemap never needs; refused for safety",
            reason_ja="サイトマップには不要な DTD が宣言されているため、安全のため読み込みません",
        )
    return root


def _fields(element: Any) -> dict[str, str]:
    """<loc> and <lastmod> of an entry, and the <news:publication_date> nested in <news:news>."""
    fields: dict[str, str] = {}
    for node in element.iter():
        if node is element or not isinstance(node.tag, str) or not (node.text or "").strip():
            continue
        name = _local(node.tag)
        direct = node.getparent() is element
        if name not in fields and (direct or name == "publication_date"):
            fields[name] = node.text.strip()
    return fields


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
