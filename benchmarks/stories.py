"""Story grouping on three kinds of input, through the path users take, beside a TF-IDF baseline.

Each set is written as JSON Lines records `{id, url, title, published, text}` in shuffled order
(fixed seed) with ids that leak no gold, ingested by `crosswire ingest` into a fresh store, and
read back with `crosswire export --format json`; each record's story is its article's story
(a record stored as another's copy shares its story). The sets, from `../shared/data/`:

- NeuS val: 307 stories, three outlets' title and lead each (about 65 words), no dates;
- BASIL-dev: 50 events, NYT, Fox News and HuffPost full-length with dates, a year's events on shared topics;
- ECB+-dev: 66 events, full-length reports without dates, two events of one kind per topic.

Per set it prints B-cubed precision, recall and F1 over the records the ingest kept (and, as a
user would count them, with every record it rejected as a story of its own), the number of
stories, TF-IDF cosine average link at the threshold best for that very set, the seconds per
article of the story stage (a second `ingest` of the same file, whose articles are all stored
and analysed already, so it runs little else: model load included), and the same set ingested
in three batches (three `ingest` runs into one store), whose F1 should be within 0.01 of one.

Last, leave one dataset out: the link threshold and the lexical weight are swept on the
signals the stores hold (`crosswire.stories.assign.StoredStories`, clustered in one batch as
one ingest does), chosen on two sets and scored on the third. The shipped constants
are the ones all three choices agree on (see `crosswire.stories.clustering`).

Measured on 2 cores shared with three other jobs (`python benchmarks/stories.py`): see the
module docstring of `crosswire.stories.clustering` and the README.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from crosswire.stories.clustering import ArticleSignal, LinkPolicy, StoryClusterer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CROSSWIRE = Path(sys.executable).with_name("crosswire")
SEED = 13
THRESHOLDS = (-0.05, -0.04, -0.035, -0.03, -0.02, -0.01)
LEXICAL_WEIGHTS = (0.4, 0.5, 0.6)


@dataclass(frozen=True)
class Record:
    id: str
    url: str | None
    title: str
    published: str | None
    text: str
    gold: str

    def json(self) -> str:
        fields = {"id": self.id, "url": self.url, "title": self.title, "published": self.published, "text": self.text}
        return json.dumps(fields, ensure_ascii=False)


def neus() -> list[tuple[dict, str]]:
    rows = []
    with (DATA / "neus-train-val" / "neus_val.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            for article in story["articles"]:
                fields = {"url": None, "title": article["title"].strip(), "published": None}
                rows.append(({**fields, "text": article["lead"].strip()}, story["story_id"]))
    return rows


def basil() -> list[tuple[dict, str]]:
    rows = []
    with (DATA / "basil-dev" / "basil_dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            fields = {"url": row["url"], "title": row["title"], "published": row["date"], "text": row["text"]}
            rows.append((fields, row["story_id"]))
    return rows


def ecbplus() -> list[tuple[dict, str]]:
    rows = []
    with (DATA / "ecbplus-dev" / "ecbplus_dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            fields = {"url": row["url"] or None, "title": row["title"], "published": None, "text": row["text"]}
            rows.append((fields, row["subtopic"]))
    return rows


SETS = {"NeuS val": ("neus", neus), "BASIL-dev": ("basil", basil), "ECB+-dev": ("ecbplus", ecbplus)}


def records(name: str, rows: list[tuple[dict, str]]) -> list[Record]:
    """Shuffled, with ids that say nothing of the gold story."""
    rows = list(rows)
    random.Random(SEED).shuffle(rows)
    return [Record(f"{name}-{position:04d}", gold=gold, **fields) for position, (fields, gold) in enumerate(rows)]


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1: per item, how pure and how complete its cluster is."""
    clusters: dict[str, set[int]] = defaultdict(set)
    classes: dict[str, set[int]] = defaultdict(set)
    for position, (cluster, label) in enumerate(zip(predicted, gold, strict=True)):
        clusters[cluster].add(position)
        classes[label].add(position)
    precision = recall = 0.0
    for cluster, label in zip(predicted, gold, strict=True):
        shared = len(clusters[cluster] & classes[label])
        precision += shared / len(clusters[cluster])
        recall += shared / len(classes[label])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def tfidf_baseline(texts: list[str], gold: list[str]) -> tuple[float, tuple[float, float, float]]:
    """TF-IDF cosine, average link, at the distance threshold that scores best on this very data."""
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    best: tuple[float, tuple[float, float, float]] = (0.0, (0.0, 0.0, 0.0))
    for threshold in np.arange(0.05, 1.0, 0.025):
        model = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=float(threshold)
        )
        scores = bcubed([str(label) for label in model.fit_predict(matrix)], gold)
        if scores[2] > best[1][2]:
            best = (float(threshold), scores)
    return best


