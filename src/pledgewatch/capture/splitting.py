"""Split a commitment by target, not by sentence.

COMMITMENTS.md: each separate target is its own commitment. A lead-in with a list gives one
commitment per item (structure.py pairs items with their lead-in); here a sentence is split
where it lists its own items inline ("to deliver three targets: a) ...; b) ...; c) ...") or
coordinates two goals, each with its own verb and object ("achieve strong growth ... and
safeguard against downside risks", 〜を強化するとともに、〜を推進する). A chain of steps toward
one target ("identify and finance projects", "develop, deploy and foster the use of ...") keeps
its verbs side by side with one object, and stays whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """One part of a commitment: its text (with the shared opening) and its own span."""

    text: str
    start: int  # offsets into the document text
    end: int


_INLINE_MARKER = re.compile(
    r"(?:(?<=[:;,]\s)|(?<=[:;]))\s*(?:\(?[a-h]\)|\(?(?:i|ii|iii|iv|v|vi)\)|\d\))\s+"
)
# Verbs that open a second goal after "and": base forms of the verbs of policy documents.
_VERBS = (
    "accelerate|achieve|address|adopt|advance|assess|assist|build|close|combat|complete|consider"
    "|continue|contribute|convene|cooperate|coordinate|create|cut|deepen|deliver|design|develop"
    "|double|eliminate|enable|encourage|engage|enhance|ensure|establish|expand|explore|extend"
    "|facilitate|finalize|finalise|foster|fulfil|fulfill|fund|halt|help|hold|identify|implement"
    "|improve|increase|initiate|intensify|introduce|invest|launch|lower|maintain|make|meet"
    "|mobilize|mobilise|monitor|phase|prepare|prevent|promote|protect|provide|pursue|raise"
    "|ratify|reach|reduce|reform|reinforce|remove|report|resist|resolve|respond|restore|review"
    "|safeguard|scale|secure|seek|set|share|simplify|stimulate|streamline|strengthen|support"
    "|sustain|tackle|take|train|undertake|upgrade|work"
)
_EN_AND = re.compile(
    rf"(?:,\s*|\s+)and\s+(?:(?:to|will|shall|also|further|then|jointly)\s+)?(?P<verb>{_VERBS})\b"
)
_EN_OPENING = re.compile(
    r"^.*?\b(?:will|shall|commit(?:s|ted)?(?:\s+ourselves)?\s+to|(?:are|remain)\s+(?:\w+\s+)?"
    r"(?:committed|determined|resolved)\s+to|agree[sd]?\s+to|decided?\s+to|intend\s+to|plan\s+to"
    r"|aim\s+to|pledge\s+to|undertake\s+to)\s+",
    re.IGNORECASE | re.DOTALL,
)
_JA_AND = re.compile(r"(?:するとともに|すると共に|とともに|と共に|するほか|ほか)、")
_JA_TOPIC = re.compile(r"^[^、。]{1,40}?は、")
_MIN_WORDS = 4


def split_targets(text: str, start: int, language: str) -> list[Target]:
    """The targets of one commitment sentence at `start` in the document; one if undivided."""
    if language == "ja":
        return _split_japanese(text, start)
    return _split_english(text, start)


def _split_english(text: str, start: int) -> list[Target]:
    colon = text.find(":")
    if colon > 0:
        markers = list(_INLINE_MARKER.finditer(text, colon))
        if len(markers) >= 2:
            lead = text[:colon].strip()
            targets = []
            for index, marker in enumerate(markers):
                end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
                piece = text[marker.end() : end].strip().rstrip(";,").strip()
                piece = re.sub(r"\s*\band$", "", piece)
                if piece:
                    targets.append(_target(f"{lead}: {piece}", text, start, marker.end(), end))
            if targets:
                return targets
    opening = _EN_OPENING.match(text)
    if opening is None:
        return [Target(text, start, start + len(text))]
    cuts = [
        match
        for match in _EN_AND.finditer(text, opening.end())
        if _words(text[opening.end() : match.start()]) >= _MIN_WORDS
    ]
    if not cuts:
        return [Target(text, start, start + len(text))]
    targets = []
    previous_end = 0
    shared = text[: opening.end()].strip()
    for index, cut in enumerate(cuts):
        piece_start = previous_end if index else 0
        if _words(text[cut.start("verb") :]) < _MIN_WORDS:
            break
        first = text[piece_start : cut.start()].strip()
        body = first if index == 0 else f"{shared} {first}"
        targets.append(_target(body, text, start, piece_start, cut.start()))
        previous_end = cut.start("verb")
    last = text[previous_end:].strip()
    if not targets:
        return [Target(text, start, start + len(text))]
    targets.append(_target(f"{shared} {last}", text, start, previous_end, len(text)))
    return targets


def _split_japanese(text: str, start: int) -> list[Target]:
    cuts = list(_JA_AND.finditer(text))
    if not cuts:
        return [Target(text, start, start + len(text))]
    topic = _JA_TOPIC.match(text)
    shared = topic.group() if topic else ""
    targets = []
    previous = 0
    for cut in cuts:
        piece = text[previous : cut.start()] + (
            "する。" if cut.group().startswith("する") else "。"
        )
        if len(piece) < 8:
            return [Target(text, start, start + len(text))]
        body = piece if previous == 0 else shared + piece
        targets.append(_target(body, text, start, previous, cut.start()))
        previous = cut.end()
    rest = text[previous:]
    if len(rest) < 8:
        return [Target(text, start, start + len(text))]
    targets.append(_target(shared + rest if shared else rest, text, start, previous, len(text)))
    return targets


def _target(body: str, text: str, start: int, begin: int, end: int) -> Target:
    """A target whose span covers text[begin:end], trimmed of spaces and separators."""
    while begin < end and (text[begin].isspace() or text[begin] in ",;、"):
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] in ",;、"):
        end -= 1
    return Target(" ".join(body.split()), start + begin, start + end)


def _words(text: str) -> int:
    return len(text.split())
