"""A throwaway PostgreSQL server for the tests and benchmarks: Debian's `initdb` and `pg_ctl` in a temporary
directory, listening only on a Unix socket there, run as the `postgres` user when we are root (initdb refuses
root). `make postgresql` installs the server when it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from itertools import count
from pathlib import Path

import psycopg

SYSTEM_USER = "postgres"
SUPERUSER = "crosswire"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def server_binaries() -> Path:
    """The directory holding initdb and pg_ctl: on PATH, or Debian's newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    if not versions:
        raise PostgresUnavailable("no PostgreSQL server (initdb) found: run `make postgresql` to install it")
    return versions[-1].parent


class PostgresServer:
    """One server in its own directory; `durable=False` trades crash safety for speed, as tests may."""

    def __init__(self, *, durable: bool = False) -> None:
        self.binaries = server_binaries()
        self.directory = Path(tempfile.mkdtemp(prefix="crosswire-postgres-"))
        self._as_system_user = os.geteuid() == 0
        if self._as_system_user:
            shutil.chown(self.directory, SYSTEM_USER, SYSTEM_USER)
        self.data = self.directory / "data"
        self.durable = durable
        self._names = count(1)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", SYSTEM_USER, "--"] if self._as_system_user else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, cwd=self.directory)

    def start(self) -> PostgresServer:
        self._run(
            str(self.binaries / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        settings = f"-k {self.directory} -c listen_addresses='' -p 5432"
        if not self.durable:
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-l", str(self.directory / "log"),
                  "-o", settings, "-w", "start")  # fmt: skip
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.directory}&port=5432"

    def new_database(self) -> str:
        """The URL of a new, empty database (copied file by file: cheaper than through the WAL)."""
        name = f"crosswire_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name} STRATEGY FILE_COPY")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.split("/")[3].split("?")[0]
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"DROP DATABASE {name} WITH (FORCE)")

    def stop(self) -> None:
        try:
            self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exception: object) -> None:
        self.stop()
