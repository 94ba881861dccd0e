"""Feeds (RSS 1.0, RSS 2.0, Atom) and sitemaps, good and malformed, in both languages."""

from __future__ import annotations

import gzip
from datetime import date

import pytest
from pytest_httpserver import HTTPServer

from pledgewatch.errors import FeedError
from pledgewatch.fetch.feeds import parse_feed, parse_sitemap
from pledgewatch.fetch.http import Fetcher
from pledgewatch.fetch.policy import FetchPolicy

FEED_URL = "https://www.example.go.jp/press/rss.xml"

RSS2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>報道発表</title>
<link>https://www.example.go.jp/press/</link>
<language>ja</language>
<item>
<title>日米重要鉱物投資閣僚会合の開催について</title>
<link>/press/2026/0204_001.html</link>
<description>&lt;p&gt;本日、&lt;b&gt;日米重要鉱物投資閣僚会合&lt;/b&gt;を開催しました。&lt;/p&gt;</description>
<pubDate>Wed, 04 Feb 2026 08:00:00 +0900</pubDate>
</item>
<item>
<title>US-Japan shipbuilding working group meets</title>
<link>https://www.example.go.jp/en/press/2026/0203.html</link>
<description>The working group held its first meeting.</description>
<pubDate>Tue, 03 Feb 2026 17:00:00 +0900</pubDate>
</item>
</channel>
</rss>
"""

RSS1 = """<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://www.example.go.jp/rss/">
<title>新着情報</title><link>https://www.example.go.jp/</link><description>新着</description>
<items><rdf:Seq><rdf:li rdf:resource="https://www.example.go.jp/news/1.html"/></rdf:Seq></items>
</channel>
<item rdf:about="https://www.example.go.jp/news/1.html">
<title>造船分野における日米協力覚書の署名</title>
<link>https://www.example.go.jp/news/1.html</link>
<description>国土交通大臣が覚書に署名しました。</description>
<dc:date>2025-10-28T15:00:00+09:00</dc:date>
</item>
</rdf:RDF>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Press releases</title>
<id>https://trade.example.gov/feed</id>
<updated>2026-02-05T12:00:00Z</updated>
<entry>
<title type="html">Fact Sheet: &lt;em&gt;Critical Minerals&lt;/em&gt; Investment</title>
<link rel="alternate" href="https://trade.example.gov/releases/critical-minerals"/>
<id>tag:trade.example.gov,2026:1</id>
<published>2026-02-04T21:30:00-05:00</published>
<updated>2026-02-05T10:00:00-05:00</updated>
<summary type="html">&lt;p&gt;The Secretary announced
 &lt;a href="/x"&gt;new projects&lt;/a&gt;.&lt;/p&gt;</summary>
