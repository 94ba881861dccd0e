"""Quality gate: extraction accuracy may not fall below the pinned baseline.

In the style of trafilatura's tests/eval_gate.py: bench/extraction.py computes the figures on
the development data (the G7 Research Group's commitments, the labelled sentences, the temporal
expressions) and bench/extraction_baseline.json pins their floors. Speed is benchmarked, never
asserted here. To raise a floor after an improvement, see BENCHMARKS.md (--write-baseline).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench" / "extraction.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_bench", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    bench = _bench()
    if not bench.G7.exists() or not bench.OFFICIAL_SENTENCES.exists():
        pytest.skip(f"the shared evaluation data is not at {bench.SHARED}")
    result: dict[str, float] = bench.accuracy_figures()
    return result


def _baseline() -> dict[str, float]:
    data: dict[str, float] = json.loads((ROOT / "bench" / "extraction_baseline.json").read_text())
    return data


@pytest.mark.parametrize("measure", sorted(_baseline()))
def test_accuracy_does_not_fall_below_the_baseline(figures: dict[str, float], measure: str) -> None:
    floor = _baseline()[measure]
    assert figures[measure] >= floor - 1e-9, (
        f"{measure} fell to {figures[measure]:.4f}, below its floor {floor:.4f}; "
        "run '.venv/bin/python bench/extraction.py --errors' to see the misses"
    )


def test_the_baseline_pins_every_gated_measure() -> None:
    assert set(_baseline()) == set(_bench().GATED)


def test_write_baseline_only_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bench = _bench()
    target = tmp_path / "baseline.json"
    high = dict.fromkeys(bench.GATED, 0.5)
    high["temporal_exact"] = 0.99
    target.write_text(json.dumps(high))
    monkeypatch.setattr(bench, "BASELINE", target)
    lower = dict.fromkeys(bench.GATED, 0.7)
    lower["temporal_exact"] = 0.9
    written = bench.write_baseline(lower)
    assert written["temporal_exact"] == 0.99  # never lowered
    assert written["g7_detection_recall"] == 0.7  # raised
    assert json.loads(target.read_text()) == written
