"""Direct-quote extraction and speaker attribution measured on PolNeAR, against textacy's baseline.

Gold direct quotes are the PolNeAR Content spans that contain a double quotation mark (the NYT
texts write it as two apostrophes, '', which count too; `--strict-marks` leaves them out). A predicted
direct quote is a true positive when it covers at least half of a gold span's characters; golds
and predictions are matched one to one, best coverage first. Each PolNeAR text opens with its
headline line, which the annotators left alone (1 gold quote in 6,380) and which crosswire keeps
out of `Article.text`: quotes starting there are not scored, for either system. Speaker accuracy, over matched
quotes whose gold attribution has a Source: the predicted speaker mention overlaps the gold
Source, or the predicted name's surname appears in the gold Source text. A system "gives up" on
an article when it raises, or returns no quote for an article with gold direct quotes whose text
has unbalanced quotation marks. Use the train split to develop rules and dev to report; never test.

    .venv/bin/python benchmarks/quotes_polnear.py [--split dev] [--limit N] [--data DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from crosswire.analysis.nlp import parse
from crosswire.analysis.quotes import find_quotes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear-train-dev"
# Two apostrophes stand for a double mark in the NYT's feed (`''We will,'' he said`).
DOUBLE_MARK = re.compile("[\"“”„«»]|''")
STRICT_MARK = re.compile('["“”„«»]')


@dataclass
class Gold:
    fragments: list[tuple[int, int]]
    sources: list[tuple[int, int]]
    source_text: str

    @property
    def length(self) -> int:
        return sum(end - start for start, end in self.fragments)


@dataclass
class Predicted:
    start: int
    end: int
    mention: tuple[int, int] | None
    name: str | None


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    with_source: int = 0
    speaker_ok: int = 0
    articles: int = 0
    gave_up: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        speaker = self.speaker_ok / self.with_source if self.with_source else 0.0
        return (
            f"{name:<12} {precision:6.3f} {recall:6.3f} {f1:6.3f} {speaker:8.3f} "
            f"{self.articles:8d} {self.gave_up:7d} {self.seconds:8.1f}"
        )


def load_split(data: Path, split: str, marks: re.Pattern[str] = DOUBLE_MARK) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold direct quotes) per article; one annotator per article, first in sorted order."""
    annotations: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((data / split / "attributions").glob("*.ann")):
        annotations[path.name.rsplit("_", 1)[0]].append(path)
    articles = []
    for path in sorted((data / split / "text").iterdir()):
        stem = path.name.removesuffix(".txt")
        if stem in annotations:
            text = path.read_text("utf-8")
            articles.append((stem, text, read_gold(annotations[stem][0], marks, _body_start(text))))
    return articles


def _body_start(text: str) -> int:
    """Offset after the headline line."""
    return text.find("\n") + 1 if "\n" in text else 0


def read_gold(path: Path, marks: re.Pattern[str] = DOUBLE_MARK, body: int = 0) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            fragments = [tuple(map(int, chunk.split())) for chunk in offsets.split(";")]
            spans[parts[0]] = (label, fragments, parts[2])  # type: ignore[assignment]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(role.split(":", 1) for role in parts[1].split()[1:]))
    golds = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None or not marks.search(content[2]) or content[1][0][0] < body:
            continue
        source = spans.get(event.get("Source", ""))
        golds.append(Gold(content[1], source[1] if source else [], source[2] if source else ""))
    return golds


def unbalanced(text: str) -> bool:
    """Whether any paragraph's double marks do not pair up."""
    for paragraph in text.split("\n"):
        marks = DOUBLE_MARK.findall(paragraph)
        curly_open, curly_close = marks.count("“"), marks.count("”")
        straight = marks.count('"') + marks.count("''")
        if straight % 2 or (curly_open + curly_close and curly_open != curly_close):
            return True
    return False


def crosswire_quotes(doc: Doc) -> list[Predicted]:
    found = []
    for quote in find_quotes(doc):
        if quote.kind != "direct":
            continue
        speaker = quote.speaker
        mention = (speaker.start, speaker.end) if speaker and speaker.start is not None else None
        found.append(Predicted(quote.start, quote.end, mention, speaker.name if speaker else None))  # type: ignore[arg-type]
    return found


