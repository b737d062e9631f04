from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres_server import PostgresServer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One real PostgreSQL server for the whole session; each test takes a database of its own."""
    with PostgresServer() as server:
        yield server


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """An SQLite store's file, for the tests of what only SQLite has."""
    return tmp_path / "crosswire.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, db_path: Path) -> Iterator[str]:
    """Where a store lives, once for each back end: an SQLite file, and a new database on a real server."""
    if request.param == "sqlite":
        yield str(db_path)
        return
    server = request.getfixturevalue("postgres_server")
    url = server.new_database()
    yield url
    server.drop_database(url)
