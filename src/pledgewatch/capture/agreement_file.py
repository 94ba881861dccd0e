"""The agreement file format: one YAML file describing an agreement and its commitments.

The format is documented in docs/agreement-format.md. Every model refuses unknown fields so a
misspelt key is reported instead of silently ignored. Dates of deadlines are never written in
the file: a deadline is an expression ("within 180 days", "2025年度末", "until January 19, 2029")
and its anchor, and pledgewatch computes the date.
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pledgewatch.errors import InvalidValue

FORMAT_VERSION = "pledgewatch-agreement/1"
THESAURUS_FORMAT_VERSION = "pledgewatch-thesaurus/1"

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80)]
PartyCode = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9-]{1,15}$")]


class Strict(BaseModel):
    """Base of every file model: unknown fields are an error, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Text(Strict):
    """A text in both languages; both are required, since ja and en are equal citizens."""

    en: str = Field(min_length=1)
    ja: str = Field(min_length=1)


class OptionalText(Strict):
    """A bilingual text where one language may be missing (names known in one language only)."""

    en: str | None = None
    ja: str | None = None

    @model_validator(mode="after")
    def _one_language_at_least(self) -> OptionalText:
        if not self.en and not self.ja:
            raise InvalidValue(
                "give the text in at least one of 'en' and 'ja'",
                ja="'en' と 'ja' の少なくとも一方に書いてください",
            )
        return self


class Strength(StrEnum):
    """How firmly a commitment is worded (COMMITMENTS.md)."""

    BINDING = "binding"
    INTENT = "intent"
    ASPIRATION = "aspiration"


class DocumentRole(StrEnum):
    """Why a document belongs to an agreement, which decides whom its commitments bind."""

    SIGNED = "signed"
    JOINT = "joint"
    READOUT = "readout"
    REFERENCED = "referenced"


class Completeness(StrEnum):
    """How much of a document's official text pledgewatch holds."""

    COMPLETE = "complete"
    PARTIAL = "partial"
    MISSING = "missing"


class ProjectStatus(StrEnum):
    """Where an investment project stands on the way from announcement to money."""

    ANNOUNCED = "announced"
    RECOMMENDED = "recommended"
    SELECTED = "selected"
    FINANCED = "financed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Party(Strict):
    """A state or organisation that signs the agreement."""

    code: PartyCode
    name: Text


class ProgramEvent(Strict):
    """One event of the agreement's program (the meeting, the signing, the lunch)."""

    title: Text
    start: time
    minutes: int = Field(gt=0, le=24 * 60)
    source: SourceRef | None = None

    @field_validator("start", mode="before")
    @classmethod
    def _quoted_time(cls, value: object) -> object:
        # YAML 1.1 reads an unquoted 09:50 as the number 590; refuse it rather than guess.
        if not isinstance(value, str | time):
            raise InvalidValue(
                'write the time in quotes, as "HH:MM"',
                ja='時刻は "HH:MM" のように引用符で囲んで書いてください',
            )
        return value


class Section(Strict):
    """A numbered section of a document text, located by the exact words it starts with."""

    key: str = Field(min_length=1, max_length=40)
    title: Text
    starts_with: str = Field(min_length=1)


class DocumentText(Strict):
    """One language version of a document, with the official text pledgewatch may ship."""

    language: Literal["ja", "en"]
    url: str | None = None
    mirror: bool = Field(
        default=False,
        description="true when the url is a third-party copy, not the issuer's own page",
    )
    file: str | None = Field(default=None, description="text file, relative to the agreement file")
    completeness: Completeness
    completeness_note: Text
    sections: list[Section] = []

    @model_validator(mode="after")
    def _file_unless_missing(self) -> DocumentText:
        if self.completeness is Completeness.MISSING and self.file:
            raise InvalidValue(
                "a text whose completeness is 'missing' cannot name a file",
                ja="completeness が 'missing' のテキストには file を書けません",
            )
        if self.completeness is not Completeness.MISSING and not self.file:
            raise InvalidValue(
                "name the text's file, or set completeness to 'missing'",
                ja="テキストの file を書くか、completeness を 'missing' にしてください",
            )
        if self.sections and not self.file:
            raise InvalidValue(
                "sections need a text file to be located in",
                ja="sections の位置を特定するにはテキストファイル（file）が必要です",
            )
        if self.mirror and not self.url:
            raise InvalidValue(
                "'mirror' says what the url is: give the url too",
                ja="'mirror' は url の種類を示すものです。url も書いてください",
            )
        return self


class Document(Strict):
    """One outcome document; its role decides whom its commitments bind."""

    id: Identifier
    title: Text
    role: DocumentRole
    issuer: Text
    date: date
    published_by: PartyCode | None = Field(
        default=None, description="for a read-out: the party that published it and is bound by it"
    )
    texts: list[DocumentText] = []

    @model_validator(mode="after")
    def _readout_names_publisher(self) -> Document:
        if self.role is DocumentRole.READOUT and self.published_by is None:
            raise InvalidValue(
                "a read-out must say which party published it ('published_by')",
                ja="一方の当事者の発表（readout）には、発表した当事者（'published_by'）が必要です",
            )
        languages = [text.language for text in self.texts]
        if len(languages) != len(set(languages)):
            raise InvalidValue(
                "each language may have one text only", ja="テキストは各言語に一つだけです"
            )
        return self


