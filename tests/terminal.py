"""Running `publisher` in a real pseudo-terminal, as a person at a terminal runs it: stdin
and stdout are a terminal of a given width, and what they type is waiting on stdin."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from collections.abc import Mapping
from pathlib import Path

PUBLISHER = Path(sys.executable).with_name("publisher")


def run_in_terminal(*args: str, columns: int = 80, typed: str = "", timeout: float = 60) -> str:
    """What the terminal shows (output and the echoed typing), with '\\n' line ends; the
    command must exit 0."""
    child, leader = start_in_terminal(*args, columns=columns, typed=typed)
    text = read_to_the_end(leader).replace("\r\n", "\n")
    code = child.wait(timeout=timeout)
    assert code == 0, text
    return text


def start_in_terminal(
    *args: str,
    columns: int = 80,
    typed: str = "",
    env: Mapping[str, str] | None = None,
    own_session: bool = False,
) -> tuple[subprocess.Popen[bytes], int]:
    """`publisher ARGS…` started on a new pseudo-terminal `columns` wide, with `typed`
    waiting on its stdin and `env` added to this process's environment; with
    `own_session`, in a process group of its own, as a terminal's foreground job (which
    Ctrl-C reaches whole: os.killpg). The process, and the terminal's leader end to read
    (read_to_the_end)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    if typed:
        os.write(leader, typed.encode())
    child = subprocess.Popen(
        [PUBLISHER, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "COLUMNS": str(columns), **(env or {})},
        start_new_session=own_session,
    )
    os.close(follower)
    return child, leader


def read_to_the_end(leader: int) -> str:
    """Everything the terminal (its `leader` end) shows until every program on it has
    closed it; the leader is closed after."""
    shown = bytearray()
    while True:
        try:
            data = os.read(leader, 1 << 16)
        except OSError:  # EIO: every end of the terminal is closed
            break
        if not data:
            break
        shown += data
    os.close(leader)
    return shown.decode("utf-8", "replace")


def read_until(leader: int, wanted: bytes, patience: float = 60) -> bytes:
    """What the terminal shows up to and with `wanted`; an AssertionError naming what it
    showed when `wanted` has not come after `patience` seconds of silence, or the terminal
    closed: a test waiting on a prompt that never comes fails, it does not hang the suite."""
    shown = b""
    while wanted not in shown:
        if not select.select([leader], [], [], patience)[0]:
            raise AssertionError(f"{wanted!r} never shown; the terminal showed {shown!r}")
        try:
            data = os.read(leader, 1 << 16)
        except OSError:  # EIO: every end of the terminal is closed
            data = b""
        if not data:
            raise AssertionError(f"{wanted!r} never shown before the end: {shown!r}")
        shown += data
    return shown
