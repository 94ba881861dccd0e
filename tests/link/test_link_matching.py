"""Concepts, countries and actors found in items, in Japanese and in English."""

from __future__ import annotations

from datetime import date

import pytest

from pledgewatch.capture.default import thesaurus_path
from pledgewatch.errors import LexiconError
from pledgewatch.link.actors import (
    NAMED,
    ActorLexicon,
    default_actor_file,
    load_actor_file,
    name_parts,
)
from pledgewatch.link.cues import CueLexicon
from pledgewatch.link.features import ItemReader, ItemText
from pledgewatch.link.lexicon import Lexicon, prepare
from pledgewatch.link.linker import concept_matcher
from pledgewatch.link.records import ThesaurusEntry, thesaurus_entries_from_file


@pytest.fixture(scope="module")
def thesaurus() -> list[ThesaurusEntry]:
    return thesaurus_entries_from_file(thesaurus_path())


@pytest.fixture(scope="module")
def reader(thesaurus: list[ThesaurusEntry]) -> ItemReader:
    actors = ActorLexicon(
        default_actor_file(),
        [
            "経済産業大臣（経済産業省）",
            "Minister of Economy, Trade and Industry (METI)",
            "Westinghouse",
        ],
    )
    broader = {e.concept_id: e.broader for e in thesaurus if e.broader}
    return ItemReader(concept_matcher(thesaurus), actors, CueLexicon(), broader)


def test_acronyms_match_only_as_written() -> None:
    lexicon = Lexicon([("US", ["US", "U.S.", "United States"]), ("diet", ["Diet"])])
    found = [hit.term for hit in lexicon.find("Tell us: the US, the U.S. and the united states.")]
    assert found == ["US", "U.S.", "united states"]
    assert [hit.tags for hit in lexicon.find("the DIET and the diet")] == [("diet",), ("diet",)]


def test_japanese_terms_match_inside_words_and_carry_every_tag() -> None:
    lexicon = Lexicon([("JP", ["日本", "日米"]), ("US", ["米国", "日米"])])
    assert [hit.tags for hit in lexicon.find("日米首脳会談で日本と米国が")] == [
        ("JP", "US"),
        ("JP",),
        ("US",),
    ]


def test_hyphens_between_words_read_as_spaces() -> None:
    assert prepare("Japan-U.S.  550-billion-dollar\nplan") == "Japan U.S. 550 billion dollar plan"


def test_concepts_are_found_across_languages_with_their_broader_concepts(
    reader: ItemReader,
) -> None:
    english = reader.read(ItemText("", "A plant for rare-earth magnets", None, "en"))
    japanese = reader.read(ItemText("", "レアアース磁石の工場", None, "ja"))
    for features in (english, japanese):
        assert {"permanent-magnets", "critical-minerals"} <= set(features.concepts)


@pytest.mark.parametrize(
    "text",
    [
        "The leaders will create a minimum price guarantee for rare earths.",
        "首脳はレアアースの最低価格保証制度の創設を打ち出す。",
    ],
)
def test_a_price_guarantee_is_a_market_mechanism_not_project_finance(
    reader: ItemReader, text: str
) -> None:
    features = reader.read(ItemText("", text, None, None))
    assert "mineral-markets" in features.concepts
    assert "project-finance" not in features.concepts


def test_thesaurus_terms_written_with_hyphens_still_match(reader: ItemReader) -> None:
    features = reader.read(ItemText("", "They reaffirmed the Japan-US alliance.", None, "en"))
    assert "alliance" in features.concepts


def test_offices_and_people_count_for_their_country(reader: ItemReader) -> None:
    features = reader.read(
        ItemText("", "赤沢経産相はラトニック商務長官と会談した。", date(2026, 1, 21), "ja")
    )
    assert features.countries.get("JP", 0) >= 1
    assert features.countries.get("US", 0) >= 1
    assert {"jp-meti", "us-commerce"} <= set(features.actors)


