"""Run sources: read each due source, store its entries, and record its health.

``Monitor.run_due`` (run_due_sources) is the one service behind ``pledgewatch watch``, the
in-process runner used on SQLite, and the procrastinate tasks on PostgreSQL. A source is read
only by the worker holding its lease (store/sources.py claim_lease), so two workers never
fetch one source at once. A failing source never stops the others: its error goes into its
health (last error, consecutive failures) and into the round's summary.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import TracebackType

from sqlalchemy import Engine

from pledgewatch.errors import PledgewatchError, message_in
from pledgewatch.fetch.http import Fetcher
from pledgewatch.fetch.policy import fetch_policy
from pledgewatch.monitor.documents import Entry
from pledgewatch.monitor.extraction import make_extractor
from pledgewatch.monitor.ingestion import Ingestor, Origin, Outcome, Stored
from pledgewatch.monitor.lookup import DatabaseLookup
from pledgewatch.monitor.readers import ReadContext, SourceSpec, SourceState, reader_for
from pledgewatch.monitor.sources import spec_of, state_of
from pledgewatch.settings import Settings
from pledgewatch.store import sources as source_store
from pledgewatch.store.db import session_factory, unit_of_work
from pledgewatch.store.monitor_models import Source
from pledgewatch.store.timestamps import utc_now

ResultCallback = Callable[[Stored], None]


def worker_name() -> str:
    """A name for this process among the workers: host, pid and a random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def holder_is_dead(holder: str) -> bool:
    """True when a lease holder's name says it ran on this machine and its process is gone.

    Holders on other machines cannot be checked from here; their leases simply run out.
    """
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@dataclass
class SourceRun:
    """What one run of one source did."""

    source: str
    kind: str = ""
    new_stories: int = 0
    new_items: int = 0
    sightings: int = 0
    known: int = 0
    errors: list[Stored] = field(default_factory=list)
    """Entries that could not be stored (the source itself was read)."""
    failure: str | None = None
    """Why the source as a whole could not be read; recorded in its health."""
    failure_ja: str | None = None
    """The failure in Japanese, for the reader (the health keeps the English)."""
    skipped: str | None = None
    """Why the source was not run at all (another worker holds it)."""
    skipped_ja: str | None = None
    """Why it was skipped, in Japanese."""

    def count(self, result: Stored) -> None:
        """Add one entry's result to the tallies."""
        if result.outcome is Outcome.NEW_STORY:
            self.new_stories += 1
        elif result.outcome is Outcome.NEW_ITEM:
            self.new_items += 1
        elif result.outcome is Outcome.SIGHTING:
            self.sightings += 1
        elif result.outcome is Outcome.KNOWN:
            self.known += 1
        else:
            self.errors.append(result)

    @property
    def stored(self) -> int:
        """New items stored, whether they opened a story or joined one."""
        return self.new_stories + self.new_items


@dataclass
class RoundSummary:
    """One round over the due sources."""

    started_at: datetime
    finished_at: datetime | None = None
    runs: list[SourceRun] = field(default_factory=list)

    @property
    def new_items(self) -> int:
        """New items of the round (new stories included)."""
        return sum(run.stored for run in self.runs)

    @property
    def new_stories(self) -> int:
        """New stories of the round."""
        return sum(run.new_stories for run in self.runs)

    @property
    def sightings(self) -> int:
        """New sightings of stored items."""
        return sum(run.sightings for run in self.runs)

    @property
    def errors(self) -> int:
        """Entry errors and failed sources."""
        return sum(len(run.errors) + (run.failure is not None) for run in self.runs)


