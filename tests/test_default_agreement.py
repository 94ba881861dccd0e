"""The embedded default: the 2025-10-28 Japan-US summit, checked against the reference list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session

from pledgewatch.assess.events import record_occurrence
from pledgewatch.brief.commitments import show_commitment
from pledgewatch.brief.dashboard import build_dashboard
from pledgewatch.capture.default import DEFAULT_AGREEMENT_ID, default_agreement_path
from pledgewatch.store import models
from pledgewatch.store.db import unit_of_work

REFERENCE = (
    Path(__file__).resolve().parents[2] / "shared" / "official" / "commitments-reference.yaml"
)


def reference_commitments() -> dict[str, dict[str, object]]:
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    return {item["id"]: item for item in data["commitments"]}


def commitments(session: Session) -> dict[str, models.Commitment]:
    rows = session.scalars(
        select(models.Commitment).where(models.Commitment.agreement_id == DEFAULT_AGREEMENT_ID)
    )
    return {row.code: row for row in rows}


def test_the_thirty_reference_commitments_are_there(loaded_url: str) -> None:
    with Session(create_engine(loaded_url)) as session:
        stored = commitments(session)
        assert set(stored) == set(reference_commitments())
        for commitment in stored.values():
            assert commitment.statement_en.strip()
            assert commitment.statement_ja.strip()
            assert commitment.sectors, commitment.code
            assert set(commitment.party_codes) <= {"JP", "US"}, commitment.code


def test_reference_deadlines_are_computed_from_their_basis(loaded_url: str) -> None:
    expected = {
        code: date.fromisoformat(str(item["deadline"]))
        for code, item in reference_commitments().items()
        if item.get("deadline")
    }
    with Session(create_engine(loaded_url)) as session:
        stored = commitments(session)
        computed = {
            code: c.deadline.due for code, c in stored.items() if c.deadline and c.deadline.due
        }
        assert computed == expected
        cm04 = stored["CM-04"].deadline
        assert cm04 is not None
        assert (cm04.expression, cm04.anchor, cm04.precision) == (
            "within 180 days",
            "agreement",
            "day",
        )
        assert "180 days after 2025-10-28" in (cm04.rule or "")


def test_every_shipped_span_is_the_document_text_at_its_offsets(loaded_url: str) -> None:
    with Session(create_engine(loaded_url)) as session:
        stored = commitments(session)
        with_span = [c for c in stored.values() if c.span_start is not None]
        assert len(with_span) >= 3
        for commitment in stored.values():
            if commitment.span_start is None:
                assert commitment.span_note_en, commitment.code
                assert commitment.span_note_ja, commitment.code
                continue
            assert commitment.text is not None
            assert commitment.text.body is not None
            passage = commitment.text.body[commitment.span_start : commitment.span_end]
            assert passage.strip() == passage, commitment.code
            assert len(passage) > 10, commitment.code
            for section in commitment.text.sections:
                if section.key == commitment.section:
                    assert section.start <= commitment.span_start < section.end


def test_every_document_text_section_starts_where_it_says(loaded_url: str) -> None:
    with Session(create_engine(loaded_url)) as session:
        texts = session.scalars(select(models.DocumentText)).all()
        assert any(t.sections for t in texts)
        for text in texts:
            for section in text.sections:
                assert text.body is not None
                assert 0 <= section.start < section.end <= len(text.body)


def test_seven_documents_and_the_program(loaded_url: str) -> None:
    with Session(create_engine(loaded_url)) as session:
        agreement = session.get(models.Agreement, DEFAULT_AGREEMENT_ID)
        assert agreement is not None
        outcome = [d for d in agreement.documents if d.role != "referenced"]
        assert len(outcome) == 7
        readouts = {d.key: d.published_by or "" for d in outcome if d.role == "readout"}
        assert sorted(readouts.values()) == ["JP", "US"]
        assert [e.minutes for e in agreement.program] == [40, 5, 45]
        assert [p.code for p in agreement.parties] == ["JP", "US"]


def test_sec01_from_japans_readout_binds_japan_only(loaded_url: str) -> None:
    with Session(create_engine(loaded_url)) as session:
        sec01 = commitments(session)["SEC-01"]
        assert sec01.party_codes == ["JP"]
        assert sec01.document.role == "readout"
        assert sec01.document.published_by == "JP"


def test_watch_points_and_the_ministerial(loaded_url: str) -> None:
    with Session(create_engine(loaded_url)) as session:
        view = build_dashboard(session, agreement_id=None, as_of=date(2026, 3, 19))
    assert [w.id for w in view.watch_points] == ["WP-1", "WP-2", "WP-3", "WP-4"]
    ministerial = view.watch_points[0]
    assert ministerial.commitments == ["CM-04"]
    assert (ministerial.due, ministerial.days_left) == (date(2026, 4, 26), 38)
    assert view.watch_points[1].due is None  # the shipbuilding points have no deadline
    assert sum(view.by_status.values()) == 30
    assert view.projects.named >= 10
    assert view.projects.listed_in_sources == 21


def test_the_funding_deadline_waits_for_a_selection_then_gets_its_date(
    loaded_engine: Engine,
) -> None:
    with Session(loaded_engine) as session:
        view = build_dashboard(session, agreement_id=None, as_of=date(2026, 1, 1))
        assert [p.follow_on for p in view.pending] == ["INV-01-FUND"]
        assert show_commitment(session, "INV-01").follow_ons[0].due_dates == []
    with unit_of_work(loaded_engine) as session:
        record_occurrence(
            session,
            agreement_id=DEFAULT_AGREEMENT_ID,
            event_key="project-selection",
            on=date(2026, 2, 17),
            subject="test selection",
            recorded_by="test",
        )
    with Session(loaded_engine) as session:
        view = build_dashboard(session, agreement_id=None, as_of=date(2026, 3, 1))
        assert view.pending == []
        funding = [d for d in view.deadlines if d.follow_on == "INV-01-FUND"]
        assert [(d.due, d.days_left) for d in funding] == [(date(2026, 4, 3), 33)]
        assert show_commitment(session, "INV-01").follow_ons[0].due_dates == [date(2026, 4, 3)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_thesaurus_has_both_languages(loaded_url: str, lang: str) -> None:
    with Session(create_engine(loaded_url)) as session:
        concepts = session.scalars(select(models.Concept)).all()
    assert len(concepts) >= 20
    for concept in concepts:
        assert getattr(concept, f"label_{lang}")


def test_stored_spans_are_exactly_the_quotes_of_the_agreement_file(loaded_url: str) -> None:
    data = yaml.safe_load(default_agreement_path().read_text(encoding="utf-8"))
    quotes = {c["id"]: c["source"]["quote"] for c in data["commitments"] if "quote" in c["source"]}
    assert quotes
    with Session(create_engine(loaded_url)) as session:
        stored = commitments(session)
        for code, quote in quotes.items():
            commitment = stored[code]
            assert commitment.text is not None
            assert commitment.text.body is not None
            assert commitment.text.body[commitment.span_start : commitment.span_end] == quote
