"""Deadlines as of a given day: days left, overdue, and the follow-ons still waiting on events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from pledgewatch.store import models
from pledgewatch.text.temporal import resolve_deadline


@dataclass(frozen=True)
class DatedObligation:
    """A deadline with a date: a commitment's own, or a follow-on dated by an event."""

    commitment: models.Commitment
    follow_on: models.FollowOn | None
    deadline: models.Deadline
    due: date
    precision: str
    rule: str
    occurrence: models.EventOccurrence | None = None

    def days_left(self, today: date) -> int:
        """Days until the due date; negative once it has passed."""
        return (self.due - today).days


@dataclass(frozen=True)
class PendingObligation:
    """A follow-on whose deadline hangs on an event that has not been recorded yet."""

    commitment: models.Commitment
    follow_on: models.FollowOn
    event: models.ConditionEvent | None


Occurrences = Mapping[str, Sequence[models.EventOccurrence]]


def dated_obligations(
    commitments: Sequence[models.Commitment], occurrences: Occurrences
) -> list[DatedObligation]:
    """Every deadline that has a date, earliest first; one per event occurrence for follow-ons.

    ``occurrences`` are the occurrences that count, by event key (see assess.situation).
    """
    dated: list[DatedObligation] = []
    for commitment in commitments:
        deadline = commitment.deadline
        if deadline is not None and deadline.due is not None:
            dated.append(
                DatedObligation(
                    commitment=commitment,
                    follow_on=None,
                    deadline=deadline,
                    due=deadline.due,
                    precision=deadline.precision or "day",
                    rule=deadline.rule or "",
                )
            )
        for follow_on in commitment.follow_ons:
            for occurrence in occurrences.get(_anchor_event(follow_on.deadline) or "", ()):
                resolved = resolve_deadline(
                    follow_on.deadline.expression, reference=occurrence.date
                )
                dated.append(
                    DatedObligation(
                        commitment=commitment,
                        follow_on=follow_on,
                        deadline=follow_on.deadline,
                        due=resolved.date,
                        precision=resolved.precision.value,
                        rule=resolved.rule,
                        occurrence=occurrence,
                    )
                )
    return sorted(dated, key=lambda obligation: (obligation.due, obligation.commitment.position))


def pending_obligations(
    commitments: Sequence[models.Commitment],
    events: Mapping[str, models.ConditionEvent],
    occurrences: Occurrences,
) -> list[PendingObligation]:
    """Follow-ons still waiting for their event to happen (at least once)."""
    pending = []
    for commitment in commitments:
        for follow_on in commitment.follow_ons:
            key = _anchor_event(follow_on.deadline)
            if key is None or not occurrences.get(key):
                event = events.get(key) if key is not None else None
                pending.append(PendingObligation(commitment, follow_on, event))
    return pending


def _anchor_event(deadline: models.Deadline) -> str | None:
    """The key of the event a deadline hangs on, if it hangs on one."""
    kind, _, key = deadline.anchor.partition(":")
    return key if kind == "event" else None
