"""Split a commitment by target, not by sentence.

COMMITMENTS.md: each separate target is its own commitment. A lead-in with a list gives one
commitment per item (structure.py pairs items with their lead-in); here a sentence is split
where it lists its own items inline ("to deliver three targets: a) ...; b) ...; c) ...") or
coordinates goals, each with its own verb and object ("achieve strong growth ... and
safeguard against downside risks", "expand X, establish Y and share Z", 〜を強化するとともに、
〜を推進する, 〜を拡大し、〜を設置する). A chain of steps toward one target ("identify and finance
projects", "develop, deploy and foster the use of ...", 強化し、多様化する) keeps its verbs side
by side with one object, or points back to it ("and promote their deployment", これに資金を供給
する), and stays whole. Each part keeps its own span in the text.
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
    rf"(?:,\s*|\s+)and\s+(?:(?:to|will|shall|also|further|then|jointly)\s+)?(?P<verb>{_VERBS})(?=\s)"
)
# "expand X, establish Y and share Z": a comma before a verb cuts when "and <verb>" closes
# the series.
_EN_COMMA = re.compile(rf",\s*(?P<verb>{_VERBS})(?=\s)")
_EN_OPENING = re.compile(
    r"^.*?\b(?:will|shall|commit(?:s|ted)?(?:\s+ourselves)?\s+to|(?:are|remain)\s+(?:\w+\s+)?"
    r"(?:committed|determined|resolved)\s+to|agree[sd]?\s+to|decided?\s+to|intend\s+to|plan\s+to"
    r"|aim\s+to|pledge\s+to|undertake\s+to)\s+",
    re.IGNORECASE | re.DOTALL,
)
_JA_AND = re.compile(r"(?:するとともに|すると共に|とともに|と共に|するほか|ほか)、")
_JA_TOPIC = re.compile(r"^[^、。]{1,40}?は、")
# A purpose or scope opening both goals: 〜するため、〜に向けて、〜に関し、
_JA_PURPOSE = re.compile(
    r"[^、。]{1,40}?(?:ため|に向けて|に向け|に関して|に関し|において|を通じて)、"
)
# A verb's continuative form before 、: サ変 (拡大し、) or a common verb of policy texts.
_JA_DICTIONARY = {
    "行い": "行う", "進め": "進める", "図り": "図る", "深め": "深める", "設け": "設ける",
    "講じ": "講じる", "高め": "高める", "広げ": "広げる", "整え": "整える", "築き": "築く",
    "取り組み": "取り組む", "作り": "作る", "育て": "育てる", "支え": "支える", "守り": "守る",
}  # fmt: skip
_JA_CONTINUATIVE = re.compile(
    rf"(?<!に対)(?<!に関)(?<!に際)(?<!を有)(?P<form>[一-龥]し|{'|'.join(_JA_DICTIONARY)})、(?:及び|並びに|また)?"
)
_JA_BACK = re.compile(r"(?:及び|並びに|また)?(?:これ|それ|その|当該|同)")
# A goal has a verb and its own object ("support Africa"); "develop and implement a plan" or
# "work together and support ..." has none before the "and", so it is one chain, not two goals.
_MIN_WORDS = 2
# A step whose object points back ("develop X and promote its use") serves the same target.
_EN_BACK = re.compile(r"\s+(?:\w+\s+)?(?:its|their|it|them|this|these|those|such)\b", re.I)
_MANNER = re.compile(r"^(?:\w+ly|together|jointly|further|also|then|more|as well)$", re.IGNORECASE)


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
    ands = list(_EN_AND.finditer(text, opening.end()))
    commas = [
        m for m in _EN_COMMA.finditer(text, opening.end()) if ands and m.end() < ands[-1].start()
    ]
    cuts: list[re.Match[str]] = []
    for match in sorted([*ands, *commas], key=lambda m: m.start()):
        since = cuts[-1].start("verb") if cuts else opening.end()
        after = text[match.end("verb") :]
        if _content_words(text[since : match.start()]) >= _MIN_WORDS and not _EN_BACK.match(after):
            cuts.append(match)
    if not cuts:
        return [Target(text, start, start + len(text))]
    targets = []
    previous_end = 0
    shared = text[: opening.end()].strip()
    for index, cut in enumerate(cuts):
        piece_start = previous_end if index else 0
        if _content_words(text[cut.start("verb") :]) < _MIN_WORDS:
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
    cuts = _japanese_cuts(text)
    if not cuts:
        return [Target(text, start, start + len(text))]
    topic = _JA_TOPIC.match(text)
    shared = topic.group() if topic else ""
    purpose = _JA_PURPOSE.match(text, len(shared))
    if purpose and purpose.end() <= cuts[0][0]:
        shared = text[: purpose.end()]
    targets = []
    previous = 0
    for cut_start, cut_end, ending in cuts:
        piece = text[previous:cut_start] + ending
        if len(piece) < 8:
            return [Target(text, start, start + len(text))]
        body = piece if previous == 0 else shared + piece
        targets.append(_target(body, text, start, previous, cut_start + len(ending) - 1))
        previous = cut_end
    rest = text[previous:]
    if len(rest) < 8:
        return [Target(text, start, start + len(text))]
    targets.append(_target(shared + rest if shared else rest, text, start, previous, len(text)))
    return targets


def _japanese_cuts(text: str) -> list[tuple[int, int, str]]:
    """Where a Japanese sentence divides: (start, end of the joint, the ending the part takes).

    〜とともに、joins two goals; so does a verb's 連用形 (〜を拡大し、〜を設置する) when each
    side has its own object (を) and the second does not point back to the first (これに資金を
    供給する is a step toward the same target). 強化し、多様化する shares one object: one target.
    """
    cuts: list[tuple[int, int, str]] = []
    for match in _JA_AND.finditer(text):
        ending = "する。" if match.group().startswith("する") else "。"
        cuts.append((match.start(), match.end(), ending))
    for match in _JA_CONTINUATIVE.finditer(text):
        form = match.group("form")
        if form in _JA_DICTIONARY:  # 行い -> 行う。
            begin, ending = match.start("form"), _JA_DICTIONARY[form] + "。"
        else:  # 拡大し -> 拡大する。
            begin, ending = match.end("form") - 1, "する。"
        since = max([end for _, end, _ in cuts if end <= match.start()], default=0)
        after = text[match.end() :]
        following = re.split(r"[、。]", after, maxsplit=1)[0]
        if "を" in text[since : match.start()] and "を" in following and not _JA_BACK.match(after):
            cuts.append((begin, match.end(), ending))
    return sorted(cuts)


def _target(body: str, text: str, start: int, begin: int, end: int) -> Target:
    """A target whose span covers text[begin:end], trimmed of spaces and separators."""
    while begin < end and (text[begin].isspace() or text[begin] in ",;、"):
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] in ",;、"):
        end -= 1
    return Target(" ".join(body.split()), start + begin, start + end)


def _content_words(text: str) -> int:
    """Words of the last comma-separated part that are not adverbs of manner.

    "work together" has one, "support Africa" two, "develop, deploy" one (a series of verbs).
    """
    last = text.strip().rstrip(",;").split(",")[-1]
    return sum(1 for word in last.split() if not _MANNER.match(word.strip(",;.")))
