"""Load an agreement file (and the thesaurus) into the database, all or nothing.

Loading happens in two phases. First the file is read and checked completely: its fields, its
cross-references, its text files, every quoted span and every deadline expression. Only when
nothing is wrong is anything written, in one transaction, so a bad file never leaves half an
agreement behind and never disturbs what is already stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pledgewatch.capture import agreement_file as spec
from pledgewatch.capture.agreement_check import CheckedAgreement, check_agreement, validate_file
from pledgewatch.capture.yaml_source import read_yaml
from pledgewatch.errors import (
    AgreementFileError,
    ConflictError,
)
from pledgewatch.store import models
from pledgewatch.store.db import unit_of_work
from pledgewatch.text.temporal import resolve_deadline

LOADER = "pledgewatch load"
# History reasons are written 'English — 日本語', the form assess.review.REASON_SEPARATOR
# names and the faces split by the reader's language (capture may not import assess).
REASON_SEPARATOR = " — "


@dataclass(frozen=True)
class LoadResult:
    """What a load did."""

    agreement_id: str
    outcome: Literal["created", "replaced", "unchanged"]
    commitments: int
    documents: int
    exact_spans: int


def load_thesaurus_file(engine: Engine, path: Path) -> int:
    """Store or update the concepts of a thesaurus file; returns how many it holds."""
    document = read_yaml(path)
    thesaurus = validate_file(document, spec.ThesaurusFile)
    ids = [concept.id for concept in thesaurus.concepts]
    problems = [
        document.problem(
            ("concepts", position, "id"),
            f"concept {concept_id!r} appears twice",
            f"概念 {concept_id!r} が2回出てきます",
        )
        for position, concept_id in enumerate(ids)
        if concept_id in ids[:position]
    ]
    problems += [
        document.problem(
            ("concepts", position, "broader"),
            f"no concept {concept.broader!r} in this file",
            f"このファイルに概念 {concept.broader!r} はありません",
        )
        for position, concept in enumerate(thesaurus.concepts)
        if concept.broader is not None and concept.broader not in ids
    ]
    problems += [
        document.problem(
            ("concepts", position, "in_field", language),
            f"{word!r} is listed both as a synonym and as an in-field word",
            f"{word!r} が同義語と分野内の語の両方にあります",
        )
        for position, concept in enumerate(thesaurus.concepts)
        for language in ("en", "ja")
        for word in getattr(concept.in_field, language)
        if word in getattr(concept.synonyms, language)
    ]
    if problems:
        raise AgreementFileError(path, problems)
    with unit_of_work(engine) as session:
        for concept in thesaurus.concepts:
            session.merge(
                models.Concept(
                    id=concept.id,
                    kind=concept.kind,
                    label_en=concept.label.en,
                    label_ja=concept.label.ja,
                    synonyms_en=list(concept.synonyms.en),
                    synonyms_ja=list(concept.synonyms.ja),
                    in_field_en=list(concept.in_field.en),
                    in_field_ja=list(concept.in_field.ja),
                    broader_id=concept.broader,
                )
            )
    return len(ids)


def load_agreement_file(engine: Engine, path: Path, *, replace: bool = False) -> LoadResult:
    """Check the agreement file at ``path`` and store it in one transaction.

    An agreement already stored is left alone when the file has not changed, and replaced only
    when ``replace`` is true; its status history, evidence, project milestones and the event
    occurrences recorded since are kept either way.
    """
    document = read_yaml(path)
    agreement = validate_file(document, spec.AgreementFile)
    with unit_of_work(engine) as session:
        known_concepts = set(session.scalars(select(models.Concept.id)))
        checked = check_agreement(document, agreement, known_concepts)
        existing = session.get(models.Agreement, agreement.id)
        if existing is not None and existing.content_hash == checked.content_hash:
            return _result(checked, "unchanged")
        if existing is not None and not replace:
            raise ConflictError(
                f"agreement {agreement.id!r} is already loaded (from {existing.source_file}) "
                "and this file differs; load it with --replace to update it "
                "(its status history is kept)",
                ja=f"合意 {agreement.id!r} は読み込み済みで（{existing.source_file} から）、"
                "このファイルとは内容が異なります。更新するには --replace を付けて"
                "読み込んでください（状況の履歴は保持されます）",
            )
        recorded: list[_KeptOccurrence] = []
        if existing is not None:
            _refuse_dropping_history(session, existing, checked)
            recorded = _recorded_occurrences(session, existing, checked)
            _clear(session, existing)
        row = existing or models.Agreement(id=agreement.id)
        if existing is None:
            session.add(row)
        _fill(session, row, checked, path)
        session.flush()
        _restore_occurrences(session, row, recorded)
        _record_initial_status(session, row, path)
        return _result(checked, "created" if existing is None else "replaced")


def _result(
    checked: CheckedAgreement, outcome: Literal["created", "replaced", "unchanged"]
) -> LoadResult:
    return LoadResult(
        agreement_id=checked.agreement.id,
        outcome=outcome,
        commitments=len(checked.agreement.commitments),
        documents=len(checked.agreement.documents),
        exact_spans=len(checked.spans),
    )


def _refuse_dropping_history(
    session: Session, existing: models.Agreement, checked: CheckedAgreement
) -> None:
    """A commitment that people have assessed cannot silently disappear from the file."""
    kept = {commitment.id for commitment in checked.agreement.commitments}
    assessed = session.scalars(
        select(models.StatusChange.commitment_code)
        .where(models.StatusChange.agreement_id == existing.id)
        .where(models.StatusChange.recorded_by != LOADER)
        .distinct()
    )
    dropped = sorted(code for code in assessed if code not in kept)
    if dropped:
        raise ConflictError(
            "the new file drops commitments that have a recorded assessment: "
            f"{', '.join(dropped)}; "
            "keep them in the file (a note can say they were withdrawn)",
            ja=f"新しいファイルには、評価が記録されたコミットメント（{', '.join(dropped)}）が"
            "ありません。ファイルに残してください（撤回されたことは注記に書けます）",
        )


@dataclass(frozen=True)
class _KeptOccurrence:
    """An event occurrence a person (or a milestone) recorded, kept across a replace."""

    event_key: str
    date: date
    subject: str | None
    note_en: str | None
    note_ja: str | None
    recorded_by: str
    recorded_at: datetime


def _recorded_occurrences(
    session: Session, existing: models.Agreement, checked: CheckedAgreement
) -> list[_KeptOccurrence]:
    """The occurrences recorded after loading, which the file does not hold; refuse losing them.

    Like the status history they are keyed by the agreement and the event's key, so they are
    put back on the reloaded event and the follow-on deadlines keep their dates.
    """
    kept = []
    for event in session.scalars(
        select(models.ConditionEvent).where(models.ConditionEvent.agreement_id == existing.id)
    ):
        for o in event.occurrences:
            if o.recorded_by != LOADER:
                kept.append(
                    _KeptOccurrence(
                        event.key,
                        o.date,
                        o.subject,
                        o.note_en,
                        o.note_ja,
                        o.recorded_by,
                        o.recorded_at,
                    )
                )
    events = {event.id for event in checked.agreement.events}
    dropped = sorted({o.event_key for o in kept if o.event_key not in events})
    if dropped:
        raise ConflictError(
            "the new file drops condition events that have recorded occurrences: "
            f"{', '.join(dropped)}; keep them in the file",
            ja=f"新しいファイルには、発生が記録された条件となる事象（{', '.join(dropped)}）が"
            "ありません。ファイルに残してください",
        )
    return kept


def _restore_occurrences(
    session: Session, row: models.Agreement, kept: list[_KeptOccurrence]
) -> None:
    """Put the recorded occurrences back, except those the file now lists itself."""
    events = {
        event.key: event
        for event in session.scalars(
            select(models.ConditionEvent).where(models.ConditionEvent.agreement_id == row.id)
        )
    }
    for o in kept:
        event = events[o.event_key]
        if any(had.date == o.date and had.subject == o.subject for had in event.occurrences):
            continue
        event.occurrences.append(
            models.EventOccurrence(
                date=o.date,
                subject=o.subject,
                note_en=o.note_en,
                note_ja=o.note_ja,
                recorded_by=o.recorded_by,
                recorded_at=o.recorded_at,
            )
        )
    session.flush()


def _clear(session: Session, row: models.Agreement) -> None:
    for model in (models.ProjectCensus, models.Project, models.WatchPoint, models.ConditionEvent):
        for child in session.scalars(select(model).where(model.agreement_id == row.id)):
            session.delete(child)
    row.commitments.clear()
    row.program.clear()
    row.parties.clear()
    session.flush()
    row.documents.clear()
    session.flush()


def _fill(session: Session, row: models.Agreement, checked: CheckedAgreement, path: Path) -> None:
    a = checked.agreement
    row.title_en, row.title_ja = a.title.en, a.title.ja
    row.date = a.date
    row.place_en, row.place_ja = a.place.en, a.place.ja
    row.timezone = a.timezone
    row.source_file = str(path)
    row.content_hash = checked.content_hash
    row.loaded_at = datetime.now(UTC)
    row.parties = [
        models.Party(position=i, code=p.code, name_en=p.name.en, name_ja=p.name.ja)
        for i, p in enumerate(a.parties)
    ]
    row.program = [
        models.ProgramEvent(
            position=i,
            title_en=e.title.en,
            title_ja=e.title.ja,
            start=e.start,
            minutes=e.minutes,
            source=e.source.model_dump(mode="json") if e.source else None,
        )
        for i, e in enumerate(a.program)
    ]
    documents: dict[str, models.Document] = {}
    texts: dict[tuple[str, str], models.DocumentText] = {}
    for i, d in enumerate(a.documents):
        doc_row = models.Document(
            position=i,
            key=d.id,
            title_en=d.title.en,
            title_ja=d.title.ja,
            role=d.role.value,
            issuer_en=d.issuer.en,
            issuer_ja=d.issuer.ja,
            date=d.date,
            published_by=d.published_by,
        )
        for t in d.texts:
            text_row = models.DocumentText(
                language=t.language,
                url=t.url,
                mirror=t.mirror,
                completeness=t.completeness.value,
                completeness_note_en=t.completeness_note.en,
                completeness_note_ja=t.completeness_note.ja,
                body=checked.texts.get((d.id, t.language)),
                sections=[
                    models.Section(
                        key=s.key, title_en=s.title.en, title_ja=s.title.ja, start=start, end=end
                    )
                    for s, start, end in checked.sections.get((d.id, t.language), [])
                ],
            )
            doc_row.texts.append(text_row)
            texts[(d.id, t.language)] = text_row
        documents[d.id] = doc_row
    row.documents = list(documents.values())
    session.flush()

    commitments: dict[str, models.Commitment] = {}
    for i, c in enumerate(a.commitments):
        span = checked.spans.get(c.id)
        quoted_text = (
            texts.get((c.source.document, c.source.language))
            if span and c.source.language
            else None
        )
        commitment = models.Commitment(
            position=i,
            code=c.id,
            statement_en=c.statement.en,
            statement_ja=c.statement.ja,
            strength=c.strength.value,
            document=documents[c.source.document],
            section=c.source.section,
            text=quoted_text,
            span_start=span[0] if span else None,
            span_end=span[1] if span else None,
            span_note_en=c.source.span_note.en if c.source.span_note else None,
            span_note_ja=c.source.span_note.ja if c.source.span_note else None,
            responsible_bodies=[b.model_dump(mode="json") for b in c.responsible_bodies],
            actors=[actor.model_dump(mode="json") for actor in c.actors],
            evidence_names_actor=c.evidence_names_actor,
            evidence_per_party=c.evidence_per_party,
            conditions=[condition.model_dump(mode="json") for condition in c.conditions],
            grey_zone_en=c.grey_zone.en if c.grey_zone else None,
            grey_zone_ja=c.grey_zone.ja if c.grey_zone else None,
            note_en=c.note.en if c.note else None,
            note_ja=c.note.ja if c.note else None,
            deadline=_deadline_row(c.deadline, a) if c.deadline else None,
            parties=[models.CommitmentParty(party_code=code) for code in c.parties],
            sectors=[
                models.CommitmentConcept(concept_id=s, position=j) for j, s in enumerate(c.sectors)
            ],
            follow_ons=[
                models.FollowOn(
                    code=f.id,
                    statement_en=f.statement.en,
                    statement_ja=f.statement.ja,
                    parties=list(f.parties),
                    deadline=_deadline_row(f.deadline, a),
                    if_missed_en=f.if_missed.en if f.if_missed else None,
                    if_missed_ja=f.if_missed.ja if f.if_missed else None,
                )
                for f in c.follow_ons
            ],
        )
        commitments[c.id] = commitment
    row.commitments = list(commitments.values())
    session.flush()

    for e in a.events:
        session.add(
            models.ConditionEvent(
                agreement_id=row.id,
                key=e.id,
                name_en=e.name.en,
                name_ja=e.name.ja,
                source=e.source.model_dump(mode="json"),
                occurrences=[
                    models.EventOccurrence(
                        date=o.date,
                        subject=o.subject,
                        note_en=o.note.en if o.note else None,
                        note_ja=o.note.ja if o.note else None,
                        recorded_by=LOADER,
                        recorded_at=datetime.now(UTC),
                    )
                    for o in e.occurrences
                ],
            )
        )
    for i, w in enumerate(a.watch_points):
        session.add(
            models.WatchPoint(
                agreement_id=row.id,
                position=i,
                code=w.id,
                title_en=w.title.en,
                title_ja=w.title.ja,
                question_en=w.question.en,
                question_ja=w.question.ja,
                links=[
                    models.WatchPointCommitment(commitment=commitments[key], position=j)
                    for j, key in enumerate(w.commitments)
                ],
            )
        )
    for i, p in enumerate(a.projects):
        session.add(
            models.Project(
                agreement_id=row.id,
                position=i,
                code=p.id,
                name_en=p.name.en,
                name_ja=p.name.ja,
                companies=[company.model_dump(mode="json") for company in p.companies],
                sector_id=p.sector,
                amount_usd=p.amount.usd if p.amount else None,
                amount_up_to=p.amount.up_to if p.amount else False,
                amount_text=p.amount.text if p.amount else None,
                tranche=p.tranche,
                status=p.status.value,
                sources=list(p.sources),
                commitments=list(p.commitments),
            )
        )
    for census in a.project_census:
        session.add(
            models.ProjectCensus(
                agreement_id=row.id,
                document_id=documents[census.document].id,
                listed=census.listed,
                with_amount=census.with_amount,
                total_usd=census.total.usd if census.total else None,
                total_text=census.total.text if census.total else None,
                note_en=census.note.en,
                note_ja=census.note.ja,
            )
        )


def _deadline_row(deadline: spec.Deadline, agreement: spec.AgreementFile) -> models.Deadline:
    """Compute the due date from the basis; an event anchor leaves it open until it happens."""
    kind, _, target = deadline.anchor.partition(":")
    anchor_date: date | None = None
    if kind == "agreement":
        anchor_date = agreement.date
    elif kind == "document":
        anchor_date = next(d.date for d in agreement.documents if d.id == target)
    row = models.Deadline(
        expression=deadline.expression,
        anchor=deadline.anchor,
        anchor_date=anchor_date,
        written_in=deadline.written_in.model_dump(mode="json", exclude_none=True),
        soft=deadline.soft,
        note_en=deadline.note.en if deadline.note else None,
        note_ja=deadline.note.ja if deadline.note else None,
    )
    if anchor_date is not None:
        resolved = resolve_deadline(deadline.expression, reference=anchor_date)
        row.due, row.precision, row.rule = resolved.date, resolved.precision.value, resolved.rule
    return row


def _record_initial_status(session: Session, row: models.Agreement, path: Path) -> None:
    """Every commitment starts its history as 'not started', saying where it came from."""
    recorded = set(
        session.scalars(
            select(models.StatusChange.commitment_code).where(
                models.StatusChange.agreement_id == row.id
            )
        )
    )
    now = datetime.now(UTC)
    for commitment in row.commitments:
        if commitment.code in recorded:
            continue
        session.add(
            models.StatusChange(
                agreement_id=row.id,
                commitment_code=commitment.code,
                party=None,
                status=models.Status.NOT_STARTED.value,
                recorded_at=now,
                recorded_by=LOADER,
                reason=(
                    f"loaded from {path.name}; no evidence recorded yet"
                    f"{REASON_SEPARATOR}{path.name}から読み込み。確認済みの根拠はまだない"
                ),
                evidence=[],
            )
        )
