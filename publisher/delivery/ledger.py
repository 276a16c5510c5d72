"""The per-recipient ledger: one row per (send, subscriber), and the only rules for moving it.

A row is marked `sending` and committed before the message's DATA goes out, and `sent`
(with the server's reply) after; a row found `sending` when a send starts was in flight at
a crash and becomes `unknown`: reported, never silently sent again. The `sending` commit
is on disk before the end-of-data marker leaves, the moment from which the server may
have the message: on SQLite it is committed unsynced (it survives the process dying at
once) and `make_durable` syncs the WAL while the message's body is already on its way,
so the fsync overlaps the server reading it instead of delaying the DATA command. A
power cut before that sync finds the row still queued and the message never ended. The
outcome's commit is not synced on its own: it survives the process dying, and the next
`sending` sync makes it durable; a power cut in between can only turn a `sent` into an
`unknown`, never into a second copy. So each message costs one fsync.

On PostgreSQL several `publisher send` processes, on several machines, share one ledger.
Each worker is a *claimer*: a row of `claimers` whose id it holds as a session-level
advisory lock for as long as its connection lives. It reserves a batch of due rows with
`FOR UPDATE SKIP LOCKED` (`claimed_by` = its id, state unchanged), then takes them one by
one through `sending` and its outcome exactly as on SQLite. Recovery only touches rows
whose claimer's lock can be taken, that is, whose session has ended (the process died, or
its machine did and TCP keepalives noticed): their `sending` rows become `unknown`, their
reservations go back to the pool. A live sender is never second-guessed, and no clock
or lease has to be trusted.
"""

from __future__ import annotations

import os
import socket
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import make_msgid
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import PublisherError
from .audience import Audience, Member
from .store import (
    DEFAULT_WAIT,
    Location,
    database_error,
    dialect,
    now_iso,
    open_database,
    transaction,
)

FINAL_STATES = ("sent", "failed", "unknown", "skipped")
# A subscriber with a row of the issue in one of these has had it, or may have, or will.
_HAD_IT = ("sent", "unknown", "sending", "queued", "deferred")
_BATCH = 20  # rows a PostgreSQL worker reserves at a time
_INTERRUPTED = "interrupted while the message was being sent"


@dataclass(frozen=True)
class Send:
    id: int
    issue: str
    started_at: str
    finished_at: str | None


@dataclass(frozen=True)
class Recipient:
    subscriber_id: int
    address: str
    message_id: str
    attempts: int
    first_attempt_at: float | None
    edition: str = ""  # the language edition its copy is made from ("": the original)


