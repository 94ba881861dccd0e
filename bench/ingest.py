"""Ingest benchmark: end-to-end monitoring speed, memory and near-duplicate grouping.

    .venv/bin/python bench/ingest.py            # 2,000+ pages, memory at 500/1000/2000
    .venv/bin/python bench/ingest.py --quick    # a smaller run to try it out

Generates a labelled synthetic corpus (bench/news_corpus.py: Japanese and English articles in
20-80 KB pages of site boilerplate, with syndicated copies and follow-ups), serves it from a
local HTTP server (one RSS feed per site), and measures in the same run:

- end-to-end items/s: pledgewatch's monitor reading the feeds on a fresh SQLite database
  (fetch over HTTP, extraction, fingerprints, deduplication, one transaction per item), with
  pages read in the monitor's process (PLEDGEWATCH_MONITOR_EXTRACT_WORKERS=0) and with the
  default ("auto": a pool of extraction processes, one per CPU, after the first pages);
- extraction alone on the same pages, in memory: trafilatura.extract with its defaults (the
  target's baseline), with DEPENDENCIES.md's precision settings, and pledgewatch's own
  extract_document (text, title, date, language), which is what the pipeline runs;
- peak memory (tracemalloc, and the process's peak RSS) of ingesting 500, 1000 and 2000 pages,
  each in a fresh child process;
- grouping precision and recall over pairs of items: two items are a predicted pair when
  they share a story, a true pair when the corpus labels them copies of one story.

The machine may be shared, so every speed is the best of two alternating passes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import news_corpus
import trafilatura
from sqlalchemy import select

from pledgewatch.fetch.extract import extract_document
from pledgewatch.monitor.extraction import AUTO_POOL_AFTER, ExtractWorkers, auto_workers
from pledgewatch.monitor.runner import Monitor
from pledgewatch.monitor.sources import NewSource, add_source
from pledgewatch.settings import Settings
from pledgewatch.store import migrate
from pledgewatch.store.db import make_engine, session_factory
from pledgewatch.store.monitor_models import Item

SEED = 20251028
WORKERS: tuple[ExtractWorkers, ...] = (0, "auto")
"""End-to-end runs: extraction in the monitor's process, and the default (a pool)."""


@dataclass(frozen=True)
class Site:
    """Pages and feeds to serve, by path."""

    pages: dict[str, bytes]
    labels: dict[str, news_corpus.Article]
    """Article of each page path."""


def build_site(stories: int, *, seed: int = SEED) -> Site:
    """The corpus as pages and one RSS feed per site."""
    corpus = news_corpus.build_corpus(stories, seed=seed)
    pages: dict[str, bytes] = {}
    labels: dict[str, news_corpus.Article] = {}
    by_site: dict[str, list[tuple[str, news_corpus.Article]]] = {}
    for article, html in news_corpus.pages(corpus):
        path = f"/{article.site}/{article.key}.html"
        pages[path] = html
        labels[path] = article
        by_site.setdefault(article.site, []).append((path, article))
    for site, entries in by_site.items():
        pages[f"/{site}/feed.xml"] = _rss(site, entries)
    return Site(pages=pages, labels=labels)


def _rss(site: str, entries: list[tuple[str, news_corpus.Article]]) -> bytes:
    def day(article: news_corpus.Article) -> str:
        when = article.published
        return format_datetime(datetime(when.year, when.month, when.day, tzinfo=UTC))

    items = "".join(
        f"<item><title>{escape(article.title)}</title><link>{{base}}{path}</link>"
        f"<pubDate>{day(article)}</pubDate></item>"
        for path, article in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{site}</title><link>{{base}}/{site}/</link><description>{site}</description>"
        f"{items}</channel></rss>"
    ).encode()


@contextmanager
def serve(site: Site) -> Iterator[str]:
    """A local HTTP server for the site, in a thread; yields its base URL."""
    holder: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        # Keep-alive, as news sites serve (HTTP/1.0 would open a connection per page), and
        # headers and body sent without Nagle's delay, which keep-alive would otherwise hit.
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            body = site.pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            if self.path.endswith(".xml"):
                body = body.replace(b"{base}", holder["base"].encode())
                kind = "application/rss+xml"
            else:
                kind = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["base"] = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder["base"]
    finally:
        server.shutdown()
        server.server_close()


