"""The one normalisation every matcher compares in, on both languages."""

from __future__ import annotations

from pledgewatch.text.normalize import normalize


def test_full_width_forms_case_and_every_kind_of_space_are_folded() -> None:
    assert normalize("  ＪＡＰＡＮ\u3000and\tthe\n\nＵ.Ｓ.\u00a0 ") == "japan and the u.s."
    assert normalize("ﾆｯﾎﾟﾝ　と　米国\r\n２０２６年") == "ニッポン と 米国 2026年"


def test_empty_and_blank_texts_become_empty() -> None:
    assert normalize("") == ""
    assert normalize(" \u3000\t\n") == ""
