"""Event cues: the words that say something happened, and what that means for a commitment.

The lexicon is data (data/cues.yaml, checked with pydantic on load). A cue found in a text is
read with the words around it: plan or future wording ('will be held', 開催する予定) turns an
'achieved' cue into 'progress'; negation ('has not been held', 開催されていない) turns an
achieved or a setback cue into nothing, since an act not done is neither done nor a step. A
demand (撤回を求めた, 'called for it to be withdrawn') reports that someone asked for the act:
an achieved cue becomes progress, a setback cue nothing. Whether an achieved cue completes
a commitment depends on what the commitment promises (see ``CueLexicon.acts_of``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pledgewatch.errors import LexiconError
from pledgewatch.link.lexicon import Hit, Lexicon, prepare

CueClass = Literal["achieved", "progress", "setback"]
Modifier = Literal["negation", "demand", "plan"]
Judgement = Literal["achieved", "progress", "setback", "mention"]
JUDGEMENTS: tuple[Judgement, ...] = ("achieved", "progress", "setback", "mention")


class _Cue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    class_: CueClass = Field(alias="class")
    kind: str = Field(pattern=r"^[a-z-]+$")
    en: list[str] = []
    ja: list[str] = []


class _Act(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kinds: list[str] = Field(min_length=1)
    en: list[str] = []
    ja: list[str] = []


class _Modifier(BaseModel):
    model_config = ConfigDict(extra="forbid")

    en_before: list[str] = []
    ja_after: list[str] = []
    ja_before: list[str] = []


class _Modifiers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    negation: _Modifier
    plan: _Modifier
    demand: _Modifier = _Modifier()


class CueFile(BaseModel):
    """The cue data file."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["pledgewatch-cues/1"]
    cues: list[_Cue] = Field(min_length=1)
    commitment_acts: list[_Act]
    modifiers: _Modifiers


def load_cue_file(path: Path | None = None) -> CueFile:
    """Read and check a cue file (the embedded one by default)."""
    source = path or Path(str(resources.files("pledgewatch") / "data" / "cues.yaml"))
    try:
        data = CueFile.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise LexiconError(
            source, str(exc), reason_ja=f"読み込めないか、形式が正しくありません（{exc}）"
        ) from exc
    achieved = {cue.kind for cue in data.cues if cue.class_ == "achieved"}
    for act in data.commitment_acts:
        unknown = sorted(set(act.kinds) - achieved)
        if unknown:
            raise LexiconError(
                source,
                f"commitment_acts name unknown kinds: {unknown}",
                reason_ja=f"commitment_acts に未知の種類があります：{unknown}",
            )
    return data


@lru_cache(maxsize=1)
def default_cue_file() -> CueFile:
    """The embedded cue file, read once."""
    return load_cue_file()


@dataclass(frozen=True)
class CueHit:
    """A cue read in its context: its class after negation and plans, and why."""

    cue_class: CueClass
    kind: str
    term: str
    start: int
    end: int
    modifier: Modifier | None = None

    @property
    def detail(self) -> str:
        """How the reviewer sees it: 'cue: 開催した -> achieved (meeting)'."""
        note = f", {self.modifier}" if self.modifier else ""
        kind = f" ({self.kind})" if self.cue_class == "achieved" else ""
        return f"cue: {self.term} -> {self.cue_class}{kind}{note}"


def _word_alternation(words: Iterable[str]) -> str:
    escaped = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return "|".join(escaped) if escaped else "(?!)"


_CLAUSE_END = re.compile(r"[。．!?！？;；]|\.\s")


