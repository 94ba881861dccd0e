"""Queries over agreements and what hangs on them (documents, events, watch points, projects)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pledgewatch.errors import NotFoundError
from pledgewatch.store import models


def list_agreements(session: Session) -> list[models.Agreement]:
    """All agreements, newest first."""
    return list(
        session.scalars(
            select(models.Agreement).order_by(models.Agreement.date.desc(), models.Agreement.id)
        )
    )


def get_agreement(session: Session, agreement_id: str | None) -> models.Agreement:
    """One agreement by id; with no id, the only or newest one stored."""
    if agreement_id is None:
        agreements = list_agreements(session)
        if not agreements:
            raise NotFoundError(
                "agreement",
                "(any)",
                "run 'pledgewatch init' to load the default",
                ja="合意が一つも保存されていません。'pledgewatch init' で既定の合意を"
                "読み込んでください",
            )
        return agreements[0]
    agreement = session.get(models.Agreement, agreement_id)
    if agreement is None:
        known = ", ".join(a.id for a in list_agreements(session))
        raise NotFoundError(
            "agreement",
            agreement_id,
            f"stored agreements: {known or 'none'}",
            hint_ja=f"保存されている合意：{known or 'なし'}",
        )
    return agreement


def condition_events(session: Session, agreement_id: str) -> dict[str, models.ConditionEvent]:
    """The condition events of an agreement by key."""
    rows = session.scalars(
        select(models.ConditionEvent).where(models.ConditionEvent.agreement_id == agreement_id)
    )
    return {row.key: row for row in rows}


def get_condition_event(session: Session, agreement_id: str, key: str) -> models.ConditionEvent:
    """One condition event by its key."""
    events = condition_events(session, agreement_id)
    if key not in events:
        raise NotFoundError(
            "event",
            key,
            f"events of {agreement_id}: {', '.join(events) or 'none'}",
            hint_ja=f"{agreement_id} の事象：{', '.join(events) or 'なし'}",
        )
    return events[key]


def watch_points(session: Session, agreement_id: str) -> list[models.WatchPoint]:
    """The watch points of an agreement, in the file's order."""
    return list(
        session.scalars(
            select(models.WatchPoint)
            .where(models.WatchPoint.agreement_id == agreement_id)
            .order_by(models.WatchPoint.position)
        )
    )


def projects(session: Session, agreement_id: str) -> list[models.Project]:
    """The investment projects of an agreement, in the file's order."""
    return list(
        session.scalars(
            select(models.Project)
            .where(models.Project.agreement_id == agreement_id)
            .order_by(models.Project.position)
        )
    )


def project_census(session: Session, agreement_id: str) -> list[models.ProjectCensus]:
    """How many projects each source lists."""
    return list(
        session.scalars(
            select(models.ProjectCensus).where(models.ProjectCensus.agreement_id == agreement_id)
        )
    )


def concepts(session: Session) -> dict[str, models.Concept]:
    """The whole thesaurus by concept id."""
    return {row.id: row for row in session.scalars(select(models.Concept))}
