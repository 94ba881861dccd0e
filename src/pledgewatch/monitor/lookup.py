"""The readers' read-only view of what is stored (the StoredLookup of readers/base.py)."""

from __future__ import annotations

from sqlalchemy import Engine

from pledgewatch.errors import ConfigurationError
from pledgewatch.monitor.urls import canonical_url
from pledgewatch.store import items as item_store
from pledgewatch.store.db import session_factory


class DatabaseLookup:
    """Answers from the database, each question in its own short read."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = session_factory(engine)

    def is_stored(self, url: str) -> bool:
        """True when an item exists at this URL (canonical form)."""
        try:
            canonical = canonical_url(url)
        except ConfigurationError:
            return False
        with self._sessions() as session:
            return item_store.is_stored(session, canonical_url=canonical)

    def unchanged(self, url: str, raw_hash: str) -> bool:
        """True when the newest item at this URL was read from exactly these bytes."""
        try:
            canonical = canonical_url(url)
        except ConfigurationError:
            return False
        with self._sessions() as session:
            return item_store.raw_hash_matches(session, canonical_url=canonical, raw_hash=raw_hash)
