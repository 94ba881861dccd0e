"""Turn a deadline expression, in Japanese or English, into the last day by which it is due.

The expression is normalised (NFKC, whitespace collapsed, lower case) and stripped of words
that do not move the date ("by", "until", "the end of", "within", まで, までに, を目途に). What
is left must match one of `_RULES` in full; the first match wins. Matching in full, rather than
searching, keeps "3分の2" or "2/3" from being read as dates: whatever no rule covers raises
TemporalExpressionError instead of being guessed at.

A period ("within 180 days", 6か月以内) counts from `reference`, the agreement's signing date
or the date of the event the deadline hangs on; a named span (a month, quarter, half, year,
fiscal year or season) resolves to its last day. Parts of a year resolve to the end of the part:
a half ("the first half of 2026", 上半期, 上期) to the end of that half, the middle of a year
("mid-2026", 年央, 半ば) to the end of its first half, "early"/初頭 to the end of its first
quarter, "late" to its end, 年明け to the end of January; after 年度, FY or "fiscal" the parts
are those of Japan's fiscal year (the first half of FY2026 ends 2026-09-30).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pledgewatch.errors import InvalidValue, TemporalExpressionError, japanese_reason
from pledgewatch.text import calendar as cal
from pledgewatch.text.numbers import kanji_number


class Precision(StrEnum):
    """How finely the source states a deadline; the date is always the last day of that span."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"  # half a year, or its middle: "the first half of 2026", "mid-2026", 上半期
    FISCAL_YEAR = "fiscal_year"
    YEAR = "year"


@dataclass(frozen=True)
class ResolvedDate:
    """A deadline resolved to a date, with how precise it is and how it was derived."""

    date: date
    precision: Precision
    rule: str


def resolve_deadline(expression: str, *, reference: date) -> ResolvedDate:
    """Resolve a deadline expression to the last day by which the thing is due.

    `reference` anchors relative expressions: periods count from it, and "this year", 来年度,
    "end of March" and the like are read from it. Raises TemporalExpressionError when the
    expression is not one of the forms this module understands.
    """
    text = _normalise(expression)
    if not text:
        raise TemporalExpressionError(
            expression, "the expression is empty", reason_ja="表現が空です"
        )
    for pattern, handler in _RULES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        try:
            return handler(match, reference)
        except TemporalExpressionError as error:
            raise TemporalExpressionError(
                expression, error.reason, reason_ja=error.reason_ja
            ) from error
        except (ValueError, OverflowError) as error:
            raise TemporalExpressionError(
                expression,
                str(error),
                reason_ja=_DATETIME_REASONS_JA.get(str(error))
                or japanese_reason(error, otherwise="日付として成り立ちません"),
            ) from error
    reason, reason_ja = _why_unresolved(text)
    raise TemporalExpressionError(expression, reason, reason_ja=reason_ja)


# The datetime module's reasons for a date that does not exist (2026年2月30日), in Japanese.
_DATETIME_REASONS_JA = {
    "day is out of range for month": "その月にない日です",
    "month must be in 1..12": "月は1〜12で書いてください",
    "date value out of range": "扱える日付の範囲を超えています",
}


# --- normalisation -------------------------------------------------------------------------

_SPACE_BESIDE_NON_ASCII = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
_LEAD_IN = re.compile(
    r"^(?:(?:by|until|till|no later than|not later than|on or before|before|within|in|during"
    r"|through|throughout|up to|on|the|end of|very end of|later|course of)\s+|遅くとも|おそくとも)"
)
_TRAIL = re.compile(
    r"(?:,?\s*at the latest|[.,;。、]|までに|まで|迄に|迄|の間|を目途に|を目途として|を目途"
    r"|を目処に|を目処|をめどに|をめど|頃|ごろ|以前|に)$"
)


_BEFORE_NEW_YEAR = re.compile(r"年明け(?:まで|迄)に?$")  # before the year turns: 年内