def crosswire(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CROSSWIRE), *args], capture_output=True, text=True, check=False)


STORY_MODEL: list[str] = []  # ["--story-model", NAME] when the benchmark is run with another model


def ingest(paths: list[Path], db: Path, *options: str) -> dict[str, str]:
    """Ingest each file in its own run; the article id each record was stored as (rejected ones absent)."""
    article_of: dict[str, str] = {}
    for path in paths:
        result = crosswire("ingest", str(path), "--db", str(db), *options, *STORY_MODEL)
        if result.returncode not in (0, 1):
            raise RuntimeError(f"crosswire ingest {path} failed: {result.stderr[-2000:]}")
        for line in result.stdout.splitlines():
            outcome = json.loads(line)
            if outcome.get("article_id"):
                article_of[outcome["source"].rsplit("#", 1)[1]] = outcome["article_id"]
    return article_of


def exported_stories(db: Path) -> dict[str, str]:
    """Each stored article's story, as `crosswire export --format json` gives it."""
    result = crosswire("export", "--db", str(db), "--format", "json")
    if result.returncode != 0:
        raise RuntimeError(f"crosswire export failed: {result.stderr[-2000:]}")
    exported = json.loads(result.stdout)
    return {article: story["id"] for story in exported["stories"] for article in story["articles"]}


@dataclass(frozen=True)
class Scored:
    kept: tuple[float, float, float]
    all_records: tuple[float, float, float]
    stories: int
    rejected: int


def score(rows: list[Record], article_of: dict[str, str], story_of: dict[str, str]) -> Scored:
    kept = [row for row in rows if row.id in article_of]
    predicted = [story_of.get(article_of[row.id], "unassigned:" + row.id) for row in kept]
    everyone = [story_of.get(article_of.get(row.id, ""), "rejected:" + row.id) for row in rows]
    return Scored(
        bcubed(predicted, [row.gold for row in kept]),
        bcubed(everyone, [row.gold for row in rows]),
        len(set(predicted)),
        len(rows) - len(kept),
    )


def stored_signals(db: Path, articles: list[str]) -> list[ArticleSignal]:
    """What the clusterer knows of each stored article, read back as assignment reads it."""
    from crosswire.store import Store
    from crosswire.stories.assign import StoredStories

    with Store(db) as store:
        stories = StoredStories(store, *STORY_MODEL[1:])
        return [stories.signal(article) for article in articles]


def cluster(signals: list[ArticleSignal], policy: LinkPolicy) -> dict[str, str]:
    """One batch, as one `ingest` of the set assigns it."""
    clusterer = StoryClusterer(len(signals[0].vector), policy)
    clusterer.add(signals)
    return {signal.article_id: clusterer.story_of(signal.article_id) for signal in signals}


def line(label: str, scores: tuple[float, float, float], extra: str = "") -> str:
    precision, recall, f1 = scores
    return f"  {label:<38} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  {extra}"


