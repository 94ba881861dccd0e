"""Amounts of money with their currency, as written, in English and Japanese."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pledgewatch.capture.money import find_money

B = Decimal(10) ** 9


@pytest.mark.parametrize(
    ("text", "amount", "currency", "written"),
    [
        ("Japan will invest $550 billion in the United States.", 550 * B, "USD", "$550 billion"),
        ("up to US $ 1 billion", B, "USD", "US $ 1 billion"),
        ("around US$1billion for 2008", B, "USD", "US$1billion"),
        ("up to $3bn per year", 3 * B, "USD", "$3bn"),
        ("USD $6.5 billion", Decimal("6500000000"), "USD", "USD $6.5 billion"),
        ("the $829 million target", Decimal("829000000"), "USD", "$829 million"),
        ("550 billion dollars", 550 * B, "USD", "550 billion dollars"),
        ("EUR 10 million", Decimal("10000000"), "EUR", "EUR 10 million"),
        ("5,500億米ドルの戦略的投資", 550 * B, "USD", "5,500億米ドル"),
        ("５５００億ドル（約８４兆円）の対米投資", 550 * B, "USD", "５５００億ドル"),
        ("1兆円規模の基金", Decimal(10) ** 12, "JPY", "1兆円"),
        ("1兆2000億円", Decimal("1200000000000"), "JPY", "1兆2000億円"),
        ("【最大１０００億ドル】", 100 * B, "USD", "１０００億ドル"),
        ("十億円", B, "JPY", "十億円"),
        ("USD 332 billion for power", 332 * B, "USD", "USD 332 billion"),
        ("Japan's previous $550 billion", 550 * B, "USD", "$550 billion"),  # not "us $550"
        ("(about ¥80 trillion)", 80_000 * B, "JPY", "¥80 trillion"),
        ("1兆5千億円の予算", Decimal("1500000000000"), "JPY", "1兆5千億円"),
        ("千五百億円", 150 * B, "JPY", "千五百億円"),
        ("３９３４・５億ドル", Decimal("393450000000"), "USD", "３９３４・５億ドル"),
        ("１．５兆円", Decimal("1500000000000"), "JPY", "１．５兆円"),
        # a range is one amount, read at its upper end, with the whole range as its text
        ("~US$390-400bn in total", 400 * B, "USD", "US$390-400bn"),
        ("$1-2 billion", 2 * B, "USD", "$1-2 billion"),
        ("$1 billion to $2 billion", 2 * B, "USD", "$1 billion to $2 billion"),
        ("between $1 billion and $2 billion", 2 * B, "USD", "$1 billion and $2 billion"),
        ("1～2兆円", 2000 * B, "JPY", "1～2兆円"),
        ("3,000億～4,000億円", 400 * B, "JPY", "3,000億～4,000億円"),
        ("1兆円～2兆円", 2000 * B, "JPY", "1兆円～2兆円"),
    ],
)
def test_amounts(text: str, amount: Decimal, currency: str, written: str) -> None:
    (money,) = find_money(text)
    assert money.amount == amount
    assert money.currency == currency
    assert money.text == written


@pytest.mark.parametrize(
    "text",
    [
        "saving some 14 million lives",
        "by 25% by 2010",
        "総議員の3分の2以上",
        "第3四半期",
        "数千億円規模",  # several hundred billion: no amount
        "十数億円",
        "billions of dollars",
        "2025～2026年",
    ],
)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_a_conversion_in_brackets_is_the_same_money() -> None:
    found = find_money("5500億ドル（約84兆円）と、別に1兆円")
    assert [m.text for m in found] == ["5500億ドル", "1兆円"]


def test_a_change_from_one_amount_to_another_is_not_a_range() -> None:
    found = find_money("cut the gap from $5 billion to $3 billion")
    assert [m.text for m in found] == ["$5 billion", "$3 billion"]
