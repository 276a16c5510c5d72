"""The delivery database: one SQLite file in the workspace (WAL, commits synced), or a
PostgreSQL database when one machine is not enough (`[delivery] database = "postgresql://…"`).

It holds the subscribers, the per-recipient ledger of every send and the confirmation
links already used. `synchronous=FULL` makes each commit durable before the next SMTP
step, so a power cut can never forget that a message was about to go out; WAL keeps
those commits cheap and lets the web endpoint read and write while a send runs.
PostgreSQL commits are durable by default (synchronous_commit); postgres.py adapts the
same SQL to it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from ..errors import PublisherError
from .rows import OneRow
from .schema import (
    BOUNCE_KINDS,
    DELIVERY_STATES,
    POSTGRES_PREAMBLE,
    SCHEMA_VERSION,
    SUBSCRIBER_STATUSES,
    statements,
)

if TYPE_CHECKING:
    from .location import PostgresUrl
    from .postgres import PgDatabase

__all__ = ["BOUNCE_KINDS", "DELIVERY_STATES", "SCHEMA_VERSION", "SUBSCRIBER_STATUSES"]

DEFAULT_WAIT = 10.0  # seconds to wait for another program's write: [delivery] database_timeout
_FIRST_TRY = 0.2  # seconds before saying that we are waiting
_MIGRATION_LOCK = 1 << 30  # PostgreSQL: the advisory lock key that upgrades take


class SqliteDatabase(OneRow, sqlite3.Connection):
    """A connection that knows its file and how long to wait for another program's write."""

    path: Path
    wait: float
    dialect = "sqlite"

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, params).fetchall()

    def release(self, sql: str, params: Sequence[Any]) -> None:
        """A last statement before closing (on PostgreSQL, skipped if the session is gone)."""
        self.execute(sql, params)


if TYPE_CHECKING:
    Location: TypeAlias = Path | PostgresUrl  # where the list is: DeliverySettings.database_path
    Database: TypeAlias = SqliteDatabase | PgDatabase  # what open_database returns
else:
    Location = Database = Any


def open_database(location: Location, synced: bool = True, wait: float = DEFAULT_WAIT) -> Database:
    """A connection in autocommit mode: a write is one statement or a `transaction`.
    `synced=False` skips the fsync at commit: such a commit survives the process being
    killed, and becomes durable with the next synced commit of any connection. A write
    waits up to `wait` seconds for another program's to finish."""
    if not isinstance(location, Path):
        return _open_postgres(location, synced, wait)
    path = location
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(
            path,
            isolation_level=None,
            timeout=wait,
            check_same_thread=False,
            factory=SqliteDatabase,
        )
        conn.path, conn.wait = path, wait
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {'FULL' if synced else 'NORMAL'}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        _refuse_newer(version, path)
        if version < SCHEMA_VERSION:
            _migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise database_error(exc, path) from None
    return conn


def _refuse_newer(version: int, location: Any) -> None:
    if version > SCHEMA_VERSION:
        raise PublisherError.at(
            f"the subscriber database was written by a newer publisher (schema {version})",
            location,
            hint="upgrade publisher",
        )


def _migrate(conn: sqlite3.Connection) -> None:
    """Creates the schema, or brings an older one up to SCHEMA_VERSION in place keeping every
    row: all steps or none, under the write lock, so two processes opening the file at once
    both succeed and neither runs a step twice."""
    with transaction(conn):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for statement in statements("sqlite", version):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _open_postgres(location: PostgresUrl, synced: bool, wait: float) -> PgDatabase:
    from .postgres import LOCK_SPACE, PgDatabase

    try:
        conn = PgDatabase(location, wait, synced)
        version = _pg_version(conn)
        _refuse_newer(version, location)
        if version < SCHEMA_VERSION:
            with conn.transaction(exclusive=False):
                conn.execute("SELECT pg_advisory_xact_lock(?, ?)", (LOCK_SPACE, _MIGRATION_LOCK))
                for statement in POSTGRES_PREAMBLE:
                    conn.execute(statement)
                version = _pg_version(conn)
                for statement in statements("postgresql", version):
                    conn.execute(statement)
                conn.execute("DELETE FROM schema_version")
                conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
    except Exception as exc:
        if not _is_database_error(exc):
            raise
        raise database_error(exc, location) from None
    return conn


