"""The per-recipient ledger: one row per (send, subscriber), and the only rules for moving it.

A row is marked `sending` and committed (synced to disk) before the message's DATA goes
out, and `sent` (with the server's reply) after; a row found `sending` when a send starts
was in flight at a crash and becomes `unknown`: reported, never silently sent again. The
outcome's commit is not synced on its own: it survives the process dying, and the next
`sending` commit makes it durable; a power cut in between can only turn a `sent` into an
`unknown`, never into a second copy. So each message costs one fsync.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from email.utils import make_msgid
from pathlib import Path

from .audience import Audience, Member
from .store import DEFAULT_WAIT, now_iso, open_database, transaction

FINAL_STATES = ("sent", "failed", "unknown", "skipped")
# A subscriber with a row of the issue in one of these has had it, or may have, or will.
_HAD_IT = ("sent", "unknown", "sending", "queued", "deferred")


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


class Ledger:
    """One connection per thread: each worker opens its own Ledger on the same file."""

    def __init__(self, path: Path, wait: float = DEFAULT_WAIT) -> None:
        self.path = path
        self.db = open_database(path, wait=wait)
        self._outcomes = open_database(path, synced=False, wait=wait)

    def close(self) -> None:
        self.db.close()
        self._outcomes.close()

    # --- sends -----------------------------------------------------------------------------

    def latest_send(self, issue: str) -> Send | None:
        row = self.db.execute(
            "SELECT * FROM sends WHERE issue = ? ORDER BY id DESC LIMIT 1", (issue,)
        ).fetchone()
        return Send(row["id"], row["issue"], row["started_at"], row["finished_at"]) if row else None

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

    def recipients(self, issue: str, audience: Audience) -> list[Member]:
        """The active subscribers `audience` takes; with `new`, only those without a row of
        this issue that says they had it (or may have, or are about to)."""
        members = [m for m in self.active_subscribers() if audience.takes(m)]
        if not audience.new:
            return members
        had = {
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT d.subscriber_id FROM deliveries d JOIN sends s"
                f" ON s.id = d.send_id WHERE s.issue = ? AND d.state IN {_HAD_IT!r}",
                (issue,),
            )
        }
        return [m for m in members if m.id not in had]

    def start_send(self, issue: str, domain: str, audience: Audience | None = None) -> Send:
        """The recipient snapshot: every subscriber the audience takes now (default: every
        active one), one queued row each, each with the Message-ID its copy will carry
        (kept across retries, so a receiver that sees the same message twice can tell)."""
        with transaction(self.db):
            started = now_iso()
            send_id = self.db.execute(
                "INSERT INTO sends (issue, started_at) VALUES (?, ?)", (issue, started)
            ).lastrowid
            self.db.executemany(
                "INSERT INTO deliveries (send_id, subscriber_id, address, message_id, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (send_id, member.id, member.address, make_msgid(issue, domain), started)
                    for member in self.recipients(issue, audience or Audience())
                ],
            )
        assert send_id is not None
        return Send(send_id, issue, started, None)

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
        """Rows left `sending` by a crash: the server may or may not have their message."""
        with transaction(self.db):
            rows = self.db.execute(
                "SELECT address FROM deliveries WHERE state = 'sending' ORDER BY address"
            ).fetchall()
            self.db.execute(
                "UPDATE deliveries SET state = 'unknown', updated_at = ?,"
                " reply_text = 'interrupted while the message was being sent'"
                " WHERE state = 'sending'",
                (now_iso(),),
            )
        return [row["address"] for row in rows]

    # --- one recipient ---------------------------------------------------------------------

    def next_due(self, send_id: int, now: float, worker: int, workers: int) -> Recipient | None:
        """The next due deferred row of this worker's share, else its next queued one (no
        claim yet). One state per branch, so the index yields rows in order, unsorted."""
        share = (
            "SELECT * FROM (SELECT subscriber_id, address, message_id, attempts,"
            " first_attempt_at FROM deliveries WHERE send_id = ? AND state = ?"
            " AND next_attempt_at <= ? AND subscriber_id % ? = ?"
            " ORDER BY next_attempt_at, subscriber_id LIMIT 1)"
        )
        row = self.db.execute(
            f"{share} UNION ALL {share} LIMIT 1",
            (send_id, "deferred", now, workers, worker, send_id, "queued", now, workers, worker),
        ).fetchone()
        return Recipient(*row) if row else None

    def claim(self, send_id: int, recipient: Recipient) -> bool:
        """Mark the row `sending`, right before its DATA goes out, if the subscriber is still
        active (an unsubscribe that arrived mid-send is honoured here), else `skipped`.
        Committed and synced before it returns. True: go ahead."""
        with transaction(self.db):  # an explicit COMMIT: a RETURNING statement may hold it open
            rows = self.db.execute(
                "UPDATE deliveries SET state = CASE"
                " WHEN (SELECT status FROM subscribers WHERE id = subscriber_id) = 'active'"
                " THEN 'sending' ELSE 'skipped' END,"
                " reply_text = CASE"
                " WHEN (SELECT status FROM subscribers WHERE id = subscriber_id) = 'active' THEN NULL"
                " ELSE 'no longer subscribed' END, updated_at = ?"
                " WHERE send_id = ? AND subscriber_id = ?"
                " AND state IN ('queued', 'deferred', 'sending') RETURNING state",
                (now_iso(), send_id, recipient.subscriber_id),
            ).fetchall()
        return len(rows) == 1 and rows[0][0] == "sending"

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
            " first_attempt_at = COALESCE(first_attempt_at, ?)"
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
            self._outcomes.execute(update, values)
            return
        with transaction(self._outcomes):
            self._outcomes.execute(update, values)
            self._outcomes.execute(
                "UPDATE subscribers SET status = 'bounced', status_source = ?, updated_at = ?"
                " WHERE id = ? AND status IN ('active', 'pending')",
                (f"SMTP {code} {text}"[:500], now, recipient.subscriber_id),
            )

    # --- progress and reports --------------------------------------------------------------

    def open_count(self, send_id: int, worker: int = 0, workers: int = 1) -> tuple[int, float]:
        """Rows of this share still to be settled, and when the earliest deferred one is due."""
        row = self.db.execute(
            "SELECT COUNT(*), MIN(CASE WHEN state != 'sending' THEN next_attempt_at END)"
            " FROM deliveries WHERE send_id = ? AND state IN ('queued', 'deferred', 'sending')"
            " AND subscriber_id % ? = ?",
            (send_id, workers, worker),
        ).fetchone()
        return row[0], row[1] if row[1] is not None else 0.0

    def counts(self, send_id: int) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT state, COUNT(*) FROM deliveries WHERE send_id = ? GROUP BY state", (send_id,)
        ).fetchall()
        return {state: count for state, count in rows}

    def rows(self, send_id: int, state: str) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM deliveries WHERE send_id = ? AND state = ? ORDER BY address",
            (send_id, state),
        ).fetchall()

    def _open_rows(self, send_id: int) -> int:
        return self.db.execute(
            "SELECT COUNT(*) FROM deliveries WHERE send_id = ?"
            " AND state IN ('queued', 'deferred', 'sending')",
            (send_id,),
        ).fetchone()[0]
