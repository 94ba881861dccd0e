"""Review proposed commitments: accept, reject, edit, merge or split them, each decision logged.

A person decides; these functions record. Only a proposal still 'proposed' can be decided on.
Accepting one makes a commitment of the agreement (with its deadline, parties, sectors and
source span) whose status history starts as 'not started', recorded by the reviewer. A merge
or a split makes new proposals and retires the old ones, so nothing is overwritten and the log
tells how each commitment came about. The caller owns the transaction (unit_of_work).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pledgewatch.capture.acceptance import deadline_row, place
from pledgewatch.capture.alignment import skeleton
from pledgewatch.capture.reshaping import (
    belongs,
    join_texts,
    lead_in,
    span_cut,
    union,
    union_money,
)
from pledgewatch.errors import ConfigurationError, ConflictError
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models
from pledgewatch.store import proposals as proposal_store
from pledgewatch.store.proposal_models import ExtractionRun, Proposal, ProposalState, ReviewDecision
from pledgewatch.text.temporal import resolve_deadline

STRENGTHS = ("binding", "intent", "aspiration")
# A reviewed proposal's state, as a Japanese reader is told it (brief/labels.py has the same words).
_STATES_JA = {
    "accepted": "採用済み",
    "rejected": "不採用",
    "merged": "統合済み",
    "split": "分割済み",
}
DEFAULT_PREFIX = "X"
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


@dataclass(frozen=True)
class ProposalEdit:
    """Fields to change on a proposal before it is accepted; None leaves a field as it is.

    ``deadline`` is an expression ('within 180 days', 令和8年度中), resolved against the
    document date; an empty string removes the deadline. ``deadline_event`` names the event
    the period counts from, when it is not the document's date; an empty string clears it.
    """

    text: str | None = None
    translation: str | None = None
    parties: Sequence[str] | None = None
    deadline: str | None = None
    deadline_event: str | None = None
    strength: str | None = None
    sectors: Sequence[str] | None = None
    section: str | None = None


def reject(session: Session, proposal_id: int, *, decided_by: str, reason: str) -> Proposal:
    """Reject a proposal as not a commitment; the reason is required."""
    proposal = _pending(session, proposal_id)
    if not reason.strip():
        raise ConfigurationError(
            "a rejection needs a reason (say why it is not a commitment)",
            ja="不採用には理由が必要です（コミットメントではない理由を書いてください）",
        )
    proposal.state = ProposalState.REJECTED.value
    _log(session, proposal, "reject", decided_by, reason, {})
    return proposal


def edit(
    session: Session, proposal_id: int, change: ProposalEdit, *, decided_by: str, reason: str = ""
) -> Proposal:
    """Change a proposal's fields; the log keeps the old and the new value of each one changed."""
    proposal = _pending(session, proposal_id)
    run = proposal.run
    agreement = agreement_store.get_agreement(session, run.agreement_id)
    changes: dict[str, Any] = {}

    def put(field: str, value: Any) -> None:
        old = getattr(proposal, field)
        if old != value:
            changes[field] = {"old": old, "new": value}
            setattr(proposal, field, value)

    if change.text is not None:
        if not change.text.strip():
            raise ConfigurationError(
                "the text of a proposal cannot be empty", ja="提案の本文は空にできません"
            )
        put("text", change.text.strip())
    if change.translation is not None:
        put("translation", change.translation.strip() or None)
    if change.parties is not None:
        put("parties", party_codes(agreement, change.parties))
    if change.strength is not None:
        put("strength", _strength(change.strength))
    if change.sectors is not None:
        put("sectors", known_sectors(session, change.sectors))
    if change.section is not None:
        put("section", change.section.strip() or None)
    if change.deadline is not None or change.deadline_event is not None:
        for field, value in _deadline_fields(session, proposal, change).items():
            put(field, value)
    if changes:
        _log(session, proposal, "edit", decided_by, reason, changes)
    return proposal