class Monitor:
    """Reads sources and stores what they hold; one per process, used as a context manager."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        worker: str | None = None,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.worker = worker or worker_name()
        self.fetcher = fetcher or Fetcher(fetch_policy(settings))
        self.ingestor = Ingestor(engine, index_days=settings.monitor_index_days)
        self.lookup = DatabaseLookup(engine)
        self.extractor = make_extractor(settings.monitor_extract_workers)

    def __enter__(self) -> Monitor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections and stop the extraction processes."""
        self.fetcher.close()
        self.extractor.close()

    def due_source_ids(self, *, now: datetime | None = None, every: bool = False) -> list[int]:
        """The sources due now (``every``: every enabled source, due or not)."""
        with session_factory(self.engine)() as session:
            return source_store.due_source_ids(session, now=now or utc_now(), every=every)

    def run_due(
        self,
        *,
        now: datetime | None = None,
        every: bool = False,
        on_start: Callable[[str, int, int], None] | None = None,
        on_result: ResultCallback | None = None,
    ) -> RoundSummary:
        """One round: every due source in turn; ``on_start(name, position, total)`` per source.

        ``every`` runs every enabled source, due or not: what was stored before is recognised
        and only sighted again, so a user can check that a second run stores nothing twice.
        """
        summary = RoundSummary(started_at=utc_now())
        due = self.due_source_ids(now=now, every=every)
        for position, source_id in enumerate(due):

            def started(name: str, position: int = position) -> None:
                if on_start is not None:
                    on_start(name, position, len(due))

            summary.runs.append(self.run_source(source_id, on_start=started, on_result=on_result))
        summary.finished_at = utc_now()
        return summary

    def run_source(
        self,
        source_id: int,
        *,
        on_start: Callable[[str], None] | None = None,
        on_result: ResultCallback | None = None,
    ) -> SourceRun:
        """Read one source under its lease and store its entries; never raises for the source."""
        lease = timedelta(seconds=self.settings.monitor_lease_seconds)
        now = utc_now()
        with unit_of_work(self.engine) as session:
            source = session.get(Source, source_id)
            if source is None:
                return SourceRun(
                    source=f"#{source_id}",
                    skipped="the source was removed",
                    skipped_ja="情報源が削除されました",
                )
            spec, state = spec_of(source), state_of(source)
            holder = source.leased_by
            claimed = source_store.claim_lease(
                session, source_id=source_id, worker=self.worker, now=now, until=now + lease
            )
            if not claimed and holder is not None and holder_is_dead(holder):
                # A worker of this machine died holding the lease (killed, crashed): no need
                # to wait for the lease to run out.
                claimed = source_store.take_over_lease(
                    session,
                    source_id=source_id,
                    holder=holder,
                    worker=self.worker,
                    until=now + lease,
                )
        run = SourceRun(source=spec.name, kind=spec.kind)
        if not claimed:
            run.skipped = "another worker is reading it"
            run.skipped_ja = "別のワーカーが読み込み中です"
            return run
        if on_start is not None:
            on_start(spec.name)
        origin = Origin(source_id=source_id, trust=spec.trust)
        renew_at = utc_now() + lease / 2
        try:
            for entry in self._entries(spec, state):
                result = self.ingestor.handle(entry, origin)
                run.count(result)
                if on_result is not None:
                    on_result(result)
                if utc_now() >= renew_at:
                    renew_at = self._renew(source_id, lease)
        except PledgewatchError as exc:
            run.failure, run.failure_ja = str(exc), message_in(exc, "ja")
        except (
            Exception
        ) as exc:  # one broken source (or a bug it triggers) must not stop the others
            run.failure = f"unexpected error: {type(exc).__name__}: {exc}"
            run.failure_ja = f"予期しないエラーです：{type(exc).__name__}: {exc}"
        finished = utc_now()
        with unit_of_work(self.engine) as session:
            if run.failure is None:
                source_store.record_success(
                    session,
                    source_id=source_id,
                    now=finished,
                    etag=state.etag,
                    last_modified=state.last_modified,
                    content_hash=state.content_hash,
                )
            else:
                source_store.record_failure(
                    session, source_id=source_id, now=finished, error=run.failure
                )
            source_store.release_lease(session, source_id=source_id, worker=self.worker)
        return run

    def preview_source(self, name: str) -> tuple[SourceSpec, list[Stored]]:
        """What a run of the named source would store now, storing nothing (sources test)."""
        with session_factory(self.engine)() as session:
            spec = spec_of(source_store.get_source(session, name=name))
        # A fresh state: report everything the source holds, not only what changed.
        results = [
            self.ingestor.preview_entry(entry) for entry in self._entries(spec, SourceState())
        ]
        return spec, results

    def _entries(self, spec: SourceSpec, state: SourceState) -> Iterator[Entry]:
        context = ReadContext(
            fetcher=self.fetcher,
            lookup=self.lookup,
            state=state,
            max_fetches=self.settings.monitor_max_fetches,
            extractor=self.extractor,
        )
        return reader_for(spec.kind).read(spec, context)

    def _renew(self, source_id: int, lease: timedelta) -> datetime:
        now = utc_now()
        with unit_of_work(self.engine) as session:
            source_store.renew_lease(
                session, source_id=source_id, worker=self.worker, until=now + lease
            )
        return now + lease / 2


def run_due_sources(
    engine: Engine,
    settings: Settings,
    *,
    on_start: Callable[[str, int, int], None] | None = None,
    on_result: ResultCallback | None = None,
) -> RoundSummary:
    """One round over the due sources, with a Monitor of its own."""
    with Monitor(engine, settings) as monitor:
        return monitor.run_due(on_start=on_start, on_result=on_result)
