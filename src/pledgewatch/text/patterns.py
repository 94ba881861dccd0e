"""One regular expression for a long list of words, fast enough to run on every news item.

Python's ``re`` tries the alternatives of ``a|b|c|...`` one after the other at every position
of the text, which is slow for the hundreds of terms of a thesaurus. The same words written as
a trie (``ab(?:c|d)`` for 'abc' and 'abd') let the engine discard a position after one or two
characters. The pattern still finds, at each position, the longest word of the list that
matches there, as the plain alternation sorted longest-first would. Measured on the news of the
development set: 7.4 ms per item for the plain alternation of the thesaurus, 0.09 ms for the
two tries of ``TermFinder``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A word character of the Latin script, for the boundaries of Latin words.
LATIN_BOUNDARY = "0-9A-Za-z"

_END = ""  # the key of a trie node that marks the end of a word


def _insert(trie: dict[str, dict], word: str) -> None:  # type: ignore[type-arg]
    node = trie
    for char in word:
        node = node.setdefault(char, {})
    node[_END] = {}


def _render(node: dict[str, dict], end: str) -> str:  # type: ignore[type-arg]
    """The pattern of a trie node: its children first (longer words), then its own end."""
    branches = [
        re.escape(char) + _render(child, end)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if _END in node:
        branches.append(end)
    if not branches:
        return ""
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def trie_pattern(words: Iterable[str], *, boundary: str | None = None) -> str:
    """A pattern matching any of ``words`` (longest first at each position).

    With ``boundary`` (a character class body such as LATIN_BOUNDARY), a word must not be
    preceded or followed by a character of that class.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        if word:
            _insert(trie, word)
    if not trie:
        return "(?!)"
    if boundary is None:
        return _render(trie, "")
    return f"(?<![{boundary}])" + _render(trie, f"(?![{boundary}])")


_JAPANESE_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


class TermFinder:
    """Finds a fixed list of terms: Japanese ones anywhere, Latin ones on word boundaries.

    The two scripts are searched with two patterns, since one pattern holding both loses
    ``re``'s fast scan for a possible first character and runs several times slower. The hits
    are merged as one search would give them: leftmost first, the longest where they overlap.
    Terms are matched as given: callers normalise texts and terms the same way.
    """

    def __init__(self, terms: Iterable[str], *, boundary: str = "0-9a-z") -> None:
        japanese = [t for t in terms if _JAPANESE_CHAR.search(t)]
        latin = [t for t in terms if t and not _JAPANESE_CHAR.search(t)]
        self._patterns = [
            re.compile(trie_pattern(found, boundary=bound))
            for found, bound in ((japanese, None), (latin, boundary))
            if found
        ]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every hit, left to right, without overlaps."""
        if len(self._patterns) == 1:
            return [m.span() for m in self._patterns[0].finditer(text)]
        hits = sorted(
            (m.span() for pattern in self._patterns for m in pattern.finditer(text)),
            key=lambda span: (span[0], -span[1]),
        )
        merged: list[tuple[int, int]] = []
        for start, end in hits:
            if not merged or start >= merged[-1][1]:
                merged.append((start, end))
        return merged
