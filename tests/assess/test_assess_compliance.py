"""Compliance the G7 Research Group's way, its published averages, and other trackers' scales."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from pledgewatch.assess.compliance import average, compliance_report, mean_of, percent
from pledgewatch.assess.linking import link_stories
from pledgewatch.assess.review import confirm
from pledgewatch.assess.scales import LOSSES, Scale, rate
from pledgewatch.cli import app
from pledgewatch.store import models
from pledgewatch.store.db import unit_of_work
from pledgewatch.store.evidence_models import Evidence

AddNews = Callable[..., int]
G7 = Path(__file__).resolve().parents[3] / "shared" / "eval" / "g7-compliance" / "commitments.jsonl"

# Published averages that are the plain mean of the assessed members only once rounded to two
# decimals, as the publication prints them.
ROUNDED_IN_PUBLICATION = {
    "1978:1978-48",  # 2/7 = 0.2857 printed 0.29
    "1978:1978-49",  # 1/7 printed 0.14
    "2004:2004-246",  # 3/9 printed 0.33
    "2004:2004-50",  # 1/9 printed 0.11
    "2006:2006-51",  # 1/9 printed 0.11
}
# Published averages that no rule over the member scores gives: left as they are, not bent to.
NOT_THE_MEAN = {
    "1996:1996-xx",  # 1.0 published; members average 2/7
    "1999:1999-xx",  # 0.0 published; members average 2/9
    "2000:2000-xx",  # 0.75 published: 6/8, as if Italy (not assessed) counted as 0
    "2001:2001-xx",  # -0.125 published; all eight assessed members score +1
    "2004:2004-xx",  # 0.78 published; members average 2/9
    "2005:2005-15",  # 1.0 published; members average 4/9
    "2006:2006-271",  # 0.13 published; members average 1/9
    "2010:2010-30",  # -0.11 published; members average -2/9
    "2011:2011-120",  # 0.78 published; members average 2/9
}


def test_the_published_g7_averages_are_the_mean_of_the_assessed_members() -> None:
    rows = [json.loads(line) for line in G7.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) == 402
    plain, rounded, other = [], set(), set()
    for row in rows:
        result = average(row["scores"].values())
        assert result.assessed + result.not_assessed == len(row["scores"])
        assert result.score is not None
        if abs(result.score - row["average"]) < 1e-6:
            plain.append(row["id"])
        elif round(result.score, 2) == row["average"]:
            rounded.add(row["id"])
        else:
            other.add(row["id"])
    assert len(plain) == 388
    assert rounded == ROUNDED_IN_PUBLICATION
    assert other == NOT_THE_MEAN


def test_averages_record_their_denominator_and_percentages() -> None:
    result = average([1, 0, None, -1, 1])
    assert (result.score, result.assessed, result.not_assessed) == (0.25, 4, 1)
    assert result.percent == 62.5
    assert average([None, None]).score is None
    assert average([None]).percent is None
    assert mean_of([average([1]), average([0, 0]), average([None])]).score == 0.5
    assert (percent(-1), percent(0), percent(1)) == (0, 50, 100)


def test_scores_per_party_follow_the_reviewed_status(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    with Session(loaded_engine) as session:
        before = compliance_report(session, agreement_id=None)
    assert before.overall.score == -1
    assert before.overall.percent == 0
    assert before.overall.assessed == 30
    assert set(before.by_party) == {"JP", "US"}
    add_news("ministerial_en")
    with unit_of_work(loaded_engine) as session:
        link_stories(session)
        best = max(session.scalars(select(Evidence)), key=lambda e: e.score or 0)
        confirm(session, best.id, reviewer="analyst", party="JP")
    with Session(loaded_engine) as session:
        after = compliance_report(session, agreement_id=None)
    cm04 = next(c for c in after.commitments if c.commitment == "CM-04")
    scores = {p.party: (p.status, p.score) for p in cm04.parties}
    assert scores == {"JP": ("achieved", 1), "US": ("not_started", -1)}
    assert (cm04.average.score, cm04.average.assessed) == (0, 2)
    jp = next(p for p in cm04.parties if p.party == "JP")
    assert jp.recorded_by == "analyst"
    assert jp.evidence[-1]["title"] == "Japan and US hold minerals investment ministerial"
    jp_codes = [c for c in after.commitments if any(p.party == "JP" for p in c.parties)]
    assert after.by_party["JP"].assessed == len(jp_codes)
    assert after.by_party["JP"].score == pytest.approx((2 - len(jp_codes)) / len(jp_codes))
    assert after.overall.score == pytest.approx((-29 + 0) / 30)
    minerals = after.by_sector["critical-minerals"]
    assert minerals.assessed == sum(1 for c in after.commitments if c.sector == "critical-minerals")


@pytest.mark.parametrize(
    ("status", "final", "expected"),
    [
        ("achieved", False, ("+1", "kept", "kept", "complete", "A")),
        ("in_progress", False, ("0", "in_the_works", "in_part", "limited", "B")),
        ("in_progress", True, ("0", "compromise", "in_part", "limited", "B")),
        ("setback", False, ("-1", "stalled", "broken", "not_started", "B")),
        ("setback", True, ("-1", "broken", "broken", "not_started", "B")),
        ("not_started", False, ("-1", "not_yet_rated", "not_yet_rated", "not_started", "N")),
        ("not_started", True, ("-1", "broken", "broken", "not_started", "B")),
        ("missed", True, ("-1", "broken", "broken", "not_started", "B")),
        ("unclear", False, ("n/a", "not_yet_rated", "not_yet_rated", "no_evidence", "N")),
    ],
)
def test_each_status_maps_onto_every_scale(
    status: str, final: bool, expected: tuple[str, ...]
) -> None:
    scales = (Scale.G7, Scale.POLITIFACT, Scale.POLIMETER, Scale.OGP, Scale.JAPAN)
    got = tuple(rate(s, status, final=final, has_deadline=True).code for s in scales)
    assert got == expected
    for scale in scales:
        rating = rate(scale, status, final=final, has_deadline=True)
        assert rating.en
        assert rating.ja


def test_without_a_deadline_the_japanese_scale_says_f_and_losses_are_documented() -> None:
    assert rate(Scale.JAPAN, "in_progress", final=False, has_deadline=False).code == "F"
    assert rate(Scale.JAPAN, "achieved", final=False, has_deadline=False).code == "A"
    for scale in Scale:
        en, ja = LOSSES[scale]
        assert len(en) > 40
        assert any("\u3040" <= ch <= "\u30ff" for ch in ja)
    assert "Stalled" in LOSSES[Scale.POLITIFACT][0]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_compliance_command(loaded_url: str, lang: str) -> None:
    runner = CliRunner(env={"COLUMNS": "220"})
    export = ["compliance", "--db", loaded_url, "--scale", "politifact", "-f", "csv"]
    result = runner.invoke(app, [*export, "--lang", lang, "--as-of", "2026-03-19"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    with Session(create_engine(loaded_url)) as session:
        parties = sum(len(c.parties) for c in session.scalars(select(models.Commitment)))
    assert len(rows) == parties
    cm04 = [r for r in rows if r["commitment"] == "CM-04"]
    assert {r["rating"] for r in cm04} == {"not_yet_rated"}
    assert {r["g7_score"] for r in cm04} == {"-1"}
    after = runner.invoke(app, [*export, "--as-of", "2026-05-01"])
    late = [r for r in csv.DictReader(io.StringIO(after.stdout)) if r["commitment"] == "CM-04"]
    assert {r["rating"] for r in late} == {"broken"}  # the deadline has passed: final
    result = runner.invoke(app, ["compliance", "--db", loaded_url, "-f", "json"])
    report = json.loads(result.stdout)
    assert report["overall"] == {"score": -1.0, "percent": 0.0, "assessed": 30, "not_assessed": 0}
    assert report["scale_loss"]["ja"]
    result = runner.invoke(app, ["compliance", "--db", loaded_url, "--lang", lang])
    words = {
        "en": ["What this scale loses", "G7 Research Group", "Critical minerals and rare earths"],
        "ja": ["この尺度で失われる情報", "G7リサーチ", "重要鉱物・レアアース", "根拠はまだ"],
    }[lang]
    for word in words:
        assert word in result.stdout
    assert "critical-minerals" not in result.stdout
