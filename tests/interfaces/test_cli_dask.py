"""`crosswire ingest --dask local:2` on a real LocalCluster of two worker processes gives what a serial run gives:
the same JSON Lines, and the same store, row for row and in the same order; killed, it leaves a store to resume."""

import shutil
import sqlite3
from pathlib import Path

from crosswire import pipeline

from ..conftest import SEEDS
from .test_cli import FAST, assert_resumed, jsonl, kill_after_first_output, run, seed_copies, stored_articles

# When and by which process.
VOLATILE_COLUMNS = {"started_at", "finished_at", "ingested_at", "first_seen", "logged_at", "analysed_at",
                    "assigned_at", "updated_at", "saved_at", "arguments", "pid"}  # fmt: skip


def _inputs(folder: Path) -> Path:
    """The seeds, a copy of one (linked to the stored one: order matters), and files reading and extraction reject."""
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.md"))
    shutil.copy(folder / "000_1ef1f934efd9def7.txt", folder / "005_copy.txt")
    (folder / "006_binary.html").write_bytes(b"\x00\x01\x02 not text")
    (folder / "007_short.txt").write_text("Too short to be an article.")
    (folder / "008_empty.html").write_text("<html><body></body></html>")
    return folder


def _rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows in storage order, without the columns that record when or by which process."""
    with sqlite3.connect(db) as connection:
        tables = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        rows = {}
        for table, sql in tables:
            columns = [name for (name,) in connection.execute(f"SELECT name FROM pragma_table_info('{table}')")]
            kept = ", ".join(f'"{name}"' for name in columns if name not in VOLATILE_COLUMNS)
            order = "" if "WITHOUT ROWID" in sql.upper() else " ORDER BY rowid"  # these keep their key's order
            rows[table] = connection.execute(f'SELECT {kept} FROM "{table}"{order}').fetchall()
    return rows


def test_ingest_on_a_local_cluster_equals_a_serial_run(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "inputs")
    serial_db, dask_db = tmp_path / "serial.db", tmp_path / "dask.db"
    serial = pipeline.ingest([str(inputs)], serial_db)

    result = run("ingest", str(inputs), "--db", str(dask_db), "--dask", "local:2")

    assert result.returncode == 1, result.stderr.decode()
    *outcomes, summary = jsonl(result.stdout)
    assert outcomes == [outcome.to_dict() for outcome in serial.outcomes]
    assert [outcome["status"] for outcome in outcomes] == ["ingested"] * 5 + ["linked"] + ["rejected"] * 3
    assert summary["summary"]["analysed"] == serial.analysed == 5
    assert summary["summary"]["stories_updated"] == len(serial.stories)
    stored = _rows(dask_db)
    assert stored == _rows(serial_db)
    assert len(stored["entity_mentions"]) > 0 and len(stored["story_members"]) == 5
    for rejected in ("006_binary.html", "007_short.txt", "008_empty.html"):
        assert f"rejected {inputs / rejected}: " in result.stderr.decode()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    result = run("ingest", str(SEEDS), "--db", str(tmp_path / "crosswire.db"), "--dask", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr.decode()


def test_a_bad_dask_address_is_a_usage_error(tmp_path: Path) -> None:
    result = run("ingest", str(SEEDS), "--db", str(tmp_path / "crosswire.db"), "--dask", "my-scheduler")
    message = " ".join(result.stderr.decode().replace("│", " ").split())  # unboxed from rich's error panel
    assert result.returncode == 2 and "'my-scheduler' is neither local[:N] nor a scheduler address" in message
    assert not (tmp_path / "crosswire.db").exists()


def test_analyze_on_a_local_cluster_equals_a_serial_run(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "inputs")
    serial = run("analyze", str(inputs))

    result = run("analyze", str(inputs), "--dask", "local:2")

    assert result.returncode == serial.returncode == 1, result.stderr.decode()
    records = jsonl(result.stdout)
    assert records == jsonl(serial.stdout)
    assert len(records) == 9 and sum("error" in record for record in records) == 3
    assert all(record["entities"] for record in records if "error" not in record)


def test_a_killed_run_on_a_cluster_leaves_a_consistent_store_that_a_run_on_a_cluster_resumes(tmp_path: Path) -> None:
    corpus = seed_copies(tmp_path / "corpus", 30)
    db = tmp_path / "store.db"
    kill_after_first_output("ingest", str(corpus), "--db", str(db), "--dask", "local:2", *FAST)
    assert len(stored_articles(db)) < 150
    assert_resumed(run("ingest", str(corpus), "--db", str(db), "--dask", "local:2", *FAST), db, 150)
