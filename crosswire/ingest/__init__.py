"""Ingest: paths in, one RawDocument per document or one Rejection per problem out.

A batch never stops for one bad input: every problem becomes a Rejection that names the input
as the user gave it, and reading carries on with the next one.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from crosswire.config import DEFAULT_SETTINGS, Settings
from crosswire.ingest.formats import read_html, read_json, read_jsonl, read_text, read_warc, sniff
from crosswire.ingest.sources import (
    STDIN_LABEL,
    InputFile,
    Kind,
    describe_size,
    expand_paths,
    file_problem,
)
from crosswire.records import RawDocument, Rejection, error_summary

__all__ = ["InputFile", "Kind", "expand_paths", "read_data", "read_input", "read_inputs"]

Item = RawDocument | Rejection


def read_inputs(
    paths: Iterable[str], settings: Settings = DEFAULT_SETTINGS, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every document in `paths` (files, directories, globs, `-` for stdin), in order."""
    for item in expand_paths(paths):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from read_input(item, settings, stdin)


def read_input(item: InputFile, settings: Settings = DEFAULT_SETTINGS, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """The documents in one input; an unexpected failure rejects this input, not the batch."""
    try:
        if item.path is None:
            yield from _read_stdin(stdin or sys.stdin.buffer, settings)
        else:
            yield from _read_file(item, settings)
    except PermissionError:
        yield Rejection(item.label, "permission denied")
    except OSError as error:
        yield Rejection(item.label, f"cannot read: {error.strerror or error}")
    except Exception as error:  # a reader bug must not end the batch
        yield Rejection(item.label, f"unexpected error while reading ({error_summary(error)})")


def _read_file(item: InputFile, settings: Settings) -> Iterator[Item]:
    assert item.path is not None
    problem = file_problem(item.path, settings.max_input_bytes, capped=item.kind is not Kind.WARC)
    if problem:
        yield Rejection(item.label, problem)
        return
    with open_binary(item.path) as stream:
        if item.kind is Kind.WARC:
            yield from read_warc(item.label, stream, settings)
            return
        data = stream.read(settings.max_input_bytes + 1)  # the file may have grown since stat
    if len(data) > settings.max_input_bytes:
        limit = describe_size(settings.max_input_bytes)
        yield Rejection(item.label, f"file is over the {limit} limit (max_input_bytes)")
    else:
        yield from _read_bytes(item.label, item.kind, data, settings)


def open_binary(path: str) -> BinaryIO:
    """Opens an input; one place for tests to simulate an unreadable file."""
    return open(path, "rb")


def _read_stdin(stream: BinaryIO, settings: Settings) -> Iterator[Item]:
    yield from read_data(STDIN_LABEL, stream.read(settings.max_input_bytes + 1), settings)


def read_data(label: str, data: bytes, settings: Settings = DEFAULT_SETTINGS) -> Iterator[Item]:
    """The documents in bytes held in memory (stdin, or an item given to `crosswire.process`), their
    kind told from their content, as a file's would be; `label` names them in every message."""
    if len(data) > settings.max_input_bytes:
        limit = describe_size(settings.max_input_bytes)
        yield Rejection(label, f"input is over the {limit} limit (max_input_bytes)")
    elif not data:
        yield Rejection(label, "empty input (0 bytes)")
    elif (kind := sniff(data)) is Kind.WARC:
        yield from read_warc(label, io.BytesIO(data), settings)
    else:
        yield from _read_bytes(label, kind, data, settings)


def _read_bytes(label: str, kind: Kind, data: bytes, settings: Settings) -> Iterator[Item]:
    result = _READERS[kind](label, data, settings)
    if isinstance(result, RawDocument | Rejection):
        yield result
    else:
        yield from result


_READERS: dict[Kind, Callable[[str, bytes, Settings], Item | Iterator[Item]]] = {
    Kind.HTML: lambda label, data, _: read_html(label, data),
    Kind.TEXT: lambda label, data, settings: read_text(label, data, settings.max_line_length),
    Kind.JSON: lambda label, data, _: read_json(label, data),
    Kind.JSONL: lambda label, data, _: read_jsonl(label, data),
}
