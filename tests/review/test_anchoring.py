"""Anchoring commitments in fuller or re-typed texts, in Japanese and English, on both databases."""

from __future__ import annotations

import re
from typing import Any

import pytest
from review_texts import (
    AGREEMENT,
    UNRELATED_EN,
    UNRELATED_JA,
    fuller_critical_minerals,
    retype_en,
    retype_ja,
    shipped,
)
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pledgewatch.brief.commitments import show_commitment
from pledgewatch.capture.alignment import skeleton
from pledgewatch.capture.anchor import (
    AnchorReport,
    AnchorRequest,
    CommitmentAnchor,
    Outcome,
    anchor_document,
)
from pledgewatch.errors import ConflictError, NotFoundError
from pledgewatch.store import models
from pledgewatch.store.db import session_factory, unit_of_work

SHIPBUILDING_QUOTES = {
    "SB-01": (
        "日本と米国は、造船及び海事産業の開発についての協力を促進するため、"
        "日米造船作業部会を設置する。"
    ),
    "SB-03": "投資機会の特定を通じたもの。",
    "SB-06": "先進的な建造技術(AI、ロボット等)の共同開発・実装",
}


def anchor(engine: Engine, text: str, **options: Any) -> AnchorReport:
    request = AnchorRequest(text=text, source="test.txt", agreement_id=AGREEMENT, **options)
    with unit_of_work(engine) as session:
        return anchor_document(session, request)


def span_of(text: str, result: CommitmentAnchor) -> str:
    assert result.start is not None
    assert result.end is not None
    return text[result.start : result.end]


def stored_commitment(engine: Engine, code: str) -> models.Commitment:
    with session_factory(engine)() as session:
        row = session.scalar(select(models.Commitment).where(models.Commitment.code == code))
        assert row is not None
        _ = row.text
        return row


def same_words(a: str, b: str) -> bool:
    return skeleton(a).chars == skeleton(b).chars


def test_a_retyped_japanese_text_anchors_every_quote_exactly(shared_engine: Engine) -> None:
    text = retype_ja(shipped("shipbuilding-memorandum.ja.txt"))
    report = anchor(shared_engine, text)
    assert report.document.key == "shipbuilding-memorandum"
    assert report.document.method == "content"
    assert report.language == "ja"
    results = {r.code: r for r in report.commitments}
    assert set(results) == {f"SB-0{i}" for i in range(1, 7)}
    for code, result in results.items():
        assert result.outcome is Outcome.EXACT, code
        assert result.start is not None
        assert result.end is not None
        assert text[result.start : result.end] == result.passage
    for code, quote in SHIPBUILDING_QUOTES.items():
        passage = span_of(text, results[code])
        assert same_words(passage, quote)
        assert passage != quote  # it really was typed differently
    assert span_of(text, results["SB-01"]).endswith("設置する.")
    assert not report.saved


def test_saving_moves_spans_sections_and_text(loaded_engine: Engine) -> None:
    text = retype_ja(shipped("shipbuilding-memorandum.ja.txt"))
    report = anchor(loaded_engine, text, save=True, saved_by="tester")
    assert report.saved
    assert report.completeness == "partial"
    with session_factory(loaded_engine)() as session:
        view = show_commitment(session, "SB-01")
        assert view.source.passage is not None
        assert view.source.passage.startswith("日本と米国は,造船")
        document = session.scalar(
            select(models.Document).where(models.Document.key == "shipbuilding-memorandum")
        )
        assert document is not None
        held = next(t for t in document.texts if t.language == "ja")
        assert held.body == text
        assert "tester" in held.completeness_note_en
        sections = {s.key: (s.start, s.end) for s in held.sections}
        assert text[sections["II"][0] :].startswith("ＩＩ:協力分野")
        assert text[sections["I.1"][0] :].startswith("１.日本と米国は")
        for code in SHIPBUILDING_QUOTES:
            commitment = session.scalar(
                select(models.Commitment).where(models.Commitment.code == code)
            )
            assert commitment is not None
            assert commitment.text_id == held.id
            assert commitment.span_start is not None
            assert same_words(
                text[commitment.span_start : commitment.span_end], SHIPBUILDING_QUOTES[code]
            )


