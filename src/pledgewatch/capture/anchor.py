"""Anchor an agreement's commitments in a fuller text of one of its documents.

The official texts held are often incomplete; when a fuller text turns up, each commitment of
that document should point at its exact words in it. A commitment that already quotes a
passage has that passage looked for (tolerating other line breaks, spacing, punctuation,
full-width characters and quotes); one that has none has its statement, in the text's
language, aligned with the sentence or clause that says the same. Weak matches are reported
as such, never used. Saving replaces the document's stored text and moves every span, section
and anchored commitment onto it in one transaction. Unless forced, it refuses when the new text
does not contain most of the old one, or when a commitment anchored in the old text cannot be
found in the new one, since its span would be lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from pledgewatch.capture.alignment import (
    FUZZY_THRESHOLD,
    STATEMENT_THRESHOLD,
    Match,
    Method,
    Skeleton,
    align_statement,
    containment,
    locate,
    skeleton,
)
from pledgewatch.errors import ConfigurationError, ConflictError, NotFoundError
from pledgewatch.store import agreements as agreement_store
from pledgewatch.store import models
from pledgewatch.store.proposals import get_document
from pledgewatch.text.language import detect_language

IDENTIFY_THRESHOLD = 0.5
"""A document is recognised in a text only with at least this score (0-1)."""
IDENTIFY_MARGIN = 0.1
"""... and only when no other document comes within this much of it."""
_TITLE_HEAD = 2000  # a document's title is looked for in this many first characters
_SECTION_SNIPPET = 40  # a section is found again by the first characters of its old text


class Outcome(StrEnum):
    """What anchoring did with one commitment."""

    EXACT = "exact"  # its stored passage, found exactly (once form is set aside)
    FUZZY = "fuzzy"  # its stored passage, found with small differences
    STATEMENT = "statement"  # no stored passage; its statement matches a sentence or clause
    LOW_CONFIDENCE = "low_confidence"  # the best candidate is too weak to be used
    NOT_FOUND = "not_found"  # nothing in the text resembles it
    OTHER_LANGUAGE = "other_language"  # it is anchored in the other language's text; kept
    NO_STATEMENT = "no_statement"  # it has no statement in the text's language to align


ANCHORED = frozenset({Outcome.EXACT, Outcome.FUZZY, Outcome.STATEMENT})


@dataclass(frozen=True)
class CommitmentAnchor:
    """One commitment's result: where it lies in the new text, or why it was not anchored."""

    code: str
    outcome: Outcome
    score: float | None
    start: int | None
    end: int | None
    passage: str | None
    """The words of the new text at [start:end]: the span, or the rejected candidate."""
    previous: str | None
    """The passage it was anchored to before, if any."""

    @property
    def anchored(self) -> bool:
        """Whether the commitment gets this span."""
        return self.outcome in ANCHORED


@dataclass(frozen=True)
class SectionAnchor:
    """A section of the document's old text, found again (or not) in the new one."""

    key: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class DocumentChoice:
    """Which document a text is, and how that was decided."""

    key: str
    method: str  # given | url | content | title
    score: float


@dataclass(frozen=True)
class AnchorRequest:
    """A fuller text of one document of an agreement, and what to do with it."""

    text: str
    source: str
    agreement_id: str | None = None
    language: str | None = None
    document_key: str | None = None
    url: str | None = None
    save: bool = False
    complete: bool = False
    force: bool = False
    """Save even when commitments anchored in the old text are not found in the new one."""
    saved_by: str = "pledgewatch anchor"


@dataclass(frozen=True)
class AnchorReport:
    """What anchoring found, and whether it was saved."""

    agreement_id: str
    document: DocumentChoice
    language: str
    text_length: int
    commitments: list[CommitmentAnchor]
    sections: list[SectionAnchor]
    saved: bool
    completeness: str | None

    @property
    def unanchored(self) -> list[CommitmentAnchor]:
        """The commitments that did not get a span in the new text."""
        return [c for c in self.commitments if not c.anchored]


