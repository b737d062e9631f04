"""How well `find_times` finds and normalises time expressions, scored like TempEval-3.

Reads the TimeML training data (TimeBank + AQUAINT, ../shared/data/tempeval3-train/ by
default): each document's TEXT with its tags stripped, its DCT as the anchor, and its TIMEX3s
(the DCT excluded) as gold. Prints strict and relaxed span P/R/F1, type accuracy, value
accuracy and value F1 (a prediction is correct when it overlaps a gold TIMEX3 and has its
value), and mod P/R/F1 (a predicted mod is correct when its expression overlaps a gold TIMEX3
with that mod; precision over the predictions that carry a mod, recall over the gold ones) for
three parts: development (AQUAINT and half of TimeBank), held-out (the other half of
TimeBank, chosen by file-name hash, never looked at while writing rules) and the whole.

Beside it, a baseline built from off-the-shelf parts on the same parses: spaCy's DATE and TIME
entities, normalised by dateparser against the same DCT. For reference, HeidelTime, the best
rule-based system at TempEval-3, reached value F1 0.78 on that task's test set.

    .venv/bin/python benchmarks/dates_tempeval.py [--data PATH] [--limit N] [--errors PART] [--no-baseline]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from dateparser.date import DateDataParser
from spacy.tokens import Doc

from crosswire.analysis.nlp import parse
from crosswire.analysis.times import find_times
from crosswire.records import TimeExpression

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "tempeval3-train"
PARTS = ("dev", "held-out", "all")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str
    text: str
    mod: str = ""


@dataclass(frozen=True)
class Document:
    name: str
    corpus: str
    dct: str
    text: str
    gold: tuple[Gold, ...]

    @property
    def part(self) -> str:
        """AQUAINT and half of TimeBank develop the rules; the other half of TimeBank is held out."""
        if self.corpus != "TimeBank":
            return "dev"
        return "held-out" if hashlib.md5(self.name.encode()).digest()[0] % 2 else "dev"


def load_document(path: Path) -> Document:
    """The TEXT of a TimeML file without tags, with the character offsets of its TIMEX3s."""
    raw = path.read_text("utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body_match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if dct_match is None or body_match is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    body = body_match.group(1)
    pieces: list[str] = []
    length = 0
    position = 0
    open_timexes: list[tuple[dict[str, str], int]] = []
    gold: list[Gold] = []
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            open_timexes.append((dict(_ATTRIBUTE.findall(tag.group(3))), length))
            continue
        attributes, start = open_timexes.pop()
        gold.append(
            Gold(start, length, attributes.get("type", ""), attributes.get("value", ""), "", attributes.get("mod", ""))
        )
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    spans = tuple(Gold(g.start, g.end, g.type, g.value, text[g.start : g.end], g.mod) for g in gold if g.end > g.start)
    return Document(path.stem, path.parent.name, dct_match.group(1), text, spans)


def load_corpus(data: Path, limit: int | None = None) -> list[Document]:
    """Every TimeML document under `data`, each file name once, in name order."""
    seen: dict[str, Path] = {}
    for path in sorted(data.rglob("*.tml")):
        if path.parent.name in ("TimeBank", "AQUAINT"):
            seen.setdefault(path.name, path)
    documents = [load_document(path) for path in seen.values()]
    return documents[:limit] if limit else documents


@dataclass
class Score:
    """Counts for TempEval-3 style span, type and value scores."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    gold_mods: int = 0
    predicted_mods: int = 0
    mod_correct: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, document: Document, predicted: list[TimeExpression]) -> None:
        self.gold += len(document.gold)
        self.predicted += len(predicted)
        golds = {(g.start, g.end) for g in document.gold}
        self.strict += sum((p.start, p.end) in golds for p in predicted)
        pairs = match_relaxed(document.gold, predicted)
        self.relaxed += len(pairs)
        self.type_correct += sum(gold.type == guess.type for gold, guess in pairs)
        self.value_correct += sum(gold.value == guess.value for gold, guess in pairs)
        self.gold_mods += sum(bool(g.mod) for g in document.gold)
        self.predicted_mods += sum(bool(p.mod) for p in predicted)
        self.mod_correct += sum(bool(gold.mod) and gold.mod == guess.mod for gold, guess in pairs)
        self.errors.extend(describe_errors(document, predicted, pairs))

    def summary(self) -> str:
        value = _f1(self.value_correct, self.predicted, self.gold)[2]
        relaxed = _f1(self.relaxed, self.predicted, self.gold)[2]
        return f"{value:.3f} ({relaxed:.3f})"

    def report(self, name: str, documents: int) -> str:
        strict = _f1(self.strict, self.predicted, self.gold)
        relaxed = _f1(self.relaxed, self.predicted, self.gold)
        value = _f1(self.value_correct, self.predicted, self.gold)
        mod = _f1(self.mod_correct, self.predicted_mods, self.gold_mods)
        matched = max(self.relaxed, 1)
        return (
            f"{name:<9} docs={documents:<4} gold={self.gold:<5} predicted={self.predicted:<5}\n"
            f"  strict span   P={strict[0]:.3f} R={strict[1]:.3f} F1={strict[2]:.3f}\n"
            f"  relaxed span  P={relaxed[0]:.3f} R={relaxed[1]:.3f} F1={relaxed[2]:.3f}\n"
            f"  type accuracy {self.type_correct / matched:.3f}   value accuracy {self.value_correct / matched:.3f}"
            f"  (on {self.relaxed} matched)\n"
            f"  value         P={value[0]:.3f} R={value[1]:.3f} F1={value[2]:.3f}\n"
            f"  mod           P={mod[0]:.3f} R={mod[1]:.3f} F1={mod[2]:.3f}"
            f"  (gold {self.gold_mods} with a mod, {self.predicted_mods} predicted)"
        )


