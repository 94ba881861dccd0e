"""A link's reasons read in English and in Japanese, from what the linker really writes."""

from __future__ import annotations

from datetime import date, timedelta

from pledgewatch.brief.reasons import reason_text
from pledgewatch.capture.default import thesaurus_path
from pledgewatch.link.linker import ItemText, Linker, concept_matcher
from pledgewatch.link.records import CommitmentRecord, thesaurus_entries_from_file

AGREED = date(2025, 10, 28)
MINISTERIAL = CommitmentRecord(
    key="test/MIN",
    code="MIN",
    agreement_date=AGREED,
    statement_en="Convene a Japan-US minerals investment ministerial within 180 days.",
    statement_ja="180日以内に日米の鉱物投資閣僚会合を開催する。",
    sectors=("critical-minerals", "minerals-ministerial"),
    parties=("JP", "US"),
    actors=("Ministry of Economy, Trade and Industry (METI)",),
    deadline=AGREED + timedelta(days=180),
)
ITEMS = (
    ItemText(
        "日米、鉱物投資閣僚会合を開催",
        "経済産業省は、日米の鉱物投資閣僚会合を東京で開催したと発表した。",
        date(2026, 4, 20),
        "ja",
    ),
    ItemText(
        "Japan and US hold minerals investment ministerial",
        "Japan and the United States held their minerals investment ministerial in Tokyo, "
        "METI said.",
        date(2026, 4, 20),
        "en",
    ),
)


def test_reasons_read_in_both_languages() -> None:
    thesaurus = thesaurus_entries_from_file(thesaurus_path())
    linker = Linker([MINISTERIAL], concepts=concept_matcher(thesaurus), thesaurus=thesaurus)
    for item in ITEMS:
        reasons = linker.rank(item)[0].reasons
        english = [reason_text(r.kind, r.detail, "en") for r in reasons]
        japanese = [reason_text(r.kind, r.detail, "ja") for r in reasons]
        assert any(
            text.startswith("time: 6 days before the deadline 2026-04-26") for text in english
        )
        assert "時期: 期限（2026-04-26）の6日前" in japanese
        assert any(text.startswith("cue: ") and "-> achieved (meeting)" in text for text in english)
        assert any(text.startswith("手がかり: ") and "→ 達成（会合）" in text for text in japanese)
        assert "当事国: JP、US" in japanese
        for text in japanese:
            assert not any(word in text for word in ("days", "->", "deadline", "terms:", "party:"))


def test_unknown_forms_pass_through_unchanged_in_their_words() -> None:
    assert (
        reason_text("cue", "cue: 延期 -> setback, negation", "ja") == "手がかり: 延期 → 後退、否定"
    )
    demand = reason_text("cue", "cue: 開催 -> progress, demand", "ja")
    assert demand == "手がかり: 開催 → 進展、要求"
    assert reason_text("time", "time: 3 days after the deadline 2026-04-26", "ja") == (
        "時期: 期限（2026-04-26）の3日後"
    )
    assert reason_text("note", "something new", "ja") == "note: something new"
    assert reason_text("note", "something new", "en") == "note: something new"


def test_concepts_are_named_by_their_label_in_the_readers_language() -> None:
    detail = "concept: minerals-ministerial (投資閣僚会合)"
    assert reason_text("concept", detail, "ja", {"minerals-ministerial": "鉱物投資閣僚会合"}) == (
        "概念: 鉱物投資閣僚会合 (投資閣僚会合)"
    )
    assert reason_text(
        "concept", detail, "en", {"minerals-ministerial": "Minerals investment ministerial"}
    ) == ("concept: Minerals investment ministerial (投資閣僚会合)")
    assert reason_text("concept", detail, "en") == detail


def test_a_tie_to_the_other_languages_report_reads_in_japanese() -> None:
    detail = "event: same event as evidence #12 (ja)"
    assert reason_text("event", detail, "ja") == "同じ出来事: 根拠 #12（ja）と同じ出来事の報道"
    assert reason_text("event", detail, "en") == detail
