"""Views as of a day count only what had happened by then (see assess.situation)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from pledgewatch.assess.linking import link_stories
from pledgewatch.assess.projects import record_milestone
from pledgewatch.assess.review import confirm
from pledgewatch.assess.risk import mark_missed
from pledgewatch.assess.situation import situation_on
from pledgewatch.assess.status import current_statuses
from pledgewatch.brief.commitments import show_commitment
from pledgewatch.brief.dashboard import build_dashboard
from pledgewatch.cli import app
from pledgewatch.store.db import unit_of_work
from pledgewatch.store.evidence_models import Evidence

AddNews = Callable[..., int]
AGREEMENT = "2025-10-28-japan-us"
BEFORE, AFTER = date(2026, 3, 19), date(2026, 6, 1)
LATE = date(2026, 5, 1)  # the ministerial reported as held after its 2026-04-26 deadline
runner = CliRunner(env={"COLUMNS": "220"})


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def confirm_late_ministerial(engine: Engine, add_news: AddNews, report: str) -> None:
    add_news(report, published=LATE)
    with unit_of_work(engine) as session:
        link_stories(session)
        best = max(session.scalars(select(Evidence)), key=lambda e: e.score or 0)
        assert best.commitment_code == "CM-04"
        confirm(session, best.id, reviewer="analyst", judgement="achieved")


@pytest.mark.parametrize(("report", "lang"), [("ministerial_en", "en"), ("ministerial_ja", "ja")])
def test_evidence_counts_from_the_day_its_item_was_published(
    loaded_engine: Engine, add_news: AddNews, report: str, lang: str
) -> None:
    confirm_late_ministerial(loaded_engine, add_news, report)
    with Session(loaded_engine) as session:
        before = show_commitment(session, "CM-04", as_of=BEFORE)
        assert before.status == "not_started"
        assert before.evidence == []
        assert [p.score for p in before.compliance.parties] == [-1, -1]  # type: ignore[union-attr]
        assert [h.status for h in before.history] == ["not_started"]
        after = show_commitment(session, "CM-04", as_of=AFTER)
        assert after.status == "achieved"
        assert [e.item.published for e in after.evidence] == [LATE]
        assert [p.score for p in after.compliance.parties] == [1, 1]  # type: ignore[union-attr]
        assert after.history[-1].status == "achieved"
        # The deadline passed before the evidence appeared: 'missed?' until it did.
        late_flags = show_commitment(session, "CM-04", as_of=date(2026, 4, 27)).flags
        assert [(f.kind, f.days_left) for f in late_flags] == [("missed?", -1)]
        assert after.flags == []
        # Today everything stored counts, and agrees with the recorded history.
        now = situation_on(session, agreement_id=None, as_of=None)
        recorded = current_statuses(session, agreement_id=AGREEMENT)
        assert {k.commitment_code: v.status for k, v in recorded.items()} == {
            code: standing.status.value for code, standing in now.standings.items()
        }

        early = build_dashboard(session, agreement_id=None, as_of=BEFORE)
        late = build_dashboard(session, agreement_id=None, as_of=AFTER)
    assert early.evidence is not None
    assert late.evidence is not None
    assert (early.evidence.confirmed, late.evidence.confirmed) == (0, 1)
    assert early.by_party["JP"].get("achieved", 0) == 0
    assert late.by_party["JP"]["achieved"] == 1
    assert early.watch_points[0].statuses == {"CM-04": "not_started"}
    assert late.watch_points[0].statuses == {"CM-04": "achieved"}

    db = loaded_engine.url.render_as_string(hide_password=False)
    achieved, not_started = ("achieved", "not started") if lang == "en" else ("達成", "未着手")
    out = invoke("status", "--db", db, "--lang", lang, "--as-of", BEFORE.isoformat())
    wp1 = next(line for line in out.splitlines() if "WP-1" in line)
    assert not_started in wp1
    out = invoke("status", "--db", db, "--lang", lang, "--as-of", AFTER.isoformat())
    wp1 = next(line for line in out.splitlines() if "WP-1" in line)
    assert achieved in wp1
    export = ["compliance", "--db", db, "--lang", lang, "--scale", "politifact", "-f", "csv"]
    for day, score, rating in ((BEFORE, "-1", "not_yet_rated"), (AFTER, "1", "kept")):
        rows = csv.DictReader(io.StringIO(invoke(*export, "--as-of", day.isoformat())))
        cm04 = [r for r in rows if r["commitment"] == "CM-04"]
        assert {(r["g7_score"], r["rating"]) for r in cm04} == {(score, rating)}
    out = invoke("review", "deadlines", "--db", db, "--as-of", "2026-04-27", "-f", "json")
    assert {f["commitment"] for f in json.loads(out) if f["kind"] == "missed?"} == {
        "CM-04",
        "SEC-01",
    }


def test_events_and_milestones_count_from_the_day_they_happened(loaded_engine: Engine) -> None:
    with unit_of_work(loaded_engine) as session:
        record_milestone(
            session,
            agreement_id=AGREEMENT,
            project="copper-refinery",
            status="selected",
            on=date(2026, 2, 17),
            recorded_by="analyst",
            reason="selection announced",
        )
    with Session(loaded_engine) as session:
        early = build_dashboard(session, agreement_id=None, as_of=date(2026, 2, 1))
        later = build_dashboard(session, agreement_id=None, as_of=BEFORE)
        early_show = show_commitment(session, "INV-01", as_of=date(2026, 2, 1))
        later_show = show_commitment(session, "INV-01", as_of=BEFORE)
    assert [p.follow_on for p in early.pending] == ["INV-01-FUND"]
    assert later.pending == []
    assert [(d.follow_on, d.due) for d in later.deadlines if d.follow_on] == [
        ("INV-01-FUND", date(2026, 4, 3))
    ]
    assert [f.subject for f in later.flags if f.follow_on] == ["copper-refinery"]
    assert (early.projects.selected, later.projects.selected) == (0, 1)
    assert early_show.follow_ons[0].due_dates == []
    assert later_show.follow_ons[0].due_dates == [date(2026, 4, 3)]


def test_a_missed_verdict_counts_from_the_day_it_was_checked(loaded_engine: Engine) -> None:
    # SEC-01 is due 2026-03-31; the verdict is recorded now, checked as of 2026-04-01.
    with unit_of_work(loaded_engine) as session:
        mark_missed(
            session, "SEC-01", as_of=date(2026, 4, 1), reviewer="analyst", reason="no figure"
        )
    with Session(loaded_engine) as session:
        day_before = show_commitment(session, "SEC-01", as_of=date(2026, 3, 31))
        checked = show_commitment(session, "SEC-01", as_of=date(2026, 4, 1))
        score = situation_on(session, agreement_id=None, as_of=date(2026, 4, 1))
    assert day_before.status == "not_started"
    assert [f.kind for f in day_before.flags] == ["at_risk"]
    assert checked.status == "missed"
    assert checked.flags == []
    assert [h.status for h in checked.history] == ["not_started", "missed"]
    jp = score.standings["SEC-01"].parties["JP"]
    assert jp.base is not None
    assert jp.base.reason == "no figure"
