"""The curated review of the sample source, and review files in general."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from pledgewatch.assess.curation import apply_review, read_review_file, sample_review_path
from pledgewatch.assess.linking import link_stories
from pledgewatch.assess.review import reject
from pledgewatch.assess.situation import situation_on
from pledgewatch.assess.standing import party_status, reproduce
from pledgewatch.brief.commitments import show_commitment
from pledgewatch.cli import app
from pledgewatch.errors import AgreementFileError
from pledgewatch.store import models
from pledgewatch.store.db import unit_of_work
from pledgewatch.store.evidence_models import Evidence

AddNews = Callable[..., int]
AGREEMENT = "2025-10-28-japan-us"
CURATOR = "sample dataset"
runner = CliRunner(env={"COLUMNS": "200"})


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_make_run_ends_with_reviewed_statuses_and_open_proposals(loaded_engine: Engine) -> None:
    db = loaded_engine.url.render_as_string(hide_password=False)
    invoke("ingest", "--sample", "--quiet", "--db", db)
    invoke("link", "--db", db)
    out = invoke("review", "apply", "--db", db)
    assert "Curated review applied" in out
    assert "Problems" not in out

    review = yaml.safe_load(sample_review_path(AGREEMENT).read_text(encoding="utf-8"))
    with Session(loaded_engine) as session:
        history = list(
            session.scalars(select(models.StatusChange).order_by(models.StatusChange.id))
        )
        by_curator = [h for h in history if h.recorded_by == CURATOR]
        assert by_curator
        for entry in by_curator:
            assert reproduce(entry.evidence).value == entry.status
            snapshots = [s for s in entry.evidence if s["kind"] == "evidence"]
            assert snapshots
            for snapshot in snapshots:
                assert snapshot["title"]
                assert snapshot["published"]
                assert snapshot["url"].startswith("file://")
                assert snapshot["passage"]
        sec01 = show_commitment(session, "SEC-01", as_of=date(2026, 3, 19))
        assert sec01.status == "achieved"
        assert sec01.flags == []  # achieved before its 2026-03-31 deadline
        assert show_commitment(session, "SB-01").status == "achieved"
        assert show_commitment(session, "TAR-02").status == "setback"
        assert show_commitment(session, "INV-01").follow_ons[0].due_dates == [date(2026, 4, 3)] * 3
        confirmed = {
            (e.commitment_code, e.effective_judgement)
            for e in session.scalars(select(Evidence).where(Evidence.state == "confirmed"))
        }
        expected = {(entry["commitment"], entry["judgement"]) for entry in review["evidence"]}
        assert confirmed == expected
        waiting = list(session.scalars(select(Evidence).where(Evidence.state == "proposed")))
        assert all(e.reviewed_by is None for e in waiting)
        count = len(history)
        # What the views compute is what the history recorded, party by party.
        now = situation_on(session, agreement_id=AGREEMENT, as_of=None)
        for code, standing in now.standings.items():
            entries = now.history[code]
            assert standing.status.value == entries_status(entries, None)
            for party, own in standing.parties.items():
                assert own.status is party_status(entries, party)

    # Applying again changes nothing.
    out = invoke("review", "apply", "--db", db)
    assert "0 confirmed (0 of them links the curator added), 0 rejected" in out
    out = invoke("review", "apply", "--db", db, "--lang", "ja")
    assert "確認0件（うち監修者が追加した関連付け0件）、却下0件" in out
    with Session(loaded_engine) as session:
        assert len(list(session.scalars(select(models.StatusChange)))) == count

    out = invoke("status", "--db", db, "--as-of", "2026-03-19", "--format", "json")
    dashboard = json.loads(out)
    assert dashboard["evidence"]["confirmed"] > 0
    assert dashboard["evidence"]["proposed"] == len(waiting)
    assert dashboard["projects"]["selected"] == 3
    assert dashboard["compliance"]["overall"]["assessed"] == 30


def entries_status(entries: list[models.StatusChange], party: str | None) -> str:
    return next(e.status for e in reversed(entries) if e.party == party)


def write_review(tmp_path: Path, body: dict[str, object]) -> Path:
    path = tmp_path / "review.yaml"
    data = {"format": "pledgewatch-review/1", "agreement": AGREEMENT, "reviewer": "curator"}
    path.write_text(yaml.safe_dump({**data, **body}, allow_unicode=True), encoding="utf-8")
    return path


def test_a_review_file_adds_confirms_rejects_and_reports(
    loaded_engine: Engine, add_news: AddNews, tmp_path: Path
) -> None:
    ministerial = add_news("ministerial_ja", url="https://news.example/ministerial")
    shipbuilding = add_news("shipbuilding_ja", url="https://news.example/ships")
    with unit_of_work(loaded_engine) as session:
        link_stories(session)
        proposals = {
            (e.item_id, e.commitment_code): e.id for e in session.scalars(select(Evidence))
        }
        # A person reviewed this one first; the curator's file must not override it.
        reject(session, proposals[(shipbuilding, "SB-01")], reviewer="person")
    note = {"en": "checked", "ja": "確認済み"}
    path = write_review(
        tmp_path,
        {
            "evidence": [
                {
                    "items": ["https://news.example/ministerial"],
                    "commitment": "CM-04",
                    "judgement": "achieved",
                    "note": note,
                },
                {
                    "items": ["https://news.example/ministerial"],
                    "commitment": "CM-02",
                    "judgement": "progress",
                    "note": note,
                },
                {
                    "items": ["https://news.example/ships"],
                    "commitment": "SB-01",
                    "judgement": "achieved",
                    "note": note,
                },
                {
                    "items": ["https://news.example/missing"],
                    "commitment": "CM-04",
                    "judgement": "achieved",
                    "note": note,
                },
            ],
            "rejected": [
                {"items": ["https://news.example/ships"], "commitment": "SB-05", "note": note}
            ],
        },
    )
    with unit_of_work(loaded_engine) as session:
        result = apply_review(session, read_review_file(path))
    assert result.confirmed == 2
    assert result.added == 1  # CM-02 was not proposed by the linker: the curator's own link
    assert result.unchanged == 1  # the person's rejection stands
    assert result.rejected == (1 if (shipbuilding, "SB-05") in proposals else 0)
    assert len(result.problems) == 1
    assert "https://news.example/missing" in result.problems[0]
    with Session(loaded_engine) as session:
        added = session.scalars(select(Evidence).where(Evidence.commitment_code == "CM-02")).one()
        assert (added.item_id, added.proposed_by, added.score) == (ministerial, "curator", None)
        assert added.state == "confirmed"
        assert show_commitment(session, "CM-04").status == "achieved"
        assert show_commitment(session, "SB-01").status == "not_started"


def test_a_bad_review_file_is_reported_by_line_and_field(tmp_path: Path) -> None:
    path = write_review(
        tmp_path,
        {
            "evidence": [
                {
                    "items": ["x"],
                    "commitment": "CM-04",
                    "judgement": "great",
                    "note": {"en": "a", "ja": "b"},
                }
            ]
        },
    )
    with pytest.raises(AgreementFileError) as caught:
        read_review_file(path)
    problem = caught.value.problems[0]
    assert problem.field == "evidence[0].judgement"
    assert problem.line is not None
