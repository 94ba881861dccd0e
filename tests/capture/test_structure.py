"""Document structure: headings, numbered paragraphs, lead-ins and their lists, the preamble."""

from __future__ import annotations

from pathlib import Path

from pledgewatch.capture.default import data_path
from pledgewatch.capture.structure import Block, read_structure

MEMO = data_path() / "agreements" / "2025-10-28-japan-us" / "documents"
EN_DOCUMENT = Path(__file__).resolve().parents[1] / "data" / "outcome_document.en.txt"


def _text(text: str, block: Block) -> str:
    return " / ".join(text[start:end] for start, end in block.parts)


def test_japanese_memorandum_preamble_sections_and_list() -> None:
    text = (MEMO / "shipbuilding-memorandum.ja.txt").read_text(encoding="utf-8")
    blocks = read_structure(text, "ja")
    preamble = [b for b in blocks if b.preamble]
    assert any(_text(text, b).startswith("強力かつ革新的な造船産業") for b in preamble)
    assert any(_text(text, b) == "以下の事項を認識する:" for b in preamble)
    working_group = next(b for b in blocks if "日米造船作業部会を設置する" in _text(text, b))
    assert working_group.section == "I.1 日米造船作業部会の設置"
    assert not working_group.preamble
    items = [b for b in blocks if b.kind == "item" and b.section and b.section.startswith("II.")]
    assert [b.section for b in items] == [
        "II.1 日米造船能力の拡大",
        "II.2 米国海事産業基盤への投資促進",
        "II.3 市場経済における船舶需要の支援",
    ]
    lead_in = items[0].lead_in
    assert lead_in is not None
    assert text[lead_in.start : lead_in.end] == "作業部会は、以下の優先分野に注力する。"
    # The numbered title and its bullet are one item, the bullet's marker left out.
    assert _text(text, items[1]) == "米国海事産業基盤への投資促進 / 投資機会の特定を通じたもの。"
    press_items = [b for b in blocks if b.kind == "item" and b.marker and b.marker.startswith("[")]
    assert len(press_items) == 5
    assert len(press_items[-1].parts) == 3  # [5] with its two ✔ points


def test_english_document_preamble_and_lettered_list() -> None:
    text = EN_DOCUMENT.read_text(encoding="utf-8")
    blocks = read_structure(text, "en")
    whereas = next(b for b in blocks if _text(text, b).startswith("Whereas"))
    assert whereas.preamble
    formula = next(b for b in blocks if _text(text, b).startswith("Have reached"))
    assert formula.preamble
    first = next(b for b in blocks if "within six months" in _text(text, b))
    assert first.section == "I.1 Critical Minerals"
    assert not first.preamble
    items = [b for b in blocks if b.kind == "item"]
    assert [b.section for b in items] == [
        "I.3.a Critical Minerals",
        "I.3.b Critical Minerals",
        "I.3.c Critical Minerals",
    ]
    assert all(b.lead_in is not None for b in items)
    assert [b.section for b in blocks if b.kind == "heading"][-1] == "III Shipbuilding"


def test_wrapped_lines_are_rejoined_in_both_languages() -> None:
    english = (
        "1. The Participants will provide financial support to selected mining and processing\n"
        "projects in both countries and in like-minded partner countries within six months.\n"
        "2. The Participants will convene a ministerial meeting.\n"
    )
    blocks = read_structure(english, "en")
    assert len(blocks) == 2
    assert _text(english, blocks[0]).endswith("within six months.")
    japanese = (
        "1.両者は、重要鉱物の供給の\n確保のため、協力を強化する。\n2.両者は、会合を開催する。\n"
    )
    blocks = read_structure(japanese, "ja")
    assert len(blocks) == 2
    assert _text(japanese, blocks[0]) == "両者は、重要鉱物の供給の\n確保のため、協力を強化する。"


def test_a_lone_line_is_text_not_a_heading() -> None:
    assert read_structure("We commit to fulfill outstanding pledges", "en")[0].kind == "paragraph"
    assert read_structure("Critical Minerals\nWe will act.", "en")[0].kind == "heading"