def test_a_retyped_english_text_anchors_its_quotes(shared_engine: Engine) -> None:
    for name, code, quote in [
        (
            "technology-prosperity-deal.en.txt",
            "TECH-01",
            "The Participants intend to collaborate in",
        ),
        ("white-house-fact-sheet.en.txt", "ENR-01", "secured historic purchases of U.S. energy"),
    ]:
        text = retype_en(shipped(name))
        assert text != shipped(name)
        report = anchor(shared_engine, text)
        result = next(r for r in report.commitments if r.code == code)
        assert result.outcome in (Outcome.EXACT, Outcome.FUZZY)
        assert same_words(span_of(text, result), quote)


def test_a_dropped_sentence_is_reported_and_saving_it_away_is_refused(
    loaded_engine: Engine,
) -> None:
    original = shipped("shipbuilding-memorandum.ja.txt")
    text = retype_ja(original.replace(" ・ 投資機会の特定を通じたもの。", ""))
    report = anchor(loaded_engine, text)
    results = {r.code: r for r in report.commitments}
    assert not results["SB-03"].anchored
    assert results["SB-03"].outcome in (Outcome.NOT_FOUND, Outcome.LOW_CONFIDENCE)
    assert results["SB-03"].previous == "投資機会の特定を通じたもの。"
    assert all(results[c].anchored for c in results if c != "SB-03")
    with pytest.raises(ConflictError, match="SB-03"):
        anchor(loaded_engine, text, save=True)
    assert stored_commitment(loaded_engine, "SB-03").text.body == original  # type: ignore[union-attr]

    anchor(loaded_engine, text, save=True, force=True)
    dropped = stored_commitment(loaded_engine, "SB-03")
    assert dropped.span_start is None
    assert dropped.text_id is None
    assert dropped.span_note_en is not None
    assert "投資機会の特定を通じたもの。" in dropped.span_note_en
    assert dropped.span_note_ja is not None
    kept = stored_commitment(loaded_engine, "SB-01")
    assert kept.text is not None
    assert kept.text.body == text


@pytest.mark.parametrize("language", ["ja", "en"])
def test_statements_anchor_to_the_sentences_that_say_them(
    shared_engine: Engine, language: str
) -> None:
    text = fuller_critical_minerals(language)
    report = anchor(shared_engine, text, language=language)
    assert report.document.key == "critical-minerals-framework"
    results = {r.code: r for r in report.commitments}
    assert set(results) == {f"CM-{i:02d}" for i in range(1, 12)}
    for code in ("CM-01", "CM-02", "CM-03", "CM-04", "CM-05"):
        assert results[code].outcome is Outcome.STATEMENT, (code, results[code])
    for code in ("CM-06", "CM-07", "CM-08", "CM-09", "CM-10", "CM-11"):
        assert not results[code].anchored, (code, results[code])

    def passage(code: str) -> str:
        result = results[code]
        assert result.start is not None
        assert result.end is not None
        return text[result.start : result.end]

    if language == "ja":
        assert "180日以内" in passage("CM-04")
        assert "6か月以内" in passage("CM-03")
        assert "許認可" in passage("CM-05")
        assert "備蓄制度" in passage("CM-01")
        assert "永久磁石" in passage("CM-02")
    else:
        assert "180 days" in passage("CM-04")
        assert passage("CM-03").startswith("Within six months")
        assert "permitting" in passage("CM-05")
        assert "stockpiling systems" in passage("CM-01")
        assert "permanent magnets" in passage("CM-02")
    for code in ("CM-01", "CM-02", "CM-03", "CM-04", "CM-05"):
        assert not re.match(r"\s", passage(code))
        assert passage(code) == passage(code).strip()


