"""What the linker knows of a commitment, built from the store or straight from a file.

The linker never reads the database itself: it works on these plain records, so the benchmark,
the tests and the service layer can feed it from wherever the commitments live.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from pledgewatch.errors import LexiconError
from pledgewatch.store.agreements import concepts, get_agreement, list_agreements, projects
from pledgewatch.store.commitments import CommitmentFilter, find_commitments


@dataclass(frozen=True)
class CommitmentRecord:
    """One commitment as the linker sees it: its words in both languages, concepts, actors."""

    key: str  # "AGREEMENT/CODE", e.g. "2025-10-28-japan-us/CM-04"
    code: str  # "CM-04"
    agreement_date: date
    statement_en: str
    statement_ja: str
    sectors: tuple[str, ...]  # concept ids
    parties: tuple[str, ...]  # party codes, e.g. ("JP", "US")
    actors: tuple[str, ...]  # responsible bodies, companies, people, in both languages
    deadline: date | None
    # Only an item naming one of its own actors (its listed companies) is evidence for it.
    needs_actor: bool = False
    # Each party fulfils it by its own action: an item about one of its parties alone may be
    # evidence for that party's part.
    per_party: bool = False


@dataclass(frozen=True)
class ThesaurusEntry:
    """A concept of the thesaurus as the linker uses it: its words and its broader concept."""

    concept_id: str
    terms_en: tuple[str, ...]
    terms_ja: tuple[str, ...]
    broader: str | None
    # Words that name it only where its field is named too (text/concepts.py).
    in_field_en: tuple[str, ...] = ()
    in_field_ja: tuple[str, ...] = ()


def thesaurus_entries(session: Session) -> list[ThesaurusEntry]:
    """The stored thesaurus, labels first, in a stable order."""
    return [
        ThesaurusEntry(
            concept_id=row.id,
            terms_en=(row.label_en, *row.synonyms_en),
            terms_ja=(row.label_ja, *row.synonyms_ja),
            broader=row.broader_id,
            in_field_en=tuple(row.in_field_en),
            in_field_ja=tuple(row.in_field_ja),
        )
        for _, row in sorted(concepts(session).items())
    ]


def thesaurus_entries_from_file(path: Path) -> list[ThesaurusEntry]:
    """The thesaurus straight from its YAML file, for linking without a database."""
    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [
            ThesaurusEntry(
                concept_id=str(c["id"]),
                terms_en=(str(c["label"]["en"]), *map(str, c.get("synonyms", {}).get("en", []))),
                terms_ja=(str(c["label"]["ja"]), *map(str, c.get("synonyms", {}).get("ja", []))),
                broader=c.get("broader"),
                in_field_en=tuple(map(str, c.get("in_field", {}).get("en", []))),
                in_field_ja=tuple(map(str, c.get("in_field", {}).get("ja", []))),
            )
            for c in sorted(data["concepts"], key=lambda c: str(c["id"]))
        ]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise LexiconError(
            path,
            f"not a thesaurus file: {exc}",
            reason_ja=f"シソーラスのファイルではありません（{exc}）",
        ) from exc


def commitment_records(
    session: Session, *, agreement_id: str | None = None
) -> list[CommitmentRecord]:
    """The commitments of one agreement (or of all stored agreements) as linker records.

    Actors gather the responsible bodies, the commitment's own actors and the companies of the
    investment projects that name the commitment, in both languages.
    """
    agreement_ids = (
        [agreement_id] if agreement_id is not None else [a.id for a in list_agreements(session)]
    )
    records: list[CommitmentRecord] = []
    for current in agreement_ids:
        agreement = get_agreement(session, current)
        companies: dict[str, list[str]] = {}
        for project in projects(session, agreement.id):
            names = [_name for company in project.companies for _name in _names(company)]
            for code in project.commitments:
                companies.setdefault(str(code), []).extend(names)
        for row in find_commitments(session, CommitmentFilter(agreement_id=agreement.id)):
            actors: list[str] = []
            for body in row.responsible_bodies:
                actors.extend(_names(body.get("name", {})))
            for actor in row.actors:
                actors.extend(_names(actor))
            actors.extend(companies.get(row.code, []))
            records.append(
                CommitmentRecord(
                    key=f"{agreement.id}/{row.code}",
                    code=row.code,
                    agreement_date=agreement.date,
                    statement_en=row.statement_en,
                    statement_ja=row.statement_ja,
                    sectors=tuple(row.sector_ids),
                    parties=tuple(row.party_codes),
                    actors=tuple(dict.fromkeys(actors)),
                    deadline=row.deadline.due if row.deadline is not None else None,
                    needs_actor=row.evidence_names_actor,
                    per_party=row.evidence_per_party,
                )
            )
    return records


def _names(text: Any) -> list[str]:
    """The non-empty language versions of a stored {en, ja} text."""
    if not isinstance(text, dict):
        return []
    return [str(text[lang]) for lang in ("en", "ja") if text.get(lang)]