def anchor_document(session: Session, request: AnchorRequest) -> AnchorReport:
    """Anchor the commitments of the document ``request.text`` is; save when asked to.

    Raises NotFoundError when the document cannot be told, ConfigurationError when the
    language cannot be, and ConflictError (nothing saved) when saving would lose a span.
    """
    agreement = agreement_store.get_agreement(session, request.agreement_id)
    language = request.language or detect_language(request.text)
    if language not in ("ja", "en"):
        raise ConfigurationError(
            f"cannot tell the language of {request.source}; pass --lang ja or --lang en",
            ja=f"{request.source} の言語を判定できません。"
            "--lang ja か --lang en を指定してください",
        )
    text = skeleton(request.text)
    if request.document_key is not None:
        document = get_document(session, agreement.id, request.document_key)
        choice = DocumentChoice(document.key, "given", 1.0)
    else:
        choice = identify_document(
            agreement, text, language, url=request.url, source=request.source
        )
        document = get_document(session, agreement.id, choice.key)
    stored = _text_of(document, language)
    commitments = [c for c in agreement.commitments if c.document_id == document.id]
    results = [_anchor_one(c, text, request.text, language) for c in commitments]
    sections = _sections(stored, text) if stored is not None else []
    completeness = stored.completeness if stored is not None else None
    if request.save:
        _check_resemblance(document, stored, text, request)
        stored = _save(session, document, stored, request, language, commitments, results)
        _move_sections(session, stored, sections)
        completeness = stored.completeness
    return AnchorReport(
        agreement_id=agreement.id,
        document=choice,
        language=language,
        text_length=len(request.text),
        commitments=results,
        sections=sections,
        saved=request.save,
        completeness=completeness,
    )


def identify_document(
    agreement: models.Agreement,
    text: Skeleton,
    language: str,
    *,
    url: str | None = None,
    source: str = "the text",
) -> DocumentChoice:
    """The document of ``agreement`` that ``text`` is: by URL, else by content or title.

    Raises NotFoundError when no document fits well enough, or when several fit alike.
    """
    ranked = rank_documents(agreement, text, language, url=url)
    listed = ", ".join(f"{c.key} ({c.score:.2f})" for c in ranked[:3])
    closest, closest_ja = listed or "none", listed or "なし"
    if not ranked or ranked[0].score < IDENTIFY_THRESHOLD:
        raise NotFoundError(
            f"document of {agreement.id} matching",
            source,
            f"closest: {closest}; name it with --document KEY",
            ja=f"{source} に合う {agreement.id} の文書が見つかりません。"
            f"近い候補：{closest_ja}。--document KEY で文書を指定してください",
        )
    if len(ranked) > 1 and ranked[0].score - ranked[1].score < IDENTIFY_MARGIN:
        raise NotFoundError(
            f"single document of {agreement.id} matching",
            source,
            f"several fit: {closest}; name it with --document KEY",
            ja=f"{source} に合う {agreement.id} の文書を一つに絞れません。"
            f"候補：{closest_ja}。--document KEY で文書を指定してください",
        )
    return ranked[0]


def rank_documents(
    agreement: models.Agreement, text: Skeleton, language: str, *, url: str | None = None
) -> list[DocumentChoice]:
    """The agreement's documents, best fit for ``text`` first, each with its score (0-1).

    A stored URL equal to ``url`` scores 1; otherwise the score is how much of the stored text
    in that language the new text contains, or (a little less trusted) how closely the title
    is found, nearly word for word, in its first lines.
    """
    if url is not None:
        for document in agreement.documents:
            if any(t.url and _same_url(t.url, url) for t in document.texts):
                return [DocumentChoice(document.key, "url", 1.0)]
    head = skeleton(text.original[:_TITLE_HEAD])
    scored: list[DocumentChoice] = []
    for document in agreement.documents:
        stored = _text_of(document, language)
        content = (
            containment(skeleton(stored.body), text) if stored is not None and stored.body else 0.0
        )
        title = document.title_ja if language == "ja" else document.title_en
        found = locate(title, head) if title else None
        by_title = 0.9 * found.score if found and found.score >= FUZZY_THRESHOLD else 0.0
        if content >= by_title:
            scored.append(DocumentChoice(document.key, "content", round(content, 3)))
        else:
            scored.append(DocumentChoice(document.key, "title", round(by_title, 3)))
    return sorted(scored, key=lambda choice: choice.score, reverse=True)


