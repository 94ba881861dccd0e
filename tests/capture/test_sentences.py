"""Sentence splitting keeps exact offsets, in Japanese and English."""

from __future__ import annotations

import pytest

from pledgewatch.text.sentences import split_sentences


def test_japanese_sentences_protect_quotes_and_rejoin_broken_lines() -> None:
    text = (
        "両者は「協力を。強化する」と述べた。次の会合の\n"
        "日程は未定である。『報告書。第2版』を公表する！本当か？"
    )
    sentences = split_sentences(text, "ja")
    assert [s.text for s in sentences] == [
        "両者は「協力を。強化する」と述べた。",
        "次の会合の\n日程は未定である。",
        "『報告書。第2版』を公表する！",
        "本当か？",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Sept. 16, 2026, the U.S. and Japan met. They agreed.",
            ["On Sept. 16, 2026, the U.S. and Japan met.", "They agreed."],
        ),
        (
            "President Donald J. Trump met J.P. Morgan Co. officials. We will act.",
            ["President Donald J. Trump met J.P. Morgan Co. officials.", "We will act."],
        ),
        (
            "Japan will invest in the U.S. The U.S. will welcome it.",
            ["Japan will invest in the U.S.", "The U.S. will welcome it."],
        ),
        (
            "See No. 5, e.g. the annex. Mr. Smith left!",
            ["See No. 5, e.g. the annex.", "Mr. Smith left!"],
        ),
    ],
)
def test_english_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, "en")] == expected


def test_offsets_count_from_the_given_offset() -> None:
    text = "  We will act. We will report."
    sentences = split_sentences(text, "en", offset=100)
    assert [(s.start, s.end) for s in sentences] == [(102, 114), (115, 130)]
    assert split_sentences("   ", "en") == []
    assert split_sentences("", "ja") == []
