"""The Python API: the stages wired together, for the CLI and for users' own scripts.

from crosswire.pipeline import extract, ingest
for item in extract(["pages/"]):
    ...
report = ingest(["pages/"], "crosswire.db")
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from crosswire.articles.dates import parse_date_string
from crosswire.config import DEFAULT_SETTINGS, Settings
from crosswire.ingest import read_inputs
from crosswire.records import AnalysedDocument, Analysis, Article, MembershipTie, Rejection, Story
from crosswire.store import Store
from crosswire.workers import analyse_documents_on, analyse_on, connect, extract_document, extract_on

if TYPE_CHECKING:
    from distributed import Client


def extract(
    paths: Iterable[str], settings: Settings = DEFAULT_SETTINGS, stdin: BinaryIO | None = None
) -> Iterator[Article | Rejection]:
    """Clean articles from the inputs, one per document, with a Rejection for each one that fails."""
    for item in read_inputs(paths, settings, stdin=stdin):
        yield item if isinstance(item, Rejection) else extract_document(item, settings)


def analyze(
    paths: Iterable[str],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    plain: bool = False,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    dask: str | None = None,
) -> Iterator[AnalysedDocument | Rejection]:
    """Analyse each input: its clean article text, or with `plain` the text exactly as given.

    `published` overrides every document's own date as the anchor for relative times. With
    `dask` (a scheduler address, or `local[:N]`) extraction and analysis run on that cluster,
    and the results still come back in input order.
    """
    if dask:
        with connect(dask) as client:
            documents = _texts_to_analyse(paths, settings, plain, published, stdin, client)
            yield from analyse_documents_on(client, documents, settings)
        return
    from crosswire.analysis.analyze import analyze_doc  # spaCy loads only when analysis runs
    from crosswire.analysis.nlp import parse_with_context

    documents = _texts_to_analyse(paths, settings, plain, published, stdin)
    pairs = (("" if isinstance(item, Rejection) else item.text, item) for item in documents)
    for doc, item in parse_with_context(pairs, settings):
        if isinstance(item, Rejection):
            yield item
        else:
            yield replace(item, analysis=analyze_doc(doc, item.analysis.published))


def _texts_to_analyse(
    paths: Iterable[str],
    settings: Settings,
    plain: bool,
    published: str | None,
    stdin: BinaryIO | None,
    client: Client | None = None,
) -> Iterator[AnalysedDocument | Rejection]:
    if not plain:
        for item in _extracted(list(paths), settings, stdin, client):
            if isinstance(item, Rejection):
                yield item
            else:
                anchor = published or item.published.value
                yield AnalysedDocument(item.source, item.record_id, item.text, Analysis(anchor))
        return
    for raw in read_inputs(paths, settings, stdin=stdin):
        if isinstance(raw, Rejection):
            yield raw
        else:
            anchor = published or (parse_date_string(raw.supplied.published) if raw.supplied.published else None)
            yield AnalysedDocument(raw.source, raw.record_id, raw.content, Analysis(anchor))


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
    analysed: int = 0
    stories: list[str] = field(default_factory=list)

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
    analyse: bool = True,
    on_analysed: Callable[[str], None] | None = None,
    stories: bool = True,
    dask: str | None = None,
) -> IngestReport:
    """Extract, store and analyse every input, then group the articles into stories.

    Each document, and then each analysis, is committed on its own, so a killed run leaves a
    consistent store and running it again finishes the rest, analyses included. With `dask` (a
    scheduler address, or `local[:N]`) the extraction and analysis run on that cluster's workers,
    and this process still writes every result, in the same order.
    """
    paths = list(paths)
    with ExitStack() as resources:
        client = resources.enter_context(connect(dask)) if dask else None
        store = resources.enter_context(Store(db))
        report = IngestReport(store.start_run(paths))
        try:
            for item in _extracted(paths, settings, stdin, client):
                outcome = _store_one(store, report.run_id, item)
                report.outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
            if analyse:
                report.analysed = analyse_stored(store, settings, on_analysed, client)
            if stories:
                report.stories = update_stories(store, settings)
        except BaseException:
            store.finish_run(report.run_id, report.counts, status="interrupted")
            raise
        store.finish_run(report.run_id, report.counts)
    return report


def _extracted(
    paths: list[str], settings: Settings, stdin: BinaryIO | None, client: Client | None
) -> Iterator[Article | Rejection]:
    if client is None:
        return extract(paths, settings, stdin=stdin)
    return extract_on(client, read_inputs(paths, settings, stdin=stdin), settings)


def analyse_stored(
    store: Store,
    settings: Settings = DEFAULT_SETTINGS,
    on_analysed: Callable[[str], None] | None = None,
    client: Client | None = None,
) -> int:
    """Analyse every stored article that has no analysis yet, or whose date has arrived since,
    here or, given a Dask client, on its cluster."""
    from crosswire.analysis.analyze import analyze_texts  # spaCy loads only when analysis runs

    pending = store.articles_to_analyse()
    items = [(row["text"], row["published"]) for row in pending]
    analyses = analyze_texts(items, settings) if client is None else analyse_on(client, items, settings)
    for row, analysis in zip(pending, analyses, strict=True):
        store.save_analysis(row["id"], analysis, settings.spacy_model)
        if on_analysed:
            on_analysed(row["id"])
    return len(pending)


def _store_one(store: Store, run_id: int, item: Article | Rejection) -> Outcome:
    if isinstance(item, Rejection):
        store.log_rejection(run_id, item)
        return Outcome(item.source, "rejected", reason=item.reason)
    result = store.add_article(item, run_id)
    links = tuple(other_id for other_id, _, _ in result.near_duplicates)
    return Outcome(item.source, result.status, result.article_id, near_duplicates=links)


def update_stories(store: Store, settings: Settings = DEFAULT_SETTINGS) -> list[str]:
    """Put every article without a story into one, then rebuild the dossiers of the stories that changed."""
    from crosswire.stories.assign import assign_articles  # torch loads only when stories are built

    changed = assign_articles(store)
    for story_id, ties in changed.items():
        refresh_story(store, story_id, ties)
    return list(changed)


def refresh_story(store: Store, story_id: str, ties: Mapping[str, MembershipTie] | None = None) -> Story | None:
    """Rebuild one story's dossier from its stored articles and analyses, with what ties each member to it."""
    from crosswire.stories.dossier import build_story

    members = store.story_members(story_id)
    articles = [article for article_id in members if (article := store.load_article(article_id))]
    if not articles:
        return None
    analyses = {article.id: analysis for article in articles if (analysis := store.analysis(article.id))}
    links = {
        article.id: [(link["other_id"], link["similarity"], link["kind"]) for link in store.near_duplicates(article.id)]
        for article in articles
    }
    story = build_story(story_id, articles, analyses, links, members, ties or {})
    store.save_story(story)
    return story