def accept(
    session: Session,
    proposal_id: int,
    *,
    decided_by: str,
    code: str | None = None,
    prefix: str = DEFAULT_PREFIX,
    reason: str = "",
) -> models.Commitment:
    """Make a commitment of the proposal, with the first entry of its status history."""
    proposal = _pending(session, proposal_id)
    run = proposal.run
    agreement = agreement_store.get_agreement(session, run.agreement_id)
    document = proposal_store.get_document(session, agreement.id, run.document_key)
    code = _code(session, agreement.id, code, prefix)
    parties = party_codes(agreement, proposal.parties)
    sectors = known_sectors(session, proposal.sectors)
    strength = _strength(proposal.strength)
    text, span, note = place(document, run, proposal)
    own = proposal.text
    other = proposal.translation or ""
    # The extractor words its grey-zone reasons in English (quoting 確認した and the like).
    grey_language = "en" if re.search(r"[A-Za-z]", proposal.grey_zone or "") else "ja"
    money = "; ".join(f"{m['text']} ({m['currency']} {m['amount']})" for m in proposal.money)
    source = f"proposal {proposal.id}, extracted from {run.source}"
    commitment = models.Commitment(
        agreement_id=agreement.id,
        position=proposal_store.next_commitment_position(session, agreement.id),
        code=code,
        statement_en=own if proposal.language == "en" else other,
        statement_ja=own if proposal.language == "ja" else other,
        strength=strength,
        document=document,
        section=proposal.section,
        text=text,
        span_start=span[0] if span else None,
        span_end=span[1] if span else None,
        span_note_en=note[0] if note else None,
        span_note_ja=note[1] if note else None,
        responsible_bodies=[],
        actors=[],
        conditions=[],
        grey_zone_en=proposal.grey_zone if grey_language != "ja" else None,
        grey_zone_ja=proposal.grey_zone if grey_language == "ja" else None,
        note_en=f"Accepted from {source}." + (f" Amounts: {money}." if money else ""),
        note_ja=f"提案{proposal.id}（{run.source}から抽出）を採用。"
        + (f"金額: {money}。" if money else ""),
        deadline=deadline_row(proposal, document, run) if proposal.deadline_basis else None,
        parties=[models.CommitmentParty(party_code=party) for party in parties],
        sectors=[
            models.CommitmentConcept(concept_id=sector, position=position)
            for position, sector in enumerate(sectors)
        ],
    )
    session.add(commitment)
    session.flush()
    session.add(
        models.StatusChange(
            agreement_id=agreement.id,
            commitment_code=code,
            party=None,
            status=models.Status.NOT_STARTED.value,
            recorded_at=datetime.now(UTC),
            recorded_by=decided_by,
            reason=f"accepted from proposal {proposal.id}",
            evidence=[],
        )
    )
    proposal.state = ProposalState.ACCEPTED.value
    proposal.commitment_code = code
    _log(session, proposal, "accept", decided_by, reason, {"commitment": code})
    return commitment


def merge(
    session: Session, proposal_ids: Sequence[int], *, decided_by: str, reason: str = ""
) -> Proposal:
    """Join two or more proposals of one extraction into one: the union of their spans."""
    if len(set(proposal_ids)) < 2:
        raise ConfigurationError(
            "a merge needs at least two different proposals",
            ja="統合には異なる提案が2件以上必要です",
        )
    parts = sorted(
        (_pending(session, i) for i in dict.fromkeys(proposal_ids)),
        key=lambda p: (p.span_start, p.position),
    )
    if len({p.run_id for p in parts}) > 1:
        raise ConflictError(
            "only proposals of the same extraction run can be merged: their spans point into "
            "different texts",
            ja="統合できるのは同じ抽出で作られた提案どうしだけです（位置が別々のテキストを指しています）",
        )
    language = parts[0].language
    dated = next((p for p in parts if p.deadline_basis), None)
    translations = [p.translation for p in parts if p.translation]
    merged = Proposal(
        run_id=parts[0].run_id,
        position=proposal_store.next_position(session, parts[0].run_id),
        state=ProposalState.PROPOSED.value,
        language=language,
        text=join_texts([p.text for p in parts], language),
        translation=" ".join(translations) if translations else None,
        span_start=min(p.span_start for p in parts),
        span_end=max(p.span_end for p in parts),
        section=next((p.section for p in parts if p.section), None),
        parties=union(p.parties for p in parts),
        deadline_basis=dated.deadline_basis if dated else None,
        deadline_date=dated.deadline_date if dated else None,
        deadline_precision=dated.deadline_precision if dated else None,
        deadline_event=dated.deadline_event if dated else None,
        deadline_rule=dated.deadline_rule if dated else None,
        money=union_money(p.money for p in parts),
        strength=min((p.strength for p in parts), key=_strength_rank),
        sectors=union(p.sectors for p in parts),
        grey_zone=next((p.grey_zone for p in parts if p.grey_zone), None),
        derived_from=[p.id for p in parts],
        commitment_code=None,
    )
    merged.original = snapshot(merged)
    session.add(merged)
    session.flush()
    ids = [p.id for p in parts]
    for part in parts:
        part.state = ProposalState.MERGED.value
        _log(session, part, "merge", decided_by, reason, {"into": merged.id, "with": ids})
    _log(session, merged, "create", decided_by, reason, {"merged_from": ids})
    return merged


