import json
import subprocess
import sys
import time

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


def _run_in_child(location: str, then: str) -> subprocess.Popen[str]:
    """A separate process that starts a run and then does `then` (Python code) without finishing it."""
    script = f"from crosswire.store import Store\nstore = Store({location!r})\nstore.start_run(['child'])\n{then}\n"
    return subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, text=True)


def test_runs_of_killed_processes_become_interrupted_on_reopen(location: str) -> None:
    with Store(location) as store:
        store.finish_run(store.start_run([]), {})
    child = _run_in_child(location, "import os; os._exit(9)")
    assert child.wait(timeout=60) == 9
    with Store(location) as store:
        assert [run["status"] for run in _runs(store)] == ["finished", "interrupted"]
        assert _runs(store)[1]["finished_at"] is None


def test_a_live_runs_status_survives_another_process_opening_the_store(location: str) -> None:
    child = _run_in_child(location, "import sys; sys.stdin.read()")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with Store(location) as store:
                runs = _runs(store)
            if runs:
                break
            time.sleep(0.1)
        assert [(run["status"], run["pid"]) for run in runs] == [("running", child.pid)]
    finally:
        child.communicate("", timeout=60)


def test_a_run_can_be_finished_as_interrupted(store: Store) -> None:
    run_id = store.start_run([])
    store.finish_run(run_id, {"ingested": 1}, status="interrupted")
    assert _runs(store)[0]["status"] == "interrupted"


def test_finishing_an_unknown_run_raises(store: Store) -> None:
    with pytest.raises(ValueError, match="no run 42"):
        store.finish_run(42, {})
