"""What a small organisation meets sending to its list, found by trying it: a send stopped
the way servers and SSH sessions stop programs, and subscriber files as people keep them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest
from delivery_support import (
    CLI,
    SECRET,
    SLUG,
    RecordingHandler,
    add_subscribers,
    configure,
    query,
)

SUBSCRIBERS = [f"member{n}@example.org" for n in range(6)]


def start_send(root: Path) -> subprocess.Popen[str]:
    """`publisher send` in a process of its own, its output kept, as a terminal runs it."""
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "send", SLUG],
        env={**os.environ, "PUBLISHER_SECRET_KEY": SECRET},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def signal_then_reply_slowly(sender: subprocess.Popen[str], stop: signal.Signals) -> None:
    """The server has the message: the sender is told to stop, and waits for the reply a
    while, as for a busy server's queue."""
    sender.send_signal(stop)
    time.sleep(0.5)


@pytest.mark.parametrize(
    "stop",
    [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
    ids=["Ctrl-C", "SIGTERM from systemd, timeout or a shutdown", "SIGHUP as an SSH session drops"],
)
def test_a_send_told_to_stop_finishes_the_copy_in_flight_and_says_how_to_resume(
    delivery_workspace: Path, smtp: RecordingHandler, stop: signal.Signals
) -> None:
    """The signal arrives while the server holds a copy, before its reply: the copy is
    finished and recorded as sent, never left `unknown` for the editor to guess about, and
    running the send again gives everyone else theirs, nobody two. One connection, as a
    small organisation's provider often allows."""
    root = delivery_workspace
    configure(root, connections=1)
    add_subscribers(root, dict.fromkeys(SUBSCRIBERS, "active"))
    sender = start_send(root)
    smtp.on_data = partial(signal_then_reply_slowly, sender, stop)
    output, _ = sender.communicate(timeout=60)

    assert sender.returncode == 1, output  # stopped, not killed (-15, -1)
    assert f"publisher send {SLUG}' again" in output
    states = dict(query(root, "SELECT address, state FROM deliveries"))
    assert set(states.values()) == {"sent", "queued"}  # none `sending`, none `unknown`
    assert {a for a, s in states.items() if s == "sent"} == set(smtp.copies())

    assert start_send(root).wait(timeout=60) == 0
    assert smtp.copies() == dict.fromkeys(SUBSCRIBERS, 1)
