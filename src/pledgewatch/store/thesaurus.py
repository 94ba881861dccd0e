"""The thesaurus as the text layer's matchers want it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pledgewatch.store import models
from pledgewatch.text.concepts import ConceptMatcher, ConceptTerms


def concept_terms(session: Session) -> list[ConceptTerms]:
    """Every concept with its labels and synonyms in both languages, in a stable order."""
    concepts = session.scalars(select(models.Concept).order_by(models.Concept.id))
    return [
        ConceptTerms(
            concept_id=c.id,
            terms=(c.label_en, c.label_ja, *c.synonyms_en, *c.synonyms_ja),
            in_field=(*c.in_field_en, *c.in_field_ja),
            broader=c.broader_id,
        )
        for c in concepts
    ]


def concept_matcher(session: Session) -> ConceptMatcher:
    """A matcher over the stored thesaurus."""
    return ConceptMatcher(concept_terms(session))
