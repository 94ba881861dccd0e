"""How a deadline was computed, in the reader's language.

text/temporal.py writes the rule of each computed date once, in a fixed English form ("180 days
after 2025-10-28", "end of Japan's fiscal year 2025 (April-March)"), and the loader stores it.
A Japanese reader sees the same rule in Japanese: each fixed form is rewritten here; a form this
module does not know is shown as it is, never dropped. The anchor a deadline counts from
('agreement', 'document:<id>', 'event:<id>') is named the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from pledgewatch.brief.labels import label

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_MONTH = "|".join(_MONTHS)
_UNITS_JA = {"day": "日", "business day": "営業日", "week": "週間", "month": "か月", "year": "年"}
_PARTS_JA = {"early": "上旬", "mid": "中旬", "late": "下旬"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_YEAR_PARTS_JA = {
    "first half": "上半期",
    "second half": "下半期",
    "middle (read as the end of the first half)": "半ば（上半期の終わりとして計算）",
    "early part (its first quarter)": "初め（最初の四半期）",
    "late part (its last quarter)": "終わり頃（最後の四半期）",
    "new year (January)": "年明け（1月）",
}
_SEASONS_JA = {"spring": "春", "summer": "夏", "autumn": "秋", "winter": "冬"}
_DATE = r"\d{4}-\d{2}-\d{2}"
_FISCAL = r"Japan's fiscal year (?P<fy>\d{4})(?: \(April-March\))?"


def _month_ja(name: str) -> str:
    return f"{_MONTHS.index(name) + 1}月"


def _span_ja(span: str) -> str:
    """'April-June 2026' -> '4月〜6月'."""
    first, _, rest = span.partition("-")
    return f"{_month_ja(first)}〜{_month_ja(rest.split()[0])}"


def _whose_ja(match: re.Match[str]) -> str:
    return f"{match['fy']}年度" if match["fy"] else f"{match['year']}年"


def _after(m: re.Match[str]) -> str:
    text = f"{m['from']}から{m['n']}{_UNITS_JA[m['unit']]}後"
    if m["business"]:
        text += "（月〜金曜で数え、祝日は除かない）"
    if m["event"]:
        text += f"（{m['from']}を「{m['event']}」の基準日とする）"
    return text


def _quarter(m: re.Match[str]) -> str:
    return f"{_whose_ja(m)}第{_ORDINALS[m['ord']]}四半期末（{_span_ja(m['span'])}）"


def _year_part(m: re.Match[str]) -> str:
    fiscal = "（4月〜翌年3月）" if m["fy"] else ""
    return f"{_whose_ja(m)}{fiscal}の{_YEAR_PARTS_JA[m['part']]}の終わり"


def _season(m: re.Match[str]) -> str:
    first, last = m["months"].split("-")
    name = _SEASONS_JA[m["season"]]
    return f"{m['label']}年の{name}の終わり（{name}は{_month_ja(first)}〜{_month_ja(last)}）"


_RULES_JA: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            rf"(?P<n>\d+) (?P<unit>business day|day|week|month|year)s? after (?P<from>{_DATE})"
            r"(?P<business> \(Monday-Friday; holidays not skipped\))?"
            r"(?:, the reference date for '(?P<event>.*)')?"
        ),
        _after,
    ),
    (re.compile(r"stated date"), lambda m: "記載の日付"),
    (
        re.compile(
            rf"stated date, year (?P<year>\d{{4}}) taken as the first on or after (?P<ref>{_DATE})"
        ),
        lambda m: (
            f"記載の日付（年の記載がないため、{m['ref']}以降で最初に来る{m['year']}年とした）"
        ),
    ),
    (
        re.compile(rf"stated date in (?P<year>\d{{4}}) \((?P<rel>.+) from (?P<ref>{_DATE})\)"),
        lambda m: f"記載の日付（{m['ref']}から見た「{m['rel']}」で、{m['year']}年）",
    ),
    (re.compile(r"stated date \(month/day/year\)"), lambda m: "記載の日付（月/日/年の順に読む）"),
    (
        re.compile(rf"end of (?P<month>{_MONTH}) (?P<year>\d{{4}})"),
        lambda m: f"{m['year']}年{_month_ja(m['month'])}末",
    ),
    (
        re.compile(
            rf"(?P<part>early|mid|late) (?P<month>{_MONTH}) (?P<year>\d{{4}}) "
            r"\((?P<first>\d+)\w\w-(?P<last>\d+)\w\w\)"
        ),
        lambda m: (
            f"{m['year']}年{_month_ja(m['month'])}{_PARTS_JA[m['part']]}"
            f"（{m['first']}〜{m['last']}日）"
        ),
    ),
    (
        re.compile(
            rf"end of the (?P<ord>first|second|third|fourth) quarter of "
            rf"(?:{_FISCAL}|(?P<year>\d{{4}})) \((?P<span>\w+-\w+ \d{{4}})\)"
        ),
        _quarter,
    ),
    (
        re.compile(
            rf"end of the (?P<part>{'|'.join(re.escape(p) for p in _YEAR_PARTS_JA)}) of "
            rf"(?:{_FISCAL}|(?P<year>\d{{4}}))"
        ),
        _year_part,
    ),
    (
        re.compile(rf"end of {_FISCAL}"),
        lambda m: f"{m['fy']}年度末（4月〜翌年3月）",
    ),
    (
        re.compile(r"end of (?P<year>\d{4})(?: \(the range (?P<first>\d{4})-\d{4}\))?"),
        lambda m: (
            f"{m['year']}年末" + (f"（{m['first']}〜{m['year']}年の範囲）" if m["first"] else "")
        ),
    ),
    (
        re.compile(
            r"end of (?P<season>spring|summer|autumn|winter) (?P<label>\d{4}(?:-\d\d)?) "
            r"\(\w+ = (?P<months>\w+-\w+)\)"
        ),
        _season,
    ),
]


def rule_text(rule: str, lang: str) -> str:
    """How a date was computed, as the reader of ``lang`` reads it; unknown forms as they are."""
    if lang != "ja":
        return rule
    for pattern, rewrite in _RULES_JA:
        match = pattern.fullmatch(rule)
        if match is not None:
            return rewrite(match)
    return rule


def anchor_text(anchor: str, anchor_date: date | None, lang: str) -> str:
    """What a deadline counts from: 'the agreement's date (2025-10-28)' / '合意日（2025-10-28）'."""
    kind, _, key = anchor.partition(":")
    if kind == "agreement":
        text = label("anchor_agreement", lang)
    elif kind in ("document", "event") and key:
        text = label(f"anchor_{kind}", lang).format(key=key)
    else:
        text = anchor
    if anchor_date is None:
        return text
    day = anchor_date.isoformat()
    return f"{text}（{day}）" if lang == "ja" else f"{text} ({day})"
