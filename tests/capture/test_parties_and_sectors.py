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


READ_OUT_EN = """Japan-U.S. Summit Meeting

Prime Minister Takaichi conveyed her determination to fundamentally reinforce Japan's defense
capabilities by the end of fiscal 2025.

President Trump stated that he will send a delegation on shipbuilding within 90 days.

Secretary of Commerce Lutnick said that he would host the investment committee in Tokyo.

The two leaders confirmed that they will deepen cooperation on critical minerals.
"""

READ_OUT_JA = """日米首脳会談（概要）

高市総理大臣から、防衛力の抜本的強化に主体的に取り組んでいく旨述べた。

トランプ大統領は、日本の造船業への投資を拡大していくと述べた。

また、茂木外務大臣から、日米の経済協力を更に深めていきたい旨述べた。

トランプ大統領とは、重要鉱物の供給網を強化していくことで一致した。

トランプ大統領に対し、日本として防衛費の増額に取り組んでいく決意をお伝えした。
"""


def test_in_a_read_out_a_leader_or_minister_binds_their_own_state() -> None:
    english = extract_commitments(READ_OUT_EN, document_date=date(2025, 10, 28), language="en",
                                  parties=["JP", "US"])  # fmt: skip
    assert [p.parties for p in english.proposals] == [["JP"], ["US"], ["US"], ["JP", "US"]]
    japanese = extract_commitments(READ_OUT_JA, document_date=date(2025, 10, 28), language="ja",
                                   parties=["JP", "US"])  # fmt: skip
    assert [p.parties for p in japanese.proposals] == [["JP"], ["US"], ["JP"], ["JP", "US"],
                                                       ["JP"]]  # fmt: skip


def test_a_read_out_speaker_without_known_signatories_binds_their_state() -> None:
    english = extract_commitments("President Trump stated that he will visit Japan next year.",
                                  document_date=date(2025, 10, 28), language="en")  # fmt: skip
    assert english.proposals[0].parties == ["US"]
    japanese = extract_commitments("高市総理から、防衛費を増額していく旨述べた。",
                                   document_date=date(2025, 10, 28), language="ja")  # fmt: skip
    assert japanese.proposals[0].parties == ["JP"]


def test_sectors_from_the_shipped_thesaurus_in_both_languages() -> None:
    matcher = matcher_from_file(thesaurus_path())
    english = sectors_of("We will stockpile rare earths and build shipyards.", matcher)
    assert {"rare-earths", "stockpiling", "shipyards"} <= set(english)
    japanese = sectors_of("レアアースの備蓄と造船所の近代化", matcher)
    assert {"rare-earths", "stockpiling", "shipyards"} <= set(japanese)
