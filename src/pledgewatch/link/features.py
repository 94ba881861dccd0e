"""Read a news item once into what every commitment is compared with.

Reading is the costly part (Sudachi, the regular expressions); it is done once per item, and
the comparison with all commitments is then a few sparse matrix products (see linker.py). Each
passage (a sentence, the title being one) keeps the concepts, actors and event cues it holds,
so that a judgement rests on the sentences about the commitment, not on the whole article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pledgewatch.link.actors import ActorLexicon
from pledgewatch.link.cues import CueHit, CueLexicon
from pledgewatch.link.lexicon import lower, prepare
from pledgewatch.text.concepts import ConceptMatcher, broader_chain
from pledgewatch.text.language import detect_language
from pledgewatch.text.tokens import tokenize


@dataclass(frozen=True)
class ItemText:
    """What the linker knows of one item (a news article or a release)."""

    title: str
    text: str
    published: date | None
    language: str | None  # 'ja' | 'en'; None: decided from the text


@dataclass(frozen=True)
class Passage:
    """One sentence of an item (the title is the first) and what it mentions."""

    concepts: frozenset[str]
    actors: frozenset[str]
    cues: tuple[CueHit, ...]
    title: bool


@dataclass(frozen=True)
class ItemFeatures:
    """An item read for linking."""

    language: str
    published: date | None
    tokens: frozenset[str]
    title_tokens: frozenset[str]
    concepts: Mapping[str, int]  # concept id -> mentions, broader concepts included
    countries: Mapping[str, int]  # country code -> mentions
    actors: Mapping[str, int]  # actor tag -> mentions
    passages: tuple[Passage, ...]
    concept_terms: Mapping[str, str]  # concept id -> the first words that named it
    # (concepts and actors, weight, cues) of the passages holding cues; the title weighs half
    # as much again, since it states the event the item reports.
    cue_passages: tuple[tuple[frozenset[str], float, tuple[CueHit, ...]], ...]
    # What a commitment index keeps of the item (its token ids, (index, "terms"); its key
    # columns, (index, "keys")), filled by the linker that read the item.
    token_ids: dict[tuple[Any, Any], Any] = field(default_factory=dict, compare=False)

    @property
    def cues(self) -> tuple[CueHit, ...]:
        """Every cue of the item, in order."""
        return tuple(cue for passage in self.passages for cue in passage.cues)


# Sentence ends: Japanese full stops, and English ones followed by a space and a capital or a
# quote; line breaks always end a passage.
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.)\s+(?=[\"“'A-Z0-9])|\n+")


# Cue kinds by which leaders conclude an agreement (data/cues.yaml): agreed, 合意, signed, 署名.
_ACCORD_KINDS = frozenset({"accord", "agreement"})


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        if match.end() > starts[-1]:
            starts.append(match.end())
    return starts


class ItemReader:
    """Reads items with one set of matchers; build once, reuse for every item."""

    def __init__(
        self,
        concepts: ConceptMatcher,
        actors: ActorLexicon,
        cues: CueLexicon,
        broader: Mapping[str, str] | None = None,
    ) -> None:
        self._concepts = concepts
        self._actors = actors
        self._cues = cues
        self._broader = dict(broader or {})

    def _recalls_agreement(self, actors: set[str], cues: list[CueHit]) -> bool:
        """Whether a sentence recalls an agreement between leaders rather than reporting a step.

        News about a follow-up often recalls the summit in passing ("the framework Takaichi and
        Trump agreed"). The leaders of two parties agreeing or signing in one sentence outside
        the headline is read that way, so that an article about a company's deal does not name
        both parties merely by recalling the summit; the sentence still counts for its concepts
        and cues.
        """
        leaders = self._actors.leaders
        parties = {self._actors.party_of[tag] for tag in actors if tag in leaders}
        return len(parties) >= 2 and any(cue.kind in _ACCORD_KINDS for cue in cues)

    def read(self, item: ItemText) -> ItemFeatures:
        """Tokens, concepts, countries, actors and cues of an item, passage by passage."""
        title = prepare(item.title)
        body = prepare(item.text)
        # The title is a passage of its own; "\n" keeps it apart from the first sentence.
        text = f"{title}\n{body}" if title else body
        language = item.language or detect_language(text) or "en"
        language = "ja" if language.lower().startswith("ja") else "en"
        starts = _sentence_starts(text)
        title_end = len(title)
        n = len(starts)
        p_concepts: list[set[str]] = [set() for _ in range(n)]
        p_actors: list[set[str]] = [set() for _ in range(n)]
        p_cues: list[list[CueHit]] = [[] for _ in range(n)]

        concepts: dict[str, int] = {}
        concept_terms: dict[str, str] = {}
        for match in self._concepts.find(text):
            index = bisect_right(starts, match.start) - 1
            for concept in broader_chain(match.concept_id, self._broader):
                concepts[concept] = concepts.get(concept, 0) + 1
                words = (
                    match.term
                    if concept == match.concept_id
                    else f"{match.term}: {match.concept_id}"
                )
                concept_terms.setdefault(concept, words)
                p_concepts[index].add(concept)
        p_countries: list[dict[str, int]] = [{} for _ in range(n)]
        actors: dict[str, int] = {}
        lowered = lower(text)
        for mention in self._actors.mentions(text, lowered):
            index = bisect_right(starts, mention.start) - 1
            if mention.actor is not None:
                actors[mention.actor] = actors.get(mention.actor, 0) + 1
                p_actors[index].add(mention.actor)
            if mention.country is not None:
                named = p_countries[index]
                named[mention.country] = named.get(mention.country, 0) + 1
        for cue in self._cues.find(text, lowered):
            p_cues[bisect_right(starts, cue.start) - 1].append(cue)
        # Countries named in a recall of the agreement itself are background, not actors.
        countries: dict[str, int] = {}
        for i, named in enumerate(p_countries):
            if named and not (
                starts[i] >= title_end and self._recalls_agreement(p_actors[i], p_cues[i])
            ):
                for code, count in named.items():
                    countries[code] = countries.get(code, 0) + count
        passages = tuple(
            Passage(
                frozenset(p_concepts[i]),
                frozenset(p_actors[i]),
                tuple(p_cues[i]),
                title=bool(title) and starts[i] < title_end,
            )
            for i in range(n)
            if p_concepts[i] or p_actors[i] or p_cues[i]
        )
        title_tokens = tokenize(title, language) if title else []
        tokens = tokenize(body, language) + title_tokens
        published = item.published
        if isinstance(published, datetime):
            published = published.date()
        return ItemFeatures(
            language=language,
            published=published,
            tokens=frozenset(tokens),
            title_tokens=frozenset(title_tokens),
            concepts=concepts,
            countries=countries,
            actors=actors,
            passages=passages,
            concept_terms=concept_terms,
            cue_passages=tuple(
                (p.concepts | p.actors, 1.5 if p.title else 1.0, p.cues) for p in passages if p.cues
            ),
        )