class SourceRef(Strict):
    """Where something is written: a document, a section, and optionally the exact words."""

    document: Identifier
    section: str | None = None
    language: Literal["ja", "en"] | None = Field(
        default=None, description="the text that holds the quote"
    )
    quote: str | None = Field(default=None, description="exact words of the shipped text")
    span_note: Text | None = Field(default=None, description="why no exact span is given")

    @model_validator(mode="after")
    def _quote_or_reason(self) -> SourceRef:
        if self.quote and not self.language:
            raise InvalidValue(
                "a quote needs the 'language' of the text it is taken from",
                ja="quote には引用元テキストの 'language' が必要です",
            )
        if not self.quote and self.span_note is None:
            raise InvalidValue(
                "give a 'quote' of the shipped text, or a 'span_note' saying why not",
                ja="同梱テキストからの 'quote' か、引用しない理由を書いた 'span_note' を"
                "書いてください",
            )
        return self


class Deadline(Strict):
    """A deadline as its basis: an expression resolved against an anchor date or event."""

    expression: str = Field(min_length=1)
    anchor: str = Field(
        default="agreement",
        description="'agreement' (its date), 'document:<id>' (its date) or 'event:<id>'",
    )
    written_in: SourceRef
    soft: bool = Field(default=False, description="true when the basis is weak or disputed")
    note: Text | None = None

    @field_validator("anchor")
    @classmethod
    def _anchor_form(cls, value: str) -> str:
        if value != "agreement" and not re.fullmatch(r"(document|event):[A-Za-z0-9._-]+", value):
            raise InvalidValue(
                "anchor must be 'agreement', 'document:<id>' or 'event:<id>'",
                ja="anchor は 'agreement'、'document:<id>'、'event:<id>' のいずれかにしてください",
            )
        return value


class ResponsibleBody(Strict):
    """The ministry or agency of a party that carries a commitment out."""

    party: PartyCode
    name: Text


class FollowOn(Strict):
    """An obligation that follows from a commitment once a condition event happens."""

    id: Identifier
    statement: Text
    parties: list[PartyCode] = Field(min_length=1)
    deadline: Deadline
    if_missed: Text | None = None


class Commitment(Strict):
    """One promise: who is bound, what, where it is written and by when."""

    id: Identifier
    parties: list[PartyCode] = Field(min_length=1)
    responsible_bodies: list[ResponsibleBody] = []
    actors: list[OptionalText] = Field(default=[], description="companies and others who act")
    evidence_names_actor: bool = Field(
        default=False,
        description=(
            "only an item naming one of its actors is evidence for it: a promise to advance "
            "listed companies' projects is not advanced by another company's plans"
        ),
    )
    evidence_per_party: bool = Field(
        default=False,
        description=(
            "each party fulfils it by its own action (both countries' capacity), so an item "
            "about one party alone may be evidence for that party's part"
        ),
    )
    statement: Text
    sectors: list[Identifier] = Field(min_length=1)
    strength: Strength
    source: SourceRef
    deadline: Deadline | None = None
    conditions: list[Text] = []
    follow_ons: list[FollowOn] = []
    grey_zone: Text | None = Field(default=None, description="why this may not be a commitment")
    note: Text | None = None


class Occurrence(Strict):
    """A recorded happening of a condition event, which dates the deadlines hanging on it."""

    date: date
    subject: str | None = None
    note: Text | None = None


class ConditionEvent(Strict):
    """An event that later deadlines hang on, such as a President's selection of a project."""

    id: Identifier
    name: Text
    source: SourceRef
    occurrences: list[Occurrence] = []


class WatchPoint(Strict):
    """Something people should check, tied to the commitments it watches."""

    id: Identifier
    title: Text
    question: Text
    commitments: list[Identifier] = Field(min_length=1)


class Amount(Strict):
    """An amount of money in US dollars, with the words the source uses."""

    usd: Decimal = Field(ge=0)
    up_to: bool = False
    text: str = Field(min_length=1, description="the amount as the source words it")


class Project(Strict):
    """An investment project named in a fact sheet."""

    id: Identifier
    name: Text
    companies: list[OptionalText] = Field(min_length=1)
    sector: Identifier
    amount: Amount | None = None
    tranche: str | None = None
    status: ProjectStatus = ProjectStatus.ANNOUNCED
    sources: list[Identifier] = Field(min_length=1)
    commitments: list[Identifier] = []


class ProjectCensus(Strict):
    """How many projects a source lists, against how many pledgewatch can name from it."""

    document: Identifier
    listed: int = Field(ge=0)
    with_amount: int | None = Field(default=None, ge=0)
    total: Amount | None = None
    note: Text


class AgreementFile(Strict):
    """The whole agreement file."""

    format: Literal["pledgewatch-agreement/1"]
    id: Identifier
    title: Text
    date: date
    place: Text
    timezone: str = "UTC"
    parties: list[Party] = Field(min_length=1)
    program: list[ProgramEvent] = []
    documents: list[Document] = Field(min_length=1)
    events: list[ConditionEvent] = []
    commitments: list[Commitment] = []
    watch_points: list[WatchPoint] = []
    projects: list[Project] = []
    project_census: list[ProjectCensus] = []


class Concept(Strict):
    """An entry of the bilingual thesaurus."""

    id: Identifier
    kind: Literal["sector", "topic"]
    label: Text
    synonyms: SynonymLists = Field(default_factory=lambda: SynonymLists())
    # Words that name the concept only where a text names its field in other words: "robots"
    # are shipbuilding technology in a story about shipyards, not in one about car plants.
    in_field: SynonymLists = Field(default_factory=lambda: SynonymLists())
    broader: Identifier | None = None


class SynonymLists(Strict):
    """Other words for a concept, per language, as news and documents write them."""

    en: list[str] = []
    ja: list[str] = []


class ThesaurusFile(Strict):
    """The whole thesaurus file."""

    format: Literal["pledgewatch-thesaurus/1"]
    concepts: list[Concept] = Field(min_length=1)


ProgramEvent.model_rebuild()
Concept.model_rebuild()
