"""The app's pool of read-only stores: reused between requests, fresh after writes, closed when done."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosswire.interfaces.web import create_app, views
from crosswire.store import Store
from tests.factories import make_article


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Store]:
    """Every store the pool opens, in order."""
    stores: list[Store] = []

    class CountedStore(Store):
        def __init__(self, *arguments: object, **options: object) -> None:
            super().__init__(*arguments, **options)
            stores.append(self)

    monkeypatch.setattr(views, "Store", CountedStore)
    return stores


def test_sequential_requests_share_one_open_store(writable_copy: Path, opened: list[Store]) -> None:
    with TestClient(create_app(writable_copy)) as client:
        for _ in range(5):
            assert client.get("/api/articles").status_code == 200
        assert client.get("/api/articles/no-such-article").status_code == 404
        assert client.get("/api/stories").status_code == 200
        assert len(opened) <= 1 and client.app.state.stores.idle == 1


def test_a_lent_store_sees_what_was_written_since(writable_copy: Path) -> None:
    with TestClient(create_app(writable_copy)) as client:
        before = client.get("/api/articles").json()["total"]
        with Store(writable_copy) as store:
            store.add_article(make_article("written-later", ("A later report.",)), store.start_run(["test"]))
        assert client.get("/api/articles").json()["total"] == before + 1
        assert client.get("/api/articles/written-later").status_code == 200


def test_a_store_whose_request_failed_is_closed_not_lent_again(writable_copy: Path) -> None:
    pool = views.StorePool(writable_copy)
    app = type("App", (), {"state": type("State", (), {"stores": pool})})
    request = type("Request", (), {"app": app, "scope": {}})()
    lending = views.open_store(request)
    store = next(lending)
    with pytest.raises(RuntimeError):
        lending.throw(RuntimeError("the connection broke"))
    assert pool.idle == 0
    with pytest.raises(Exception, match="closed"):
        store.memberships()


def test_shutting_the_app_down_closes_its_idle_stores(writable_copy: Path) -> None:
    with TestClient(create_app(writable_copy)) as client:
        client.get("/api/articles")
        pool = client.app.state.stores
        assert pool.idle == 1
    assert pool.idle == 0
