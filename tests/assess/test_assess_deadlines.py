"""Deadlines for review ('at risk', 'missed?') and the funding deadline a selection dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session

from pledgewatch.assess.linking import link_stories
from pledgewatch.assess.projects import NewProject, record_milestone, sync_selection_events
from pledgewatch.assess.review import confirm
from pledgewatch.assess.risk import FlagKind, deadline_flags, mark_missed
from pledgewatch.brief.commitments import show_commitment
from pledgewatch.errors import ConfigurationError, NotFoundError
from pledgewatch.store import models
from pledgewatch.store.db import unit_of_work
from pledgewatch.store.evidence_models import Evidence

AddNews = Callable[..., int]
AGREEMENT = "2025-10-28-japan-us"


def flags(engine: Engine, as_of: date, days: int = 30) -> dict[str, FlagKind]:
    with Session(engine) as session:
        found = deadline_flags(session, agreement_id=None, as_of=as_of, at_risk_days=days)
        return {flag.key: flag.kind for flag in found}


def test_at_risk_within_the_window_and_missed_after_the_date(loaded_url: str) -> None:
    # CM-04 is due 2026-04-26, CM-03 2026-04-28, SEC-01 2026-03-31.
    loaded_engine = create_engine(loaded_url)
    assert flags(loaded_engine, date(2026, 3, 19)) == {"SEC-01": FlagKind.AT_RISK}
    wider = flags(loaded_engine, date(2026, 3, 19), days=40)
    assert wider == {
        "SEC-01": FlagKind.AT_RISK,
        "CM-04": FlagKind.AT_RISK,
        "CM-03": FlagKind.AT_RISK,
    }
    after = flags(loaded_engine, date(2026, 4, 27))
    assert after == {
        "SEC-01": FlagKind.MISSED,
        "CM-04": FlagKind.MISSED,
        "CM-03": FlagKind.AT_RISK,
    }
    assert flags(loaded_engine, date(2026, 1, 1)) == {}
    loaded_engine.dispose()


def test_achieved_evidence_clears_the_flag_and_a_person_records_missed(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    add_news("ministerial_en")
    with unit_of_work(loaded_engine) as session:
        link_stories(session)
        best = max(session.scalars(select(Evidence)), key=lambda e: e.score or 0)
        assert best.commitment_code == "CM-04"
        confirm(session, best.id, reviewer="analyst")
    assert "CM-04" not in flags(loaded_engine, date(2026, 4, 27))
    with unit_of_work(loaded_engine) as session:
        change = mark_missed(
            session,
            "SEC-01",
            as_of=date(2026, 4, 1),
            reviewer="analyst",
            reason="no budget figure reported by 31 March",
        )
        assert change.status == models.Status.MISSED.value
        assert change.evidence[0]["due"] == "2026-03-31"
        assert change.evidence[0]["days_overdue"] == 1
        with pytest.raises(ConfigurationError, match="not past a deadline"):
            mark_missed(session, "CM-04", as_of=date(2026, 4, 27), reviewer="a", reason="x")
        with pytest.raises(ConfigurationError, match="not past a deadline"):
            mark_missed(session, "CM-03", as_of=date(2026, 4, 1), reviewer="a", reason="x")
    assert "SEC-01" not in flags(loaded_engine, date(2026, 4, 27))


def test_a_selection_dates_the_funding_deadline_and_financing_meets_it(
    loaded_engine: Engine,
) -> None:
    with unit_of_work(loaded_engine) as session:
        assert show_commitment(session, "INV-01").follow_ons[0].due_dates == []
        outcome = record_milestone(
            session,
            agreement_id=AGREEMENT,
            project="copper-refinery",
            status="selected",
            on=date(2026, 2, 17),
            recorded_by="analyst",
            reason="selection announced by the Commerce Secretary",
        )
        assert outcome.created
        assert outcome.occurrence is not None
        assert outcome.occurrence.subject == "copper-refinery"
        again = record_milestone(
            session,
            agreement_id=AGREEMENT,
            project="copper-refinery",
            status="selected",
            on=date(2026, 2, 17),
            recorded_by="analyst",
            reason="the same selection, read again",
        )
        assert not again.created
        assert again.occurrence is not None
        assert again.occurrence.id == outcome.occurrence.id
        assert show_commitment(session, "INV-01").follow_ons[0].due_dates == [date(2026, 4, 3)]
    assert flags(loaded_engine, date(2026, 3, 20))["INV-01-FUND:copper-refinery"] is (
        FlagKind.AT_RISK
    )
    assert flags(loaded_engine, date(2026, 4, 4))["INV-01-FUND:copper-refinery"] is (
        FlagKind.MISSED
    )
    with unit_of_work(loaded_engine) as session:
        record_milestone(
            session,
            agreement_id=AGREEMENT,
            project="copper-refinery",
            status="financed",
            on=date(2026, 3, 30),
            recorded_by="analyst",
            reason="JBIC financing announced",
        )
    assert "INV-01-FUND:copper-refinery" not in flags(loaded_engine, date(2026, 4, 4))

    # Milestones are checked, and reloading the file cannot lose the selections.
    with unit_of_work(loaded_engine) as session:
        with pytest.raises(NotFoundError, match="give its name and sector"):
            record_milestone(
                session,
                agreement_id=AGREEMENT,
                project="unknown-plant",
                status="selected",
                on=date(2026, 2, 17),
                recorded_by="a",
                reason="x",
            )
        with pytest.raises(ConfigurationError, match="project status must be one of"):
            record_milestone(
                session,
                agreement_id=AGREEMENT,
                project="copper-refinery",
                status="dreamt",
                on=date(2026, 2, 17),
                recorded_by="a",
                reason="x",
            )
        with pytest.raises(NotFoundError, match="sector"):
            record_milestone(
                session,
                agreement_id=AGREEMENT,
                project="new-plant",
                status="selected",
                on=date(2026, 2, 17),
                recorded_by="a",
                reason="x",
                new_project=NewProject("Plant", "工場", "no-such-sector"),
            )
        record_milestone(
            session,
            agreement_id=AGREEMENT,
            project="gas-power-plant",
            status="selected",
            on=date(2026, 2, 17),
            recorded_by="a",
            reason="first projects announced",
            new_project=NewProject("Gas-fired power plant", "ガス火力発電所", "energy"),
        )
    with unit_of_work(loaded_engine) as session:
        for row in session.scalars(select(models.EventOccurrence)):
            session.delete(row)  # as a reload of the agreement file would
    with unit_of_work(loaded_engine) as session:
        assert sync_selection_events(session, agreement_id=AGREEMENT) == 2
        assert sync_selection_events(session, agreement_id=AGREEMENT) == 0
        subjects = {o.subject for o in session.scalars(select(models.EventOccurrence))}
        assert subjects == {"copper-refinery", "gas-power-plant"}
