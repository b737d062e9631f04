"""A real Datasette on the seeds' store, with `crosswire datasette-metadata`, read over HTTP as a researcher would:
internal tables hidden, a story's articles and its quotes one click from the story, the saved queries answering.

Here beside the web tests for their store (`web_store`, built once by the real pipeline).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import httpx
import pytest

from crosswire.interfaces.datasette import INTERNAL, metadata

from .conftest import WebStore, free_port


@pytest.fixture(scope="module")
def datasette(web_store: WebStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    meta = tmp_path_factory.mktemp("datasette") / "metadata.json"
    result = subprocess.run(
        [sys.executable, "-m", "crosswire", "datasette-metadata", "--db", str(web_store.path), "--output", str(meta)],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(web_store.path), "--metadata", str(meta), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else "datasette exited"
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "datasette did not start"
        time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


def _database(web_store: WebStore) -> str:
    return Path(web_store.path).stem


def _links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', html)]


def test_internal_tables_are_hidden_and_the_story_tables_shown(datasette: str, web_store: WebStore) -> None:
    tables = httpx.get(f"{datasette}/{_database(web_store)}.json").json()["tables"]
    hidden = {table["name"] for table in tables if table["hidden"]}
    shown = {table["name"] for table in tables if not table["hidden"]}
    assert set(INTERNAL) - {"clustering_neighbour_links"} <= hidden  # a view is listed apart from tables
    assert {"stories", "articles", "story_sources", "story_quotes", "timeline_entries", "discrepancies",
            "unique_details", "summary_sentences", "story_events"} <= shown  # fmt: skip


def test_a_storys_articles_and_quotes_are_one_click_away(datasette: str, web_store: WebStore) -> None:
    database, story = _database(web_store), web_store.seed_story
    page = httpx.get(f"{datasette}/{database}/stories/{story}")
    assert page.status_code == 200
    links = _links(page.text)
    sources = next(link for link in links if link.startswith(f"/{database}/story_sources?story_id="))
    quotes = next(link for link in links if link.startswith(f"/{database}/story_quotes?story_id="))

    articles = httpx.get(f"{datasette}{sources}")
    rows = httpx.get(f"{datasette}{sources}".replace("story_sources?", "story_sources.json?") + "&_labels=on").json()
    assert {row["article_id"]["value"] for row in rows["rows"]} == set(web_store.seed_articles)
    for row in rows["rows"]:  # each article named by its headline, and linked to its row
        assert row["article_id"]["label"] and row["article_id"]["label"] in unescape(articles.text)
        assert f"/{database}/articles/{row['article_id']['value']}" in _links(articles.text)

    statements = httpx.get(f"{datasette}{quotes}")
    assert "pay a price" in unescape(statements.text)


def test_saved_queries_answer(datasette: str, web_store: WebStore) -> None:
    database = _database(web_store)
    carried = httpx.get(f"{datasette}/{database}/quotes_carried_by_3_or_more_outlets.json?_shape=array").json()
    assert carried and all(row["outlets"] >= 3 for row in carried)
    assert any(row["speaker"] == "Jake Sullivan" and "pay a price" in row["text"] for row in carried)
    disagreeing = httpx.get(f"{datasette}/{database}/stories_with_disagreements.json?_shape=array").json()
    assert web_store.seed_story in {row["story_id"] for row in disagreeing}
    timeline = httpx.get(
        f"{datasette}/{database}/timeline_of_a_story.json", params={"story_id": web_store.seed_story, "_shape": "array"}
    ).json()
    assert len(timeline) > 10 and [row["first_day"] for row in timeline] == sorted(row["first_day"] for row in timeline)


def test_metadata_names_the_database_as_datasette_does() -> None:
    assert set(metadata("news")["databases"]) == {"news"}
