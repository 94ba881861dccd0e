"""Review: only confirmed evidence moves a status, and every change carries its snapshot."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pledgewatch.assess.linking import link_stories
from pledgewatch.assess.review import ALL_PARTIES, change_judgement, confirm, reject
from pledgewatch.assess.standing import reproduce
from pledgewatch.assess.status import current_statuses
from pledgewatch.errors import ConfigurationError
from pledgewatch.store import models
from pledgewatch.store.commitments import get_commitment
from pledgewatch.store.db import unit_of_work
from pledgewatch.store.evidence_models import Evidence

AddNews = Callable[..., int]
AGREEMENT = "2025-10-28-japan-us"


def linked(engine: Engine, add_news: AddNews, *keys: str) -> dict[str, Evidence]:
    """Add the reports, link them, and return each report's best proposal."""
    items = {add_news(key): key for key in keys}
    with unit_of_work(engine) as session:
        link_stories(session)
    with Session(engine) as session:
        best: dict[str, Evidence] = {}
        for e in session.scalars(select(Evidence).order_by(Evidence.score)):
            best[items[e.item_id]] = e
        return best


def history(engine: Engine, code: str) -> list[models.StatusChange]:
    with Session(engine) as session:
        return list(get_commitment(session, code).history)


def whole_status(engine: Engine, code: str) -> str:
    with Session(engine) as session:
        statuses = current_statuses(session, agreement_id=AGREEMENT)
        return next(v.status for k, v in statuses.items() if k.commitment_code == code)


