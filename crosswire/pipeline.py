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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from crosswire.articles.dates import parse_date_string
from crosswire.config import DEFAULT_SETTINGS, Settings
from crosswire.ingest import read_inputs
from crosswire.records import (
    AnalysedDocument,
    Analysis,
    AnalysisFailure,
    Article,
    MembershipTie,
    Rejection,
    Story,
    error_summary,
)
from crosswire.store import Store
from crosswire.workers import (
    analyse_documents_on,
    analyse_on,
    analysed_document,
    connect,
    extract_document,
    extract_on,
)

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
    from crosswire.analysis.analyze import analyze_each  # spaCy loads only when analysis runs

    documents = _texts_to_analyse(paths, settings, plain, published, stdin)
    items = (("", None, None, item) if isinstance(item, Rejection)
             else (item.text, item.analysis.published, item.analysis.language, item) for item in documents)  # fmt: skip
    for result, item in analyze_each(items, settings):
        yield item if isinstance(item, Rejection) else analysed_document(item, result)


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
                analysis = Analysis(published or item.published.value, language=item.language.value)
                yield AnalysedDocument(item.source, item.record_id, item.text, analysis)
        return
    for raw in read_inputs(paths, settings, stdin=stdin):
        if isinstance(raw, Rejection):
            yield raw
        else:
            anchor = published or (parse_date_string(raw.supplied.published) if raw.supplied.published else None)
            yield AnalysedDocument(raw.source, raw.record_id, raw.content, Analysis(anchor))


@dataclass(frozen=True)
class Outcome:
    """What happened to one input document, or to one stored article in a later phase.

    A document's status is ingested, duplicate, linked or rejected. A later phase reports what went
    wrong (`ANALYSIS_FAILED`, `STORY_FAILED`: the run goes on, the next run tries again) or what the
    user should know (`ANALYSIS_CUT`, `ANALYSIS_SKIPPED`).
    """

    source: str
    status: str
    article_id: str | None = None
    reason: str | None = None
    near_duplicates: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {key: value for key, value in self.__dict__.items() if value not in (None, ())}


ANALYSIS_FAILED = "analysis-failed"
ANALYSIS_CUT = "analysis-cut"
ANALYSIS_SKIPPED = "analysis-skipped"  # a language crosswire has no pack for: clean text and metadata only
STORY_FAILED = "story-failed"
FAILURES = frozenset({ANALYSIS_FAILED, STORY_FAILED})
OnProgress = Callable[[str, int, int | None], None]  # (stage, steps done, steps in all): analysing, stories, dossiers


@dataclass
class IngestReport:
    run_id: int
    outcomes: list[Outcome] = field(default_factory=list)
    analysed: int = 0
    stories: list[str] = field(default_factory=list)
    notices: list[Outcome] = field(default_factory=list)  # from the analysis and story phases

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(outcome.status for outcome in self.outcomes))

    @property
    def rejected(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "rejected"]

    @property
    def failed(self) -> list[Outcome]:
        return [notice for notice in self.notices if notice.status in FAILURES]


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
    on_progress: OnProgress | None = None,
) -> IngestReport:
    """Extract, store and analyse every input, then group the articles into stories.

    Each document, then each analysis, then the stories' memberships and each dossier, is committed on
    its own, so a killed run leaves a consistent store and running it again finishes the rest,
    analyses and dossiers included. One article whose analysis fails, or one story whose dossier
    cannot be built, is reported (`on_outcome`, `IngestReport.notices`) and the run goes on. With
    `dask` (a scheduler address, or `local[:N]`) the extraction and analysis run on that cluster's
    workers, and this process still writes every result, in the same order. `on_progress` hears how far
    each later stage is.
    """
    paths = list(paths)
    with ExitStack() as resources:
        client = resources.enter_context(connect(dask)) if dask else None
        store = resources.enter_context(Store(db))
        report = IngestReport(store.start_run(paths))

        def notice(outcome: Outcome) -> None:
            report.notices.append(outcome)
            if on_outcome:
                on_outcome(outcome)

        try:
            for item in _extracted(paths, settings, stdin, client):
                outcome = _store_one(store, report.run_id, item)
                report.outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
            if analyse:
                report.analysed = analyse_stored(store, settings, on_analysed, client, notice, on_progress)
            if stories:
                report.stories = update_stories(store, settings, notice, on_progress)
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
    on_notice: Callable[[Outcome], None] | None = None,
    on_progress: OnProgress | None = None,
) -> int:
    """Analyse every stored article that has no analysis yet, or whose date has arrived since,
    here or, given a Dask client, on its cluster; returns how many were analysed.

    An article whose analysis fails is reported to `on_notice` and left without one (the next run
    tries again); one analysed only in part, being too long, is reported too.
    """
    from crosswire.analysis.analyze import analyze_texts  # spaCy loads only when analysis runs

    pending = store.articles_to_analyse()
    _progress(on_progress, "analysing", 0, len(pending))
    items = [(row["text"], row["published"], row["language"]) for row in pending]
    analyses = analyze_texts(items, settings) if client is None else analyse_on(client, items, settings)
    analysed = 0
    for done, (row, analysis) in enumerate(zip(pending, analyses, strict=True), start=1):
        _progress(on_progress, "analysing", done, len(pending))
        if isinstance(analysis, AnalysisFailure):
            _notify(on_notice, Outcome(row["source"], ANALYSIS_FAILED, row["id"], analysis.reason))
            continue
        store.save_analysis(row["id"], analysis, dict(settings.spacy_models).get(analysis.language or "", ""))
        analysed += 1
        note = analysis.skipped or analysis.cut_note(len(row["text"]))
        if note:
            status = ANALYSIS_SKIPPED if analysis.skipped else ANALYSIS_CUT
            _notify(on_notice, Outcome(row["source"], status, row["id"], note))
        if on_analysed:
            on_analysed(row["id"])
    return analysed