</entry>
<entry>
<title>Statement on the Japan-U.S. tariff agreement</title>
<link href="/releases/tariff-statement"/>
<id>tag:trade.example.gov,2026:2</id>
<updated>2026-01-20T09:00:00Z</updated>
<summary>Implementation of the agreement continues.</summary>
</entry>
</feed>
"""


def test_an_rss2_feed() -> None:
    entries = parse_feed(RSS2.encode(), url=FEED_URL)
    assert [entry.url for entry in entries] == [
        "https://www.example.go.jp/press/2026/0204_001.html",  # made absolute
        "https://www.example.go.jp/en/press/2026/0203.html",
    ]
    first, second = entries
    assert first.title == "日米重要鉱物投資閣僚会合の開催について"
    assert first.summary == "本日、日米重要鉱物投資閣僚会合を開催しました。"
    assert first.published == date(2026, 2, 4)  # 08:00 +0900 is still 4 February in Tokyo
    assert first.language == "ja"
    assert second.language == "en"
    assert second.published == date(2026, 2, 3)


def test_an_rss1_feed() -> None:
    (entry,) = parse_feed(RSS1.encode(), url="https://www.example.go.jp/rss/")
    assert entry.url == "https://www.example.go.jp/news/1.html"
    assert entry.title == "造船分野における日米協力覚書の署名"
    assert entry.published == date(2025, 10, 28)
    assert entry.language == "ja"


def test_an_atom_feed() -> None:
    first, second = parse_feed(ATOM.encode(), url="https://trade.example.gov/feed")
    assert first.url == "https://trade.example.gov/releases/critical-minerals"
    assert first.title == "Fact Sheet: Critical Minerals Investment"
    assert first.summary == "The Secretary announced new projects."
    assert first.published == date(2026, 2, 4)  # published, not updated
    assert first.language == "en"
    assert second.url == "https://trade.example.gov/releases/tariff-statement"
    assert second.published == date(2026, 1, 20)  # updated when there is no published


def test_a_shift_jis_feed() -> None:
    feed = RSS2.replace('encoding="UTF-8"', 'encoding="Shift_JIS"').encode("cp932")
    entries = parse_feed(feed, url=FEED_URL)
    assert entries[0].title == "日米重要鉱物投資閣僚会合の開催について"


def test_a_feed_with_one_broken_entry_keeps_the_good_ones() -> None:
    broken = RSS2.replace(
        "<item>\n<title>US-Japan",
        "<item><title>Tariffs & <b>duties</title><link>https://x.example/bad</item>\n"
        "<item>\n<title>US-Japan",
    )
    entries = parse_feed(broken.encode(), url=FEED_URL)
    urls = [entry.url for entry in entries]
    assert "https://www.example.go.jp/press/2026/0204_001.html" in urls
    assert "https://www.example.go.jp/en/press/2026/0203.html" in urls


def test_entries_without_a_usable_link_are_dropped() -> None:
    feed = RSS2.replace(
        "<link>/press/2026/0204_001.html</link>", "<link>javascript:alert(1)</link>"
    )
    entries = parse_feed(feed.encode(), url=FEED_URL)
    assert [entry.url for entry in entries] == ["https://www.example.go.jp/en/press/2026/0203.html"]


def test_an_empty_feed_has_no_entries() -> None:
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert parse_feed(empty.encode(), url=FEED_URL) == []


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"<html><head><title>News</title></head><body><p>Not a feed.</p></body></html>",
        b"\x00\x01\x02\x03 garbage \xff\xfe",
        b'{"items": []}',
        b"<?xml version='1.0'?><note><to>you</to></note>",
    ],
    ids=["empty", "html", "binary", "json", "other-xml"],
)
def test_a_document_that_is_no_feed_is_a_feed_error(content: bytes) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(content, url=FEED_URL)
    assert caught.value.url == FEED_URL
    assert FEED_URL in str(caught.value)


def test_a_feed_is_fetched_and_parsed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/rss.xml").respond_with_data(
        ATOM.encode(), content_type="application/atom+xml"
    )
    policy = FetchPolicy(allow_private=True, host_interval_seconds=0.0)
    with Fetcher(policy) as fetcher:
        fetched = fetcher.get(httpserver.url_for("/rss.xml"))
    entries = parse_feed(fetched.content, url=fetched.url)
    assert len(entries) == 2


# --- sitemaps ------------------------------------------------------------------------------

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://www.example.go.jp/press/1.html</loc><lastmod>2026-02-04</lastmod></url>
<url><image:image><image:loc>https://img.example/1.png</image:loc></image:image>
<loc>https://www.example.go.jp/press/2.html</loc></url>
<url><loc>/relative.html</loc><lastmod>2026-01-05T10:00:00+09:00</lastmod></url>
<url><loc>ftp://www.example.go.jp/file</loc></url>
</urlset>
"""

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url>
<loc>https://news.example/world/2026/02/04/minerals</loc>
<lastmod>2026-02-06T00:00:00Z</lastmod>
<news:news>
<news:publication><news:name>News Example</news:name><news:language>en</news:language>
</news:publication>
<news:publication_date>2026-02-04T09:30:00-05:00</news:publication_date>
<news:title>US and Japan hold minerals ministerial</news:title>
</news:news>
</url>
</urlset>
"""

SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/sitemap-2026-02.xml</loc><lastmod>2026-02-06</lastmod></sitemap>
</sitemapindex>
"""

SITEMAP_URL = "https://www.example.go.jp/sitemap.xml"


def test_a_urlset_sitemap() -> None:
    entries = parse_sitemap(SITEMAP.encode(), url=SITEMAP_URL)
    assert [(entry.url, entry.published) for entry in entries] == [
        ("https://www.example.go.jp/press/1.html", date(2026, 2, 4)),
        ("https://www.example.go.jp/press/2.html", None),  # the image's loc is not the page's
        ("https://www.example.go.jp/relative.html", date(2026, 1, 5)),
    ]
    assert {entry.kind for entry in entries} == {"page"}


def test_a_news_sitemap_prefers_the_publication_date() -> None:
    (entry,) = parse_sitemap(NEWS_SITEMAP.encode(), url="https://news.example/news.xml")
    assert entry.url == "https://news.example/world/2026/02/04/minerals"
    assert entry.published == date(2026, 2, 4)


def test_a_sitemap_index_lists_sitemaps() -> None:
    (entry,) = parse_sitemap(SITEMAP_INDEX.encode(), url="https://news.example/sitemap.xml")
    assert (entry.url, entry.kind, entry.published) == (
        "https://news.example/sitemap-2026-02.xml",
        "sitemap",
        date(2026, 2, 6),
    )


def test_a_gzipped_sitemap() -> None:
    entries = parse_sitemap(gzip.compress(SITEMAP.encode()), url=SITEMAP_URL)
    assert len(entries) == 3


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/&c;</loc></url></urlset>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&secret;</loc></url></urlset>
"""


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (BILLION_LAUGHS, "DTD"),
        (EXTERNAL_ENTITY, "DTD"),
        (b"<html><body>not a sitemap</body></html>", "not <urlset>"),
        (b"<urlset><url><loc>https://x.example/</loc>", "not well-formed"),
        (b"", "not well-formed"),
        (b"\x1f\x8b\x08\x00broken gzip", "gzip"),
        (RSS2.encode(), "<rss>"),
    ],
    ids=["entities", "external-entity", "html", "truncated", "empty", "bad-gzip", "rss"],
)
def test_a_document_that_is_no_sitemap_is_a_feed_error(content: bytes, why: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_sitemap(content, url=SITEMAP_URL)
    assert why in str(caught.value)
