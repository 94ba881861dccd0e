"""Monitoring shared by several worker machines, through procrastinate (a PostgreSQL task queue).

On PostgreSQL, ``pledgewatch worker`` runs a procrastinate worker. A periodic task (every
minute) defers one ``fetch_source`` job per due source, with a queueing lock per source so a
source is never queued twice; any worker may take the job. Inside the job, the source lease
(an atomic UPDATE, see store/sources.py) still guarantees that two workers never read one
source at once, even when a job is retried or deferred by hand. procrastinate's tables live
in the same database; its own schema manager creates them (``apply_schema``), on
``pledgewatch init`` or ``pledgewatch worker --setup``. SQLite has no such queue: there the
in-process runner (``Monitor.run_due``) does the same work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from procrastinate import App, PsycopgConnector
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url

from pledgewatch.errors import ConfigurationError
from pledgewatch.monitor.runner import Monitor
from pledgewatch.settings import Settings

QUEUE = "pledgewatch-monitor"
FETCH_TASK = "pledgewatch.monitor.fetch_source"
DEFER_TASK = "pledgewatch.monitor.defer_due_sources"
SCHEDULE = "* * * * *"
"""The periodic deferrer runs every minute; source intervals are whole minutes."""


def uses_task_queue(engine: Engine) -> bool:
    """True on PostgreSQL, where procrastinate shares the work among worker processes."""
    return engine.dialect.name == "postgresql"


def conninfo(engine: Engine) -> str:
    """The libpq connection string of the engine's database, for procrastinate's psycopg pool."""
    if not uses_task_queue(engine):
        raise ConfigurationError(
            "the task queue needs PostgreSQL; on SQLite use 'pledgewatch watch' (in-process)",
            ja="タスクキューには PostgreSQL が必要です。SQLite では 'pledgewatch watch'"
            "（プロセス内で巡回）を使ってください",
        )
    url = make_url(engine.url.render_as_string(hide_password=False))
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass
class QueueApp:
    """The procrastinate app of one process, with its tasks bound to a Monitor."""

    app: App
    engine: Engine
    settings: Settings
    deferred: list[int] = field(default_factory=list)
    _monitor: Monitor | None = None

    def monitor(self) -> Monitor:
        """The process's Monitor, created on first use (it holds the near-duplicate index)."""
        if self._monitor is None:
            self._monitor = Monitor(self.engine, self.settings)
        return self._monitor

    def defer_due_sources(self) -> list[int]:
        """Queue one fetch job per due source; a source already queued is left as it is."""
        queued: list[int] = []
        task = self.app.tasks[FETCH_TASK]
        for source_id in self.monitor().due_source_ids():
            try:
                task.configure(queueing_lock=f"source-{source_id}").defer(source_id=source_id)
            except AlreadyEnqueued:
                continue
            queued.append(source_id)
        self.deferred.extend(queued)
        return queued

    def close(self) -> None:
        """Close the Monitor's connections."""
        if self._monitor is not None:
            self._monitor.close()
            self._monitor = None


def make_queue(engine: Engine, settings: Settings) -> QueueApp:
    """The procrastinate app for the engine's database, with pledgewatch's two tasks."""
    app = App(connector=PsycopgConnector(conninfo=conninfo(engine)))
    queue = QueueApp(app=app, engine=engine, settings=settings)

    @app.task(name=FETCH_TASK, queue=QUEUE)
    def fetch_source(source_id: int) -> None:
        """Read one source (under its lease) and store what it holds."""
        queue.monitor().run_source(source_id)

    @app.periodic(cron=SCHEDULE)
    @app.task(name=DEFER_TASK, queue=QUEUE, queueing_lock="defer-due-sources")
    def defer_due_sources(timestamp: int) -> None:
        """Every minute: queue the sources that are due."""
        queue.defer_due_sources()

    return queue


def schema_applied(engine: Engine) -> bool:
    """True when procrastinate's tables exist in the database."""
    return inspect(engine).has_table("procrastinate_jobs")


def apply_schema(engine: Engine, settings: Settings) -> bool:
    """Create procrastinate's tables with its own schema manager; False when they exist."""
    if schema_applied(engine):
        return False
    queue = make_queue(engine, settings)
    with queue.app.open():
        queue.app.schema_manager.apply_schema()
    return True


def run_worker(
    engine: Engine,
    settings: Settings,
    *,
    burst: bool = False,
    concurrency: int = 1,
    name: str | None = None,
) -> list[int]:
    """Run a procrastinate worker; with ``burst``, queue the due sources, work, then return.

    Returns the ids of the sources this process queued.
    """
    if not schema_applied(engine):
        raise ConfigurationError(
            "the task queue's tables are missing; run 'pledgewatch worker --setup' "
            "(or 'pledgewatch init') first",
            ja="タスクキューのテーブルがありません。先に 'pledgewatch worker --setup'"
            "（または 'pledgewatch init'）を実行してください",
        )
    queue = make_queue(engine, settings)
    try:
        if burst:
            with queue.app.open():
                queue.defer_due_sources()
        queue.app.run_worker(
            queues=[QUEUE],
            wait=not burst,
            concurrency=concurrency,
            name=name or queue.monitor().worker,
            install_signal_handlers=not burst,
        )
    finally:
        queue.close()
    return queue.deferred
