"""Score a linker on a labelled set of news items, the way the set's README defines it.

The set is a directory with gold.yaml and news/*.txt (header lines `key: value`, a line `---`,
then the text). Measures: precision@1 over evidence items (the top proposal is one of the
item's gold links, any judgement); recall@3 over gold links that are not mention-only;
distractors linked (distractor items with any proposal); judgement accuracy per class
(progress, achieved, setback) over unambiguous, non-mention links, and the mean of the
per-class accuracies. A gold link the linker does not propose counts as a wrong judgement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from pledgewatch.errors import LexiconError
from pledgewatch.link.features import ItemText
from pledgewatch.link.linker import LinkCandidate, Linker

CLASSES = ("progress", "achieved", "setback")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


@dataclass(frozen=True)
class GoldLink:
    """One labelled link of an item."""

    commitment: str  # the commitment code, e.g. "CM-04"
    judgement: str  # progress | achieved | setback | mention-only
    ambiguous: bool


@dataclass(frozen=True)
class LabelledItem:
    """A news item of the set with its role and gold links."""

    id: str
    file: str
    role: str  # evidence | distractor
    item: ItemText
    links: tuple[GoldLink, ...]


def _published(value: str) -> date | None:
    match = _DATE.match(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    return date(int(year), int(month), int(day or 1))


def read_item_file(path: Path) -> ItemText:
    """One news file: its header (title, date, language) and its text."""
    raw = path.read_text(encoding="utf-8")
    head, _, body = raw.partition("\n---\n")
    header: dict[str, str] = {}
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            header[key.strip()] = value.strip()
    return ItemText(
        title=header.get("title", ""),
        text=body.strip(),
        published=_published(header.get("date", "")),
        language=header.get("language") or None,
    )


def read_labelled_set(root: Path) -> list[LabelledItem]:
    """Every item of a labelled set directory, in the order of its gold.yaml."""
    try:
        gold: dict[str, Any] = yaml.safe_load((root / "gold.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(
            root / "gold.yaml",
            str(exc),
            reason_ja=f"読み込めないか、形式が正しくありません（{exc}）",
        ) from exc
    items = []
    for entry in gold["news"]:
        links = tuple(
            GoldLink(str(link["id"]), str(link["judgement"]), bool(link.get("ambiguous", False)))
            for link in entry.get("links") or []
        )
        items.append(
            LabelledItem(
                id=str(entry["id"]),
                file=str(entry["file"]),
                role=str(entry["role"]),
                item=read_item_file(root / str(entry["file"])),
                links=links,
            )
        )
    return items


def code_of(key: str) -> str:
    """The commitment code of a linker key ('2025-10-28-japan-us/CM-04' -> 'CM-04')."""
    return key.rpartition("/")[2]


@dataclass(frozen=True)
class Miss:
    """One thing the linker got wrong on an item, with what it proposed and why."""

    item: str
    what: str  # "precision@1" | "recall@3" | "distractor" | "judgement"
    gold: str
    proposed: tuple[LinkCandidate, ...]


@dataclass
class Evaluation:
    """The measures of one run, and the misses behind them."""

    precision_at_1: float = 0.0
    recall_at_3: float = 0.0
    distractors_linked: int = 0
    distractors: int = 0
    evidence_items: int = 0
    recall_links: int = 0
    judgement_accuracy: dict[str, float | None] = field(default_factory=dict)
    judgement_counts: dict[str, int] = field(default_factory=dict)
    mean_judgement_accuracy: float = 0.0
    misses: list[Miss] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """The accuracy figures the quality gate pins."""
        out = {
            "precision_at_1": round(self.precision_at_1, 4),
            "recall_at_3": round(self.recall_at_3, 4),
            "distractors_linked": float(self.distractors_linked),
            "mean_judgement_accuracy": round(self.mean_judgement_accuracy, 4),
        }
        for name, value in self.judgement_accuracy.items():
            if value is not None:
                out[f"judgement_{name}"] = round(value, 4)
        return out


def evaluate(linker: Linker, labelled: Sequence[LabelledItem]) -> Evaluation:
    """Run the linker over the set (top 3 per item) and score it."""
    return score_proposals(labelled, linker.rank_many([entry.item for entry in labelled], top=3))


def score_proposals(
    labelled: Sequence[LabelledItem], proposals: Sequence[Sequence[LinkCandidate]]
) -> Evaluation:
    """Score the proposals made for each item of the set (best first, top 3 counted)."""
    result = Evaluation()
    top1_hits = 0
    recall_hits = 0
    right = dict.fromkeys(CLASSES, 0)
    total = dict.fromkeys(CLASSES, 0)
    for entry, proposed in zip(labelled, proposals, strict=True):
        proposed = tuple(proposed)
        codes = [code_of(candidate.commitment) for candidate in proposed]
        gold = {link.commitment for link in entry.links}
        if entry.role == "distractor":
            result.distractors += 1
            if proposed:
                result.distractors_linked += 1
                result.misses.append(Miss(entry.id, "distractor", "(none)", proposed))
            continue
        result.evidence_items += 1
        if codes and codes[0] in gold:
            top1_hits += 1
        else:
            result.misses.append(Miss(entry.id, "precision@1", ", ".join(sorted(gold)), proposed))
        for link in entry.links:
            if link.judgement == "mention-only":
                continue
            result.recall_links += 1
            if link.commitment in codes[:3]:
                recall_hits += 1
            else:
                result.misses.append(
                    Miss(entry.id, "recall@3", f"{link.commitment} {link.judgement}", proposed)
                )
            if link.ambiguous or link.judgement not in right:
                continue
            total[link.judgement] += 1
            given = next(
                (c.judgement for c in proposed if code_of(c.commitment) == link.commitment), None
            )
            if given == link.judgement:
                right[link.judgement] += 1
            elif given is not None:
                result.misses.append(
                    Miss(entry.id, "judgement", f"{link.commitment} {link.judgement}", proposed)
                )
    result.precision_at_1 = top1_hits / result.evidence_items if result.evidence_items else 0.0
    result.recall_at_3 = recall_hits / result.recall_links if result.recall_links else 0.0
    result.judgement_counts = dict(total)
    result.judgement_accuracy = {
        name: (right[name] / total[name] if total[name] else None) for name in CLASSES
    }
    present = [value for value in result.judgement_accuracy.values() if value is not None]
    result.mean_judgement_accuracy = sum(present) / len(present) if present else 0.0
    return result
