"""Run the linker over stories not linked yet and store its candidates as evidence proposals.

One proposal per story and commitment: a story groups the copies of one event, so it is linked
once, through its best item (an official release before media, then the fullest text). What the
machine proposes is kept apart from evidence until a person confirms it (assess/review.py).
A story that fails to link is reported and the run goes on.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy.orm import Session

from pledgewatch.assess.passages import passage_around, terms_from_details
from pledgewatch.errors import InvalidValue, japanese_reason
from pledgewatch.link.calibration import LinkSettings
from pledgewatch.link.features import ItemFeatures
from pledgewatch.link.linker import ItemText, LinkCandidate, Linker, build_linker
from pledgewatch.link.records import commitment_records
from pledgewatch.link.twins import MAX_DAYS, EventFacts, event_facts, same_event
from pledgewatch.store import evidence as evidence_store
from pledgewatch.store.evidence_models import Evidence, EvidenceState, LinkedStory
from pledgewatch.store.monitor_models import Item, Story
from pledgewatch.store.thesaurus import concept_terms

LINKER = "linker"
TOP = 3


class Ranker(Protocol):
    """What the service needs of a linker: an item read once, then its candidates."""

    def read(self, item: ItemText) -> ItemFeatures:
        """The item as the linker reads it (also for the facts of its event)."""
        ...

    def rank_features(
        self, features: Sequence[ItemFeatures], *, top: int = TOP
    ) -> list[list[LinkCandidate]]:
        """Per item read, the candidates above the threshold, best first."""
        ...


@dataclass(frozen=True)
class LinkProblem:
    """A story that could not be linked, and why."""

    story_id: int
    title: str
    message: str
    message_ja: str


@dataclass(frozen=True)
class LinkRun:
    """What one linking run did."""

    stories: int = 0
    linked: int = 0
    proposals: int = 0
    already_held: int = 0
    problems: list[LinkProblem] = field(default_factory=list)


def make_linker(
    session: Session, *, agreement_id: str | None = None, threshold: float | None = None
) -> Linker:
    """The linker over the stored commitments (of one agreement) and thesaurus."""
    settings = LinkSettings()
    if threshold is not None:
        settings = dataclasses.replace(settings, threshold=threshold)
    return build_linker(session, agreement_id=agreement_id, settings=settings)


def best_item(story: Story) -> Item:
    """The item that stands for a story: official before media, then the fullest, then oldest."""
    if not story.items:
        raise InvalidValue(
            f"story {story.id} has no items", ja=f"ストーリー {story.id} に記事がありません"
        )
    return min(
        story.items,
        key=lambda item: (item.trust != "official", -len(item.text or ""), item.id),
    )


def item_text(item: Item) -> ItemText:
    """What the linker reads of an item."""
    return ItemText(
        title=item.title, text=item.text, published=item.published, language=item.language
    )


def link_stories(
    session: Session,
    *,
    ranker: Ranker | None = None,
    agreement_id: str | None = None,
    relink: bool = False,
    threshold: float | None = None,
    top: int = TOP,
) -> LinkRun:
    """Propose evidence for every story not linked yet (every story with ``relink``).

    Proposals already held for a story and commitment, reviewed or not, are left as they are.
    """
    if ranker is None:
        ranker = make_linker(session, agreement_id=agreement_id, threshold=threshold)
    records = commitment_records(session, agreement_id=agreement_id)
    sectors = {record.key: record.sectors for record in records}
    terms_by_concept = {c.concept_id: c.terms for c in concept_terms(session)}
    stories = evidence_store.stories_to_link(session, relink=relink)
    linked = proposals = held = 0
    problems: list[LinkProblem] = []
    now = datetime.now(UTC)
    facts: dict[int, EventFacts] = {}

    def facts_of(item: Item, read: ItemFeatures | None = None) -> EventFacts:
        if item.id not in facts:
            read = read or ranker.read(item_text(item))
            facts[item.id] = event_facts(read, f"{item.title}\n{item.text}")
        return facts[item.id]

    for story in stories:
        try:
            with session.begin_nested():
                item = best_item(story)
                read = ranker.read(item_text(item))
                candidates = ranker.rank_features([read], top=top)[0]
                if candidates:
                    facts_of(item, read)
                made = 0
                for candidate in candidates:
                    if candidate.commitment not in sectors:
                        continue
                    agreement, _, code = candidate.commitment.rpartition("/")
                    existing = evidence_store.evidence_for_story(
                        session, story_id=story.id, agreement_id=agreement, commitment_code=code
                    )
                    if existing is not None:
                        held += 1
                        continue
                    topic_terms = [
                        term
                        for concept in sectors[candidate.commitment]
                        for term in terms_by_concept.get(concept, ())
                    ]
                    made_row = proposal(item, candidate, extra_terms=topic_terms, proposed_at=now)
                    session.add(made_row)
                    session.flush()
                    mark_same_event(session, made_row, item, facts_of)
                    made += 1
                evidence_store.mark_linked(
                    session,
                    LinkedStory(story_id=story.id, item_id=item.id, linked_at=now, proposals=made),
                )
                session.flush()
        # A batch goes on past a bad story: whatever the linker raised is reported with it.
        except Exception as exc:
            why_ja = japanese_reason(exc, otherwise="予期しないエラーです")
            problems.append(
                LinkProblem(
                    story.id,
                    story.title,
                    f"{type(exc).__name__}: {exc}",
                    f"{type(exc).__name__}: {why_ja}",
                )
            )
            continue
        linked += 1
        proposals += made
    return LinkRun(
        stories=len(stories),
        linked=linked,
        proposals=proposals,
        already_held=held,
        problems=problems,
    )


SAME_EVENT = "event"  # the kind of reason that ties two reports of one event


_TIED = re.compile(r"^(?:event: )?same event as evidence #(\d+) \((\w+|\?)\)$")


def same_event_reason(other: Evidence, language: str | None) -> dict[str, object]:
    """The reason a proposal carries when ``other`` (in ``language``) reports its event."""
    return {
        "kind": SAME_EVENT,
        "detail": f"event: same event as evidence #{other.id} ({language or '?'})",
        "weight": 0.0,
    }


def tied_evidence(kind: str, detail: str) -> tuple[int, str] | None:
    """The evidence id and language a same-event reason names; None for any other reason."""
    if kind != SAME_EVENT:
        return None
    found = _TIED.match(detail)
    return (int(found.group(1)), found.group(2)) if found is not None else None


def mark_same_event(
    session: Session, made: Evidence, item: Item, facts_of: Callable[[Item], EventFacts]
) -> None:
    """Tie a new proposal (of ``item``) to the evidence of its commitment reporting its event.

    The other report is in another language, a few days apart at most (link/twins.py). Both
    rows carry the tie while the other is still a proposal; a reviewed row is left as it is.
    """
    if item.published is None:
        return
    mine = facts_of(item)
    others = evidence_store.evidence_published_near(
        session,
        agreement_id=made.agreement_id,
        commitment_code=made.commitment_code,
        day=item.published,
        days=MAX_DAYS,
    )
    for other in others:
        theirs_item = other.item
        if other.story_id == made.story_id or theirs_item.language == item.language:
            continue
        if not same_event(mine, facts_of(theirs_item)):
            continue
        made.reasons = [*made.reasons, same_event_reason(other, theirs_item.language)]
        if other.state == EvidenceState.PROPOSED.value:
            other.reasons = [*other.reasons, same_event_reason(made, item.language)]


def proposal(
    item: Item,
    candidate: LinkCandidate,
    *,
    extra_terms: Sequence[str] = (),
    proposed_at: datetime,
    proposed_by: str = LINKER,
) -> Evidence:
    """A proposal row for one candidate, with its reasons and the passage around its terms."""
    agreement, _, code = candidate.commitment.rpartition("/")
    details = [reason.detail for reason in candidate.reasons]
    return Evidence(
        item_id=item.id,
        story_id=item.story_id,
        agreement_id=agreement,
        commitment_code=code,
        score=round(candidate.score, 4),
        judgement=candidate.judgement,
        reasons=[
            {"kind": r.kind, "detail": r.detail, "weight": round(r.weight, 4)}
            for r in candidate.reasons
        ],
        passage=passage_around(
            f"{item.title}\n{item.text}", [*terms_from_details(details), *extra_terms]
        ),
        state=EvidenceState.PROPOSED.value,
        proposed_at=proposed_at,
        proposed_by=proposed_by,
        party=candidate.party,
    )
