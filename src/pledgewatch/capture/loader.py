"""Load an agreement file (and the thesaurus) into the database, all or nothing.

Loading happens in two phases. First the file is read and checked completely: its fields, its
cross-references, its text files, every quoted span and every deadline expression. Only when
nothing is wrong is anything written, in one transaction, so a bad file never leaves half an
agreement behind and never disturbs what is already stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pledgewatch.capture import agreement_file as spec
from pledgewatch.capture.yaml_source import Location, YamlDocument, read_yaml
from pledgewatch.errors import (
    AgreementFileError,
    ConflictError,
    FileProblem,
    TemporalExpressionError,
)
from pledgewatch.store import models
from pledgewatch.store.db import unit_of_work
from pledgewatch.text.temporal import resolve_deadline

LOADER = "pledgewatch load"

M = TypeVar("M", bound=spec.Strict)


@dataclass(frozen=True)
class LoadResult:
    """What a load did."""

    agreement_id: str
    outcome: Literal["created", "replaced", "unchanged"]
    commitments: int
    documents: int
    exact_spans: int


@dataclass
class _Checked:
    """An agreement file that passed every check, with what was computed from it."""

    agreement: spec.AgreementFile
    texts: dict[tuple[str, str], str] = field(default_factory=dict)
    sections: dict[tuple[str, str], list[tuple[spec.Section, int, int]]] = field(
        default_factory=dict
    )
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    content_hash: str = ""


def load_thesaurus_file(engine: Engine, path: Path) -> int:
    """Store or update the concepts of a thesaurus file; returns how many it holds."""
    document = read_yaml(path)
    thesaurus = _validate(document, spec.ThesaurusFile)
    ids = [concept.id for concept in thesaurus.concepts]
    problems = [
        document.problem(("concepts", position, "id"), f"concept {concept_id!r} appears twice")
        for position, concept_id in enumerate(ids)
        if concept_id in ids[:position]
    ]
    problems += [
        document.problem(
            ("concepts", position, "broader"), f"no concept {concept.broader!r} in this file"
        )
        for position, concept in enumerate(thesaurus.concepts)
        if concept.broader is not None and concept.broader not in ids
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
                    broader_id=concept.broader,
                )
            )
    return len(ids)


def load_agreement_file(engine: Engine, path: Path, *, replace: bool = False) -> LoadResult:
    """Check the agreement file at ``path`` and store it in one transaction.

    An agreement already stored is left alone when the file has not changed, and replaced only
    when ``replace`` is true; its status history is kept either way.
    """
    document = read_yaml(path)
    agreement = _validate(document, spec.AgreementFile)
    with unit_of_work(engine) as session:
        known_concepts = set(session.scalars(select(models.Concept.id)))
        checked = _check(document, agreement, known_concepts)
        existing = session.get(models.Agreement, agreement.id)
        if existing is not None and existing.content_hash == checked.content_hash:
            return _result(checked, "unchanged")
        if existing is not None and not replace:
            raise ConflictError(
                f"agreement {agreement.id!r} is already loaded (from {existing.source_file}) "
                "and this file differs; load it with --replace to update it "
                "(its status history is kept)"
            )
        if existing is not None:
            _refuse_dropping_history(session, existing, checked)
            _clear(session, existing)
        row = existing or models.Agreement(id=agreement.id)
        if existing is None:
            session.add(row)
        _fill(session, row, checked, path)
        session.flush()
        _record_initial_status(session, row, path)
        return _result(checked, "created" if existing is None else "replaced")


def _result(checked: _Checked, outcome: Literal["created", "replaced", "unchanged"]) -> LoadResult:
    return LoadResult(
        agreement_id=checked.agreement.id,
        outcome=outcome,
        commitments=len(checked.agreement.commitments),
        documents=len(checked.agreement.documents),
        exact_spans=len(checked.spans),
    )


def _validate(document: YamlDocument, model: type[M]) -> M:
    if not isinstance(document.data, dict):
        raise AgreementFileError(
            document.path, [FileProblem(1, "", "the file must be a YAML mapping of fields")]
        )
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            location: Location = tuple(part for part in error["loc"] if isinstance(part, str | int))
            message = error["msg"]
            if error["type"] == "extra_forbidden":
                message = "unknown field (see docs/agreement-format.md for the fields allowed)"
            problems.append(document.problem(location, message))
        raise AgreementFileError(document.path, problems) from exc


def _check(
    document: YamlDocument, agreement: spec.AgreementFile, known_concepts: set[str]
) -> _Checked:
    """Every check that needs more than one field; all problems are gathered, then raised."""
    checked = _Checked(agreement=agreement)
    problems: list[FileProblem] = []
    add = problems.append

    parties = _unique(
        document,
        [(("parties", i, "code"), p.code) for i, p in enumerate(agreement.parties)],
        "party",
        problems,
    )
    documents = {d.id: d for d in agreement.documents}
    _unique(
        document,
        [(("documents", i, "id"), d.id) for i, d in enumerate(agreement.documents)],
        "document",
        problems,
    )
    events = {e.id for e in agreement.events}
    _unique(
        document,
        [(("events", i, "id"), e.id) for i, e in enumerate(agreement.events)],
        "event",
        problems,
    )
    commitment_ids = _unique(
        document,
        [(("commitments", i, "id"), c.id) for i, c in enumerate(agreement.commitments)],
        "commitment",
        problems,
    )
    _unique(
        document,
        [(("watch_points", i, "id"), w.id) for i, w in enumerate(agreement.watch_points)],
        "watch point",
        problems,
    )
    _unique(
        document,
        [(("projects", i, "id"), p.id) for i, p in enumerate(agreement.projects)],
        "project",
        problems,
    )

    if not known_concepts:
        add(
            document.problem(
                ("commitments",), "the thesaurus is empty; run 'pledgewatch init' first"
            )
        )

    def party_known(location: Location, code: str) -> None:
        if code not in parties:
            add(
                document.problem(
                    location, f"{code!r} is not one of the agreement's parties {sorted(parties)}"
                )
            )

    def concept_known(location: Location, concept: str) -> None:
        if known_concepts and concept not in known_concepts:
            add(document.problem(location, f"no concept {concept!r} in the thesaurus"))

    def document_known(location: Location, key: str) -> None:
        if key not in documents:
            add(document.problem(location, f"no document {key!r} in this file"))

    def commitment_known(location: Location, key: str) -> None:
        if key not in commitment_ids:
            add(document.problem(location, f"no commitment {key!r} in this file"))

    for i, doc in enumerate(agreement.documents):
        if doc.published_by is not None:
            party_known(("documents", i, "published_by"), doc.published_by)
        for j, text in enumerate(doc.texts):
            if text.file is None:
                continue
            body = _read_text_file(
                document, ("documents", i, "texts", j, "file"), text.file, problems
            )
            if body is None:
                continue
            checked.texts[(doc.id, text.language)] = body
            checked.sections[(doc.id, text.language)] = _locate_sections(
                document, ("documents", i, "texts", j, "sections"), text.sections, body, problems
            )

    def source_ok(location: Location, source: spec.SourceRef, key: str | None) -> None:
        document_known((*location, "document"), source.document)
        if source.quote is None or source.language is None:
            return
        body = checked.texts.get((source.document, source.language))
        if body is None:
            add(
                document.problem(
                    (*location, "language"),
                    f"document {source.document!r} has no {source.language} text file "
                    "to quote from",
                )
            )
            return
        count = body.count(source.quote)
        if count != 1:
            where = "does not occur" if count == 0 else f"occurs {count} times"
            add(
                document.problem(
                    (*location, "quote"),
                    f"the quote {where} in the {source.language} text of "
                    f"{source.document!r}; quote the exact words, once",
                )
            )
            return
        start = body.index(source.quote)
        end = start + len(source.quote)
        for section, s_start, s_end in checked.sections.get((source.document, source.language), []):
            if section.key == source.section and not (s_start <= start and end <= s_end):
                add(
                    document.problem(
                        (*location, "section"), f"the quote lies outside section {section.key!r}"
                    )
                )
        if key is not None:
            checked.spans[key] = (start, end)

    def deadline_ok(location: Location, deadline: spec.Deadline) -> None:
        source_ok((*location, "written_in"), deadline.written_in, None)
        kind, _, target = deadline.anchor.partition(":")
        if kind == "document" and target not in documents:
            add(document.problem((*location, "anchor"), f"no document {target!r} in this file"))
            return
        if kind == "event" and target not in events:
            add(document.problem((*location, "anchor"), f"no event {target!r} in this file"))
            return
        try:
            resolve_deadline(deadline.expression, reference=agreement.date)
        except TemporalExpressionError as exc:
            add(document.problem((*location, "expression"), str(exc)))

    for i, program_event in enumerate(agreement.program):
        if program_event.source is not None:
            source_ok(("program", i, "source"), program_event.source, None)
    for i, condition in enumerate(agreement.events):
        source_ok(("events", i, "source"), condition.source, None)
    for i, commitment in enumerate(agreement.commitments):
        here: Location = ("commitments", i)
        for j, code in enumerate(commitment.parties):
            party_known((*here, "parties", j), code)
        for j, body_ in enumerate(commitment.responsible_bodies):
            party_known((*here, "responsible_bodies", j, "party"), body_.party)
        for j, sector in enumerate(commitment.sectors):
            concept_known((*here, "sectors", j), sector)
        source_ok((*here, "source"), commitment.source, commitment.id)
        if commitment.deadline is not None:
            deadline_ok((*here, "deadline"), commitment.deadline)
        for j, follow_on in enumerate(commitment.follow_ons):
            for k, code in enumerate(follow_on.parties):
                party_known((*here, "follow_ons", j, "parties", k), code)
            deadline_ok((*here, "follow_ons", j, "deadline"), follow_on.deadline)
    for i, watch_point in enumerate(agreement.watch_points):
        for j, key in enumerate(watch_point.commitments):
            commitment_known(("watch_points", i, "commitments", j), key)
    for i, project in enumerate(agreement.projects):
        concept_known(("projects", i, "sector"), project.sector)
        for j, key in enumerate(project.sources):
            document_known(("projects", i, "sources", j), key)
        for j, key in enumerate(project.commitments):
            commitment_known(("projects", i, "commitments", j), key)
    for i, census in enumerate(agreement.project_census):
        document_known(("project_census", i, "document"), census.document)

    if problems:
        raise AgreementFileError(document.path, problems)
    digest = hashlib.sha256(document.path.read_bytes())
    for text_key in sorted(checked.texts):
        digest.update(checked.texts[text_key].encode("utf-8"))
    checked.content_hash = digest.hexdigest()
    return checked


def _unique(
    document: YamlDocument,
    keyed: Iterable[tuple[Location, str]],
    kind: str,
    problems: list[FileProblem],
) -> set[str]:
    seen: set[str] = set()
    for location, key in keyed:
        if key in seen:
            problems.append(document.problem(location, f"{kind} {key!r} appears twice"))
        seen.add(key)
    return seen


def _read_text_file(
    document: YamlDocument, location: Location, name: str, problems: list[FileProblem]
) -> str | None:
    """Read a text file named relative to the agreement file, never outside its folder."""
    folder = document.path.parent.resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder):
        problems.append(
            document.problem(location, "text files must lie in the agreement file's folder")
        )
        return None
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(
            document.problem(location, f"no text file {name!r} beside the agreement file")
        )
    except UnicodeDecodeError:
        problems.append(document.problem(location, f"the text file {name!r} is not UTF-8"))
    return None


def _locate_sections(
    document: YamlDocument,
    location: Location,
    sections: list[spec.Section],
    body: str,
    problems: list[FileProblem],
) -> list[tuple[spec.Section, int, int]]:
    """Find where each section starts; it runs to the next section's start or the text's end."""
    starts: list[tuple[int, spec.Section]] = []
    for i, section in enumerate(sections):
        count = body.count(section.starts_with)
        if count != 1:
            where = "does not occur" if count == 0 else f"occurs {count} times"
            problems.append(
                document.problem(
                    (*location, i, "starts_with"),
                    f"the start of section {section.key!r} {where} in the text",
                )
            )
            continue
        starts.append((body.index(section.starts_with), section))
    starts.sort(key=lambda pair: pair[0])
    located = []
    for position, (start, section) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(body)
        located.append((section, start, end))
    return located


def _refuse_dropping_history(
    session: Session, existing: models.Agreement, checked: _Checked
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
            "keep them in the file (a note can say they were withdrawn)"
        )


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


def _fill(session: Session, row: models.Agreement, checked: _Checked, path: Path) -> None:
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
                reason=f"loaded from {path.name}; no evidence recorded yet",
                evidence=[],
            )
        )
