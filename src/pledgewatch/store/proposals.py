"""Queries over saved extraction runs, their proposals and the review log."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pledgewatch.errors import NotFoundError
from pledgewatch.store import models
from pledgewatch.store.proposal_models import ExtractionRun, Proposal, ReviewDecision

_HINT = "list them with 'pledgewatch review commitments --list'"
_HINT_JA = "一覧は 'pledgewatch review commitments --list' で確認できます"


@dataclass(frozen=True)
class ProposalFilter:
    """What to narrow a proposal listing to; None means no restriction."""

    agreement_id: str | None = None
    document_key: str | None = None
    run_id: int | None = None
    state: str | None = None


def get_run(session: Session, run_id: int) -> ExtractionRun:
    """One saved extraction run by id."""
    run = session.get(ExtractionRun, run_id)
    if run is None:
        raise NotFoundError("extraction run", str(run_id), _HINT, hint_ja=_HINT_JA)
    return run


def get_proposal(session: Session, proposal_id: int) -> Proposal:
    """One proposal by id."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFoundError("proposal", str(proposal_id), _HINT, hint_ja=_HINT_JA)
    return proposal


def find_proposals(session: Session, criteria: ProposalFilter) -> list[Proposal]:
    """Proposals matching every criterion, by run and then in the document's order."""
    query = select(Proposal).join(Proposal.run)
    if criteria.agreement_id is not None:
        query = query.where(ExtractionRun.agreement_id == criteria.agreement_id)
    if criteria.document_key is not None:
        query = query.where(ExtractionRun.document_key == criteria.document_key)
    if criteria.run_id is not None:
        query = query.where(Proposal.run_id == criteria.run_id)
    if criteria.state is not None:
        query = query.where(Proposal.state == criteria.state)
    query = query.order_by(Proposal.run_id, Proposal.span_start, Proposal.position, Proposal.id)
    return list(session.scalars(query))


def next_position(session: Session, run_id: int) -> int:
    """The position a proposal added to a run (by a merge or split) takes."""
    highest = session.scalar(select(func.max(Proposal.position)).where(Proposal.run_id == run_id))
    return 0 if highest is None else highest + 1


def review_log(
    session: Session, *, proposal_id: int | None = None, agreement_id: str | None = None
) -> list[ReviewDecision]:
    """Review decisions in the order they were taken, for one proposal or one agreement."""
    query: Select[tuple[ReviewDecision]] = select(ReviewDecision)
    if proposal_id is not None:
        query = query.where(ReviewDecision.proposal_id == proposal_id)
    if agreement_id is not None:
        query = (
            query.join(Proposal, Proposal.id == ReviewDecision.proposal_id)
            .join(Proposal.run)
            .where(ExtractionRun.agreement_id == agreement_id)
        )
    return list(session.scalars(query.order_by(ReviewDecision.id)))


def get_document(session: Session, agreement_id: str, key: str) -> models.Document:
    """One document of an agreement by its key."""
    document = find_document(session, agreement_id, key)
    if document is None:
        keys = session.scalars(
            select(models.Document.key)
            .where(models.Document.agreement_id == agreement_id)
            .order_by(models.Document.position)
        )
        listed = ", ".join(keys)
        raise NotFoundError(
            "document",
            key,
            f"documents of {agreement_id}: {listed or 'none'}",
            hint_ja=f"{agreement_id} の文書：{listed or 'なし'}",
        )
    return document


def find_document(session: Session, agreement_id: str, key: str) -> models.Document | None:
    """One document of an agreement by its key, or None."""
    return session.scalar(
        select(models.Document)
        .where(models.Document.agreement_id == agreement_id)
        .where(models.Document.key == key)
    )


def next_document_position(session: Session, agreement_id: str) -> int:
    """The position a document added to an agreement takes."""
    highest = session.scalar(
        select(func.max(models.Document.position)).where(
            models.Document.agreement_id == agreement_id
        )
    )
    return 0 if highest is None else highest + 1


def next_commitment_position(session: Session, agreement_id: str) -> int:
    """The position a commitment added to an agreement takes."""
    highest = session.scalar(
        select(func.max(models.Commitment.position)).where(
            models.Commitment.agreement_id == agreement_id
        )
    )
    return 0 if highest is None else highest + 1


def commitment_codes(session: Session, agreement_id: str) -> set[str]:
    """Every commitment code an agreement uses, or has used in its status history."""
    current = session.scalars(
        select(models.Commitment.code).where(models.Commitment.agreement_id == agreement_id)
    )
    historic = session.scalars(
        select(models.StatusChange.commitment_code).where(
            models.StatusChange.agreement_id == agreement_id
        )
    )
    return set(current) | set(historic)


def next_free_code(session: Session, agreement_id: str, prefix: str) -> str:
    """The agreement's next free code with ``prefix``: X-01, X-02, ... after the highest used."""
    pattern = re.compile(rf"{re.escape(prefix)}-(\d+)")
    used = commitment_codes(session, agreement_id)
    numbers = [int(m.group(1)) for code in used if (m := pattern.fullmatch(code))]
    number = max(numbers, default=0) + 1
    while f"{prefix}-{number:02d}" in used:
        number += 1
    return f"{prefix}-{number:02d}"