def textacy_quotes(doc: Doc) -> list[Predicted]:
    from textacy.extract.triples import direct_quotations

    found = []
    for speaker, _cue, content in direct_quotations(doc):
        mention = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
        name = " ".join(token.text for token in speaker) if speaker else None
        found.append(Predicted(content.start_char, content.end_char, mention, name))
    return found


def coverage(predicted: Predicted, gold: Gold) -> float:
    covered = sum(max(0, min(end, predicted.end) - max(start, predicted.start)) for start, end in gold.fragments)
    return covered / gold.length if gold.length else 0.0


def speaker_matches(predicted: Predicted, gold: Gold) -> bool:
    if predicted.mention is not None:
        start, end = predicted.mention
        if any(start < gold_end and gold_start < end for gold_start, gold_end in gold.sources):
            return True
    if not predicted.name:
        return False
    return _surname_in(predicted.name, gold.source_text) or _surname_in(gold.source_text, predicted.name)


def _surname_in(name: str, other: str) -> bool:
    """Whether the last capitalised word of `name` (a surname, "Acosta" of "Ms. Acosta") is in `other`."""
    words = [word for word in re.findall(r"[A-Za-z][\w'’-]*", name) if word[0].isupper()]
    surname = re.sub(r"['’]s?$", "", words[-1]) if words else ""
    other_words = {re.sub(r"['’]s?$", "", word).lower() for word in re.findall(r"[A-Za-z][\w'’-]*", other)}
    return len(surname) > 1 and surname.lower() in other_words


def score(tally: Tally, name: str, text: str, golds: list[Gold], predictions: list[Predicted]) -> None:
    tally.predicted += len(predictions)
    tally.gold += len(golds)
    pairs = sorted(
        ((coverage(p, g), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(predictions)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for cover, gi, pi in pairs:
        if cover < 0.5:
            break
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        tally.matched += 1
        if golds[gi].sources:
            tally.with_source += 1
            if speaker_matches(predictions[pi], golds[gi]):
                tally.speaker_ok += 1
            else:
                tally.misses.append(f"speaker {name}: gold {golds[gi].source_text!r} got {predictions[pi].name!r}")
    for gi, gold in enumerate(golds):
        if gi not in used_gold:
            start, end = gold.fragments[0][0], gold.fragments[-1][1]
            tally.misses.append(f"missed {name} {start}: {text[start:end][:160]!r}")
    for pi, predicted in enumerate(predictions):
        if pi not in used_pred:
            tally.misses.append(f"extra {name} {predicted.start}: {text[predicted.start : predicted.end][:160]!r}")


def run_system(
    tally: Tally,
    extract: Callable[[Doc], list[Predicted]],
    articles: list[tuple[str, str, list[Gold]]],
    docs: list[Doc],
) -> None:
    started = time.perf_counter()
    for (name, text, golds), doc in zip(articles, docs, strict=True):
        tally.articles += 1
        try:
            predictions = [p for p in extract(doc) if p.start >= _body_start(text)]
        except Exception:
            predictions = None
        if predictions is None or (not predictions and golds and unbalanced(text)):
            tally.gave_up += 1
        score(tally, name, text, golds, predictions or [])
    tally.seconds = time.perf_counter() - started


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=0, help="print up to N crosswire errors")
    parser.add_argument("--strict-marks", action="store_true", help="gold quotes need \" or curly marks, not ''")
    args = parser.parse_args(list(argv) if argv is not None else None)

    articles = load_split(args.data, args.split, STRICT_MARK if args.strict_marks else DOUBLE_MARK)[: args.limit]
    started = time.perf_counter()
    docs = list(parse(text for _, text, _ in articles))
    parsed = time.perf_counter() - started

    ours, baseline = Tally(), Tally()
    run_system(ours, crosswire_quotes, articles, docs)
    run_system(baseline, textacy_quotes, articles, docs)

    print(f"PolNeAR {args.split}: {len(articles)} articles, {ours.gold} gold direct quotes, parsed in {parsed:.0f}s")
    print(f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'articles':>8} {'gave up':>7} {'seconds':>8}")
    print(ours.row("crosswire"))
    print(baseline.row("textacy"))
    for line in ours.misses[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
