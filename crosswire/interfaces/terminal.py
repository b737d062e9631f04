"""What the CLI shows a person at a terminal: tables, rendered Markdown, stage-by-stage progress.

Piped into a file or another program, the commands print JSON Lines instead (`for_people`); the
choice is made here, once, for every command. Every value from outside (headlines, file names,
article text) is shown with its control and bidi characters escaped (`safe`), so an article cannot
move the cursor, recolour the terminal or reorder what follows it. Rich is imported only when a
person is there to see its output.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

# Characters that would act on the terminal rather than show: C0 and C1 controls (escape sequences,
# newlines, carriage returns) and the bidi embeddings, overrides and isolates that reorder what follows.
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_BUT_NEWLINES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(value: object, keep_newlines: bool = False) -> str:
    """The value with each control or bidi character escaped (`\\x1b`, `\\n`, `\\u202e`); newlines kept
    when asked (a Markdown document's lines)."""
    pattern = _UNSAFE_BUT_NEWLINES if keep_newlines else _TERMINAL_UNSAFE
    return pattern.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), str(value))


def shown(value: object) -> str:
    """A value from outside as Rich markup should print it: escaped (`safe`), and no markup of its own."""
    from rich.markup import escape

    return escape(safe(value))


def for_people(force_json: bool = False) -> bool:
    """Whether stdout is a person's terminal (and JSON was not asked for)."""
    return not force_json and sys.stdout.isatty()


def console() -> Console:
    from rich.console import Console

    return Console()


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Mapping[str, Any]], object]
    numeric: bool = False
    wide: bool = False  # takes the room the others leave
    whole: bool = False  # never wrapped (an id to copy, a date range)
    detail: Callable[[Mapping[str, Any]], object] | None = None  # a dim second line (a summary under a title)


def print_table(rows: Iterable[Mapping[str, Any]], columns: Sequence[Column], title: str | None = None) -> int:
    """The rows as a Rich table on stdout; returns how many were shown."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False, header_style="bold", expand=True)
    for column in columns:
        table.add_column(column.header, justify="right" if column.numeric else "left", no_wrap=column.whole,
                         ratio=None if column.whole else 3 if column.wide else 1, overflow="fold")  # fmt: skip
    count = 0
    for row in rows:
        table.add_row(*(_text(column, row) for column in columns))
        count += 1
    out = console()
    if count:
        out.print(table)
    else:
        out.print("(nothing)", style="dim")
    return count


def _text(column: Column, row: Mapping[str, Any]) -> Any:
    """A cell as Rich text: the value escaped, and its detail (if any) dim on the next line."""
    from rich.text import Text

    text = Text(safe(_cell(column.value(row))))
    detail = _cell(column.detail(row)) if column.detail else ""
    if detail:
        text.append("\n" + safe(detail), style="dim")
    return text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def print_markdown(text: str) -> None:
    """A Markdown document rendered for the terminal: headings, lists, emphasis."""
    from rich.markdown import Markdown

    console().print(Markdown(safe(text, keep_newlines=True), hyperlinks=False))


LABELS = {"extracting": "extracting", "analysing": "analysing", "stories": "grouping into stories",
          "dossiers": "building dossiers"}  # fmt: skip
WAITING = {"analysing": "loading models"}  # what a stage waits on before its first step


def stage_progress(messages: Console) -> Progress:
    """Progress bars on the messages' console (stderr), gone once done; off when it is no terminal."""
    from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn
    from rich.text import Text

    class Steps(ProgressColumn):
        """done/total, or nothing while the total is unknown (never "5/?")."""

        def render(self, task: Task) -> Text:
            return Text(
                "" if task.total is None else f"{int(task.completed)}/{int(task.total)}", style="progress.download"
            )

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), Steps(), console=messages,
                    transient=True, disable=not messages.is_terminal)  # fmt: skip


class StageProgress:
    """One bar per stage of an ingest, each with its real total; a stage's bar says what it waits on
    (loading models) until its first step is done."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self._tasks: dict[str, TaskID] = {}

    def update(self, stage: str, done: int, total: int | None) -> None:
        description = WAITING[stage] if done == 0 and stage in WAITING else LABELS.get(stage, stage)
        if stage not in self._tasks:
            for earlier in self._tasks.values():  # a stage starts once the ones before it are done
                finished = self.progress.tasks[earlier].total or 1
                self.progress.update(earlier, completed=finished, total=finished)
            self._tasks[stage] = self.progress.add_task(description, total=total)
        self.progress.update(self._tasks[stage], completed=done, total=total, description=description)