def _pg_version(conn: PgDatabase) -> int:
    if conn.one("SELECT to_regclass('schema_version')")[0] is None:
        return 0
    return int(conn.one("SELECT max(version) FROM schema_version")[0] or 0)


def dialect(conn: Any) -> str:
    """'sqlite' or 'postgresql': for the few statements that differ."""
    return getattr(conn, "dialect", "sqlite")


@contextmanager
def transaction(conn: Any, exclusive: bool = True) -> Iterator[Any]:
    """BEGIN IMMEDIATE … COMMIT: takes the write lock up front, so no deadlock on upgrade.
    On PostgreSQL `exclusive=False` leaves out the list-wide write lock: for the ledger's
    per-row steps, which lock their rows instead."""
    if dialect(conn) == "postgresql":
        with conn.transaction(exclusive):
            yield conn
        return
    _begin(conn)
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite has rolled back already after some errors (SQLITE_FULL)
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def _begin(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE; when another program holds the write lock, say so, then wait."""
    if not isinstance(conn, SqliteDatabase) or conn.wait <= _FIRST_TRY:
        conn.execute("BEGIN IMMEDIATE")
        return
    conn.execute(f"PRAGMA busy_timeout = {int(_FIRST_TRY * 1000)}")
    try:
        conn.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorname != "SQLITE_BUSY":
            raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(conn.wait * 1000)}")
    # Straight to stderr: the subscriber and send commands show no log notes, and a wait of
    # several seconds without a word looks like a hang.
    print(
        f"waiting up to {conn.wait:g} s for another program to finish writing to {conn.path}",
        file=sys.stderr,
        flush=True,
    )
    conn.execute("BEGIN IMMEDIATE")


@contextmanager
def reporting_errors(path: Any) -> Iterator[None]:
    """The database's errors an editor can do something about, as a PublisherError."""
    try:
        yield
    except Exception as exc:
        if not _is_database_error(exc, operational=True):
            raise
        raise database_error(exc, path) from None


def _is_database_error(exc: BaseException, operational: bool = False) -> bool:
    if isinstance(exc, sqlite3.OperationalError if operational else sqlite3.DatabaseError):
        return True
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(
        exc, psycopg.OperationalError if operational else psycopg.Error
    )


def _kind(exc: BaseException) -> str | None:
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "busy"
    if name.startswith("SQLITE_FULL"):
        return "full"
    if "psycopg" in sys.modules and not isinstance(exc, sqlite3.Error):
        from .postgres import error_kind

        return error_kind(exc)
    return None


class DatabaseBusy(PublisherError):
    """Another program held the list's write lock past database_timeout: unlike the other
    database errors, the same work can succeed a moment later, so serve-subscriptions asks
    the visitor to come back and its outbox tries the job again."""


def database_error(exc: BaseException, path: Any) -> PublisherError:
    """What went wrong with the subscriber database, naming the file and what to do."""
    kind = _kind(exc)
    if kind == "busy":
        return DatabaseBusy.at(
            "another program is writing to the subscriber database and did not finish in time",
            path,
            hint="run this again once the other publisher command (a send, an import,"
            " serve-subscriptions) or sqlite3 session has finished; [delivery]"
            " database_timeout sets how many seconds to wait",
        )
    if kind == "full":
        return PublisherError.at(
            "cannot write the subscriber database: the disk is full",
            path,
            hint="free some space on that disk, then run this again"
            " ('publisher send' carries on where it stopped)",
        )
    if not isinstance(path, Path):
        return PublisherError.at(
            f"cannot use the subscriber database {path}: {str(exc).strip()}",
            hint="check [delivery] database in publisher.toml, that the server is running and"
            " the database exists, and the password: PGPASSWORD, ~/.pgpass, or the variable"
            " [delivery] database_password_env names",
        )
    return PublisherError.at(
        f"cannot use the subscriber database: {exc}",
        path,
        hint="check [delivery] database in publisher.toml, and that the file and its folder"
        " can be read and written",
    )


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
