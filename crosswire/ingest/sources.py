"""Command-line paths to input files: files, directories, glob patterns and `-` for stdin.

Globs are expanded here as well as by the shell, so a quoted pattern works the same on every
platform. Every file keeps the name the user typed (or the directory they typed joined with the
file's relative path) so that messages point back to something the user recognises.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from crosswire.records import Rejection

STDIN = "-"
STDIN_LABEL = "<stdin>"
_GLOB_CHARS = frozenset("*?[")


class Kind(StrEnum):
    """How an input file is read; STDIN is sniffed from its content."""

    HTML = "html"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    WARC = "warc"
    STDIN = "stdin"


EXTENSIONS: dict[str, Kind] = {
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".txt": Kind.TEXT,
    ".json": Kind.JSON,
    ".jsonl": Kind.JSONL,
    ".warc": Kind.WARC,
    ".warc.gz": Kind.WARC,
}
SUPPORTED = ", ".join(EXTENSIONS)


@dataclass(frozen=True)
class InputFile:
    """One input to read: `label` is how messages name it, `path` where to read it (None: stdin)."""

    label: str
    path: str | None
    kind: Kind


def kind_for(name: str) -> Kind | None:
    lowered = name.lower()
    return next((kind for ext, kind in EXTENSIONS.items() if lowered.endswith(ext)), None)


def expand_paths(paths: Iterable[str]) -> Iterator[InputFile | Rejection]:
    """Each input file named by `paths`, in order, each file once; problems become Rejections."""
    seen: set[str] = set()
    for given in [paths] if isinstance(paths, str) else paths:
        for item in _expand(given):
            if isinstance(item, InputFile) and item.path is not None:
                key = os.path.realpath(item.path)
                if key in seen:
                    continue
                seen.add(key)
            yield item


def _expand(given: str) -> Iterator[InputFile | Rejection]:
    if given == STDIN:
        yield InputFile(STDIN_LABEL, None, Kind.STDIN)
    elif os.path.lexists(given):
        yield from _expand_existing(given)
    elif _GLOB_CHARS & set(given):
        yield from _expand_glob(given)
    else:
        yield Rejection(given, "no such file or directory")


def _expand_existing(given: str) -> Iterator[InputFile | Rejection]:
    if os.path.isdir(given):
        yield from _expand_directory(given)
    elif not os.path.exists(given):
        yield Rejection(given, "broken symbolic link: its target does not exist")
    else:
        yield _explicit_file(given)


def _explicit_file(given: str) -> InputFile | Rejection:
    kind = kind_for(given)
    if kind is None:
        ext = os.path.splitext(given)[1]
        found = f"'{ext}'" if ext else "a file without an extension"
        return Rejection(given, f"unsupported file type: {found} (supported: {SUPPORTED})")
    return InputFile(given, given, kind)


def _expand_directory(given: str) -> Iterator[InputFile | Rejection]:
    errors: list[OSError] = []
    files = sorted(_walk(given, errors), key=lambda relative: relative.split(os.sep))
    for error in errors:
        reason = "permission denied" if isinstance(error, PermissionError) else error.strerror or str(error)
        yield Rejection(error.filename or given, f"cannot read directory: {reason}")
    if not files and not errors:
        yield Rejection(given, f"directory contains no supported files ({SUPPORTED})")
    for relative in files:
        path = os.path.join(given, relative)
        yield InputFile(path, path, kind_for(relative) or Kind.TEXT)


def _walk(directory: str, errors: list[OSError]) -> Iterator[str]:
    """Supported, non-hidden files below `directory`, relative to it; hidden folders are skipped."""
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if not name.startswith(".") and kind_for(name):
                yield os.path.relpath(os.path.join(root, name), directory)


def _expand_glob(pattern: str) -> Iterator[InputFile | Rejection]:
    matches = sorted(glob.glob(pattern, recursive=True))
    found = False
    for match in matches:
        if os.path.isdir(match):
            found = True
            yield from _expand_directory(match)
        elif (kind := kind_for(match)) and os.path.exists(match):
            found = True
            yield InputFile(match, match, kind)
    if not found:
        reason = "no files match this pattern" if not matches else "no supported files match this pattern"
        yield Rejection(pattern, f"{reason} (supported: {SUPPORTED})")


def file_problem(path: str, max_bytes: int, *, capped: bool = True) -> str | None:
    """Why a file cannot be read, found from its metadata alone (before reading it)."""
    try:
        info = os.stat(path)
    except PermissionError:
        return "permission denied"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size == 0:
        return "empty file (0 bytes)"
    if capped and info.st_size > max_bytes:
        size, limit = describe_size(info.st_size), describe_size(max_bytes)
        return f"file is {size}, over the {limit} limit (max_input_bytes)"
    return None


def describe_size(size: int) -> str:
    """'25,165,824 bytes (24.0 MiB)': exact, and readable at a glance."""
    if size < 1024:
        return f"{size:,} bytes"
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= scale:
            return f"{size:,} bytes ({size / scale:.1f} {unit})"
    return f"{size:,} bytes"
