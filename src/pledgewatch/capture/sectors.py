"""Sectors for proposed commitments, from the thesaurus stored or the one shipped.

A proposal names its sectors by thesaurus concept id, as stored commitments do. With a database
at hand the stored thesaurus is used (pledgewatch.store.thesaurus.concept_matcher); without one,
the thesaurus file shipped with pledgewatch serves, so `pledgewatch extract` works on a fresh
install.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from pledgewatch.capture.agreement_file import ThesaurusFile
from pledgewatch.capture.default import thesaurus_path
from pledgewatch.capture.field_errors import field_error_ja
from pledgewatch.capture.yaml_source import read_yaml
from pledgewatch.errors import AgreementFileError, FileProblem
from pledgewatch.store import models
from pledgewatch.text.concepts import ConceptMatcher, ConceptTerms


def matcher_from_file(path: Path) -> ConceptMatcher:
    """A matcher over the concepts of a thesaurus file (labels and synonyms, both languages)."""
    thesaurus = _read(path)
    return ConceptMatcher(
        ConceptTerms(
            concept_id=concept.id,
            terms=(
                concept.label.en,
                concept.label.ja,
                *concept.synonyms.en,
                *concept.synonyms.ja,
            ),
            in_field=(*concept.in_field.en, *concept.in_field.ja),
            broader=concept.broader,
        )
        for concept in thesaurus.concepts
    )


def broader_from_file(path: Path) -> dict[str, str]:
    """Each topic's sector (its `broader` concept) in a thesaurus file."""
    return {c.id: c.broader for c in _read(path).concepts if c.broader is not None}


def stored_broader(session: Session) -> dict[str, str]:
    """Each topic's sector in the stored thesaurus."""
    rows = session.execute(select(models.Concept.id, models.Concept.broader_id))
    return {concept: broader for concept, broader in rows if broader is not None}


def _read(path: Path) -> ThesaurusFile:
    document = read_yaml(path)
    try:
        thesaurus = ThesaurusFile.model_validate(document.data)
    except ValidationError as exc:
        problems = [
            FileProblem(
                None,
                ".".join(str(part) for part in error["loc"]),
                error["msg"],
                field_error_ja(error),
            )
            for error in exc.errors()
        ]
        raise AgreementFileError(path, problems) from exc
    return thesaurus


@lru_cache(maxsize=1)
def shipped_matcher() -> ConceptMatcher:
    """The matcher over the thesaurus shipped with pledgewatch, built once."""
    return matcher_from_file(thesaurus_path())


@lru_cache(maxsize=1)
def shipped_broader() -> dict[str, str]:
    """Each topic's sector in the shipped thesaurus."""
    return broader_from_file(thesaurus_path())


def sectors_of(
    text: str, matcher: ConceptMatcher, broader: Mapping[str, str] | None = None
) -> list[str]:
    """The concepts `text` mentions, most mentioned first, then in order of first mention.

    A topic brings its sector along (a text on shipyards is in the shipbuilding sector), as
    the stored commitments list both.
    """
    order: dict[str, tuple[int, int]] = {}
    for match in matcher.find(text):
        count, first = order.get(match.concept_id, (0, match.start))
        order[match.concept_id] = (count + 1, first)
    found = sorted(order, key=lambda concept: (-order[concept][0], order[concept][1]))
    for concept in list(found):
        sector = (broader or {}).get(concept)
        if sector is not None and sector not in found:
            found.append(sector)
    return found
