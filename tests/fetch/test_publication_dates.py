"""text/dates.py: the dates written in Japanese and English datelines, meta values and feeds."""

from __future__ import annotations

from datetime import date

import pytest

from pledgewatch.text.dates import find_publication_date, parse_date

REFERENCE = date(2026, 2, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO and numeric forms
        ("2026-02-04", date(2026, 2, 4)),
        ("2026-02-04T09:30:00+09:00", date(2026, 2, 4)),
        ("2026-02-04T23:30:00-05:00", date(2026, 2, 4)),  # the publisher's day, not UTC's
        ("2026/2/4", date(2026, 2, 4)),
        ("2026/02/04 10:30", date(2026, 2, 4)),
        ("2026.02.04", date(2026, 2, 4)),
        # Japanese
        ("2026年2月4日", date(2026, 2, 4)),
        ("2026年 2月 4日（水）", date(2026, 2, 4)),
        ("２０２６年２月４日", date(2026, 2, 4)),
        ("令和8年2月4日", date(2026, 2, 4)),
        ("令和８年２月４日", date(2026, 2, 4)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("㋿8年2月4日", date(2026, 2, 4)),
        ("二〇二六年二月四日", date(2026, 2, 4)),
        ("令和七年十月二十八日", date(2025, 10, 28)),
        ("公開日：2026年2月4日 18時30分", date(2026, 2, 4)),
        # English
        ("February 4, 2026", date(2026, 2, 4)),
        ("Wednesday, February 4th, 2026", date(2026, 2, 4)),
        ("4 Feb 2026", date(2026, 2, 4)),
        ("4th of February 2026", date(2026, 2, 4)),
        ("Feb. 4, 2026", date(2026, 2, 4)),
        ("Sept. 16, 2025", date(2025, 9, 16)),
        ("OCTOBER 28, 2025", date(2025, 10, 28)),
        ("Published: 28 October 2025 | 10:05 GMT", date(2025, 10, 28)),
        # RFC 2822 (feeds, HTTP headers)
        ("Wed, 04 Feb 2026 08:00:00 +0900", date(2026, 2, 4)),
        ("Tue, 28 Oct 2025 05:30:00 GMT", date(2025, 10, 28)),
    ],
)
def test_parse_date_reads_written_dates(text: str, expected: date) -> None:
    assert parse_date(text, reference=REFERENCE) == expected
    assert parse_date(text) == expected  # a full date needs no reference


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("2月4日", date(2026, 2, 10), date(2026, 2, 4)),
        ("12月28日", date(2026, 2, 10), date(2025, 12, 28)),  # last year's December
        ("2月12日", date(2026, 2, 10), date(2026, 2, 12)),  # a couple of days ahead is allowed
        ("3月1日", date(2026, 2, 10), date(2025, 3, 1)),  # weeks ahead means last year
        ("２月４日", date(2026, 2, 10), date(2026, 2, 4)),
        ("Feb. 4", date(2026, 2, 10), date(2026, 2, 4)),
        ("December 28", date(2026, 2, 10), date(2025, 12, 28)),
        ("Sept. 16", date(2026, 2, 10), date(2025, 9, 16)),
        ("2月29日", date(2026, 3, 5), date(2024, 2, 29)),  # the last leap day before
    ],
)
def test_a_yearless_date_takes_its_year_from_the_reference(
    text: str, reference: date, expected: date
) -> None:
    assert parse_date(text, reference=reference) == expected


@pytest.mark.parametrize("text", ["2月4日", "Feb. 4"])
def test_a_yearless_date_without_reference_is_not_guessed(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "3分の2",  # a fraction, not a date
        "2/3 of the funds",
        "you may 4 times",  # the verb, not the month
        "2026-02-30",  # no such day
        "2026年度",  # a fiscal year, no day
        "2026年2月",  # a month, no day
        "版番号 1.2.3",
        "第13条第2項",
        "令和99年13月1日",
    ],
)
def test_parse_date_refuses_what_is_not_a_date(text: str) -> None:
    assert parse_date(text, reference=REFERENCE) is None


def test_the_first_written_date_wins() -> None:
    assert parse_date("2026年2月4日（2025年10月28日の合意に基づく）") == date(2026, 2, 4)
    assert parse_date("Updated March 2, 2026; first published February 4, 2026") == date(2026, 3, 2)


def test_find_publication_date_reads_a_japanese_dateline() -> None:
    article = (
        "日米、重要鉱物の投資閣僚会合を開催\n"
        "2026年2月4日 18時30分\n"
        "日米両政府は4日、昨年10月28日の首脳会談で署名した枠組みに基づく閣僚会合を開いた。"
    )
    assert find_publication_date(article, reference=REFERENCE) == date(2026, 2, 4)


def test_find_publication_date_reads_an_english_dateline() -> None:
    article = (
        "US and Japan hold first critical minerals ministerial\n"
        "By Staff Reporter | Feb. 4, 2026\n"
        "WASHINGTON - Ministers met on Wednesday under the framework signed on October 28, 2025."
    )
    assert find_publication_date(article) == date(2026, 2, 4)


def test_find_publication_date_ignores_dates_deep_in_the_body() -> None:
    body = "日米両政府は重要鉱物の協力を確認した。" * 40  # about 800 characters without a date
    assert find_publication_date(body + "2026年2月4日に発表された。") is None
    assert find_publication_date("No dateline here. " * 40 + "February 4, 2026") is None


def test_find_publication_date_with_a_yearless_japanese_dateline() -> None:
    article = "【ワシントン共同】米商務省は2月4日、日本との投資協議の結果を公表した。"
    assert find_publication_date(article, reference=date(2026, 2, 5)) == date(2026, 2, 4)
