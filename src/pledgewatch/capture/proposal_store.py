"""Save an extraction's proposed commitments for review (`pledgewatch extract --save`).

The run keeps the extracted text itself, so the proposals' spans stay checkable. The run
belongs to one document of an agreement: the one named, else the one the text is recognised
as (by URL, content or title, as `pledgewatch anchor` does), else a new document made from the
text. A document that holds no text in the run's language gets the extracted text, so that an
accepted proposal's span can point into the document itself.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from pledgewatch.capture.alignment import skeleton
from pledgewatch.capture.anchor import IDENTIFY_THRESHOLD, identify_document, rank_documents
from pledgewatch.capture.proposals import ExtractionResult, ProposedCommitment
from pledgewatch.capture.review import snapshot
from pledgewatch.errors import ConfigurationError
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models
from pledgewatch.store import proposals as proposal_store
from pledgewatch.store.proposal_models import (
    ExtractionRun,
    Proposal,
    ProposalState,
    ReviewDecision,
)

_KEY = re.compile(r"[A-Za-z0-9._-]+")
_TITLE_LENGTH = 200


def save_extraction(
    session: Session,
    *,
    result: ExtractionResult,
    agreement_id: str,
    document_key: str | None,
    source: str,
    saved_by: str,
) -> int:
    """Store ``result``'s proposals under a document of the agreement; returns the run's id."""
    if result.language not in ("ja", "en"):
        raise ConfigurationError(
            f"the extracted text's language is {result.language!r}; pass --lang ja or --lang en",
            ja=f"抽出したテキストの言語が {result.language!r} です。"
            "--lang ja か --lang en を指定してください",
        )
    agreement = agreement_store.get_agreement(session, agreement_id)
    document = _document(session, agreement, result, document_key, source)
    _give_text(document, result, source, saved_by)
    now = datetime.now(UTC)
    run = ExtractionRun(
        agreement_id=agreement.id,
        document_key=document.key,
        source=source,
        language=result.language,
        document_date=result.document_date,
        text=result.text,
        text_hash=hashlib.sha256(result.text.encode("utf-8")).hexdigest(),
        saved_by=saved_by,
        saved_at=now,
    )
    session.add(run)
    session.flush()
    for position, proposed in enumerate(result.proposals):
        proposal = proposal_from(proposed, run_id=run.id, position=position)
        session.add(proposal)
        session.flush()
        session.add(
            ReviewDecision(
                proposal_id=proposal.id,
                action="save",
                decided_by=saved_by,
                decided_at=now,
                reason=f"proposed by pledgewatch extract from {source}",
                changes={"run": run.id},
            )
        )
    session.flush()
    return run.id


def proposal_from(proposed: ProposedCommitment, *, run_id: int, position: int) -> Proposal:
    """A stored proposal with the extractor's fields, keeping them as the original too."""
    deadline = proposed.deadline
    proposal = Proposal(
        run_id=run_id,
        position=position,
        state=ProposalState.PROPOSED.value,
        language=proposed.language,
        text=proposed.text,
        translation=None,
        span_start=proposed.span[0],
        span_end=proposed.span[1],
        section=proposed.section,
        parties=list(proposed.parties),
        deadline_basis=deadline.basis if deadline else None,
        deadline_date=deadline.date if deadline else None,
        deadline_precision=deadline.precision if deadline else None,
        deadline_event=deadline.event if deadline else None,
        deadline_rule=deadline.rule if deadline else None,
        money=[
            {"amount": str(m.amount), "currency": m.currency, "text": m.text}
            for m in proposed.money
        ],
        strength=proposed.strength,
        sectors=list(proposed.sectors),
        grey_zone=proposed.grey_zone,
        derived_from=[],
        commitment_code=None,
    )
    proposal.original = snapshot(proposal)
    return proposal


def _document(
    session: Session,
    agreement: models.Agreement,
    result: ExtractionResult,
    key: str | None,
    source: str,
) -> models.Document:
    """The named document, else the one the text is, else a new one made from the text."""
    if key is not None:
        if not _KEY.fullmatch(key):
            raise ConfigurationError(
                f"document key {key!r} may hold only letters, digits, '.', '_' and '-'",
                ja=f"文書のキー {key!r} に使えるのは英字、数字、'.'、'_'、'-' だけです",
            )
        found = proposal_store.find_document(session, agreement.id, key)
        return found if found is not None else _new_document(session, agreement, result, key)
    url = source if urlsplit(source).scheme in ("http", "https") else None
    text = skeleton(result.text)
    ranked = rank_documents(agreement, text, result.language, url=url)
    if not ranked or ranked[0].score < IDENTIFY_THRESHOLD:
        return _new_document(session, agreement, result, _key_from(session, agreement, source))
    choice = identify_document(agreement, text, result.language, url=url, source=source)
    return proposal_store.get_document(session, agreement.id, choice.key)


def _key_from(session: Session, agreement: models.Agreement, source: str) -> str:
    """A new document key from the file or URL name: 'g7-communique' from g7-communique.pdf."""
    parts = urlsplit(source)
    name = PurePosixPath(parts.path).name if parts.scheme else PurePosixPath(source).name
    stem = name.split(".")[0] if name else parts.netloc
    base = "-".join(_KEY.findall(stem.lower()))[:60].strip("-.") or "document"
    key, number = base, 2
    while proposal_store.find_document(session, agreement.id, key) is not None:
        key, number = f"{base}-{number}", number + 1
    return key


def _new_document(
    session: Session, agreement: models.Agreement, result: ExtractionResult, key: str
) -> models.Document:
    title = next((line.strip() for line in result.text.splitlines() if line.strip()), key)
    title = title[:_TITLE_LENGTH]
    document = models.Document(
        agreement_id=agreement.id,
        position=proposal_store.next_document_position(session, agreement.id),
        key=key,
        title_en=title if result.language == "en" else "",
        title_ja=title if result.language == "ja" else "",
        role="joint",
        issuer_en="",
        issuer_ja="",
        date=result.document_date or agreement.date,
        published_by=None,
    )
    session.add(document)
    session.flush()
    return document


def _give_text(
    document: models.Document, result: ExtractionResult, source: str, saved_by: str
) -> None:
    """A document without text in the run's language takes the extracted text as its own."""
    held = next((t for t in document.texts if t.language == result.language), None)
    if held is not None and held.body is not None:
        return
    day = datetime.now(UTC).date().isoformat()
    note_en = (
        f"Extracted from {source} on {day} by pledgewatch extract (saved by {saved_by}); "
        "not checked against the official text."
    )
    note_ja = (
        f"{day}にpledgewatch extractが{source}から抽出（保存者: {saved_by}）。"
        "公式テキストとの照合は未了。"
    )
    url = source if urlsplit(source).scheme in ("http", "https") else None
    if held is None:
        document.texts.append(
            models.DocumentText(
                language=result.language,
                url=url,
                completeness="partial",
                completeness_note_en=note_en,
                completeness_note_ja=note_ja,
                body=result.text,
            )
        )
    else:
        held.body = result.text
        held.completeness = "partial"
        held.completeness_note_en = f"{held.completeness_note_en} {note_en}".strip()
        held.completeness_note_ja = f"{held.completeness_note_ja}{note_ja}".strip()
        held.url = held.url or url