def split(
    session: Session,
    proposal_id: int,
    *,
    decided_by: str,
    at: int | None = None,
    separator: str | None = None,
    carry: str | None = None,
    reason: str = "",
) -> tuple[Proposal, Proposal]:
    """Cut a proposal in two at a character offset of its text or at a separator.

    A separator is looked for after the lead-in first, so '、' or ',' inside the lead-in is not
    taken for the cut; it is left out of both halves.

    The second half carries the lead-in (``carry`` if given, else the text before the span's
    own words, else the text up to the last colon before the cut), so each half reads as a
    whole commitment.
    """
    proposal = _pending(session, proposal_id)
    text = proposal.text
    if (at is None) == (separator is None):
        raise ConfigurationError(
            "say where to split: a character offset or a separator",
            ja="分割位置を、文字位置か区切りの語句で指定してください",
        )
    if separator is not None:
        passage = proposal.run.text[proposal.span_start : proposal.span_end]
        after_lead = len(lead_in(text, passage, len(text)))
        cut = text.find(separator, after_lead) if separator else -1
        if cut < 0:
            cut = text.find(separator) if separator else -1
        if cut < 0:
            raise ConfigurationError(
                f"the separator {separator!r} is not in the proposal's text",
                ja=f"区切りの語句 {separator!r} が提案の本文にありません",
            )
        resume = cut + len(separator)
    else:
        if at is None or not 0 < at < len(text):
            raise ConfigurationError(
                f"the cut must lie inside the text (1 to {len(text) - 1})",
                ja=f"分割位置は本文の内側（1〜{len(text) - 1}）で指定してください",
            )
        cut = resume = at
    passage = proposal.run.text[proposal.span_start : proposal.span_end]
    lead = carry if carry is not None else lead_in(text, passage, cut)
    first, rest = text[:cut].strip(), text[resume:].strip()
    if not first or not rest:
        raise ConfigurationError(
            "both halves of a split must keep some text",
            ja="分割後の前半と後半のどちらにも本文が残るようにしてください",
        )
    glue = "" if proposal.language == "ja" or not lead or lead[-1].isspace() else " "
    second = f"{lead}{glue}{rest}" if lead and not rest.startswith(lead) else rest
    cut_at = span_cut(proposal.run.text, proposal.span_start, proposal.span_end, rest)
    halves = []
    for part, (text_, span) in enumerate(
        [
            (first, (proposal.span_start, cut_at[0]) if cut_at else None),
            (second, (cut_at[1], proposal.span_end) if cut_at else None),
        ],
        start=1,
    ):
        halves.append(_half(session, proposal, text_, span, part))
    proposal.state = ProposalState.SPLIT.value
    ids = [half.id for half in halves]
    _log(session, proposal, "split", decided_by, reason, {"into": ids, "at": cut, "lead_in": lead})
    for part, half in enumerate(halves, start=1):
        _log(session, half, "create", decided_by, reason, {"split_from": proposal.id, "part": part})
    return halves[0], halves[1]


# --- validation --------------------------------------------------------------------------------