def bench_settings(database_url: str, *, workers: ExtractWorkers = 0) -> Settings:
    """Settings for a local benchmark: the local server allowed, no politeness delay."""
    return Settings(
        database_url=database_url,
        allow_private_networks=True,
        fetch_host_interval_seconds=0,
        monitor_max_fetches=100_000,
        monitor_extract_workers=workers,
    )


@dataclass(frozen=True)
class Ingested:
    """One end-to-end run."""

    seconds: float
    items: int
    stories: dict[str, int]
    """Story id of each page path."""


def site_names(site: Site) -> list[str]:
    """The news sites of the corpus, one feed each."""
    return sorted({path.split("/")[1] for path in site.labels})


def ingest(
    sites: list[str],
    base: str,
    workdir: Path,
    *,
    limit: int | None = None,
    workers: ExtractWorkers = 0,
) -> Ingested:
    """Monitor every site's feed once into a fresh SQLite database; time it."""
    database = workdir / f"bench-{time.monotonic_ns()}.db"
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    settings = bench_settings(url, workers=workers)
    for name in sites:
        add_source(engine, NewSource(name=name, kind="feed", location=f"{base}/{name}/feed.xml"))
    if limit is not None:
        settings = settings.model_copy(update={"monitor_max_fetches": limit // len(sites)})
    started = time.perf_counter()
    with Monitor(engine, settings) as monitor:
        summary = monitor.run_due()
    seconds = time.perf_counter() - started
    failures = [run.failure for run in summary.runs if run.failure]
    if failures:
        raise SystemExit(f"benchmark run failed: {failures}")
    with session_factory(engine)() as session:
        rows = session.execute(select(Item.url, Item.story_id)).all()
    engine.dispose()
    stories = {url.removeprefix(base): story for url, story in rows}
    return Ingested(seconds=seconds, items=len(rows), stories=stories)


def extraction_rate(pages: list[bytes], extract: Callable[[bytes], object]) -> float:
    """Pages per second of an extraction function over pages held in memory."""
    started = time.perf_counter()
    for page in pages:
        extract(page)
    return len(pages) / (time.perf_counter() - started)


EXTRACTIONS: dict[str, Callable[[bytes], object]] = {
    "trafilatura.extract (defaults)": lambda page: trafilatura.extract(page.decode("utf-8")),
    "trafilatura.extract (precision)": lambda page: trafilatura.extract(
        page.decode("utf-8"), include_comments=False, favor_precision=True
    ),
    "pledgewatch extract_document": lambda page: extract_document(
        page, content_type="text/html", charset="utf-8"
    ),
}


def grouping(site: Site, stories: dict[str, int]) -> dict[str, float]:
    """Pairwise precision and recall of the stories against the labels."""
    paths = sorted(stories)
    predicted: set[tuple[str, str]] = set()
    by_story: dict[int, list[str]] = {}
    for path in paths:
        by_story.setdefault(stories[path], []).append(path)
    for members in by_story.values():
        predicted.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    true: set[tuple[str, str]] = set()
    by_group: dict[int, list[str]] = {}
    for path in paths:
        by_group.setdefault(site.labels[path].group, []).append(path)
    for members in by_group.values():
        true.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    hits = predicted & true
    small = {
        pair
        for pair in true
        if "heavy-copy" not in (site.labels[pair[0]].kind, site.labels[pair[1]].kind)
    }
    return {
        "precision": len(hits) / len(predicted) if predicted else 1.0,
        "recall": len(hits) / len(true) if true else 1.0,
        "recall_small_edits": len(hits & small) / len(small) if small else 1.0,
        "true_pairs": len(true),
        "predicted_pairs": len(predicted),
        "follow_ups_merged": sum(
            1
            for a, b in predicted - true
            if "follow-up" in (site.labels[a].kind, site.labels[b].kind)
        ),
        "bulletins_merged": sum(
            1
            for a, b in predicted - true
            if "bulletin" in (site.labels[a].kind, site.labels[b].kind)
        ),
    }


def memory_child(base: str, sites: list[str], pages: int) -> None:
    """In a child process: ingest ``pages`` pages under tracemalloc; print the peaks as JSON.

    The pages are served by the parent, so this process holds the pipeline only.
    """
    with tempfile.TemporaryDirectory() as tmp:
        tracemalloc.start()
        result = ingest(sites, base, Path(tmp), limit=pages)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": result.items, "traced_peak_mb": peak / 2**20, "rss_mb": rss_mb}))


def memory_series(base: str, sites: list[str], sizes: list[int]) -> list[dict[str, float]]:
    """Peak memory of ingesting each number of pages, each in a fresh process."""
    rows = []
    for size in sizes:
        command = [sys.executable, __file__, "--memory-child", str(size), "--base", base]
        output = subprocess.run(  # noqa: S603 - this very script, run by this interpreter
            [*command, "--sites", ",".join(sites)], check=True, capture_output=True, text=True
        ).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=1600, help="original articles")
    parser.add_argument("--quick", action="store_true", help="300 stories, no memory series")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--sites", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.base, args.sites.split(","), args.memory_child)
        return
    stories = 300 if args.quick else args.stories

    started = time.perf_counter()
    site = build_site(stories)
    html = [body for path, body in site.pages.items() if path.endswith(".html")]
    sizes = sorted(len(body) for body in html)
    languages = {
        lang: sum(1 for a in site.labels.values() if a.language == lang) for lang in ("ja", "en")
    }
    kinds: dict[str, int] = {}
    for article in site.labels.values():
        kinds[article.kind] = kinds.get(article.kind, 0) + 1
    print(
        f"corpus: {len(html)} pages ({languages['ja']} ja, {languages['en']} en), "
        f"{sizes[0] / 1000:.0f}-{sizes[-1] / 1000:.0f} KB "
        f"(median {sizes[len(sizes) // 2] / 1000:.0f} KB); "
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        + f"; built in {time.perf_counter() - started:.1f} s"
    )

    rates: dict[str, float] = dict.fromkeys(EXTRACTIONS, 0.0)
    best: dict[ExtractWorkers, Ingested] = {}
    with tempfile.TemporaryDirectory() as tmp, serve(site) as base:
        for _ in range(2):
            for name, extract in EXTRACTIONS.items():
                rates[name] = max(rates[name], extraction_rate(html, extract))
            for workers in WORKERS:
                run = ingest(site_names(site), base, Path(tmp), workers=workers)
                if workers not in best or run.seconds < best[workers].seconds:
                    best[workers] = run
        speeds = {workers: run.items / run.seconds for workers, run in best.items()}
        report_speeds(speeds, rates)
        report_grouping(grouping(site, best[0].stories))
        if not args.quick:
            print()
            print(f"{'pages':>6s} {'traced peak MB':>15s} {'peak RSS MB':>12s}", flush=True)
            for row in memory_series(base, site_names(site), [500, 1000, 2000]):
                print(f"{int(row['pages']):6d} {row['traced_peak_mb']:15.1f} {row['rss_mb']:12.1f}")


def report_speeds(speeds: dict[ExtractWorkers, float], rates: dict[str, float]) -> None:
    """The speed table: each end-to-end run against each extraction alone."""
    print()
    columns = "".join(f"{f'e2e({w}) / this':>18s}" for w in WORKERS)
    print(f"{'measure':60s} {'items/s':>8s}{columns}")
    for workers, speed in speeds.items():
        if workers == "auto":
            what = f"{auto_workers()} extraction processes after {AUTO_POOL_AFTER} pages"
        elif workers == 0:
            what = "in-process"
        else:
            what = f"{workers} extraction processes"
        print(f"{f'end-to-end ({workers}), {what}':60s} {speed:8.1f}")
    for name, rate in rates.items():
        ratios = "".join(f"{speeds[w] / rate:18.2f}" for w in WORKERS)
        print(f"{'extraction alone: ' + name:60s} {rate:8.1f}{ratios}")


def report_grouping(quality: dict[str, float]) -> None:
    """The grouping line."""
    print()
    print(
        f"grouping: precision {quality['precision']:.3f}, recall {quality['recall']:.3f} "
        f"(small-edit copies {quality['recall_small_edits']:.3f}); "
        f"{int(quality['true_pairs'])} labelled pairs, "
        f"{int(quality['predicted_pairs'])} predicted, "
        f"wrongly merged: {int(quality['follow_ups_merged'])} follow-up pairs, "
        f"{int(quality['bulletins_merged'])} bulletin pairs",
        flush=True,
    )


if __name__ == "__main__":
    main()
