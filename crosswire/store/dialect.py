"""Where SQLite and PostgreSQL differ, kept in one place: connecting, placeholders, transactions.

The store's queries are written once, in SQL both servers read, with SQLite's `?`, `?N` and `:name`
placeholders; a PostgreSQL connection rewrites those into psycopg's. What cannot be written once
(the schema's column types, full-text search, schema versioning) is chosen by `Dialect.name`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    import psycopg
    from psycopg.rows import RowMaker

DialectName = Literal["sqlite", "postgresql"]
Parameters = Sequence[Any] | Mapping[str, Any]
POSTGRESQL_SCHEMES = ("postgresql", "postgres")
WRITE_LOCK = 0x63777273  # advisory lock key ("cwrs"): one writer at a time, as SQLite's BEGIN IMMEDIATE


class StoreUnavailable(Exception):
    """The PostgreSQL server cannot be reached, or refuses the connection; the message says why."""


class Interrupted(Exception):
    """A statement was stopped because its caller asked (`Store.interrupt_when`, `Store.interrupt`)."""


POSTGRESQL_MISSING = "PostgreSQL support is not installed: pip install 'crosswire[postgresql]'"


def _psycopg() -> Any:
    """psycopg, imported only for a PostgreSQL store (it is the `postgresql` extra); None when missing."""
    try:
        import psycopg
    except ImportError:
        return None
    return psycopg


def interruptions() -> tuple[type[BaseException], ...]:
    """The errors a statement stopped on request raises, on each back end installed."""
    psycopg = _psycopg()
    return (Interrupted, sqlite3.OperationalError) + ((psycopg.errors.QueryCanceled,) if psycopg else ())


def is_interruption(error: BaseException) -> bool:
    """Whether a database error is a statement stopped on request, on either back end."""
    if isinstance(error, sqlite3.OperationalError):
        return str(error) == "interrupted"
    return isinstance(error, interruptions())


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the store's modules use of a connection: an sqlite3.Connection has it, and so has PostgresConnection."""

    def execute(self, sql: str, parameters: Parameters = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Parameters], /) -> Cursor: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Dialect:
    name: DialectName
    begin: tuple[str, ...]  # statements opening a write transaction
    no_limit: int | None  # the LIMIT value meaning "all rows"
    on_open: tuple[str, ...] = ()  # settings of a writable connection, before the schema is checked
    on_migrated: tuple[str, ...] = ()  # settings kept in the database, once it is known to be a store
    on_read_only: tuple[str, ...] = ()  # settings of a read-only connection


