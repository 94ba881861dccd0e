"""Helpers of the monitoring tests: settings that reach the local test server, and pages.

The articles are written for these tests (short made-up reports in English and Japanese around
real follow-up topics); no news text is copied.
"""

from __future__ import annotations

from html import escape

from sqlalchemy import Engine

from pledgewatch.settings import Settings

ARTICLE_EN = (
    "Japan and the United States held the first meeting of their shipbuilding working group in "
    "Washington on Tuesday. Officials from the transport ministry and the Commerce Department "
    "discussed how to raise ship construction capacity in both countries. They also talked about "
    "training welders and engineers, and about using robots and artificial intelligence in "
    "shipyards. The group was set up under a memorandum of cooperation signed in Tokyo last "
    "October. A second meeting is planned for the summer, the ministry said."
)
ARTICLE_JA = (
    "日米両政府は17日、造船分野の作業部会の初会合を米ワシントンで開いた。国土交通省と米商務省の"
    "担当者が出席し、両国の船舶建造能力を高める方策について議論した。溶接工や技術者の育成、造船所での"
    "ロボットや人工知能の活用についても意見を交わした。作業部会は昨年10月に東京で署名された協力覚書に"
    "基づいて設けられた。次回の会合は夏に開く予定だという。"
)
OTHER_EN = (
    "The finance ministers of the Group of Seven met online to discuss supply chains for "
    "critical minerals. They agreed to share information on stockpiles and to coordinate "
    "financing for new processing plants outside China. Australia and several producing "
    "countries joined part of the meeting. A statement will follow next week."
)
OTHER_JA = (
    "政府は2026年度予算案を閣議決定した。防衛関係費は過去最大となり、長射程ミサイルの取得費などが"
    "盛り込まれた。財務省によると、歳出総額も前年度を上回った。予算案は来年の通常国会に提出される。"
)


def settings_for(engine: Engine, **overrides: object) -> Settings:
    """Settings on a test database: the local test server may be fetched, without delay."""
    values: dict[str, object] = {
        "database_url": engine.url.render_as_string(hide_password=False),
        "allow_private_networks": True,
        "fetch_host_interval_seconds": 0.0,
        "fetch_timeout_seconds": 5.0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def page(title: str, text: str, *, lang: str = "en", site: str = "Example News") -> str:
    """A news page: navigation, the article, a ranking sidebar and a footer."""
    paragraphs = "".join(
        f"<p>{escape(part.strip())}。</p>" if lang == "ja" else f"<p>{escape(part.strip())}.</p>"
        for part in text.replace("。", ".").split(".")
        if part.strip()
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | {escape(site)}</title>"
        '<meta property="article:published_time" content="2026-02-19T10:00:00+09:00"></head>'
        f'<body><header><div class="logo">{escape(site)}</div><nav><ul>'
        '<li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>'
        '<li><a href="/business">Business</a></li></ul></nav></header>'
        f"<main><article><h1>{escape(title)}</h1>{paragraphs}</article></main>"
        '<aside><h2>Most read</h2><ol><li><a href="/x/1">Yen weakens</a></li>'
        '<li><a href="/x/2">Spring wage talks</a></li></ol></aside>'
        f"<footer><p>Copyright 2026 {escape(site)}. All rights reserved.</p></footer>"
        "</body></html>"
    )


def rss(title: str, entries: list[tuple[str, str]]) -> str:
    """An RSS 2.0 feed of (title, link) entries."""
    items = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        "<pubDate>Thu, 19 Feb 2026 10:00:00 +0900</pubDate></item>"
        for t, link in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.com/</link>"
        f"<description>{escape(title)}</description>{items}</channel></rss>"
    )
