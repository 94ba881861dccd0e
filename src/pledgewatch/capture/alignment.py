"""Find a passage, or the sentence a statement paraphrases, in a text typed out differently.

The same official text reaches us with other line breaks, spaces added or lost, 、。 swapped
for ,. , full-width letters and digits, other quotes. Both sides are therefore compared as a
*skeleton*: NFKC, case-folded, letters, digits, kana and kanji only. The skeleton keeps, for
every character, where it came from in the original text, so a match in the skeleton is an
exact character span in the original.

A passage is found by exact search in the skeleton first, then by a fuzzy alignment (k-gram
votes for where it lies, difflib for how well it matches) that has to clear a similarity
threshold. A paraphrased statement has no passage to find; it is compared, as a bag of
character bigrams (Japanese) or word stems (English), with each sentence and clause of the text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum
from functools import cached_property

FUZZY_THRESHOLD = 0.85
"""A passage found fuzzily at this similarity or above is taken as the same passage."""
PASSAGE_FLOOR = 0.6
"""Below this, a fuzzy candidate is not even worth reporting."""
STATEMENT_THRESHOLD = 0.5
"""A statement aligned to a sentence at this score or above is anchored there."""
STATEMENT_FLOOR = 0.3
"""Between the floor and the threshold a statement's best sentence is reported, not used."""

_K = 4  # k-gram length for votes and shingles: long enough to be specific in both languages
_COMMON_KGRAM = 40  # k-grams seen more often than this in a text carry no position information
_HALF_WIDTH_MARKS = "\uff9e\uff9f"  # ﾞ ﾟ: they combine with the preceding half-width kana


class Method(StrEnum):
    """How a span was found."""

    EXACT = "exact"  # the passage, identical once both sides are reduced to their skeletons
    FUZZY = "fuzzy"  # the passage, with small differences, above FUZZY_THRESHOLD
    STATEMENT = "statement"  # the sentence or clause that best matches a paraphrased statement


@dataclass(frozen=True)
class Match:
    """A span of the original text, how it was found, and how sure that is (0-1)."""

    start: int
    end: int
    score: float
    method: Method


@dataclass(frozen=True)
class Skeleton:
    """A text reduced to letters, digits, kana and kanji, mapped back to the original offsets."""

    original: str
    chars: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of skeleton characters [start, end)."""
        return self.starts[start], self.ends[end - 1]

    @cached_property
    def kgrams(self) -> dict[str, list[int]]:
        """Where each k-gram of the skeleton starts."""
        index: dict[str, list[int]] = {}
        for position in range(len(self.chars) - _K + 1):
            index.setdefault(self.chars[position : position + _K], []).append(position)
        return index


def skeleton(text: str) -> Skeleton:
    """The skeleton of ``text``: what is left to compare once form is set aside."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        for char in unicodedata.normalize("NFKC", text[start:end]).casefold():
            if char.isalnum():
                chars.append(char)
                starts.append(start)
                ends.append(end)
    return Skeleton(text, "".join(chars), tuple(starts), tuple(ends))


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """A character with the combining marks after it, which NFKC must see together (ｶﾞ, が)."""
    start = 0
    for position in range(1, len(text) + 1):
        if position < len(text) and (
            unicodedata.combining(text[position]) or text[position] in _HALF_WIDTH_MARKS
        ):
            continue
        yield start, position
        start = position


def locate(passage: str, text: Skeleton, *, near: float | None = None) -> Match | None:
    """Where ``passage`` lies in ``text``: exact in the skeleton, else the best fuzzy candidate.

    ``near`` (0-1) is where in the text the passage is expected, used only to choose among
    several exact occurrences. Returns None when nothing reaches PASSAGE_FLOOR; a Match below
    FUZZY_THRESHOLD is a low-confidence candidate that the caller should report, not use.
    """
    query = skeleton(passage)
    if not query.chars or not text.chars:
        return None
    found = _exact(query.chars, text.chars, near)
    if found is not None:
        start, end = _widen(passage, text, *text.span(found, found + len(query.chars)))
        return Match(start, end, 1.0, Method.EXACT)
    best = _fuzzy(query.chars, text)
    if best is None or best[2] < PASSAGE_FLOOR:
        return None
    start, end = _widen(passage, text, *text.span(best[0], best[1]))
    return Match(start, end, round(best[2], 3), Method.FUZZY)


def _exact(query: str, text: str, near: float | None) -> int | None:
    positions = []
    position = text.find(query)
    while position != -1:
        positions.append(position)
        position = text.find(query, position + 1)
    if not positions:
        return None
    if near is None or len(positions) == 1:
        return positions[0]
    return min(positions, key=lambda p: abs(p / max(1, len(text)) - near))