def test_english_offices_and_countries(reader: ItemReader) -> None:
    features = reader.read(
        ItemText("", "Energy Secretary Chris Wright met Japan's trade minister.", None, "en")
    )
    # Energy Secretary and Chris Wright are two mentions of the US; Japan's and trade minister
    # two of Japan.
    assert features.countries == {"US": 2, "JP": 2}
    assert {"us-energy", "jp-meti"} <= set(features.actors)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Japan's transport ministry said the working group met.", "en"),
        ("国交省は作業部会が開かれたと発表した。", "ja"),
    ],
)
def test_a_ministry_named_in_everyday_words_is_its_office(
    reader: ItemReader, text: str, language: str
) -> None:
    assert "jp-mlit" in reader.read(ItemText("", text, None, language)).actors


@pytest.mark.parametrize(
    ("text", "actor"),
    [("米国務省は閣僚会合を開いた。", "us-state"), ("米国防総省が発表した。", "us-defense")],
)
def test_a_us_department_written_after_us_is_read_whole(
    reader: ItemReader, text: str, actor: str
) -> None:
    # 米国 must not take the first two characters of 米国務省 (US State Department).
    assert actor in reader.read(ItemText("", text, None, "ja")).actors


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("日米は自由で開かれたインド太平洋の実現へ協力する。中国電力も参加した。", "ja"),
        ("Japan and the US will patrol the Indian Ocean together.", "en"),
    ],
)
def test_a_name_inside_another_word_is_not_that_country(
    reader: ItemReader, text: str, language: str
) -> None:
    # インド太平洋 is not India, 中国電力 (a Japanese utility) is not China.
    assert set(reader.read(ItemText("", text, None, language)).countries) == {"JP", "US"}


def test_an_english_report_of_japans_budget_counts_for_japan(reader: ItemReader) -> None:
    # As 閣議 and 政府 do in Japanese: the governing party and an amount in yen.
    text = "The cabinet approved 9 trillion yen for defence; the LDP welcomed it."
    assert reader.read(ItemText("", text, None, "en")).countries == {"JP": 2}


@pytest.mark.parametrize(
    ("text", "language"),
    [("JERA will buy LNG from the Alaska project.", "en"), ("JERAがアラスカLNGを購入する。", "ja")],
)
def test_a_us_state_counts_for_the_us(reader: ItemReader, text: str, language: str) -> None:
    assert reader.read(ItemText("", text, None, language)).countries.get("US") == 1


def test_other_countries_are_counted_apart(reader: ItemReader) -> None:
    features = reader.read(ItemText("", "米韓両政府は造船で合意し、韓国が建造する。", None, "ja"))
    assert "JP" not in features.countries  # 政府 here is the US and Korean governments
    assert features.countries["KR"] == 2


def test_responsible_bodies_resolve_to_listed_offices(reader: ItemReader) -> None:
    actors = ActorLexicon(default_actor_file(), ["経済産業大臣（経済産業省）"])
    assert actors.actor_ids(["経済産業大臣（経済産業省）"]) == {"jp-meti"}
    assert actors.actor_ids(["米国商務省"]) == {"us-commerce"}
    # A company the list does not know is matched by its own name.
    assert actors.actor_ids(["Westinghouse"]) == {NAMED + "Westinghouse"}
    features = reader.read(ItemText("", "Westinghouse will build reactors.", None, "en"))
    assert NAMED + "Westinghouse" in features.actors


def test_name_parts_keep_short_parentheses_only() -> None:
    assert name_parts("Minister of Economy, Trade and Industry (METI)") == [
        "Minister of Economy, Trade and Industry",
        "METI",
    ]
    assert name_parts("Department of Commerce (the Secretary chairs the Investment Committee)") == [
        "Department of Commerce"
    ]


def test_a_broken_actor_file_is_reported(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "actors.yaml"  # type: ignore[operator]
    path.write_text("format: pledgewatch-actors/1\ncountries: []\nactors: [{id: X}]\n")
    with pytest.raises(LexiconError, match="actors"):
        load_actor_file(path)
