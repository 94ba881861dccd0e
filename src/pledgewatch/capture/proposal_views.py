"""Read models of review: proposals, their context in the text, and the review log.

Pydantic views, separate from the ORM rows, so the JSON printed by `pledgewatch review
commitments --format json` is a contract. The proposal fields have the names and shapes of
`pledgewatch extract --format json`, plus what review adds (id, state, outcome, log).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import proposals as proposal_store
from pledgewatch.store.proposal_models import Proposal, ReviewDecision
from pledgewatch.store.proposals import ProposalFilter

CONTEXT_CHARS = 160
"""How much of the text around a proposal's span is shown with it."""


class ReviewView(BaseModel):
    """Base of the review views: immutable."""

    model_config = ConfigDict(frozen=True)


class SpanView(ReviewView):
    """Character offsets into the extracted text."""

    start: int
    end: int


class DeadlineView(ReviewView):
    """A proposed deadline: the date, how precise, the words it rests on, its event."""

    date: date | None
    precision: str | None
    basis: str
    event: str | None
    rule: str | None


class MoneyView(ReviewView):
    """An amount as written, with its value and currency."""

    amount: str
    currency: str
    text: str


class ContextView(ReviewView):
    """The proposal's span in its surroundings, as three pieces to print side by side."""

    before: str
    passage: str
    after: str


class DecisionView(ReviewView):
    """One entry of the review log."""

    proposal: int
    action: str
    decided_by: str
    decided_at: datetime
    reason: str
    changes: dict[str, Any]


class ProposalView(ReviewView):
    """A proposal as a reviewer sees it."""

    id: int
    run: int
    agreement: str
    document: str
    source: str
    state: str
    language: str
    text: str
    translation: str | None
    span: SpanView
    context: ContextView
    section: str | None
    parties: list[str]
    deadline: DeadlineView | None
    money: list[MoneyView]
    strength: str
    sectors: list[str]
    grey_zone: str | None
    derived_from: list[int]
    commitment: str | None
    log: list[DecisionView]


def proposal_view(proposal: Proposal) -> ProposalView:
    """The view of one proposal, with its context and its log."""
    run = proposal.run
    text = run.text
    start, end = proposal.span_start, proposal.span_end
    deadline = None
    if proposal.deadline_basis is not None:
        deadline = DeadlineView(
            date=proposal.deadline_date,
            precision=proposal.deadline_precision,
            basis=proposal.deadline_basis,
            event=proposal.deadline_event,
            rule=proposal.deadline_rule,
        )
    return ProposalView(
        id=proposal.id,
        run=run.id,
        agreement=run.agreement_id,
        document=run.document_key,
        source=run.source,
        state=proposal.state,
        language=proposal.language,
        text=proposal.text,
        translation=proposal.translation,
        span=SpanView(start=start, end=end),
        context=ContextView(
            before=text[max(0, start - CONTEXT_CHARS) : start],
            passage=text[start:end],
            after=text[end : end + CONTEXT_CHARS],
        ),
        section=proposal.section,
        parties=list(proposal.parties),
        deadline=deadline,
        money=[MoneyView.model_validate(m) for m in proposal.money],
        strength=proposal.strength,
        sectors=list(proposal.sectors),
        grey_zone=proposal.grey_zone,
        derived_from=list(proposal.derived_from),
        commitment=proposal.commitment_code,
        log=[decision_view(d) for d in proposal.decisions],
    )


def decision_view(decision: ReviewDecision) -> DecisionView:
    """The view of one review decision."""
    return DecisionView(
        proposal=decision.proposal_id,
        action=decision.action,
        decided_by=decision.decided_by,
        decided_at=decision.decided_at,
        reason=decision.reason,
        changes=decision.changes,
    )


def list_proposals(session: Session, criteria: ProposalFilter) -> list[ProposalView]:
    """The proposals matching ``criteria``, as views; an unknown agreement is an error."""
    if criteria.agreement_id is not None:
        agreement_store.get_agreement(session, criteria.agreement_id)
    return [proposal_view(p) for p in proposal_store.find_proposals(session, criteria)]


def show_proposal(session: Session, proposal_id: int) -> ProposalView:
    """One proposal as a view."""
    return proposal_view(proposal_store.get_proposal(session, proposal_id))


def review_log(
    session: Session, *, proposal_id: int | None = None, agreement_id: str | None = None
) -> list[DecisionView]:
    """The review log, oldest decision first."""
    return [
        decision_view(d)
        for d in proposal_store.review_log(
            session, proposal_id=proposal_id, agreement_id=agreement_id
        )
    ]
