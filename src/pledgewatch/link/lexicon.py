"""Find the words of a fixed list in text of either language, each tagged with what it names.

One compiled pattern (a trie, see text/patterns.py) serves a whole list: Japanese terms match
as substrings (Japanese is written without spaces); English terms match on word boundaries,
case-insensitively, except all-capital acronyms (US, EU, METI), which match only as written,
so that 'us' is not the United States. Texts are compared in NFKC with whitespace collapsed,
the offsets being into that form (see ``prepare``). Where terms overlap the longest wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pledgewatch.text.patterns import TermFinder

_SPACES = re.compile(r"\s+")
_HYPHEN = re.compile(r"(?<=[0-9A-Za-z.])-(?=[0-9A-Za-z])")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.\-&]*[A-Z0-9.]$")


def prepare(text: str) -> str:
    """The form matchers search: NFKC, whitespace collapsed, case kept.

    A hyphen between two words reads as a space ('550-billion-dollar', 'Japan-U.S.'); the
    offsets stay those of ``collapse``, since one character replaces another.
    """
    return _HYPHEN.sub(" ", collapse(text))


def collapse(text: str) -> str:
    """NFKC with whitespace collapsed: ``prepare`` without the hyphen rule."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text))


_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower(text: str) -> str:
    """ASCII letters lower-cased, nothing else touched, so offsets stay the same."""
    return text.translate(_LOWER)


@dataclass(frozen=True)
class Hit:
    """A term found in a text: what it names, the words and where (offsets into ``prepare``)."""

    tags: tuple[str, ...]
    term: str
    start: int
    end: int


class Lexicon:
    """A list of terms, each naming one or more tags; build once, search many texts."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        # lower-cased term -> (the exact form an acronym must have, or None; its tags)
        owners: dict[str, tuple[str | None, list[str]]] = {}
        for tag, terms in entries:
            for raw in terms:
                term = prepare(raw).strip()
                if len(term) < 2:
                    continue
                exact = term if _ACRONYM.match(term) else None
                key = lower(term)
                found = owners.get(key)
                if found is None or (found[0] is not None and exact is None):
                    # A plain word wins over an acronym of the same letters ('Diet', 'DIET').
                    owners[key] = (exact, found[1] if found else [])
                tags = owners[key][1]
                if tag not in tags:
                    tags.append(tag)
        self._owners = {key: (exact, tuple(tags)) for key, (exact, tags) in owners.items()}
        self._finder = TermFinder(self._owners)

    def __len__(self) -> int:
        return len(self._owners)

    def tags_of(self, term: str) -> tuple[str, ...]:
        """The tags a term names, or () when it is not in the list."""
        term = prepare(term).strip()
        exact, tags = self._owners.get(lower(term), (None, ()))
        return tags if exact is None or exact == term else ()

    def finditer(self, prepared: str, lowered: str | None = None) -> Iterator[Hit]:
        """Every hit in a text already passed through ``prepare``, left to right.

        ``lowered`` is ``lower(prepared)`` when the caller has it already.
        """
        if lowered is None:
            lowered = lower(prepared)
        for start, end in self._finder.spans(lowered):
            exact, tags = self._owners[lowered[start:end]]
            term = prepared[start:end]
            if exact is not None and term != exact:
                continue
            yield Hit(tags, term, start, end)

    def find(self, text: str) -> list[Hit]:
        """Every hit in ``text``; offsets are into ``prepare(text)``."""
        return list(self.finditer(prepare(text)))
