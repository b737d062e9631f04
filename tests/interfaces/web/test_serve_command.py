"""`crosswire serve` as a user starts it: a real process on a loopback port."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from ..test_cli import run
from .conftest import WebStore, free_port


@contextmanager
def serving(web_store: WebStore, host: str, url_host: str) -> Iterator[str]:
    """`crosswire serve` bound to `host`, once it answers at `url_host`."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "crosswire", "serve", "--db", str(web_store.path), "--host", host, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://{url_host}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            try:
                httpx.get(url + "/static/crosswire.css", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "crosswire serve did not answer"
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def served(web_store: WebStore) -> Iterator[str]:
    with serving(web_store, "127.0.0.1", "127.0.0.1") as url:
        yield url


def test_serve_answers_on_loopback_read_only(served: str, web_store: WebStore) -> None:
    assert web_store.seed_story in httpx.get(served + "/").text
    assert httpx.post(served + "/", data={"x": "1"}).status_code == 405
    assert httpx.get(served + "/", headers={"Host": "rebinding.example"}).status_code == 400


def test_serve_binds_ipv6_loopback(web_store: WebStore) -> None:
    if not socket.has_ipv6:
        pytest.skip("this machine has no IPv6")
    with serving(web_store, "::1", "[::1]") as url:
        response = httpx.get(url + "/")
    assert response.status_code == 200 and web_store.seed_story in response.text


def test_serve_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = run("serve", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and b"crosswire ingest" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_serve_refuses_a_store_it_would_have_to_upgrade(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    sqlite3.connect(old).close()
    result = run("serve", "--db", str(old))
    assert result.returncode == 2 and b"crosswire ingest" in result.stderr and b"Traceback" not in result.stderr