def party_codes(agreement: models.Agreement, names: Sequence[str]) -> list[str]:
    """Party codes for codes or names ('JP', 'Japan', '日本'); all parties for none or 'all'."""
    if not names:
        return [party.code for party in agreement.parties]
    codes: list[str] = []
    for name in names:
        if name.strip().lower() in ("all", "*"):
            codes.extend(p.code for p in agreement.parties if p.code not in codes)
            continue
        wanted = skeleton(name).chars
        found = next(
            (
                party.code
                for party in agreement.parties
                if wanted
                and (
                    wanted == skeleton(party.code).chars
                    or wanted in skeleton(party.name_en).chars
                    or wanted in skeleton(party.name_ja).chars
                )
            ),
            None,
        )
        if found is None:
            known = ", ".join(f"{p.code} ({p.name_en})" for p in agreement.parties)
            raise ConfigurationError(
                f"{name!r} is not a party of {agreement.id} ({known}); edit the proposal's parties",
                ja=f"{name!r} は {agreement.id} の当事者ではありません（{known}）。"
                "提案の当事者を編集してください",
            )
        if found not in codes:
            codes.append(found)
    return codes


def known_sectors(session: Session, sectors: Sequence[str]) -> list[str]:
    """The sectors, checked against the thesaurus."""
    wanted = [s.strip() for s in sectors if s.strip()]
    known = set(session.scalars(select(models.Concept.id).where(models.Concept.id.in_(wanted))))
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise ConfigurationError(
            f"no concept {', '.join(map(repr, unknown))} in the thesaurus; "
            "see src/pledgewatch/data/thesaurus.yaml for the ids",
            ja=f"概念 {', '.join(map(repr, unknown))} はシソーラスにありません。"
            "ID は src/pledgewatch/data/thesaurus.yaml で確認してください",
        )
    return list(dict.fromkeys(wanted))


def _strength(value: str) -> str:
    if value not in STRENGTHS:
        raise ConfigurationError(
            f"strength must be one of {', '.join(STRENGTHS)}, not {value!r}",
            ja=f"拘束の強さは {', '.join(STRENGTHS)} のいずれかで指定してください"
            f"（{value!r} は使えません）",
        )
    return value


def _strength_rank(value: str) -> int:
    return STRENGTHS.index(value) if value in STRENGTHS else len(STRENGTHS)


def _code(session: Session, agreement_id: str, code: str | None, prefix: str) -> str:
    if code is None:
        if not _CODE.fullmatch(prefix):
            raise ConfigurationError(
                f"the code prefix {prefix!r} must be letters and digits",
                ja=f"ID の接頭辞 {prefix!r} には英字と数字だけを使ってください",
            )
        return proposal_store.next_free_code(session, agreement_id, prefix)
    if not _CODE.fullmatch(code):
        raise ConfigurationError(
            f"commitment code {code!r} must start with a letter or digit and hold only letters, "
            "digits, '.', '_' and '-' (at most 80)",
            ja=f"コミットメントID {code!r} は英字か数字で始め、英字、数字、'.'、'_'、'-' だけで"
            "書いてください（80文字まで）",
        )
    if code in proposal_store.commitment_codes(session, agreement_id):
        raise ConflictError(
            f"{agreement_id} already has (or had) a commitment {code}; choose another code",
            ja=f"{agreement_id} にはコミットメント {code} がすでにあります"
            "（または以前ありました）。別の ID を指定してください",
        )
    return code


def _pending(session: Session, proposal_id: int) -> Proposal:
    proposal = proposal_store.get_proposal(session, proposal_id)
    if proposal.state != ProposalState.PROPOSED.value:
        outcome = f" as {proposal.commitment_code}" if proposal.commitment_code else ""
        outcome_ja = f"（{proposal.commitment_code}）" if proposal.commitment_code else ""
        state_ja = _STATES_JA.get(proposal.state, proposal.state)
        raise ConflictError(
            f"proposal {proposal_id} is already {proposal.state}{outcome}; "
            "only proposed ones can be reviewed",
            ja=f"提案 {proposal_id} はすでに{state_ja}です{outcome_ja}。"
            "審査できるのは未審査の提案だけです",
        )
    return proposal


