"""French quotes, speakers and dates on crosswire's own small gold set (tests/fixtures/french/gold.json).

The articles were written for crosswire (no public French quote corpus is in shared/). A predicted
direct quote matches a gold one when it covers at least half of the gold words' characters; speaker
accuracy counts matched quotes whose speaker's canonical name or mention equals the gold speaker;
date accuracy counts gold dates that a predicted expression overlaps with the same TimeML value.

    .venv/bin/python benchmarks/french_gold.py
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from crosswire.analysis.analyze import analyze_texts
from crosswire.records import Analysis, AnalysisFailure

GOLD = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "french" / "gold.json"


@dataclass(frozen=True)
class Figures:
    gold_quotes: int
    predicted_quotes: int
    matched_quotes: int
    right_speakers: int
    gold_dates: int
    right_dates: int

    @property
    def precision(self) -> float:
        return self.matched_quotes / self.predicted_quotes if self.predicted_quotes else 0.0

    @property
    def recall(self) -> float:
        return self.matched_quotes / self.gold_quotes if self.gold_quotes else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.right_speakers / self.matched_quotes if self.matched_quotes else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.right_dates / self.gold_dates if self.gold_dates else 0.0


def load_gold(path: Path = GOLD) -> list[dict]:
    return json.loads(path.read_text("utf-8"))


def score(gold: list[dict]) -> Figures:
    analyses = analyze_texts([(article["text"], article["published"], "fr") for article in gold])
    counts = [0, 0, 0, 0, 0, 0]
    for article, analysis in zip(gold, analyses, strict=True):
        assert not isinstance(analysis, AnalysisFailure), analysis.reason
        for index, value in enumerate(_article_counts(article, analysis)):
            counts[index] += value
    return Figures(*counts)


def _article_counts(article: dict, analysis: Analysis) -> tuple[int, int, int, int, int, int]:
    text = article["text"]
    predicted = [quote for quote in analysis.quotes if quote.kind == "direct"]
    unmatched = list(predicted)
    matched = right = 0
    for gold in article["quotes"]:
        start = text.index(gold["text"])
        end = start + len(gold["text"])
        best = max(unmatched, key=lambda quote: _overlap(quote.start, quote.end, start, end), default=None)
        if best is None or _overlap(best.start, best.end, start, end) * 2 < end - start:
            continue
        unmatched.remove(best)
        matched += 1
        speaker = best.speaker
        right += speaker is not None and gold["speaker"] in {speaker.name, speaker.mention}
    dates = 0
    for gold in article["dates"]:
        start = text.index(gold["text"])
        end = start + len(gold["text"])
        dates += any(
            _overlap(time.start, time.end, start, end) and time.value == gold["value"] for time in analysis.times
        )
    return len(article["quotes"]), len(predicted), matched, right, len(article["dates"]), dates


def _overlap(start: int, end: int, other_start: int, other_end: int) -> int:
    return max(0, min(end, other_end) - max(start, other_start))


def main() -> None:
    gold = load_gold()
    figures = score(gold)
    print(f"French gold: {len(gold)} articles, {figures.gold_quotes} direct quotes, {figures.gold_dates} dates")
    print(f"quotes  P={figures.precision:.3f} R={figures.recall:.3f} F1={figures.f1:.3f}")
    print(f"speaker accuracy {figures.speaker_accuracy:.3f} ({figures.right_speakers}/{figures.matched_quotes})")
    print(f"date accuracy    {figures.date_accuracy:.3f} ({figures.right_dates}/{figures.gold_dates})")


if __name__ == "__main__":
    main()
