"""How close `summarize` comes to editors' neutral summaries, scored with ROUGE on NeuS stories.

Each NeuS line is one story told by three outlets (a title and a lead each) with a reference
summary written by AllSides editors. crosswire summarises the three leads in three sentences;
the baseline is the first sentence of each lead. Also counts summary sentences without a citation.

    .venv/bin/python benchmarks/summaries_neus.py [--data PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer

from crosswire.analysis.sentences import sentence_spans
from crosswire.records import Article, Meta
from crosswire.stories.summary import summarize

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "neus-train-val" / "neus_val.jsonl"
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
SUMMARY_SENTENCES = 3


def story_articles(story: dict[str, Any]) -> list[Article]:
    """The story's three outlets as Articles: the lead is the whole body, the title the headline."""
    return [
        Article(
            id=f"{story.get('story_id', 'story')}-{index}",
            source=f"neus:{story.get('story_id', 'story')}#{index}",
            paragraphs=(item["lead"],),
            headline=Meta(item["title"]),
            outlet=Meta(),
            byline=Meta(),
            published=Meta(),
            modified=Meta(),
            language=Meta(),
        )
        for index, item in enumerate(story["articles"])
    ]


def lead_baseline(articles: list[Article]) -> str:
    firsts = [(article.text, spans[0]) for article in articles if (spans := sentence_spans(article.text))]
    return " ".join(text[start:end] for text, (start, end) in firsts)


def score_summaries(stories: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean ROUGE-1/2/L F1 (stemmed) of crosswire's summaries and of the lead baseline, and uncited sentences."""
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    totals = {"crosswire": dict.fromkeys(ROUGE_TYPES, 0.0), "lead": dict.fromkeys(ROUGE_TYPES, 0.0)}
    sentences = uncited = 0
    for story in stories:
        articles = story_articles(story)
        summary = summarize(articles, max_sentences=SUMMARY_SENTENCES)
        sentences += len(summary)
        uncited += sum(1 for citation in summary if not citation.articles)
        candidates = {"crosswire": " ".join(c.text for c in summary), "lead": lead_baseline(articles)}
        for system, text in candidates.items():
            scores = scorer.score(story["reference_summary"], text)
            for rouge in ROUGE_TYPES:
                totals[system][rouge] += scores[rouge].fmeasure
    count = max(len(stories), 1)
    rows = {system: {rouge: total / count for rouge, total in row.items()} for system, row in totals.items()}
    return {"stories": len(stories), **rows, "sentences": sentences, "uncited_sentences": uncited}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a NeuS JSON Lines file")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N stories")
    arguments = parser.parse_args()
    with arguments.data.open(encoding="utf-8") as lines:
        stories = [json.loads(line) for line in lines if line.strip()][: arguments.limit]
    result = score_summaries(stories)
    print(f"{result['stories']} stories, ROUGE F1 (stemmed) against the editors' summaries")
    print(f"{'system':<10} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for system in ("crosswire", "lead"):
        row = result[system]
        print(f"{system:<10} " + " ".join(f"{row[rouge]:6.3f}" for rouge in ROUGE_TYPES))
    print(f"{result['sentences']} summary sentences, {result['uncited_sentences']} without a citation")


if __name__ == "__main__":
    main()