def _normalise(expression: str) -> str:
    text = unicodedata.normalize("NFKC", expression).replace("\u2019", "'").lower()
    text = _SPACE_BESIDE_NON_ASCII.sub("", " ".join(text.split()))
    text = _BEFORE_NEW_YEAR.sub("年内", text)
    previous = None
    while text != previous:
        previous, text = text, _TRAIL.sub("", _LEAD_IN.sub("", text)).strip()
    return text


# --- numbers, names and years ----------------------------------------------------------------

_EN_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen")  # fmt: skip
_EN_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_NUMBER_WORDS = {word: value for value, word in enumerate(_EN_SMALL)}
_EN_NUMBER_WORDS |= {word: 20 + 10 * index for index, word in enumerate(_EN_TENS)}
_EN_WORD = "|".join(sorted([*_EN_NUMBER_WORDS, "hundred"], key=len, reverse=True))
_N_EN = rf"(?:\d+|an?|(?:{_EN_WORD})(?:(?:\s|-|\sand\s)(?:{_EN_WORD}))*)(?:\s?\(\d+\))?"

_N_JA = r"(?:\d+|[〇零一二三四五六七八九十百千]+)"

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip
_MONTH_WORDS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_MONTH_EN = rf"(?P<month>{_MONTH_WORDS})\.?"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
_ORDINALS |= {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# Relative years in both languages, added to the reference's calendar or fiscal year.
_REL_YEARS = {"今年": 0, "本年": 0, "当年": 0, "来年": 1, "翌年": 1, "明年": 1, "再来年": 2}
_REL_YEARS |= {"昨年": -1, "去年": -1, "前年": -1, "今": 0, "来": 1, "昨": -1}
_REL_YEARS |= {"this": 0, "current": 0, "next": 1, "following": 1, "coming": 1}

_JA_YEAR = (
    rf"(?:(?P<era>令和|平成|昭和)(?P<era_year>元|{_N_JA})年"
    r"|(?P<year>\d{4}|[〇零一二三四五六七八九]{4})年"
    r"|(?P<rel>再来年|今年|本年|当年|来年|翌年|明年|昨年|去年|前年))"
)
_EN_REL = r"(?P<rel>this|current|next|following|coming)"
_EN_FISCAL = r"(?P<fiscal>(?:japan's\s|japanese\s)?(?:fiscal\syear|fiscal|fy|jfy)\s?)"


def _en_number(text: str) -> int:
    """Read "45", "forty-five", "one hundred eighty (180)"; words and figures must agree."""
    words, _, figures = text.partition("(")
    words, figures = words.strip(), figures.rstrip(")")
    if words.isdigit():
        value = int(words)
    elif words in ("a", "an"):
        value = 1
    else:
        value = 0
        for word in re.split(r"[\s-]+", words):
            if word == "hundred":
                value = (value or 1) * 100
            elif word != "and":
                value += _EN_NUMBER_WORDS[word]
    if figures and int(figures) != value:
        raise InvalidValue(
            f"the number in words ({words}) and in figures ({figures}) disagree",
            ja=f"言葉で書いた数（{words}）と数字（{figures}）が一致しません",
        )
    return value


def _ja_number(text: str) -> int:
    """Read "45", "元" (first year of an era), "四十五" and positional "二〇二六"."""
    if text.isascii() and text.isdigit():
        return int(text)
    if text == "元":
        return 1
    return kanji_number(text)


def _month(text: str) -> int:
    if text.isascii() and text.isalpha():
        return [name[:3].lower() for name in _MONTH_NAMES].index(text[:3]) + 1
    return _ja_number(text)


def _has_year(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    return any(groups.get(name) for name in ("era", "year", "rel"))


def _year(match: re.Match[str], base: int) -> int:
    """Return the year the match names; `base` (this calendar or fiscal year) if it names none."""
    groups = match.groupdict()
    if groups.get("era"):
        return cal.era_to_gregorian(groups["era"], _ja_number(groups["era_year"]))
    if groups.get("year"):
        return _ja_number(groups["year"])
    if groups.get("rel"):
        return base + _REL_YEARS[groups["rel"]]
    return base


def _first_on_or_after(reference: date, make: Callable[[int], date]) -> date:
    """Without a year, take the first occurrence that is not already past on the reference."""
    candidate = make(reference.year)
    return candidate if candidate >= reference else make(reference.year + 1)


_FRACTION = re.compile(r"\d+\s?分の\s?\d+|\d+\s?/\s?\d+")
_DATE_WORDS = re.compile(
    rf"\d|[年月日週期春夏秋冬]|\b(?:days?|weeks?|months?|quarter|years?|fiscal|fy|spring|summer"
    rf"|autumn|fall|winter|{_MONTH_WORDS})\b"
)


def _why_unresolved(text: str) -> tuple[str, str]:
    if _FRACTION.fullmatch(text):
        return "a fraction, not a date or period", "分数であり、日付や期間ではありません"
    if _DATE_WORDS.search(text):
        return (
            "a date or period is mentioned, but not in a form pledgewatch understands",
            "日付や期間が書かれていますが、pledgewatch が読み取れる形ではありません",
        )
    return "no date or period in the expression", "日付や期間が含まれていません"


# --- handlers ------------------------------------------------------------------------------

_MOVES: dict[str, Callable[[date, int], date]] = {"day": cal.add_days, "month": cal.add_months}
_MOVES |= {"business day": cal.add_business_days, "week": lambda d, n: cal.add_days(d, 7 * n)}
_MOVES |= {"year": cal.add_years}
_UNITS = {"business day": "営業|business|working", "week": "週|week", "month": "月|month"}
_UNITS |= {"year": "年|year"}


def _unit(text: str) -> str:
    return next((unit for unit, marks in _UNITS.items() if re.search(marks, text)), "day")


def _after(count: int, unit: str, event: str | None, reference: date) -> ResolvedDate:
    if event and re.search(rf"\d|[年月]|\b(?:year|month|{_MONTH_WORDS})\b", event):
        raise InvalidValue(
            "the period counts from a date in the expression; use that date as reference",
            ja="期間が表現中の日付から数えられています。その日付を基準日にしてください",
        )
    if unit == "year" and count >= 1000:
        raise InvalidValue(
            f"{count} reads as a calendar year, not a number of years",
            ja=f"{count} は年数ではなく西暦の年と読めます",
        )
    rule = f"{count} {unit}{'' if count == 1 else 's'} after {reference.isoformat()}"
    if unit == "business day":
        rule += " (Monday-Friday; holidays not skipped)"
    if event:
        rule += f", the reference date for '{event}'"
    return ResolvedDate(_MOVES[unit](reference, count), Precision.DAY, rule)


def _relative(match: re.Match[str], reference: date) -> ResolvedDate:
    """Count "within 180 days", "six months of signature", 6か月以内, 半年以内 from reference."""
    if match.groupdict().get("half"):
        return _after(6, "month", match["event"], reference)
    raw = match["n"]
    count = _ja_number(raw) if re.fullmatch(_N_JA, raw) else _en_number(raw)
    return _after(count, _unit(match["unit"]), match["event"], reference)


def _stated_date(match: re.Match[str], reference: date) -> ResolvedDate:
    """Take a written day; without a year, its first occurrence on or after the reference."""
    month, day = _month(match["month"]), _ja_number(match["day"])
    if not _has_year(match):
        stated = _first_on_or_after(reference, lambda year: date(year, month, day))
        rule = f"stated date, year {stated.year} taken as the first on or after {reference}"
    else:
        stated = date(_year(match, reference.year), month, day)
        rel = match.groupdict().get("rel")
        rule = f"stated date in {stated.year} ({rel} from {reference})" if rel else "stated date"
    weekday = match.groupdict().get("weekday")
    if weekday and "月火水木金土日".index(weekday) != stated.weekday():
        raise InvalidValue(
            f"{stated} is not a {weekday}曜日 (the weekday written beside it)",
            ja=f"{stated} は（併記された曜日の）{weekday}曜日ではありません",
        )
    return ResolvedDate(stated, Precision.DAY, rule)


_PARTS = {"early": "early", "beginning of": "early", "上旬": "early", "初旬": "early"}
_PARTS |= {"初め": "early", "はじめ": "early", "mid": "mid", "middle of": "mid", "中旬": "mid"}
_PARTS |= {"半ば": "mid", "late": "late", "下旬": "late"}
_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 0)}


