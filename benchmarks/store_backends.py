"""The store on SQLite and on PostgreSQL: articles stored per second, ingest without analysis, search latency.

Extracts the ingest benchmark's corpus once, then stores the same articles in an SQLite file and in a
throwaway local PostgreSQL server with its default (durable) settings, each article committed on its own
as ingest does. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from crosswire import pipeline
from crosswire.records import Article
from crosswire.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ingest_speed import build_corpus  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402

QUERIES = ("Sullivan", "Kim Putin", "armoured train", "library council", "weapons Ukraine", "cosmodrome")


def store_rate(location: str, articles: list[Article]) -> float:
    with Store(location) as store:
        run_id = store.start_run(["benchmark"])
        started = time.perf_counter()
        for article in articles:
            store.add_article(article, run_id)
        return len(articles) / (time.perf_counter() - started)


def ingest_rate(location: str, paths: list[str]) -> float:
    started = time.perf_counter()
    report = pipeline.ingest(paths, location, analyse=False, stories=False)
    return report.counts.get("ingested", 0) / (time.perf_counter() - started)


def search_median_ms(location: str, rounds: int = 20) -> float:
    with Store(location, read_only=True) as store:
        timings = []
        for _ in range(rounds):
            for query in QUERIES:
                started = time.perf_counter()
                store.search(query)
                store.count_search(query)
                timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure(name: str, new_location: Callable[[], str], articles: list[Article], paths: list[str]) -> None:
    stored = store_rate(new_location(), articles)
    location = new_location()
    ingested = ingest_rate(location, paths)
    search = search_median_ms(location)
    print(f"{name:<11} add_article {stored:7.1f} articles/s   ingest (no analysis) {ingested:6.1f} articles/s   "
          f"search + count {search:6.2f} ms median")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, PostgresServer(durable=True) as server:
        texts, pages = build_corpus(Path(folder), args.copies)
        paths = [str(path) for path in texts + pages]
        articles = [item for item in pipeline.extract(paths) if isinstance(item, Article)]
        print(f"{len(articles)} articles from {len(paths)} documents")
        files = iter(range(1_000_000))
        measure("SQLite", lambda: str(Path(folder) / f"bench{next(files)}.db"), articles, paths)
        measure("PostgreSQL", server.new_database, articles, paths)


if __name__ == "__main__":
    main()
