"""Bounded requests: query caps, validated numbers, a time limit, work stopped when the client goes, and
every response (errors, the Host check's, HEAD's) with the security headers."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosswire.interfaces.web import create_app
from crosswire.store import Store
from crosswire.store.dialect import is_interruption
from crosswire.store.full_text import MAX_QUERY_CHARACTERS, MAX_QUERY_WORDS

from .conftest import WebStore

RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def assert_secured(response: Any) -> None:
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert response.headers["x-frame-options"] == "DENY" and response.headers["x-content-type-options"] == "nosniff"


def test_a_whitespace_query_is_an_empty_search(client: TestClient) -> None:
    page = client.get("/search", params={"q": "   "})
    assert page.status_code == 200 and "Every word must occur" in page.text
    assert client.get("/api/search", params={"q": " \t "}).json()["total"] == 0


@pytest.mark.parametrize("offset", ["1e23", str(10**23), "-1", "9223372036854775808"])
def test_numbers_out_of_range_are_refused_not_crashed_on(client: TestClient, offset: str) -> None:
    assert client.get("/api/search", params={"q": "price", "offset": offset}).status_code == 422
    assert client.get("/api/stories", params={"offset": offset}).status_code == 422
    assert client.get("/search", params={"q": "price", "offset": offset}).status_code == 400
    assert client.get("/articles", params={"offset": offset}).status_code == 400


def test_queries_over_the_caps_are_refused_with_the_reason(client: TestClient) -> None:
    long_title = "_" * 30_000  # a LIKE pattern SQLite calls too complex (over 50,000 bytes once escaped)
    response = client.get("/api/stories", params={"q": long_title})
    assert response.status_code == 400
    assert response.json()["detail"] == (
        f"The query is 30,000 characters long; at most {MAX_QUERY_CHARACTERS:,} are read: "
        "keep the words that matter most."
    )
    many_words = " ".join(["price"] * (MAX_QUERY_WORDS + 1))
    api = client.get("/api/search", params={"q": many_words})
    assert api.status_code == 400 and f"at most {MAX_QUERY_WORDS} are read" in api.json()["detail"]
    page = client.get("/search", params={"q": many_words})
    assert page.status_code == 400 and "That search is too large" in page.text
    assert client.get("/", params={"q": long_title}).status_code == 400
    assert client.get("/api/search", params={"q": " ".join(["price"] * MAX_QUERY_WORDS)}).status_code == 200


def test_a_repeated_word_costs_the_search_no_more_than_one(web_store: WebStore) -> None:
    """Work counted in SQLite's virtual-machine steps: with each repeat a term of its own, a query's cost
    grew with its words (and inside FTS5's ranking and snippets, with their square)."""
    with Store(web_store.path, read_only=True) as store:

        def steps(query: str) -> int:
            counted = [0]

            def count() -> int:
                counted[0] += 1
                return 0

            store._connection.set_progress_handler(count, 1)
            assert store.search(query) and store.count_search(query)
            store._connection.set_progress_handler(None, 0)
            return counted[0]

        steps("price")  # the first statements also read the schema
        one = steps("price")
        assert steps(" ".join(["price", "PRICE", "Price"] * (MAX_QUERY_WORDS // 3))) == one


def test_every_response_carries_the_security_headers(web_store: WebStore, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(web_store.path, allowed_hosts=["testserver"])
    with TestClient(app, raise_server_exceptions=False) as client:
        responses = [
            client.get("/nowhere"),
            client.get("/api/search", params={"q": "price", "offset": "1e23"}),
            client.get("/search", params={"q": "price", "limit": "0"}),
            client.post("/api/stories"),
            client.get("/api/search", params={"q": "x" * (MAX_QUERY_CHARACTERS + 1)}),
        ]
        monkeypatch.setattr(Store, "story_page", lambda *args: 1 / 0)
        responses += [client.get("/"), client.get("/api/stories")]
    with TestClient(app, base_url="http://attacker.example") as client:
        responses.append(client.get("/"))
    assert [response.status_code for response in responses] == [404, 422, 400, 405, 400, 500, 500, 400]
    for response in responses:
        assert_secured(response)


@pytest.mark.parametrize("path", ["/", "/api/stories", "/static/crosswire.css", "/search?q=price", "/nowhere"])
def test_head_is_answered_wherever_get_is(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code and head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert_secured(head)


def runaway_search(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[BaseException]]:
    """Make every search a statement that never ends unless interrupted; returns when it started, and
    what stopped it."""
    started, stopped = threading.Event(), []

    def search(store: Store, *args: Any, **kwargs: Any) -> list[Any]:
        started.set()
        try:
            store._connection.execute(RUNAWAY).fetchall()
        except BaseException as error:
            stopped.append(error)
            raise
        return []

    monkeypatch.setattr(Store, "search", search)
    return started, stopped


def test_a_request_over_its_time_limit_is_stopped(location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(location).close()
    _, stopped = runaway_search(monkeypatch)
    with TestClient(create_app(location, time_limit=0.5)) as client:
        response = client.get("/api/search", params={"q": "price"})
        page = client.get("/search", params={"q": "price"})
        assert client.get("/api/stories").status_code == 200  # the store lent again works
    assert response.status_code == 503 and page.status_code == 503
    detail = "The request was stopped: it took longer than the 0.5 seconds this server allows."
    assert response.json()["detail"] == detail
    assert_secured(page)
    assert len(stopped) == 2 and all(is_interruption(error) for error in stopped)


def test_a_request_stops_when_its_client_goes(location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(location).close()
    started, stopped = runaway_search(monkeypatch)
    app = create_app(location, time_limit=3600)  # only the client's going can stop it

    async def request_then_leave() -> list[dict[str, Any]]:
        gone = asyncio.Event()
        messages = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive() -> dict[str, Any]:
            if messages:
                return messages.pop()
            await gone.wait()
            return {"type": "http.disconnect"}

        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": "/api/search", "raw_path": b"/api/search", "root_path": "",
                 "query_string": b"q=price", "headers": [(b"host", b"testserver")],
                 "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}  # fmt: skip
        task = asyncio.ensure_future(app(scope, receive, send))
        while not started.is_set():
            await asyncio.sleep(0.01)
        gone.set()
        await asyncio.wait_for(task, timeout=60)
        return sent

    asyncio.run(request_then_leave())
    assert len(stopped) == 1 and is_interruption(stopped[0])


def test_the_search_page_shows_the_reason_for_a_too_large_query(client: TestClient) -> None:
    response = client.get("/search", params={"q": "x" * (MAX_QUERY_CHARACTERS + 1)})
    assert response.status_code == 400
    assert f"The query is {MAX_QUERY_CHARACTERS + 1:,} characters long" in response.text
