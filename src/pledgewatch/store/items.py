"""Queries over items and their sightings: lookups for deduplication, and listings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from pledgewatch.store.monitor_models import Item, Sighting


@dataclass(frozen=True)
class ItemFilter:
    """Which items to list; None means no restriction."""

    since: date | None = None
    source_id: int | None = None
    story_id: int | None = None
    language: str | None = None
    limit: int | None = None


def latest_by_canonical_url(session: Session, *, canonical_url: str) -> Item | None:
    """The newest revision of the item at a canonical URL."""
    return session.scalar(
        select(Item)
        .where(Item.canonical_url == canonical_url)
        .order_by(Item.revision.desc())
        .limit(1)
    )


def exact_matches(
    session: Session, *, canonical_url: str, content_hash: str
) -> tuple[Item | None, Item | None]:
    """In one query: the newest item at the URL, and the first item with this text."""
    rows = list(
        session.scalars(
            select(Item)
            .where(or_(Item.canonical_url == canonical_url, Item.content_hash == content_hash))
            .order_by(Item.id)
        )
    )
    at_url = max(
        (row for row in rows if row.canonical_url == canonical_url),
        key=lambda row: row.revision,
        default=None,
    )
    same_text = next((row for row in rows if row.content_hash == content_hash), None)
    return at_url, same_text


def is_stored(session: Session, *, canonical_url: str) -> bool:
    """True when an item exists at this canonical URL."""
    return bool(session.scalar(select(exists().where(Item.canonical_url == canonical_url))))


def raw_hash_matches(session: Session, *, canonical_url: str, raw_hash: str) -> bool:
    """True when the newest item at this URL was read from exactly these bytes."""
    item = latest_by_canonical_url(session, canonical_url=canonical_url)
    return item is not None and item.raw_hash == raw_hash


Fingerprint = tuple[int, datetime, bytes]
"""An item's id, when it was fetched, and its MinHash as stored."""


def fingerprints_since(session: Session, *, since: datetime) -> Iterator[Fingerprint]:
    """The fingerprints of the items fetched since a time, streamed in id order."""
    rows = session.execute(
        select(Item.id, Item.fetched_at, Item.minhash)
        .where(Item.fetched_at >= since, Item.minhash.is_not(None))
        .order_by(Item.id)
        .execution_options(yield_per=1000)
    )
    for item_id, fetched_at, minhash in rows:
        if minhash is not None:
            yield item_id, fetched_at, minhash


def fingerprints_after(session: Session, *, item_id: int) -> list[Fingerprint]:
    """The fingerprints of the items stored after the given id: other workers' new items."""
    rows = session.execute(
        select(Item.id, Item.fetched_at, Item.minhash)
        .where(Item.id > item_id, Item.minhash.is_not(None))
        .order_by(Item.id)
    )
    return [(row_id, at, minhash) for row_id, at, minhash in rows if minhash is not None]


def max_item_id(session: Session) -> int:
    """The highest item id, 0 when there is none."""
    return session.scalar(select(func.max(Item.id))) or 0


def texts_and_stories(session: Session, *, ids: Sequence[int]) -> list[tuple[int, int, str]]:
    """(id, story id, text) of some items, in id order."""
    rows = session.execute(
        select(Item.id, Item.story_id, Item.text).where(Item.id.in_(ids)).order_by(Item.id)
    )
    return [(item_id, story_id, text) for item_id, story_id, text in rows]


def add_sighting(
    session: Session,
    *,
    item_id: int,
    url: str,
    source_id: int | None,
    seen_at: datetime,
) -> bool:
    """Record that an item was seen at a URL by a source; False when that was known already."""
    source_match = (
        Sighting.source_id.is_(None) if source_id is None else Sighting.source_id == source_id
    )
    known = session.scalar(
        select(exists().where(Sighting.item_id == item_id, Sighting.url == url, source_match))
    )
    if known:
        return False
    session.add(Sighting(item_id=item_id, url=url, source_id=source_id, seen_at=seen_at))
    session.flush()
    return True


def list_items(session: Session, criteria: ItemFilter) -> list[Item]:
    """Items matching the filter, newest first, with their story, source and sightings."""
    query = select(Item).options(
        selectinload(Item.source), selectinload(Item.sightings).selectinload(Sighting.source)
    )
    if criteria.since is not None:
        query = query.where(
            or_(
                Item.published >= criteria.since,
                Item.published.is_(None) & (func.date(Item.fetched_at) >= criteria.since),
            )
        )
    if criteria.source_id is not None:
        query = query.where(
            or_(
                Item.source_id == criteria.source_id,
                Item.id.in_(
                    select(Sighting.item_id).where(Sighting.source_id == criteria.source_id)
                ),
            )
        )
    if criteria.story_id is not None:
        query = query.where(Item.story_id == criteria.story_id)
    if criteria.language is not None:
        query = query.where(Item.language == criteria.language)
    query = query.order_by(
        Item.published.is_(None), Item.published.desc(), Item.fetched_at.desc(), Item.id.desc()
    )
    if criteria.limit is not None:
        query = query.limit(criteria.limit)
    return list(session.scalars(query))