def _log(
    session: Session,
    proposal: Proposal,
    action: str,
    decided_by: str,
    reason: str,
    changes: dict[str, Any],
) -> None:
    if not decided_by.strip():
        raise ConfigurationError(
            "a review decision needs the reviewer's name", ja="審査の記録には審査者の名前が必要です"
        )
    session.add(
        ReviewDecision(
            proposal_id=proposal.id,
            action=action,
            decided_by=decided_by,
            decided_at=datetime.now(UTC),
            reason=reason,
            changes=_json_ready(changes),
        )
    )
    session.flush()


def _json_ready(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(item) for item in value]
    return value


def snapshot(proposal: Proposal) -> dict[str, Any]:
    """A proposal's reviewable fields as JSON, as `original` keeps them."""
    fields: dict[str, Any] = _json_ready(
        {
            "text": proposal.text,
            "span": {"start": proposal.span_start, "end": proposal.span_end},
            "section": proposal.section,
            "parties": list(proposal.parties),
            "deadline": None
            if proposal.deadline_basis is None
            else {
                "date": proposal.deadline_date,
                "precision": proposal.deadline_precision,
                "basis": proposal.deadline_basis,
                "event": proposal.deadline_event,
                "rule": proposal.deadline_rule,
            },
            "money": list(proposal.money),
            "strength": proposal.strength,
            "sectors": list(proposal.sectors),
            "grey_zone": proposal.grey_zone,
            "language": proposal.language,
        }
    )
    return fields


# --- deadlines ------------------------------------------------------------------------------------


def reference_date(session: Session, run: ExtractionRun) -> date:
    """What a proposal's relative deadline counts from: the document's date."""
    if run.document_date is not None:
        return run.document_date
    document = proposal_store.find_document(session, run.agreement_id, run.document_key)
    if document is not None:
        return document.date
    return agreement_store.get_agreement(session, run.agreement_id).date


def _deadline_fields(session: Session, proposal: Proposal, change: ProposalEdit) -> dict[str, Any]:
    expression = proposal.deadline_basis if change.deadline is None else change.deadline.strip()
    event = proposal.deadline_event if change.deadline_event is None else change.deadline_event
    event = (event or "").strip() or None
    if not expression:
        if event:
            raise ConfigurationError(
                "a deadline event needs a deadline expression",
                ja="期限の起点となる事象を指定するには、期限の表現も必要です",
            )
        return dict.fromkeys(
            ("deadline_basis", "deadline_date", "deadline_precision", "deadline_event",
             "deadline_rule"),
        )  # fmt: skip
    reference = reference_date(session, proposal.run)
    resolved = resolve_deadline(expression, reference=reference)
    if event:
        return {
            "deadline_basis": expression,
            "deadline_date": None,
            "deadline_precision": resolved.precision.value,
            "deadline_event": event,
            "deadline_rule": f"counted from '{event}' once it happens",
        }
    return {
        "deadline_basis": expression,
        "deadline_date": resolved.date,
        "deadline_precision": resolved.precision.value,
        "deadline_event": None,
        "deadline_rule": resolved.rule,
    }


# --- merging and splitting ---------------------------------------------------------------------


def _half(
    session: Session,
    parent: Proposal,
    text: str,
    span: tuple[int, int] | None,
    part: int,
) -> Proposal:
    basis = parent.deadline_basis
    dated = basis is not None and belongs(basis, text, parent.text)
    start, end = span if span is not None else (parent.span_start, parent.span_end)
    half = Proposal(
        run_id=parent.run_id,
        position=proposal_store.next_position(session, parent.run_id),
        state=ProposalState.PROPOSED.value,
        language=parent.language,
        text=text,
        translation=None,
        span_start=start,
        span_end=end,
        section=parent.section,
        parties=list(parent.parties),
        deadline_basis=basis if dated else None,
        deadline_date=parent.deadline_date if dated else None,
        deadline_precision=parent.deadline_precision if dated else None,
        deadline_event=parent.deadline_event if dated else None,
        deadline_rule=parent.deadline_rule if dated else None,
        money=[m for m in parent.money if belongs(str(m.get("text", "")), text, parent.text)],
        strength=parent.strength,
        sectors=list(parent.sectors),
        grey_zone=parent.grey_zone,
        derived_from=[parent.id],
        commitment_code=None,
    )
    half.original = snapshot(half) | {"part": part}
    session.add(half)
    session.flush()
    return half
