"""Fixtures of the assessment tests: news items written for these tests, stored as monitoring would.

The texts are the tests' own short reports of real follow-up events (facts only), in English and
Japanese; none is copied from a news source.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine

from pledgewatch.store.db import unit_of_work
from pledgewatch.store.monitor_models import Item, Source, Story


@dataclass(frozen=True)
class News:
    """A test report: what an ingested item holds."""

    title: str
    text: str
    published: date
    language: str
    trust: str = "media"


MINISTERIAL_EN = News(
    "Japan and US hold minerals investment ministerial",
    "WASHINGTON, March 10 - Japan and the United States held their first Mining, Minerals and "
    "Metals Investment Ministerial in Washington on Tuesday. Ministers from both governments "
    "convened with company executives to discuss investment priorities for critical minerals "
    "and rare earths.",
    date(2026, 3, 10),
    "en",
)
MINISTERIAL_JA = News(
    "日米、重要鉱物の投資閣僚会合を開催",
    "日米両政府は10日、ワシントンで鉱業・鉱物・金属投資閣僚会合を初めて開催した。"
    "重要鉱物やレアアースの投資の優先分野について企業関係者と協議した。",
    date(2026, 3, 10),
    "ja",
)
# One event reported in two languages, a day apart: a loan, its amount and its lender.
JBIC_LOAN_EN = News(
    "JBIC to lend $1.2 billion to a US rare earth refinery",
    "The Japan Bank for International Cooperation (JBIC) agreed on March 12 to lend $1.2 billion "
    "to a rare earth refinery in Texas, Japan's Ministry of Economy, Trade and Industry said. It "
    "is the first financing of a project selected under the Japan-US critical minerals framework.",
    date(2026, 3, 12),
    "en",
)
JBIC_LOAN_JA = News(
    "国際協力銀行、米国のレアアース精製事業に12億ドル融資",
    "経済産業省によると、国際協力銀行(JBIC)は12日、米テキサス州のレアアース精製事業に12億ドルを"
    "融資することで合意した。日米の重要鉱物の枠組みで選ばれた事業への初めての資金支援となる。",
    date(2026, 3, 13),
    "ja",
)
SHIPBUILDING_JA = News(
    "日米造船作業部会が初会合",
    "日米両政府は19日、造船協力に関する覚書に基づく日米造船作業部会の初会合を東京で開催した。"
    "造船能力の拡大や人材育成について協議した。",
    date(2026, 2, 19),
    "ja",
)
TARIFF_RULING_JA = News(
    "最高裁、IEEPA関税を違憲と判断",
    "米連邦最高裁は20日、国際緊急経済権限法（IEEPA）に基づく相互関税を違法と判断し、無効とした。"
    "日本への15%の相互関税の根拠が失われた。",
    date(2026, 2, 20),
    "ja",
)
STEEL_DISTRACTOR_EN = News(
    "Nippon Steel to build new mill in Alabama",
    "Nippon Steel said on Wednesday its US Steel unit will build a new electric arc furnace "
    "mill in Alabama, part of investments pledged under its national security agreement with "
    "Washington.",
    date(2025, 12, 3),
    "en",
)

SHIPYARD_SUBSIDY_JA = News(
    "国交省、造船所の設備更新を補助",
    "国土交通省は、国内造船所の設備更新と統合を支援する補助制度を創設すると発表した。"
    "2035年までに国内の船舶建造能力を倍増させる目標に向け、官民で投資を進める。",
    date(2026, 4, 2),
    "ja",
)

REPORTS = {
    "ministerial_en": MINISTERIAL_EN,
    "ministerial_ja": MINISTERIAL_JA,
    "shipbuilding_ja": SHIPBUILDING_JA,
    "tariff_ruling_ja": TARIFF_RULING_JA,
    "steel_distractor_en": STEEL_DISTRACTOR_EN,
    "jbic_loan_en": JBIC_LOAN_EN,
    "jbic_loan_ja": JBIC_LOAN_JA,
    "shipyard_subsidy_ja": SHIPYARD_SUBSIDY_JA,
}

AddNews = Callable[..., int]


@pytest.fixture
def add_news(loaded_engine: Engine) -> AddNews:
    """Store a report (by its key in REPORTS) as an item of a new story, or of ``story``.

    Returns the item id; ``trust`` and ``published`` override the report's.
    """
    counter = iter(range(1, 10_000))

    def add(
        key: str,
        *,
        story: int | None = None,
        url: str | None = None,
        trust: str | None = None,
        published: date | None = None,
    ) -> int:
        news = REPORTS[key]
        number = next(counter)
        address = url or f"https://news.example/{number}"
        with unit_of_work(loaded_engine) as session:
            source = session.query(Source).filter_by(name="test news").one_or_none()
            if source is None:
                source = Source(
                    name="test news",
                    kind="folder",
                    location="test-news",
                    trust="media",
                    interval_minutes=60,
                    created_at=datetime.now(UTC),
                )
                session.add(source)
            if story is None:
                row = Story(title=news.title, first_seen_at=datetime.now(UTC))
                session.add(row)
                session.flush()
                story = row.id
            item = Item(
                story_id=story,
                source=source,
                url=address,
                canonical_url=address,
                title=news.title,
                published=published or news.published,
                fetched_at=datetime.now(UTC),
                language=news.language,
                kind="article",
                trust=trust or news.trust,
                text=news.text,
                content_hash=hashlib.sha256(news.text.encode()).hexdigest(),
            )
            session.add(item)
            session.flush()
            return item.id

    return add
