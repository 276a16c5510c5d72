"""Issue 14, part 6: the list and its send ledger in PostgreSQL. Two `publisher send`
processes share one ledger, are SIGKILLed at random points and started again, and still
nobody gets two copies, nobody is missed silently, and the ledger says exactly what the
SMTP server received. `subscribers migrate` moves a SQLite list there with its history."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from delivery_support import (
    SECRET,
    SLUG,
    RecordingHandler,
    execute_many,
    query,
)

on_postgresql = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

SUBSCRIBERS = 2000
ROUNDS = 4  # each: two senders started together, each killed at its own random moment
RATE = "150"  # messages per second per sender while being killed: a few hundred per round
CLI = "from publisher.cli import main; main()"


def start_sender(root: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "send", SLUG, *extra],
        env={**os.environ, "PUBLISHER_SECRET_KEY": SECRET},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def subscribe(root: Path, addresses: list[str]) -> None:
    """Active subscribers straight into the list, as an import leaves them (one statement)."""
    now = "2026-01-01T00:00:00+00:00"
    execute_many(
        root,
        "INSERT INTO subscribers (address, status, created_at, updated_at, confirmed_at)"
        " VALUES (?, 'active', ?, ?, ?)",
        [(address, now, now, now) for address in addresses],
    )


@on_postgresql
def test_two_senders_killed_at_random_points_send_each_copy_at_most_once(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    subscribers = [f"member{n:04}@example.org" for n in range(SUBSCRIBERS)]
    subscribe(root, subscribers)
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    kills = 0
    for _ in range(ROUNDS):
        senders = [start_sender(root, "--rate", RATE) for _ in range(2)]
        moments = sorted((chance.uniform(0.4, 1.6), sender) for sender in senders)
        started = time.monotonic()
        for moment, sender in moments:  # start-up, reserving, sending, or between commits
            time.sleep(max(0.0, moment - (time.monotonic() - started)))
            if sender.poll() is None:
                sender.send_signal(signal.SIGKILL)
                kills += 1
        for sender in senders:
            sender.wait(timeout=30)
    assert kills >= 2 * ROUNDS - 2, f"only {kills} kills landed (seed {seed})"
    # Two more finish the send together: one may find it finished by the other.
    finishers = [start_sender(root, "--connections", "2") for _ in range(2)]
    outcomes = [
        (f.wait(timeout=90), f.stderr.read().decode() if f.stderr else "") for f in finishers
    ]
    for code, errors in outcomes:
        assert code == 0 or "already sent" in errors, f"seed {seed}: {errors}"

    rows = query(root, "SELECT address, state, message_id, claimed_by FROM deliveries")
    states = {address: state for address, state, _, _ in rows}
    message_ids = {address: message_id for address, _, message_id, _ in rows}
    copies = smtp.copies()
    unknown = {address for address, state in states.items() if state == "unknown"}
    assert query(root, "SELECT COUNT(*) FROM sends WHERE finished_at IS NOT NULL") == [(1,)]
    assert len(rows) == SUBSCRIBERS and set(states) == set(subscribers), f"seed {seed}"
    assert set(states.values()) <= {"sent", "unknown"}, f"seed {seed}: {Counter(states.values())}"
    assert {claimer for *_, claimer in rows} == {None}  # nothing left held
    # The ledger matches the server: every `sent` arrived once, with the Message-ID recorded.
    assert max(copies.values()) == 1, f"seed {seed}: a duplicate"
    for received in smtp.received:
        assert received.message_id == message_ids[received.recipient], f"seed {seed}"
    assert {a for a, s in states.items() if s == "sent"} <= set(copies), f"seed {seed}"
    # Nobody missed: only `unknown` ones may lack a copy, and those are reported.
    assert set(subscribers) - set(copies) <= unknown, f"seed {seed}"
    assert len(unknown) <= kills, f"seed {seed}: more unknown than kills"
