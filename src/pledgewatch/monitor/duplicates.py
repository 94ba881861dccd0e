"""The near-duplicate index: which stored items might tell the same story as a new text.

datasketch's MinHashLSH (threshold 0.7) proposes candidates; the caller confirms them with
the exact Jaccard similarity of the shingle sets (>= 0.8), as DEPENDENCIES.md measured. The
index lives in memory but is never the truth: it is rebuilt from the fingerprints stored in
the database when a run starts (only items fetched in the last
``settings.monitor_index_days`` days), items leave it as they grow older than that (so the
memory of a long-running worker stays bounded too), and before each decision it catches up
with the items other workers stored meanwhile (every item id above the highest one it has
seen). Catch-up happens under the story-creation lock, when ids are no longer
being handed out concurrently, so nothing committed can be missed.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime

from sqlalchemy.orm import Session

from pledgewatch.monitor.fingerprints import NUM_PERM, Sketch, minhash_from_bytes
from pledgewatch.store import items as item_store
from pledgewatch.store.timestamps import as_utc

CANDIDATE_THRESHOLD = 0.7
"""LSH threshold: generous, so that few true copies are missed before the exact check."""
JACCARD_THRESHOLD = 0.8
"""Exact Jaccard similarity of the 5-gram sets from which two texts are one story."""


class NearDuplicateIndex:
    """MinHash LSH over item fingerprints, keyed by item id."""

    def __init__(self) -> None:
        # Imported here: datasketch pulls in scipy (~0.4 s), paid only by commands that ingest.
        # It ships no type information (no py.typed marker).
        from datasketch import MinHashLSH  # type: ignore[import-untyped]

        self._lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
        self._ages: deque[tuple[datetime, int]] = deque()
        """(fetched at, id) of the indexed items, oldest first, to let them expire."""
        self.watermark = 0
        """The highest item id this index has seen (indexed, or too old to index)."""

    @classmethod
    def load(cls, session: Session, *, since: datetime) -> NearDuplicateIndex:
        """An index of the items fetched since a time, as stored."""
        index = cls()
        with index._lsh.insertion_session(buffer_size=1000) as batch:
            for item_id, fetched_at, data in item_store.fingerprints_since(session, since=since):
                batch.insert(item_id, minhash_from_bytes(data), check_duplication=False)
                index._ages.append((as_utc(fetched_at), item_id))
                index.watermark = max(index.watermark, item_id)
        # Older items are out of the window on purpose; catch-up starts after all of them.
        index.watermark = max(index.watermark, item_store.max_item_id(session))
        return index

    def catch_up(self, session: Session) -> int:
        """Add the items stored since the watermark; returns how many were added."""
        added = 0
        for item_id, fetched_at, data in item_store.fingerprints_after(
            session, item_id=self.watermark
        ):
            self.add(item_id, minhash_from_bytes(data), fetched_at=fetched_at)
            added += 1
        return added

    def add(self, item_id: int, minhash: Sketch, *, fetched_at: datetime) -> None:
        """Index one item (once; an id already indexed is ignored)."""
        if item_id <= self.watermark and item_id in self._lsh:
            return
        self._lsh.insert(item_id, minhash, check_duplication=False)
        self._ages.append((as_utc(fetched_at), item_id))
        self.watermark = max(self.watermark, item_id)

    def expire(self, before: datetime) -> int:
        """Forget the items fetched before a time; returns how many left the index."""
        removed = 0
        # Items arrive roughly in fetch order; one fetched out of order waits a little longer.
        while self._ages and self._ages[0][0] < before:
            _, item_id = self._ages.popleft()
            if item_id in self._lsh:
                self._lsh.remove(item_id)
                removed += 1
        return removed

    def candidates(self, minhash: Sketch) -> list[int]:
        """Ids of the items whose MinHash is likely within the candidate threshold."""
        return sorted(self._lsh.query(minhash))

    def __len__(self) -> int:
        return len(self._ages)
