"""SIGKILL at random points of a send, again and again: after the restarts nobody is missed,
nobody gets two copies, and the ledger says exactly what the SMTP server received."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from delivery_support import SECRET, SLUG, RecordingHandler, add_subscribers, query

SUBSCRIBERS = 400
KILLS = 12
RATE = "30"  # messages per second: each run is killed after a dozen or so, mid-send
CLI = "from publisher.cli import main; main()"


def start_sender(root: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "send", SLUG, *extra],
        env={**os.environ, "PUBLISHER_SECRET_KEY": SECRET},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_at_random_points_loses_and_repeats_nothing(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    subscribers = {f"member{n:03}@example.org": "active" for n in range(SUBSCRIBERS)}
    add_subscribers(root, subscribers)
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    kills, deadline = 0, time.monotonic() + 40
    while kills < KILLS and time.monotonic() < deadline:
        sender = start_sender(root, "--rate", RATE)
        time.sleep(chance.uniform(0.2, 1.0))  # start-up, sending, or between the two commits
        if sender.poll() is None:
            sender.send_signal(signal.SIGKILL)
            kills += 1
        sender.wait(timeout=30)
    finished = start_sender(root, "--connections", "2")
    assert finished.wait(timeout=60) == 0
    assert kills >= 10, f"only {kills} kills landed (seed {seed})"

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
