"""Saving proposals and reviewing them: accept, reject, edit, merge, split, and the review log."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from review_texts import AGREEMENT, retype_ja, shipped
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pledgewatch.brief.commitments import list_commitments, show_commitment
from pledgewatch.capture import review
from pledgewatch.capture.alignment import skeleton
from pledgewatch.capture.proposal_store import save_extraction
from pledgewatch.capture.proposals import (
    ExtractionResult,
    Money,
    ProposedCommitment,
    ProposedDeadline,
    extract_commitments,
)
from pledgewatch.errors import (
    ConfigurationError,
    ConflictError,
    NotFoundError,
    TemporalExpressionError,
)
from pledgewatch.store import models
from pledgewatch.store.commitments import CommitmentFilter
from pledgewatch.store.db import session_factory, unit_of_work
from pledgewatch.store.proposal_models import ExtractionRun, Proposal, ReviewDecision
from pledgewatch.store.proposals import ProposalFilter, find_proposals, review_log

SIGNED = date(2025, 10, 28)

EN_TEXT = (
    "Joint Statement on Supply Chain Resilience\n\n"
    "1. Japan and the United States will establish a joint task force on semiconductor supply "
    "chains within 90 days.\n"
    "2. The two countries intend to: (a) expand investment in shipyards; (b) train shipbuilding "
    "workers.\n"
    "3. Japan will provide up to $5 billion in financing for critical minerals projects by the "
    "end of 2026.\n"
    "4. We welcome the efforts of private companies.\n"
)
JA_TEXT = (
    "サプライチェーン強靱化に関する日米共同声明\n\n"
    "1.日米両国は、90日以内に半導体サプライチェーンに関する共同作業部会を設置する。\n"
    "2.両国は、以下に取り組む意図を有する:(a)造船所への投資の拡大;(b)造船人材の育成。\n"
    "3.日本は、令和8年度中に重要鉱物案件に対し最大50億ドルの資金を提供する。\n"
    "4.両国は、民間企業の取組を歓迎する。\n"
)
TEXTS = {"en": EN_TEXT, "ja": JA_TEXT}
WORDS = {
    "en": {
        "task": "Japan and the United States will establish a joint task force on semiconductor "
        "supply chains within 90 days.",
        "lead": "The two countries intend to:",
        "a": "expand investment in shipyards",
        "b": "train shipbuilding workers.",
        "money": "Japan will provide up to $5 billion in financing for critical minerals projects "
        "by the end of 2026.",
        "welcome": "We welcome the efforts of private companies.",
        "within": "within 90 days",
        "five": "$5 billion",
        "year_end": "by the end of 2026",
    },
    "ja": {
        "task": "日米両国は、90日以内に半導体サプライチェーンに関する共同作業部会を設置する。",
        "lead": "両国は、以下に取り組む意図を有する:",
        "a": "造船所への投資の拡大",
        "b": "造船人材の育成。",
        "money": "日本は、令和8年度中に重要鉱物案件に対し最大50億ドルの資金を提供する。",
        "welcome": "両国は、民間企業の取組を歓迎する。",
        "within": "90日以内",
        "five": "50億ドル",
        "year_end": "令和8年度中",
    },
}


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def proposals_for(language: str) -> ExtractionResult:
    """What an extractor would propose for the statement above, written out by hand."""
    text, w = TEXTS[language], WORDS[language]
    sep = "" if language == "ja" else " "
    year_end = date(2027, 3, 31) if language == "ja" else date(2026, 12, 31)
    precision = "fiscal_year" if language == "ja" else "year"
    return ExtractionResult(
        text=text,
        language=language,
        document_date=SIGNED,
        proposals=[
            ProposedCommitment(
                text=w["task"],
                span=span(text, w["task"]),
                section="1",
                parties=["JP", "US"],
                deadline=ProposedDeadline(
                    date(2026, 1, 26), "day", w["within"], None, "90 days after 2025-10-28"
                ),
                money=[],
                strength="binding",
                sectors=["semiconductors", "supply-chains"],
                grey_zone=None,
                language=language,
            ),
            ProposedCommitment(
                text=f"{w['lead']}{sep}{w['a']}",
                span=span(text, w["a"]),
                section="2",
                parties=["all"],
                deadline=None,
                money=[],
                strength="intent",
                sectors=["shipyards", "investment"],
                grey_zone=None,
                language=language,
            ),
            ProposedCommitment(
                text=f"{w['lead']}{sep}{w['b']}",
                span=span(text, w["b"]),
                section="2",
                parties=["all"],
                deadline=None,
                money=[],
                strength="intent",
                sectors=["shipbuilding-workforce"],
                grey_zone=None,
                language=language,
            ),
            ProposedCommitment(
                text=w["money"],
                span=span(text, w["money"]),
                section="3",
                parties=["JP"],
                deadline=ProposedDeadline(year_end, precision, w["year_end"], None, "end"),
                money=[Money(Decimal("5000000000"), "USD", w["five"])],
                strength="binding",
                sectors=["critical-minerals", "project-finance"],
                grey_zone=None,
                language=language,
            ),
            ProposedCommitment(
                text=w["welcome"],
                span=span(text, w["welcome"]),
                section="4",
                parties=["all"],
                deadline=None,
                money=[],
                strength="aspiration",
                sectors=[],
                grey_zone="a welcome of a third party's act",
                language=language,
            ),
        ],
    )


def save(engine: Engine, result: ExtractionResult, document: str | None = None) -> int:
    with unit_of_work(engine) as session:
        return save_extraction(
            session,
            result=result,
            agreement_id=AGREEMENT,
            document_key=document,
            source=f"joint-statement-{result.language}.txt",
            saved_by="extractor",
        )


def proposal_ids(engine: Engine, run_id: int) -> list[int]:
    with session_factory(engine)() as session:
        return [p.id for p in find_proposals(session, ProposalFilter(run_id=run_id))]


def actions(session: Session, proposal_id: int) -> list[str]:
    return [d.action for d in review_log(session, proposal_id=proposal_id)]


LANGUAGES = ("en", "ja")


def test_saving_keeps_the_text_the_spans_point_into(loaded_engine: Engine) -> None:
    for language in LANGUAGES:
        _saving_keeps_the_text_the_spans_point_into(loaded_engine, language)


def _saving_keeps_the_text_the_spans_point_into(loaded_engine: Engine, language: str) -> None:
    result = proposals_for(language)
    run_id = save(loaded_engine, result)
    with session_factory(loaded_engine)() as session:
        run = session.get(ExtractionRun, run_id)
        assert run is not None
        assert run.text == TEXTS[language]
        assert run.document_key == f"joint-statement-{language}"
        proposals = find_proposals(session, ProposalFilter(run_id=run_id))
        assert len(proposals) == 5
        for stored, proposed in zip(proposals, result.proposals, strict=True):
            assert stored.state == "proposed"
            assert run.text[stored.span_start : stored.span_end] in proposed.text
            assert stored.original["text"] == proposed.text
            assert actions(session, stored.id) == ["save"]
        document = session.scalar(
            select(models.Document).where(models.Document.key == f"joint-statement-{language}")
        )
        assert document is not None
        assert document.date == SIGNED
        texts = {t.language: t for t in document.texts}
        assert texts[language].body == TEXTS[language]
        assert texts[language].completeness == "partial"
    assert save(loaded_engine, result) != run_id
    with session_factory(loaded_engine)() as session:
        assert (
            session.scalar(
                select(models.Document).where(
                    models.Document.key == f"joint-statement-{language}-2"
                )
            )
            is None
        )


def _saving_a_real_extraction_of_a_shipped_document(loaded_engine: Engine) -> None:
    text = shipped("shipbuilding-memorandum.ja.txt")
    result = extract_commitments(text, document_date=SIGNED, parties=("JP", "US"))
    assert result.proposals
    run_id = save(loaded_engine, result)
    with session_factory(loaded_engine)() as session:
        run = session.get(ExtractionRun, run_id)
        assert run is not None
        assert run.document_key == "shipbuilding-memorandum"
        stored = find_proposals(session, ProposalFilter(run_id=run_id))
        assert len(stored) == len(result.proposals)
        assert {(p.span_start, p.span_end) for p in stored} == {p.span for p in result.proposals}


def test_accepting_makes_a_commitment_with_its_history(loaded_engine: Engine) -> None:
    for language in LANGUAGES:
        _accepting_makes_a_commitment_with_its_history(loaded_engine, language)


def _accepting_makes_a_commitment_with_its_history(loaded_engine: Engine, language: str) -> None:
    run_id = save(loaded_engine, proposals_for(language))
    task, lead_a, _, money, _ = proposal_ids(loaded_engine, run_id)
    first, next_, named = (
        ("X-01", "X-02", "JS-EN") if language == "en" else ("X-03", "X-04", "JS-JA")
    )
    with unit_of_work(loaded_engine) as session:
        made = review.accept(session, task, decided_by="A. Analyst")
        assert made.code == first
        second = review.accept(session, money, decided_by="A. Analyst", code=named)
        assert second.code == named
        third = review.accept(session, lead_a, decided_by="A. Analyst")
        assert third.code == next_
    with session_factory(loaded_engine)() as session:
        views = {v.id: v for v in list_commitments(session, CommitmentFilter(AGREEMENT))}
        assert len(views) == (33 if language == "en" else 36)
        x01 = views[first]
        assert x01.statement.pick(language) == WORDS[language]["task"]
        assert x01.parties == ["JP", "US"]
        assert x01.sectors == ["semiconductors", "supply-chains"]
        assert x01.strength == "binding"
        assert x01.deadline is not None
        assert x01.deadline.date == date(2026, 1, 26)
        assert x01.deadline.written_in["quote"] == WORDS[language]["within"]
        assert x01.status == "not_started"
        assert x01.source.document == f"joint-statement-{language}"
        assert x01.source.passage == WORDS[language]["task"]
        assert views[named].parties == ["JP"]
        assert views[next_].parties == ["JP", "US"]
        detail = show_commitment(session, first)
        assert [(h.status, h.recorded_by, h.reason) for h in detail.history] == [
            ("not_started", "A. Analyst", f"accepted from proposal {task}")
        ]
        proposal = session.get(Proposal, task)
        assert proposal is not None
        assert proposal.state == "accepted"
        assert proposal.commitment_code == first
        assert actions(session, task) == ["save", "accept"]
        note = views[named].note
        assert note is not None
        assert WORDS[language]["five"] in (note.en or "")


def _decided_proposals_and_used_codes_are_refused(loaded_engine: Engine) -> None:
    run_id = save(loaded_engine, proposals_for("en"))
    first, second, third, *_ = proposal_ids(loaded_engine, run_id)
    with unit_of_work(loaded_engine) as session:
        review.accept(session, first, decided_by="r")
    with unit_of_work(loaded_engine) as session, pytest.raises(ConflictError, match="X-01"):
        review.accept(session, first, decided_by="r")
    with unit_of_work(loaded_engine) as session, pytest.raises(ConflictError, match="CM-04"):
        review.accept(session, second, decided_by="r", code="CM-04")
    with unit_of_work(loaded_engine) as session, pytest.raises(ConfigurationError):
        review.accept(session, second, decided_by="r", code="bad/code")
    with unit_of_work(loaded_engine) as session, pytest.raises(NotFoundError):
        review.accept(session, 9999, decided_by="r")
    with unit_of_work(loaded_engine) as session, pytest.raises(ConfigurationError, match="reason"):
        review.reject(session, third, decided_by="r", reason=" ")


def test_rejecting_refusing_and_the_log(loaded_engine: Engine) -> None:
    for language in LANGUAGES:
        _rejecting_records_who_and_why(loaded_engine, language)
    _decided_proposals_and_used_codes_are_refused(loaded_engine)
    _the_review_log_is_never_rewritten(loaded_engine)


def _rejecting_records_who_and_why(loaded_engine: Engine, language: str) -> None:
    run_id = save(loaded_engine, proposals_for(language))
    welcome = proposal_ids(loaded_engine, run_id)[-1]
    with unit_of_work(loaded_engine) as session:
        review.reject(
            session, welcome, decided_by="B. Reviewer", reason="a welcome, not a commitment"
        )
    with session_factory(loaded_engine)() as session:
        proposal = session.get(Proposal, welcome)
        assert proposal is not None
        assert proposal.state == "rejected"
        last = review_log(session, proposal_id=welcome)[-1]
        assert (last.action, last.decided_by, last.reason) == (
            "reject",
            "B. Reviewer",
            "a welcome, not a commitment",
        )
    with unit_of_work(loaded_engine) as session, pytest.raises(ConflictError, match="rejected"):
        review.accept(session, welcome, decided_by="r")


def test_editing_re_resolves_the_deadline_and_logs_old_and_new(loaded_engine: Engine) -> None:
    for language in LANGUAGES:
        _editing_re_resolves_the_deadline_and_logs_old_and_new(loaded_engine, language)
    _an_event_deadline_waits_for_its_event(loaded_engine)


def _editing_re_resolves_the_deadline_and_logs_old_and_new(
    loaded_engine: Engine, language: str
) -> None:
    run_id = save(loaded_engine, proposals_for(language))
    lead_a = proposal_ids(loaded_engine, run_id)[1]
    expression, due = (
        ("by the end of 2026", date(2026, 12, 31))
        if language == "en"
        else ("令和8年度中", date(2027, 3, 31))
    )
    change = review.ProposalEdit(
        deadline=expression,
        parties=["Japan"],
        strength="binding",
        sectors=["shipyards"],
        translation="(translation)",
    )
    with unit_of_work(loaded_engine) as session:
        edited = review.edit(session, lead_a, change, decided_by="C", reason="per MLIT")
        assert edited.deadline_date == due
        assert edited.parties == ["JP"]
    with session_factory(loaded_engine)() as session:
        entry = review_log(session, proposal_id=lead_a)[-1]
        assert entry.action == "edit"
        assert entry.reason == "per MLIT"
        assert entry.changes["deadline_date"] == {"old": None, "new": due.isoformat()}
        assert entry.changes["strength"] == {"old": "intent", "new": "binding"}
        assert entry.changes["parties"] == {"old": ["all"], "new": ["JP"]}
        proposal = session.get(Proposal, lead_a)
        assert proposal is not None
        assert proposal.original["strength"] == "intent"
    with unit_of_work(loaded_engine) as session:
        made = review.accept(session, lead_a, decided_by="C")
        assert made.deadline is not None
        assert made.deadline.due == due
        assert made.statement_en if language == "ja" else made.statement_ja
        assert "span_note" in made.deadline.written_in  # the words are not in the text
    for bad in (
        review.ProposalEdit(strength="maybe"),
        review.ProposalEdit(sectors=["no-such-concept"]),
        review.ProposalEdit(parties=["France"]),
        review.ProposalEdit(deadline="some day soon"),
        review.ProposalEdit(text=" "),
    ):
        other = proposal_ids(loaded_engine, run_id)[0]
        with (
            unit_of_work(loaded_engine) as session,
            pytest.raises((ConfigurationError, TemporalExpressionError)),
        ):
            review.edit(session, other, bad, decided_by="C")


def _an_event_deadline_waits_for_its_event(loaded_engine: Engine) -> None:
    run_id = save(loaded_engine, proposals_for("en"))
    task = proposal_ids(loaded_engine, run_id)[0]
    change = review.ProposalEdit(deadline="within 45 days", deadline_event="project selection")
    with unit_of_work(loaded_engine) as session:
        edited = review.edit(session, task, change, decided_by="C")
        assert edited.deadline_date is None
        made = review.accept(session, task, decided_by="C")
        assert made.deadline is not None
        assert made.deadline.due is None
        assert made.deadline.anchor == "event:project-selection"


def test_merging_joins_spans_and_keeps_the_lead_in_once(loaded_engine: Engine) -> None:
    for language in LANGUAGES:
        _merging_joins_spans_and_keeps_the_lead_in_once(loaded_engine, language)
    _proposals_of_different_runs_are_not_merged(loaded_engine)


def _merging_joins_spans_and_keeps_the_lead_in_once(loaded_engine: Engine, language: str) -> None:
    run_id = save(loaded_engine, proposals_for(language))
    _, lead_a, lead_b, *_ = proposal_ids(loaded_engine, run_id)
    w = WORDS[language]
    with unit_of_work(loaded_engine) as session:
        merged_id = review.merge(session, [lead_b, lead_a], decided_by="D", reason="one target").id
    with session_factory(loaded_engine)() as session:
        merged = session.get(Proposal, merged_id)
        assert merged is not None
        text = TEXTS[language]
        assert (merged.span_start, merged.span_end) == (
            text.index(w["a"]),
            text.index(w["b"]) + len(w["b"]),
        )
        assert merged.text.count(w["lead"].rstrip(":")) == 1
        assert w["a"] in merged.text
        assert w["b"] in merged.text
        assert merged.text.index(w["a"]) < merged.text.index(w["b"])
        assert merged.derived_from == [lead_a, lead_b]
        assert merged.sectors == ["shipyards", "investment", "shipbuilding-workforce"]
        for part in (lead_a, lead_b):
            row = session.get(Proposal, part)
            assert row is not None
            assert row.state == "merged"
            assert actions(session, part) == ["save", "merge"]
        assert actions(session, merged_id) == ["create"]
    with unit_of_work(loaded_engine) as session, pytest.raises(ConflictError):
        review.merge(session, [lead_a, merged_id], decided_by="D")
    with unit_of_work(loaded_engine) as session, pytest.raises(ConfigurationError):
        review.merge(session, [merged_id], decided_by="D")


def _proposals_of_different_runs_are_not_merged(loaded_engine: Engine) -> None:
    first = proposal_ids(loaded_engine, save(loaded_engine, proposals_for("en")))[0]
    second = proposal_ids(loaded_engine, save(loaded_engine, proposals_for("en")))[0]
    with unit_of_work(loaded_engine) as session, pytest.raises(ConflictError, match="same"):
        review.merge(session, [first, second], decided_by="D")


def test_splitting_gives_each_half_the_lead_in(loaded_engine: Engine) -> None:
    for language in LANGUAGES:
        _splitting_gives_each_half_the_lead_in(loaded_engine, language)


def _splitting_gives_each_half_the_lead_in(loaded_engine: Engine, language: str) -> None:
    run_id = save(loaded_engine, proposals_for(language))
    money = proposal_ids(loaded_engine, run_id)[3]
    w = WORDS[language]
    with unit_of_work(loaded_engine) as session:
        merged = review.merge(session, proposal_ids(loaded_engine, run_id)[1:3], decided_by="E")
        separator = "、" if language == "ja" else "; "
        first, second = review.split(session, merged.id, separator=separator, decided_by="E")
        halves = [(h.text, h.span_start, h.span_end, h.derived_from) for h in (first, second)]
    text = TEXTS[language]
    (text_a, start_a, end_a, from_a), (text_b, start_b, end_b, from_b) = halves
    assert text_a.startswith(w["lead"].rstrip(":"))
    assert text_b.startswith(w["lead"].rstrip(":"))
    assert w["a"] in text_a
    assert w["b"].rstrip("。.") in text_b
    assert w["b"].rstrip("。.") not in text_a
    assert text[start_a:end_a].startswith(w["a"][:5])
    assert end_a <= start_b
    assert text[start_b:end_b] == w["b"]
    assert from_a == from_b
    with unit_of_work(loaded_engine) as session:
        cut = WORDS[language]["money"].index(w["five"])
        head, tail = review.split(session, money, at=cut, decided_by="E")
        assert head.money == []
        assert [m["text"] for m in tail.money] == [w["five"]]
        for half in (head, tail):
            written = w["year_end"] in half.text
            assert half.deadline_basis == (w["year_end"] if written else None)
        assert (head.deadline_basis is None) != (tail.deadline_basis is None)
    with unit_of_work(loaded_engine) as session, pytest.raises(ConfigurationError):
        review.split(session, head.id, separator="no such words", decided_by="E")
    with unit_of_work(loaded_engine) as session, pytest.raises(ConfigurationError):
        review.split(session, head.id, at=0, decided_by="E")


def _the_review_log_is_never_rewritten(loaded_engine: Engine) -> None:
    run_id = save(loaded_engine, proposals_for("en"))
    first = proposal_ids(loaded_engine, run_id)[0]
    with unit_of_work(loaded_engine) as session:
        entry = session.scalar(select(ReviewDecision).where(ReviewDecision.proposal_id == first))
        assert entry is not None
        entry.reason = "rewritten"
        with pytest.raises(ConflictError, match="history"):
            session.flush()
        session.rollback()


def _an_accepted_span_points_into_the_stored_text(loaded_engine: Engine) -> None:
    """Proposals extracted from a re-typed copy point, once accepted, into the stored text."""
    original = shipped("shipbuilding-memorandum.ja.txt")
    retyped = retype_ja(original)
    result = extract_commitments(retyped, document_date=SIGNED, parties=("JP", "US"))
    first = next(p for p in result.proposals if "," in retyped[p.span[0] : p.span[1]])
    run_id = save(loaded_engine, ExtractionResult(retyped, "ja", SIGNED, [first]))
    proposal = proposal_ids(loaded_engine, run_id)[0]
    with unit_of_work(loaded_engine) as session:
        made = review.accept(session, proposal, decided_by="F", code="SB-90")
        assert made.text is not None
        assert made.text.body == original
        assert made.span_start is not None
        assert made.span_end is not None
        found = original[made.span_start : made.span_end]
        assert skeleton(found).chars == skeleton(retyped[first.span[0] : first.span[1]]).chars
        assert found != retyped[first.span[0] : first.span[1]]
        assert made.span_note_en is None


def test_a_real_extraction_is_saved_and_accepted_into_the_stored_text(
    loaded_engine: Engine,
) -> None:
    _saving_a_real_extraction_of_a_shipped_document(loaded_engine)
    _an_accepted_span_points_into_the_stored_text(loaded_engine)