def describe_errors(
    document: Document, predicted: list[TimeExpression], pairs: list[tuple[Gold, TimeExpression]]
) -> list[str]:
    """One line per wrong value, missed gold and spurious prediction, with the text around it."""
    lines = []
    for gold, guess in pairs:
        if gold.value != guess.value:
            where = _context(document.text, gold.start)
            lines.append(f"VALUE {document.name} dct={document.dct} {gold.text!r} gold={gold.value} "
                         f"got {guess.text!r}={guess.value} | {where}")  # fmt: skip
        if gold.mod != (guess.mod or ""):
            lines.append(f"MOD {document.name} {gold.text!r} gold={gold.mod or '-'} got {guess.text!r}="
                         f"{guess.mod or '-'} | {_context(document.text, gold.start)}")  # fmt: skip
    matched_gold = {id(gold) for gold, _ in pairs}
    matched_guess = {id(guess) for _, guess in pairs}
    for gold in document.gold:
        if id(gold) not in matched_gold:
            where = _context(document.text, gold.start)
            lines.append(f"MISSED {document.name} {gold.text!r} {gold.type} {gold.value} | {where}")
    for guess in predicted:
        if id(guess) not in matched_guess:
            where = _context(document.text, guess.start)
            lines.append(f"SPURIOUS {document.name} {guess.text!r} {guess.type} {guess.value} | {where}")
    return lines


def match_relaxed(gold: Iterable[Gold], predicted: list[TimeExpression]) -> list[tuple[Gold, TimeExpression]]:
    """Pairs of overlapping gold and predicted spans, each used once, largest overlaps first."""
    options = []
    for g in gold:
        for p in predicted:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                options.append((-overlap, g.start, p.start, g, p))
    pairs: list[tuple[Gold, TimeExpression]] = []
    used_gold: set[int] = set()
    used_guess: set[int] = set()
    for _, _, _, g, p in sorted(options, key=lambda option: option[:3]):
        if id(g) in used_gold or id(p) in used_guess:
            continue
        used_gold.add(id(g))
        used_guess.add(id(p))
        pairs.append((g, p))
    return pairs


def baseline_times(doc: Doc, dct: str) -> list[TimeExpression]:
    """spaCy's DATE and TIME entities, each normalised by dateparser against the DCT."""
    parser = _date_parser(dct[:10])
    found = []
    for entity in doc.ents:
        if entity.label_ in ("DATE", "TIME"):
            data = parser.get_date_data(entity.text)
            value = _iso(data.date_obj, data.period)
            found.append(TimeExpression(entity.text, entity.start_char, entity.end_char, entity.label_, value))
    return found


@cache
def _date_parser(day: str) -> DateDataParser:
    settings = {
        "RELATIVE_BASE": datetime.fromisoformat(day),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["en"], settings=settings)


def _iso(moment: datetime | None, grain: str | None) -> str | None:
    """A dateparser result as a TimeML value at the grain it was read at."""
    if moment is None:
        return None
    if grain == "week":
        year, week, _ = moment.isocalendar()
        return f"{year:04d}-W{week:02d}"
    formats = {"year": "%Y", "month": "%Y-%m", "time": "%Y-%m-%dT%H:%M"}
    return moment.strftime(formats.get(grain or "day", "%Y-%m-%d"))


def _f1(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _context(text: str, offset: int) -> str:
    return text[max(0, offset - 60) : offset + 40].replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--errors", choices=PARTS, help="print one part's mismatches")
    parser.add_argument("--no-baseline", action="store_true", help="skip the spaCy + dateparser baseline")
    args = parser.parse_args()
    documents = load_corpus(args.data, args.limit)
    systems = {"crosswire": find_times} if args.no_baseline else {"crosswire": find_times, "baseline": baseline_times}
    scores = {(system, part): Score() for system in systems for part in PARTS}
    counts = dict.fromkeys(PARTS, 0)
    for document, doc in zip(documents, parse(d.text for d in documents), strict=True):
        for part in (document.part, "all"):
            counts[part] += 1
        for system, find in systems.items():
            predicted = find(doc, document.dct)
            for part in (document.part, "all"):
                scores[system, part].add(document, predicted)
    if args.errors:
        print("\n".join(scores["crosswire", args.errors].errors))
    for part in PARTS:
        if counts[part]:
            print(scores["crosswire", part].report(part, counts[part]))
    if not args.no_baseline:
        print(compare(scores, counts))


def compare(scores: dict[tuple[str, str], Score], counts: dict[str, int]) -> str:
    """crosswire beside the baseline, part by part."""
    lines = ["value F1 (relaxed span F1) beside spaCy DATE/TIME entities + dateparser:"]
    lines.append(f"  {'part':<9} {'crosswire':<16} baseline")
    for part in PARTS:
        if counts[part]:
            ours, theirs = scores["crosswire", part], scores["baseline", part]
            lines.append(f"  {part:<9} {ours.summary():<16} {theirs.summary()}")
    lines.append("  (published, not run here: HeidelTime value F1 0.78 on the TempEval-3 test set; target 0.80)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
