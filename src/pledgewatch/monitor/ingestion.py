"""Store entries exactly once, grouping copies of one story.

Each entry is decided and stored in its own short transaction, so an item reported as stored
is committed (acknowledged = committed) and a crash loses nothing acknowledged. The decision:

- the same canonical URL, or the same normalised text (content hash), as a stored item: an
  exact duplicate, recorded as a sighting of that item (which keeps the new URL, in canonical
  form, and the source);
- a watched page or file (``Document.revisable``) whose text changed: a new revision item;
- otherwise, a text whose 5-gram Jaccard similarity with a stored item is at least 0.8
  (candidates from MinHash LSH): a new item in that item's story;
- otherwise a new item in a new story.

Re-running is idempotent: the canonical URL is unique per revision, and sightings are only
added when missing. The decision runs under the story-creation lock (store/stories.py), so
two workers storing copies of one story at the same moment cannot both open a story.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pledgewatch.errors import ConfigurationError
from pledgewatch.monitor.documents import Document, Entry, EntryError, Seen
from pledgewatch.monitor.duplicates import JACCARD_THRESHOLD, NearDuplicateIndex
from pledgewatch.monitor.fingerprints import Fingerprint, fingerprint, jaccard, shingle_set
from pledgewatch.monitor.urls import canonical_url
from pledgewatch.store import items as item_store
from pledgewatch.store import stories as story_store
from pledgewatch.store.db import session_factory
from pledgewatch.store.monitor_models import Item, Sighting
from pledgewatch.store.timestamps import utc_now


class Outcome(StrEnum):
    """What storing one entry did."""

    NEW_STORY = "new_story"
    """A new item that starts a new story."""
    NEW_ITEM = "new_item"
    """A new item in an existing story (a near-duplicate, or a new revision of a page)."""
    SIGHTING = "sighting"
    """An exact copy of a stored item: a new sighting of it, no new item."""
    KNOWN = "known"
    """Already recorded, sighting included: nothing changed."""
    ERROR = "error"
    """The entry could not be stored; ``reason`` says why."""


# Reasons an entry is not stored, in English and Japanese.
NOT_STORED = ("no stored item at this URL", "この URL に保存済みの記事はありません")
NO_TEXT = ("no text to store", "保存する本文がありません")


@dataclass(frozen=True)
class Stored:
    """The result of storing one entry."""

    outcome: Outcome
    url: str
    item_id: int | None = None
    story_id: int | None = None
    title: str = ""
    reason: str | None = None
    reason_ja: str | None = None
    """The reason in Japanese."""
    similarity: float | None = None
    """Jaccard similarity to the story's closest item, for near-duplicates."""


@dataclass(frozen=True)
class Origin:
    """Where an entry comes from: its source (None for a one-off ingest) and trust level."""

    source_id: int | None = None
    trust: str = "media"


@dataclass(frozen=True)
class _Decision:
    outcome: Outcome
    item: Item | None = None
    story_id: int | None = None
    revision: int = 0
    similarity: float | None = None


