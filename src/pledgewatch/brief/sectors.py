"""The names of sectors, from the thesaurus, for views that list sectors by id."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from pledgewatch.brief.views import Bilingual, bi
from pledgewatch.store import agreements as agreement_store


def sector_names(session: Session, ids: Iterable[str]) -> dict[str, Bilingual]:
    """The thesaurus labels of ``ids``; an id the thesaurus lacks is left out (shown as is)."""
    concepts = agreement_store.concepts(session)
    return {
        key: bi(concepts[key].label_en, concepts[key].label_ja)
        for key in sorted(set(ids))
        if key in concepts
    }
