"""The status of commitments: the latest entry of each one's append-only history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pledgewatch.errors import ConfigurationError
from pledgewatch.store import models


@dataclass(frozen=True)
class StatusKey:
    """Identifies one commitment of one agreement."""

    agreement_id: str
    commitment_code: str


def current_statuses(
    session: Session, *, agreement_id: str | None = None
) -> dict[StatusKey, models.StatusChange]:
    """The latest whole-commitment status entry of every commitment (of one agreement)."""
    latest = (
        select(func.max(models.StatusChange.id))
        .where(models.StatusChange.party.is_(None))
        .group_by(models.StatusChange.agreement_id, models.StatusChange.commitment_code)
    )
    if agreement_id is not None:
        latest = latest.where(models.StatusChange.agreement_id == agreement_id)
    rows = session.scalars(select(models.StatusChange).where(models.StatusChange.id.in_(latest)))
    return {StatusKey(row.agreement_id, row.commitment_code): row for row in rows}


def record_status(
    session: Session,
    commitment: models.Commitment,
    *,
    status: models.Status,
    recorded_by: str,
    reason: str,
    party: str | None = None,
    evidence: Sequence[dict[str, Any]] = (),
) -> models.StatusChange:
    """Append a status change; the reason and the evidence snapshot are required for review."""
    if not reason.strip():
        raise ConfigurationError(
            "a status change needs a reason", ja="状況の変更には理由が必要です"
        )
    if party is not None and party not in commitment.party_codes:
        raise ConfigurationError(
            f"{commitment.code} binds {', '.join(commitment.party_codes)}, not {party}",
            ja=f"{commitment.code} の当事者は {', '.join(commitment.party_codes)} です"
            f"（{party} ではありません）",
        )
    change = models.StatusChange(
        agreement_id=commitment.agreement_id,
        commitment_code=commitment.code,
        party=party,
        status=status.value,
        recorded_at=datetime.now(UTC),
        recorded_by=recorded_by,
        reason=reason,
        evidence=list(evidence),
    )
    session.add(change)
    session.flush()
    return change
