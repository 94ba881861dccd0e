"""Where a commitment stands for each party, derived from its history and confirmed evidence.

The history holds two kinds of entries: those a person set directly (the loader's 'not started',
a deadline recorded as missed) and those derived from confirmed evidence, whose snapshot lists
that evidence. A party's status is its base (the latest entry set directly) carried forward
through its confirmed evidence in the order it happened. That fold is written down here once, so
a status can be recomputed from the snapshot it was recorded with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pledgewatch.store import models
from pledgewatch.store.evidence_models import Judgement

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