class Ledger:
    """One connection per thread: each worker opens its own Ledger on the same file."""

    def __init__(self, path: Location, wait: float = DEFAULT_WAIT) -> None:
        self.path = path
        self.db = open_database(path, wait=wait)
        self._unsynced = open_database(path, synced=False, wait=wait)
        self.shared = dialect(self.db) == "postgresql"
        self._claimer: int | None = None
        self._batch: list[Recipient] = []
        # SQLite in WAL mode: claims are committed unsynced, then this file is synced.
        self._wal = _write_ahead_log(self._unsynced) if not self.shared else None
        self._folder_synced = False  # the WAL file's name in its folder, synced once

    def close(self) -> None:
        """Hands back this worker's reserved rows not yet taken (PostgreSQL), then closes."""
        try:
            if self._claimer is not None:
                self.db.release(
                    "UPDATE deliveries SET claimed_by = NULL WHERE claimed_by = ?"
                    " AND state IN ('queued', 'deferred')",
                    (self._claimer,),
                )
        finally:
            self.db.close()
            self._unsynced.close()

    # --- sends -----------------------------------------------------------------------------

    def latest_send(self, issue: str) -> Send | None:
        row = self.db.execute(
            "SELECT * FROM sends WHERE issue = ? ORDER BY id DESC LIMIT 1", (issue,)
        ).fetchone()
        return _send(row)

    def sent_as(self, number: int, issue: str) -> Send | None:
        """The first send of issue `number` under another name than `issue`: the issue of
        a manifest renamed since (the ledger knows issues by name)."""
        row = self.db.execute(
            "SELECT * FROM sends WHERE number = ? AND issue != ? ORDER BY id LIMIT 1",
            (number, issue),
        ).fetchone()
        return _send(row)

    def active_subscribers(self) -> list[Member]:
        rows = self.db.execute(
            "SELECT id, address, language, tags FROM subscribers WHERE status = 'active'"
            " ORDER BY id"
        ).fetchall()
        return [
            Member(
                r["id"], r["address"], r["language"], tuple(t for t in r["tags"].split(",") if t)
            )
            for r in rows
        ]

    def recipients(self, issue: str, audience: Audience, number: int | None = None) -> list[Member]:
        """The active subscribers `audience` takes; with `new`, only those without a row of
        this issue that says they had it (or may have, or are about to): sent under its
        name, or under any with its `number` (its manifest was renamed since)."""
        members = [m for m in self.active_subscribers() if audience.takes(m)]
        if not audience.new:
            return members
        had = {
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT d.subscriber_id FROM deliveries d JOIN sends s"
                " ON s.id = d.send_id WHERE (s.issue = ? OR s.number = ?)"
                f" AND d.state IN {_HAD_IT!r}",
                (issue, number),
            )
        }
        return [m for m in members if m.id not in had]

    def start_send(
        self,
        issue: str,
        domain: str,
        audience: Audience | None = None,
        after: int = 0,
        edition_of: Callable[[Member], str] | None = None,
        number: int | None = None,
    ) -> tuple[Send, bool]:
        """The recipient snapshot: every subscriber the audience takes now (default: every
        active one), one queued row each, each with the Message-ID its copy will carry
        (kept across retries, so a receiver that sees the same message twice can tell)
        and the edition it is made from (`edition_of`; default: the original).
        An unfinished send of the issue newer than `after` (another sender started it since
        we looked) is joined instead: it comes back with True, nothing is added."""
        with transaction(self.db):
            latest = self.latest_send(issue)
            if latest is not None and latest.id > after and not latest.finished_at:
                return latest, True
            started = now_iso()
            send_id = self.db.one(
                "INSERT INTO sends (issue, started_at, number) VALUES (?, ?, ?) RETURNING id",
                (issue, started, number),
            )[0]
            self.db.executemany(
                "INSERT INTO deliveries (send_id, subscriber_id, address, message_id,"
                " updated_at, edition) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        send_id,
                        member.id,
                        member.address,
                        message_id(issue, domain),
                        started,
                        edition_of(member) if edition_of else "",
                    )
                    for member in self.recipients(issue, audience or Audience(), number)
                ],
            )
        return Send(send_id, issue, started, None), False

    def signed_with(self, send_id: int, fingerprint: str) -> None:
        """Records the fingerprint of the key the send's links are signed with: the next
        send refuses another key (tokens.refuse_another_key)."""
        with transaction(self.db):
            self.db.execute(
                "UPDATE sends SET key_fingerprint = ? WHERE id = ?", (fingerprint, send_id)
            )

    def finish_send_if_done(self, send_id: int) -> bool:
        with transaction(self.db):
            if self._open_rows(send_id):
                return False
            self.db.execute(
                "UPDATE sends SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                (now_iso(), send_id),
            )
        return True

    def reopen_unknown(self, send_id: int) -> int:
        """The editor has checked the server's logs and wants the unknown ones sent again."""
        with transaction(self.db):
            count = self.db.execute(
                "UPDATE deliveries SET state = 'queued', next_attempt_at = 0, updated_at = ?"
                " WHERE send_id = ? AND state = 'unknown'",
                (now_iso(), send_id),
            ).rowcount
            if count:
                self.db.execute("UPDATE sends SET finished_at = NULL WHERE id = ?", (send_id,))
        return count

    def recover_interrupted(self) -> list[str]:
        """Rows left `sending` by a crash: the server may or may not have their message.
        On SQLite the lock file says no other send runs, so every `sending` row is one;
        on PostgreSQL only those of claimers that are gone (and rows nobody claimed)."""
        if self.shared:
            return self._recover_abandoned()
        with transaction(self.db):
            rows = self.db.execute(
                "SELECT address FROM deliveries WHERE state = 'sending' ORDER BY address"
            ).fetchall()
            self.db.execute(
                "UPDATE deliveries SET state = 'unknown', updated_at = ?, reply_text = ?"
                " WHERE state = 'sending'",
                (now_iso(), _INTERRUPTED),
            )
        return [row["address"] for row in rows]

    def reclaim_abandoned(self) -> None:
        """While waiting for rows other senders hold: take back those of senders now gone."""
        if self.shared:
            self._recover_abandoned()

    def _recover_abandoned(self) -> list[str]:
        from .postgres import LOCK_SPACE

        claimers = [
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT claimed_by FROM deliveries WHERE claimed_by IS NOT NULL"
                " AND state IN ('queued', 'deferred', 'sending')"
            )
            if row[0] != self._claimer
        ]
        recovered: list[str] = []
        for claimer in [None, *claimers]:
            if (
                claimer is not None
                and not self.db.one("SELECT pg_try_advisory_lock(?, ?)", (LOCK_SPACE, claimer))[0]
            ):
                continue  # alive: its session still holds its lock
            try:
                recovered += self._release(claimer)
            finally:
                if claimer is not None:
                    self.db.execute("SELECT pg_advisory_unlock(?, ?)", (LOCK_SPACE, claimer))
        return sorted(recovered)

    def _release(self, claimer: int | None) -> list[str]:
        """A gone claimer's `sending` rows become `unknown`, its reserved ones free (None:
        rows marked `sending` without a claimer, e.g. by a crashed welcome)."""
        owner = "claimed_by IS NULL" if claimer is None else "claimed_by = ?"
        args: tuple[int, ...] = () if claimer is None else (claimer,)
        with transaction(self.db, exclusive=False):
            rows = self.db.execute(
                "UPDATE deliveries SET state = 'unknown', updated_at = ?, reply_text = ?,"
                f" claimed_by = NULL WHERE state = 'sending' AND {owner} RETURNING address",
                (now_iso(), _INTERRUPTED, *args),
            ).fetchall()
            if claimer is not None:
                self.db.execute(
                    "UPDATE deliveries SET claimed_by = NULL WHERE claimed_by = ?"
                    " AND state IN ('queued', 'deferred')",
                    args,
                )
        return [row[0] for row in rows]

    # --- one recipient ---------------------------------------------------------------------

    def next_due(self, send_id: int, now: float, worker: int, workers: int) -> Recipient | None:
        """The next due deferred row of this worker's share, else its next queued one (no
        claim yet). One state per branch, so the index yields rows in order, unsorted.
        PostgreSQL: the next of this worker's reserved batch; shares are not needed."""
        if self.shared:
            if not self._batch:
                self._reserve(send_id, now)
            return self._batch.pop(0) if self._batch else None
        share = (
            "SELECT * FROM (SELECT subscriber_id, address, message_id, attempts,"
            " first_attempt_at, edition FROM deliveries WHERE send_id = ? AND state = ?"
            " AND next_attempt_at <= ? AND subscriber_id % ? = ?"
            " ORDER BY next_attempt_at, subscriber_id LIMIT 1)"
        )
        row = self.db.execute(
            f"{share} UNION ALL {share} LIMIT 1",
            (send_id, "deferred", now, workers, worker, send_id, "queued", now, workers, worker),
        ).fetchone()
        return Recipient(*row) if row else None

    def _reserve(self, send_id: int, now: float) -> None:
        """Up to _BATCH due rows nobody holds, now held by this worker (PostgreSQL)."""
        claimer = self._claimer_id()
        # One statement in autocommit: the rows are held once it returns.
        rows = self.db.execute(
            "UPDATE deliveries SET claimed_by = ? WHERE (send_id, subscriber_id) IN ("
            " SELECT send_id, subscriber_id FROM deliveries WHERE send_id = ?"
            " AND state IN ('queued', 'deferred') AND next_attempt_at <= ?"
            " AND claimed_by IS NULL ORDER BY next_attempt_at, subscriber_id LIMIT ?"
            " FOR UPDATE SKIP LOCKED) RETURNING subscriber_id, address, message_id,"
            " attempts, first_attempt_at, edition",
            (claimer, send_id, now, _BATCH),
        ).fetchall()
        self._batch = sorted((Recipient(*row) for row in rows), key=lambda r: r.subscriber_id)

    def _claimer_id(self) -> int:
        """This worker's claimer id, locked by its session before it holds any row."""
        if self._claimer is None:
            from .postgres import LOCK_SPACE

            claimer = self.db.one(
                "INSERT INTO claimers (host, pid, started_at) VALUES (?, ?, ?) RETURNING id",
                (socket.gethostname(), os.getpid(), now_iso()),
            )[0]
            self.db.execute("SELECT pg_advisory_lock(?, ?)", (LOCK_SPACE, claimer))
            self._claimer = claimer
        return self._claimer

    def claim(self, send_id: int, recipient: Recipient) -> bool:
        """Mark the row `sending`, right before its DATA goes out, if the subscriber is still
        active (an unsubscribe that arrived mid-send is honoured here), else `skipped`.
        Committed before it returns (synced on PostgreSQL; on SQLite by `make_durable`,
        which must come before the end of the message). True: go ahead. On PostgreSQL only
        a row this worker holds: one whose claimer was taken for gone is not sent again.
        One statement in autocommit, its own transaction: it runs once per copy, between
        RCPT and DATA, so an explicit BEGIN and COMMIT would be on every copy's way."""
        held = " AND claimed_by = ?" if self.shared else ""
        row = (
            " WHERE send_id = ? AND subscriber_id = ?"
            f" AND state IN ('queued', 'deferred', 'sending'){held}"
        )
        mine = (self._claimer,) if self.shared else ()
        values = (now_iso(), send_id, recipient.subscriber_id, *mine)
        db = self.db if self._wal is None else self._unsynced  # then make_durable syncs it
        claimed = db.execute(
            "UPDATE deliveries SET state = 'sending', reply_text = NULL, updated_at = ?"
            f"{row} AND (SELECT status FROM subscribers WHERE id = subscriber_id) = 'active'",
            values,
        ).rowcount
        if claimed:
            return True
        db.execute(  # no longer subscribed (or not this worker's row: then no change)
            "UPDATE deliveries SET state = 'skipped', reply_text = 'no longer subscribed',"
            f" updated_at = ?{row}",
            values,
        )
        return False

    def make_durable(self) -> None:
        """Everything committed so far on disk: on SQLite the WAL file synced, where the
        unsynced commits are (PostgreSQL's claims are synced as they commit)."""
        if self._wal is not None:
            try:
                if not self._folder_synced:
                    _sync(self._wal.parent)
                    self._folder_synced = True
                _sync(self._wal)
            except OSError as exc:
                raise database_error(exc, self.path) from None

    def record(
        self,
        send_id: int,
        recipient: Recipient,
        state: str,
        code: int | None,
        text: str,
        next_attempt_at: float = 0,
        suppress: bool = False,
    ) -> None:
        """The outcome of one attempt; a permanent refusal also suppresses the address.
        Written unsynced: after a power cut a lost `sent` reads `sending`, so `unknown`."""
        now = now_iso()
        update = (
            "UPDATE deliveries SET state = ?, reply_code = ?, reply_text = ?,"
            " next_attempt_at = ?, updated_at = ?, attempts = attempts + 1,"
            " first_attempt_at = COALESCE(first_attempt_at, ?), claimed_by = NULL"
            " WHERE send_id = ? AND subscriber_id = ?"
        )
        values = (
            state,
            code,
            text[:1000],
            next_attempt_at,
            now,
            time.time(),
            send_id,
            recipient.subscriber_id,
        )
        if not suppress:
            self._unsynced.execute(update, values)
            return
        with transaction(self._unsynced):
            self._unsynced.execute(update, values)
            self._unsynced.execute(
                "UPDATE subscribers SET status = 'bounced', status_source = ?, updated_at = ?"
                " WHERE id = ? AND status IN ('active', 'pending')",
                (f"SMTP {code} {text}"[:500], now, recipient.subscriber_id),
            )

    # --- progress and reports --------------------------------------------------------------

    def open_count(self, send_id: int, worker: int = 0, workers: int = 1) -> tuple[int, float]:
        """Rows of this share still to be settled, and when the earliest deferred one is due.
        PostgreSQL: every sender's rows, and the earliest due among those nobody holds
        (infinity when there is none: the worker looks again a little later)."""
        if self.shared:
            row = self.db.one(
                "SELECT COUNT(*), MIN(CASE WHEN state != 'sending' AND claimed_by IS NULL"
                " THEN next_attempt_at END) FROM deliveries WHERE send_id = ?"
                " AND state IN ('queued', 'deferred', 'sending')",
                (send_id,),
            )
            return row[0], row[1] if row[1] is not None else float("inf")
        row = self.db.one(
            "SELECT COUNT(*), MIN(CASE WHEN state != 'sending' THEN next_attempt_at END)"
            " FROM deliveries WHERE send_id = ? AND state IN ('queued', 'deferred', 'sending')"
            " AND subscriber_id % ? = ?",
            (send_id, workers, worker),
        )
        return row[0], row[1] if row[1] is not None else 0.0

    def counts(self, send_id: int) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT state, COUNT(*) FROM deliveries WHERE send_id = ? GROUP BY state", (send_id,)
        ).fetchall()
        return {state: count for state, count in rows}

    def counts_by_edition(self, send_id: int, states: tuple[str, ...]) -> dict[str, int]:
        """Copies in `states` per edition ('': the original), for the report."""
        marks = ", ".join("?" * len(states))
        rows = self.db.execute(
            "SELECT edition, COUNT(*) FROM deliveries WHERE send_id = ?"
            f" AND state IN ({marks}) GROUP BY edition",
            (send_id, *states),
        ).fetchall()
        return {edition: count for edition, count in rows}

    def editions_to_go(self, send_id: int) -> set[str]:
        """The editions of the copies a send still has to make."""
        rows = self.db.execute(
            "SELECT DISTINCT edition FROM deliveries WHERE send_id = ?"
            " AND state IN ('queued', 'deferred', 'sending')",
            (send_id,),
        ).fetchall()
        return {row[0] for row in rows}

    def rows(self, send_id: int, state: str) -> list[Any]:
        return self.db.execute(
            "SELECT * FROM deliveries WHERE send_id = ? AND state = ? ORDER BY address",
            (send_id, state),
        ).fetchall()

    def _open_rows(self, send_id: int) -> int:
        count = self.db.one(
            "SELECT COUNT(*) FROM deliveries WHERE send_id = ?"
            " AND state IN ('queued', 'deferred', 'sending')",
            (send_id,),
        )[0]
        return int(count)


