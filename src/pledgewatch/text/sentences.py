"""Split running text into sentences, in Japanese or English, keeping exact offsets.

Every sentence points back into the text it came from, because a proposed commitment must name
its exact source span; so the text is never rewritten here. Japanese goes through
ja-sentence-segmenter (lines broken after の/と/、 rejoined first, 「」『』() protected); the
punctuation set holds both widths, which is what normalising to NFKC would buy. English uses a
small regular-expression splitter with an abbreviation set, since "Sept. 16", "the U.S. and
Japan", "Donald J. Trump" and "J.P. Morgan" defeat a naive split on full stops.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ja_sentence_segmenter.concatenate.simple_concatenator import concatenate_matching
from ja_sentence_segmenter.split.simple_splitter import ESCAPE_CHAR, split_punctuation


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and where it lies in the text it was split from."""

    start: int
    end: int
    text: str


def split_sentences(text: str, language: str, *, offset: int = 0) -> list[Sentence]:
    """The sentences of `text`, with offsets into it plus `offset`; blank text gives none."""
    if language == "ja":
        return _split_japanese(text, offset)
    return _split_english(text, offset)


# --- Japanese ---------------------------------------------------------------------------------

_JA_PUNCTUATION = "。！？!?"
# A line that stops after の, と or 、 (or an opening bracket) runs on into the next one.
_JA_RUN_ON = r"^(?P<result>.*[のと、「『（(])$"
_JA_DOUBLE_QUOTE = re.compile(r"『[^『』]*』")


def _protect(match: re.Match[str]) -> str:
    return re.sub(rf"([{_JA_PUNCTUATION}])", rf"{ESCAPE_CHAR}\1{ESCAPE_CHAR}", match.group())


def _split_japanese(text: str, offset: int) -> list[Sentence]:
    if ESCAPE_CHAR in text:  # the segmenter's own sentinel; too rare to handle otherwise
        text = text.replace(ESCAPE_CHAR, " ")
    lines = [line for line in text.splitlines() if line.strip()]
    joined = concatenate_matching(lines, former_matching_rule=_JA_RUN_ON)
    protected = (_JA_DOUBLE_QUOTE.sub(_protect, line) for line in joined)
    pieces = split_punctuation(protected, punctuations=_JA_PUNCTUATION)
    return _align(text, (piece.replace(ESCAPE_CHAR, "") for piece in pieces), offset)


def _align(text: str, pieces: Iterable[str], offset: int) -> list[Sentence]:
    """Find each piece in `text` in order, ignoring whitespace the segmenter dropped."""
    sentences: list[Sentence] = []
    cursor = 0
    for piece in pieces:
        wanted = "".join(piece.split())
        if not wanted:
            continue
        while cursor < len(text) and text[cursor].isspace():
            cursor += 1
        start = position = cursor
        matched = 0
        while position < len(text) and matched < len(wanted):
            char = text[position]
            if char == wanted[matched]:
                matched += 1
            elif not char.isspace():
                break
            position += 1
        if matched < len(wanted):  # not found in order: fall back to a plain search
            found = text.find(wanted, cursor)
            if found < 0:
                continue
            start, position = found, found + len(wanted)
        sentences.append(Sentence(offset + start, offset + position, text[start:position]))
        cursor = position
    return sentences


# --- English ----------------------------------------------------------------------------------

# Never the last word of a sentence: titles, initials, "No. 5", "Sept. 16", "e.g.".
_NEVER_FINAL = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "st", "hon",
    "amb", "no", "nos", "art", "arts", "para", "paras", "sec", "fig", "vol", "pp", "p",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "cf", "vs", "approx", "incl", "viz", "op", "ed", "eds",
}  # fmt: skip
# Sometimes the last word: "... with the U.S." ends a sentence, "the U.S. and Japan" does not.
_MAYBE_FINAL = {
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "co", "corp", "inc", "ltd", "llc", "plc", "etc", "jr",
    "sr", "bros", "a.m", "p.m", "d.c", "j.p", "n.v", "s.a", "ag",
}  # fmt: skip
_SENTENCE_STARTERS = {
    "the", "we", "in", "this", "it", "they", "he", "she", "on", "at", "for", "as", "our", "a",
    "an", "these", "those", "both", "each", "all", "its", "their", "his", "her", "there",
    "however", "moreover", "furthermore", "further", "also", "to", "with", "under", "by",
    "president", "prime", "secretary", "minister", "leaders", "japan", "participants",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.?$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]*([A-Za-z0-9]*)")


def _split_english(text: str, offset: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if not _is_boundary(text, match):
            continue
        _add(sentences, text, start, end, offset)
        start = end
    _add(sentences, text, start, len(text), offset)
    return sentences


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group().startswith(("!", "?")):
        return True
    before = _WORD_BEFORE.search(text[max(0, match.start() - 20) : match.start() + 1])
    following = _NEXT_WORD.match(text, match.end())
    next_word = following.group(1) if following else ""
    if next_word and next_word[0].islower():
        return False  # "No. of", "U.S. and", "etc. in"
    if before is None:
        return True
    word = before.group(1).rstrip(".").lower()
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "Donald J. Trump"
    if word in _NEVER_FINAL:
        return False
    if word in _MAYBE_FINAL or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return next_word.lower() in _SENTENCE_STARTERS
    return True


def _add(sentences: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = start + lead
    sentences.append(Sentence(offset + begin, offset + begin + len(stripped), stripped))
