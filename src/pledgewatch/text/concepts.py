"""Find the thesaurus concepts a text mentions, in Japanese or English.

This is what lets a Japanese article meet an English commitment: both mention concepts, and a
concept has labels and synonyms in both languages. English terms match on word boundaries (so
'SMR' is not found inside 'SMRs' unless listed, and 'LNG' not inside 'LNGX'); Japanese terms
match as substrings, since Japanese is written without spaces.

Some words name a concept only inside its field: "robots" are shipbuilding technology in a
story about shipyards, not in one about car plants; 作業部会 is the shipbuilding working group
only where shipbuilding is discussed. A concept lists such words apart (``in_field``), and a text
counts them only when it names the concept's field (the concept at the top of its broader
chain) in other words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pledgewatch.text.normalize import normalize
from pledgewatch.text.patterns import TermFinder


@dataclass(frozen=True)
class ConceptTerms:
    """A concept and the words that name it, in both languages."""

    concept_id: str
    terms: tuple[str, ...]
    in_field: tuple[str, ...] = ()  # words that name it only where its field is named too
    broader: str | None = None


@dataclass(frozen=True)
class ConceptMatch:
    """A concept found in a text, with the words that matched and where."""

    concept_id: str
    term: str
    start: int
    end: int
    in_field: bool = False  # matched by a word that names it only in its field


class ConceptMatcher:
    """Matches a fixed set of concepts against many texts; build once, reuse."""

    def __init__(self, concepts: Iterable[ConceptTerms]) -> None:
        self._owners: dict[str, str] = {}
        self._in_field: set[str] = set()
        broader: dict[str, str] = {}
        for concept in concepts:
            if concept.broader is not None:
                broader[concept.concept_id] = concept.broader
            # A word listed as in-field is read so even when it is also the label (備蓄).
            in_field = {normalize(term) for term in concept.in_field}
            for term in (*concept.terms, *concept.in_field):
                key = normalize(term)
                # The first concept to claim a term keeps it: the file order decides.
                if len(key) >= 2 and key not in self._owners:
                    self._owners[key] = concept.concept_id
                    if key in in_field:
                        self._in_field.add(key)
        self._field = {
            concept: broader_chain(concept, broader)[-1] for concept in self._owners.values()
        }
        # Tries (text/patterns.py): the matches of a longest-first alternation of all terms,
        # many times faster.
        self._finder = TermFinder(self._owners)

    def find(self, text: str) -> list[ConceptMatch]:
        """Every mention, left to right, longest term first where terms overlap.

        A word that names its concept only in its field counts when the text names that field
        in other words. Offsets are into the normalised text (NFKC, case-folded, spaces
        collapsed).
        """
        normalized = normalize(text)
        found = [
            ConceptMatch(self._owners[term], term, start, end, in_field=term in self._in_field)
            for start, end in self._finder.spans(normalized)
            for term in (normalized[start:end],)
        ]
        if not self._in_field:
            return found
        fields = {self._field[m.concept_id] for m in found if not m.in_field}
        return [m for m in found if not m.in_field or self._field[m.concept_id] in fields]

    def concepts_in(self, text: str) -> dict[str, int]:
        """How often each concept is mentioned in ``text``."""
        counts: dict[str, int] = {}
        for match in self.find(text):
            counts[match.concept_id] = counts.get(match.concept_id, 0) + 1
        return counts


def broader_chain(concept: str, broader: Mapping[str, str]) -> list[str]:
    """The concept and its broader ones, narrowest first; its field is the last."""
    chain = [concept]
    seen = {concept}
    while (parent := broader.get(chain[-1])) is not None and parent not in seen:
        chain.append(parent)
        seen.add(parent)
    return chain
