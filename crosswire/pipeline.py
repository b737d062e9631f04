"""The Python API: the stages wired together, for the CLI and for users' own scripts.

from crosswire.pipeline import extract, ingest
for item in extract(["pages/"]):
    ...
report = ingest(["pages/"], "crosswire.db")
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from crosswire.articles.extract import extract_article
from crosswire.articles.html import ExtractionError
from crosswire.config import DEFAULT_SETTINGS, Settings
from crosswire.ingest import read_inputs
from crosswire.records import Article, Rejection
from crosswire.store import Store


def extract(
    paths: Iterable[str], settings: Settings = DEFAULT_SETTINGS, stdin: BinaryIO | None = None
) -> Iterator[Article | Rejection]:
    """Clean articles from the inputs, one per document, with a Rejection for each one that fails."""
    for item in read_inputs(paths, settings, stdin=stdin):
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            yield extract_article(item, settings)
        except ExtractionError as error:
            yield Rejection(item.source, str(error))


@dataclass(frozen=True)
class Outcome:
    """What happened to one input document."""

    source: str
    status: str
    article_id: str | None = None
    reason: str | None = None
    near_duplicates: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {key: value for key, value in self.__dict__.items() if value not in (None, ())}


@dataclass
class IngestReport:
    run_id: int
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(outcome.status for outcome in self.outcomes))

    @property
    def rejected(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "rejected"]


def ingest(
    paths: Iterable[str],
    db: str | Path,
    settings: Settings = DEFAULT_SETTINGS,
    stdin: BinaryIO | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> IngestReport:
    """Extract and store every input; each document is committed on its own, so a killed run resumes."""
    paths = list(paths)
    with Store(db) as store:
        report = IngestReport(store.start_run(paths))
        try:
            for item in extract(paths, settings, stdin=stdin):
                outcome = _store_one(store, report.run_id, item)
                report.outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
        except BaseException:
            store.finish_run(report.run_id, report.counts, status="interrupted")
            raise
        store.finish_run(report.run_id, report.counts)
    return report


def _store_one(store: Store, run_id: int, item: Article | Rejection) -> Outcome:
    if isinstance(item, Rejection):
        store.log_rejection(run_id, item)
        return Outcome(item.source, "rejected", reason=item.reason)
    result = store.add_article(item, run_id)
    links = tuple(other_id for other_id, _, _ in result.near_duplicates)
    return Outcome(item.source, result.status, result.article_id, near_duplicates=links)
