"""The Dask side of ingest on a real in-process cluster: order, bounded submission, failures, records that pickle."""

import pickle
import re
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from distributed import Client, LocalCluster

from crosswire.analysis.analyze import analyze_texts
from crosswire.config import DEFAULT_SETTINGS
from crosswire.ingest import read_inputs
from crosswire.pipeline import extract
from crosswire.records import AnalysedDocument, Analysis, AnalysisFailure, Article, Rejection
from crosswire.workers import (
    ANALYSIS_CHUNK,
    TASKS_PER_WORKER,
    analyse_documents_on,
    analyse_on,
    extract_on,
    in_order,
    local_workers,
)

from .conftest import SEEDS


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    with cluster, Client(cluster) as client:
        yield client


def _slower_for_smaller(number: int) -> int:
    time.sleep((10 - number) * 0.02)
    if number == 3:
        raise ValueError("three is refused")
    return number * number


def test_results_come_back_in_input_order_with_failures_in_place(client: Client) -> None:
    results = list(in_order(client, _slower_for_smaller, range(10)))
    assert [item for item, _ in results] == list(range(10))
    assert [result for item, result in results if item != 3] == [n * n for n in range(10) if n != 3]
    failure = results[3][1]
    assert isinstance(failure, ValueError) and str(failure) == "three is refused"


def test_only_a_window_of_tasks_is_submitted_ahead(client: Client) -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for number in range(100):
            taken.append(number)
            yield number

    results = in_order(client, abs, items())
    next(results)
    assert len(taken) <= TASKS_PER_WORKER * 2 + 1
    assert [item for item, _ in results] == list(range(1, 100))


def test_extraction_on_workers_matches_the_serial_path_and_rejects_a_failing_task(client: Client, tmp_path) -> None:
    (tmp_path / "short.txt").write_text("Too short to be an article.")
    paths = [str(SEEDS), str(tmp_path / "short.txt")]
    documents = list(read_inputs(paths))
    broken = replace(documents[0], source="broken.txt", content=None)
    on_workers = list(extract_on(client, [*documents, broken], DEFAULT_SETTINGS))
    assert on_workers[:-1] == list(extract(paths))
    assert isinstance(on_workers[-2], Rejection) and on_workers[-2].source == str(tmp_path / "short.txt")
    assert on_workers[-1].source == "broken.txt"
    assert on_workers[-1].reason.startswith("extraction failed on a Dask worker (AttributeError: ")


def test_analysis_on_workers_matches_the_serial_path(client: Client) -> None:
    items = [(article.text, article.published.value) for article in extract([str(SEEDS)])] * 2
    analyses = list(analyse_on(client, items, DEFAULT_SETTINGS))
    assert len(items) > ANALYSIS_CHUNK and analyses == list(analyze_texts(items))
    assert all(analysis.entities for analysis in analyses)


def test_a_failing_analysis_task_fails_its_texts_and_the_others_go_on(client: Client) -> None:
    good = [(article.text, article.published.value) for article in extract([str(SEEDS)])]
    items = [(None, None), *good[:1] * (ANALYSIS_CHUNK - 1), *good]  # the first chunk's task fails
    results = list(analyse_on(client, items, DEFAULT_SETTINGS))  # type: ignore[arg-type]
    failed, analysed = results[:ANALYSIS_CHUNK], results[ANALYSIS_CHUNK:]
    assert all(isinstance(result, AnalysisFailure) for result in failed)
    assert re.match(r"analysis failed on a Dask worker \(\w+Error: ", failed[0].reason)
    assert analysed == list(analyze_texts(good))


def test_a_failing_analysis_chunk_rejects_its_documents_and_the_others_go_on(client: Client) -> None:
    articles = [item for item in extract([str(SEEDS)]) if isinstance(item, Article)]
    good = [AnalysedDocument(a.source, None, a.text, Analysis(a.published.value)) for a in articles]
    broken = AnalysedDocument("broken.txt", None, None, Analysis(None))  # type: ignore[arg-type]
    refused = Rejection("refused.html", "not text")
    documents = [*good[:2], refused, *([broken] * (ANALYSIS_CHUNK - 3)), *good[2:]]  # the first chunk fails

    results = list(analyse_documents_on(client, documents, DEFAULT_SETTINGS))

    assert [item.source for item in results] == [item.source for item in documents]
    assert results[2] == refused
    failed = [item for item in results if isinstance(item, Rejection) and item.source != "refused.html"]
    assert failed and all(item.reason.startswith("analysis failed on a Dask worker (") for item in failed)
    analysed = [item for item in results if isinstance(item, AnalysedDocument)]
    assert [item.source for item in analysed] == [item.source for item in good[2:]]
    assert [item.analysis for item in analysed] == list(
        analyze_texts([(d.text, d.analysis.published) for d in good[2:]])
    )


def test_articles_pickle_unchanged() -> None:
    [article, *_] = [item for item in extract([str(SEEDS)]) if isinstance(item, Article)]
    assert pickle.loads(pickle.dumps(article)) == article


@pytest.mark.parametrize(("address", "workers"), [("local", None), ("local:3", 3)])
def test_local_addresses_name_the_worker_count(address: str, workers: int | None) -> None:
    assert local_workers(address) == workers


@pytest.mark.parametrize("address", ["local:0", "local:two", "local:-1"])
def test_a_bad_local_worker_count_is_refused(address: str) -> None:
    with pytest.raises(ValueError, match="whole number of at least 1"):
        local_workers(address)