def test_confirming_moves_each_party_and_the_whole_with_a_snapshot(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    proposal = linked(loaded_engine, add_news, "ministerial_ja")["ministerial_ja"]
    # A proposal alone moves nothing.
    assert whole_status(loaded_engine, "CM-04") == "not_started"
    assert [h.status for h in history(loaded_engine, "CM-04")] == ["not_started"]
    with unit_of_work(loaded_engine) as session:
        outcome = confirm(session, proposal.id, reviewer="analyst a", note="checked METI release")
        assert [(c.party, c.status) for c in outcome.changes] == [
            ("JP", "achieved"),
            ("US", "achieved"),
            (None, "achieved"),
        ]
    assert whole_status(loaded_engine, "CM-04") == "achieved"
    entries = history(loaded_engine, "CM-04")
    assert [e.status for e in entries] == ["not_started", "achieved", "achieved", "achieved"]
    for entry in entries[1:]:
        assert entry.recorded_by == "analyst a"
        assert "#" in entry.reason
        assert "証拠" in entry.reason
        snapshot = next(s for s in entry.evidence if s["kind"] == "evidence")
        assert snapshot["title"] == "日米、重要鉱物の投資閣僚会合を開催"
        assert snapshot["published"] == "2026-03-10"
        assert snapshot["url"].startswith("https://news.example/")
        assert "閣僚会合" in snapshot["passage"]
        assert snapshot["judgement"] == "achieved"
        assert snapshot["note"] == "checked METI release"
        # The status can be reproduced from the snapshot alone.
        assert reproduce(entry.evidence).value == entry.status


def test_a_changed_judgement_is_what_counts_and_a_mention_moves_nothing(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    best = linked(loaded_engine, add_news, "ministerial_en", "shipbuilding_ja")
    proposal = best["ministerial_en"]
    with unit_of_work(loaded_engine) as session:
        changed = change_judgement(session, proposal.id, "p", reviewer="analyst b")
        assert changed.changes == []
        assert changed.evidence.state == "proposed"
        assert changed.evidence.reviewed_judgement == "progress"
        outcome = confirm(session, proposal.id, reviewer="analyst b")
        assert outcome.evidence.effective_judgement == "progress"
        assert outcome.evidence.judgement == "achieved"  # the machine's proposal is kept
    assert whole_status(loaded_engine, "CM-04") == "in_progress"
    latest = history(loaded_engine, "CM-04")[-1]
    assert reproduce(latest.evidence) is models.Status.IN_PROGRESS
    with unit_of_work(loaded_engine) as session:
        mention = confirm(session, best["shipbuilding_ja"].id, reviewer="a", judgement="mention")
        assert mention.evidence.state == "confirmed"
        assert mention.changes == []
        with pytest.raises(ConfigurationError, match="judgement must be"):
            confirm(session, best["shipbuilding_ja"].id, reviewer="a", judgement="great")


def test_one_party_evidence_and_rejecting_confirmed_evidence(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    best = linked(loaded_engine, add_news, "tariff_ruling_ja", "ministerial_en")
    with unit_of_work(loaded_engine) as session:
        outcome = confirm(session, best["ministerial_en"].id, reviewer="analyst", party="JP")
        assert [(c.party, c.status) for c in outcome.changes] == [
            ("JP", "achieved"),
            (None, "in_progress"),
        ]
        whole = outcome.changes[-1]
        parties = next(s for s in whole.evidence if s["kind"] == "parties")
        assert parties["statuses"] == {"JP": "achieved", "US": "not_started"}
        assert reproduce(whole.evidence) is models.Status.IN_PROGRESS
        with pytest.raises(ConfigurationError, match="binds JP, US, not KR"):
            confirm(session, best["ministerial_en"].id, reviewer="analyst", party="KR")
    proposal = best["tariff_ruling_ja"]
    assert proposal.commitment_code == "TAR-02"
    with unit_of_work(loaded_engine) as session:
        confirm(session, proposal.id, reviewer="analyst")
    assert whole_status(loaded_engine, "TAR-02") == "setback"
    with unit_of_work(loaded_engine) as session:
        outcome = reject(session, proposal.id, reviewer="analyst", note="ruling stayed")
        assert {c.status for c in outcome.changes} == {"not_started"}
        assert reject(session, proposal.id, reviewer="analyst").changes == []
    assert whole_status(loaded_engine, "TAR-02") == "not_started"
    # TAR-02 binds the US only: its entry and the whole commitment's, each way.
    assert [(h.party, h.status) for h in history(loaded_engine, "TAR-02")] == [
        (None, "not_started"),
        ("US", "setback"),
        (None, "setback"),
        ("US", "not_started"),
        (None, "not_started"),
    ]


def test_a_partys_own_measure_is_proposed_and_confirmed_for_its_part(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    # SB-02 expands both countries' shipbuilding capacity: Japan's own subsidy is Japan's part.
    proposal = linked(loaded_engine, add_news, "shipyard_subsidy_ja")["shipyard_subsidy_ja"]
    assert (proposal.commitment_code, proposal.party) == ("SB-02", "JP")
    with unit_of_work(loaded_engine) as session:
        outcome = confirm(session, proposal.id, reviewer="analyst")
        assert outcome.evidence.party == "JP"
        assert [(c.party, c.status) for c in outcome.changes] == [
            ("JP", "in_progress"),
            (None, "in_progress"),
        ]
        parties = next(s for s in outcome.changes[-1].evidence if s["kind"] == "parties")
        assert parties["statuses"] == {"JP": "in_progress", "US": "not_started"}


def test_a_reviewer_widens_a_one_party_proposal_to_every_party(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    proposal = linked(loaded_engine, add_news, "shipyard_subsidy_ja")["shipyard_subsidy_ja"]
    with unit_of_work(loaded_engine) as session:
        outcome = confirm(session, proposal.id, reviewer="analyst", party=ALL_PARTIES)
        assert outcome.evidence.party is None
        assert [(c.party, c.status) for c in outcome.changes] == [
            ("JP", "in_progress"),
            ("US", "in_progress"),
            (None, "in_progress"),
        ]
        # Narrowing it back to Japan undoes the US change; the same again changes nothing.
        again = confirm(session, proposal.id, reviewer="analyst", party="JP")
        assert [(c.party, c.status) for c in again.changes] == [("US", "not_started")]
        assert confirm(session, proposal.id, reviewer="analyst", party="JP").changes == []


def test_progress_does_not_undo_an_achievement_but_a_later_setback_does(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    best = linked(loaded_engine, add_news, "ministerial_en", "ministerial_ja")
    with unit_of_work(loaded_engine) as session:
        confirm(session, best["ministerial_en"].id, reviewer="a")
        outcome = confirm(session, best["ministerial_ja"].id, reviewer="a", judgement="progress")
        assert outcome.changes == []
        again = confirm(session, best["ministerial_ja"].id, reviewer="a", judgement="progress")
        assert again.changes == []
        setback = change_judgement(session, best["ministerial_ja"].id, "setback", reviewer="a")
        assert {c.status for c in setback.changes} == {"setback"}
    assert whole_status(loaded_engine, "CM-04") == "setback"
