"""Reports of one event in two languages, told apart from other events, on written news."""

from __future__ import annotations

from datetime import date

import pytest

from pledgewatch.capture.default import thesaurus_path
from pledgewatch.link.linker import ItemText, Linker, concept_matcher
from pledgewatch.link.records import thesaurus_entries_from_file
from pledgewatch.link.twins import EventFacts, event_facts, same_event

LOAN_EN = ItemText(
    "JBIC to lend $1.2 billion to a US rare earth refinery",
    "The Japan Bank for International Cooperation (JBIC) agreed on March 12 to lend $1.2 billion "
    "to a rare earth refinery in Texas, Japan's Ministry of Economy, Trade and Industry said.",
    date(2026, 3, 12),
    "en",
)
LOAN_JA = ItemText(
    "国際協力銀行、米国のレアアース精製事業に12億ドル融資",
    "経済産業省によると、国際協力銀行(JBIC)は12日、米テキサス州のレアアース精製事業に"
    "12億ドルを融資することで合意した。",
    date(2026, 3, 13),
    "ja",
)
# The same lender a day later, another project and amount: another event.
OTHER_LOAN_JA = ItemText(
    "国際協力銀行、米国の造船所に3億ドル融資",
    "国際協力銀行(JBIC)は13日、米バージニア州の造船所の近代化に3億ドルを融資すると発表した。",
    date(2026, 3, 13),
    "ja",
)


@pytest.fixture(scope="module")
def linker() -> Linker:
    thesaurus = thesaurus_entries_from_file(thesaurus_path())
    return Linker([], concepts=concept_matcher(thesaurus), thesaurus=thesaurus)


def facts(linker: Linker, item: ItemText) -> EventFacts:
    return event_facts(linker.read(item), f"{item.title}\n{item.text}")


def test_one_event_in_japanese_and_english_is_recognised_both_ways(linker: Linker) -> None:
    english, japanese = facts(linker, LOAN_EN), facts(linker, LOAN_JA)
    assert "USD 1.2e+9" in english.anchors & japanese.anchors  # $1.2 billion = 12億ドル
    assert "jp-jbic" in english.anchors & japanese.anchors
    assert same_event(english, japanese)
    assert same_event(japanese, english)


def test_other_events_and_same_language_copies_are_not_tied(linker: Linker) -> None:
    english, other = facts(linker, LOAN_EN), facts(linker, OTHER_LOAN_JA)
    assert not same_event(english, other)  # the lender alone does not make one event
    assert not same_event(english, english)  # one language: the monitor groups those
    later = ItemText(LOAN_JA.title, LOAN_JA.text, date(2026, 3, 20), "ja")
    assert not same_event(english, facts(linker, later))  # a week apart
    undated = ItemText(LOAN_JA.title, LOAN_JA.text, None, "ja")
    assert not same_event(english, facts(linker, undated))
