"""Deadline expressions in Japanese and English resolved to dates (reference 2025-10-28)."""

from __future__ import annotations

from datetime import date

import pytest

from pledgewatch.errors import TemporalExpressionError
from pledgewatch.text.temporal import Precision, ResolvedDate, resolve_deadline

REFERENCE = date(2025, 10, 28)  # a Tuesday; FY2025

D, M, Q, H, FY, Y = (
    Precision.DAY,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.HALF,
    Precision.FISCAL_YEAR,
    Precision.YEAR,
)

CASES: list[tuple[str, date, Precision]] = [
    # relative periods, English
    ("within 180 days", date(2026, 4, 26), D),
    ("within six months", date(2026, 4, 28), D),
    ("within 45 days", date(2025, 12, 12), D),
    ("within forty-five days", date(2025, 12, 12), D),
    ("within ninety-nine days", date(2026, 2, 4), D),
    ("within one hundred eighty (180) days", date(2026, 4, 26), D),
    ("within 3 years", date(2028, 10, 28), D),
    ("within two weeks", date(2025, 11, 11), D),
    ("within 10 business days", date(2025, 11, 11), D),
    ("within a month", date(2025, 11, 28), D),
    ("180 days", date(2026, 4, 26), D),
    ("in six months", date(2026, 4, 28), D),
    ("within 180 days after the entry into force", date(2026, 4, 26), D),
    # relative periods, Japanese
    ("180日以内", date(2026, 4, 26), D),
    ("6か月以内", date(2026, 4, 28), D),
    ("6ヶ月以内", date(2026, 4, 28), D),
    ("6カ月以内", date(2026, 4, 28), D),
    ("6箇月以内", date(2026, 4, 28), D),
    ("六か月以内", date(2026, 4, 28), D),
    ("45日以内", date(2025, 12, 12), D),
    ("四十五日以内", date(2025, 12, 12), D),
    ("百八十日以内", date(2026, 4, 26), D),
    ("3年以内", date(2028, 10, 28), D),
    ("2週間以内", date(2025, 11, 11), D),
    ("10営業日以内", date(2025, 11, 11), D),
    ("１０営業日以内に", date(2025, 11, 11), D),
    ("半年以内", date(2026, 4, 28), D),
    ("署名の日から180日以内", date(2026, 4, 26), D),
    ("発効後6か月以内", date(2026, 4, 28), D),
    # stated days
    ("January 19, 2029", date(2029, 1, 19), D),
    ("until January 19, 2029", date(2029, 1, 19), D),
    ("by Jan. 19, 2029", date(2029, 1, 19), D),
    ("Sept. 16, 2026", date(2026, 9, 16), D),
    ("19 January 2029", date(2029, 1, 19), D),
    ("16th of September 2026", date(2026, 9, 16), D),
    ("2029-01-19", date(2029, 1, 19), D),
    ("2029年1月19日", date(2029, 1, 19), D),
    ("2029年1月19日まで", date(2029, 1, 19), D),
    ("２０２９年１月１９日\uff08金\uff09", date(2029, 1, 19), D),  # full-width, weekday
    ("令和11年1月19日", date(2029, 1, 19), D),
    ("令和元年5月1日", date(2019, 5, 1), D),
    ("令和十一年一月十九日", date(2029, 1, 19), D),
    ("来年1月1日", date(2026, 1, 1), D),
    ("Sept. 16", date(2026, 9, 16), D),
    # months
    ("by March 2026", date(2026, 3, 31), M),
    ("by the end of March 2026", date(2026, 3, 31), M),
    ("2026年3月末", date(2026, 3, 31), M),
    ("2026年3月まで", date(2026, 3, 31), M),
    ("２０２６年 ３月末までに", date(2026, 3, 31), M),
    ("二〇二六年三月末", date(2026, 3, 31), M),
    ("end of March", date(2026, 3, 31), M),
    ("end of October", date(2025, 10, 31), M),
    ("3月末", date(2026, 3, 31), M),
    ("遅くとも2026年3月末までに", date(2026, 3, 31), M),
    # early / mid / late parts of a month
    ("2026年3月上旬", date(2026, 3, 10), D),
    ("2026年3月中旬", date(2026, 3, 20), D),
    ("2026年3月下旬", date(2026, 3, 31), D),
    ("early March 2026", date(2026, 3, 10), D),
    ("mid-March 2026", date(2026, 3, 20), D),
    ("late March 2026", date(2026, 3, 31), D),
    ("late February 2028", date(2028, 2, 29), D),
    # quarters
    ("by the end of the first quarter of 2026", date(2026, 3, 31), Q),
    ("Q1 2026", date(2026, 3, 31), Q),
    ("2026 Q3", date(2026, 9, 30), Q),
    ("2026年第1四半期", date(2026, 3, 31), Q),
    ("2026年度第1四半期", date(2026, 6, 30), Q),
    ("Q4 FY2025", date(2026, 3, 31), Q),
    # calendar years
    ("by the end of 2026", date(2026, 12, 31), Y),
    ("2026年末", date(2026, 12, 31), Y),
    ("2026年中", date(2026, 12, 31), Y),
    ("by 2026", date(2026, 12, 31), Y),
    ("in 2026", date(2026, 12, 31), Y),
    ("by the end of next year", date(2026, 12, 31), Y),
    ("来年末", date(2026, 12, 31), Y),
    ("来年中", date(2026, 12, 31), Y),
    ("年内", date(2025, 12, 31), Y),
    ("年内に", date(2025, 12, 31), Y),
    ("by the end of this year", date(2025, 12, 31), Y),
    ("by the end of the year", date(2025, 12, 31), Y),
    ("今年中", date(2025, 12, 31), Y),
    ("来年", date(2026, 12, 31), Y),
    # fiscal years (April-March)
    ("2025年度末", date(2026, 3, 31), FY),
    ("2025年度中", date(2026, 3, 31), FY),
    ("2025年度内", date(2026, 3, 31), FY),
    ("令和7年度末", date(2026, 3, 31), FY),
    ("令和8年度中", date(2027, 3, 31), FY),
    ("平成32年度末", date(2021, 3, 31), FY),
    ("今年度末", date(2026, 3, 31), FY),
    ("今年度内", date(2026, 3, 31), FY),
    ("年度内", date(2026, 3, 31), FY),
    ("来年度末", date(2027, 3, 31), FY),
    ("来年度中", date(2027, 3, 31), FY),
    ("FY2025", date(2026, 3, 31), FY),
    ("FY2025/26", date(2026, 3, 31), FY),
    ("by the end of FY2025", date(2026, 3, 31), FY),
    ("by the end of fiscal year 2025", date(2026, 3, 31), FY),
    ("by the end of the fiscal year", date(2026, 3, 31), FY),
    ("by the end of next fiscal year", date(2027, 3, 31), FY),
    ("end of Japan's fiscal 2025", date(2026, 3, 31), FY),
    ("end of Japan\u2019s fiscal 2025", date(2026, 3, 31), FY),
    # seasons
    ("来年春", date(2026, 5, 31), M),
    ("来春", date(2026, 5, 31), M),
    ("next spring", date(2026, 5, 31), M),
    ("今年秋", date(2025, 11, 30), M),
    ("this autumn", date(2025, 11, 30), M),
    ("this fall", date(2025, 11, 30), M),
    ("夏", date(2026, 8, 31), M),
    ("冬", date(2026, 2, 28), M),
    ("winter", date(2026, 2, 28), M),
    ("spring 2026", date(2026, 5, 31), M),
    ("2026年春", date(2026, 5, 31), M),
    ("2026年春を目途に", date(2026, 5, 31), M),
    # parts of a year: the end of the part; halves and the middle of a year are halves
    ("by mid-2026", date(2026, 6, 30), H),
    ("by the middle of next year", date(2026, 6, 30), H),
    ("mid-year", date(2026, 6, 30), H),
    ("the first half of 2026", date(2026, 6, 30), H),
    ("by the end of the first half of 2026", date(2026, 6, 30), H),
    ("the second half of 2026", date(2026, 12, 31), H),
    ("the latter half of next year", date(2026, 12, 31), H),
    ("the first half of the year", date(2026, 6, 30), H),  # 2025's is past on the reference
    ("the first half of fiscal 2026", date(2026, 9, 30), H),
    ("second half of FY2026", date(2027, 3, 31), H),
    ("H1 2026", date(2026, 6, 30), H),
    ("2026 H2", date(2026, 12, 31), H),
    ("FY2026 H1", date(2026, 9, 30), H),
    ("early 2027", date(2027, 3, 31), Q),
    ("beginning of 2027", date(2027, 3, 31), Q),
    ("early next year", date(2026, 3, 31), Q),
    ("late 2026", date(2026, 12, 31), Q),
    ("2026年上半期", date(2026, 6, 30), H),
    ("2026年の上半期", date(2026, 6, 30), H),
    ("2026年下半期中", date(2026, 12, 31), H),
    ("2026年度上期", date(2026, 9, 30), H),
    ("令和8年度下半期", date(2027, 3, 31), H),
    ("今年度下期", date(2026, 3, 31), H),
    ("上期", date(2026, 9, 30), H),  # bare: the fiscal half, the first not yet past
    ("下半期", date(2026, 3, 31), H),
    ("来年前半", date(2026, 6, 30), H),
    ("2026年後半", date(2026, 12, 31), H),
    ("年央", date(2026, 6, 30), H),
    ("2026年半ば", date(2026, 6, 30), H),
    ("年度後半", date(2026, 3, 31), H),
    ("2027年初頭", date(2027, 3, 31), Q),
    ("来年初め", date(2026, 3, 31), Q),
    ("年明け", date(2026, 1, 31), M),
    ("年明けまでに", date(2025, 12, 31), Y),  # before the year turns
    ("年内", date(2025, 12, 31), Y),
    ("今年中", date(2025, 12, 31), Y),
]