def _notify(callback: Callable[[Outcome], None] | None, outcome: Outcome) -> None:
    if callback:
        callback(outcome)


def _progress(callback: OnProgress | None, stage: str, done: int, total: int | None) -> None:
    if callback:
        callback(stage, done, total)


def _store_one(store: Store, run_id: int, item: Article | Rejection) -> Outcome:
    if isinstance(item, Rejection):
        store.log_rejection(run_id, item)
        return Outcome(item.source, "rejected", reason=item.reason)
    result = store.add_article(item, run_id)
    links = tuple(other_id for other_id, _, _ in result.near_duplicates)
    return Outcome(item.source, result.status, result.article_id, near_duplicates=links, warnings=item.warnings)


def update_stories(
    store: Store,
    settings: Settings = DEFAULT_SETTINGS,
    on_notice: Callable[[Outcome], None] | None = None,
    on_progress: OnProgress | None = None,
) -> list[str]:
    """Put every article without a story into one, then rebuild every dossier marked stale: those of
    the stories that changed now, and those a killed run left unbuilt. Returns the stories rebuilt.

    A story whose dossier cannot be built is reported to `on_notice` and keeps its mark for the next run.
    """
    from crosswire.stories.assign import assign_articles  # torch loads only when stories are built

    _progress(on_progress, "stories", 0, None)
    ties = assign_articles(store, settings.story_model)
    stale = store.stale_stories()
    _progress(on_progress, "dossiers", 0, len(stale))
    rebuilt = []
    for done, story_id in enumerate(stale, start=1):
        _progress(on_progress, "dossiers", done - 1, len(stale))
        try:
            refresh_story(store, story_id, ties.get(story_id))
        except Exception as error:  # one story's failure must not cost the others their dossiers
            reason = f"its dossier could not be built ({error_summary(error)})"
            _notify(on_notice, Outcome(story_id, STORY_FAILED, reason=reason))
            continue
        rebuilt.append(story_id)
    _progress(on_progress, "dossiers", len(stale), len(stale))
    return rebuilt


def refresh_story(store: Store, story_id: str, ties: Mapping[str, MembershipTie] | None = None) -> Story | None:
    """Rebuild one story's dossier from its stored articles and analyses, with what ties each member to it
    (`assign.StoryTies`); a story left without members is dropped."""
    from crosswire.stories.dossier import build_story

    members = store.story_members(story_id)
    articles = [article for article_id in members if (article := store.load_article(article_id))]
    if not articles:
        store.drop_story(story_id)
        return None
    analyses = {article.id: analysis for article in articles if (analysis := store.analysis(article.id))}
    links = {
        article.id: [(link["other_id"], link["similarity"], link["kind"]) for link in store.near_duplicates(article.id)]
        for article in articles
    }
    story = build_story(story_id, articles, analyses, links, members, ties or {})
    store.save_story(story)
    return story
