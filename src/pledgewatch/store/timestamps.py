"""Timestamps as stored: always written in UTC, read back aware on every backend."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The current time, aware, in UTC: the only kind of timestamp pledgewatch writes."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """A stored timestamp made aware: SQLite hands back naive values, which are UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