@pytest.mark.parametrize(("expression", "expected", "precision"), CASES)
def test_resolve_deadline(expression: str, expected: date, precision: Precision) -> None:
    resolved = resolve_deadline(expression, reference=REFERENCE)
    assert (resolved.date, resolved.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("expression", "rule"),
    [
        ("within 180 days", "180 days after 2025-10-28"),
        ("January 19, 2029", "stated date"),
        ("2025年度末", "end of Japan's fiscal year 2025 (April-March)"),
        ("by the end of FY2025", "end of Japan's fiscal year 2025 (April-March)"),
        ("late March 2026", "late March 2026 (21st-31st)"),
        ("2026年3月上旬", "early March 2026 (1st-10th)"),
        ("2026年3月末", "end of March 2026"),
        ("Q1 2026", "end of the first quarter of 2026 (January-March 2026)"),
        ("来年春", "end of spring 2026 (spring = March-May)"),
        ("冬", "end of winter 2025-26 (winter = December-February)"),
        ("by 2026", "end of 2026"),
        ("by mid-2026", "end of the middle (read as the end of the first half) of 2026"),
        ("2026年度上期", "end of the first half of Japan's fiscal year 2026 (April-March)"),
        ("early 2027", "end of the early part (its first quarter) of 2027"),
    ],
)
def test_rule_explains_the_derivation(expression: str, rule: str) -> None:
    assert resolve_deadline(expression, reference=REFERENCE).rule == rule


