"""Date arithmetic: eras, Japan's fiscal year, periods and period ends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from pledgewatch.errors import TemporalExpressionError
from pledgewatch.text.calendar import (
    Season,
    add_business_days,
    add_days,
    add_months,
    add_years,
    end_of_fiscal_quarter,
    end_of_month,
    end_of_quarter,
    end_of_season,
    end_of_year,
    era_to_gregorian,
    fiscal_year_end,
    fiscal_year_of,
)


@pytest.mark.parametrize(
    ("era", "year", "gregorian"),
    [
        ("令和", 7, 2025),
        ("令和", 1, 2019),
        ("令和", 11, 2029),
        ("平成", 31, 2019),
        ("平成", 1, 1989),
        ("平成", 32, 2020),  # written before the era change; accepted on purpose
        ("昭和", 64, 1989),
        ("昭和", 1, 1926),
    ],
)
def test_era_to_gregorian(era: str, year: int, gregorian: int) -> None:
    assert era_to_gregorian(era, year) == gregorian


@pytest.mark.parametrize(("era", "year"), [("大正", 5), ("明治", 1), ("令和", 0), ("平成", -1)])
def test_era_to_gregorian_rejects_unknown_era_and_year_below_one(era: str, year: int) -> None:
    with pytest.raises(TemporalExpressionError):
        era_to_gregorian(era, year)


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2025, 10, 28), 2025),
        (date(2026, 2, 1), 2025),
        (date(2026, 3, 31), 2025),
        (date(2026, 4, 1), 2026),
        (date(2025, 4, 1), 2025),
        (date(2025, 1, 1), 2024),
    ],
)
def test_fiscal_year_of(day: date, fy: int) -> None:
    assert fiscal_year_of(day) == fy


def test_fiscal_year_end() -> None:
    assert fiscal_year_end(2025) == date(2026, 3, 31)
    assert fiscal_year_end(fiscal_year_of(date(2026, 3, 31))) == date(2026, 3, 31)
    assert fiscal_year_end(fiscal_year_of(date(2026, 4, 1))) == date(2027, 3, 31)


@pytest.mark.parametrize(
    ("quarter", "end"),
    [
        (1, date(2026, 6, 30)),
        (2, date(2026, 9, 30)),
        (3, date(2026, 12, 31)),
        (4, date(2027, 3, 31)),
    ],
)
def test_end_of_fiscal_quarter(quarter: int, end: date) -> None:
    assert end_of_fiscal_quarter(2026, quarter) == end


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 10, 28), 6, date(2026, 4, 28)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
    ],
)
def test_add_months_clips_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_days_and_years() -> None:
    assert add_days(date(2025, 10, 28), 180) == date(2026, 4, 26)
    assert add_days(date(2025, 10, 28), -28) == date(2025, 9, 30)
    assert add_years(date(2025, 10, 28), 3) == date(2028, 10, 28)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2025, 10, 31), 1, date(2025, 11, 3)),  # Friday + 1 skips the weekend
        (date(2025, 10, 28), 10, date(2025, 11, 11)),  # Tuesday + 10: two weekends skipped
        (date(2025, 11, 1), 1, date(2025, 11, 3)),  # from a Saturday
        (date(2025, 11, 1), 5, date(2025, 11, 7)),  # Saturday + 5 ends on Friday, not Saturday
        (date(2025, 11, 2), 10, date(2025, 11, 14)),  # Sunday + 10
        (date(2025, 10, 27), 5, date(2025, 11, 3)),  # Monday + 5 is the next Monday
        (date(2025, 10, 28), 0, date(2025, 10, 28)),
        (date(2025, 11, 3), -1, date(2025, 10, 31)),  # Monday - 1 is the Friday before
        (date(2025, 11, 11), -10, date(2025, 10, 28)),
    ],
)
def test_add_business_days_skips_weekends(start: date, days: int, expected: date) -> None:
    assert add_business_days(start, days) == expected


def test_add_business_days_matches_a_day_by_day_count() -> None:
    for offset in range(14):
        start = date(2025, 10, 20) + timedelta(days=offset)
        for days in range(23):
            current, left = start, days
            while left:
                current = add_days(current, 1)
                left -= current.weekday() < 5
            assert add_business_days(start, days) == current, (start, days)


@pytest.mark.parametrize(
    ("year", "month", "end"),
    [
        (2026, 2, date(2026, 2, 28)),
        (2028, 2, date(2028, 2, 29)),
        (2026, 4, date(2026, 4, 30)),
        (2026, 12, date(2026, 12, 31)),
    ],
)
def test_end_of_month(year: int, month: int, end: date) -> None:
    assert end_of_month(year, month) == end


@pytest.mark.parametrize(
    ("quarter", "end"),
    [
        (1, date(2026, 3, 31)),
        (2, date(2026, 6, 30)),
        (3, date(2026, 9, 30)),
        (4, date(2026, 12, 31)),
    ],
)
def test_end_of_quarter(quarter: int, end: date) -> None:
    assert end_of_quarter(2026, quarter) == end


def test_end_of_year() -> None:
    assert end_of_year(2026) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("season", "end"),
    [
        ("spring", date(2026, 5, 31)),
        ("summer", date(2026, 8, 31)),
        ("autumn", date(2026, 11, 30)),
        ("winter", date(2027, 2, 28)),
    ],
)
def test_end_of_season(season: Season, end: date) -> None:
    assert end_of_season(2026, season) == end


@pytest.mark.parametrize(
    "call",
    [
        lambda: end_of_month(2026, 13),
        lambda: end_of_month(2026, 0),
        lambda: end_of_quarter(2026, 5),
        lambda: end_of_fiscal_quarter(2026, 0),
    ],
)
def test_out_of_range_arguments_raise_value_error(call: Callable[[], date]) -> None:
    with pytest.raises(ValueError, match="there is no"):
        call()
