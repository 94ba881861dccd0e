"""Storing items exactly once and grouping copies into stories, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from monitor_pages import ARTICLE_EN, ARTICLE_JA, OTHER_EN, OTHER_JA, settings_for
from sqlalchemy import Engine, func, select

from pledgewatch.monitor.catalog import ItemQuery, list_items, list_stories
from pledgewatch.monitor.documents import Document
from pledgewatch.monitor.ingestion import Ingestor, Origin, Outcome, Stored
from pledgewatch.monitor.oneoff import ingest
from pledgewatch.store.db import session_factory, unit_of_work
from pledgewatch.store.monitor_models import Item, Sighting, Story
from pledgewatch.store.timestamps import utc_now


def doc(
    url: str, text: str, *, title: str = "t", lang: str = "en", revisable: bool = False
) -> Document:
    return Document(
        url=url,
        title=title,
        text=text,
        published=None,
        language=lang,
        kind="html",
        revisable=revisable,
    )


def counts(engine: Engine) -> tuple[int, int, int]:
    with session_factory(engine)() as session:
        return (
            session.scalar(select(func.count()).select_from(Item)) or 0,
            session.scalar(select(func.count()).select_from(Story)) or 0,
            session.scalar(select(func.count()).select_from(Sighting)) or 0,
        )


def test_exact_and_near_copies_in_both_languages(engine: Engine) -> None:
    ingestor = Ingestor(engine)
    media = Origin(trust="media")
    first = ingestor.store(doc("https://a.example/en/1", ARTICLE_EN), media)
    assert first.outcome is Outcome.NEW_STORY
    # the same URL with tracking parameters: the same item, seen already
    again = ingestor.store(doc("https://A.example/en/1?utm_source=rss#x", ARTICLE_EN), media)
    assert again.outcome is Outcome.KNOWN
    assert again.item_id == first.item_id
    # the same text elsewhere: a sighting, no new item
    syndicated = ingestor.store(doc("https://b.example/x", ARTICLE_EN.replace("  ", " ")), media)
    assert syndicated.outcome is Outcome.SIGHTING
    assert syndicated.item_id == first.item_id
    # a near-copy: a new item in the same story
    edited = ARTICLE_EN.replace("Tuesday", "Wednesday").replace("the summer", "July")
    near = ingestor.store(doc("https://c.example/y", edited), media)
    assert near.outcome is Outcome.NEW_ITEM
    assert near.story_id == first.story_id
    assert near.similarity is not None
    assert near.similarity >= 0.8
    # Japanese: the same rules
    ja = ingestor.store(doc("https://a.example/ja/1", ARTICLE_JA, lang="ja"), media)
    ja_near = ingestor.store(
        doc("https://d.example/ja", "【共同】" + ARTICLE_JA.replace("17日", "18日"), lang="ja"),
        media,
    )
    assert ja.outcome is Outcome.NEW_STORY
    assert ja_near.outcome is Outcome.NEW_ITEM
    assert ja_near.story_id == ja.story_id
    # unrelated texts open their own stories
    other = ingestor.store(doc("https://a.example/en/2", OTHER_EN), media)
    other_ja = ingestor.store(doc("https://a.example/ja/2", OTHER_JA, lang="ja"), media)
    assert len({first.story_id, ja.story_id, other.story_id, other_ja.story_id}) == 4
    assert counts(engine) == (6, 4, 7)
    # all of it again: nothing new
    for url, text in [("https://a.example/en/1", ARTICLE_EN), ("https://c.example/y", edited)]:
        assert ingestor.store(doc(url, text), media).outcome is Outcome.KNOWN
    assert counts(engine) == (6, 4, 7)


def test_the_index_survives_a_restart_and_sees_other_workers(engine: Engine) -> None:
    before = Ingestor(engine)
    before.store(doc("https://a.example/1", ARTICLE_EN), Origin())
    # a new process (restart) rebuilds its index from the stored fingerprints
    after = Ingestor(engine)
    near = after.store(
        doc("https://b.example/1", ARTICLE_EN.replace("Tuesday", "Monday")), Origin()
    )
    assert near.outcome is Outcome.NEW_ITEM
    # a worker whose index was loaded earlier still sees what the other stored since
    other = Ingestor(engine)
    assert len(other.index) == 2
    after.store(doc("https://a.example/ja", ARTICLE_JA, lang="ja"), Origin())
    copy = other.store(
        doc("https://b.example/ja", ARTICLE_JA.replace("夏", "秋"), lang="ja"), Origin()
    )
    assert copy.outcome is Outcome.NEW_ITEM


def test_two_workers_storing_copies_at_once_open_one_story(engine: Engine) -> None:
    workers = [Ingestor(engine) for _ in range(4)]
    for worker in workers:
        _ = worker.index  # loaded before anything is stored, as in running workers
    start = threading.Barrier(len(workers))
    results = []

    def store(position: int, worker: Ingestor) -> None:
        start.wait()
        text = ARTICLE_EN.replace("Tuesday", ["Monday", "Tuesday", "Friday", "Sunday"][position])
        results.append(worker.store(doc(f"https://site{position}.example/a", text), Origin()))

    threads = [threading.Thread(target=store, args=(i, w)) for i, w in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.outcome.value for r in results) == ["new_item"] * 3 + ["new_story"]
    assert len({r.story_id for r in results}) == 1


def test_a_changed_watched_file_is_a_new_revision(engine: Engine) -> None:
    ingestor = Ingestor(engine)
    url = "file:///watched/page.txt"
    first = ingestor.store(doc(url, ARTICLE_EN, revisable=True), Origin())
    unchanged = ingestor.store(doc(url, ARTICLE_EN, revisable=True), Origin())
    assert unchanged.outcome is Outcome.KNOWN
    changed = ingestor.store(
        doc(url, ARTICLE_EN + " A third meeting is planned.", revisable=True), Origin()
    )
    assert changed.outcome is Outcome.NEW_ITEM
    assert changed.story_id == first.story_id
    rewritten = ingestor.store(doc(url, OTHER_EN, revisable=True), Origin())
    assert rewritten.outcome is Outcome.NEW_STORY
    with session_factory(engine)() as session:
        revisions = session.scalars(select(Item.revision).order_by(Item.id)).all()
    assert revisions == [0, 1, 2]


def test_folders_and_files_of_both_languages(engine: Engine, tmp_path: Path) -> None:
    settings = settings_for(engine)
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "wg.en.txt").write_text(
        "title: Shipbuilding working group meets\ndate: 2026-02-17\nurl: https://example.com/wg\n"
        f"language: en\n---\n{ARTICLE_EN}\n",
        encoding="utf-8",
    )
    (folder / "sub" / "wg.ja.txt").write_text(ARTICLE_JA, encoding="utf-8")
    (folder / "budget.html").write_text(
        f"<html><head><title>予算案</title></head><body><article><h1>予算案を閣議決定</h1>"
        f"<p>{OTHER_JA}</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "x-copy-of-wg.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"ignored")
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a real pdf")
    seen: list[Stored] = []
    tally = ingest(engine, settings, [str(folder)], on_result=seen.append)
    assert tally.new_stories == 3
    assert tally.sightings == 1
    assert len(tally.errors) == 1
    assert "broken.pdf" in tally.errors[0].url
    items = list_items(engine, ItemQuery())
    by_language = {item.language for item in items}
    assert by_language == {"en", "ja"}
    english = next(i for i in items if i.title == "Shipbuilding working group meets")
    assert english.published is not None
    assert english.published.isoformat() == "2026-02-17"
    assert english.origin_url == "https://example.com/wg"
    assert english.sightings == 2  # its own file and the copy
    # the second time, nothing is read again and nothing is stored twice
    again = ingest(engine, settings, [str(folder)])
    assert again.stored == 0
    assert again.sightings == 0
    assert counts(engine)[0] == 3
    stories = list_stories(engine)
    assert {s.languages[0] for s in stories} == {"en", "ja"}


def test_items_older_than_the_window_leave_the_index(engine: Engine) -> None:
    ingestor = Ingestor(engine, index_days=30)
    ingestor.store(doc("https://a.example/1", ARTICLE_EN), Origin())
    ingestor.store(doc("https://a.example/2", OTHER_EN), Origin())
    assert len(ingestor.index) == 2
    assert ingestor.index.expire(utc_now() + timedelta(days=1)) == 2
    assert len(ingestor.index) == 0
    # a restarted worker whose window excludes them does not load them either
    assert len(Ingestor(engine, index_days=30).index) == 2
    with unit_of_work(engine) as session:
        for item in session.scalars(select(Item)):
            item.fetched_at = utc_now() - timedelta(days=31)
    assert len(Ingestor(engine, index_days=30).index) == 0
    # out of the window, a copy opens a new story: grouping is bounded in time, on purpose
    late = Ingestor(engine, index_days=30)
    copy = late.store(doc("https://b.example/1", ARTICLE_EN.replace("Tuesday", "Monday")), Origin())
    assert copy.outcome is Outcome.NEW_STORY