def test_saving_statement_anchors_clears_span_notes_and_marks_complete(
    loaded_engine: Engine,
) -> None:
    text = fuller_critical_minerals("en")
    report = anchor(loaded_engine, text, save=True, complete=True)
    assert report.completeness == "complete"
    cm04 = stored_commitment(loaded_engine, "CM-04")
    assert cm04.span_note_en is None
    assert cm04.span_note_ja is None
    assert cm04.text is not None
    assert cm04.text.language == "en"
    assert cm04.text.body == text
    assert "180 days" in text[cm04.span_start : cm04.span_end]
    cm07 = stored_commitment(loaded_engine, "CM-07")
    assert cm07.span_start is None
    assert cm07.span_note_en is not None
    with session_factory(loaded_engine)() as session:
        view = show_commitment(session, "CM-04")
    assert view.source.passage is not None
    assert "Mining, Minerals and Metals" in view.source.passage
    anchor(loaded_engine, fuller_critical_minerals("ja"), save=True)
    with session_factory(loaded_engine)() as session:
        texts = {
            t.language: t
            for t in session.scalars(
                select(models.DocumentText)
                .join(models.Document)
                .where(models.Document.key == "critical-minerals-framework")
            )
        }
        assert texts["en"].body == text
        assert texts["ja"].body == fuller_critical_minerals("ja")
        kept = session.scalar(select(models.Commitment).where(models.Commitment.code == "CM-04"))
        assert kept is not None
        assert kept.text_id == texts["en"].id  # anchored in English before, and kept there


@pytest.mark.parametrize("language", ["ja", "en"])
def test_an_unrelated_text_anchors_nothing(shared_engine: Engine, language: str) -> None:
    text = UNRELATED_JA if language == "ja" else UNRELATED_EN
    with pytest.raises(NotFoundError, match="--document"):
        anchor(shared_engine, text)
    document = "shipbuilding-memorandum" if language == "ja" else "critical-minerals-framework"
    report = anchor(shared_engine, text, document_key=document)
    assert report.commitments
    assert not any(result.anchored for result in report.commitments)
    with pytest.raises(ConflictError):
        anchor(shared_engine, text, document_key=document, save=True)


@pytest.mark.parametrize(
    ("language", "sentence", "words"),
    [
        ("en", "1. The Participants will consider arrangements for stockpiles.", "stockpiles"),
        ("ja", "1.両者は、重要鉱物の備蓄の在り方について意見を交換する。", "備蓄"),
    ],
)
def test_a_weak_statement_match_is_reported_not_used(
    shared_engine: Engine, language: str, sentence: str, words: str
) -> None:
    cut = shipped(f"critical-minerals-framework.{language}.txt").rstrip("\n")
    rest = "ning and processing:\n\n" if language == "en" else "め、協力する。\n"
    text = f"{cut}{rest}{sentence}\n"
    report = anchor(shared_engine, text)
    cm11 = next(r for r in report.commitments if r.code == "CM-11")
    assert cm11.outcome is Outcome.LOW_CONFIDENCE
    assert cm11.score is not None
    assert 0.3 <= cm11.score < 0.5
    assert cm11.passage is not None
    assert words in cm11.passage


def test_other_language_anchors_are_kept(shared_engine: Engine) -> None:
    text = (
        "Memorandum of Cooperation on Shipbuilding\n\n1. Japan and the United States will "
        "establish a Japan-U.S. Shipbuilding Working Group.\n"
    )
    report = anchor(shared_engine, text, document_key="shipbuilding-memorandum", language="en")
    results = {r.code: r for r in report.commitments}
    assert results["SB-01"].outcome is Outcome.OTHER_LANGUAGE
    assert results["SB-01"].previous == SHIPBUILDING_QUOTES["SB-01"]


def test_unknown_document_and_agreement(shared_engine: Engine) -> None:
    with pytest.raises(NotFoundError, match="no document 'nope'"):
        anchor(shared_engine, "text", document_key="nope")
    with Session(shared_engine) as session, pytest.raises(NotFoundError):
        anchor_document(session, AnchorRequest(text="x", source="s", agreement_id="nope"))
