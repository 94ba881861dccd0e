"""The text matching under anchoring: skeletons that keep offsets, exact and fuzzy search."""

from __future__ import annotations

import pytest

from pledgewatch.capture.alignment import (
    FUZZY_THRESHOLD,
    Method,
    align_statement,
    containment,
    locate,
    skeleton,
)
from pledgewatch.capture.reshaping import common_prefix, join_texts, lead_in, span_cut


@pytest.mark.parametrize(
    ("passage", "typed"),
    [
        ("日米造船作業部会を設置する。", "日米造船\n作業部会を 設置する."),
        ("先進的な建造技術(AI、ロボット等)", "先進的な建造技術（ＡＩ，ロボット等）"),
        ("最大5,500億米ドル", "最大５５００億米ドル"),
        ("カタカナ", "ｶﾀｶﾅ"),
        ("ガバナンス", "ｶﾞﾊﾞﾅﾝｽ"),
        ("the “Participants” intend to", 'the "Participants"\nintend  to'),
        ("U.S. energy, and LNG", "U. S. energy,and ＬＮＧ"),
    ],
)
def test_the_same_words_typed_otherwise_are_found_exactly(passage: str, typed: str) -> None:
    text = f"前置き。Preamble text. {typed} 後続の文。Following text."
    found = locate(passage, skeleton(text))
    assert found is not None
    assert found.method is Method.EXACT
    assert skeleton(text[found.start : found.end]).chars == skeleton(passage).chars
    assert text[found.start : found.end].strip() == text[found.start : found.end]


def test_offsets_map_back_to_the_original() -> None:
    text = "Ａ　Ｂ、ｃ\nd"
    sk = skeleton(text)
    assert sk.chars == "abcd"
    assert [text[start:end] for start, end in zip(sk.starts, sk.ends, strict=True)] == [
        "Ａ",
        "Ｂ",
        "ｃ",
        "d",
    ]
    assert sk.span(1, 3) == (2, 5)


def test_a_trailing_full_stop_is_taken_in_only_when_the_passage_has_one() -> None:
    text = "一文目。日米造船作業部会を設置する。二文目。"
    with_stop = locate("日米造船作業部会を設置する。", skeleton(text))
    without = locate("日米造船作業部会を設置する", skeleton(text))
    assert with_stop is not None
    assert without is not None
    assert text[with_stop.start : with_stop.end] == "日米造船作業部会を設置する。"
    assert text[without.start : without.end] == "日米造船作業部会を設置する"


def test_small_rewording_is_found_fuzzily_and_large_is_not() -> None:
    passage = (
        "The purpose of this Memorandum is to strengthen collaboration towards joint "
        "opportunities of mutual interest in strategic science and technology disciplines."
    )
    close = (
        "Intro. The purpose of this Memorandum is to strengthen the collaboration toward "
        "joint opportunities of mutual interest in strategic science and technology fields. End."
    )
    found = locate(passage, skeleton(close))
    assert found is not None
    assert found.method is Method.FUZZY
    assert found.score >= FUZZY_THRESHOLD
    assert close[found.start :].startswith("The purpose")
    far = "Intro. The library opens at nine and closes at five on weekdays. End."
    weak = locate(passage, skeleton(far))
    assert weak is None or weak.score < FUZZY_THRESHOLD


def test_of_several_occurrences_the_one_near_the_old_place_is_chosen() -> None:
    text = "通じたもの。" + "あ" * 200 + "通じたもの。"
    first = locate("通じたもの。", skeleton(text), near=0.0)
    last = locate("通じたもの。", skeleton(text), near=1.0)
    assert first is not None
    assert last is not None
    assert first.start == 0
    assert last.start == len(text) - len("通じたもの。")


@pytest.mark.parametrize(
    ("language", "statement", "text", "expected"),
    [
        (
            "en",
            "Convene an investment ministerial within 180 days.",
            "The Participants welcome progress. The Participants will convene an Investment "
            "Ministerial within 180 days of signature. Other matters were discussed.",
            "The Participants will convene an Investment Ministerial within 180 days of signature.",
        ),
        (
            "ja",
            "180日以内に投資閣僚会合を開催する。",
            "両者は進展を歓迎した。両者は、署名から180日以内に投資閣僚会合を開催する。"
            "その他の事項についても議論した。",
            "両者は、署名から180日以内に投資閣僚会合を開催する。",
        ),
    ],
)
def test_a_statement_aligns_to_its_sentence(
    language: str, statement: str, text: str, expected: str
) -> None:
    found = align_statement(statement, text, language)
    assert found is not None
    assert text[found.start : found.end] == expected


def test_containment_of_a_retyped_text_is_complete() -> None:
    original = skeleton("日本と米国は、造船及び海事産業の開発についての協力を促進する。")
    retyped = skeleton(
        "日本と米国は,造船及び海事産業の\n開発についての協力を促進する.それに続く文。"
    )
    assert containment(original, retyped) == 1.0
    assert containment(retyped, original) < 1.0


def test_lead_ins_are_joined_once_and_carried_over() -> None:
    texts = ["We intend to: (a) expand shipyards;", "We intend to: (b) train workers."]
    assert common_prefix(texts) == "We intend to: ("
    assert join_texts(texts, "en") == "We intend to: (a) expand shipyards; (b) train workers."
    assert join_texts(["A will do X.", "B will do Y."], "en") == "A will do X. B will do Y."
    assert join_texts(
        ["両国は、以下に取り組む:投資の拡大", "両国は、以下に取り組む:人材の育成"], "ja"
    ) == ("両国は、以下に取り組む:投資の拡大、人材の育成")
    text = "作業部会は、以下の優先分野に注力する。日米造船能力の拡大：投資を通じたもの。"
    assert lead_in(text, "日米造船能力の拡大\n・投資を通じたもの。", len(text) - 3).startswith(
        "作業部会は、以下の優先分野に注力する。日米造船能力の拡大："
    )
    source = "x (a) expand shipyards; (b) train workers."
    assert span_cut(source, 2, len(source), "train workers.") == (
        source.index(";"),
        source.index("train"),
    )
