"""Check an agreement file completely before anything of it is stored.

Every check that needs more than one field lives here: cross-references, text files, quoted
spans, section starts and deadline expressions. All problems are gathered with their line and
field, then raised together, so a person fixes a file in one pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import ValidationError

from pledgewatch.capture import agreement_file as spec
from pledgewatch.capture.field_errors import field_error_ja
from pledgewatch.capture.yaml_source import Location, YamlDocument
from pledgewatch.errors import AgreementFileError, FileProblem, TemporalExpressionError
from pledgewatch.text.temporal import resolve_deadline

M = TypeVar("M", bound=spec.Strict)


@dataclass
class CheckedAgreement:
    """An agreement file that passed every check, with what was computed from it."""

    agreement: spec.AgreementFile
    texts: dict[tuple[str, str], str] = field(default_factory=dict)
    sections: dict[tuple[str, str], list[tuple[spec.Section, int, int]]] = field(
        default_factory=dict
    )
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    content_hash: str = ""


def validate_file(document: YamlDocument, model: type[M]) -> M:
    """The parsed YAML as ``model``; every field error is reported with its line."""
    if not isinstance(document.data, dict):
        raise AgreementFileError(
            document.path,
            [
                FileProblem(
                    1,
                    "",
                    "the file must be a YAML mapping of fields",
                    "ファイルは項目名と値の組（YAML のマッピング）で書いてください",
                )
            ],
        )
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            location: Location = tuple(part for part in error["loc"] if isinstance(part, str | int))
            message, message_ja = error["msg"], field_error_ja(error)
            if error["type"] == "extra_forbidden":
                message = "unknown field (see docs/agreement-format.md for the fields allowed)"
                message_ja = (
                    "未知の項目です（使える項目は docs/agreement-format.md を参照してください）"
                )
            problems.append(document.problem(location, message, message_ja))
        raise AgreementFileError(document.path, problems) from exc


def check_agreement(
    document: YamlDocument, agreement: spec.AgreementFile, known_concepts: set[str]
) -> CheckedAgreement:
    """Every check that needs more than one field; all problems are gathered, then raised."""
    checked = CheckedAgreement(agreement=agreement)
    problems: list[FileProblem] = []
    add = problems.append

    parties = _unique(
        document,
        [(("parties", i, "code"), p.code) for i, p in enumerate(agreement.parties)],
        ("party", "当事者"),
        problems,
    )
    documents = {d.id: d for d in agreement.documents}
    _unique(
        document,
        [(("documents", i, "id"), d.id) for i, d in enumerate(agreement.documents)],
        ("document", "文書"),
        problems,
    )
    events = {e.id for e in agreement.events}
    _unique(
        document,
        [(("events", i, "id"), e.id) for i, e in enumerate(agreement.events)],
        ("event", "事象"),
        problems,
    )
    commitment_ids = _unique(
        document,
        [(("commitments", i, "id"), c.id) for i, c in enumerate(agreement.commitments)],
        ("commitment", "コミットメント"),
        problems,
    )
    _unique(
        document,
        [(("watch_points", i, "id"), w.id) for i, w in enumerate(agreement.watch_points)],
        ("watch point", "注目ポイント"),
        problems,
    )
    _unique(
        document,
        [(("projects", i, "id"), p.id) for i, p in enumerate(agreement.projects)],
        ("project", "投資案件"),
        problems,
    )

    if not known_concepts:
        add(
            document.problem(
                ("commitments",),
                "the thesaurus is empty; run 'pledgewatch init' first",
                "シソーラスが空です。先に 'pledgewatch init' を実行してください",
            )
        )

    def party_known(location: Location, code: str) -> None:
        if code not in parties:
            add(
                document.problem(
                    location,
                    f"{code!r} is not one of the agreement's parties {sorted(parties)}",
                    f"{code!r} は合意の当事者 {sorted(parties)} に含まれていません",
                )
            )

    def concept_known(location: Location, concept: str) -> None:
        if known_concepts and concept not in known_concepts:
            add(
                document.problem(
                    location,
                    f"no concept {concept!r} in the thesaurus",
                    f"概念 {concept!r} はシソーラスにありません",
                )
            )

    def document_known(location: Location, key: str) -> None:
        if key not in documents:
            add(
                document.problem(
                    location,
                    f"no document {key!r} in this file",
                    f"このファイルに文書 {key!r} はありません",
                )
            )

    def commitment_known(location: Location, key: str) -> None:
        if key not in commitment_ids:
            add(
                document.problem(
                    location,
                    f"no commitment {key!r} in this file",
                    f"このファイルにコミットメント {key!r} はありません",
                )
            )

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
                    f"文書 {source.document!r} には引用元となる {source.language} の"
                    "テキストファイルがありません",
                )
            )
            return
        count = body.count(source.quote)
        if count != 1:
            where, where_ja = _occurrences(count)
            add(
                document.problem(
                    (*location, "quote"),
                    f"the quote {where} in the {source.language} text of "
                    f"{source.document!r}; quote the exact words, once",
                    f"引用が {source.document!r} の {source.language} テキストに{where_ja}。"
                    "一度だけ出てくる語句をそのまま引用してください",
                )
            )
            return
        start = body.index(source.quote)
        end = start + len(source.quote)
        for section, s_start, s_end in checked.sections.get((source.document, source.language), []):
            if section.key == source.section and not (s_start <= start and end <= s_end):
                add(
                    document.problem(
                        (*location, "section"),
                        f"the quote lies outside section {section.key!r}",
                        f"引用が節 {section.key!r} の外にあります",
                    )
                )
        if key is not None:
            checked.spans[key] = (start, end)

    def deadline_ok(location: Location, deadline: spec.Deadline) -> None:
        source_ok((*location, "written_in"), deadline.written_in, None)
        kind, _, target = deadline.anchor.partition(":")
        if kind == "document" and target not in documents:
            document_known((*location, "anchor"), target)
            return
        if kind == "event" and target not in events:
            add(
                document.problem(
                    (*location, "anchor"),
                    f"no event {target!r} in this file",
                    f"このファイルに事象 {target!r} はありません",
                )
            )
            return
        try:
            resolve_deadline(deadline.expression, reference=agreement.date)
        except TemporalExpressionError as exc:
            add(document.problem((*location, "expression"), str(exc), exc.ja or str(exc)))

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
        if commitment.evidence_per_party and len(commitment.parties) < 2:
            add(
                document.problem(
                    (*here, "evidence_per_party"),
                    "evidence per party needs at least two parties; this commitment binds "
                    + ", ".join(commitment.parties),
                    "当事者ごとの根拠には2つ以上の当事者が必要です。このコミットメントの当事者は "
                    + "、".join(commitment.parties),
                )
            )
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


def _occurrences(count: int) -> tuple[str, str]:
    """How often a quote or a section start occurs, when that is not once (English, Japanese)."""
    if count == 0:
        return "does not occur", "見つかりません"
    return f"occurs {count} times", f"{count}回出てきます"


def _unique(
    document: YamlDocument,
    keyed: Iterable[tuple[Location, str]],
    kind: tuple[str, str],
    problems: list[FileProblem],
) -> set[str]:
    seen: set[str] = set()
    for location, key in keyed:
        if key in seen:
            problems.append(
                document.problem(
                    location,
                    f"{kind[0]} {key!r} appears twice",
                    f"{kind[1]} {key!r} が2回出てきます",
                )
            )
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
            document.problem(
                location,
                "text files must lie in the agreement file's folder",
                "テキストファイルは合意ファイルと同じフォルダに置いてください",
            )
        )
        return None
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(
            document.problem(
                location,
                f"no text file {name!r} beside the agreement file",
                f"合意ファイルと同じ場所にテキストファイル {name!r} がありません",
            )
        )
    except UnicodeDecodeError:
        problems.append(
            document.problem(
                location,
                f"the text file {name!r} is not UTF-8",
                f"テキストファイル {name!r} が UTF-8 ではありません",
            )
        )
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
            where, where_ja = _occurrences(count)
            problems.append(
                document.problem(
                    (*location, i, "starts_with"),
                    f"the start of section {section.key!r} {where} in the text",
                    f"節 {section.key!r} の書き出しが本文に{where_ja}",
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
