"""Find the thesaurus concepts a text mentions, in Japanese or English.

This is what lets a Japanese article meet an English commitment: both mention concepts, and a
concept has labels and synonyms in both languages. English terms match on word boundaries (so
'SMR' is not found inside 'SMRs' unless listed, and 'LNG' not inside 'LNGX'); Japanese terms
match as substrings, since Japanese is written without spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pledgewatch.text.normalize import normalize

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True)
class ConceptTerms:
    """A concept and the words that name it, in both languages."""

    concept_id: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class ConceptMatch:
    """A concept found in a text, with the words that matched and where."""

    concept_id: str
    term: str
    start: int
    end: int


class ConceptMatcher:
    """Matches a fixed set of concepts against many texts; build once, reuse."""

    def __init__(self, concepts: Iterable[ConceptTerms]) -> None:
        self._owners: dict[str, str] = {}
        for concept in concepts:
            for term in concept.terms:
                key = normalize(term)
                if len(key) >= 2:
                    # The first concept to claim a term keeps it: the file order decides.
                    self._owners.setdefault(key, concept.concept_id)
        alternatives = []
        for key in sorted(self._owners, key=len, reverse=True):
            escaped = re.escape(key)
            if _JAPANESE.search(key):
                alternatives.append(escaped)
            else:
                alternatives.append(rf"(?<![0-9a-z]){escaped}(?![0-9a-z])")
        self._pattern = re.compile("|".join(alternatives)) if alternatives else None

    def find(self, text: str) -> list[ConceptMatch]:
        """Every mention, left to right, longest term first where terms overlap.

        Offsets are into the normalised text (NFKC, case-folded, spaces collapsed).
        """
        if self._pattern is None:
            return []
        return [
            ConceptMatch(self._owners[m.group(0)], m.group(0), m.start(), m.end())
            for m in self._pattern.finditer(normalize(text))
        ]

    def concepts_in(self, text: str) -> dict[str, int]:
        """How often each concept is mentioned in ``text``."""
        counts: dict[str, int] = {}
        for match in self.find(text):
            counts[match.concept_id] = counts.get(match.concept_id, 0) + 1
        return counts
