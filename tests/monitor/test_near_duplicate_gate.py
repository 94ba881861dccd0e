"""Quality gate: near-duplicate grouping on a labelled set of syndicated copies.

The set is bench/news_corpus.py's generator with a fixed seed (Japanese and English articles,
copies with small edits, copies cut by a third, follow-ups that reuse a third of a story). The
pinned floor is near_duplicate_baseline.json. When a change improves the figures, raise the
floor in the same commit: run this test with PLEDGEWATCH_PRINT_GATE=1 and pytest -s to see the
new figures, and write them (rounded down to two decimals) into the JSON with a note of what
changed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from pledgewatch.monitor.documents import Document
from pledgewatch.monitor.ingestion import Ingestor, Origin
from pledgewatch.store.db import session_factory
from pledgewatch.store.monitor_models import Item

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import news_corpus  # bench/ is not a package; its generator is shared with the gate

BASELINE = Path(__file__).with_name("near_duplicate_baseline.json")


def pairs(groups: dict[str, int]) -> set[tuple[str, str]]:
    members: dict[int, list[str]] = {}
    for key, group in groups.items():
        members.setdefault(group, []).append(key)
    return {
        (a, b) if a < b else (b, a)
        for keys in members.values()
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
    }


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # a quality figure, not SQL
def test_near_duplicate_grouping_stays_above_its_floor(engine: Engine) -> None:
    corpus = news_corpus.build_corpus(160, seed=4242, sentences=(8, 30))
    ingestor = Ingestor(engine)
    for article in corpus.articles:
        ingestor.store(
            Document(
                url=f"https://{article.site}.example/{article.key}",
                title=article.title,
                text=article.text,
                published=article.published,
                language=article.language,
                kind="html",
            ),
            Origin(),
        )
    with session_factory(engine)() as session:
        stories = {
            url.rsplit("/", 1)[1]: story
            for url, story in session.execute(select(Item.url, Item.story_id))
        }
    labels = {article.key: article.group for article in corpus.articles}
    assert set(stories) == set(labels)
    predicted, true = pairs(stories), pairs(labels)
    hits = predicted & true
    small = {
        pair
        for pair in true
        if "heavy-copy" not in {a.kind for a in corpus.articles if a.key in pair}
    }
    figures = {
        "precision": len(hits) / len(predicted),
        "recall": len(hits) / len(true),
        "recall_small_edits": len(hits & small) / len(small),
    }
    languages = {a.language for a in corpus.articles if a.kind == "copy"}
    assert languages == {"en", "ja"}
    if os.environ.get("PLEDGEWATCH_PRINT_GATE"):
        sys.stderr.write(json.dumps({**figures, "texts": len(labels), "pairs": len(true)}) + "\n")
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))
    for name, value in figures.items():
        assert value >= floor[name], f"{name} fell to {value:.3f}, below its floor {floor[name]}"
