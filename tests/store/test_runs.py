import json
from pathlib import Path

import pytest

from crosswire.store import Store


def _runs(store: Store) -> list[dict[str, object]]:
    return [dict(row) for row in store._connection.execute("SELECT * FROM runs ORDER BY id")]


def test_a_run_records_its_arguments_and_counts(store: Store) -> None:
    run_id = store.start_run(["pages/", "dump.txt"])
    assert _runs(store)[0]["status"] == "running"
    store.finish_run(run_id, {"ingested": 2, "rejected": 1})
    run = _runs(store)[0]
    assert run["status"] == "finished"
    assert json.loads(str(run["arguments"])) == ["pages/", "dump.txt"]
    assert json.loads(str(run["counts"])) == {"ingested": 2, "rejected": 1}
    assert str(run["finished_at"]) >= str(run["started_at"])


def test_runs_left_running_become_interrupted_on_reopen(db_path: Path) -> None:
    with Store(db_path) as store:
        finished = store.start_run([])
        store.finish_run(finished, {})
        store.start_run(["killed"])
    with Store(db_path) as store:
        assert [run["status"] for run in _runs(store)] == ["finished", "interrupted"]
        assert _runs(store)[1]["finished_at"] is None


def test_a_run_can_be_finished_as_interrupted(store: Store) -> None:
    run_id = store.start_run([])
    store.finish_run(run_id, {"ingested": 1}, status="interrupted")
    assert _runs(store)[0]["status"] == "interrupted"


def test_finishing_an_unknown_run_raises(store: Store) -> None:
    with pytest.raises(ValueError, match="no run 42"):
        store.finish_run(42, {})
