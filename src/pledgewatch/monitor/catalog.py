"""What monitoring has stored, as views: items and stories, filtered for listings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from pledgewatch.errors import ConfigurationError
from pledgewatch.monitor.views import ItemView, StoryView, item_view, story_view
from pledgewatch.store import items as item_store
from pledgewatch.store import sources as source_store
from pledgewatch.store import stories as story_store
from pledgewatch.store.db import session_factory


@dataclass(frozen=True)
class ItemQuery:
    """Which items to list, as a user names them."""

    since: date | None = None
    source: str | None = None
    """A source's name."""
    story: int | None = None
    language: str | None = None
    limit: int | None = None


def list_items(engine: Engine, query: ItemQuery) -> list[ItemView]:
    """Items matching the query, newest first; an unknown source name is a clear error."""
    if query.language is not None and query.language not in ("ja", "en"):
        raise ConfigurationError(
            f"--language must be ja or en, not {query.language!r}",
            ja=f"--language には ja か en を指定してください（{query.language!r} は使えません）",
        )
    if query.limit is not None and query.limit < 1:
        raise ConfigurationError(
            "--limit must be at least 1", ja="--limit には1以上を指定してください"
        )
    with session_factory(engine)() as session:
        source_id = (
            source_store.get_source(session, name=query.source).id
            if query.source is not None
            else None
        )
        if query.story is not None:
            story_store.get_story(session, story_id=query.story)
        rows = item_store.list_items(
            session,
            item_store.ItemFilter(
                since=query.since,
                source_id=source_id,
                story_id=query.story,
                language=query.language,
                limit=query.limit,
            ),
        )
        return [item_view(item) for item in rows]


def list_stories(engine: Engine, *, limit: int | None = None) -> list[StoryView]:
    """Stories, newest first, with their item counts, languages and sources."""
    with session_factory(engine)() as session:
        names = {source.id: source.name for source in source_store.list_sources(session)}
        return [
            story_view(row, source_names=names)
            for row in story_store.list_stories(session, limit=limit)
        ]
