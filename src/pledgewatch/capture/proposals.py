"""What the extractor proposes: commitments found in a document, for a person to confirm.

These are proposals, not commitments: nothing here is stored. Review (accept, edit, reject)
turns a proposal into a commitment; the exact span keeps every proposal checkable against the
text it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pledgewatch.text.concepts import ConceptMatcher


@dataclass(frozen=True)
class Money:
    """An amount of money as written, read into a number and an ISO 4217 currency."""

    amount: Decimal  # in units of the currency (550 billion dollars -> Decimal("550000000000"))
    currency: str  # ISO 4217: USD, JPY, EUR, ...
    text: str  # the words as written ("$550 billion", "5,500億ドル", "1兆円")


@dataclass(frozen=True)
class ProposedDeadline:
    """A deadline found in a commitment, resolved against the document date where possible."""

    date: date | None  # None when it hangs on an event
    precision: str  # pledgewatch.text.temporal.Precision value
    basis: str  # the expression as written ("within 180 days", "令和8年度中")
    event: str | None  # the event a relative deadline is attached to, else None
    rule: str  # how the date was computed


@dataclass(frozen=True)
class ProposedCommitment:
    """One commitment the extractor proposes, with where it lies in the text."""

    text: str  # the commitment's text (the lead-in carried over for list items)
    span: tuple[int, int]  # character offsets into the extracted text of the operative part
    section: str | None  # the section/heading/numbered paragraph it lies in
    parties: list[str]  # party codes or names; all signatories by default
    deadline: ProposedDeadline | None
    money: list[Money]
    strength: str  # binding | intent | aspiration
    sectors: list[str]  # thesaurus concept ids
    grey_zone: str | None  # null or the reason (a welcome with own action implied, 確認した, ...)
    language: str  # 'ja' | 'en'
    # Every date or time frame the text names, as written; the deadline is chosen among them.
    time_mentions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ExtractionResult:
    """The extracted text and the commitments proposed from it."""

    text: str  # the extracted document text the spans point into
    language: str
    document_date: date | None
    proposals: list[ProposedCommitment]


def extract_commitments(
    text: str,
    *,
    document_date: date | None,
    language: str | None = None,
    parties: Sequence[str] = (),
    matcher: ConceptMatcher | None = None,
) -> ExtractionResult:
    """Propose the commitments of a document's text; see pledgewatch.capture.extraction."""
    from pledgewatch.capture.extraction import extract  # the engine imports these types

    return extract(
        text, document_date=document_date, language=language, parties=parties, matcher=matcher
    )