def _same_url(stored: str, given: str) -> bool:
    def bare(url: str) -> str:
        return url.split("#")[0].rstrip("/").removeprefix("https://").removeprefix("http://")

    return bare(stored) == bare(given)


def _text_of(document: models.Document, language: str) -> models.DocumentText | None:
    return next((t for t in document.texts if t.language == language), None)


def _anchor_one(
    commitment: models.Commitment, text: Skeleton, original: str, language: str
) -> CommitmentAnchor:
    held = commitment.text
    if held is not None and held.body is not None and commitment.span_start is not None:
        end = commitment.span_end if commitment.span_end is not None else commitment.span_start
        previous = held.body[commitment.span_start : end]
        if held.language != language:
            return CommitmentAnchor(
                commitment.code, Outcome.OTHER_LANGUAGE, None, None, None, None, previous
            )
        near = commitment.span_start / max(1, len(held.body))
        found = locate(previous, text, near=near)
        good = found is not None and (
            found.method is Method.EXACT or found.score >= FUZZY_THRESHOLD
        )
        outcome = Outcome(found.method.value) if found is not None and good else None
        return _result(commitment.code, found, outcome, original, previous)
    statement = commitment.statement_ja if language == "ja" else commitment.statement_en
    if not statement.strip():
        return CommitmentAnchor(commitment.code, Outcome.NO_STATEMENT, None, None, None, None, None)
    found = align_statement(statement, original, language)
    good = found is not None and found.score >= STATEMENT_THRESHOLD
    return _result(commitment.code, found, Outcome.STATEMENT if good else None, original, None)


def _result(
    code: str,
    found: Match | None,
    outcome: Outcome | None,
    original: str,
    previous: str | None,
) -> CommitmentAnchor:
    if found is None:
        return CommitmentAnchor(code, Outcome.NOT_FOUND, None, None, None, None, previous)
    return CommitmentAnchor(
        code,
        outcome or Outcome.LOW_CONFIDENCE,
        found.score,
        found.start,
        found.end,
        original[found.start : found.end],
        previous,
    )


def _sections(stored: models.DocumentText, text: Skeleton) -> list[SectionAnchor]:
    """Find each section of the old text again by its first words; ends follow the starts."""
    if stored.body is None:
        return []
    starts: list[tuple[str, int | None]] = []
    for section in stored.sections:
        snippet = stored.body[section.start : section.end].strip().split("\n")[0]
        snippet = snippet[:_SECTION_SNIPPET]
        near = section.start / max(1, len(stored.body))
        found = locate(snippet, text, near=near) if snippet else None
        good = found is not None and (
            found.method is Method.EXACT or found.score >= FUZZY_THRESHOLD
        )
        starts.append((section.key, found.start if found is not None and good else None))
    located = sorted((start, key) for key, start in starts if start is not None)
    ends = {key: (located[i + 1][0] if i + 1 < len(located) else len(text.original))
            for i, (_, key) in enumerate(located)}  # fmt: skip
    return [SectionAnchor(key, start, ends.get(key)) for key, start in starts]


