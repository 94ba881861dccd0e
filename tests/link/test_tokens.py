"""Word tokens for the ranking index, in Japanese and in English."""

from __future__ import annotations

from pledgewatch.text.tokens import stem_en, tokenize, tokenize_en, tokenize_ja


def test_japanese_tokens_are_normalised_words_without_particles() -> None:
    tokens = tokenize_ja("政府は防衛費を引き上げ、重要鉱物の備蓄を強化した。")
    assert "防衛費" in tokens  # a compound stays whole (split mode C)
    assert "備蓄" in tokens
    assert "強化" in tokens
    for particle in ("は", "を", "の", "、", "。", "た"):
        assert particle not in tokens


def test_japanese_normalised_forms_meet_across_spellings() -> None:
    assert set(tokenize_ja("引き上げ")) == set(tokenize_ja("引上げ"))


def test_latin_words_in_japanese_text_match_english_tokens() -> None:
    japanese = tokenize_ja("ＪＢＩＣがＬＮＧ事業に融資")
    english = tokenize_en("JBIC lends to an LNG project")
    assert {"jbic", "lng"} <= set(japanese) & set(english)


def test_english_tokens_are_lower_case_without_stop_words_and_lightly_stemmed() -> None:
    tokens = tokenize_en("The Ministers discussed the Critical Minerals of the United States.")
    assert tokens == ["minister", "discussed", "critical", "mineral", "united", "state"]


def test_amounts_match_across_languages() -> None:
    english = tokenize_en("a $550 billion pledge and a 550-billion-dollar fund")
    japanese = tokenize_ja("5500億ドルの対米投資")
    assert english.count("550000000000") == 2
    assert "550000000000" in japanese


def test_stemming_is_light() -> None:
    assert stem_en("minerals") == "mineral"
    assert stem_en("batteries") == "battery"
    assert stem_en("process") == "process"  # not 'proces'
    assert stem_en("us") == "us"


def test_tokenize_decides_the_language_from_the_script_when_not_told() -> None:
    assert tokenize("造船作業部会を設置", None) == tokenize_ja("造船作業部会を設置")
    assert tokenize("Shipbuilding working group", None) == ["shipbuilding", "working", "group"]


def test_long_japanese_text_is_tokenised_in_pieces() -> None:
    # Sudachi refuses inputs of about 49 KB; the tokenizer cuts long texts at sentence ends.
    text = "日米は造船分野で協力する。" * 6000
    tokens = tokenize_ja(text)
    assert tokens.count("造船") == 6000
