"""Two workers never read one source at once: the lease, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from datetime import timedelta
from pathlib import Path

from monitor_pages import ARTICLE_EN, settings_for
from sqlalchemy import Engine

from pledgewatch.monitor.runner import Monitor, holder_is_dead
from pledgewatch.monitor.sources import NewSource, add_source
from pledgewatch.store import sources as source_store
from pledgewatch.store.db import unit_of_work
from pledgewatch.store.timestamps import utc_now


def source_id(engine: Engine, tmp_path: Path) -> int:
    folder = tmp_path / "inbox"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    add_source(engine, NewSource(name="inbox", kind="folder", location=str(folder)))
    with unit_of_work(engine) as session:
        return source_store.get_source(session, name="inbox").id


def claim(engine: Engine, source: int, worker: str, *, at: timedelta = timedelta()) -> bool:
    now = utc_now() + at
    with unit_of_work(engine) as session:
        return source_store.claim_lease(
            session, source_id=source, worker=worker, now=now, until=now + timedelta(minutes=5)
        )


def test_two_concurrent_claims_one_wins(engine: Engine, tmp_path: Path) -> None:
    source = source_id(engine, tmp_path)
    for round_number in range(3):
        start = threading.Barrier(2)
        won: dict[str, bool] = {}

        def take(
            worker: str,
            offset: int = round_number,
            start: threading.Barrier = start,
            won: dict[str, bool] = won,
        ) -> None:
            start.wait()
            won[worker] = claim(engine, source, worker, at=timedelta(minutes=10 * offset))

        threads = [threading.Thread(target=take, args=(name,)) for name in ("one", "two")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(won.values()) == [False, True]
        # a third worker cannot take it while the lease runs
        assert not claim(engine, source, "three", at=timedelta(minutes=10 * round_number + 1))


def test_an_expired_lease_can_be_taken_over_and_a_released_one_at_once(
    engine: Engine, tmp_path: Path
) -> None:
    source = source_id(engine, tmp_path)
    assert claim(engine, source, "dead worker")
    assert not claim(engine, source, "other")
    assert claim(engine, source, "other", at=timedelta(minutes=6))  # the dead one's ran out
    with unit_of_work(engine) as session:
        source_store.release_lease(session, source_id=source, worker="dead worker")  # not its
        assert not source_store.renew_lease(
            session, source_id=source, worker="dead worker", until=utc_now()
        )
    assert not claim(engine, source, "third", at=timedelta(minutes=7))
    with unit_of_work(engine) as session:
        source_store.release_lease(session, source_id=source, worker="other")
    assert claim(engine, source, "third", at=timedelta(minutes=7))


def test_a_monitor_skips_a_source_another_worker_reads(engine: Engine, tmp_path: Path) -> None:
    settings = settings_for(engine)
    source = source_id(engine, tmp_path)
    assert claim(engine, source, "busy worker")
    with Monitor(engine, settings) as monitor:
        run = monitor.run_source(source)
        assert run.skipped == "another worker is reading it"
        assert run.stored == 0
        with unit_of_work(engine) as session:
            source_store.release_lease(session, source_id=source, worker="busy worker")
        assert monitor.run_source(source).stored == 1
    with unit_of_work(engine) as session:
        row = source_store.get_source(session, name="inbox")
        assert row.leased_by is None
        assert row.last_success_at is not None


def test_a_lease_of_a_dead_local_worker_is_taken_over_at_once(
    engine: Engine, tmp_path: Path
) -> None:
    settings = settings_for(engine)
    source = source_id(engine, tmp_path)
    exited = subprocess.Popen(["true"])
    exited.wait()
    dead = f"{socket.gethostname()}:{exited.pid}:abc123"
    assert holder_is_dead(dead)
    assert not holder_is_dead(f"{socket.gethostname()}:{os.getpid()}:me")
    assert not holder_is_dead(f"another-host.example:{exited.pid}:x")
    assert claim(engine, source, dead)
    with Monitor(engine, settings) as monitor:
        assert monitor.run_source(source).stored == 1
    assert claim(engine, source, "another-host.example:1:x")
    with Monitor(engine, settings) as monitor:
        assert monitor.run_source(source).skipped == "another worker is reading it"
