"""The engine end to end on an outcome document in Japanese and in English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pledgewatch.capture.default import data_path
from pledgewatch.capture.proposals import ExtractionResult, extract_commitments

MEMO = data_path() / "agreements" / "2025-10-28-japan-us" / "documents"
EN_DOCUMENT = Path(__file__).resolve().parents[1] / "data" / "outcome_document.en.txt"
SIGNED = date(2025, 10, 28)


def _by_section(result: ExtractionResult) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    for proposal in result.proposals:
        sections.setdefault(proposal.section or "", []).append(proposal.text)
    return sections


def test_japanese_memorandum() -> None:
    text = (MEMO / "shipbuilding-memorandum.ja.txt").read_text(encoding="utf-8")
    result = extract_commitments(text, document_date=SIGNED)
    assert result.language == "ja"
    sections = _by_section(result)
    assert sections["I.1 日米造船作業部会の設置"] == [
        "日本と米国は、造船及び海事産業の開発についての協力を促進するため、日米造船作業部会を設置する。"
    ]
    # Each priority area is its own commitment, carrying the lead-in.
    assert sections["II.2 米国海事産業基盤への投資促進"] == [
        "作業部会は、以下の優先分野に注力する。米国海事産業基盤への投資促進：投資機会の特定を通じたもの。"
    ]
    assert len([s for s in sections if s.startswith("4.[")]) == 5
    # Nothing from the preamble, the signing (a past event) or the contact details.
    texts = " ".join(p.text for p in result.proposals)
    assert "認識し" not in texts
    assert "署名しました" not in texts
    assert "TEL" not in texts
    for proposal in result.proposals:
        assert proposal.parties == ["JP", "US"]
        assert proposal.strength == "binding"
        assert proposal.language == "ja"
        assert "shipbuilding" in proposal.sectors or "maritime-industrial-base" in proposal.sectors
        start, end = proposal.span
        assert text[start:end].strip() == text[start:end]
        assert text[start:end].replace("\n", "")[:4] in proposal.text.replace("\n", "")


def test_english_outcome_document() -> None:
    text = EN_DOCUMENT.read_text(encoding="utf-8")
    result = extract_commitments(text, document_date=SIGNED)
    assert result.language == "en"
    by_text = {p.text: p for p in result.proposals}
    assert len(result.proposals) == 11
    six = next(p for p in result.proposals if "within six months" in p.text)
    assert six.deadline is not None
    assert six.deadline.date == date(2026, 4, 28)
    assert six.section == "I.1 Critical Minerals"
    assert text[six.span[0] : six.span[1]] == six.text
    funds = next(p for p in result.proposals if p.text.startswith("Japan will provide funds"))
    assert funds.parties == ["JP"]
    assert funds.deadline is not None
    assert funds.deadline.date is None
    assert funds.deadline.event == "the President's decision"
    assert [(m.amount, m.currency) for m in funds.money] == [(Decimal("550000000000"), "USD")]
    stockpile = by_text[
        "The Participants intend to take the following steps: explore complementary stockpiling "
        "arrangements by the end of 2026."
    ]
    assert stockpile.strength == "intent"
    assert stockpile.deadline is not None
    assert stockpile.deadline.precision == "year"
    assert "stockpiling" in stockpile.sectors
    call = next(p for p in result.proposals if "call on" in p.text)
    assert call.grey_zone is not None
    seek = next(p for p in result.proposals if " seek " in p.text)
    assert seek.strength == "aspiration"
    assert not any("welcome" in p.text or "signed" in p.text for p in result.proposals)
    assert not any(p.text.startswith(("Whereas", "Recognizing")) for p in result.proposals)
    assert sum(1 for p in result.proposals if p.section == "III.7 Shipbuilding") == 2


def test_an_empty_or_factual_text_proposes_nothing() -> None:
    assert extract_commitments("", document_date=None, language="en").proposals == []
    factual = "The leaders met in Tokyo on October 28. 両首脳は会談した。"
    assert extract_commitments(factual, document_date=None).proposals == []
