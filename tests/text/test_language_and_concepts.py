"""Language detection and concept matching, on Japanese and English."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pledgewatch.store.thesaurus import concept_matcher
from pledgewatch.text.concepts import ConceptMatcher, ConceptTerms
from pledgewatch.text.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日米首脳会談", "ja"),  # kanji only: langdetect would say Chinese
        ("重要鉱物の供給確保に向けた枠組みに署名した。", "ja"),
        ("ＳＭＲの建設を検討する", "ja"),
        ("Japan and the US sign a critical minerals framework", "en"),
        ("The G7 finance ministers met online on 9 December.", "en"),
        ("2026-04-26", None),
        ("", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_concepts_match_across_languages_and_forms() -> None:
    matcher = ConceptMatcher(
        [
            ConceptTerms("rare-earths", ("rare earths", "rare earth", "レアアース", "希土類")),
            ConceptTerms("smr", ("SMR", "small modular reactor", "小型モジュール炉")),
            ConceptTerms("lng", ("LNG", "液化天然ガス")),
        ]
    )
    assert matcher.concepts_in("米国とのレアアース協力、希土類の備蓄") == {"rare-earths": 2}
    assert matcher.concepts_in("Rare Earth magnets and an ＳＭＲ project") == {
        "rare-earths": 1,
        "smr": 1,
    }
    assert matcher.concepts_in("SMRX and LNGs") == {}  # English matches whole words only
    assert matcher.concepts_in("小型モジュール炉と液化天然ガス") == {"smr": 1, "lng": 1}


def test_in_field_words_count_only_where_their_field_is_named() -> None:
    matcher = ConceptMatcher(
        [
            ConceptTerms("shipbuilding", ("shipbuilding", "造船")),
            ConceptTerms(
                "shipbuilding-technology",
                ("ship design", "船舶設計"),
                in_field=("robots", "ロボット"),
                broader="shipbuilding",
            ),
            ConceptTerms("automobiles", ("car plant", "自動車")),
        ]
    )
    assert matcher.concepts_in("Robots at a car plant") == {"automobiles": 1}
    assert matcher.concepts_in("自動車工場にロボット") == {"automobiles": 1}
    assert matcher.concepts_in("Shipbuilding yards add robots") == {
        "shipbuilding": 1,
        "shipbuilding-technology": 1,
    }
    assert matcher.concepts_in("造船所にロボット") == {
        "shipbuilding": 1,
        "shipbuilding-technology": 1,
    }
    # A direct word of a narrower concept names its field too.
    assert matcher.concepts_in("New ship design uses robots") == {"shipbuilding-technology": 2}
    in_field = [m for m in matcher.find("造船所にロボット") if m.in_field]
    assert [m.term for m in in_field] == ["ロボット"]


def test_the_shipped_thesaurus_finds_sectors_in_both_languages(
    thesaurus_engine: Engine,
) -> None:
    with Session(thesaurus_engine) as session:
        matcher = concept_matcher(session)
    ja = matcher.concepts_in("日米造船作業部会が初会合を開催し、造船所への投資を協議した。")
    en = matcher.concepts_in("The shipbuilding working group met for the first time.")
    assert "shipbuilding-working-group" in ja
    assert "shipbuilding-working-group" in en
    # Generic words (a first meeting, a working group, robots) name nothing outside their field.
    assert matcher.concepts_in("重要鉱物の作業部会が初会合を開いた。") == {"critical-minerals": 1}
    assert "shipbuilding" not in matcher.concepts_in("A working group on chips met; robots.")
