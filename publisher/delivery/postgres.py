"""The subscriber list in PostgreSQL (psycopg 3), behind the same few calls as the SQLite file.

The modules that talk to the list write their SQL once, with `?` placeholders; a
`PgDatabase` turns them into psycopg's `%s` and hands back rows that, like `sqlite3.Row`,
are tuples that can also be read by column name. A write `transaction` takes one
transaction-scoped advisory lock first: writers queue one behind the other as they do on
SQLite (BEGIN IMMEDIATE), so read-then-write code (add a subscriber, apply a bounce) needs
no second version. The send ledger's per-recipient steps skip that lock and rely on row
locks instead (`FOR UPDATE SKIP LOCKED`), so several senders work side by side.

The password is never in publisher.toml: libpq reads PGPASSWORD and ~/.pgpass itself, and
[delivery] database_password_env names one more variable.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import Any

import psycopg

from .location import PostgresUrl
from .rows import OneRow

LOCK_SPACE = 0x7075  # advisory locks' first key: publisher's, whatever else uses the database
WRITE_LOCK = 0  # second key: the list's one-writer-at-a-time lock (claimer ids are > 0)
_FIRST_TRY = 0.2  # seconds before saying that we are waiting


class Row(tuple):  # type: ignore[type-arg]
    """A tuple that also answers `row["column"]`, as sqlite3.Row does."""

    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    kind = type("Row", (Row,), {"_names": names})
    return kind


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite's `?` placeholders as psycopg's `%s` (a literal % doubled). Our statements
    never hold a `?` or `%` inside a string literal."""
    return sql.replace("%", "%%").replace("?", "%s")


class PgDatabase(OneRow):
    """One autocommit connection to the list; `execute` returns a psycopg cursor."""

    dialect = "postgresql"

    def __init__(self, location: PostgresUrl, wait: float, synced: bool = True) -> None:
        self.path = location
        self.wait = wait
        password = os.environ.get(location.password_env, "") if location.password_env else ""
        self.conn = psycopg.connect(
            location.url,
            autocommit=True,
            connect_timeout=max(int(wait), 2),
            row_factory=_row_factory,
            application_name="publisher",
            # A sender on a machine that vanishes is noticed within about a minute: its
            # session ends, and with it the advisory lock that says its rows are in hand.
            keepalives=1,
            keepalives_idle=20,
            keepalives_interval=5,
            keepalives_count=4,
            password=password or None,  # None: not given (libpq's own sources may have one)
        )
        self.conn.execute(f"SET lock_timeout = {int(wait * 1000)}")
        if not synced:  # the outcome's commit is made durable by the next synced one
            self.conn.execute("SET synchronous_commit = off")

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.conn.execute(translate(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(translate(sql), rows)

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.conn.cursor(row_factory=psycopg.rows.tuple_row) as cursor:
            return cursor.execute(translate(sql), tuple(params)).fetchall()

    def release(self, sql: str, params: Sequence[Any]) -> None:
        """A last statement before closing, skipped when the connection is gone already
        (then the server has ended the session, and other senders recover its rows)."""
        if self.conn.closed or self.conn.broken:
            return
        with suppress(psycopg.OperationalError):
            self.execute(sql, params)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self, exclusive: bool = True) -> Iterator[PgDatabase]:
        """One transaction; `exclusive`: after every other writer's, as on SQLite."""
        with self.conn.transaction():
            if exclusive:
                self._write_lock()
            yield self

    def _write_lock(self) -> None:
        if self.one("SELECT pg_try_advisory_xact_lock(?, ?)", (LOCK_SPACE, WRITE_LOCK))[0]:
            return
        print(
            f"waiting up to {self.wait:g} s for another program to finish writing to {self.path}",
            file=sys.stderr,
            flush=True,
        )
        self.execute("SELECT pg_advisory_xact_lock(?, ?)", (LOCK_SPACE, WRITE_LOCK))


def connect(location: PostgresUrl, wait: float, synced: bool = True) -> PgDatabase:
    return PgDatabase(location, wait, synced)


def error_kind(exc: BaseException) -> str | None:
    """'busy' for a lock not had in time, 'full' for a full disk, else None."""
    if isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled):
        return "busy"
    if isinstance(exc, psycopg.errors.DiskFull):
        return "full"
    return None
