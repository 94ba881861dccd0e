"""The status history is append-only and survives reloading the agreement."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pledgewatch.assess.status import current_statuses, record_status
from pledgewatch.capture.loader import load_agreement_file
from pledgewatch.errors import ConfigurationError, ConflictError
from pledgewatch.store import models
from pledgewatch.store.commitments import get_commitment
from pledgewatch.store.db import unit_of_work

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "example-agreement"


@pytest.fixture
def example(tmp_path: Path, thesaurus_engine: Engine) -> Path:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "agreement.yaml"
    load_agreement_file(thesaurus_engine, path)
    return path


def assess(engine: Engine, status: models.Status, reason: str) -> None:
    with unit_of_work(engine) as session:
        commitment = get_commitment(session, "PR-01")
        record_status(session, commitment, status=status, recorded_by="analyst", reason=reason)


def test_statuses_append_and_the_latest_counts(thesaurus_engine: Engine, example: Path) -> None:
    assess(thesaurus_engine, models.Status.IN_PROGRESS, "group announced")
    assess(thesaurus_engine, models.Status.ACHIEVED, "group met on 2026-03-02")
    with Session(thesaurus_engine) as session:
        commitment = get_commitment(session, "PR-01")
        assert [h.status for h in commitment.history] == ["not_started", "in_progress", "achieved"]
        latest = current_statuses(session, agreement_id="example-port-resilience")
        assert {k.commitment_code: v.status for k, v in latest.items()} == {
            "PR-01": "achieved",
            "PR-02": "not_started",
        }


def test_history_entries_cannot_be_changed_or_deleted(
    thesaurus_engine: Engine, example: Path
) -> None:
    with Session(thesaurus_engine) as session:
        entry = session.scalars(select(models.StatusChange)).first()
        assert entry is not None
        entry.reason = "rewritten"
        with pytest.raises(ConflictError, match="history"):
            session.flush()
        session.rollback()
        session.delete(session.scalars(select(models.StatusChange)).first())
        with pytest.raises(ConflictError, match="history"):
            session.flush()


def test_a_status_needs_a_reason_and_a_bound_party(thesaurus_engine: Engine, example: Path) -> None:
    with unit_of_work(thesaurus_engine) as session:
        commitment = get_commitment(session, "PR-01")
        with pytest.raises(ConfigurationError, match="reason"):
            record_status(
                session, commitment, status=models.Status.ACHIEVED, recorded_by="a", reason=" "
            )
        with pytest.raises(ConfigurationError, match="binds AU, JP, not US"):
            record_status(
                session,
                commitment,
                status=models.Status.ACHIEVED,
                recorded_by="a",
                reason="x",
                party="US",
            )


def test_replacing_the_file_keeps_the_history(thesaurus_engine: Engine, example: Path) -> None:
    assess(thesaurus_engine, models.Status.IN_PROGRESS, "group announced")
    text = example.read_text(encoding="utf-8").replace("within 90 days\n", "within 100 days\n")
    example.write_text(text, encoding="utf-8")
    load_agreement_file(thesaurus_engine, example, replace=True)
    with Session(thesaurus_engine) as session:
        commitment = get_commitment(session, "PR-01")
        assert [h.status for h in commitment.history] == ["not_started", "in_progress"]


def test_a_file_may_not_drop_an_assessed_commitment(
    thesaurus_engine: Engine, example: Path
) -> None:
    assess(thesaurus_engine, models.Status.IN_PROGRESS, "group announced")
    text = example.read_text(encoding="utf-8")
    start = text.index("  - id: PR-01\n")
    end = text.index("  - id: PR-02\n")
    text = text[:start] + text[end:]
    text = text.replace("commitments: [PR-01]", "commitments: [PR-02]")
    example.write_text(text, encoding="utf-8")
    with pytest.raises(ConflictError, match="PR-01"):
        load_agreement_file(thesaurus_engine, example, replace=True)
