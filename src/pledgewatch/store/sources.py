"""Queries over monitored sources: the registry, the schedule, the lease and the health."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from pledgewatch.errors import ConflictError, NotFoundError
from pledgewatch.store.monitor_models import Sighting, Source
from pledgewatch.store.timestamps import as_utc


def list_sources(session: Session) -> list[Source]:
    """Every source, by name."""
    return list(session.scalars(select(Source).order_by(Source.name)))


def get_source(session: Session, *, name: str) -> Source:
    """One source by its name."""
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        known = ", ".join(s.name for s in list_sources(session))
        raise NotFoundError(
            "source", name, f"sources: {known or 'none'}", hint_ja=f"情報源：{known or 'なし'}"
        )
    return source


def find_source(session: Session, *, name: str) -> Source | None:
    """One source by its name, or None."""
    return session.scalar(select(Source).where(Source.name == name))


def add_source(
    session: Session,
    *,
    name: str,
    kind: str,
    location: str,
    language_hint: str | None,
    trust: str,
    interval_minutes: int,
    now: datetime,
) -> Source:
    """Register a source; a name already taken is a conflict."""
    if find_source(session, name=name) is not None:
        raise ConflictError(
            f"a source named {name!r} exists already; choose another name",
            ja=f"{name!r} という名前の情報源はすでにあります。別の名前を指定してください",
        )
    source = Source(
        name=name,
        kind=kind,
        location=location,
        language_hint=language_hint,
        trust=trust,
        interval_minutes=interval_minutes,
        enabled=True,
        created_at=now,
        consecutive_failures=0,
    )
    session.add(source)
    session.flush()
    return source


def remove_source(session: Session, *, name: str) -> None:
    """Forget a source; its items stay (their source becomes unknown)."""
    session.delete(get_source(session, name=name))


def due_source_ids(session: Session, *, now: datetime, every: bool = False) -> list[int]:
    """Enabled sources never run, or whose interval has passed since their last run.

    ``every`` takes every enabled source, due or not (``pledgewatch watch --all``).

    The interval arithmetic is done here in Python rather than in SQL, where SQLite and
    PostgreSQL spell it differently; a registry holds tens or hundreds of sources, not millions.
    """
    rows = session.execute(
        select(Source.id, Source.last_run_at, Source.interval_minutes)
        .where(Source.enabled.is_(True))
        .order_by(Source.last_run_at.is_not(None), Source.last_run_at, Source.id)
    )
    due: list[int] = []
    for source_id, last_run_at, interval in rows:
        if (
            every
            or last_run_at is None
            or (now - as_utc(last_run_at)).total_seconds() >= interval * 60
        ):
            due.append(source_id)
    return due


def claim_lease(
    session: Session, *, source_id: int, worker: str, now: datetime, until: datetime
) -> bool:
    """Take the source's lease in one atomic UPDATE; False when another worker holds it."""
    result = session.execute(
        update(Source)
        .where(Source.id == source_id)
        .where(or_(Source.leased_until.is_(None), Source.leased_until < now))
        .values(leased_by=worker, leased_until=until)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]  # CursorResult of an UPDATE


def take_over_lease(
    session: Session, *, source_id: int, holder: str, worker: str, until: datetime
) -> bool:
    """Take the lease from a holder known to be dead, if it still holds it (one atomic UPDATE)."""
    result = session.execute(
        update(Source)
        .where(Source.id == source_id, Source.leased_by == holder)
        .values(leased_by=worker, leased_until=until)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]  # CursorResult of an UPDATE


def release_lease(session: Session, *, source_id: int, worker: str) -> None:
    """Give the lease back, if this worker still holds it."""
    session.execute(
        update(Source)
        .where(Source.id == source_id, Source.leased_by == worker)
        .values(leased_by=None, leased_until=None)
        .execution_options(synchronize_session=False)
    )


def item_counts(session: Session) -> dict[int, int]:
    """How many items each source has found or sighted, by source id."""
    rows = session.execute(
        select(Sighting.source_id, func.count(func.distinct(Sighting.item_id)))
        .where(Sighting.source_id.is_not(None))
        .group_by(Sighting.source_id)
    )
    return {source_id: count for source_id, count in rows if source_id is not None}


def renew_lease(session: Session, *, source_id: int, worker: str, until: datetime) -> bool:
    """Extend the lease this worker holds; False when it was lost (taken over after expiry)."""
    result = session.execute(
        update(Source)
        .where(Source.id == source_id, Source.leased_by == worker)
        .values(leased_until=until)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]  # CursorResult of an UPDATE


def record_success(
    session: Session,
    *,
    source_id: int,
    now: datetime,
    etag: str | None,
    last_modified: str | None,
    content_hash: str | None,
) -> None:
    """A run read the whole source: remember when, and what the next run compares against."""
    session.execute(
        update(Source)
        .where(Source.id == source_id)
        .values(
            last_run_at=now,
            last_success_at=now,
            consecutive_failures=0,
            etag=etag,
            last_modified=last_modified,
            content_hash=content_hash,
        )
        .execution_options(synchronize_session=False)
    )


def record_failure(session: Session, *, source_id: int, now: datetime, error: str) -> None:
    """A run could not read the source: keep the reason, count the failures in a row."""
    session.execute(
        update(Source)
        .where(Source.id == source_id)
        .values(
            last_run_at=now,
            last_error_at=now,
            last_error=error,
            consecutive_failures=Source.consecutive_failures + 1,
        )
        .execution_options(synchronize_session=False)
    )
