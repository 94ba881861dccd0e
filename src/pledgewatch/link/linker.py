"""Rank the commitments an item is evidence for: a calibrated score, a judgement, reasons.

An item is read once (features.py: tokens, concepts, countries and actors, event cues, passage
by passage); the index (index.py) then gives, for every commitment, seven signals in 0..1:

- terms: its BM25 score (bilingual records, title words counting twice), relative to the best
  commitment for the same item;
- concepts: the share of its thesaurus concepts the item names, rarer concepts weighing more;
- specific: whether the item names one of the concepts only this commitment has (its working
  group, its ministerial), 1 for commitments without such concepts;
- parties: whether the item names every party the commitment is about (countries, their
  ministries, agencies and office holders count for them); for a commitment each party
  fulfils on its own (``CommitmentRecord.per_party``), whether it is about one of them;
- focus: the share of the item's country mentions that are the agreement's parties;
- actors: whether it names one of the commitment's responsible bodies or companies;
- deadline: how close the item's date is to the commitment's deadline.

A logistic function of these (calibration.py) is the score; below the threshold nothing is
linked, and items published on or before an agreement's day are never evidence for it. The
judgement comes from the event cues of the passages about the commitment (cues.py).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy.orm import Session

from pledgewatch.link.actors import NAMED, ActorFile, ActorLexicon, default_actor_file
from pledgewatch.link.calibration import (
    ACTORS,
    CONCEPTS,
    DEADLINE,
    PARTIES,
    TERMS,
    LinkSettings,
    logits,
    scores_of,
    threshold_logit,
)
from pledgewatch.link.cues import CueFile, CueHit, CueLexicon, Judgement, judgement_of
from pledgewatch.link.features import ItemFeatures, ItemReader, ItemText
from pledgewatch.link.index import CommitmentIndex, FloatArray, IndexedCommitment
from pledgewatch.link.lexicon import prepare
from pledgewatch.link.records import (
    CommitmentRecord,
    ThesaurusEntry,
    commitment_records,
    thesaurus_entries,
)
from pledgewatch.text.concepts import ConceptMatcher, ConceptTerms

__all__ = [
    "ItemText",
    "LinkCandidate",
    "LinkSettings",
    "Linker",
    "Reason",
    "build_linker",
    "concept_matcher",
]

# How a party reason says the item is evidence for that party's own part only.
OWN_PART = "(its own part)"

# Items scored together. Their (signals, items, commitments) array is 7 MB for 1,000
# commitments, which stays near the processor's caches: 256 scored faster than 64, 128 or 512.
_BATCH = 256


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason a link was proposed, shown to the reviewer."""

    kind: str  # "terms" | "concept" | "party" | "actor" | "time" | "cue"
    detail: str  # e.g. "concept: minerals-ministerial (閣僚会合)", "cue: 開催した -> achieved"
    weight: float  # what it added to the score's logit (0 for cues: they give the judgement)


@dataclass(frozen=True, slots=True)
class LinkCandidate:
    """A proposed link from an item to a commitment."""

    commitment: str  # CommitmentRecord.key
    score: float  # calibrated 0..1
    judgement: Judgement  # "achieved" | "progress" | "setback" | "mention"
    reasons: tuple[Reason, ...]
    # The one party whose own part the item is evidence for, when the commitment is fulfilled
    # by each party on its own and the item names only some of them; None for all its parties.
    party: str | None = None


