"""Find the thesaurus concepts a text mentions, in Japanese or English.

This is what lets a Japanese article meet an English commitment: both mention concepts, and a
concept has labels and synonyms in both languages. English terms match on word boundaries (so
'SMR' is not found inside 'SMRs' unless listed, and 'LNG' not inside 'LNGX'); Japanese terms
match as substrings, since Japanese is written without spaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pledgewatch.text.normalize import normalize
from pledgewatch.text.patterns import TermFinder


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
        # Tries (text/patterns.py): the matches of a longest-first alternation of all terms,
        # many times faster.
        self._finder = TermFinder(self._owners)

    def find(self, text: str) -> list[ConceptMatch]:
        """Every mention, left to right, longest term first where terms overlap.

        Offsets are into the normalised text (NFKC, case-folded, spaces collapsed).
        """
        normalized = normalize(text)
        return [
            ConceptMatch(self._owners[normalized[start:end]], normalized[start:end], start, end)
            for start, end in self._finder.spans(normalized)
        ]

    def concepts_in(self, text: str) -> dict[str, int]:
        """How often each concept is mentioned in ``text``."""
        counts: dict[str, int] = {}
        for match in self.find(text):
            counts[match.concept_id] = counts.get(match.concept_id, 0) + 1
        return counts
