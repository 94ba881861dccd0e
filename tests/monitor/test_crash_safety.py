"""Killing ingestion with SIGKILL at random points loses nothing acknowledged, duplicates nothing.

A real child process (the pledgewatch console script) ingests a folder of 200 generated files
and prints one line per item once it is committed. The test kills it after a random number of
acknowledged lines (seeded), several times, then lets a last run finish, and checks the
database after every kill.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from pledgewatch.monitor.urls import file_url
from pledgewatch.store import migrate
from pledgewatch.store.db import make_engine, session_factory
from pledgewatch.store.monitor_models import Item, Sighting

FILES = 200
ROUNDS = 4
WORDS_EN = ["minister", "agreed", "plan", "shipyard", "minerals", "budget", "tariff", "port"]
WORDS_JA = ["大臣", "合意", "計画", "造船所", "鉱物", "予算", "関税", "投資", "港湾"]


def make_folder(folder: Path, rng: random.Random) -> dict[str, str]:
    """200 files: mostly distinct texts in both languages, some exact copies, some near-copies."""
    folder.mkdir()
    texts: dict[str, str] = {}
    for number in range(FILES):
        name = f"{number:03d}.txt"
        if number >= 20 and number % 10 == 0:
            text = texts[f"{number - 7:03d}.txt"]  # an exact copy
        elif number >= 20 and number % 10 == 5:
            text = texts[f"{number - 3:03d}.txt"] + " 追記。"  # a near-copy
        elif number % 2:
            text = "。".join(
                f"{rng.choice(WORDS_JA)}{rng.randint(1, 10**6)}件の{rng.choice(WORDS_JA)}について"
                f"{rng.choice(WORDS_JA)}が発表した"
                for _ in range(12)
            )
        else:
            text = ". ".join(
                f"The {rng.choice(WORDS_EN)} {rng.randint(1, 10**6)} of the {rng.choice(WORDS_EN)}"
                f" was {rng.choice(WORDS_EN)}ed"
                for _ in range(12)
            )
        texts[name] = text
        (folder / name).write_text(text, encoding="utf-8")
    return texts


def ingest_until_killed(
    command: list[str], rng: random.Random, *, kill_after: int | None
) -> tuple[list[str], int]:
    """Run the child; kill it after ``kill_after`` acknowledged items; return what it acked."""
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "COLUMNS": "10000"},
    )
    assert child.stdout is not None
    acked: list[str] = []
    for line in child.stdout:
        url = next((word for word in line.split() if word.startswith("file://")), None)
        if url is not None:
            acked.append(url)
        if kill_after is not None and len(acked) >= kill_after:
            time.sleep(rng.random() * 0.02)
            child.send_signal(signal.SIGKILL)
            break
    # lines already written before the kill were printed after their commit: acknowledged too
    for line in child.stdout:
        acked.extend(word for word in line.split() if word.startswith("file://"))
    return acked, child.wait(timeout=60)


def check(engine: Engine, acked: set[str]) -> int:
    with session_factory(engine)() as session:
        duplicate_items = session.execute(
            select(Item.canonical_url, Item.revision)
            .group_by(Item.canonical_url, Item.revision)
            .having(func.count() > 1)
        ).all()
        duplicate_sightings = session.execute(
            select(Sighting.item_id, Sighting.url)
            .group_by(Sighting.item_id, Sighting.url, Sighting.source_id)
            .having(func.count() > 1)
        ).all()
        seen = set(session.scalars(select(Sighting.url)))
        items = session.scalar(select(func.count()).select_from(Item)) or 0
    assert duplicate_items == []
    assert duplicate_sightings == []
    assert acked <= seen, f"acknowledged but lost: {sorted(acked - seen)[:5]}"
    return items


@pytest.mark.slow
def test_sigkill_at_random_points_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    rng = random.Random(20251028)  # noqa: S311 - seeded test data, not security
    folder = tmp_path / "inbox"
    texts = make_folder(folder, rng)
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    script = Path(sys.executable).with_name("pledgewatch")
    command = [str(script), "ingest", str(folder), "--db", url]
    acked: set[str] = set()
    killed = 0
    for _ in range(ROUNDS):
        remaining = FILES - len(acked)
        new, code = ingest_until_killed(
            command, rng, kill_after=rng.randint(1, max(1, remaining // 2))
        )
        acked.update(new)
        killed += code == -signal.SIGKILL
        check(engine, acked)
    assert killed >= ROUNDS - 1  # (a round may finish before its kill point)
    final, code = ingest_until_killed(command, rng, kill_after=None)
    assert code == 0
    acked.update(final)
    every_file = {file_url(folder / name) for name in texts}
    assert acked == every_file
    items = check(engine, every_file)
    assert items == len(set(texts.values()))  # exact copies are sightings, not items
    engine.dispose()
