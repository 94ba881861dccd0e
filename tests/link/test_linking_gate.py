"""Quality gate: linking accuracy on the development news set may not fall below the pinned figures.

The figures are pinned in bench/linking_baseline.json; bench/linking.py --write-baseline raises
them after an improvement (see BENCHMARKS.md). The news texts are third-party: they are read from
../shared at test time, never copied into the project. Speed is measured by the benchmark only.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pledgewatch.capture.default import default_agreement_path, thesaurus_path
from pledgewatch.link.evaluation import (
    Evaluation,
    GoldLink,
    LabelledItem,
    evaluate,
    read_item_file,
    read_labelled_set,
    score_proposals,
)
from pledgewatch.link.linker import ItemText, LinkCandidate, build_linker
from pledgewatch.store.db import make_engine

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT.parent / "shared" / "eval" / "news-dev"
BASELINE = ROOT / "bench" / "linking_baseline.json"


@pytest.fixture(scope="module")
def result(loaded_url: str) -> Evaluation:
    engine = make_engine(loaded_url)
    try:
        with Session(engine) as session:
            linker = build_linker(session)
    finally:
        engine.dispose()
    return evaluate(linker, read_labelled_set(DEV_SET))


def test_accuracy_does_not_fall_below_the_pinned_figures(result: Evaluation) -> None:
    pinned: dict[str, float] = json.loads(BASELINE.read_text())
    figures = result.figures()
    for name, floor in pinned.items():
        if name == "distractors_linked":
            assert figures[name] <= floor, f"{name}: {figures[name]} > pinned {floor}"
        else:
            assert figures.get(name, 0.0) >= floor - 1e-9, f"{name}: {figures.get(name)} < {floor}"


def test_the_dev_set_is_read_as_its_readme_describes() -> None:
    labelled = read_labelled_set(DEV_SET)
    assert len(labelled) == 36
    assert sum(entry.role == "distractor" for entry in labelled) == 12
    assert all(entry.item.published is not None for entry in labelled)
    assert {entry.item.language for entry in labelled} == {"ja", "en"}
    assert default_agreement_path().exists()
    assert thesaurus_path().exists()


def _candidate(code: str, judgement: str) -> LinkCandidate:
    return LinkCandidate(f"a/{code}", 0.9, judgement, ())  # type: ignore[arg-type]


def test_the_measures_follow_the_readme() -> None:
    item = ItemText("t", "x", None, "en")
    labelled = [
        LabelledItem(
            "1",
            "f",
            "evidence",
            item,
            (GoldLink("A", "achieved", False), GoldLink("B", "mention-only", True)),
        ),
        LabelledItem("2", "f", "evidence", item, (GoldLink("C", "progress", False),)),
        LabelledItem("3", "f", "distractor", item, ()),
        LabelledItem("4", "f", "evidence", item, (GoldLink("D", "setback", True),)),
    ]
    proposals = [
        [_candidate("B", "mention"), _candidate("A", "progress")],  # p@1 hit via a mention link
        [_candidate("X", "progress")],  # p@1 miss, C not recalled
        [_candidate("Y", "progress")],  # a distractor linked
        [_candidate("D", "setback")],  # ambiguous: counts for recall, not for judgement
    ]
    found = score_proposals(labelled, proposals)
    assert found.precision_at_1 == pytest.approx(2 / 3)
    assert found.recall_at_3 == pytest.approx(2 / 3)  # A and D of A, C, D
    assert found.distractors_linked == 1
    assert found.judgement_accuracy == {"progress": 0.0, "achieved": 0.0, "setback": None}
    assert found.mean_judgement_accuracy == 0.0
    assert [miss.what for miss in found.misses] == [
        "judgement",
        "precision@1",
        "recall@3",
        "distractor",
    ]


def test_item_files_are_read_with_their_header(tmp_path: Path) -> None:
    path = tmp_path / "001.txt"
    path.write_text(
        "url: https://example.org/a\ndate: 2025-11 (approximate)\nlanguage: ja\n"
        "title: 見出し\n---\n本文です。\n",
        encoding="utf-8",
    )
    item = read_item_file(path)
    assert (item.title, item.text, item.language) == ("見出し", "本文です。", "ja")
    assert item.published is not None
    assert item.published == date(2025, 11, 1)
