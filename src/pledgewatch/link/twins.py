"""Reports of one event in two languages.

A ministry's release in Japanese and its English version, or a Kyodo story and its English
wire, are copies of one event that the monitor's text similarity cannot group: their words
differ. What they share is what the linker reads the same in both languages: the offices and
people named, the thesaurus concepts, the amounts of money. Two items in different languages,
published at most a couple of days apart, that share most of those facts (and at least one
person, office or amount) report the same event, so the evidence they give a commitment is
one piece of evidence, not two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pledgewatch.capture.money import find_money
from pledgewatch.link.features import ItemFeatures

MAX_DAYS = 2  # a translation or a wire's other-language version follows within days
MIN_SHARED = 3  # facts both items name, at least
MIN_OVERLAP = 0.7  # of the facts of the item that names fewer


@dataclass(frozen=True)
class EventFacts:
    """What an item says that reads the same in any language."""

    language: str
    published: date | None
    anchors: frozenset[str]  # offices, people and amounts: what pins the event down
    concepts: frozenset[str]


def event_facts(features: ItemFeatures, text: str) -> EventFacts:
    """The facts of an item read by the linker; ``text`` is its title and body."""
    # Two significant figures: one version writes 9.04 trillion yen where the other writes
    # 9兆353億円.
    amounts = {f"{money.currency} {money.amount:.1e}" for money in find_money(text)}
    return EventFacts(
        language=features.language,
        published=features.published,
        anchors=frozenset(features.actors) | frozenset(amounts),
        concepts=frozenset(features.concepts),
    )


def same_event(a: EventFacts, b: EventFacts) -> bool:
    """Whether two items in different languages report one event."""
    if a.language == b.language or a.published is None or b.published is None:
        return False
    if abs((a.published - b.published).days) > MAX_DAYS:
        return False
    if not a.anchors & b.anchors:
        return False
    mine, theirs = a.anchors | a.concepts, b.anchors | b.concepts
    shared = len(mine & theirs)
    return shared >= MIN_SHARED and shared >= MIN_OVERLAP * min(len(mine), len(theirs))