@dataclass(frozen=True)
class Delivery:
    """One reader's copy of one send, as the ledger recorded it last."""

    issue: str
    send_started: str
    address: str
    state: str
    attempts: int
    reply: str  # the server's last reply (code and text), or what became of the copy
    message_id: str
    time: str  # of the last change, UTC
    edition: str  # '': the original


def deliveries(db: Any, ref: str, state: str | None = None) -> list[Delivery]:
    """Every reader's copy of every send of issue `ref` (its slug or its number), sends in
    the order they were made, readers by address; only those in `state` when given."""
    sends = [row for row in db.execute("SELECT * FROM sends ORDER BY id") if _names(row, ref)]
    if not sends:
        known = sorted({row["issue"] for row in db.execute("SELECT issue FROM sends")})
        raise PublisherError.at(
            f"issue {ref} has not been sent: no send of it in the list's ledger",
            hint="sent issues: " + (", ".join(known) or "none yet"),
        )
    found = []
    for send in sends:
        rows = db.execute(
            "SELECT * FROM deliveries WHERE send_id = ?"
            + (" AND state = ?" if state else "")
            + " ORDER BY address",
            (send["id"], state) if state else (send["id"],),
        ).fetchall()
        found += [
            Delivery(
                send["issue"],
                send["started_at"],
                row["address"],
                row["state"],
                row["attempts"],
                f"{row['reply_code'] or ''} {row['reply_text'] or ''}".strip(),
                row["message_id"],
                row["updated_at"] or "",
                row["edition"],
            )
            for row in rows
        ]
    return found


def _names(send: Any, ref: str) -> bool:
    """Whether `ref` names the issue of a row of `sends`: its slug, or its number (a send
    made before the ledger kept numbers: by its slug only)."""
    if send["issue"] == unicodedata.normalize("NFC", ref):
        return True
    return ref.isdigit() and send["number"] == int(ref)


def _write_ahead_log(db: Any) -> Path | None:
    """The database's WAL file; None when SQLite could not use WAL here: then claims are
    committed synced."""
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    return Path(f"{db.path}-wal") if str(mode).lower() == "wal" else None


def _sync(path: Path) -> None:
    """fdatasync by path (as SQLite syncs): what SQLite wrote through its own descriptor
    reaches the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fdatasync(descriptor)
    finally:
        os.close(descriptor)


def message_id(issue: str, domain: str) -> str:
    """A new Message-ID for a copy of `issue`, which names it in ASCII, as a header must
    (an Arabic or Hebrew slug percent-encoded, as in its address)."""
    return make_msgid(quote(issue), domain)


def _send(row: Any) -> Send | None:
    """The send a row of `sends` records, or None for no row."""
    return Send(row["id"], row["issue"], row["started_at"], row["finished_at"]) if row else None
