"""Who a commitment binds, and its sectors from the thesaurus, in both languages."""

from __future__ import annotations

from datetime import date

from pledgewatch.capture.default import thesaurus_path
from pledgewatch.capture.parties import detect_parties, party_names
from pledgewatch.capture.proposals import extract_commitments
from pledgewatch.capture.sectors import matcher_from_file, sectors_of


def test_parties_are_read_from_the_opening_of_the_text() -> None:
    english = detect_parties("United States-Japan Framework for Securing the Supply", "en")
    assert english is not None
    assert set(english.codes) == {"JP", "US"}
    japanese = detect_parties("日米両国の造船能力拡大に向けた協力を促進", "ja")
    assert japanese is not None
    assert set(japanese.codes) == {"JP", "US"}
    g8 = detect_parties("G8 Leaders' Declaration", "en")
    assert g8 is not None
    assert "RU" in g8.codes
    assert detect_parties("A statement on the weather", "en") is None


def test_a_subset_named_as_subject_binds_only_itself() -> None:
    text = (
        "The G7 Leaders' Communiqué\n\n"
        "We will strengthen cooperation on energy.\n\n"
        "France and Germany will host a conference on hydrogen.\n"
    )
    result = extract_commitments(text, document_date=date(2025, 6, 1), language="en")
    everyone, subset = result.proposals
    assert len(everyone.parties) == 8
    assert subset.parties == ["FR", "DE"]


def test_signatories_given_bind_by_default_and_japanese_subsets() -> None:
    text = "日本は、防衛費を増額する。\n\n両国は、協力を強化する。\n"
    result = extract_commitments(text, document_date=date(2025, 10, 28), language="ja",
                                 parties=["JP", "US"])  # fmt: skip
    assert [p.parties for p in result.proposals] == [["JP"], ["JP", "US"]]
    result = extract_commitments("We will act.", document_date=None, language="en")
    assert result.proposals[0].parties == ["all"]
    assert party_names(["JP"]).named_in("我が国は") == ["JP"]


def test_sectors_from_the_shipped_thesaurus_in_both_languages() -> None:
    matcher = matcher_from_file(thesaurus_path())
    english = sectors_of("We will stockpile rare earths and build shipyards.", matcher)
    assert {"rare-earths", "stockpiling", "shipyards"} <= set(english)
    japanese = sectors_of("レアアースの備蓄と造船所の近代化", matcher)
    assert {"rare-earths", "stockpiling", "shipyards"} <= set(japanese)
