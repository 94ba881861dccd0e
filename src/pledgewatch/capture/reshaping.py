"""The text arithmetic of merging and splitting proposals: lead-ins, joins and cut points.

A list item proposed as a commitment carries the lead-in of its list ("The Participants intend
to: ..."). Joining two such items must not repeat the lead-in; cutting one in two must give it
to both halves, so each still reads as a whole promise. Pure functions over strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from pledgewatch.capture.alignment import skeleton

_BOUNDARY = re.compile(r"[:：、,;；\s]")
_MIN_LEAD_IN = 8  # a shared beginning shorter than this is a coincidence, not a lead-in
_PROBE = 20  # skeleton characters used to find where a text's own words begin
# A list marker left at the end of the first half when the second half's item starts: (b) 2. ・
_MARKER = re.compile(r"(?:[(（]?(?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})[.)）]|[・•✔\-–]|\[\d{1,2}\])$")


def common_prefix(texts: Sequence[str]) -> str:
    """The longest beginning all ``texts`` share, character by character."""
    if not texts:
        return ""
    first, last = min(texts), max(texts)
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return first[:length]


def join_texts(texts: Sequence[str], language: str) -> str:
    """Join proposal texts in order, keeping a lead-in they share only once."""
    shared = common_prefix(texts)
    if len(texts) > 1 and len(shared) < min(len(t) for t in texts):
        cut = max((m.end() for m in _BOUNDARY.finditer(shared)), default=0)
        shared = shared[:cut]
    if len(texts) > 1 and len(shared.strip()) >= _MIN_LEAD_IN:
        rests = [t[len(shared) :].strip() for t in texts]
        rests = [r.rstrip("。.；;") for r in rests[:-1]] + rests[-1:]
        joiner, space = ("、", "") if language == "ja" else ("; ", " ")
        return f"{shared.rstrip()}{space}{joiner.join(rests)}"
    return ("" if language == "ja" else " ").join(t.strip() for t in texts)


def lead_in(text: str, passage: str, cut: int) -> str:
    """What the second half of a cut must carry over: the lead-in of the first.

    Two readings compete, and the longer one that ends before the cut wins: the words before
    ``passage`` (the span's own words) when the text starts with more than them, and the text
    up to the last colon before the cut ("... intend to:", 技術革新：).
    """
    own = skeleton(text)
    probe = skeleton(passage).chars[:_PROBE]
    found = own.chars.find(probe) if probe else -1
    before_passage = own.starts[found] if found > 0 and own.starts[found] <= cut else 0
    colon = max(text.rfind(":", 0, cut), text.rfind("：", 0, cut))
    return text[: max(before_passage, colon + 1)]


def span_cut(source: str, start: int, end: int, rest: str) -> tuple[int, int] | None:
    """Where in ``source`` the first half's span ends and the second's (``rest``) begins.

    None when the second half's words cannot be found inside the span [start, end).
    """
    window = skeleton(source[start:end])
    probe = skeleton(rest).chars[:_PROBE]
    found = window.chars.find(probe) if probe else -1
    if found <= 0:
        return None
    begin = start + window.starts[found]
    head = source[start:begin]
    head = _MARKER.sub("", head.rstrip())
    stop = start + len(head)
    while stop > start and not source[stop - 1].isalnum():
        stop -= 1
    if stop <= start:
        return None
    return stop, begin


def belongs(item: str, half: str, whole: str) -> bool:
    """Whether a half keeps an item (a deadline's or an amount's words) of the whole.

    It does when the item is written in the half, or when it is written in neither half
    (it was not in the text at all), so that nothing is lost by a split.
    """
    wanted = skeleton(item).chars
    return wanted in skeleton(half).chars or wanted not in skeleton(whole).chars


def union(lists: Iterable[Iterable[Any]]) -> list[Any]:
    """Every item of the lists once, in first-seen order."""
    return list(dict.fromkeys(item for items in lists for item in items))


def union_money(lists: Iterable[Iterable[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every amount once (by its words as written), in first-seen order."""
    seen: dict[str, dict[str, Any]] = {}
    for items in lists:
        for item in items:
            seen.setdefault(str(item.get("text")), item)
    return list(seen.values())
