"""Articles per second for `ingest` (extraction and analysis, no stories) serially and on a local Dask cluster.

The same distinct corpus as ingest_speed.py goes into a fresh store each way; the Dask figure
includes starting the cluster and loading spaCy in every worker. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from ingest_speed import build_corpus  # the sibling script's corpus: run as python benchmarks/ingest_dask.py

from crosswire import pipeline


def timed_ingest(paths: list[str], db: Path, dask: str | None) -> tuple[int, float]:
    started = time.perf_counter()
    report = pipeline.ingest(paths, db, stories=False, dask=dask)
    return report.analysed, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        texts, pages = build_corpus(Path(folder), args.copies)
        paths = [str(path) for path in texts + pages]
        pipeline.ingest(paths[:5], Path(folder) / "warm.db", stories=False)  # load spaCy here before timing
        for label, dask in (("serial", None), (f"dask local:{args.workers}", f"local:{args.workers}")):
            analysed, elapsed = timed_ingest(paths, Path(folder) / f"{label.replace(' ', '_')}.db", dask)
            print(f"ingest {label:>13}: {analysed / elapsed:6.1f} articles/s  ({analysed} analysed, {elapsed:.1f} s)")


if __name__ == "__main__":
    main()
