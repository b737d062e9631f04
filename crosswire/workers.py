"""Ingest's per-document work (extraction, NLP analysis) on a Dask cluster.

Workers only compute: each task takes plain records in and hands plain records back, and the
coordinating process writes the store in input order, so a run on a cluster commits exactly what
a serial run commits, in the same transactions. dask.distributed is imported only when a cluster
is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import count, islice
from typing import TYPE_CHECKING, Any, TypeVar

from crosswire.articles.extract import extract_article
from crosswire.articles.html import ExtractionError
from crosswire.config import Settings
from crosswire.records import (
    AnalysedDocument,
    Analysis,
    AnalysisFailure,
    Article,
    RawDocument,
    Rejection,
    TextItem,
    error_summary,
)

if TYPE_CHECKING:
    from distributed import Client

Item = TypeVar("Item")
Result = TypeVar("Result")

LOCAL = "local"
# Tasks in flight, or finished but not yet written: enough to keep workers busy, few enough to bound memory.
TASKS_PER_WORKER = 4
ANALYSIS_CHUNK = 8  # articles per analysis task: spaCy parses a batch faster than one text at a time


class ClusterUnavailable(Exception):
    """The Dask scheduler named by `--dask` cannot be reached or started."""


def extract_document(raw: RawDocument, settings: Settings) -> Article | Rejection:
    """One document's clean article, or the Rejection saying why it has none."""
    try:
        return extract_article(raw, settings)
    except ExtractionError as error:
        return Rejection(raw.source, str(error))


def analyse_chunk(items: list[TextItem], settings: Settings) -> list[Analysis | AnalysisFailure]:
    """The analyses of (text, publication date[, language]) items, each worker process loading spaCy once."""
    from crosswire.analysis.analyze import analyze_texts  # spaCy loads only where analysis runs

    return list(analyze_texts(items, replace(settings, nlp_processes=1)))


def local_workers(address: str) -> int | None:
    """The worker count `local:N` asks for, None for `local` (one per core), or raise for a bad N."""
    count = address.removeprefix(LOCAL).removeprefix(":")
    if not count:
        return None
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"{address!r}: the number of local workers must be a whole number of at least 1")
    return int(count)


def is_local(address: str) -> bool:
    return address == LOCAL or address.startswith(LOCAL + ":")


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a LocalCluster of worker processes for `local[:N]`."""
    from distributed import Client, LocalCluster

    try:
        if is_local(address):
            cluster = LocalCluster(n_workers=local_workers(address), threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
        else:
            cluster = None
            client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {error}") from error
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def in_order(
    client: Client, function: Callable[..., Result], items: Iterable[Item], *args: Any
) -> Iterator[tuple[Item, Result | BaseException]]:
    """`function(item, *args)` for every item on the cluster, each result (or the exception its task
    raised) paired with its item and handed back in input order.

    Results are collected as they complete, but only a window of tasks per worker is ever submitted
    and not yet handed back, so memory stays bounded however many items there are.
    """
    from distributed import as_completed

    window = TASKS_PER_WORKER * max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
    source = iter(items)
    items_by_key: dict[str, tuple[int, Item]] = {}
    finished: dict[int, tuple[Item, Result | BaseException]] = {}
    completions = as_completed()
    indices = count()

    def submit(batch: Iterable[Item]) -> None:
        for item in batch:
            future = client.submit(function, item, *args, pure=False)
            items_by_key[future.key] = (next(indices), item)
            completions.add(future)

    handed_back = 0
    submit(islice(source, window))
    for future in completions:
        index, item = items_by_key.pop(future.key)
        finished[index] = (item, future.result() if future.status == "finished" else future.exception())
        future.release()
        while handed_back in finished:
            yield finished.pop(handed_back)
            handed_back += 1
            submit(islice(source, 1))


def extract_on(
    client: Client, documents: Iterable[RawDocument | Rejection], settings: Settings
) -> Iterator[Article | Rejection]:
    """Articles from the documents in input order, extracted on the cluster; a task that fails rejects
    its document with the reason, as a document extraction refuses is rejected."""
    for document, result in in_order(client, _extract_or_pass, documents, settings):
        if isinstance(result, BaseException):
            yield Rejection(document.source, _task_failure("extraction", result))
        else:
            yield result


def _extract_or_pass(document: RawDocument | Rejection, settings: Settings) -> Article | Rejection:
    """Reading's rejections travel as tasks too, so they keep their place among the extracted documents."""
    return document if isinstance(document, Rejection) else extract_document(document, settings)


def analyse_on(client: Client, items: list[TextItem], settings: Settings) -> Iterator[Analysis | AnalysisFailure]:
    """Analyses of (text, publication date) pairs in input order, analysed in chunks on the cluster; the
    texts of a chunk whose task fails get an AnalysisFailure each, and the other chunks go on."""
    chunks = (items[start : start + ANALYSIS_CHUNK] for start in range(0, len(items), ANALYSIS_CHUNK))
    for chunk, result in in_order(client, analyse_chunk, chunks, settings):
        if isinstance(result, BaseException):
            yield from [AnalysisFailure(_task_failure("analysis", result))] * len(chunk)
        else:
            yield from result


def analyse_documents_on(
    client: Client, documents: Iterable[AnalysedDocument | Rejection], settings: Settings
) -> Iterator[AnalysedDocument | Rejection]:
    """`crosswire analyze` on the cluster: the documents analysed in chunks, in input order.

    Rejections keep their place; a document whose analysis fails, or whose chunk's task fails, is
    rejected with the reason, and the others go on.
    """
    source = iter(documents)
    chunks = iter(lambda: list(islice(source, ANALYSIS_CHUNK)), [])
    for chunk, result in in_order(client, _analyse_documents, chunks, settings):
        if not isinstance(result, BaseException):
            yield from result
            continue
        reason = _task_failure("analysis", result)
        yield from (item if isinstance(item, Rejection) else Rejection(item.source, reason) for item in chunk)


def _analyse_documents(
    chunk: list[AnalysedDocument | Rejection], settings: Settings
) -> list[AnalysedDocument | Rejection]:
    documents = [item for item in chunk if not isinstance(item, Rejection)]
    analyses = iter(analyse_chunk([(d.text, d.analysis.published, d.analysis.language) for d in documents], settings))
    return [item if isinstance(item, Rejection) else analysed_document(item, next(analyses)) for item in chunk]


def analysed_document(document: AnalysedDocument, result: Analysis | AnalysisFailure) -> AnalysedDocument | Rejection:
    """The document with its analysis, or its rejection when the analysis failed."""
    if isinstance(result, AnalysisFailure):
        return Rejection(document.source, result.reason)
    return replace(document, analysis=result)


def _task_failure(work: str, error: BaseException) -> str:
    return f"{work} failed on a Dask worker ({error_summary(error)})"
