"""Page metadata and main text on real web pages, beside trafilatura's and htmldate's answers.

Reads trafilatura's evaluation pages (../shared/data/trafilatura-eval-dev/ by default: evaldata.json
and html/). For each page it runs crosswire's HTML extraction (decoded as `crosswire ingest` decodes
it), trafilatura's `bare_extraction` with its default settings, and htmldate's `find_date` looking for
the original (publication) date, and scores them as trafilatura's own evaluation does:

- date: the answer's calendar day equals the gold day (the local day of publication); over the pages
  with a gold date: right of all pages, right of the pages answered, and answered at all;
- byline: the set of names (split on ';') equals the gold set after normalising case, whitespace and
  edge punctuation; over the pages with gold authors: same set, and given at all; and, as a check on
  guessing, how often a byline is given where the gold has none;
- title: exact after the same normalisation, over the pages with a gold title;
- main text: per "with" segment found in the text a true positive, missing a false negative; per
  "without" segment found a false positive; segment precision, recall and F1 over all pages
  (whitespace collapsed on both sides, for every system alike).

The pages are split into two fixed halves by URL hash, so that a change fitted on one half can be
checked on the other: every figure is printed for half A, half B and all pages.

    .venv/bin/python benchmarks/metadata.py [--data DIR] [--limit N] [--errors FIELD]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import htmldate
import trafilatura

from crosswire.articles.extract import extract_article
from crosswire.articles.html import ExtractionError
from crosswire.ingest.formats import read_html
from crosswire.records import Rejection

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "trafilatura-eval-dev"
SYSTEMS = ("crosswire", "trafilatura", "htmldate")
HALVES = ("A", "B", "all")
FIELDS = ("date", "author", "title", "text")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class Page:
    url: str
    path: Path
    date: str
    title: str
    authors: frozenset[str]
    with_segments: tuple[str, ...]
    without_segments: tuple[str, ...]

    @property
    def half(self) -> str:
        return "A" if hashlib.md5(self.url.encode()).digest()[0] % 2 == 0 else "B"


@dataclass
class Answer:
    """One system's answer on one page; None where it gives none, `text` None where it has no text."""

    date: str | None = None
    title: str | None = None
    authors: frozenset[str] = frozenset()
    text: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


def normalise(value: str) -> str:
    return _EDGE_PUNCTUATION.sub("", " ".join(value.casefold().split()))


def name_set(names: Iterable[str]) -> frozenset[str]:
    return frozenset(filter(None, (normalise(name) for joined in names for name in joined.split(";"))))


def _as_list(value: str | list[str] | None) -> list[str]:
    """A gold field: one string (names joined by '; '), or, on a few pages, a list."""
    return value if isinstance(value, list) else [value or ""]


def load_pages(data: Path, limit: int | None) -> list[Page]:
    gold = json.loads((data / "evaldata.json").read_text("utf-8"))
    pages = [
        Page(
            url=url,
            path=data / "html" / item["file"],
            date=item.get("date") or "",
            title=item.get("title") or "",
            authors=name_set(_as_list(item.get("author"))),
            with_segments=tuple(item.get("with") or ()),
            without_segments=tuple(item.get("without") or ()),
        )
        for url, item in sorted(gold.items())
    ]
    return pages[:limit] if limit else pages


# --- the systems -----------------------------------------------------------------------------


def run_crosswire(page: Page, data: bytes) -> Answer:
    raw = read_html(str(page.path), data, url=page.url)
    if isinstance(raw, Rejection):
        return Answer()
    try:
        article = extract_article(raw)
    except ExtractionError:
        return Answer()
    byline = article.byline.value
    names = (*byline.authors, *byline.agencies) if byline else ()
    return Answer(
        date=article.published.value,
        title=article.headline.value,
        authors=name_set(names),
        text=article.text,
        evidence={
            "date": article.published.evidence or "",
            "title": article.headline.evidence or "",
            "author": article.byline.evidence or "",
        },
    )


def run_trafilatura(page: Page, data: bytes) -> Answer:
    document = trafilatura.bare_extraction(data, url=page.url, with_metadata=True, include_comments=False)
    if document is None:
        return Answer()
    return Answer(
        date=document.date,
        title=document.title,
        authors=name_set([document.author or ""]),
        text=document.text,
    )


def run_htmldate(page: Page, data: bytes) -> Answer:
    return Answer(date=htmldate.find_date(data, url=page.url, original_date=True))