def run_set(label: str, name: str, rows: list[Record], folder: Path, batches: bool) -> tuple[list[Record], Path, dict]:
    whole = folder / f"{name}.jsonl"
    whole.write_text("".join(row.json() + "\n" for row in rows), encoding="utf-8")
    db = folder / f"{name}.db"
    started = time.perf_counter()
    article_of = ingest([whole], db, "--no-stories")
    before_stories = time.perf_counter()
    crosswire("ingest", str(whole), "--db", str(db), *STORY_MODEL)
    stage = time.perf_counter() - before_stories
    total = time.perf_counter() - started
    scored = score(rows, article_of, exported_stories(db))
    stored = len(set(article_of.values()))
    print(f"== {label}: {len(rows)} records, {len({row.gold for row in rows})} stories, "
          f"{scored.rejected} rejected by ingest ==")  # fmt: skip
    print(line("crosswire, ingested records", scored.kept, f"stories {scored.stories}"))
    print(line("crosswire, rejected ones alone", scored.all_records))
    texts = [f"{row.title}\n{row.text}" for row in rows]
    threshold, baseline = tfidf_baseline(texts, [row.gold for row in rows])
    print(line(f"TF-IDF average link (best {threshold:.3f})", baseline))
    print(f"  story stage {stage / stored:.3f} s/article ({stage:.0f} s, model load included); "
          f"whole ingest {total / len(rows):.3f} s/record")  # fmt: skip
    if batches:
        thirds = [rows[start::3] for start in range(3)]
        paths = []
        for number, part in enumerate(thirds):
            path = folder / f"{name}-batch{number}.jsonl"
            path.write_text("".join(row.json() + "\n" for row in part), encoding="utf-8")
            paths.append(path)
        batched_db = folder / f"{name}-batches.db"
        batched = score(rows, ingest(paths, batched_db), exported_stories(batched_db))
        gap = abs(batched.kept[2] - scored.kept[2])
        verdict = "within 0.01" if gap <= 0.01 else "NOT within 0.01"
        print(line("three batches", batched.kept, f"|F1 - one batch| {gap:.3f}: {verdict}"))
    sys.stdout.flush()
    return rows, db, article_of


def leave_one_out(sets: dict[str, tuple[list[Record], Path, dict[str, str]]]) -> None:
    """Sweep the link threshold and lexical weight on the stored signals; fit on two sets, score the third."""
    signals, gold = {}, {}
    for label, (rows, db, article_of) in sets.items():
        signals[label] = stored_signals(db, [article_of[row.id] for row in rows if row.id in article_of])
        record_of = defaultdict(list)
        for row in rows:
            if row.id in article_of:
                record_of[article_of[row.id]].append(row)
        gold[label] = record_of
    grid = [LinkPolicy(link_threshold=t, lexical_weight=w) for t, w in product(THRESHOLDS, LEXICAL_WEIGHTS)]
    f1: dict[tuple[str, int], float] = {}
    for label in sets:
        for number, policy in enumerate(grid):
            story_of = cluster(signals[label], policy)
            pairs = [(story_of[article], row.gold) for article, rows in gold[label].items() for row in rows]
            f1[label, number] = bcubed([p for p, _ in pairs], [g for _, g in pairs])[2]
    print("== leave one dataset out (link threshold, lexical weight fitted on the other sets) ==")
    for held in sets:
        fitted = [label for label in sets if label != held]
        best = max(range(len(grid)), key=lambda number: np.mean([f1[label, number] for label in fitted]))
        policy, fit = grid[best], np.mean([f1[label, best] for label in fitted])
        chosen = f"threshold {policy.link_threshold:+.3f} lexical {policy.lexical_weight:.2f}"
        print(f"  held out {held:<10} fitted {chosen} (fit F1 {fit:.3f}) -> held-out F1 {f1[held, best]:.3f}")
    shipped = LinkPolicy()
    print(f"  shipped: threshold {shipped.link_threshold:+.3f} lexical {shipped.lexical_weight:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="*", choices=[name for name, _ in SETS.values()], help="default: all three")
    parser.add_argument("--no-batches", action="store_true", help="skip the three-batches check")
    parser.add_argument("--keep", type=Path, help="keep the stores and files in this folder")
    parser.add_argument("--story-model", help="group stories with this model (a name or a folder) instead")
    args = parser.parse_args()
    if args.story_model:
        STORY_MODEL.extend(["--story-model", args.story_model])
    chosen = {label: value for label, value in SETS.items() if not args.sets or value[0] in args.sets}
    with tempfile.TemporaryDirectory(prefix="crosswire-stories-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        done = {}
        for label, (name, read) in chosen.items():
            done[label] = run_set(label, name, records(name, read()), folder, not args.no_batches)
        if len(done) == len(SETS):
            leave_one_out(done)


if __name__ == "__main__":
    main()