class Ingestor:
    """Stores entries one at a time; holds the near-duplicate index of this process.

    Safe to share between threads: storing is serialised by a lock in the process and by the
    story-creation lock in the database.
    """

    def __init__(self, engine: Engine, *, index_days: int = 30) -> None:
        self.engine = engine
        self.index_days = index_days
        # One session maker for every entry: a sessionmaker builds a Session subclass, which
        # is worth doing once rather than for each of thousands of items.
        self._sessions = session_factory(engine)
        self._index: NearDuplicateIndex | None = None
        self._lock = threading.Lock()

    @property
    def index(self) -> NearDuplicateIndex:
        """The near-duplicate index, loaded from the database on first use."""
        if self._index is None:
            since = utc_now() - timedelta(days=self.index_days)
            with self._sessions() as session:
                self._index = NearDuplicateIndex.load(session, since=since)
        return self._index

    def handle(self, entry: Entry, origin: Origin) -> Stored:
        """Store any entry a reader yields."""
        if isinstance(entry, EntryError):
            return Stored(Outcome.ERROR, entry.url, reason=entry.reason, reason_ja=entry.reason_ja)
        if isinstance(entry, Seen):
            return self.see(entry.url, origin)
        return self.store(entry, origin)

    def see(self, url: str, origin: Origin) -> Stored:
        """Record a sighting of the item already stored at a URL."""
        try:
            canonical = canonical_url(url)
        except ConfigurationError as exc:
            return Stored(Outcome.ERROR, url, reason=str(exc), reason_ja=exc.ja)
        with self._sessions.begin() as session:
            item = item_store.latest_by_canonical_url(session, canonical_url=canonical)
            if item is None:
                return Stored(Outcome.ERROR, url, reason=NOT_STORED[0], reason_ja=NOT_STORED[1])
            added = item_store.add_sighting(
                session,
                item_id=item.id,
                url=canonical,
                source_id=origin.source_id,
                seen_at=utc_now(),
            )
            return Stored(
                Outcome.SIGHTING if added else Outcome.KNOWN,
                url,
                item_id=item.id,
                story_id=item.story_id,
                title=item.title,
            )

    def store(self, document: Document, origin: Origin) -> Stored:
        """Decide what a document is and store it, in one transaction."""
        if not document.text.strip():
            return Stored(Outcome.ERROR, document.url, reason=NO_TEXT[0], reason_ja=NO_TEXT[1])
        try:
            canonical = canonical_url(document.url)
        except ConfigurationError as exc:
            return Stored(Outcome.ERROR, document.url, reason=str(exc), reason_ja=exc.ja)
        marks = fingerprint(document.text)
        index = self.index
        now = utc_now()
        with self._lock:
            index.expire(now - timedelta(days=self.index_days))
            with self._sessions.begin() as session:
                story_store.lock_story_creation(session)
                decision = self._decide(session, document, canonical, marks, index)
                result = self._apply(session, decision, document, canonical, marks, origin, now=now)
            if decision.outcome in (Outcome.NEW_STORY, Outcome.NEW_ITEM) and result.item_id:
                index.add(result.item_id, marks.minhash, fetched_at=now)
        return result

    def preview_entry(self, entry: Entry) -> Stored:
        """What handle() would do with any entry, without storing anything."""
        if isinstance(entry, EntryError):
            return Stored(Outcome.ERROR, entry.url, reason=entry.reason, reason_ja=entry.reason_ja)
        if isinstance(entry, Document):
            return self.preview(entry)
        with self._sessions() as session:
            item = item_store.latest_by_canonical_url(
                session, canonical_url=canonical_url(entry.url)
            )
            if item is None:
                return Stored(
                    Outcome.ERROR, entry.url, reason=NOT_STORED[0], reason_ja=NOT_STORED[1]
                )
            return Stored(
                Outcome.KNOWN, entry.url, item_id=item.id, story_id=item.story_id, title=item.title
            )

    def preview(self, document: Document) -> Stored:
        """What store() would do with a document, without storing anything."""
        if not document.text.strip():
            return Stored(Outcome.ERROR, document.url, reason=NO_TEXT[0], reason_ja=NO_TEXT[1])
        try:
            canonical = canonical_url(document.url)
        except ConfigurationError as exc:
            return Stored(Outcome.ERROR, document.url, reason=str(exc), reason_ja=exc.ja)
        marks = fingerprint(document.text)
        index = self.index
        with self._lock, self._sessions() as session:
            decision = self._decide(session, document, canonical, marks, index)
        item = decision.item
        return Stored(
            decision.outcome,
            document.url,
            item_id=item.id if item is not None else None,
            story_id=decision.story_id,
            title=document.title,
            similarity=decision.similarity,
        )

    def _decide(
        self,
        session: Session,
        document: Document,
        canonical: str,
        marks: Fingerprint,
        index: NearDuplicateIndex,
    ) -> _Decision:
        at_url, same_text = item_store.exact_matches(
            session, canonical_url=canonical, content_hash=marks.content_hash
        )
        if at_url is not None and (
            not document.revisable or at_url.content_hash == marks.content_hash
        ):
            return _Decision(Outcome.SIGHTING, item=at_url, story_id=at_url.story_id)
        if same_text is not None:
            return _Decision(Outcome.SIGHTING, item=same_text, story_id=same_text.story_id)
        revision = at_url.revision + 1 if at_url is not None else 0
        index.catch_up(session)
        candidates = index.candidates(marks.minhash)
        if candidates:
            shingles = marks.shingles
            best: tuple[float, int] | None = None
            for _item_id, story_id, text in item_store.texts_and_stories(session, ids=candidates):
                similarity = jaccard(shingles, shingle_set(text))
                if similarity >= JACCARD_THRESHOLD and (best is None or similarity > best[0]):
                    best = (similarity, story_id)
            if best is not None:
                return _Decision(
                    Outcome.NEW_ITEM, story_id=best[1], revision=revision, similarity=best[0]
                )
        if at_url is not None:
            # A changed page keeps its story only when the new text is still a near-copy.
            return _Decision(Outcome.NEW_STORY, revision=revision)
        return _Decision(Outcome.NEW_STORY)

    def _apply(
        self,
        session: Session,
        decision: _Decision,
        document: Document,
        canonical: str,
        marks: Fingerprint,
        origin: Origin,
        *,
        now: datetime,
    ) -> Stored:
        item = decision.item
        if decision.outcome is Outcome.SIGHTING and item is not None:
            added = item_store.add_sighting(
                session,
                item_id=item.id,
                url=canonical,
                source_id=origin.source_id,
                seen_at=now,
            )
            return Stored(
                Outcome.SIGHTING if added else Outcome.KNOWN,
                document.url,
                item_id=item.id,
                story_id=item.story_id,
                title=item.title,
            )
        item = Item(
            source_id=origin.source_id,
            url=document.url,
            canonical_url=canonical,
            revision=decision.revision,
            origin_url=document.origin_url,
            title=document.title,
            published=document.published,
            fetched_at=now,
            language=document.language,
            kind=document.kind,
            trust=document.trust or origin.trust,
            text=document.text,
            content_hash=marks.content_hash,
            raw_hash=document.raw_hash,
            minhash=marks.minhash_bytes(),
        )
        if decision.story_id is None:
            item.story = story_store.new_story(
                title=document.title or document.url, first_seen_at=now
            )
        else:
            item.story_id = decision.story_id
        # A new item has no sighting yet: its first one goes in with it.
        item.sightings = [Sighting(url=canonical, source_id=origin.source_id, seen_at=now)]
        session.add(item)
        # One flush inserts the story, the item and its sighting; the commit has nothing left.
        session.flush()
        return Stored(
            decision.outcome,
            document.url,
            item_id=item.id,
            story_id=item.story_id,
            title=document.title,
            similarity=decision.similarity,
        )
