"""Which countries, offices, agencies and companies an item names.

The list of countries, ministries, agencies and office holders is pledgewatch's own data file
(data/actors.yaml). The commitments add their own responsible bodies and the companies of their
projects: a body such as 経済産業大臣（経済産業省） is resolved to the listed office where one of
its names is known (so 経産相 and Akazawa count for it), and is otherwise matched by its own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from pledgewatch.link.lexicon import Lexicon, prepare
from pledgewatch.text.actor_file import ActorFile, default_actor_file, load_actor_file

__all__ = ["ActorFile", "ActorLexicon", "default_actor_file", "load_actor_file", "name_parts"]

COUNTRY = "country:"  # tag prefix of a country mention
NAMED = "name:"  # tag prefix of an actor known only by its own words
NOBODY = "nobody"  # the tag of words that hold a name but name no one (インド太平洋)


class Mention(NamedTuple):
    """A country or an actor named at ``start``; an actor's country is its party, if any."""

    start: int
    country: str | None
    actor: str | None


_PARENTHESES = re.compile(r"[(（]([^)）]*)[)）]")


def name_parts(name: str) -> list[str]:
    """The names inside a responsible body's label.

    That is the label without its parenthesis, and the parenthesis when it is itself a name
    ('METI', '経済産業省') rather than an explanation.
    """
    parts = [_PARENTHESES.sub("", name).strip()]
    for inner in _PARENTHESES.findall(name):
        inner = inner.strip()
        if inner and (len(inner) <= 12 or " " not in inner):
            parts.append(inner)
    return [part for part in parts if len(part) >= 2]


class ActorLexicon:
    """Countries and actors of a set of commitments, matched in one pass over a text."""

    def __init__(self, data: ActorFile, extra_names: Iterable[str] = ()) -> None:
        self.party_of: dict[str, str] = {actor.id: actor.party for actor in data.actors}
        self.leaders: frozenset[str] = frozenset(a.id for a in data.actors if a.leader)
        known = Lexicon((actor.id, [*actor.names.en, *actor.names.ja]) for actor in data.actors)
        self._known = known
        entries: list[tuple[str, list[str]]] = [
            (COUNTRY + country.code, [*country.names.en, *country.names.ja])
            for country in data.countries
        ]
        entries += [(actor.id, [*actor.names.en, *actor.names.ja]) for actor in data.actors]
        entries.append((NOBODY, [*data.not_actors.en, *data.not_actors.ja]))
        self._resolved: dict[str, frozenset[str]] = {}
        for name in extra_names:
            tags = self._resolve(name, known)
            self._resolved[name] = tags
            entries += [(tag, [tag.removeprefix(NAMED)]) for tag in tags if tag.startswith(NAMED)]
        self.lexicon = Lexicon(entries)

    @staticmethod
    def _resolve(name: str, known: Lexicon) -> frozenset[str]:
        tags: set[str] = set()
        for part in name_parts(name):
            listed = known.tags_of(part)
            if not listed:
                # A listed office named inside a longer label (米国商務省 holds 商務省).
                listed = tuple(tag for hit in known.find(part) for tag in hit.tags)
            tags.update(listed or (NAMED + prepare(part),))
        return frozenset(tags)

    def actor_ids(self, names: Sequence[str]) -> frozenset[str]:
        """The actor tags a commitment's actors resolve to (offices, or their own names)."""
        found: set[str] = set()
        for name in names:
            found |= self._resolved.get(name) or self._resolve(name, self._known)
        return frozenset(found)

    def mentions(self, prepared: str, lowered: str | None = None) -> Iterator[Mention]:
        """Every mention in a prepared text, left to right (``lowered``: see Lexicon.finditer).

        An office holder or agency counts for its country too (Hegseth is a US mention); words
        that only hold a name (インド太平洋) are no mention.
        """
        for hit in self.lexicon.finditer(prepared, lowered):
            for tag in hit.tags:
                if tag == NOBODY:
                    continue
                if tag.startswith(COUNTRY):
                    yield Mention(hit.start, tag[len(COUNTRY) :], None)
                else:
                    yield Mention(hit.start, self.party_of.get(tag), tag)

    def count(self, prepared: str) -> tuple[dict[str, int], dict[str, int]]:
        """Mentions per country code and per actor tag in a prepared text."""
        countries: dict[str, int] = {}
        actors: dict[str, int] = {}
        for mention in self.mentions(prepared):
            if mention.actor is not None:
                actors[mention.actor] = actors.get(mention.actor, 0) + 1
            if mention.country is not None:
                countries[mention.country] = countries.get(mention.country, 0) + 1
        return countries, actors
