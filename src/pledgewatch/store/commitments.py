"""Queries over commitments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pledgewatch.errors import NotFoundError
from pledgewatch.store import models


@dataclass(frozen=True)
class CommitmentFilter:
    """What to narrow a commitment listing to; None means no restriction."""

    agreement_id: str | None = None
    sector: str | None = None
    party: str | None = None
    due_before: date | None = None


def find_commitments(session: Session, criteria: CommitmentFilter) -> list[models.Commitment]:
    """Commitments matching every given criterion, by agreement and file order.

    A sector matches its narrower concepts too, so 'critical-minerals' finds rare earths.
    """
    query: Select[tuple[models.Commitment]] = select(models.Commitment)
    if criteria.agreement_id is not None:
        query = query.where(models.Commitment.agreement_id == criteria.agreement_id)
    if criteria.party is not None:
        query = query.where(
            models.Commitment.parties.any(models.CommitmentParty.party_code == criteria.party)
        )
    if criteria.sector is not None:
        sectors = _with_narrower(session, criteria.sector)
        query = query.where(
            models.Commitment.sectors.any(models.CommitmentConcept.concept_id.in_(sectors))
        )
    if criteria.due_before is not None:
        query = query.join(models.Commitment.deadline).where(
            models.Deadline.due < criteria.due_before
        )
    query = query.order_by(models.Commitment.agreement_id, models.Commitment.position)
    return list(session.scalars(query))


def get_commitment(session: Session, key: str) -> models.Commitment:
    """A commitment by 'AGREEMENT/CODE', or by CODE alone when only one agreement has it."""
    agreement_id, _, code = key.rpartition("/")
    query = select(models.Commitment).where(models.Commitment.code == code)
    if agreement_id:
        query = query.where(models.Commitment.agreement_id == agreement_id)
    found = list(session.scalars(query))
    if not found:
        raise NotFoundError(
            "commitment",
            key,
            "list them with 'pledgewatch commitments'",
            hint_ja="一覧は 'pledgewatch commitments' で確認できます",
        )
    if len(found) > 1:
        choices = ", ".join(f"{c.agreement_id}/{c.code}" for c in found)
        raise NotFoundError(
            "single commitment",
            key,
            f"say which one: {choices}",
            ja=f"コミットメント {key!r} は複数の合意にあります。どれか指定してください：{choices}",
        )
    return found[0]


def _with_narrower(session: Session, concept_id: str) -> set[str]:
    children: dict[str | None, list[str]] = {}
    for concept in session.scalars(select(models.Concept)):
        children.setdefault(concept.broader_id, []).append(concept.id)
    found, queue = {concept_id}, [concept_id]
    while queue:
        for child in children.get(queue.pop(), []):
            if child not in found:
                found.add(child)
                queue.append(child)
    return found
