"""An article's text cut into paragraphs of marked-up pieces: quotes, speakers, entities and dates.

The analysis gives character offsets into the text; this turns them into a nesting a template can
render without ever building markup from strings: each paragraph is a list of runs (inside one
quote or none), each run a list of pieces (plain, or one entity, speaker or date). Overlapping
spans are resolved first (the earlier quote wins; speaker beats entity beats date, the longer
span first), so the output always nests.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from crosswire.analysis.readable_dates import readable_value
from crosswire.records import Analysis

PARAGRAPH_BREAK = "\n\n"
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_PRIORITY = {"speaker": 0, "entity": 1, "time": 2}


@dataclass(frozen=True)
class Mark:
    """An inline annotation: `target` is the entity's canonical name, or a date's resolved value."""

    kind: str
    start: int
    end: int
    target: str | None
    label: str


@dataclass(frozen=True)
class Piece:
    text: str
    mark: Mark | None = None


@dataclass(frozen=True)
class Run:
    """Consecutive pieces inside the same quote (`quote` indexes `Highlighted.quotes`) or outside any."""

    quote: int | None
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class QuoteSpan:
    start: int
    end: int
    kind: str
    speaker: str | None
    cue: str | None


@dataclass(frozen=True)
class Highlighted:
    paragraphs: tuple[tuple[Run, ...], ...]
    quotes: tuple[QuoteSpan, ...]


def highlight(text: str, analysis: Analysis | None) -> Highlighted:
    """The text's paragraphs with the analysis' spans marked; plain paragraphs without an analysis."""
    quotes = _quote_spans(text, analysis) if analysis else []
    marks = _marks(text, analysis) if analysis else []
    paragraphs = _paragraph_bounds(text)
    cuts = sorted({0, len(text), *(q.start for q in quotes), *(q.end for q in quotes),
                   *(m.start for m in marks), *(m.end for m in marks),
                   *(bound for span in paragraphs for bound in span)})  # fmt: skip
    pieces: list[list[tuple[int | None, Piece]]] = [[] for _ in paragraphs]
    paragraph_starts = [start for start, _ in paragraphs]
    quote_at, mark_at = _Cover(quotes), _Cover(marks)
    for start, end in pairwise(cuts):
        index = bisect_right(paragraph_starts, start) - 1
        if index < 0 or start >= paragraphs[index][1]:
            continue  # the blank line between two paragraphs
        quote, mark = quote_at.at(start), mark_at.at(start)
        pieces[index].append((quote, Piece(text[start:end], marks[mark] if mark is not None else None)))
    return Highlighted(tuple(_runs(paragraph) for paragraph in pieces), tuple(quotes))


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for part in text.split(PARAGRAPH_BREAK):
        bounds.append((start, start + len(part)))
        start += len(part) + len(PARAGRAPH_BREAK)
    return bounds


def _quote_spans(text: str, analysis: Analysis) -> list[QuoteSpan]:
    """Quotes in text order, each dropped when it overlaps one already kept."""
    kept: list[QuoteSpan] = []
    for quote in sorted(analysis.quotes, key=lambda q: (q.start, -q.end)):
        if not 0 <= quote.start < quote.end <= len(text) or (kept and quote.start < kept[-1].end):
            continue
        speaker = quote.speaker.name if quote.speaker else None
        kept.append(QuoteSpan(quote.start, quote.end, quote.kind, speaker, quote.cue))
    return kept


def _marks(text: str, analysis: Analysis) -> list[Mark]:
    candidates = [
        Mark("speaker", q.speaker.start, q.speaker.end, q.speaker.name, f"speaker: {q.speaker.name}")
        for q in analysis.quotes
        if q.speaker and q.speaker.name and q.speaker.start is not None and q.speaker.end is not None
    ]
    candidates += [
        Mark("entity", e.start, e.end, e.canonical, f"{e.label}: {e.canonical}")
        for e in analysis.entities
        if e.label in ENTITY_LABELS
    ]
    candidates += [
        Mark("time", t.start, t.end, t.value, readable_value(t.value, t.mod) if t.value else "date unresolved")
        for t in analysis.times
    ]
    candidates.sort(key=lambda m: (_PRIORITY[m.kind], m.start - m.end, m.start))
    kept: list[Mark] = []
    for mark in candidates:
        if 0 <= mark.start < mark.end <= len(text) and not _overlaps(kept, mark):
            insort(kept, mark, key=lambda m: m.start)
    return kept


def _overlaps(kept: list[Mark], mark: Mark) -> bool:
    """Whether `mark` overlaps a span of `kept` (sorted by start, not overlapping)."""
    index = bisect_right(kept, mark.start, key=lambda m: m.start)
    before = kept[index - 1] if index else None
    after = kept[index] if index < len(kept) else None
    return bool((before and before.end > mark.start) or (after and after.start < mark.end))


class _Cover:
    """Finds the span (of a sorted, non-overlapping list) that contains a position."""

    def __init__(self, spans: Sequence[QuoteSpan | Mark]) -> None:
        self.spans = spans
        self.starts = [span.start for span in spans]

    def at(self, position: int) -> int | None:
        index = bisect_right(self.starts, position) - 1
        return index if index >= 0 and position < self.spans[index].end else None


def _runs(pieces: list[tuple[int | None, Piece]]) -> tuple[Run, ...]:
    grouped: list[tuple[int | None, list[Piece]]] = []
    for quote, piece in pieces:
        if grouped and grouped[-1][0] == quote:
            grouped[-1][1].append(piece)
        else:
            grouped.append((quote, [piece]))
    return tuple(Run(quote, tuple(run)) for quote, run in grouped)
