"""Steps of investment projects (recommended, selected, financed, ...), with their dates.

A project the fact sheet named moves on as the governments act: the President selects it, Japan
funds it within 45 days, or declines. Each step is appended as a milestone with the evidence it
rests on. Selecting a project is also the condition event its funding deadline hangs on, so a
'selected' milestone records an occurrence of the agreement's project-selection event with the
project as its subject, and the 45-day deadline gets its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pledgewatch.assess.events import record_occurrence
from pledgewatch.capture.agreement_file import ProjectStatus
from pledgewatch.errors import ConfigurationError, NotFoundError
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models
from pledgewatch.store.evidence import project_milestones
from pledgewatch.store.evidence_models import ProjectMilestone

PROJECT_SELECTION_EVENT = "project-selection"


@dataclass(frozen=True)
class MilestoneOutcome:
    """The milestone recorded (or found already recorded) and the event occurrence it made."""

    milestone: ProjectMilestone
    created: bool
    occurrence: models.EventOccurrence | None


@dataclass(frozen=True)
class NewProject:
    """Name and sector of a project the agreement file does not list (first seen in the news)."""

    name_en: str
    name_ja: str
    sector: str


def record_milestone(
    session: Session,
    *,
    agreement_id: str,
    project: str,
    status: str,
    on: date,
    recorded_by: str,
    reason: str,
    amount_usd: Decimal | None = None,
    new_project: NewProject | None = None,
    evidence: Sequence[dict[str, Any]] = (),
) -> MilestoneOutcome:
    """Append a project's step; the same step on the same day is recorded once.

    A project not in the agreement file needs ``new_project`` the first time it is named.
    """
    try:
        step = ProjectStatus(status)
    except ValueError:
        allowed = ", ".join(s.value for s in ProjectStatus)
        raise ConfigurationError(
            f"project status must be one of {allowed}, not {status!r}",
            ja=f"案件の状況は {allowed} のいずれかで指定してください（{status!r} は使えません）",
        ) from None
    if not reason.strip():
        raise ConfigurationError(
            "a project milestone needs a reason", ja="案件の進捗記録には理由が必要です"
        )
    agreement = agreement_store.get_agreement(session, agreement_id)
    earlier = project_milestones(session, agreement_id=agreement.id, project_codes=[project])
    known = {p.code for p in agreement_store.projects(session, agreement.id)}
    if new_project is not None:
        if project in known:
            raise ConfigurationError(
                f"project {project!r} is in the agreement file; omit its name",
                ja=f"案件 {project!r} は合意ファイルに記載されています。名前は指定しないでください",
            )
        if new_project.sector not in agreement_store.concepts(session):
            raise NotFoundError(
                "sector",
                new_project.sector,
                "see the thesaurus concepts",
                hint_ja="シソーラスの概念を確認してください",
            )
    elif project not in known and not any(m.name_en for m in earlier):
        raise NotFoundError(
            "project",
            project,
            "give its name and sector to record a project the agreement file does not list",
            hint_ja="合意ファイルにない案件を記録するには、名前と分野を指定してください",
        )
    for milestone in earlier:
        if milestone.status == step.value and milestone.happened_on == on:
            occurrence = _selection_occurrence(session, agreement.id, milestone)
            return MilestoneOutcome(milestone, created=False, occurrence=occurrence)
    milestone = ProjectMilestone(
        agreement_id=agreement.id,
        project_code=project,
        status=step.value,
        happened_on=on,
        amount_usd=amount_usd,
        name_en=new_project.name_en if new_project else None,
        name_ja=new_project.name_ja if new_project else None,
        sector_id=new_project.sector if new_project else None,
        recorded_at=datetime.now(UTC),
        recorded_by=recorded_by,
        reason=reason,
        evidence=list(evidence),
    )
    session.add(milestone)
    session.flush()
    occurrence = _selection_occurrence(session, agreement.id, milestone)
    return MilestoneOutcome(milestone, created=True, occurrence=occurrence)


def sync_selection_events(session: Session, *, agreement_id: str) -> int:
    """Record the selection event for every 'selected' milestone that lacks it; how many added.

    A reload keeps recorded occurrences, but a database reloaded before it did (or an event
    added to the file later) may lack some; this restores what the milestones imply.
    """
    added = 0
    for milestone in project_milestones(session, agreement_id=agreement_id):
        before = _has_occurrence(session, agreement_id, milestone)
        if _selection_occurrence(session, agreement_id, milestone) is not None and not before:
            added += 1
    return added


def _selection_occurrence(
    session: Session, agreement_id: str, milestone: ProjectMilestone
) -> models.EventOccurrence | None:
    if milestone.status != ProjectStatus.SELECTED.value:
        return None
    event = agreement_store.condition_events(session, agreement_id).get(PROJECT_SELECTION_EVENT)
    if event is None:
        return None
    for occurrence in event.occurrences:
        if (
            occurrence.date == milestone.happened_on
            and occurrence.subject == milestone.project_code
        ):
            return occurrence
    return record_occurrence(
        session,
        agreement_id=agreement_id,
        event_key=PROJECT_SELECTION_EVENT,
        on=milestone.happened_on,
        subject=milestone.project_code,
        recorded_by=milestone.recorded_by,
        note_en=f"Project {milestone.project_code} selected (milestone #{milestone.id})",
        note_ja=f"案件 {milestone.project_code} の選定（記録#{milestone.id}）",
    )


def _has_occurrence(session: Session, agreement_id: str, milestone: ProjectMilestone) -> bool:
    return (
        session.scalars(
            select(models.EventOccurrence)
            .join(models.ConditionEvent)
            .where(models.ConditionEvent.agreement_id == agreement_id)
            .where(models.ConditionEvent.key == PROJECT_SELECTION_EVENT)
            .where(models.EventOccurrence.date == milestone.happened_on)
            .where(models.EventOccurrence.subject == milestone.project_code)
        ).first()
        is not None
    )