def test_rule_mentions_business_days_and_the_event() -> None:
    assert "Monday-Friday" in resolve_deadline("10営業日以内", reference=REFERENCE).rule
    rule = resolve_deadline("within 30 days of signature", reference=REFERENCE).rule
    assert rule == "30 days after 2025-10-28, the reference date for 'signature'"


@pytest.mark.parametrize(
    ("expression", "reference", "expected"),
    [
        ("end of March", date(2026, 3, 31), date(2026, 3, 31)),
        ("end of March", date(2026, 4, 1), date(2027, 3, 31)),
        ("by the end of the fiscal year", date(2026, 3, 31), date(2026, 3, 31)),
        ("by the end of the fiscal year", date(2026, 4, 1), date(2027, 3, 31)),
        ("今年度末", date(2026, 1, 10), date(2026, 3, 31)),
        ("年内", date(2026, 1, 10), date(2026, 12, 31)),
        ("this winter", date(2026, 1, 15), date(2026, 2, 28)),
        ("今冬", date(2025, 12, 1), date(2026, 2, 28)),
        ("next winter", date(2026, 1, 15), date(2027, 2, 28)),
        ("winter", date(2026, 3, 5), date(2027, 2, 28)),
        ("within 5 business days", date(2025, 11, 1), date(2025, 11, 7)),
        ("within 2 years", date(2024, 2, 29), date(2026, 2, 28)),
        ("within six months", date(2025, 8, 31), date(2026, 2, 28)),
        ("年央", date(2025, 3, 1), date(2025, 6, 30)),
        ("年明け", date(2025, 1, 10), date(2025, 1, 31)),
        ("上期", date(2025, 5, 1), date(2025, 9, 30)),
    ],
)
def test_reference_dependent_expressions(expression: str, reference: date, expected: date) -> None:
    assert resolve_deadline(expression, reference=reference).date == expected


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("3分の2", "a fraction, not a date or period"),
        ("2/3", "a fraction, not a date or period"),
        ("as soon as possible", "no date or period in the expression"),
        ("速やかに", "no date or period in the expression"),
        ("", "the expression is empty"),
        ("   ", "the expression is empty"),
        ("2026年13月末", "there is no month 13"),
        ("2029年2月30日", "day is out of range for month"),
        ("2026年第5四半期", "there is no quarter 5; quarters are 1-4"),
        ("令和0年5月1日", "an era year starts at 1 (元年)"),
        ("FY2025/27", "2025/27 is not one fiscal year"),
    ],
)
def test_errors_carry_the_reason(expression: str, reason: str) -> None:
    with pytest.raises(TemporalExpressionError) as raised:
        resolve_deadline(expression, reference=REFERENCE)
    assert raised.value.expression == expression
    assert raised.value.reason == reason


@pytest.mark.parametrize(
    "expression",
    [
        "by Monday",
        "前半",  # a part of no named year
        "半ば",
        "within 30 days of March 1",  # counted from a date inside the expression
        "来年から3年以内",
        "within twenty (21) days",  # words and figures disagree
        "2029年1月19日(月)",  # 2029-01-19 is a Friday
        "within 99999999 days",
        "2026年以内",
        "3年",
        "大正5年",
    ],
)
def test_unresolvable_expressions_raise(expression: str) -> None:
    with pytest.raises(TemporalExpressionError):
        resolve_deadline(expression, reference=REFERENCE)


def test_result_is_a_frozen_value() -> None:
    resolved = resolve_deadline("FY2025", reference=REFERENCE)
    assert resolved == ResolvedDate(
        date(2026, 3, 31), Precision.FISCAL_YEAR, "end of Japan's fiscal year 2025 (April-March)"
    )
    with pytest.raises(AttributeError):
        resolved.rule = "changed"  # type: ignore[misc]
    assert Precision("fiscal_year") is Precision.FISCAL_YEAR