RUNNERS: dict[str, Callable[[Page, bytes], Answer]] = {
    "crosswire": run_crosswire,
    "trafilatura": run_trafilatura,
    "htmldate": run_htmldate,
}


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Score:
    dated: int = 0
    date_answered: int = 0
    date_right: int = 0
    authored: int = 0
    author_given: int = 0
    author_right: int = 0
    unauthored: int = 0
    author_invented: int = 0
    titled: int = 0
    title_right: int = 0
    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0

    def add(self, page: Page, answer: Answer) -> None:
        if page.date:
            self.dated += 1
            self.date_answered += bool(answer.date)
            self.date_right += date_right(page, answer)
        if page.authors:
            self.authored += 1
            self.author_given += bool(answer.authors)
            self.author_right += answer.authors == page.authors
        else:
            self.unauthored += 1
            self.author_invented += bool(answer.authors)
        if page.title:
            self.titled += 1
            self.title_right += title_right(page, answer)
        found, missed, leaked = segment_counts(page, answer)
        self.true_positives += found
        self.false_negatives += missed
        self.false_positives += leaked

    def rows(self) -> dict[str, float | None]:
        precision = _ratio(self.true_positives, self.true_positives + self.false_positives)
        recall = _ratio(self.true_positives, self.true_positives + self.false_negatives)
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
        return {
            "date right (all pages)": _ratio(self.date_right, self.dated),
            "date right (of answered)": _ratio(self.date_right, self.date_answered),
            "date answered": _ratio(self.date_answered, self.dated),
            "byline same set": _ratio(self.author_right, self.authored),
            "byline given": _ratio(self.author_given, self.authored),
            "byline given, gold has none": _ratio(self.author_invented, self.unauthored),
            "title exact": _ratio(self.title_right, self.titled),
            "main text precision": precision,
            "main text recall": recall,
            "main text F1": f1,
        }


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def date_right(page: Page, answer: Answer) -> bool:
    return bool(answer.date) and answer.date[:10] == page.date


def title_right(page: Page, answer: Answer) -> bool:
    return bool(answer.title) and normalise(answer.title or "") == normalise(page.title)


def segment_counts(page: Page, answer: Answer) -> tuple[int, int, int]:
    """(with segments found, with segments missed, without segments found)."""
    text = " ".join((answer.text or "").split())
    found = sum(" ".join(segment.split()) in text for segment in page.with_segments) if text else 0
    leaked = sum(" ".join(segment.split()) in text for segment in page.without_segments) if text else 0
    return found, len(page.with_segments) - found, leaked


def wrong(field_name: str, page: Page, answer: Answer) -> bool:
    if field_name == "date":
        return bool(page.date) and not date_right(page, answer)
    if field_name == "author":
        return bool(page.authors) and answer.authors != page.authors
    if field_name == "title":
        return bool(page.title) and not title_right(page, answer)
    _, missed, leaked = segment_counts(page, answer)
    return bool(missed or leaked)


# --- report ----------------------------------------------------------------------------------


def print_table(scores: dict[tuple[str, str], Score], counts: dict[str, int]) -> None:
    header = "| " + " | ".join(["half", "measure", *SYSTEMS]) + " |"
    print(header)
    print("|" + "---|" * (len(SYSTEMS) + 2))
    for half in HALVES:
        rows = {system: scores[system, half].rows() for system in SYSTEMS}
        for measure in rows["crosswire"]:
            cells = [_cell(rows[system][measure]) for system in SYSTEMS]
            if measure.startswith(("byline", "title", "main text")):
                cells[2] = ""  # htmldate finds dates only
            print(f"| {half} ({counts[half]}) | {measure} | " + " | ".join(cells) + " |")


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_errors(field_name: str, page: Page, answers: dict[str, Answer]) -> None:
    mine = answers["crosswire"]
    if field_name == "date":
        gold, values = page.date, {name: answer.date for name, answer in answers.items()}
    elif field_name == "author":
        gold = "; ".join(sorted(page.authors))
        values = {name: "; ".join(sorted(answer.authors)) for name, answer in answers.items() if name != "htmldate"}
    elif field_name == "title":
        gold, values = page.title, {name: answer.title for name, answer in answers.items() if name != "htmldate"}
    else:
        text = " ".join((mine.text or "").split())
        missed = [segment for segment in page.with_segments if " ".join(segment.split()) not in text]
        leaked = [segment for segment in page.without_segments if " ".join(segment.split()) in text]
        print(f"{page.path.name}  missed={missed}  leaked={leaked}")
        return
    print(f"{page.path.name}  gold={gold!r}  " + "  ".join(f"{name}={value!r}" for name, value in values.items()))
    if mine.evidence.get(field_name):
        print(f"    crosswire evidence: {mine.evidence[field_name]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--errors", choices=FIELDS, help="list the pages crosswire gets wrong on this field")
    parser.add_argument("--half", choices=HALVES, default="all", help="with --errors: only this half")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    pages = load_pages(args.data, args.limit)
    scores = {(system, half): Score() for system in SYSTEMS for half in HALVES}
    seconds = dict.fromkeys(SYSTEMS, 0.0)
    for page in pages:
        data = page.path.read_bytes()
        answers = {}
        for system, run in RUNNERS.items():
            started = time.perf_counter()
            answers[system] = run(page, data)
            seconds[system] += time.perf_counter() - started
        for system, answer in answers.items():
            scores[system, page.half].add(page, answer)
            scores[system, "all"].add(page, answer)
        if args.errors and args.half in {page.half, "all"} and wrong(args.errors, page, answers["crosswire"]):
            print_errors(args.errors, page, answers)
    counts = {"A": sum(page.half == "A" for page in pages), "B": sum(page.half == "B" for page in pages)}
    counts["all"] = len(pages)
    print(f"\n{len(pages)} pages of {args.data}; figures per half (pages in brackets) and for all\n")
    print_table(scores, counts)
    print("\nseconds: " + ", ".join(f"{system} {seconds[system]:.1f}" for system in SYSTEMS))
    print("(crosswire's time includes its own trafilatura and htmldate calls; the machine may be shared)")


if __name__ == "__main__":
    main()
