"""The delivery database: one SQLite file in the workspace, in WAL mode, commits synced.

It holds the subscribers, the per-recipient ledger of every send and the confirmation
links already used. `synchronous=FULL` makes each commit durable before the next SMTP
step, so a power cut can never forget that a message was about to go out; WAL keeps
those commits cheap and lets the web endpoint read and write while a send runs.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import PublisherError

DEFAULT_WAIT = 10.0  # seconds to wait for another program's write: [delivery] database_timeout
_FIRST_TRY = 0.2  # seconds before saying that we are waiting

SUBSCRIBER_STATUSES = ("pending", "active", "unsubscribed", "bounced", "complained")
DELIVERY_STATES = ("queued", "sending", "sent", "deferred", "failed", "unknown", "skipped")

# Version 1, as the first publisher wrote it; every later change is a step in _MIGRATIONS,
# so a new database and an upgraded old one are made the same way.
_SCHEMA_V1 = f"""
CREATE TABLE IF NOT EXISTS subscribers (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN {SUBSCRIBER_STATUSES!r}),
    consent_source TEXT NOT NULL DEFAULT '',
    status_source TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    confirmed_at TEXT,
    confirmation_sent_at TEXT
);
CREATE TABLE IF NOT EXISTS sends (
    id INTEGER PRIMARY KEY,
    issue TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS deliveries (
    send_id INTEGER NOT NULL REFERENCES sends(id),
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
    address TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN {DELIVERY_STATES!r}),
    attempts INTEGER NOT NULL DEFAULT 0,
    message_id TEXT NOT NULL UNIQUE,
    reply_code INTEGER,
    reply_text TEXT,
    first_attempt_at REAL,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    updated_at TEXT,
    PRIMARY KEY (send_id, subscriber_id)
);
CREATE INDEX IF NOT EXISTS deliveries_due
    ON deliveries (send_id, state, next_attempt_at, subscriber_id);
CREATE TABLE IF NOT EXISTS used_tokens (
    digest TEXT PRIMARY KEY,
    used_at TEXT NOT NULL
)
"""

BOUNCE_KINDS = ("hard", "soft", "complaint", "other")

# _MIGRATIONS[n] takes a database from version n + 1 to n + 2: single statements, run in
# one transaction that first checks the version again (another process may have upgraded).
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1 → 2: every bounce and complaint report read, with what it did (publisher bounces)
        f"""CREATE TABLE bounce_events (
            id INTEGER PRIMARY KEY,
            report_id TEXT NOT NULL UNIQUE,
            subscriber_id INTEGER REFERENCES subscribers(id),
            kind TEXT NOT NULL CHECK (kind IN {BOUNCE_KINDS!r}),
            received_at TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            diagnostic TEXT NOT NULL DEFAULT '',
            decision TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX bounce_events_by_subscriber"
        " ON bounce_events (subscriber_id, kind, received_at)",
    ),
)
SCHEMA_VERSION = 1 + len(_MIGRATIONS)


class Database(sqlite3.Connection):
    """A connection that knows its file and how long to wait for another program's write."""

    path: Path
    wait: float


def open_database(path: Path, synced: bool = True, wait: float = DEFAULT_WAIT) -> Database:
    """A connection in autocommit mode: a write is one statement or a `transaction`.
    `synced=False` skips the fsync at commit: such a commit survives the process being
    killed, and becomes durable with the next synced commit of any connection. A write
    waits up to `wait` seconds for another program's to finish."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=wait, check_same_thread=False, factory=Database
        )
        conn.path, conn.wait = path, wait
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {'FULL' if synced else 'NORMAL'}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise PublisherError.at(
                f"the subscriber database was written by a newer publisher (schema {version})",
                path,
                hint="upgrade publisher",
            )
        if version < SCHEMA_VERSION:
            _migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise database_error(exc, path) from None
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    """Creates the schema, or brings an older one up to SCHEMA_VERSION in place keeping every
    row: all steps or none, under the write lock, so two processes opening the file at once
    both succeed and neither runs a step twice."""
    with transaction(conn):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            for statement in _SCHEMA_V1.split(";"):  # no ';' inside its statements
                conn.execute(statement)
            version = 1
        for steps in _MIGRATIONS[version - 1 :]:
            for statement in steps:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT: takes the write lock up front, so no deadlock on upgrade."""
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
    if not isinstance(conn, Database) or conn.wait <= _FIRST_TRY:
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
def reporting_errors(path: Path) -> Iterator[None]:
    """The database's errors an editor can do something about, as a PublisherError."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise database_error(exc, path) from None


def database_error(exc: sqlite3.DatabaseError, path: Path) -> PublisherError:
    """What went wrong with the subscriber database, naming the file and what to do."""
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return PublisherError.at(
            "another program is writing to the subscriber database and did not finish in time",
            path,
            hint="run this again once the other publisher command (a send, an import,"
            " serve-subscriptions) or sqlite3 session has finished; [delivery]"
            " database_timeout sets how many seconds to wait",
        )
    if name.startswith("SQLITE_FULL"):
        return PublisherError.at(
            "cannot write the subscriber database: the disk is full",
            path,
            hint="free some space on that disk, then run this again"
            " ('publisher send' carries on where it stopped)",
        )
    return PublisherError.at(
        f"cannot use the subscriber database: {exc}",
        path,
        hint="check [delivery] database in publisher.toml, and that the file and its folder"
        " can be read and written",
    )


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
