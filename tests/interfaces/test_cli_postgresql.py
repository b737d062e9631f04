"""The whole job on a real PostgreSQL server, through the CLI and the web app: what SQLite gives, PostgreSQL gives."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from crosswire import pipeline
from crosswire.interfaces.web import create_app
from tests.postgres_server import PostgresServer

from ..conftest import SEEDS
from .test_cli import jsonl, run


@pytest.fixture(scope="module")
def stores(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The seeds ingested with analysis and stories by the CLI into a PostgreSQL database, and by the
    Python API (sharing this process's models with the other tests) into an SQLite file."""
    url = postgres_server.new_database()
    sqlite = str(tmp_path_factory.mktemp("parity") / "crosswire.db")
    ingested = run("ingest", str(SEEDS), "--db", url)
    assert ingested.returncode == 0, ingested.stderr.decode()
    summary = jsonl(ingested.stdout)[-1]["summary"]
    assert summary["ingested"] == len(list(SEEDS.glob("*.txt"))) and summary["db"] == url
    assert not pipeline.ingest([str(SEEDS)], sqlite).rejected
    yield url, sqlite
    postgres_server.drop_database(url)


def _json(*args: str) -> object:
    result = run(*args)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def test_articles_and_export_are_the_same_as_sqlites(stores: tuple[str, str]) -> None:
    url, sqlite = stores
    listed = jsonl(run("articles", "--db", url).stdout)
    assert len(listed) == len(list(SEEDS.glob("*.txt"))) and listed == jsonl(run("articles", "--db", sqlite).stdout)
    assert (
        run("export", "--format", "csv", "--db", url).stdout == run("export", "--format", "csv", "--db", sqlite).stdout
    )


def test_stories_and_dossiers_are_the_same_as_sqlites(stores: tuple[str, str]) -> None:
    url, sqlite = stores
    stories = [{**row, "updated_at": None} for row in jsonl(run("stories", "--db", url).stdout)]
    assert stories == [{**row, "updated_at": None} for row in jsonl(run("stories", "--db", sqlite).stdout)]
    [story] = [row for row in stories if row["articles"] == 5]
    dossier = _json("show", story["id"], "--format", "json", "--db", url)
    assert dossier == _json("show", story["id"], "--format", "json", "--db", sqlite)
    markdown = run("show", story["id"], "--db", url).stdout.decode()
    assert markdown.startswith("# ") and "## Who said what" in markdown


def test_a_libpq_key_value_string_opens_the_same_database_as_its_url(stores: tuple[str, str]) -> None:
    url, _ = stores
    settings = conninfo_to_dict(url)
    key_value = make_conninfo(**settings)
    assert "://" not in key_value and settings["dbname"] in key_value
    assert jsonl(run("stories", "--db", key_value).stdout) == jsonl(run("stories", "--db", url).stdout)


def test_web_app_searches_the_server_read_only(stores: tuple[str, str]) -> None:
    url, _ = stores
    with TestClient(create_app(url)) as client:
        results = client.get("/api/search", params={"q": "Sullivan", "limit": 2}).json()
        assert results["total"] >= 4 and len(results["items"]) == 2
        assert all("<mark>Sullivan</mark>" in hit["snippet_html"] for hit in results["items"])
        phrase = client.get("/api/search", params={"q": '"Jake Sullivan" OR nosuchword', "syntax": "fts5"}).json()
        assert phrase["total"] == results["total"]
        malformed = client.get("/api/search", params={"q": '"open', "syntax": "fts5"})
        assert malformed.status_code == 400 and "unterminated" in malformed.text
        for page in ("/", "/articles", "/entities/Jake Sullivan", "/search?q=Kim"):
            assert client.get(page).status_code == 200, page


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    result = run("articles", "--db", f"postgresql://nobody:secret@/nowhere?host={tmp_path}")
    assert result.returncode == 2
    message = result.stderr.decode()
    assert "cannot open postgresql://nobody:***@/nowhere" in message and "secret" not in message
    assert "Traceback" not in message
