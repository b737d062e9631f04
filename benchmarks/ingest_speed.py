"""Pages per second for `extract` (HTML and text dumps) and articles per second for `ingest`.

Builds a corpus of distinct pages from the seeds and the HTML fixtures (each copy altered so no
two are identical), then times the pipeline stages on it. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from crosswire import pipeline
from crosswire.records import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "seeds").glob("*.txt"))
HTML = sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))


def build_corpus(folder: Path, copies: int) -> tuple[list[Path], list[Path]]:
    """`copies` variants of every seed and HTML fixture, each with a unique sentence."""
    texts, pages = [], []
    for copy in range(copies):
        marker = f"Variant sentence number {copy} keeps this copy distinct from every other one."
        for seed in SEEDS:
            target = folder / f"{seed.stem}_{copy}.txt"
            lines = seed.read_text("utf-8").split("\n")
            lines.insert(len(lines) // 2, f"\n{marker}\n")
            target.write_text("\n".join(lines), "utf-8")
            texts.append(target)
        for page in HTML:
            target = folder / f"{page.stem}_{copy}.html"
            html = page.read_bytes().replace(b"</p>", f" {marker}</p>".encode(), 1)
            target.write_bytes(html)
            pages.append(target)
    return texts, pages


def rate(paths: list[Path]) -> float:
    started = time.perf_counter()
    extracted = sum(isinstance(item, Article) for item in pipeline.extract(str(path) for path in paths))
    return extracted / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        texts, pages = build_corpus(Path(folder), args.copies)
        rate(texts[:5])
        print(f"extract text dumps: {rate(texts):8.1f} pages/s  ({len(texts)} pages)")
        if pages:
            print(f"extract HTML:       {rate(pages):8.1f} pages/s  ({len(pages)} pages)")
        db = Path(folder) / "bench.db"
        every = [str(path) for path in texts + pages]
        started = time.perf_counter()
        report = pipeline.ingest(every, db)
        elapsed = time.perf_counter() - started
        stored = report.counts.get("ingested", 0)
        print(f"ingest:             {stored / elapsed:8.1f} articles/s  ({stored} stored, {elapsed:.1f} s)")
        started = time.perf_counter()
        again = pipeline.ingest(every, db)
        elapsed = time.perf_counter() - started
        print(f"re-ingest (no-op):  {len(again.outcomes) / elapsed:8.1f} documents/s  {again.counts}")


if __name__ == "__main__":
    main()
