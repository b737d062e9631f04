import sqlite3
from pathlib import Path

import pytest

from crosswire.store import SchemaError, Store, migrations
from crosswire.store.migrations import MIGRATIONS, schema_version, sql_migration, statements
from tests.store.conftest import make_article


def _schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()


def _pragma(path: Path, name: str) -> int | str:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]


@pytest.fixture
def store(sqlite_store: Store) -> Store:
    """These tests read SQLite's own catalogue; test_schema_postgresql.py has PostgreSQL's."""
    return sqlite_store


def test_connection_settings(store: Store) -> None:
    connection = store._connection
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_wal_mode_persists_in_the_file(store: Store, db_path: Path) -> None:
    assert _pragma(db_path, "journal_mode") == "wal"


def test_new_store_is_at_the_latest_version(store: Store, db_path: Path) -> None:
    assert _pragma(db_path, "user_version") == len(MIGRATIONS) >= 1
    assert _pragma(db_path, "application_id") == migrations.APPLICATION_ID


def test_reopening_changes_nothing(db_path: Path) -> None:
    Store(db_path).close()
    before = _schema(db_path)
    with Store(db_path) as store:
        assert schema_version(store._connection) == len(MIGRATIONS)
    assert _schema(db_path) == before


def test_tables_are_there_with_declared_foreign_keys(store: Store) -> None:
    connection = store._connection
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    names = {row[0] for row in rows}
    assert {
        "articles", "article_sources", "near_duplicates", "near_duplicate_links", "minhash_signatures",
        "runs", "ingest_log", "articles_fts",
    } <= names  # fmt: skip
    targets = {row["table"] for row in connection.execute("PRAGMA foreign_key_list(article_sources)")}
    assert targets == {"articles", "runs"}
    assert {row["to"] for row in connection.execute("PRAGMA foreign_key_list(near_duplicates)")} == {"id"}


def test_fts_table_uses_the_layout_datasette_detects(store: Store) -> None:
    """datasette looks for `content="articles"` (or `content=[articles]`) in the virtual table's SQL."""
    found = store._connection.execute(
        "SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE ?",
        ('%VIRTUAL TABLE%USING FTS%content="articles"%',),
    ).fetchall()
    assert [row[0] for row in found] == ["articles_fts"]


def test_newer_database_is_refused_with_a_clear_error(db_path: Path) -> None:
    Store(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(SchemaError, match=rf"schema version {len(MIGRATIONS) + 1}.*upgrade crosswire"):
        Store(db_path)


def test_another_applications_database_is_refused_untouched(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
    before = _schema(db_path)
    with pytest.raises(SchemaError, match="not a crosswire store"):
        Store(db_path)
    assert _schema(db_path) == before
    assert _pragma(db_path, "user_version") == 0


def test_older_database_is_migrated_and_keeps_its_data(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db_path) as store:
        store.add_article(make_article(), store.start_run([]))

    topics = sql_migration("topics", "CREATE TABLE topics (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, topics])
    with Store(db_path) as store:
        assert store.count_articles() == 1
        assert store._connection.execute("SELECT count(*) FROM topics").fetchone()[0] == 0
    assert _pragma(db_path, "user_version") == len(MIGRATIONS) + 1


def test_failed_migration_rolls_back_entirely(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(db_path).close()
    before = _schema(db_path)
    script = "CREATE TABLE topics (id INTEGER); INSERT INTO nowhere VALUES (1);"
    broken = migrations.sql_migration("broken", script)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        Store(db_path)
    assert _schema(db_path) == before
    assert _pragma(db_path, "user_version") == len(MIGRATIONS)


def test_statements_keep_trigger_bodies_and_quoted_semicolons_whole() -> None:
    script = """
    CREATE TABLE t (a TEXT DEFAULT 'x;y');  -- a comment; with a semicolon
    CREATE TRIGGER t_insert AFTER INSERT ON t BEGIN
        INSERT INTO t (a) VALUES ('z'); SELECT 1;
    END;
    """
    parts = list(statements(script))
    assert len(parts) == 2
    assert parts[0].startswith("CREATE TABLE") and "'x;y'" in parts[0]
    assert parts[1].startswith("-- a comment") and parts[1].endswith("END;")


def test_statements_reject_an_unfinished_script() -> None:
    with pytest.raises(ValueError, match="incomplete"):
        list(statements("CREATE TABLE t (a TEXT); CREATE TRIGGER t_x AFTER INSERT ON t BEGIN SELECT 1;"))