class Linker:
    """Ranks commitments for items; build once over the records, reuse for many items."""

    def __init__(
        self,
        records: Sequence[CommitmentRecord],
        *,
        concepts: ConceptMatcher,
        settings: LinkSettings | None = None,
        thesaurus: Sequence[ThesaurusEntry] = (),
        actors: ActorFile | None = None,
        cues: CueFile | None = None,
    ) -> None:
        self.settings = settings or LinkSettings()
        self.records = tuple(records)
        broader = {e.concept_id: e.broader for e in thesaurus if e.broader is not None}
        names = [name for record in self.records for name in record.actors]
        actor_lexicon = ActorLexicon(actors or default_actor_file(), names)
        cue_lexicon = CueLexicon(cues)
        self.reader = ItemReader(concepts, actor_lexicon, cue_lexicon, broader)
        self.index = CommitmentIndex(
            self.records,
            thesaurus,
            actor_lexicon,
            cue_lexicon,
            deadline_window_days=self.settings.deadline_window_days,
        )
        self._weights = self.settings.vector().tolist()

    # --- the public face -----------------------------------------------------------------------

    def read(self, item: ItemText) -> ItemFeatures:
        """Read an item (tokens, concepts, actors, cues) for ``rank_features``."""
        features = self.reader.read(item)
        features.token_ids[(self.index, "terms")] = self.index.term_ids(features)
        features.token_ids[(self.index, "keys")] = self.index.key_columns(features)
        return features

    def rank(self, item: ItemText, *, top: int = 3) -> list[LinkCandidate]:
        """Candidates above the threshold, best first, at most ``top``; [] when none passes."""
        return self.rank_features([self.read(item)], top=top)[0]

    def rank_many(
        self, items: Sequence[ItemText], *, top: int = 3, workers: int = 1
    ) -> list[list[LinkCandidate]]:
        """``rank`` for many items: read one by one, scored together in batches.

        Reading (Sudachi above all) holds the interpreter lock, so ``workers`` > 1 shares the
        items among that many forked processes, each reading and scoring its part. Where
        processes cannot be forked, or for a few items, everything stays in this process.
        """
        if workers <= 1 or len(items) < 8 * workers or not _can_fork():
            return self.rank_features([self.read(item) for item in items], top=top)
        size = max(1, min(_BATCH, -(-len(items) // (4 * workers))))
        parts = [(items[i : i + size], top) for i in range(0, len(items), size)]
        global _WORKER_LINKER  # handed to the forked workers
        _WORKER_LINKER = self
        # The workers share this process's objects until they write to them. Frozen, they
        # are left alone by the workers' garbage collector, which would otherwise copy every
        # page it visits (8 % more items/s, measured with 3,000 items read in the parent).
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                ranked = pool.map(_rank_in_worker, parts, chunksize=1)
        finally:
            gc.unfreeze()
            _WORKER_LINKER = None
        return [candidates for part in ranked for candidates in part]

    def read_many(self, items: Sequence[ItemText]) -> list[ItemFeatures]:
        """``read`` for many items."""
        return [self.read(item) for item in items]

    def rank_features(
        self, features: Sequence[ItemFeatures], *, top: int = 3
    ) -> list[list[LinkCandidate]]:
        """Scoring and explaining, on items already read."""
        ranked: list[list[LinkCandidate]] = []
        for start in range(0, len(features), _BATCH):
            batch = features[start : start + _BATCH]
            chosen, signals = self._score_batch(batch, top)
            for item, pairs, columns in zip(batch, chosen, signals, strict=True):
                ranked.append(
                    [
                        self._candidate(item, d, score, column)
                        for (d, score), column in zip(pairs, columns, strict=True)
                    ]
                )
        return ranked

    def score_features(
        self, features: Sequence[ItemFeatures], *, top: int = 3
    ) -> list[list[tuple[str, float]]]:
        """The scoring step alone: (commitment key, score) above the threshold, best first.

        ``rank_features`` adds the judgement and the reasons to these.
        """
        keys = [record.key for record in self.records]
        scored: list[list[tuple[str, float]]] = []
        for start in range(0, len(features), _BATCH):
            chosen, _ = self._score_batch(features[start : start + _BATCH], top)
            scored.extend([(keys[d], score) for d, score in pairs] for pairs in chosen)
        return scored

    def signals(self, features: Sequence[ItemFeatures]) -> FloatArray:
        """The signals of items against every commitment: (len(SIGNALS), items, commitments)."""
        return self.index.signals(features)

    # --- scoring -------------------------------------------------------------------------------

    def _score_batch(
        self, features: Sequence[ItemFeatures], top: int
    ) -> tuple[list[list[tuple[int, float]]], list[list[list[float]]]]:
        """Per item: the (commitment, score) pairs above the threshold, and their signals."""
        if not features or not self.records or top < 1:
            return [[] for _ in features], [[] for _ in features]
        signals = self.index.signals(features)
        scores = logits(signals, self.settings)
        np.copyto(scores, -np.inf, where=self.index.barred(features, signals))
        # The best `top` of each row by logit, without sorting whole rows; the order among
        # equal logits is the commitments' order.
        k = min(top, scores.shape[1])
        best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        best_scores = np.take_along_axis(scores, best, axis=1)
        order = np.lexsort((best, -best_scores), axis=1)
        best = np.take_along_axis(best, order, axis=1)
        best_scores = np.take_along_axis(best_scores, order, axis=1)
        passing = best_scores >= threshold_logit(self.settings)
        rows, ranks = np.nonzero(passing)
        docs = best[rows, ranks]
        columns = signals[:, rows, docs].T.tolist()
        chosen: list[list[tuple[int, float]]] = [[] for _ in features]
        chosen_signals: list[list[list[float]]] = [[] for _ in features]
        for row, doc, score, column in zip(
            rows.tolist(),
            docs.tolist(),
            scores_of(best_scores[rows, ranks]).tolist(),
            columns,
            strict=True,
        ):
            chosen[row].append((doc, score))
            chosen_signals[row].append(column)
        return chosen, chosen_signals

    def _candidate(
        self, item: ItemFeatures, d: int, score: float, signal: list[float]
    ) -> LinkCandidate:
        commitment = self.index.commitments[d]
        record = commitment.record
        weights = self._weights
        reasons: list[Reason] = []
        rank = commitment.term_rank
        shared = sorted(rank.keys() & item.tokens, key=rank.__getitem__)[:5]
        if shared:
            detail = "terms: " + ", ".join(shared)
            reasons.append(Reason("terms", detail, weights[TERMS] * signal[TERMS]))
        concept_weight = weights[CONCEPTS] * signal[CONCEPTS]
        for concept in record.sectors:
            if concept in item.concepts:
                words = item.concept_terms.get(concept, "")
                reasons.append(Reason("concept", f"concept: {concept} ({words})", concept_weight))
        named = [p for p in commitment.parties if p in item.countries]
        party = None
        if record.per_party and named and len(named) < len(commitment.parties):
            party = max(named, key=lambda p: item.countries[p])
        if named:
            detail = "party: " + (f"{party} {OWN_PART}" if party else ", ".join(named))
            reasons.append(Reason("party", detail, weights[PARTIES] * signal[PARTIES]))
        for tag in commitment.actor_tags:
            if tag in item.actors:
                detail = f"actor: {tag.removeprefix(NAMED)}"
                reasons.append(Reason("actor", detail, weights[ACTORS] * signal[ACTORS]))
        deadline = record.deadline
        if deadline is not None and item.published is not None and signal[DEADLINE] > 0.1:
            days = (deadline - item.published).days
            when = f"{days} days before" if days >= 0 else f"{-days} days after"
            detail = f"time: {when} the deadline {deadline.isoformat()}"
            reasons.append(Reason("time", detail, weights[DEADLINE] * signal[DEADLINE]))
        judgement, cues = _judge(item, commitment)
        details = list(dict.fromkeys(cue.detail for cue in cues))
        reasons.extend(Reason("cue", detail, 0.0) for detail in details[:3])
        return LinkCandidate(record.key, round(score, 4), judgement, tuple(reasons), party)


_WORKER_LINKER: Linker | None = None


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _rank_in_worker(part: tuple[Sequence[ItemText], int]) -> list[list[LinkCandidate]]:
    if _WORKER_LINKER is None:  # pragma: no cover - set before the pool forks
        raise RuntimeError("no linker in this worker")
    items, top = part
    return _WORKER_LINKER.rank_features([_WORKER_LINKER.read(item) for item in items], top=top)


def _judge(item: ItemFeatures, commitment: IndexedCommitment) -> tuple[Judgement, list[CueHit]]:
    """The judgement the cues of the passages about a commitment give, and those cues.

    A passage is about the commitment when it names one of its concepts or actors. An achieved
    cue can complete the commitment only in a passage that names one of its own topics (the
    working group, the defence spending), not just its sector or a ministry: a cabinet decision
    on the budget does not revise the security documents.
    """
    keys = commitment.keys
    topics = commitment.topics
    weighted: list[tuple[CueHit, float]] = []
    for names, weight, cues in item.cue_passages:
        if keys.isdisjoint(names):
            continue
        on_topic = not topics.isdisjoint(names)
        for cue in cues:
            if cue.cue_class == "achieved" and not on_topic:
                cue = replace(cue, cue_class="progress")
            weighted.append((cue, weight))
    judgement = judgement_of(weighted, commitment.acts)
    return judgement, [cue for cue, _ in weighted if _supports(cue, judgement, commitment.acts)]


def _supports(cue: CueHit, judgement: Judgement, acts: frozenset[str]) -> bool:
    if judgement == "achieved":
        return cue.cue_class == "achieved" and cue.kind in acts
    return cue.cue_class == judgement or (judgement == "progress" and cue.cue_class == "achieved")


def concept_matcher(thesaurus: Sequence[ThesaurusEntry]) -> ConceptMatcher:
    """A concept matcher for items read by the linker.

    Items are read with hyphens between words as spaces (lexicon.prepare), so each thesaurus
    term is listed that way too ('Japan-US alliance' as 'Japan US alliance').
    """
    return ConceptMatcher(
        ConceptTerms(
            e.concept_id,
            _as_written_and_prepared((*e.terms_en, *e.terms_ja)),
            in_field=_as_written_and_prepared((*e.in_field_en, *e.in_field_ja)),
            broader=e.broader,
        )
        for e in thesaurus
    )


def _as_written_and_prepared(terms: Sequence[str]) -> tuple[str, ...]:
    """Each term as the thesaurus writes it and as items are read (lexicon.prepare), once."""
    return tuple(dict.fromkeys(t for term in terms for t in (term, prepare(term))))


def build_linker(
    session: Session, *, agreement_id: str | None = None, settings: LinkSettings | None = None
) -> Linker:
    """A linker over the stored commitments (of one agreement, or all) and thesaurus."""
    thesaurus = thesaurus_entries(session)
    return Linker(
        commitment_records(session, agreement_id=agreement_id),
        concepts=concept_matcher(thesaurus),
        settings=settings,
        thesaurus=thesaurus,
    )