def _month_period(match: re.Match[str], reference: date) -> ResolvedDate:
    """Take a month, or its early (1-10), mid (11-20) or late (21-end) part: 上旬/中旬/下旬."""
    month = _month(match["month"])
    part = _PARTS.get(match.groupdict().get("part") or "")
    first, last = _PART_DAYS.get(part or "", (1, 0))

    def due_in(year: int) -> date:
        return date(year, month, last) if last else cal.end_of_month(year, month)

    if _has_year(match):
        due = due_in(_year(match, reference.year))
    else:
        due = _first_on_or_after(reference, due_in)
    name = f"{_MONTH_NAMES[month - 1]} {due.year}"
    if part is None:
        return ResolvedDate(due, Precision.MONTH, f"end of {name}")
    return ResolvedDate(due, Precision.DAY, f"{part} {name} ({_nth(first)}-{_nth(due.day)})")


def _nth(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _quarter(match: re.Match[str], reference: date) -> ResolvedDate:
    """Take a calendar quarter (Q1 = Jan-Mar) or, after 年度/FY, a fiscal one (Q1 = Apr-Jun)."""
    raw = match["q"]
    quarter = _ORDINALS[raw] if raw in _ORDINALS else _ja_number(raw)
    if match["fiscal"]:
        fy = _year(match, cal.fiscal_year_of(reference))
        due, whose = cal.end_of_fiscal_quarter(fy, quarter), f"Japan's fiscal year {fy}"
    else:
        due = cal.end_of_quarter(_year(match, reference.year), quarter)
        whose = str(due.year)
    ordinal = ("first", "second", "third", "fourth")[quarter - 1]
    span = f"{_MONTH_NAMES[due.month - 3]}-{_MONTH_NAMES[due.month - 1]} {due.year}"
    rule = f"end of the {ordinal} quarter of {whose} ({span})"
    return ResolvedDate(due, Precision.QUARTER, rule)


# Parts of a year: (last month of the part, counted from the year's first month; precision).
_YEAR_PARTS: dict[str, tuple[str, int, Precision]] = {
    "first": ("first half", 6, Precision.HALF), "second": ("second half", 12, Precision.HALF),
    "mid": ("middle (read as the end of the first half)", 6, Precision.HALF),
    "early": ("early part (its first quarter)", 3, Precision.QUARTER),
    "late": ("late part (its last quarter)", 12, Precision.QUARTER),
    "new year": ("new year (January)", 1, Precision.MONTH),
}  # fmt: skip
_PART_WORDS = {"first": "first", "1st": "first", "h1": "first", "1h": "first", "上半期": "first"}
_PART_WORDS |= {"上期": "first", "前半": "first", "second": "second", "2nd": "second"}
_PART_WORDS |= {"latter": "second", "last": "second", "h2": "second", "2h": "second"}
_PART_WORDS |= {"下半期": "second", "下期": "second", "後半": "second", "mid": "mid"}
_PART_WORDS |= {"middle of": "mid", "半ば": "mid", "央": "mid", "early": "early"}
_PART_WORDS |= {"beginning of": "early", "初頭": "early", "初め": "early", "はじめ": "early"}
_PART_WORDS |= {"初": "early", "late": "late", "明け": "new year"}


def _year_part(match: re.Match[str], reference: date) -> ResolvedDate:
    """Take part of a year: a half, its middle, early or late part, 年明け; see the module doc.

    With no year written (年央, "the first half of the year", bare 上期), the first such part not
    already past on the reference; bare 上期/下期/上半期/下半期 are fiscal halves, as in Japanese
    budget and business usage.
    """
    groups = match.groupdict()
    word = groups["part"]
    part = _PART_WORDS[word]
    bare = groups.get("bare") is not None
    if bare and word not in ("上半期", "下半期", "上期", "下期"):
        raise InvalidValue(f"{word} names no year", ja=f"{word} では年がわかりません")
    marks = ("fiscal", "fiscal3", "fiscal_rel")
    fiscal = (bare or any(groups.get(mark) for mark in marks)) and part != "new year"
    name, last_month, precision = _YEAR_PARTS[part]
    first_month = 4 if fiscal else 1

    def due_in(year: int) -> date:
        month = first_month - 1 + last_month
        return cal.end_of_month(year + (month - 1) // 12, (month - 1) % 12 + 1)

    base = cal.fiscal_year_of(reference) if fiscal else reference.year
    if _has_year(match):
        year = _year(match, base)
    else:
        year = base if due_in(base) >= reference else base + 1
    whose = f"Japan's fiscal year {year} (April-March)" if fiscal else str(year)
    return ResolvedDate(due_in(year), precision, f"end of the {name} of {whose}")


def _calendar_year(match: re.Match[str], reference: date) -> ResolvedDate:
    """Take a calendar year: "by 2026", 2026年中, 来年末, 年内 (the reference's year)."""
    year = _year(match, reference.year)
    return ResolvedDate(cal.end_of_year(year), Precision.YEAR, f"end of {year}")


def _fiscal_year(match: re.Match[str], reference: date) -> ResolvedDate:
    """Take Japan's fiscal year, April-March: 2025年度末, 今年度内, FY2025, "the fiscal year"."""
    fy = _year(match, cal.fiscal_year_of(reference))
    second = match.groupdict().get("next")
    if second and not str(fy + 1).endswith(second):
        raise InvalidValue(
            f"{fy}/{second} is not one fiscal year", ja=f"{fy}/{second} は一つの年度ではありません"
        )
    rule = f"end of Japan's fiscal year {fy} (April-March)"
    return ResolvedDate(cal.fiscal_year_end(fy), Precision.FISCAL_YEAR, rule)


_SEASONS: dict[str, cal.Season] = {"spring": "spring", "summer": "summer", "autumn": "autumn"}
_SEASONS |= {"fall": "autumn", "winter": "winter", "春": "spring", "夏": "summer"}
_SEASONS |= {"秋": "autumn", "冬": "winter"}
_SEASON_SPANS = {"spring": "March-May", "summer": "June-August", "autumn": "September-November"}
_SEASON_SPANS |= {"winter": "December-February"}


def _season(match: re.Match[str], reference: date) -> ResolvedDate:
    """Take a season, meteorological: 来年春 / "next spring" ends 31 May; winter in February."""
    season = _SEASONS[match["season"]]
    offset = match.groupdict().get("season_rel") or match.groupdict().get("short")
    # Said in January or February, "this winter" (今冬) is the winter that began last December.
    this = reference.year - (season == "winter" and reference.month <= 2)
    if _has_year(match):
        year = _year(match, reference.year)
    elif offset:
        year = this + _REL_YEARS[offset]
    else:
        year = this if cal.end_of_season(this, season) >= reference else this + 1
    label = f"{year}-{str(year + 1)[-2:]}" if season == "winter" else str(year)
    rule = f"end of {season} {label} ({season} = {_SEASON_SPANS[season]})"
    return ResolvedDate(cal.end_of_season(year, season), Precision.MONTH, rule)


def _us_numeric_date(match: re.Match[str], reference: date) -> ResolvedDate:
    """Read 12/31/04 month first, as US documents write it; refuse 3/4/05, which is ambiguous."""
    month, day = int(match["month"]), int(match["day"])
    if day <= 12 and month != day:
        raise InvalidValue(
            f"{match.group()} could be day/month or month/day",
            ja=f"{match.group()} は日/月とも月/日とも読めます",
        )
    year = int(match["short"])
    year = year if year >= 100 else 2000 + year
    return ResolvedDate(date(year, month, day), Precision.DAY, "stated date (month/day/year)")


def _this_month(match: re.Match[str], reference: date) -> ResolvedDate:
    """Take 今月 (this month) or 来月 (next month), whole or its early/mid/late part."""
    first = date(reference.year, reference.month, 1)
    month = cal.add_months(first, 1) if match["this"] in ("来月", "翌月") else first
    expression = f"{month.year}年{month.month}月{match['part'] or ''}"
    return resolve_deadline(expression, reference=reference)


def _year_range(match: re.Match[str], reference: date) -> ResolvedDate:
    """Take the last year of a range: 2006-8, 2007-2008, 2006-2015."""
    first, last = match["year"], match["last"]
    year = int(first[: 4 - len(last)] + last) if len(last) < 4 else int(last)
    if year <= int(first):
        raise InvalidValue(
            f"{match.group()} is not a range of years",
            ja=f"{match.group()} は年の範囲になっていません",
        )
    return ResolvedDate(
        cal.end_of_year(year), Precision.YEAR, f"end of {year} (the range {first}-{year})"
    )


# --- rules: tried in order against the whole normalised expression ---------------------------

Handler = Callable[[re.Match[str], date], ResolvedDate]


def _rule(pattern: str, handler: Handler) -> tuple[re.Pattern[str], Handler]:
    return re.compile(pattern), handler


_JA_UNIT = r"(?P<unit>営業日|日間?|週間?|(?:か|ヶ|カ|ケ|ヵ|箇)月間?|年間?)"
_JA_MONTH_PART = r"(?P<part>末|中|内|いっぱい|終わり|上旬|初旬|中旬|下旬|初め|はじめ|半ば)?"
_JA_SPAN_END = r"(?:末|中|内|いっぱい)"
_TH = r"(?:st|nd|rd|th)?"
_Y4 = r"(?P<year>\d{4})"
# The year a part of a year belongs to: "2026", "fiscal 2026", "FY2026", "next year", "the year".
_EN_PART_YEAR = (
    rf"(?P<fiscal>fiscal\syear\s|fiscal\s|fy\s?|jfy\s?)?{_Y4}"
    rf"|(?:{_EN_REL}\s)?(?P<fiscal_rel>fiscal\s)?year"
)

_RULES: list[tuple[re.Pattern[str], Handler]] = [
    # Periods counted from the reference; "of <event>" only names what the reference stands for.
    _rule(
        rf"(?P<n>{_N_EN})\s(?P<unit>(?:business|working|calendar)\sdays?|days?|weeks?|months?"
        r"|years?)(?:\s(?:of|after|from|following)\s(?P<event>.+))?",
        _relative,
    ),
    # 以内 or 後 is required: a bare "2026年" is a year, not 2026 years.
    _rule(
        rf"(?:(?P<event>.+?)(?:から|より|以後|以降|後))?"
        rf"(?:(?P<n>{_N_JA}){_JA_UNIT}|(?P<half>半年間?))(?:以内|後)",
        _relative,
    ),
    # days
    _rule(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})", _stated_date),
    _rule(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<short>\d{2}|\d{4})", _us_numeric_date),
    _rule(rf"{_MONTH_EN}\s?(?P<day>\d{{1,2}}){_TH}(?:[,\s]\s?{_Y4})?", _stated_date),
    _rule(rf"(?P<day>\d{{1,2}}){_TH}\s(?:of\s)?{_MONTH_EN},?(?:\s{_Y4})?", _stated_date),
    # The optional year also takes 来年 or 今年, so 来年1月1日 is next year's 1 January.
    _rule(
        rf"{_JA_YEAR}?(?P<month>{_N_JA})月(?P<day>{_N_JA})日(?:\((?P<weekday>[月火水木金土日])\))?",
        _stated_date,
    ),
    # months and their early/mid/late parts
    _rule(
        r"(?:(?P<part>early|mid|late|beginning of|middle of)[\s-])?"
        rf"{_MONTH_EN}(?:,?\s(?:of\s)?(?:{_Y4}|(?:the\s)?{_EN_REL}\syear))?",
        _month_period,
    ),
    _rule(r"(?P<year>\d{4})-(?P<month>\d{2})", _month_period),
    _rule(rf"(?:this|next|coming)\s{_MONTH_EN}", _month_period),
    _rule(r"(?P<this>今月|本月|来月|翌月)(?P<part>末|中|内|いっぱい|上旬|中旬|下旬)?", _this_month),
    _rule(rf"{_JA_YEAR}?(?P<month>{_N_JA})月{_JA_MONTH_PART}", _month_period),
    # parts of a year: halves, the middle, early and late; fiscal after 年度, FY or "fiscal"
    _rule(
        rf"(?P<part>first|second|latter|last|1st|2nd)\shalf\sof\s(?:the\s)?(?:{_EN_PART_YEAR})",
        _year_part,
    ),
    _rule(rf"(?P<part>h1|h2|1h|2h)\s?(?:of\s)?(?P<fiscal>fy\s?|jfy\s?|fiscal\s)?{_Y4}", _year_part),
    _rule(rf"(?P<fiscal>fy|jfy|fiscal\s)?{_Y4}\s?(?P<part>h1|h2)", _year_part),
    _rule(
        rf"(?P<part>mid|early|late|middle of|beginning of)[\s-](?:the\s)?(?:{_EN_PART_YEAR})",
        _year_part,
    ),
    _rule(
        rf"(?:{_JA_YEAR}(?P<fiscal>度)?の?|年(?P<fiscal3>度)?の?|(?P<bare>))"
        r"(?P<part>上半期|下半期|上期|下期|前半|後半|半ば|央|初頭|初め|はじめ|初|明け)"
        rf"{_JA_SPAN_END}?",
        _year_part,
    ),
    # quarters: calendar ones unless the year is a fiscal year (年度, FY)
    _rule(
        r"(?P<q>first|second|third|fourth|last|1st|2nd|3rd|4th)\squarter\s(?:of\s)?"
        rf"{_EN_FISCAL}?{_Y4}",
        _quarter,
    ),
    _rule(rf"q(?P<q>[1-4])\s?(?:of\s)?{_EN_FISCAL}?{_Y4}", _quarter),
    _rule(rf"{_EN_FISCAL}?{_Y4}\s?q(?P<q>[1-4])", _quarter),
    _rule(rf"{_JA_YEAR}(?P<fiscal>度)?第(?P<q>{_N_JA})四半期{_JA_SPAN_END}?", _quarter),
    # fiscal years; "FY2025/26" is checked to name one year
    _rule(
        rf"{_EN_FISCAL}{_Y4}(?:\s?[/-]\s?(?P<next>\d{{2}}|\d{{4}}))?"
        rf"|(?:{_EN_REL}\s)?(?:japan's\s|japanese\s)?fiscal\syear",
        _fiscal_year,
    ),
    _rule(rf"{_JA_YEAR}度{_JA_SPAN_END}?|年度{_JA_SPAN_END}", _fiscal_year),
    # calendar years
    _rule(rf"(?:calendar\s)?(?:year\s)?{_Y4}|(?:{_EN_REL}\s)?year", _calendar_year),
    _rule(rf"{_Y4}\s?[-–/]\s?(?P<last>\d{{1,2}}|\d{{4}})", _year_range),
    _rule(rf"{_JA_YEAR}{_JA_SPAN_END}?|年[末内]", _calendar_year),
    # seasons; 今春, 来秋 are the short forms of 今年春, 来年秋
    _rule(
        r"(?:(?P<season_rel>this|current|next|following|coming)\s)?"
        r"(?P<season>spring|summer|autumn|fall|winter)(?:\s(?:of\s)?(?P<year>\d{4}))?",
        _season,
    ),
    _rule(rf"(?:{_JA_YEAR}|(?P<short>今|来|昨))?(?P<season>[春夏秋冬])(?:季|中)?", _season),
]
