"""What an accepted proposal becomes: its deadline row and its place in the document's text.

A proposal's span points into the text it was extracted from; the commitment should point
into the document's own stored text, which may have been typed differently. The passage is
looked for there (as `pledgewatch anchor` does), and where it is not found the commitment
says, in its span note, where the words are instead.
"""

from __future__ import annotations

import re
from typing import Any

from pledgewatch.capture.alignment import FUZZY_THRESHOLD, Method, locate, skeleton
from pledgewatch.errors import ConfigurationError, TemporalExpressionError
from pledgewatch.store import models
from pledgewatch.store.proposal_models import ExtractionRun, Proposal
from pledgewatch.text.temporal import resolve_deadline


def deadline_row(
    proposal: Proposal, document: models.Document, run: ExtractionRun
) -> models.Deadline:
    """The commitment's deadline: dated from the document, or waiting for its event."""
    basis = proposal.deadline_basis or ""
    written_in: dict[str, Any] = {"document": document.key, "language": proposal.language}
    if proposal.section:
        written_in["section"] = proposal.section
    if skeleton(basis).chars in skeleton(proposal.text).chars:
        written_in["quote"] = basis
    else:
        written_in["span_note"] = {
            "en": f"Set in review of proposal {proposal.id}; these words are not in the text.",
            "ja": f"提案{proposal.id}の審査で設定した期限で、本文中の語句ではない。",
        }
    if proposal.deadline_event:
        return models.Deadline(
            expression=basis,
            anchor=f"event:{_slug(proposal.deadline_event)}",
            anchor_date=None,
            due=None,
            precision=None,
            rule=proposal.deadline_rule,
            written_in=written_in,
            soft=False,
            note_en=f"Counted from: {proposal.deadline_event}",
            note_ja=f"起点: {proposal.deadline_event}",
        )
    reference = run.document_date or document.date
    due, precision, rule = (
        proposal.deadline_date,
        proposal.deadline_precision,
        proposal.deadline_rule,
    )
    if due is None:
        try:
            resolved = resolve_deadline(basis, reference=reference)
        except TemporalExpressionError as exc:
            raise ConfigurationError(
                f"proposal {proposal.id}: {exc}; edit its deadline (or remove it) first",
                ja=f"提案 {proposal.id}：{exc.ja}。先に期限を編集（または削除）してください",
            ) from exc
        due, precision, rule = resolved.date, resolved.precision.value, resolved.rule
    return models.Deadline(
        expression=basis,
        anchor=f"document:{document.key}",
        anchor_date=reference,
        due=due,
        precision=precision,
        rule=rule,
        written_in=written_in,
        soft=False,
    )


def _slug(text: str) -> str:
    words = re.findall(r"\w+", text.lower())
    return "-".join(words)[:100] or "event"


def place(
    document: models.Document, run: ExtractionRun, proposal: Proposal
) -> tuple[models.DocumentText | None, tuple[int, int] | None, tuple[str, str] | None]:
    """The document text and span the commitment points to, or a note (en, ja) saying where."""
    held = next((t for t in document.texts if t.language == proposal.language), None)
    start, end = proposal.span_start, proposal.span_end
    if held is not None and held.body is not None:
        if held.body == run.text:
            return held, (start, end), None
        found = locate(run.text[start:end], skeleton(held.body))
        if found is not None and (found.method is Method.EXACT or found.score >= FUZZY_THRESHOLD):
            return held, (found.start, found.end), None
    return (
        None,
        None,
        (
            f"The passage is at characters {start}-{end} of the text extracted from "
            f"{run.source} (extraction run {run.id}); the stored {proposal.language} text of "
            f"{document.key} does not contain it.",
            f"該当箇所は{run.source}から抽出したテキスト（抽出{run.id}）の{start}〜{end}文字目にあり、"
            f"保存済みの{document.key}の{proposal.language}テキストには含まれない。",
        ),
    )
