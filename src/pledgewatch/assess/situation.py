"""An agreement as it stood on one day: the one place that decides what an as-of view counts.

Every view with a day (the dashboard, show, compliance, the deadlines to review, the ledger)
reads one Situation, so no two of them can count differently. On day D:

- evidence counts when its item is dated on or before D (published, else fetched), with its
  review as it stands now. A review judges what an item reported, so it speaks for the item's
  day: a source read and reviewed later (a back-filled feed, the curated sample) still
  describes the days it reported on, and evidence rejected later counts on no day;
- an entry of the status history counts from the day it speaks for (standing.speaks_for): a
  'missed' verdict from the day it was checked as of, an entry derived from evidence from the
  day of its latest evidence, the loader's 'not started' from the agreement's day, any other
  from the day it was recorded. That decides the status set directly that a party's evidence
  is carried from, and the history shown;
- event occurrences and project milestones count from the day they happened, so a follow-on
  deadline has its date only once its event has happened;
- days left and the flags are counted from D.

A party's status is its base carried through the evidence counted (standing.stand, the same
function review.reassess records with), so on today's date it is the status the history holds.
Without a day everything stored counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pledgewatch.assess.deadlines import (
    DatedObligation,
    PendingObligation,
    dated_obligations,
    pending_obligations,
)
from pledgewatch.assess.standing import (
    PartyStanding,
    chronological,
    combine,
    happened_on,
    speaks_for,
    stand,
)
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models
from pledgewatch.store.evidence import EvidenceFilter, find_evidence, project_milestones
from pledgewatch.store.evidence_models import Evidence, EvidenceState, ProjectMilestone

Status = models.Status


@dataclass(frozen=True)
class CommitmentStanding:
    """Where a commitment stands as a whole and for each party it binds."""

    commitment: models.Commitment
    status: Status
    parties: dict[str, PartyStanding]


@dataclass(frozen=True)
class Situation:
    """An agreement on one day: statuses, evidence, history, events and milestones that count."""

    agreement: models.Agreement
    as_of: date | None
    standings: dict[str, CommitmentStanding]
    evidence: list[Evidence]
    history: dict[str, list[models.StatusChange]]
    events: dict[str, models.ConditionEvent]
    occurrences: dict[str, list[models.EventOccurrence]]
    milestones: list[ProjectMilestone]

    def status(self, code: str) -> str:
        """A commitment's status as a whole."""
        return self.standings[code].status.value

    def evidence_for(self, code: str) -> list[Evidence]:
        """The evidence (in any review state) of one commitment, in listing order."""
        return [e for e in self.evidence if e.commitment_code == code]

    def obligations(
        self, commitments: Sequence[models.Commitment] | None = None
    ) -> list[DatedObligation]:
        """The dated deadlines of the agreement (or of ``commitments``), earliest first."""
        chosen = self.agreement.commitments if commitments is None else commitments
        return dated_obligations(chosen, self.occurrences)

    def pending(self) -> list[PendingObligation]:
        """Follow-ons whose event has not happened by the day."""
        return pending_obligations(self.agreement.commitments, self.events, self.occurrences)


def situation_on(session: Session, *, agreement_id: str | None, as_of: date | None) -> Situation:
    """The agreement ``agreement_id`` (the only or newest one if None) as it stood on ``as_of``."""
    agreement = agreement_store.get_agreement(session, agreement_id)
    evidence = [
        e
        for e in find_evidence(session, EvidenceFilter(agreement_id=agreement.id))
        if _by(happened_on(e), as_of)
    ]
    history: dict[str, list[models.StatusChange]] = defaultdict(list)
    for change in session.scalars(
        select(models.StatusChange)
        .where(models.StatusChange.agreement_id == agreement.id)
        .order_by(models.StatusChange.id)
    ):
        if _by(speaks_for(change, start=agreement.date), as_of):
            history[change.commitment_code].append(change)
    confirmed: dict[str, list[Evidence]] = defaultdict(list)
    for e in chronological(evidence):
        if e.state == EvidenceState.CONFIRMED.value:
            confirmed[e.commitment_code].append(e)
    standings = {}
    for commitment in agreement.commitments:
        code = commitment.code
        parties = {
            party: stand(history[code], confirmed[code], party) for party in commitment.party_codes
        }
        whole = combine([p.status for p in parties.values()])
        standings[code] = CommitmentStanding(commitment, whole, parties)
    events = agreement_store.condition_events(session, agreement.id)
    occurrences = {
        key: [o for o in event.occurrences if _by(o.date, as_of)] for key, event in events.items()
    }
    milestones = [
        m
        for m in project_milestones(session, agreement_id=agreement.id)
        if _by(m.happened_on, as_of)
    ]
    return Situation(
        agreement=agreement,
        as_of=as_of,
        standings=standings,
        evidence=evidence,
        history=dict(history),
        events=events,
        occurrences=occurrences,
        milestones=milestones,
    )


def _by(day: date, as_of: date | None) -> bool:
    return as_of is None or day <= as_of
