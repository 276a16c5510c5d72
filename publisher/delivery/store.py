"""The delivery database: one SQLite file in the workspace, in WAL mode, commits synced.

It holds the subscribers, the per-recipient ledger of every send and the confirmation
links already used. `synchronous=FULL` makes each commit durable before the next SMTP
step, so a power cut can never forget that a message was about to go out; WAL keeps
those commits cheap and lets the web endpoint read and write while a send runs.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import PublisherError

SUBSCRIBER_STATUSES = ("pending", "active", "unsubscribed", "bounced", "complained")
DELIVERY_STATES = ("queued", "sending", "sent", "deferred", "failed", "unknown", "skipped")

_SCHEMA_VERSION = 1
_SCHEMA = f"""
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
);
PRAGMA user_version = {_SCHEMA_VERSION};
"""


def open_database(path: Path, synced: bool = True) -> sqlite3.Connection:
    """A connection in autocommit mode: a write is one statement or a `transaction`.
    `synced=False` skips the fsync at commit: such a commit survives the process being
    killed, and becomes durable with the next synced commit of any connection."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {'FULL' if synced else 'NORMAL'}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:  # idempotent, so two processes creating it at once both succeed
            conn.executescript(f"BEGIN IMMEDIATE; {_SCHEMA} COMMIT;")
        elif version > _SCHEMA_VERSION:
            raise PublisherError.at(
                f"the subscriber database was written by a newer publisher (schema {version})",
                path,
                hint="upgrade publisher",
            )
    except sqlite3.DatabaseError as exc:
        raise PublisherError.at(
            f"cannot open the subscriber database: {exc}",
            path,
            hint="check [delivery] database in publisher.toml",
        ) from None
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT: takes the write lock up front, so no deadlock on upgrade."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
