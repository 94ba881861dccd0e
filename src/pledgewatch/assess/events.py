"""Record that a condition event happened, which dates the follow-on deadlines hanging on it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from pledgewatch.errors import ConfigurationError
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models


def record_occurrence(
    session: Session,
    *,
    agreement_id: str,
    event_key: str,
    on: date,
    recorded_by: str,
    subject: str | None = None,
    note_en: str | None = None,
    note_ja: str | None = None,
) -> models.EventOccurrence:
    """Append one occurrence of an event; the same subject on the same day is refused."""
    event = agreement_store.get_condition_event(session, agreement_id, event_key)
    for occurrence in event.occurrences:
        if occurrence.date == on and occurrence.subject == subject:
            raise ConfigurationError(
                f"event {event_key!r} is already recorded on {on} for {subject or 'no subject'}",
                ja=f"事象 {event_key!r} は {on} に"
                f"{f'{subject!r} について' if subject else '（対象の指定なしで）'}記録済みです",
            )
    occurrence = models.EventOccurrence(
        date=on,
        subject=subject,
        note_en=note_en,
        note_ja=note_ja,
        recorded_by=recorded_by,
        recorded_at=datetime.now(UTC),
    )
    event.occurrences.append(occurrence)
    session.flush()
    return occurrence
