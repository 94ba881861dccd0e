"""Cut the passage of an item a reviewer needs to see: the sentences around the matched terms.

A reviewer judges a proposal from the words that made it, not from the whole article, and the
status history freezes that passage with the evidence. Sentences are split on Japanese and
Western end marks; the sentence holding the most distinct matched terms wins, and the next
sentences are added while they fit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

PASSAGE_LIMIT = 360
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.)\s+(?=[A-Z\"“(])|\n+")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# Words of the reasons themselves (kinds and judgements), not of the item.
_NOT_TERMS = frozenset(
    {
        "terms",
        "term",
        "concept",
        "concepts",
        "party",
        "parties",
        "actor",
        "actors",
        "time",
        "cue",
        "deadline",
        "focus",
        "achieved",
        "progress",
        "setback",
        "mention",
    }
)
_DETAIL_SPLIT = re.compile(r"[:;,/|()\[\]{}«»\"'“”「」『』]|->|→|=|\s{2,}")


def passage_around(text: str, terms: Iterable[str], *, limit: int = PASSAGE_LIMIT) -> str:
    """The sentences of ``text`` that hold the most of ``terms``, at most ``limit`` characters.

    With no term found the passage is the opening of the text, which in news carries the facts.
    """
    clean = unicodedata.normalize("NFKC", text).strip()
    if not clean:
        return ""
    sentences = [s.strip() for s in _SENTENCE_END.split(clean) if s and s.strip()]
    patterns = _term_patterns(terms)
    best, best_hits = 0, 0
    for index, sentence in enumerate(sentences):
        hits = sum(1 for pattern in patterns if pattern.search(sentence))
        if hits > best_hits:
            best, best_hits = index, hits
    chosen = [sentences[best]]
    length = len(sentences[best])
    for sentence in sentences[best + 1 :]:
        if length + len(sentence) + 1 > limit:
            break
        chosen.append(sentence)
        length += len(sentence) + 1
    joined = _join(chosen)
    return joined if len(joined) <= limit else joined[: limit - 1].rstrip() + "…"


def terms_from_details(details: Iterable[str]) -> list[str]:
    """The words quoted in reason details ('cue: 開催した -> achieved' gives '開催した', ...)."""
    found: list[str] = []
    for detail in details:
        for piece in _DETAIL_SPLIT.split(detail):
            word = piece.strip()
            if (
                len(word) >= 2
                and not word.replace(".", "").isdigit()
                and word.lower() not in _NOT_TERMS
            ):
                found.append(word)
    return list(dict.fromkeys(found))


def _term_patterns(terms: Iterable[str]) -> list[re.Pattern[str]]:
    patterns = []
    for term in dict.fromkeys(t.strip() for t in terms):
        if len(term) < 2:
            continue
        escaped = re.escape(unicodedata.normalize("NFKC", term))
        if _JAPANESE.search(term):
            patterns.append(re.compile(escaped))
        else:
            patterns.append(re.compile(rf"(?<![0-9A-Za-z]){escaped}(?![0-9A-Za-z])", re.IGNORECASE))
    return patterns


def _join(sentences: list[str]) -> str:
    out = ""
    for sentence in sentences:
        if out and not (_JAPANESE.search(out[-1]) or out[-1] in "。！？」』）"):
            out += " "
        out += sentence
    return out
