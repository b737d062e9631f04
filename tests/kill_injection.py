"""Kill `ingest` for real (SIGKILL) at a chosen point, in a child forked from this already-loaded process.

The point is an operation of a phase and a statement inside it: the `op`-th call of the phase's store
method, killed just before its `statement`-th SQL statement (inside its transaction) or, when the call
has fewer statements, just after it returns (between transactions). Forking from the test process
keeps spaCy and the story model loaded, so a killed run costs only its own work.
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import crosswire.store.store as store_module
from crosswire.store import Store

PHASES = {  # the store method that commits each phase's work
    "store": "add_article",
    "analyse": "save_analysis",
    "embed": "save_embeddings",
    "assign": "save_memberships",
    "dossier": "save_story",
}
AFTER = 10**6  # a statement number no call reaches: the kill comes once the call has returned


@dataclass(frozen=True)
class KillPoint:
    phase: str
    op: int  # 1-based call of the phase's store method
    statement: int  # 1-based statement inside that call; AFTER for just after it

    def __str__(self) -> str:
        where = "after it" if self.statement == AFTER else f"before its statement {self.statement}"
        return f"{self.phase} call {self.op}, {where}"


class _Countdown:
    def __init__(self) -> None:
        self.remaining: int | None = None

    def tick(self) -> None:
        if self.remaining is not None:
            self.remaining -= 1
            if self.remaining <= 0:
                os.kill(os.getpid(), signal.SIGKILL)


class _CountingConnection:
    """A store connection that lets the countdown see each statement before it runs."""

    def __init__(self, connection: Any, countdown: _Countdown) -> None:
        self._connection, self._countdown = connection, countdown

    def execute(self, *args: Any) -> Any:
        self._countdown.tick()
        return self._connection.execute(*args)

    def executemany(self, *args: Any) -> Any:
        self._countdown.tick()
        return self._connection.executemany(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def _arm(point: KillPoint) -> None:
    """In the child: patch the store so that the run dies at `point`."""
    countdown = _Countdown()
    connect = store_module.connect

    def counted_connect(*args: Any, **kwargs: Any) -> Any:
        connection, dialect = connect(*args, **kwargs)
        return _CountingConnection(connection, countdown), dialect

    store_module.connect = counted_connect
    method_name = PHASES[point.phase]
    method = getattr(Store, method_name)
    calls = 0

    def wrapped(self: Store, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == point.op:
            countdown.remaining = point.statement
        result = method(self, *args, **kwargs)
        if calls == point.op:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(Store, method_name, wrapped)


def run_forked(work: Callable[[], object], point: KillPoint | None, log: Path) -> str:
    """Run `work` in a forked child, killed at `point` (None: let it finish); returns "killed", "finished",
    or "failed" (the child's traceback is in `log`)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            import torch

            torch.set_num_threads(1)  # an OpenMP pool inherited through fork may hang; one thread needs none
            if point is not None:
                _arm(point)
            work()
            status = 0
        except BaseException:
            log.write_text(traceback.format_exc())
        finally:
            os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(wait_status) and os.WTERMSIG(wait_status) == signal.SIGKILL:
        return "killed"
    return "finished" if os.WIFEXITED(wait_status) and os.WEXITSTATUS(wait_status) == 0 else "failed"