def _check_resemblance(
    document: models.Document,
    stored: models.DocumentText | None,
    text: Skeleton,
    request: AnchorRequest,
) -> None:
    """A fuller text contains the text it replaces; refuse to overwrite it with another one."""
    if stored is None or not stored.body or request.force:
        return
    share = containment(skeleton(stored.body), text)
    if share < IDENTIFY_THRESHOLD:
        raise ConflictError(
            f"{request.source} holds only {share:.0%} of the stored {stored.language} text of "
            f"{document.key}, so it is not a fuller text of it; nothing was saved (--force "
            "saves anyway)",
            ja=f"{request.source} には、保存済みの {document.key} の {stored.language} テキストの"
            f"{share:.0%}しか含まれていないため、その完全版ではありません。何も保存していません"
            "（--force を付けると保存します）",
        )


def _save(
    session: Session,
    document: models.Document,
    stored: models.DocumentText | None,
    request: AnchorRequest,
    language: str,
    commitments: Sequence[models.Commitment],
    results: Sequence[CommitmentAnchor],
) -> models.DocumentText:
    """Replace the document's text and move the anchored commitments onto it."""
    lost = [
        result.code
        for commitment, result in zip(commitments, results, strict=True)
        if stored is not None
        and commitment.text_id == stored.id
        and commitment.span_start is not None
        and not result.anchored
    ]
    if lost and not request.force:
        raise ConflictError(
            f"{', '.join(lost)} {'is' if len(lost) == 1 else 'are'} anchored in the stored "
            f"{language} text of {document.key} but not found in {request.source}; nothing was "
            "saved (is it the same document? --force saves anyway, keeping the old passage in "
            "the span note)",
            ja=f"{', '.join(lost)} は保存済みの {document.key} の {language} テキストで位置が"
            f"特定されていますが、{request.source} には見つかりません。何も保存していません"
            "（同じ文書でしょうか。--force を付けると、元の箇所を位置の注記に残して保存します）",
        )
    day = datetime.now(UTC).date().isoformat()
    for commitment, result in zip(commitments, results, strict=True):
        if result.code in lost:
            commitment.span_note_en = (
                f"Not found in the text supplied on {day} from {request.source}; it was "
                f"anchored before to «{result.previous}»."
            )
            commitment.span_note_ja = (
                f"{day}に{request.source}から取り込んだテキストには見つからない。"
                f"以前の該当箇所は«{result.previous}»。"
            )
            commitment.text = None
            commitment.span_start = commitment.span_end = None
    note_en = f"Text replaced on {day} from {request.source} by {request.saved_by}."
    note_ja = f"{day}に{request.saved_by}が{request.source}のテキストに置き換えた。"
    if stored is None:
        stored = models.DocumentText(
            language=language,
            url=request.url,
            completeness="complete" if request.complete else "partial",
            completeness_note_en=note_en,
            completeness_note_ja=note_ja,
        )
        document.texts.append(stored)
    else:
        stored.completeness_note_en = f"{stored.completeness_note_en} {note_en}".strip()
        stored.completeness_note_ja = f"{stored.completeness_note_ja}{note_ja}".strip()
        if request.complete:
            stored.completeness = "complete"
        if request.url is not None:
            stored.url = request.url
    stored.body = request.text
    session.flush()
    for commitment, result in zip(commitments, results, strict=True):
        if not result.anchored:
            continue
        commitment.text = stored
        commitment.span_start, commitment.span_end = result.start, result.end
        commitment.span_note_en = commitment.span_note_ja = None
    session.flush()
    return stored


def _move_sections(
    session: Session, stored: models.DocumentText, sections: Sequence[SectionAnchor]
) -> None:
    """Sections found again take their new offsets; the others would point amiss and go."""
    found = {section.key: section for section in sections}
    for row in list(stored.sections):
        anchor = found.get(row.key)
        if anchor is None or anchor.start is None or anchor.end is None:
            stored.sections.remove(row)
            session.delete(row)
        else:
            row.start, row.end = anchor.start, anchor.end
    session.flush()
