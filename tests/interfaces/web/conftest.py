"""A store built by the real ingest pipeline from the seeds and two hostile inputs, and clients over it."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosswire.interfaces.web import create_app
from crosswire.pipeline import ingest
from crosswire.store import Store
from tests.conftest import FIXTURES, SEEDS

HOSTILE = FIXTURES / "hostile"
HOSTILE_PAGE = HOSTILE / "harbour_pier_hostile.html"
HOSTILE_RECORD = HOSTILE / "library_hostile.jsonl"
MERGED_AWAY = "story-merged-away"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class WebStore:
    path: Path
    seed_story: str
    seed_articles: tuple[str, ...]
    hostile_page: str
    hostile_record: str


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> WebStore:
    path = tmp_path_factory.mktemp("web") / "crosswire.db"
    report = ingest([str(SEEDS), str(HOSTILE_PAGE), str(HOSTILE_RECORD)], path)
    assert not report.rejected, report.rejected
    by_source = {outcome.source: outcome.article_id for outcome in report.outcomes}
    with Store(path) as store:
        [seed_story] = [row for row in store.stories() if row["articles"] == 5]
        store.save_memberships([], {MERGED_AWAY: seed_story["id"]})  # as a merge of two stories leaves it
        seed_articles = tuple(store.story(seed_story["id"])["articles"])
    return WebStore(
        path,
        seed_story["id"],
        seed_articles,
        by_source[str(HOSTILE_PAGE)],
        by_source[f"{HOSTILE_RECORD}#hostile-1"],
    )


@pytest.fixture(scope="session")
def client(web_store: WebStore) -> Iterator[TestClient]:
    with TestClient(create_app(web_store.path)) as test_client:
        yield test_client


@pytest.fixture
def writable_copy(web_store: WebStore, tmp_path: Path) -> Path:
    """A copy of the store for tests that write to it."""
    copy = tmp_path / "crosswire.db"
    shutil.copyfile(web_store.path, copy)
    return copy