SQLITE = Dialect(
    "sqlite",
    begin=("BEGIN IMMEDIATE",),
    no_limit=-1,
    on_open=("PRAGMA foreign_keys = ON",),
    # durable against killed processes in WAL mode
    on_migrated=("PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"),
    on_read_only=("PRAGMA query_only = ON",),
)
POSTGRESQL = Dialect("postgresql", begin=("BEGIN", f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"), no_limit=None)


def is_postgresql(location: str | Path) -> bool:
    """A `postgresql://` (or `postgres://`) URL, or a libpq `key=value` string ("host=db dbname=news"),
    names a server; anything else (a `Path`, a string libpq cannot read) is an SQLite file."""
    if not isinstance(location, str):
        return False
    if urlsplit(location).scheme in POSTGRESQL_SCHEMES:
        return True
    return "=" in location and _conninfo(location) is not None


_KEY_VALUE = re.compile(r"\s*(?:[a-z_]+\s*=\s*(?:'(?:[^'\\]|\\.)*'|\S+)\s*)+")


def _conninfo(location: str) -> dict[str, Any] | None:
    """The settings of a libpq `key=value` string; None when libpq rejects it (an unknown key, a bare word).
    Without psycopg, any string of key=value pairs counts, so that connecting can say what is missing."""
    psycopg = _psycopg()
    if psycopg is None:
        return {} if _KEY_VALUE.fullmatch(location) else None
    try:
        return dict(psycopg.conninfo.conninfo_to_dict(location))
    except psycopg.ProgrammingError:
        return None


def describe(location: str | Path) -> str:
    """The location fit for messages: a server's connection string without its password."""
    if not is_postgresql(location):
        return str(location)
    parts = urlsplit(str(location))
    if parts.scheme not in POSTGRESQL_SCHEMES:
        settings = _conninfo(str(location)) or {}
        if "password" not in settings:
            return str(location)
        return str(_psycopg().conninfo.make_conninfo(**{**settings, "password": "***"}))
    if parts.password is None:
        return str(location)
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def connect_sqlite(path: str | Path, *, read_only: bool, busy_timeout: float) -> sqlite3.Connection:
    """With `read_only` the file is opened with `mode=ro` and may be used from another thread."""
    if read_only:
        uri = f"{Path(path).resolve().as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
    else:
        connection = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    connection.row_factory = sqlite3.Row
    return connection


class Row(tuple[Any, ...]):
    """A result row read like sqlite3.Row: by position, by column name, and as a mapping with `dict(row)`."""

    _columns: dict[str, int]

    def __new__(cls, values: Sequence[Any], columns: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._columns = columns
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self._columns[key])
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self._columns)


ResultRow = sqlite3.Row | Row


def _row_maker(cursor: Any) -> RowMaker[Row]:
    columns = {column.name: position for position, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, columns)


class PostgresConnection:
    """A psycopg connection in autocommit mode that runs the store's SQLite-style SQL.

    Statements outside an explicit BEGIN commit on their own, as in SQLite's autocommit mode.
    Values are bound client-side, so a parameter needs no declared type (`? IS NULL` works as in SQLite).
    """

    def __init__(self, url: str, *, read_only: bool, connect_timeout: float) -> None:
        psycopg = _psycopg()
        if psycopg is None:
            raise StoreUnavailable(f"cannot open {describe(url)}: {POSTGRESQL_MISSING}")
        try:
            self._connection = psycopg.connect(
                url,
                autocommit=True,
                cursor_factory=psycopg.ClientCursor,
                row_factory=_row_maker,
                connect_timeout=max(1, round(connect_timeout)),
            )
        except psycopg.OperationalError as error:
            raise StoreUnavailable(f"cannot open {describe(url)}: {str(error).strip()}") from error
        if read_only:  # every transaction of the session read-only, the URL's own options left alone
            self._connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        self.stop_requested: Callable[[], bool] | None = None

    def execute(self, sql: str, parameters: Parameters = (), /) -> psycopg.Cursor[Row]:
        self._check()
        query, mode = translate(sql)
        cursor = self._connection.cursor()
        cursor.execute(query, _bound(parameters, mode))
        return cursor

    def executemany(self, sql: str, parameters: Iterable[Parameters], /) -> psycopg.Cursor[Row]:
        self._check()
        query, mode = translate(sql)
        cursor = self._connection.cursor()
        cursor.executemany(query, [_bound(row, mode) for row in parameters])
        return cursor

    def close(self) -> None:
        self._connection.close()

    def cancel(self) -> None:
        """Stop the statement running now, from any thread (the server is asked over a connection of its own)."""
        self._connection.cancel_safe()

    def _check(self) -> None:
        """A statement stopped before it starts when its caller asked, as SQLite's progress handler would."""
        if self.stop_requested is not None and self.stop_requested():
            raise Interrupted("interrupted")


def connect(location: str | Path, *, read_only: bool, busy_timeout: float) -> tuple[Connection, Dialect]:
    if is_postgresql(location):
        return PostgresConnection(str(location), read_only=read_only, connect_timeout=busy_timeout), POSTGRESQL
    return connect_sqlite(location, read_only=read_only, busy_timeout=busy_timeout), SQLITE


PlaceholderMode = Literal["positional", "numbered", "named"]
_SQL_PIECE = re.compile(
    r"""(?P<quoted>'(?:[^']|'')*'|"(?:[^"]|"")*")|(?P<numbered>\?\d+)|(?P<positional>\?)"""
    r"""|(?<!:):(?P<named>[A-Za-z_]\w*)|(?P<percent>%)"""
)


@lru_cache(maxsize=1024)
def translate(sql: str) -> tuple[str, PlaceholderMode]:
    """SQLite placeholders as psycopg's: `?` as `%s`, `?N` as `%(pN)s`, `:name` as `%(name)s`; `%` doubled."""
    modes: set[PlaceholderMode] = set()

    def replace(match: re.Match[str]) -> str:
        if match["quoted"]:
            return match["quoted"].replace("%", "%%")
        if match["percent"]:
            return "%%"
        if match["numbered"]:
            modes.add("numbered")
            return f"%(p{match['numbered'][1:]})s"
        if match["named"]:
            modes.add("named")
            return f"%({match['named']})s"
        modes.add("positional")
        return "%s"

    translated = _SQL_PIECE.sub(replace, sql)
    if len(modes) > 1:
        raise ValueError(f"SQL mixes placeholder styles {sorted(modes)}: {sql[:80]!r}")
    return translated, modes.pop() if modes else "positional"


def _bound(parameters: Parameters, mode: PlaceholderMode) -> Parameters:
    if mode == "numbered":
        return {f"p{number}": value for number, value in enumerate(parameters, start=1)}  # type: ignore[arg-type]
    return parameters
