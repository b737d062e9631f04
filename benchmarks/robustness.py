"""What hostile input costs now that it is bounded: peak memory on decompression bombs, search time at the
query caps, and the time to analyse a text far over the analysis cap.

- Bombs: `crosswire extract` on a 1 MB .warc.gz whose header line inflates to 1 GiB, and on one whose
  record body does; each in a process of its own, whose peak resident memory (ru_maxrss) is read,
  beside that of `extract` on one ordinary page.
- Search: server time (`Server-Timing`) of searches at the caps (`MAX_QUERY_WORDS` words) on the
  synthetic store of `web_speed.py`: distinct common words, one common word repeated (whose cost grew
  with the square of the repeats before they were merged), and the same in FTS5 syntax (not merged).
- Analysis: a 2.5 million character text, cut at `max_analysis_chars`.

Prints numbers; asserts nothing. The machine may be shared: compare figures of one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from web_speed import build

from crosswire.analysis.analyze import analyze_texts
from crosswire.config import DEFAULT_SETTINGS
from crosswire.interfaces.web import create_app
from crosswire.store.full_text import MAX_QUERY_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.ingest.bombs import body_bomb, header_line_bomb  # the tests' own bombs

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
COMMON = ("the", "said", "on", "and", "to", "of", "in", "a", "that", "for", "with", "by")


def peak_memory_of_extract(path: Path) -> tuple[float, float, str]:
    """Peak resident MiB and seconds of `crosswire extract PATH` in a process of its own, and its last message."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "crosswire", "extract", str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode() if process.stderr else ""
    return usage.ru_maxrss / 1024, elapsed, stderr.strip().splitlines()[-1] if stderr.strip() else ""


def bombs(folder: Path) -> None:
    print("decompression bombs (crosswire extract, own process):")
    plain = sorted(SEEDS.glob("*.txt"))[0]
    memory, seconds, _ = peak_memory_of_extract(plain)
    print(f"  {'an ordinary text file':<38} peak {memory:7.0f} MiB  {seconds:5.1f} s")
    for name, make in (("header line inflating to 1 GiB", header_line_bomb), ("body inflating to 1 GiB", body_bomb)):
        path = make(folder / f"{make.__name__}.warc.gz")
        memory, seconds, message = peak_memory_of_extract(path)
        size = path.stat().st_size / 2**20
        print(f"  {name + f' ({size:.1f} MB)':<38} peak {memory:7.0f} MiB  {seconds:5.1f} s  {message[:110]}")


def server_ms(client: TestClient, params: dict[str, str], repeats: int) -> tuple[float, int]:
    times, status = [], 0
    for _ in range(repeats):
        response = client.get("/api/search", params=params)
        status = response.status_code
        times.append(float(response.headers["server-timing"].split("dur=")[1]))
    return statistics.median(times), status


def search(folder: Path, articles: int, repeats: int) -> None:
    path = folder / "search.db"
    build(path, articles, seed=7)
    words = MAX_QUERY_WORDS
    queries = {
        "one common word": {"q": "said"},
        f"{words} distinct common words": {"q": " ".join((COMMON * words)[:words])},
        f"one word x {words}": {"q": " ".join(["said"] * words)},
        f"one word x {words}, fts5 syntax": {"q": " ".join(["said"] * words), "syntax": "fts5"},
        f"one word x {words + 1} (over the cap)": {"q": " ".join(["said"] * (words + 1))},
    }
    print(f"search at the caps ({articles:,} synthetic articles; server time, median of {repeats}):")
    with TestClient(create_app(path)) as client:
        client.get("/api/search", params={"q": "said"})
        for name, params in queries.items():
            ms, status = server_ms(client, params, repeats)
            print(f"  {name:<38} {ms:8.1f} ms  (HTTP {status})")


def long_analysis() -> None:
    paragraph = "Mayor Ann Lee said on Tuesday that the harbour would reopen in March. " * 5
    text = "\n\n".join([paragraph] * 7000)
    started = time.perf_counter()
    [result] = analyze_texts([(text, "2024-03-05")])
    cut = getattr(result, "cut_at", None)
    print(f"analysis of a {len(text):,}-character text: {time.perf_counter() - started:.1f} s "
          f"(cut at {cut:,} by max_analysis_chars = {DEFAULT_SETTINGS.max_analysis_chars:,})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2_000, help="articles in the search store")
    parser.add_argument("--repeats", type=int, default=20, help="requests per search measured")
    parser.add_argument("--skip-analysis", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bombs(Path(folder))
        search(Path(folder), args.articles, args.repeats)
    if not args.skip_analysis:
        long_analysis()


if __name__ == "__main__":
    main()
