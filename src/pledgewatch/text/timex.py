"""Find dates and time frames inside running text, in Japanese or English, and resolve them.

temporal.py resolves an expression once someone has cut it out of a sentence; this module does
the cutting. Patterns find candidate spans ("by the end of 2026", "within 45 days of the
President's decision", 令和8年度中に, 来年春までに); each span is handed to
`resolve_deadline`, which either returns a date or refuses, so whatever temporal.py cannot read
(3分の2, "2/3") is dropped rather than guessed at. A span carries its cue ("by", "within",
までに, 以内), which tells a deadline from a date that is merely mentioned ("launched in 2010"),
and the event a relative period hangs on, kept as written when it is not the document itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pledgewatch.errors import TemporalExpressionError
from pledgewatch.text.temporal import Precision, ResolvedDate, resolve_deadline


@dataclass(frozen=True)
class TimeMention:
    """A date or time frame found in a text."""

    start: int  # offsets into the text searched
    end: int
    text: str  # as written, cue included ("within six months", "2026年度末までに")
    deadline_cue: bool  # written as a limit: by, before, within, until, までに, 以内, 中, 末
    event: str | None  # what a relative period counts from, when it is not the document
    resolved: ResolvedDate | None  # None when it hangs on an event or lacks a reference
    precision: Precision
    counted: bool = False  # a period counted from a reference ("within 180 days")
    # It names a year: by number (2026, 12/31/26, 令和8年度) or as this/next/the year (来年,
    # 年内); "in July", "next spring" and "within five years" do not.
    names_year: bool = False


# Events that are the document itself: a period counted from them counts from its date.
_SELF_EVENT = re.compile(
    r"^(?:the\s+)?(?:date\s+of\s+)?(?:(?:its|this|the)\s+)?(?:signature|signing|signed|date"
    r"|(?:memorandum|framework|agreement|statement|declaration|arrangement|moc|mou|document)"
    r"(?:'s\s+signature)?)(?:\s+of\s+(?:this|the)\s+\w+)?$"
    r"|^(?:本|この|当該)?(?:覚書|枠組み?|合意|声明|文書|協定)?の?(?:署名|本日|署名日|署名の日)(?:の日)?$",
    re.IGNORECASE,
)

_COUNTED = re.compile(r"\d+ (?:day|week|month|year|business day)s? after ")

_NAMES_YEAR = re.compile(
    r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|\d{1,2}/\d{1,2}/\d{2}\b"
    r"|\b(?:this|next|the|coming|current|following)\s(?:fiscal\s)?year\b|\bfy|\bjfy"
    r"|\bmid-?year\b"
    r"|(?:[0-9０-９]{4}|[〇一二三四五六七八九]{4}|令和|平成|昭和|再来|今|本|来|翌|昨|前|当)年"
    r"|年(?:内|末|度|央|明け|初|前半|後半|半ば)",
    re.IGNORECASE,
)

# --- English --------------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_YEAR = (
    r"(?<![\d,.$€£¥#])(?:19[5-9]\d|20\d\d)"
    r"(?!\d|,\d|s\b|\s?%|\s?(?:million|billion|tonnes|MW|GW|kg))"
)
_NUM = (
    r"(?:\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|eighteen|twenty|twenty-four|thirty|thirty-six|forty|forty-five|fifty|sixty|ninety"
    r"|one hundred(?: and)?(?: eighty| twenty)?)(?:\s?\(\d+\))?"
)
_UNIT = r"(?:(?:business|working|calendar)\s)?(?:days?|weeks?|months?|years?)"
_EVENT = (
    r"(?P<event>(?:the|its|this|their|a|such|entry|signature|signing|receipt)\b[^,;:.()]{0,70}?)"
)
_EVENT_END = r"(?=\s*[,;:.)]|\s+(?:and|to|in order|with|while|which|that|so|for)\b|\s*$)"
_EN_CUE = (
    r"\b(?P<cue>(?i:no later than|not later than|on or before|by the end of|before the end of"
    r"|until the end of|at the end of|by|before|within|until|till|through"
    r"|throughout|during|in|for|over|up to|to|from|since|as of|after|on|at))\s+"
)
_EN_FY = r"(?:(?:fiscal\syear|fiscal|FY|JFY)\s?)"
_EN_PART_YEAR = (
    rf"(?:{_EN_FY}?{_YEAR}|(?:(?:this|next|current|coming|following)\s)?(?:fiscal\s)?year\b)"
)
_EN_CORE = "|".join(
    [
        # parts of a year: "the first half of 2026", "H2 FY2026", "mid-2026", "early next year"
        rf"(?:the\s)?(?:first|second|latter|last|1st|2nd)\shalf\sof\s(?:the\s)?{_EN_PART_YEAR}",
        rf"(?:H[12]|[12]H)\s?(?:of\s)?{_EN_FY}?{_YEAR}|(?:(?:FY|JFY)\s?)?{_YEAR}\s?H[12]\b",
        rf"(?:[Mm]id|[Ee]arly|[Ll]ate|the\smiddle\sof|the\sbeginning\sof)[\s-](?:the\s)?{_EN_PART_YEAR}",
        r"[Mm]id-?year\b",
        # periods: "within six months", "within 45 days of the President's decision"
        rf"(?:the\s)?(?:next\s|coming\s|following\s|first\s)?{_NUM}[\s-]{_UNIT}"
        rf"(?:\s(?:of|after|from|following)\s{_EVENT}{_EVENT_END})?",
        # days
        rf"{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?,?\s{_YEAR}|\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH},?\s{_YEAR}",
        r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b|(?:19|20)\d\d-\d{2}-\d{2}",
        rf"{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s\d)|\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}(?!,?\s\d)",
        # quarters, fiscal years
        rf"(?:the\s)?(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\squarter\s(?:of\s)?(?:(?:fiscal\syear|FY)\s?)?{_YEAR}",
        rf"Q[1-4]\s?(?:of\s)?(?:FY\s?)?{_YEAR}|(?:FY|JFY|[Ff]iscal\s(?:[Yy]ear\s)?){_YEAR}(?:/\d{{2}})?",
        r"(?:the\s)?(?:current\s|next\s)?fiscal\syear",
        # months and seasons
        rf"(?:(?:early|mid|late|the\send\sof|the\sbeginning\sof|this|next|coming)[\s-])?{_MONTH}"
        rf"(?:,?\s(?:of\s)?{_YEAR})?",
        rf"(?:(?:this|next|coming)\s)?(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)(?:'s)?(?:\s(?:of\s)?{_YEAR})?",
        rf"(?:this|next|the)\sfall|[Ff]all\s{_YEAR}",
        # years
        rf"(?:the\s)?(?:end\sof\s|beginning\sof\s|course\sof\s)?(?:the\s)?(?:year\s)?{_YEAR}(?:\s?[-–]\s?(?:\d{{4}}|\d{{1,2}})\b)?",
        r"(?:the\s)?(?:end|course)\sof\s(?:the\s|this\s|next\s)?year\b",
        r"(?:this|next|the\snext|the\scoming|the\sfollowing|the\scurrent)\syear\b",
        r"later\sthis\syear",
    ]
)
_EN_PATTERN = re.compile(rf"(?:{_EN_CUE})?(?P<core>{_EN_CORE})")
_EN_DEADLINE_CUES = {
    "no later than", "not later than", "on or before", "by the end of", "before the end of",
    "until the end of", "at the end of", "by", "before", "within", "until",
    "till", "through", "up to", "to", "in", "during", "over", "throughout",
}  # fmt: skip
# A month name alone is often not a month: "May" the verb, "March" the noun.
_LONE_MONTH = re.compile(rf"^(?:{_MONTH})$")
_MONTH_CUES = {"in", "by", "until", "till", "before", "since", "from", "through", "during"}
_PERIOD = re.compile(rf"^(?:the\s)?(?:next\s|coming\s|following\s|first\s)?{_NUM}[\s-]{_UNIT}")

# --- Japanese -------------------------------------------------------------------------------

_NJ = r"(?:[0-9０-９]+|[〇一二三四五六七八九十百千]+)"
_ERA_YEAR = (
    rf"(?:(?:令和|平成|昭和)(?:元|{_NJ})年|[0-9０-９]{{4}}年|再来年|今年|本年|来年|翌年|昨年)"
)
_JA_FISCAL_BASE = rf"(?:(?:令和|平成)(?:元|{_NJ})|[0-9０-９]{{4}}|今|来|本|昨|前|翌|当)年度"
_JA_BARE_YEAR = r"(?<![0-9０-９〇一二三四五六七八九十百千])年度?"
_JA_CORE = "|".join(
    [
        # parts of a year: 2026年上半期, 今年度下期, 上期中, 来年前半, 年央, 年明け, 2027年初頭
        rf"(?:(?:{_JA_FISCAL_BASE}|{_ERA_YEAR}|{_JA_BARE_YEAR})の?)?(?:上半期|下半期|上期|下期)(?:末|中|内)?",
        rf"(?:{_JA_FISCAL_BASE}|{_ERA_YEAR}|{_JA_BARE_YEAR})の?(?:前半|後半|半ば|央|初頭|初め|はじめ|明け)"
        r"(?:末|中|内)?",
        r"(?<![0-9０-９〇一二三四五六七八九十百千])年初(?!来)",
        # periods, with what they count from: 署名の日から180日以内, 発効後6か月以内
        rf"(?:(?P<jevent>[^、。\sはが]{{1,20}}?)(?:から|より|以降|後)(?=[0-9０-９〇一二三四五六七八九十百千半]))?"
        rf"(?:{_NJ}(?:営業日|日間?|週間?|(?:か|ヶ|カ|ケ|ヵ|箇)月間?|年間?)|半年間?)(?:以内|後)",
        # fiscal years and their quarters
        rf"(?:(?:令和|平成)(?:元|{_NJ})|[0-9０-９]{{4}}|今|来|本|昨|前|翌|当)年度(?:第{_NJ}四半期)?(?:末|中|内|いっぱい)?",
        r"年度(?:末|内)",
        # days, months and their parts
        rf"{_ERA_YEAR}?{_NJ}月{_NJ}日(?:\s?[(（][月火水木金土日][)）])?",
        rf"{_ERA_YEAR}?{_NJ}月(?:上旬|初旬|中旬|下旬|初め|半ば|末|中|内)?",
        r"(?:今月|来月|翌月)(?:上旬|中旬|下旬|末|中|内)?",
        rf"{_ERA_YEAR}第{_NJ}四半期",
        # seasons and years
        rf"(?:{_ERA_YEAR}|今|来)(?:春|夏|秋|冬)",
        rf"{_ERA_YEAR}(?:末|中|内)?",
        r"年(?:内|末)",
    ]
)
_JA_CUE_AFTER = (
    r"(?P<jcue>までに|まで|を目途に|を目途として|を目途|を目処に|をめどに|以内|中に|内に|末に)?"
)
_JA_PATTERN = re.compile(rf"(?P<core>{_JA_CORE}){_JA_CUE_AFTER}")
_JA_LIMIT = re.compile(r"(?:末|中|内|以内|いっぱい)$")


def find_time_mentions(text: str, language: str, *, reference: date | None) -> list[TimeMention]:
    """Every date or time frame in `text` that temporal.py can read, left to right."""
    if language == "ja":
        return _find_japanese(text, reference)
    return _find_english(text, reference)


def pick_deadline(mentions: list[TimeMention], *, reference: date | None) -> TimeMention | None:
    """The first mention written as a limit that is not already past on the reference date.

    A stated date wins over a counted period: in "over ten years to 2012" the deadline is 2012.
    """
    limits = [
        mention
        for mention in mentions
        if mention.deadline_cue
        and (mention.resolved is None or reference is None or mention.resolved.date >= reference)
    ]
    stated = [mention for mention in limits if not mention.counted]
    chosen = stated or limits
    return chosen[0] if chosen else None


# Words that narrow a year to a part the patterns above did not take whole ("the early part of
# 2026", 2026年の前半期): the year alone would be a wrong, later deadline, so the mention is
# dropped rather than misread.
_EN_PART_BEFORE = re.compile(
    r"(?:\bmid-?|\bearly\s|\blate\s|\b(?:half|part)\sof\s(?:the\s)?(?:year\s)?)$", re.I
)
_JA_PART_AFTER = re.compile(r"の?(?:上半期|下半期|上期|下期|前半|後半|初頭|半ば)")


def _find_english(text: str, reference: date | None) -> list[TimeMention]:
    mentions: list[TimeMention] = []
    for match in _EN_PATTERN.finditer(text):
        core = match.group("core")
        if _EN_PART_BEFORE.search(text, 0, match.start("core")):
            continue
        cue = (match.group("cue") or "").lower()
        if _LONE_MONTH.match(core) and cue not in _MONTH_CUES:
            continue  # "May" the verb, "March" the noun
        if _PERIOD.match(core) and not cue and match.group("event") is None:
            continue  # "$25 billion a year" is a rate, "two years" alone no time frame
        expression = re.sub(r"'s$", "", core)
        if _PERIOD.match(core):  # "over the next five years" counts five years
            expression = re.sub(r"^(?:the\s)?(?:next|coming|following|first)\s", "", expression)
        elif cue in ("within", "over", "in") and re.fullmatch(r"the\s(?:next|coming)\syear", core):
            expression = "1 year"  # "within the next year": a year from now, not next January
        event = match.group("event")
        limit = cue in _EN_DEADLINE_CUES or core.startswith("later")
        mention = _mention(text, match, expression, limit, event, reference)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _find_japanese(text: str, reference: date | None) -> list[TimeMention]:
    mentions: list[TimeMention] = []
    for match in _JA_PATTERN.finditer(text):
        core = match.group("core")
        if _JA_PART_AFTER.match(text, match.end("core")):
            continue
        limit = bool(match.group("jcue")) or bool(_JA_LIMIT.search(core))
        event = match.group("jevent")
        expression = core if event is None else core[core.index(event) + len(event) :]
        expression = re.sub(r"^(?:から|より|以降|後)", "", expression)
        if expression.endswith("明け") and (match.group("jcue") or "").startswith("まで"):
            expression += "まで"  # 年明けまでに: before the year turns, not in January
        mention = _mention(text, match, expression, limit, event, reference)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _mention(
    text: str,
    match: re.Match[str],
    expression: str,
    limit: bool,
    event: str | None,
    reference: date | None,
) -> TimeMention | None:
    if event is not None and _SELF_EVENT.match(event.strip()):
        event = None
    try:
        probe = resolve_deadline(expression, reference=reference or date(2000, 1, 1))
    except TemporalExpressionError:
        return None
    resolved: ResolvedDate | None = probe
    if event is not None:
        resolved = None
    elif reference is None:
        # Without a document date, keep only what does not depend on one.
        other = resolve_deadline(expression, reference=date(2010, 7, 1))
        resolved = probe if other.date == probe.date else None
    return TimeMention(
        start=match.start(),
        end=match.end(),
        text=match.group().strip(),
        deadline_cue=limit,
        event=event.strip() if event else None,
        resolved=resolved,
        precision=probe.precision,
        counted=bool(_COUNTED.match(probe.rule)),
        names_year=bool(_NAMES_YEAR.search(match.group("core"))),
    )
