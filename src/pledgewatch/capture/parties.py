"""Who is bound: the signatories of a document, and the subset a commitment names.

COMMITMENTS.md: all parties by default; a commitment by a subset ("France and Germany will
...") binds only those named. Parties are states and organisations, named by code (JP, US,
EU). Without a stored agreement to say who signed, the document's own words are read: "the
United States and Japan", 日米, "the Participants" defined in the preamble, "the G7".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ALL = "all"

# Names of the states and organisations that sign outcome documents most often.
_NAMES: dict[str, tuple[str, ...]] = {
    "JP": ("Japan", "Government of Japan", "日本", "日本国", "我が国", "わが国"),
    "US": ("United States of America", "United States", "U.S.", "US", "U.S.A.", "USA", "America",
           "米国", "アメリカ", "アメリカ合衆国", "合衆国"),
    "UK": ("United Kingdom", "U.K.", "UK", "Britain", "Great Britain", "英国", "イギリス"),
    "FR": ("France", "フランス"),
    "DE": ("Germany", "ドイツ"),
    "IT": ("Italy", "イタリア"),
    "CA": ("Canada", "カナダ"),
    "EU": ("European Union", "EU", "欧州連合"),
    "RU": ("Russia", "Russian Federation", "ロシア"),
    "KR": ("Republic of Korea", "South Korea", "ROK", "Korea", "韓国", "大韓民国"),
    "AU": ("Australia", "豪州", "オーストラリア"),
    "IN": ("India", "インド"),
    "PH": ("Philippines", "フィリピン"),
    "CN": ("China", "People's Republic of China", "中国"),
}  # fmt: skip
_G7 = ("CA", "FR", "DE", "IT", "JP", "UK", "US", "EU")
_JA_PAIRS = {"日": "JP", "米": "US", "英": "UK", "仏": "FR", "独": "DE", "伊": "IT", "加": "CA",
             "豪": "AU", "印": "IN", "韓": "KR", "露": "RU", "比": "PH", "中": "CN"}  # fmt: skip
_JA_PAIR = re.compile(
    r"(?<![一-龥])([日米英仏独伊加豪印韓露比中]{2,4})(?=両国|両政府|両首脳|首脳|間|の|は|が|[、・]|協力|同盟)"
)


@dataclass(frozen=True)
class PartyNames:
    """The signatories, by code, with the names the text may call them by."""

    codes: tuple[str, ...]
    names: dict[str, tuple[str, ...]]

    def named_in(self, text: str) -> list[str]:
        """The signatories a phrase names, in the order of their codes."""
        found = [code for code in self.codes if _mentions(text, self.names.get(code, ()))]
        for match in _JA_PAIR.finditer(text):
            for char in match.group(1):
                code = _JA_PAIRS.get(char)
                if code in self.codes and code not in found:
                    found.append(code)
        return [code for code in self.codes if code in found]


def party_names(
    codes: Sequence[str], extra: Mapping[str, Sequence[str]] | None = None
) -> PartyNames:
    """Names for the given party codes: the built-in ones plus any the agreement stores."""
    names = {code: _NAMES.get(code, (code,)) for code in codes}
    for code, more in (extra or {}).items():
        names[code] = (*names.get(code, ()), *more)
    return PartyNames(tuple(codes), names)


_PAIR_EN = re.compile(
    r"\b(?:U\.S\.|United States|US|Japan)\s?[-–]\s?(?:Japan|U\.S\.|United States|US)(?!\w)"
)
_TITLE_REACH = 400
_G7_MENTION = re.compile(r"\bG-?7\b|\bG-?8\b|Group of (?:Seven|Eight)|Ｇ７|G7首脳")


def detect_parties(text: str, language: str) -> PartyNames | None:
    """The signatories the opening of a document names, or None when it names none."""
    head = text[:3000]
    title = text[:_TITLE_REACH]  # "日米韓" in the body is a topic, not who signed
    if _G7_MENTION.search(title):
        g8 = re.search(r"\bG-?8\b|Group of Eight", title)
        return party_names((*_G7, "RU") if g8 else _G7)
    found: list[str] = []
    pair = _JA_PAIR.search(title) if language == "ja" else None
    if pair is not None:
        found += [_JA_PAIRS[c] for c in pair.group(1) if c in _JA_PAIRS]
    if _PAIR_EN.search(title):
        found += ["JP", "US"]
    between = re.search(
        r"\b(?:between|by)\s+(?:the\s+)?(?:Government\s+of\s+)?(?:the\s+)?(.{3,60}?)\s+and\s+"
        r"(?:the\s+)?(?:Government\s+of\s+)?(?:the\s+)?(.{3,60}?)(?=[\s,;(]|$)",
        head,
    )
    for phrase in between.groups() if between else ():
        found += [code for code, names in _NAMES.items() if _mentions(phrase, names)]
    for match in re.finditer(
        r"(.{0,120})(?:両者|「両者」|the\s+“?\"?Participants|the\s+“?\"?Parties)", head
    ):
        found += [code for code, names in _NAMES.items() if _mentions(match.group(1), names)]
    codes = tuple(dict.fromkeys(found))
    return party_names(codes) if len(codes) >= 2 else None


def _mentions(text: str, names: Sequence[str]) -> bool:
    for name in names:
        if re.search(r"[^\x00-\x7f]", name):
            if name in text:
                return True
        elif re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text):
            return True
    return False
