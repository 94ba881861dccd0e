"""Queries over stories, and the lock that keeps story creation one at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session, selectinload

from pledgewatch.errors import NotFoundError
from pledgewatch.store.monitor_models import Item, Sighting, Story

# An arbitrary constant naming pledgewatch's story-creation lock among PostgreSQL's
# advisory locks ("pwstory" in ASCII).
STORY_LOCK_KEY = 0x70_77_73_74_6F_72_79


def lock_story_creation(session: Session) -> None:
    """Serialise the deduplication decisions of concurrent workers until the transaction ends.

    Deciding whether a text is new and storing it must happen as one step, or two workers
    storing copies of one wire story at the same moment would each open a story. On
    PostgreSQL a transaction-scoped advisory lock does it. On SQLite a write that changes
    nothing is enough: it takes the database's single write lock at once (the driver opens
    the transaction with BEGIN before the first write), and other writers wait for it.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STORY_LOCK_KEY})
    else:
        session.execute(
            update(Story)
            .where(Story.id == -1)
            .values(title=Story.title)
            .execution_options(synchronize_session=False)
        )


def new_story(*, title: str, first_seen_at: datetime) -> Story:
    """A new story, to be added to the session with its first item."""
    return Story(title=title, first_seen_at=first_seen_at)


def get_story(session: Session, *, story_id: int) -> Story:
    """One story with its items."""
    story = session.get(Story, story_id, options=[selectinload(Story.items)])
    if story is None:
        raise NotFoundError(
            "story",
            str(story_id),
            "list them with 'pledgewatch stories'",
            hint_ja="一覧は 'pledgewatch stories' で確認できます",
        )
    return story


@dataclass(frozen=True)
class StoryRow:
    """A story with its counts, for listings."""

    story: Story
    items: int
    sightings: int
    source_ids: list[int]
    languages: list[str]
    first_published: date | None


def list_stories(session: Session, *, limit: int | None = None) -> list[StoryRow]:
    """Stories, most recently started first, with item and sighting counts and their sources."""
    query = select(Story).order_by(Story.first_seen_at.desc(), Story.id.desc())
    if limit is not None:
        query = query.limit(limit)
    stories = list(session.scalars(query))
    ids = [story.id for story in stories]
    if not ids:
        return []
    counts = dict(
        session.execute(
            select(Item.story_id, func.count())
            .where(Item.story_id.in_(ids))
            .group_by(Item.story_id)
        ).all()
    )
    sighting_counts = dict(
        session.execute(
            select(Item.story_id, func.count(Sighting.id))
            .join(Sighting, Sighting.item_id == Item.id)
            .where(Item.story_id.in_(ids))
            .group_by(Item.story_id)
        ).all()
    )
    sources: dict[int, set[int]] = {story_id: set() for story_id in ids}
    for story_id, source_id in session.execute(
        select(Item.story_id, Sighting.source_id)
        .join(Sighting, Sighting.item_id == Item.id)
        .where(Item.story_id.in_(ids), Sighting.source_id.is_not(None))
        .distinct()
    ):
        if source_id is not None:
            sources[story_id].add(source_id)
    languages: dict[int, set[str]] = {story_id: set() for story_id in ids}
    published: dict[int, date | None] = {}
    for story_id, language, first in session.execute(
        select(Item.story_id, Item.language, func.min(Item.published))
        .where(Item.story_id.in_(ids))
        .group_by(Item.story_id, Item.language)
    ):
        if language:
            languages[story_id].add(language)
        earliest = published.get(story_id)
        if first is not None and (earliest is None or first < earliest):
            published[story_id] = first
    return [
        StoryRow(
            story=story,
            items=counts.get(story.id, 0),
            sightings=sighting_counts.get(story.id, 0),
            source_ids=sorted(sources[story.id]),
            languages=sorted(languages[story.id]),
            first_published=published.get(story.id),
        )
        for story in stories
    ]
