"""Where a commitment stands for each party, derived from its history and confirmed evidence.

The history holds two kinds of entries: those a person set directly (the loader's 'not started',
a deadline recorded as missed) and those derived from confirmed evidence, whose snapshot lists
that evidence. A party's status is its base (the latest entry set directly) carried forward
through its confirmed evidence in the order it happened. That fold is written down here once, so
a status can be recomputed from the snapshot it was recorded with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pledgewatch.capture.loader import LOADER
from pledgewatch.store import models
from pledgewatch.store.evidence_models import Evidence, Judgement
from pledgewatch.store.timestamps import as_utc

Status = models.Status

_FROM_JUDGEMENT: Mapping[str, Status] = {
    Judgement.ACHIEVED.value: Status.ACHIEVED,
    Judgement.PROGRESS.value: Status.IN_PROGRESS,
    Judgement.SETBACK.value: Status.SETBACK,
}


def next_status(prior: Status, judgement: str) -> Status:
    """The status after one more piece of confirmed evidence.

    Achieved and setback evidence set their status; progress moves a commitment into progress
    but does not undo an achievement; a mention changes nothing.
    """
    target = _FROM_JUDGEMENT.get(judgement)
    if target is None:
        return prior
    if target is Status.IN_PROGRESS and prior is Status.ACHIEVED:
        return prior
    return target


def fold(base: Status, judgements: Iterable[str]) -> Status:
    """``base`` carried through judgements in the order the evidence happened."""
    status = base
    for judgement in judgements:
        status = next_status(status, judgement)
    return status


def combine(statuses: Sequence[Status]) -> Status:
    """The whole commitment's status from its parties' statuses.

    Equal statuses stay as they are; a mix with any action is partial (in progress); a mix
    without action is a setback if any party had one, else missed if any missed, else unclear.
    """
    distinct = set(statuses)
    if not distinct:
        return Status.NOT_STARTED
    if len(distinct) == 1:
        return next(iter(distinct))
    if distinct & {Status.ACHIEVED, Status.IN_PROGRESS}:
        return Status.IN_PROGRESS
    for status in (Status.SETBACK, Status.MISSED):
        if status in distinct:
            return status
    return Status.UNCLEAR


def is_evidence_derived(entry: models.StatusChange) -> bool:
    """Whether an entry was derived from confirmed evidence (its snapshot lists evidence)."""
    return any(_kind(snapshot) == "evidence" for snapshot in entry.evidence)


def base_entry(history: Sequence[models.StatusChange], party: str) -> models.StatusChange | None:
    """The latest entry set directly for ``party`` or for the whole commitment."""
    for entry in reversed(history):
        if entry.party in (None, party) and not is_evidence_derived(entry):
            return entry
    return None


def party_entry(history: Sequence[models.StatusChange], party: str) -> models.StatusChange | None:
    """The entry that gives ``party`` its current status.

    That is the latest entry for the party, or for the whole commitment when set directly: a
    whole-commitment status derived from evidence mixes the parties and speaks for none of them.
    """
    for entry in reversed(history):
        if entry.party == party or (entry.party is None and not is_evidence_derived(entry)):
            return entry
    return None


def party_status(history: Sequence[models.StatusChange], party: str) -> Status:
    """The current status of a commitment for one party."""
    entry = party_entry(history, party)
    return Status(entry.status) if entry is not None else Status.NOT_STARTED


def happened_on(evidence: Evidence) -> date:
    """The day evidence speaks for: its item's publication, else the day the item was fetched."""
    item = evidence.item
    return item.published or local_day(item.fetched_at)


def speaks_for(entry: models.StatusChange, *, start: date) -> date:
    """The day a history entry speaks for, which is when an as-of view starts counting it.

    A verdict on a deadline speaks for the day it was checked as of; an entry derived from
    evidence for the day of the latest evidence it lists; the loader's 'not started', which
    says where every commitment starts, for the agreement's day (``start``); any other entry
    for the day it was recorded.
    """
    if entry.recorded_by == LOADER and entry.status == Status.NOT_STARTED.value:
        return start
    days = []
    for snapshot in entry.evidence:
        day = None
        if _kind(snapshot) == "deadline":
            day = snapshot.get("as_of")
        elif _kind(snapshot) == "evidence":
            day = snapshot.get("published")
        if isinstance(day, str):
            try:
                days.append(date.fromisoformat(day))
            except ValueError:
                continue
    return max(days) if days else local_day(entry.recorded_at)


def local_day(moment: datetime) -> date:
    """The calendar day of a stored timestamp where pledgewatch runs, the day --as-of names."""
    return as_utc(moment).astimezone().date()


def chronological(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Evidence in the order it happened, then in the order it was reviewed."""

    def key(e: Evidence) -> tuple[date, datetime, int]:
        reviewed = as_utc(e.reviewed_at) if e.reviewed_at else datetime.min.replace(tzinfo=UTC)
        return happened_on(e), reviewed, e.id

    return sorted(evidence, key=key)


@dataclass(frozen=True)
class PartyStanding:
    """A party's status on a commitment and what it rests on.

    ``base`` is the entry set directly that the status starts from (none: not started);
    ``evidence`` the confirmed evidence carried through it, in the order it happened;
    ``decisive`` the last of those that changed the status.
    """

    party: str
    status: Status
    base: models.StatusChange | None
    evidence: tuple[Evidence, ...]
    decisive: Evidence | None


def stand(
    history: Sequence[models.StatusChange], confirmed: Sequence[Evidence], party: str
) -> PartyStanding:
    """Where ``party`` stands: its base entry carried through its confirmed evidence.

    ``confirmed`` is the commitment's confirmed evidence in chronological order. Evidence for
    another party is left out, and so is evidence reviewed before the base was set: a status set
    directly overrides what was confirmed before it.
    """
    base = base_entry(history, party)
    since = as_utc(base.recorded_at) if base is not None else None
    counted = tuple(
        e
        for e in confirmed
        if e.party in (None, party)
        and (since is None or e.reviewed_at is None or as_utc(e.reviewed_at) >= since)
    )
    status = Status(base.status) if base is not None else Status.NOT_STARTED
    decisive = None
    for e in counted:
        after = next_status(status, e.effective_judgement)
        if after is not status:
            decisive = e
        status = after
    return PartyStanding(party, status, base, counted, decisive)


def reproduce(snapshot: Sequence[Mapping[str, Any]]) -> Status:
    """Recompute a status from the snapshot it was recorded with.

    A party's snapshot lists an optional base ({"kind": "status", "status": ...}) and the
    evidence the status rests on, in the order it happened, each with its judgement. A whole
    commitment's snapshot adds its parties' statuses ({"kind": "parties", "statuses": {...}}),
    which it combines.
    """
    base = Status.NOT_STARTED
    judgements: list[str] = []
    for entry in snapshot:
        if _kind(entry) == "parties":
            return combine([Status(value) for value in entry["statuses"].values()])
        if _kind(entry) == "status":
            base = Status(entry["status"])
        elif _kind(entry) == "evidence":
            judgements.append(str(entry["judgement"]))
    return fold(base, judgements)


def _kind(snapshot: Any) -> str | None:
    return snapshot.get("kind") if isinstance(snapshot, Mapping) else None