def _fuzzy(query: str, text: Skeleton) -> tuple[int, int, float] | None:
    """The skeleton span most similar to ``query``: k-gram votes pick places, difflib judges."""
    length = len(query)
    if length < _K:
        return None
    bucket = max(4, length // 8)
    votes: Counter[int] = Counter()
    for offset in range(length - _K + 1):
        positions = text.kgrams.get(query[offset : offset + _K], [])
        if len(positions) > _COMMON_KGRAM:
            continue
        for position in positions:
            votes[(position - offset) // bucket] += 1
    if not votes and len(text.chars) <= 200_000:
        # Every k-gram of the query is common (boilerplate): let them all vote after all.
        for offset in range(length - _K + 1):
            for position in text.kgrams.get(query[offset : offset + _K], []):
                votes[(position - offset) // bucket] += 1
    best: tuple[int, int, float] | None = None
    for diagonal, _count in votes.most_common(5):
        low = max(0, diagonal * bucket - length // 4)
        high = min(len(text.chars), diagonal * bucket + length + length // 4)
        span = _tighten(query, text.chars, low, high)
        if span is None:
            continue
        score = SequenceMatcher(None, text.chars[span[0] : span[1]], query, autojunk=False).ratio()
        if best is None or score > best[2]:
            best = (span[0], span[1], score)
    return best


def _tighten(query: str, text: str, low: int, high: int) -> tuple[int, int] | None:
    """The part of text[low:high] that aligns with ``query``, without stray edge matches."""
    matcher = SequenceMatcher(None, text[low:high], query, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    while len(blocks) > 1 and blocks[0].size < 3:
        blocks.pop(0)
    while len(blocks) > 1 and blocks[-1].size < 3:
        blocks.pop()
    if not blocks:
        return None
    return low + blocks[0].a, low + blocks[-1].a + blocks[-1].size


def _widen(passage: str, text: Skeleton, start: int, end: int) -> tuple[int, int]:
    """Take in the punctuation the passage itself begins or ends with (。 」 ) . and the like)."""
    original = text.original
    trimmed = passage.strip()
    lead = _edge_marks(trimmed)
    tail = _edge_marks(trimmed[::-1])
    while lead and start > 0 and _is_mark(original[start - 1]):
        start -= 1
        lead -= 1
    while tail and end < len(original) and _is_mark(original[end]):
        end += 1
        tail -= 1
    return start, end


def _edge_marks(text: str) -> int:
    count = 0
    for char in text:
        if not _is_mark(char):
            break
        count += 1
    return count


def _is_mark(char: str) -> bool:
    """Punctuation or a quote, not a letter, digit or space."""
    return not char.isspace() and not unicodedata.normalize("NFKC", char).isalnum()


# --- statements: paraphrases aligned to sentences and clauses ---------------------------------

_UNIT_BREAK = re.compile(
    r"\n+|(?<=[。．！？!?；;])|(?<=[.:：])(?=\s)|(?<=[、,])(?=\s*(?:\(?[a-z0-9]{1,3}[.)]|[・•\-–]\s))"
)
_CLAUSE_BREAK = re.compile(r"(?<=[；;:：])|(?<=[、,])\s*(?=(?:and|or)\s)")
_WORD = re.compile(r"[0-9a-z]+")
_STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
     "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were",
     "which", "will", "with", "within", "both", "each", "other", "such", "shall", "would",
     "should"}
)  # fmt: skip


@dataclass(frozen=True)
class Unit:
    """A sentence or clause of a text: where it is, and its terms for comparison."""

    start: int
    end: int
    terms: frozenset[str] = field(compare=False)


def units(text: str, language: str) -> list[Unit]:
    """The sentences, lines, list items and clauses of ``text``, each with its terms."""
    spans: set[tuple[int, int]] = set()
    for start, end in _split(text, _UNIT_BREAK, 0, len(text)):
        spans.add((start, end))
        for clause in _split(text, _CLAUSE_BREAK, start, end):
            spans.add(clause)
    found = []
    for start, end in sorted(spans):
        terms = statement_terms(text[start:end], language)
        if terms:
            found.append(Unit(start, end, terms))
    return found


def _split(text: str, pattern: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = start
    for match in pattern.finditer(text, start, end):
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    trimmed = []
    for piece_start, piece_end in pieces:
        piece = text[piece_start:piece_end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            trimmed.append((piece_start + left, piece_start + right))
    return trimmed


def statement_terms(text: str, language: str) -> frozenset[str]:
    """What a statement is compared on: kanji/kana bigrams in Japanese, word stems in English."""
    chars = skeleton(text).chars
    if language == "ja":
        return frozenset(chars[i : i + 2] for i in range(len(chars) - 1))
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return frozenset(word[:6] for word in words if word not in _STOPWORDS and len(word) > 1)


def align_statement(statement: str, text: str, language: str) -> Match | None:
    """The sentence or clause of ``text`` that best matches a paraphrased ``statement``.

    The score is a Dice coefficient of their terms, each term weighted by how rare it is in
    the text (so 'Japan', 'United States' or 両者, which every sentence of such a document
    names, count for little). Returns None below STATEMENT_FLOOR; a Match below
    STATEMENT_THRESHOLD is a low-confidence candidate to report, not to use.
    """
    wanted = statement_terms(statement, language)
    candidates = units(text, language)
    if not wanted or not candidates:
        return None
    weight = _rarity(text, language)
    wanted_weight = sum(weight(term) for term in wanted)
    best: tuple[float, Unit] | None = None
    for unit in candidates:
        shared = sum(weight(term) for term in wanted & unit.terms)
        score = 2 * shared / (wanted_weight + sum(weight(term) for term in unit.terms))
        if best is None or score > best[0]:
            best = (score, unit)
    if best is None or best[0] < STATEMENT_FLOOR:
        return None
    return Match(best[1].start, best[1].end, round(best[0], 3), Method.STATEMENT)


def _rarity(text: str, language: str) -> Callable[[str], float]:
    """A term's weight: the log-inverse of how many sentences of ``text`` hold it."""
    sentences = [
        statement_terms(text[start:end], language)
        for start, end in _split(text, _UNIT_BREAK, 0, len(text))
    ]
    counts: Counter[str] = Counter(term for terms in sentences for term in terms)
    total = len(sentences) + 1

    def weight(term: str) -> float:
        return math.log(1 + total / (1 + counts[term]))

    return weight


def containment(part: Skeleton, whole: Skeleton) -> float:
    """How much of ``part`` (as k-gram shingles) occurs in ``whole``: 1.0 for a retyped copy."""
    shingles = {part.chars[i : i + _K] for i in range(len(part.chars) - _K + 1)}
    if not shingles:
        return 0.0
    return sum(1 for shingle in shingles if shingle in whole.kgrams) / len(shingles)
