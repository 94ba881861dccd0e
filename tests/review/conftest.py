"""Fixtures of the review and anchoring tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pledgewatch.store.db import make_engine


@pytest.fixture
def write_text(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a text to a file under tmp_path and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def shared_engine(loaded_url: str) -> Iterator[Engine]:
    """The session's database with the default agreement, for tests that only read."""
    engine = make_engine(loaded_url)
    yield engine
    engine.dispose()
