"""Linking stores machine proposals apart from evidence: one per story and commitment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pledgewatch.assess.linking import link_stories
from pledgewatch.brief.evidence import distinct_events, evidence_summary
from pledgewatch.store.db import unit_of_work
from pledgewatch.store.evidence_models import Evidence, LinkedStory
from pledgewatch.store.monitor_models import Story

AddNews = Callable[..., int]


def proposals(engine: Engine) -> list[Evidence]:
    with Session(engine) as session:
        return list(session.scalars(select(Evidence).order_by(Evidence.id)))


def test_english_and_japanese_stories_get_proposals_with_reasons(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    english = add_news("ministerial_en")
    japanese = add_news("ministerial_ja")
    distractor = add_news("steel_distractor_en")
    ruling = add_news("tariff_ruling_ja")
    with unit_of_work(loaded_engine) as session:
        run = link_stories(session)
    assert (run.stories, run.linked, run.problems) == (4, 4, [])
    found = proposals(loaded_engine)
    assert run.proposals == len(found)
    assert distractor not in {e.item_id for e in found}  # same words, evidence of nothing
    setback = max((e for e in found if e.item_id == ruling), key=lambda e: e.score or 0)
    assert (setback.commitment_code, setback.judgement) == ("TAR-02", "setback")
    top = {
        e.item_id: e
        for e in sorted(found, key=lambda e: e.score or 0)  # the best of each item wins
    }
    for item in (english, japanese):
        best = top[item]
        assert best.commitment_code == "CM-04"
        assert best.judgement == "achieved"
        assert best.state == "proposed"
        assert best.proposed_by == "linker"
        assert 0.5 <= (best.score or 0) <= 1
        assert {r["kind"] for r in best.reasons} >= {"terms", "concept"}
    assert "Ministerial" in top[english].passage
    assert "閣僚会合" in top[japanese].passage


def test_linking_runs_once_per_story_and_relinking_keeps_what_is_held(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    add_news("shipbuilding_ja")
    with unit_of_work(loaded_engine) as session:
        first = link_stories(session)
    made = proposals(loaded_engine)
    assert first.proposals == len(made) > 0
    with unit_of_work(loaded_engine) as session:
        again = link_stories(session)
    assert (again.stories, again.proposals) == (0, 0)
    with unit_of_work(loaded_engine) as session:
        relinked = link_stories(session, relink=True)
    assert relinked.stories == 1
    assert relinked.proposals == 0
    assert relinked.already_held == len(made)
    assert [e.id for e in proposals(loaded_engine)] == [e.id for e in made]
    with unit_of_work(loaded_engine) as session:
        strict = link_stories(session, relink=True, threshold=0.9999)
    assert strict.already_held < len(made)  # a higher threshold proposes less


def test_a_story_is_linked_once_through_its_best_item_and_a_bad_one_is_reported(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    media = add_news("ministerial_en")
    with Session(loaded_engine) as session:
        story = session.scalars(select(Story)).one().id
    official = add_news("ministerial_ja", story=story, trust="official")
    with unit_of_work(loaded_engine) as session:
        session.add(Story(title="empty story", first_seen_at=datetime.now(UTC)))
    with unit_of_work(loaded_engine) as session:
        run = link_stories(session)
    assert (run.stories, run.linked) == (2, 1)
    assert [p.title for p in run.problems] == ["empty story"]
    assert "no items" in run.problems[0].message
    found = proposals(loaded_engine)
    assert found
    assert {e.item_id for e in found} == {official}
    assert media not in {e.item_id for e in found}
    codes = [e.commitment_code for e in found]
    assert len(codes) == len(set(codes))
    with Session(loaded_engine) as session:
        marker = session.get(LinkedStory, story)
        assert marker is not None
        assert marker.item_id == official


def test_one_event_reported_in_two_languages_is_tied_and_counted_once(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    english = add_news("jbic_loan_en")
    japanese = add_news("jbic_loan_ja")
    with unit_of_work(loaded_engine) as session:
        link_stories(session)
    found = proposals(loaded_engine)
    tied = {
        (e.item_id, e.commitment_code): [r["detail"] for r in e.reasons if r["kind"] == "event"]
        for e in found
    }
    by_id = {e.id: e for e in found}
    # Every proposal of one report names the other report's proposal for the same commitment.
    codes = {code for item, code in tied if item == english} & {
        code for item, code in tied if item == japanese
    }
    assert codes
    for code in codes:
        mine = next(e for e in found if e.item_id == english and e.commitment_code == code)
        theirs = next(e for e in found if e.item_id == japanese and e.commitment_code == code)
        assert tied[(english, code)] == [f"event: same event as evidence #{theirs.id} (ja)"]
        assert tied[(japanese, code)] == [f"event: same event as evidence #{mine.id} (en)"]
    # Confirmed, the two rows are one event.
    with unit_of_work(loaded_engine) as session:
        for evidence_id in by_id:
            session.get_one(Evidence, evidence_id).state = "confirmed"
    code = sorted(codes)[0]
    with Session(loaded_engine) as session:
        rows = list(session.scalars(select(Evidence).where(Evidence.commitment_code == code)))
        assert distinct_events(rows) == 1
        summary = evidence_summary(rows)
    assert (summary.confirmed, summary.confirmed_events) == (2, 1)
    assert len(summary.latest) == 1  # one report of the event is shown


def test_reports_far_apart_or_in_one_language_are_not_tied(
    loaded_engine: Engine, add_news: AddNews
) -> None:
    add_news("jbic_loan_en")
    add_news("jbic_loan_ja", published=date(2026, 3, 25))  # two weeks later: another event
    add_news("jbic_loan_en", url="https://other.example/copy")  # same language: the monitor's job
    with unit_of_work(loaded_engine) as session:
        link_stories(session)
    assert all(r["kind"] != "event" for e in proposals(loaded_engine) for r in e.reasons)
