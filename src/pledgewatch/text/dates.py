"""Calendar dates written in Japanese or English text: datelines, meta values, feed dates.

Where temporal.py resolves deadline expressions ("within 180 days"), this module reads the
plain day a text is dated: 2026-02-04, 2026/2/4, 2026年2月4日, ２０２６年２月４日, 令和8年2月4日,
二〇二六年二月四日, "February 4, 2026", "4 Feb 2026", RFC 2822 dates, and 2月4日 or "Feb. 4"
whose year comes from a reference date. A date is read as written: "2026-02-04T23:30-05:00" is
4 February, the publisher's day, not converted to another time zone.

The rules are the project's own regular expressions; dateparser is never used on Japanese, and
is not needed for the English forms here. A year-less date is read only when a reference date is
given; without one it is skipped rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta

from pledgewatch.errors import TemporalExpressionError
from pledgewatch.text.calendar import era_to_gregorian

PUBLICATION_WINDOW = 500
"""How many characters from the start of an article find_publication_date looks at."""

YEARLESS_LOOKAHEAD = timedelta(days=3)
"""A year-less date may lie this far after the reference (time zones, embargoed releases)."""

_MIN_YEAR, _MAX_YEAR = 1900, 2199

_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month_name>[A-Za-z]{3,9})\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_D = r"(?<![0-9])"  # no digit before
_ND = r"(?![0-9])"  # no digit after

# Each pattern names its groups year / era / month / month_name / day; a missing year is
# inferred from the reference. Japanese patterns run on text whose kanji numerals were
# turned into digits (see _kanji_numerals).
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"(?P<era>令和|平成|昭和)\s*(?P<era_year>元|[0-9]{1,2})\s*年\s*"
        r"(?P<month>[0-9]{1,2})\s*月\s*(?P<day>[0-9]{1,2})\s*日"
    ),
    re.compile(
        _D + r"(?P<year>[0-9]{4})\s*年\s*(?P<month>[0-9]{1,2})\s*月\s*(?P<day>[0-9]{1,2})\s*日"
    ),
    re.compile(_D + r"(?P<year>[0-9]{4})([-/.])(?P<month>[0-9]{1,2})\2(?P<day>[0-9]{1,2})" + _ND),
    re.compile(_D + r"(?<![年0-9])(?P<month>[0-9]{1,2})\s*月\s*(?P<day>[0-9]{1,2})\s*日"),
    re.compile(
        r"\b"
        + _MONTH
        + r"\s+(?P<day>[0-9]{1,2})"
        + _ORDINAL
        + r"(?:,\s*|\s+)(?P<year>[0-9]{4})"
        + _ND
    ),
    re.compile(
        _D
        + r"\b(?P<day>[0-9]{1,2})"
        + _ORDINAL
        + r"\s+(?:of\s+)?"
        + _MONTH
        + r",?\s+(?P<year>[0-9]{4})"
        + _ND
    ),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>[0-9]{1,2})" + _ORDINAL + r"\b(?![,\s]*[0-9])"),
)

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                 "八": 8, "九": 9}  # fmt: skip
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十]+(?=\s*[年月日])")


def parse_date(text: str, *, reference: date | None = None) -> date | None:
    """Read the date written in `text` (a dateline, a meta value, a feed date), or None.

    When `text` holds several dates, the first one written is returned. A year-less date
    (2月4日, "Feb. 4") takes the year that makes it the most recent such day not after
    `reference` plus a few days; without a reference it is not read.
    """
    for _start, found in _dates_in(_prepare(text), reference):
        return found
    return None


def dates_in(text: str, *, reference: date | None = None) -> list[date]:
    """Every date written in `text`, in the order written (the same forms as parse_date)."""
    return [found for _start, found in _dates_in(_prepare(text), reference)]


def find_publication_date(text: str, *, reference: date | None = None) -> date | None:
    """The first date written in the first ~500 characters of an article, where datelines are.

    None when no date is written there; a later date in the body is not a publication date.
    """
    return parse_date(text[:PUBLICATION_WINDOW], reference=reference)


def _prepare(text: str) -> str:
    """NFKC (full-width digits, ㋿ and ㍻ become ASCII digits and 令和 / 平成), kanji numerals."""
    return _KANJI_NUMBER.sub(_kanji_numeral, unicodedata.normalize("NFKC", text))


def _kanji_numeral(match: re.Match[str]) -> str:
    """二〇二六 -> 2026 (digit by digit); 十二 -> 12, 二十四 -> 24 (positional tens)."""
    numeral = match.group(0)
    if "十" not in numeral:
        return "".join(str(_KANJI_DIGITS[c]) for c in numeral)
    tens, _, units = numeral.partition("十")
    if "十" in units or len(tens) > 1 or len(units) > 1:
        return numeral
    value = (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[units] if units else 0)
    return str(value)


def _dates_in(text: str, reference: date | None) -> Iterator[tuple[int, date]]:
    """Every readable date in `text`, in the order written; at one place the longest wins."""
    candidates: list[tuple[int, int, re.Match[str]]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            candidates.append((match.start(), -len(match.group(0)), match))
    candidates.sort(key=lambda candidate: (candidate[0], candidate[1]))
    for start, _length, match in candidates:
        found = _to_date(match, reference)
        if found is not None:
            yield start, found


def _to_date(match: re.Match[str], reference: date | None) -> date | None:
    groups = match.groupdict()
    month = _month_of(groups)
    if month is None:
        return None
    day = int(groups["day"])
    year = _year_of(groups)
    if year is None:
        if groups.get("era") is not None or groups.get("year") is not None or reference is None:
            return None
        return _yearless(month, day, reference)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    return _valid(year, month, day)


def _month_of(groups: dict[str, str | None]) -> int | None:
    if groups.get("month") is not None:
        return int(groups["month"] or 0)
    name = groups.get("month_name") or ""
    # Lower-case "may" is the verb far more often than the month.
    if name == "may" or (name.islower() and len(name) <= 3):
        return None
    return _MONTHS.get(name.lower())


def _year_of(groups: dict[str, str | None]) -> int | None:
    era = groups.get("era")
    if era is not None:
        era_year = groups["era_year"] or ""
        try:
            return era_to_gregorian(era, 1 if era_year == "元" else int(era_year))
        except TemporalExpressionError:
            return None
    year = groups.get("year")
    return int(year) if year is not None else None


def _yearless(month: int, day: int, reference: date) -> date | None:
    """The most recent month/day not after `reference` + YEARLESS_LOOKAHEAD (29 Feb: leap years)."""
    latest = reference + YEARLESS_LOOKAHEAD
    for year in range(latest.year, latest.year - 8, -1):
        candidate = _valid(year, month, day)
        if candidate is not None and candidate <= latest:
            return candidate
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
