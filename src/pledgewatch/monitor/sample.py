"""The offline sample source shipped with the default agreement.

Short factual summaries, written for pledgewatch in its own words, of real follow-up events
of the 2025-10-28 Japan-US summit, one file per event and language, each naming the public
report it summarises. Registered as a folder source, it lets ``make run`` show monitoring
at work with no network.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from sqlalchemy import Engine

from pledgewatch.monitor.sources import NewSource, ensure_source

SAMPLE_ID = "2025-10-28-japan-us"
SAMPLE_SOURCE_NAME = "sample: 2025-10-28 follow-up (summaries)"
SAMPLE_INTERVAL_MINUTES = 24 * 60


def sample_folder() -> Path:
    """The folder of sample summaries inside the package."""
    return Path(str(files("pledgewatch") / "data" / "samples" / SAMPLE_ID))


def ensure_sample_source(engine: Engine) -> int:
    """Register the sample folder as a source (or point it at where the package is now)."""
    return ensure_source(
        engine,
        NewSource(
            name=SAMPLE_SOURCE_NAME,
            kind="folder",
            location=str(sample_folder()),
            trust="media",
            interval_minutes=SAMPLE_INTERVAL_MINUTES,
        ),
    )
