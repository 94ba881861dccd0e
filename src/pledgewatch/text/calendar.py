"""Date arithmetic for deadlines: Japanese eras, Japan's fiscal year, periods and period ends.

Pure functions over `datetime.date`; no free text is parsed here (temporal.py does that).
Out-of-range arguments raise ValueError (InvalidValue, with the reason in Japanese too), as the
datetime module does, except an era name or era year, which comes from a document and raises
TemporalExpressionError.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from pledgewatch.errors import InvalidValue, TemporalExpressionError

Season = Literal["spring", "summer", "autumn", "winter"]

# The Gregorian year of each era's first year (元年). Era years past an era's end are accepted
# on purpose: plans drafted before an era change keep counting in the old era (平成32年度 = 2020).
ERA_START_YEARS: dict[str, int] = {"令和": 2019, "平成": 1989, "昭和": 1926}

_SEASON_LAST_MONTH: dict[Season, int] = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}


def era_to_gregorian(era: str, year: int) -> int:
    """Return the Gregorian year of year `year` of a Japanese era (令和1 = 令和元年 = 2019)."""
    if era not in ERA_START_YEARS:
        known = ", ".join(ERA_START_YEARS)
        raise TemporalExpressionError(
            f"{era}{year}年",
            f"unknown era {era!r} (known: {known})",
            reason_ja=f"元号 {era!r} は扱えません（扱える元号：{known}）",
        )
    if year < 1:
        raise TemporalExpressionError(
            f"{era}{year}年",
            "an era year starts at 1 (元年)",
            reason_ja="元号の年は1（元年）から始まります",
        )
    return ERA_START_YEARS[era] + year - 1


def fiscal_year_of(d: date) -> int:
    """Return Japan's fiscal year containing `d`; fiscal year N runs 1 April N to 31 March N+1."""
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_end(fy: int) -> date:
    """Return the last day of Japan's fiscal year `fy` (FY2025 ends 2026-03-31)."""
    return date(fy + 1, 3, 31)


def end_of_fiscal_quarter(fy: int, quarter: int) -> date:
    """Return the last day of quarter 1-4 of Japan's fiscal year `fy` (Q1 is April-June)."""
    _check_quarter(quarter)
    if quarter == 4:
        return fiscal_year_end(fy)
    return end_of_month(fy, 3 + 3 * quarter)


def add_days(d: date, days: int) -> date:
    """Return the date `days` calendar days after `d` (before it if negative)."""
    return d + timedelta(days=days)


def add_months(d: date, months: int) -> date:
    """Return the same day of the month `months` later, clipped to the month's last day.

    2025-10-28 + 6 months is 2026-04-28; 2025-08-31 + 6 months is 2026-02-28.
    """
    result: date = d + relativedelta(months=months)
    return result


def add_years(d: date, years: int) -> date:
    """Return the same day `years` later; 29 February becomes 28 February in common years."""
    result: date = d + relativedelta(years=years)
    return result


def add_business_days(d: date, days: int) -> date:
    """Return the date `days` business days after `d` (before it if negative).

    Business days are Monday to Friday: only Saturdays and Sundays are skipped. Public holidays
    (Japanese or any other) are not known here and count as business days.
    """
    step = 1 if days >= 0 else -1
    weeks, rest = divmod(abs(days), 5)
    # Any seven consecutive days hold exactly five weekdays, so whole weeks are jumped; the last
    # stretch is walked so that a count ending on a weekend lands on the weekday before it.
    if weeks and not rest:
        weeks, rest = weeks - 1, 5
    current = d + timedelta(weeks=weeks * step)
    while rest:
        current += timedelta(days=step)
        if current.weekday() < 5:
            rest -= 1
    return current


def end_of_month(year: int, month: int) -> date:
    """Return the last day of `month` (1-12) of `year`."""
    if not 1 <= month <= 12:
        raise InvalidValue(f"there is no month {month}", ja=f"{month}月という月はありません")
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def end_of_quarter(year: int, quarter: int) -> date:
    """Return the last day of calendar quarter 1-4 of `year` (Q1 is January-March)."""
    _check_quarter(quarter)
    return end_of_month(year, 3 * quarter)


def end_of_year(year: int) -> date:
    """Return 31 December of `year`."""
    return date(year, 12, 31)


def end_of_season(year: int, season: Season) -> date:
    """Return the last day of a season of `year`, by meteorological seasons.

    Spring is March-May, summer June-August, autumn September-November; winter `year` is
    December `year` to February `year + 1`, so it ends in the following year.
    """
    if season == "winter":
        return end_of_month(year + 1, 2)
    return end_of_month(year, _SEASON_LAST_MONTH[season])


def _check_quarter(quarter: int) -> None:
    if not 1 <= quarter <= 4:
        raise InvalidValue(
            f"there is no quarter {quarter}; quarters are 1-4",
            ja=f"第{quarter}四半期はありません。四半期は1〜4です",
        )
