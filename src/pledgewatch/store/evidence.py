"""Queries over evidence, linked stories and project milestones."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from pledgewatch.errors import NotFoundError
from pledgewatch.store.evidence_models import Evidence, LinkedStory, ProjectMilestone
from pledgewatch.store.monitor_models import Item, Story


@dataclass(frozen=True)
class EvidenceFilter:
    """What to narrow an evidence listing to; None means no restriction."""

    state: str | None = None
    agreement_id: str | None = None
    commitment_code: str | None = None
    story_id: int | None = None


def find_evidence(session: Session, criteria: EvidenceFilter) -> list[Evidence]:
    """Evidence matching every criterion, the item published first, then by id.

    Items without a publication date come last; the item and its source are loaded along.
    """
    query: Select[Evidence] = (
        select(Evidence)
        .join(Evidence.item)
        .options(selectinload(Evidence.item).selectinload(Item.source))
    )
    if criteria.state is not None:
        query = query.where(Evidence.state == criteria.state)
    if criteria.agreement_id is not None:
        query = query.where(Evidence.agreement_id == criteria.agreement_id)
    if criteria.commitment_code is not None:
        query = query.where(Evidence.commitment_code == criteria.commitment_code)
    if criteria.story_id is not None:
        query = query.where(Evidence.story_id == criteria.story_id)
    query = query.order_by(Item.published.is_(None), Item.published, Evidence.id)
    return list(session.scalars(query))


def evidence_published_near(
    session: Session, *, agreement_id: str, commitment_code: str, day: date, days: int
) -> list[Evidence]:
    """Evidence of one commitment whose item was published within ``days`` of ``day``."""
    query: Select[Evidence] = (
        select(Evidence)
        .join(Evidence.item)
        .options(selectinload(Evidence.item))
        .where(Evidence.agreement_id == agreement_id)
        .where(Evidence.commitment_code == commitment_code)
        .where(Item.published >= day - timedelta(days=days))
        .where(Item.published <= day + timedelta(days=days))
        .order_by(Evidence.id)
    )
    return list(session.scalars(query))


def get_evidence(session: Session, evidence_id: int) -> Evidence:
    """One piece of evidence by its id."""
    found = session.get(Evidence, evidence_id)
    if found is None:
        raise NotFoundError(
            "evidence",
            str(evidence_id),
            "list them with 'pledgewatch evidence'",
            hint_ja="一覧は 'pledgewatch evidence' で確認できます",
        )
    return found


def evidence_for_story(
    session: Session, *, story_id: int, agreement_id: str, commitment_code: str
) -> Evidence | None:
    """The evidence already held for a story and a commitment, from any of its items."""
    return session.scalars(
        select(Evidence)
        .where(Evidence.story_id == story_id)
        .where(Evidence.agreement_id == agreement_id)
        .where(Evidence.commitment_code == commitment_code)
        .order_by(Evidence.id)
    ).first()


def stories_to_link(session: Session, *, relink: bool = False) -> list[Story]:
    """Stories never linked (or all stories with ``relink``), oldest first, items loaded."""
    query = select(Story).options(selectinload(Story.items)).order_by(Story.id)
    if not relink:
        query = query.where(~select(LinkedStory).where(LinkedStory.story_id == Story.id).exists())
    return list(session.scalars(query))


def mark_linked(session: Session, linked: LinkedStory) -> None:
    """Record (or renew) that a story was linked."""
    session.merge(linked)


def find_item(session: Session, reference: str) -> Item:
    """An item by URL (its own, canonical or original) or by the name of the file it was read from.

    Sample summaries are read from files whose file:// URL depends on where pledgewatch is
    installed, so a curated review names them by file name. The latest revision wins.
    """
    query = select(Item).order_by(Item.revision.desc(), Item.id.desc())
    if "://" in reference:
        query = query.where(
            (Item.canonical_url == reference)
            | (Item.url == reference)
            | (Item.origin_url == reference)
        )
    else:
        query = query.where(Item.url.startswith("file://")).where(
            Item.url.endswith("/" + reference, autoescape=True)
        )
    item = session.scalars(query).first()
    if item is None:
        raise NotFoundError(
            "item",
            reference,
            "ingest its source first",
            hint_ja="先にその情報源を取り込んでください",
        )
    return item


def project_milestones(
    session: Session, *, agreement_id: str, project_codes: Collection[str] | None = None
) -> list[ProjectMilestone]:
    """The milestones of an agreement's projects, in the order they happened and were recorded."""
    query = select(ProjectMilestone).where(ProjectMilestone.agreement_id == agreement_id)
    if project_codes is not None:
        query = query.where(ProjectMilestone.project_code.in_(list(project_codes)))
    return list(session.scalars(query.order_by(ProjectMilestone.happened_on, ProjectMilestone.id)))