class CueLexicon:
    """The cues and modifiers of a cue file, compiled once."""

    def __init__(self, data: CueFile | None = None) -> None:
        data = data or default_cue_file()
        self._class_kind: dict[str, tuple[CueClass, str]] = {}
        entries: list[tuple[str, list[str]]] = []
        for index, cue in enumerate(data.cues):
            tag = str(index)
            self._class_kind[tag] = (cue.class_, cue.kind)
            entries.append((tag, [*cue.en, *cue.ja]))
        self._cues = Lexicon(entries)
        acts = [(",".join(act.kinds), [*act.en, *act.ja]) for act in data.commitment_acts]
        self._acts = Lexicon(acts)
        negation, plan = data.modifiers.negation, data.modifiers.plan
        demand = data.modifiers.demand
        self._en_demand = re.compile(
            rf"(?i)(?<![a-z])(?:{_word_alternation(demand.en_before)})(?![a-z])"
        )
        self._ja_demand_after = re.compile(_word_alternation(demand.ja_after))
        self._en_negation = re.compile(
            rf"(?i)(?<![a-z])(?:{_word_alternation(negation.en_before)})(?![a-z])"
        )
        self._en_plan = re.compile(
            rf"(?i)(?<![a-z])(?:{_word_alternation(plan.en_before)})(?![a-z])"
        )
        # A negative ending after at most a few kana of conjugation: 開催されなかった,
        # 署名していない, 実現せず.
        self._ja_negation_after = re.compile(
            rf"^[\u3041-\u3096]{{0,5}}?(?:{_word_alternation(negation.ja_after)})"
        )
        self._ja_negation_before = re.compile(rf"(?:{_word_alternation(negation.ja_before)})$")
        self._ja_plan_after = re.compile(_word_alternation(plan.ja_after))
        self._ja_plan_before = re.compile(_word_alternation(plan.ja_before))

    def acts_of(self, statement_en: str, statement_ja: str) -> frozenset[str]:
        """The kinds of achieved event that complete a commitment; empty for continuing ones."""
        kinds: set[str] = set()
        for text in (statement_en, statement_ja):
            for hit in self._acts.find(text):
                for tag in hit.tags:
                    kinds.update(tag.split(","))
        return frozenset(kinds)

    def find(self, prepared: str, lowered: str | None = None) -> list[CueHit]:
        """The cues of a prepared text (see ``lexicon.prepare``), each read in its context."""
        found: list[CueHit] = []
        hits = list(self._cues.finditer(prepared, lowered))
        setbacks = [h.start for h in hits if self._class_kind[h.tags[0]][0] == "setback"]
        for hit in hits:
            cue_class, kind = self._class_kind[hit.tags[0]]
            modifier = self._modifier(prepared, hit.start, hit.end)
            if modifier is None and cue_class == "achieved" and _undone(prepared, hit, setbacks):
                # 開催は見送り, 署名を延期: the event named was called off in the same clause.
                modifier = "negation"
            # An act not done is neither done nor a step; a setback asked for has not happened.
            if modifier == "negation" or (modifier == "demand" and cue_class == "setback"):
                continue
            if modifier is not None and cue_class == "achieved":
                cue_class = "progress"
            found.append(CueHit(cue_class, kind, hit.term, hit.start, hit.end, modifier))
        return found

    def find_text(self, text: str) -> list[CueHit]:
        """``find`` on raw text."""
        return self.find(prepare(text))

    def _modifier(self, text: str, start: int, end: int) -> Modifier | None:
        if _is_japanese(text[start:end]):
            after = text[end : end + 14]
            clause = _CLAUSE_END.search(after)
            if clause is not None:
                after = after[: clause.start() + 1]
            before = text[max(0, start - 8) : start]
            if self._ja_negation_after.match(after) or self._ja_negation_before.search(before):
                return "negation"
            if self._ja_demand_after.search(after):
                return "demand"
            if self._ja_plan_after.search(after) or self._ja_plan_before.search(before):
                return "plan"
            return None
        # English: the few words before the cue, within its clause; a demand's verb may stand
        # further back ("urged Washington to have the tariffs suspended").
        before = text[max(0, start - 40) : start]
        clause_starts = [m.end() for m in _CLAUSE_END.finditer(before)]
        if clause_starts:
            before = before[clause_starts[-1] :]
        words = before.split()[-4:]
        window = " ".join(words)
        if self._en_negation.search(window):
            return "negation"
        if self._en_demand.search(before):
            return "demand"
        if self._en_plan.search(window):
            return "plan"
        return None


def _undone(text: str, hit: Hit, setbacks: list[int]) -> bool:
    """Whether a setback cue follows a Japanese cue closely, in the same clause."""
    if not _is_japanese(hit.term):
        return False
    for start in setbacks:
        if hit.end <= start < hit.end + 8 and not _CLAUSE_END.search(text, hit.end, start):
            return True
    return False


def _is_japanese(term: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" for ch in term)


def judgement_of(hits: Iterable[tuple[CueHit, float]], acts: frozenset[str]) -> Judgement:
    """The judgement weighted cues give a commitment with the given one-off acts.

    An achieved cue completes the commitment only when its kind is one of the commitment's
    acts; otherwise it is a step forward. Setback cues win when they outweigh the achieved cues
    and half the steps; then one completing cue makes it achieved (the steps that surround an
    achievement, a budget drafted and approved, do not undo it); then progress.
    """
    totals: dict[str, float] = {"achieved": 0.0, "progress": 0.0, "setback": 0.0}
    for hit, weight in hits:
        cue_class: str = hit.cue_class
        if cue_class == "achieved" and hit.kind not in acts:
            cue_class = "progress"
        totals[cue_class] += weight
    if not any(totals.values()):
        return "mention"
    if totals["setback"] > 0 and totals["setback"] >= totals["achieved"] + 0.5 * totals["progress"]:
        return "setback"
    if totals["achieved"] > 0:
        return "achieved"
    return "progress"
