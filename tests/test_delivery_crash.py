"""SIGKILL at random points of a send, again and again: after the restarts nobody is missed,
nobody gets two copies, and the ledger says exactly what the SMTP server received."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from delivery_support import (
    CLI,
    SECRET,
    SLUG,
    ForkedSender,
    RecordingHandler,
    add_subscribers,
    configure,
    kill_seed,
    query,
    start_sender,
)

SUBSCRIBERS = 150  # enough that the killed runs leave some for the last one
KILLS = 9  # with the finishing run and the resend: issue 6's "at least 10 runs"
RATE = "30"  # messages per second: each run is killed after a dozen or so, mid-send


def test_sigkill_at_random_points_loses_and_repeats_nothing(
    delivery_workspace: Path, smtp: RecordingHandler, fork_sender: Callable[..., ForkedSender]
) -> None:
    root = delivery_workspace
    subscribers = {f"member{n:03}@example.org": "active" for n in range(SUBSCRIBERS)}
    add_subscribers(root, subscribers)
    seed = kill_seed("test_sigkill_at_random_points_loses_and_repeats_nothing")
    chance = random.Random(seed)
    kills, deadline = 0, time.monotonic() + 40
    while kills < KILLS and time.monotonic() < deadline:
        sender = fork_sender(root, "--rate", RATE)
        if kills % 3 == 2:  # the server has the message, the ledger not yet its reply
            smtp.on_data = partial(sender.send_signal, signal.SIGKILL)
            kills += sender.wait(timeout=30) == -signal.SIGKILL
            smtp.on_data = None
            continue
        time.sleep(chance.uniform(0.0, 0.8))  # start-up, sending, or between the two commits
        if sender.poll() is None:
            sender.send_signal(signal.SIGKILL)
            kills += 1
        sender.wait(timeout=30)
    finished = start_sender(root, "--connections", "2")
    assert finished.wait(timeout=60) == 0
    assert kills >= KILLS - 2, f"only {kills} kills landed (seed {seed})"

    rows = query(root, "SELECT address, state, message_id FROM deliveries WHERE send_id = 1")
    states = {address: state for address, state, _ in rows}
    message_ids = {address: message_id for address, _, message_id in rows}
    copies = smtp.copies()
    unknown = {address for address, state in states.items() if state == "unknown"}
    assert set(states) == set(subscribers), f"seed {seed}"
    assert set(states.values()) <= {"sent", "unknown"}, f"seed {seed}: {Counter(states.values())}"
    # The ledger matches the server: every `sent` arrived once, with the Message-ID recorded.
    for received in smtp.received:
        assert received.message_id == message_ids[received.recipient], f"seed {seed}"
    assert {a for a, s in states.items() if s == "sent"} <= set(copies), f"seed {seed}"
    assert set(copies) <= set(subscribers)
    assert max(copies.values()) == 1, f"seed {seed}: a duplicate"
    # Nobody missed: only `unknown` ones may lack a copy, and those are reported.
    assert set(subscribers) - set(copies) <= unknown, f"seed {seed}"

    # The editor resends the unknown ones: now everyone has one, and duplicates are
    # only ever among the unknown, carrying the same Message-ID as the first copy.
    resend = start_sender(root, "--resend-unknown")
    assert resend.wait(timeout=60) == 0
    copies = smtp.copies()
    assert set(copies) == set(subscribers), f"seed {seed}"
    assert {a for a, n in copies.items() if n > 1} <= unknown, f"seed {seed}"
    assert query(root, "SELECT DISTINCT state FROM deliveries") == [("sent",)]


# Runs in a private user and mount namespace: the database folder becomes a tiny tmpfs,
# filled until only $FREE KiB are left, so SQLite meets a real full disk (ENOSPC).
FULL_DISK = """
set -e
cp -a "$DATA" "$SAVED"
mount -t tmpfs -o size=1m tmpfs "$DATA"
cp -a "$SAVED"/. "$DATA"/
dd if=/dev/zero of="$DATA/filler" bs=4k 2>/dev/null || true
truncate -s -"$FREE"K "$DATA/filler"
set +e
"$PYTHON" -c "$CLI" -C "$ROOT" send "$SLUG" >"$ROOT/first.out" 2>&1
echo $? >"$ROOT/first.exit"
cp -a "$DATA"/. "$ROOT/after-full"/
echo $? >"$ROOT/first.rc"
read -r _ <"$ROOT/go"
rm "$DATA/filler"
"$PYTHON" -c "$CLI" -C "$ROOT" send "$SLUG" >"$ROOT/second.out" 2>&1
echo $? >"$ROOT/second.rc"
"""


def ledger(database: Path) -> dict[str, str]:
    db = sqlite3.connect(database)
    try:
        return dict(db.execute("SELECT address, state FROM deliveries"))
    finally:
        db.close()


def test_a_full_disk_stops_the_send_with_the_file_named_and_a_consistent_ledger(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    if (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode
    ):
        pytest.skip("needs unshare and user namespaces for a tiny tmpfs")
    root = delivery_workspace
    configure(root, database="data/subscribers.sqlite3", connections=1)
    subscribers = {f"member{n:02}@example.org": "active" for n in range(40)}
    add_subscribers(root, subscribers)
    (root / "after-full").mkdir()
    env = {
        **os.environ,
        "PUBLISHER_SECRET_KEY": SECRET,
        **{"DATA": str(root / "data"), "SAVED": str(root / "saved"), "FREE": "96"},
        **{"PYTHON": sys.executable, "CLI": CLI, "ROOT": str(root), "SLUG": SLUG},
    }

    os.mkfifo(root / "go")  # the script waits on it between the two sends

    script = subprocess.Popen(["unshare", "-rm", "sh", "-c", FULL_DISK], env=env)
    deadline = time.monotonic() + 60
    while not (root / "first.rc").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    received = set(smtp.copies())
    (root / "go").write_text("go\n")
    assert script.wait(timeout=60) == 0

    first = (root / "first.out").read_text()
    assert (root / "first.exit").read_text().strip() == "1", first
    assert "Traceback" not in first, first
    assert f"{root / 'data' / 'subscribers.sqlite3'}: " in first and "disk is full" in first
    states = ledger(root / "after-full" / "subscribers.sqlite3")
    marked_sent = {address for address, state in states.items() if state == "sent"}
    assert marked_sent <= received  # nobody marked sent who was not
    assert {states[address] for address in received} <= {"sent", "sending"}
    assert 0 < len(received) < len(subscribers)  # the disk filled up during the send
    # Once there is room again the send carries on: everyone gets one copy, except that a
    # copy in flight when the disk filled is reported as unknown and not sent again.
    second = (root / "second.out").read_text()
    assert (root / "second.rc").read_text().strip() == "0", second
    copies = smtp.copies()
    in_flight = {address for address, state in states.items() if state == "sending"}
    assert set(subscribers) - in_flight <= set(copies) <= set(subscribers)
    assert max(copies.values()) == 1
    assert all(address in second for address in in_flight), second
