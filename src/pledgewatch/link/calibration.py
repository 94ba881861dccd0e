"""Turn the linker's signals into one calibrated score.

The score is a logistic function of seven signals, each in 0..1 (see linker.py), so that it
reads as how strongly the evidence supports the link, and one threshold (0.5) decides. The
weights are few, round and all positive, so the score can only rise when a signal rises (a test
checks it). They were set on the development news set by a coordinate search over a small grid
(bench/linking.py --search), for the best precision@1 plus recall@3 with a margin below the
distractors; ranking is then left to the signals, not to rules about particular items.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

SIGNALS: tuple[str, ...] = (
    "terms",
    "concepts",
    "specific",
    "parties",
    "focus",
    "actors",
    "deadline",
)
TERMS, CONCEPTS, SPECIFIC, PARTIES, FOCUS, ACTORS, DEADLINE = range(len(SIGNALS))

FloatArray = npt.NDArray[np.float32]


def _default_weights() -> dict[str, float]:
    return {
        "terms": 1.0,
        "concepts": 4.0,
        "specific": 1.0,
        "parties": 6.0,
        "focus": 6.0,
        "actors": 2.0,
        "deadline": 0.5,
    }


@dataclass(frozen=True)
class LinkSettings:
    """The calibration of the linker: signal weights, bias and threshold."""

    weights: dict[str, float] = field(default_factory=_default_weights)
    bias: float = -14.5
    threshold: float = 0.5
    deadline_window_days: int = 90

    def weight(self, signal: str) -> float:
        """The weight of one signal (0 when it has none)."""
        return self.weights.get(signal, 0.0)

    def vector(self) -> FloatArray:
        """The weights in the order of SIGNALS."""
        return np.array([self.weight(s) for s in SIGNALS], dtype=np.float32)


def logits(signals: FloatArray, settings: LinkSettings) -> FloatArray:
    """The weighted sum of the signals plus the bias, for every pair.

    ``signals`` has the shape (len(SIGNALS), items, commitments). Candidates are ranked by
    this, which does not flatten out near 1 as the score does.
    """
    # numpy's own loop over the signals, one pass: a BLAS product would be faster alone but
    # its threads contend with the other worker on a busy two-core machine.
    logit: FloatArray = np.einsum("s,sij->ij", settings.vector(), signals)
    logit += np.float32(settings.bias)
    return logit


def calibrated(signals: FloatArray, settings: LinkSettings) -> FloatArray:
    """The score of every pair: the logistic function of its logit."""
    logit = logits(signals, settings)
    np.negative(logit, out=logit)
    np.exp(logit, out=logit)
    logit += 1.0
    return np.reciprocal(logit, out=logit)


def scores_of(logits: FloatArray) -> npt.NDArray[np.float64]:
    """The scores of some logits, in full precision."""
    return 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))


def threshold_logit(settings: LinkSettings) -> float:
    """The logit at which the score reaches the threshold."""
    t = min(max(settings.threshold, 1e-12), 1 - 1e-12)
    return math.log(t / (1 - t))
