"""Reloading an agreement (load --replace, or init after the shipped file changed) keeps what
people recorded: event occurrences, evidence and its review, milestones and the history."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from pledgewatch.assess.events import record_occurrence
from pledgewatch.assess.projects import record_milestone
from pledgewatch.capture.default import default_agreement_path
from pledgewatch.capture.loader import load_agreement_file
from pledgewatch.cli import app
from pledgewatch.errors import ConflictError
from pledgewatch.store import models
from pledgewatch.store.db import unit_of_work
from pledgewatch.store.evidence_models import Evidence, ProjectMilestone

AddNews = Callable[..., int]
AGREEMENT = "2025-10-28-japan-us"
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "example-agreement"
runner = CliRunner(env={"COLUMNS": "220"})


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def edited_copy(folder: Path, tmp_path: Path) -> Path:
    """A copy of an agreement folder whose file differs from the stored one."""
    copy = tmp_path / "agreement"
    shutil.copytree(folder, copy)
    path = copy / "agreement.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    return path


def recorded(engine: Engine) -> dict[str, object]:
    """What people recorded, as comparable values."""
    with Session(engine) as session:
        return {
            "occurrences": sorted(
                (o.date, o.subject, o.recorded_by)
                for o in session.scalars(select(models.EventOccurrence))
            ),
            "evidence": sorted(
                (e.id, e.commitment_code, e.state, e.effective_judgement, e.reviewed_by)
                for e in session.scalars(select(Evidence))
            ),
            "history": session.scalar(select(func.count()).select_from(models.StatusChange)),
            "milestones": session.scalar(select(func.count()).select_from(ProjectMilestone)),
        }


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_replace_keeps_occurrences_evidence_and_history(
    loaded_engine: Engine, add_news: AddNews, tmp_path: Path, lang: str
) -> None:
    db = loaded_engine.url.render_as_string(hide_password=False)
    record = ["events", "record", "project-selection", "--date", "2026-02-17", "--by", "analyst"]
    invoke(*record, "--subject", "copper-refinery", "--db", db)
    add_news("ministerial_ja")
    invoke("link", "--db", db)
    proposals = json.loads(invoke("evidence", "--db", db, "-f", "json"))
    cm04 = next(e for e in proposals if e["commitment"] == "CM-04")
    invoke("review", "evidence", "--db", db, "--confirm", str(cm04["id"]), "--by", "analyst")
    before = recorded(loaded_engine)
    due = ("INV-01-FUND", "2026-04-03", "copper-refinery")

    path = edited_copy(default_agreement_path().parent, tmp_path)
    out = invoke("load", str(path), "--replace", "--db", db, "--lang", lang)
    assert ("Replaced (history kept)" if lang == "en" else "置き換え（履歴は保持）") in out
    assert recorded(loaded_engine) == before
    view = json.loads(invoke("status", "--db", db, "--as-of", "2026-03-19", "-f", "json"))
    dated = [(d["follow_on"], d["due"], d["subject"]) for d in view["deadlines"] if d["follow_on"]]
    assert dated == [due]
    assert view["pending"] == []
    assert view["evidence"]["confirmed"] == 1
    out = invoke("events", "list", "--db", db, "--lang", lang)
    assert "2026-02-17 — copper-refinery" in out
    out = invoke("show", "CM-04", "--db", db, "--lang", lang)
    assert ("achieved" if lang == "en" else "達成") in out
    assert "日米、重要鉱物の投資閣僚会合を開催" in out

    # A file that now lists the occurrence itself holds it once: the file's.
    path = edited_copy(default_agreement_path().parent, tmp_path / "again")
    text = path.read_text(encoding="utf-8").replace(
        "    occurrences: []\n",
        "    occurrences:\n      - {date: 2026-02-17, subject: copper-refinery}\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    load_agreement_file(loaded_engine, path, replace=True)
    after = recorded(loaded_engine)
    assert after["occurrences"] == [(date(2026, 2, 17), "copper-refinery", "pledgewatch load")]
    assert {k: v for k, v in after.items() if k != "occurrences"} == {
        k: v for k, v in before.items() if k != "occurrences"
    }


def test_milestones_keep_their_selection_across_a_replace(
    loaded_engine: Engine, tmp_path: Path
) -> None:
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
    before = recorded(loaded_engine)
    load_agreement_file(
        loaded_engine, edited_copy(default_agreement_path().parent, tmp_path), replace=True
    )
    assert recorded(loaded_engine) == before
    assert before["occurrences"] == [(date(2026, 2, 17), "copper-refinery", "analyst")]


def test_a_file_may_not_drop_an_event_with_recorded_occurrences(
    thesaurus_engine: Engine, tmp_path: Path
) -> None:
    path = edited_copy(EXAMPLE, tmp_path)
    extra = (
        "  - id: port-visit\n"
        "    name: {en: A port visit, ja: 港湾視察}\n"
        "    source:\n"
        "      document: port-statement\n"
        '      section: "1"\n'
        "      span_note: {en: Not in the statement, ja: 声明には記載なし}\n"
    )
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("commitments:\n", extra + "commitments:\n", 1), "utf-8")
    load_agreement_file(thesaurus_engine, path)
    with unit_of_work(thesaurus_engine) as session:
        record_occurrence(
            session,
            agreement_id="example-port-resilience",
            event_key="port-visit",
            on=date(2026, 1, 5),
            recorded_by="analyst",
        )
    path.write_text(original + "\n# dropped the event\n", encoding="utf-8")
    with pytest.raises(ConflictError, match="port-visit"):
        load_agreement_file(thesaurus_engine, path, replace=True)
    with Session(thesaurus_engine) as session:
        assert session.scalar(select(func.count()).select_from(models.EventOccurrence)) == 1
