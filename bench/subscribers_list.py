"""Seconds for `publisher subscribers list` of 100,000 subscribers, in each format, run as a
user runs it: the installed command in its own process, start-up included.

    .venv/bin/python bench/subscribers_list.py [--subscribers 100000] [--runs 5]

The workspace is made by `publisher init` in a temporary folder; the subscribers go
straight into its database (as an import leaves them: mixed statuses, names in several
scripts, tags, a few long addresses). Rows:

  table (piped)       plain lines, stdout a file
  table (terminal)    folded to an 80-column terminal (a pseudo-terminal read by this script);
                      shown, not in the goal: 100,000 rows go to a pager or a file, and a
                      pager's stdout is a pipe
  csv, json           every field, stdout a file

Each row is the median of --runs runs (and the fastest, and the command's median CPU time:
on a shared machine, waiting for a core counts in seconds but not in CPU); the goal is a
median under 2 s for the table, CSV and JSON, and the exit status says whether it was met.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import resource
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PUBLISHER = REPO / ".venv" / "bin" / "publisher"
GOAL = 2.0  # seconds
GOAL_ROWS = ("table (piped)", "csv", "json")
NAMES = ("Ana Lima", "Zoë Walker-Okafor", "Мария Иванова", "محمد الأحمد", "山田 太郎", "")
TAGS = ("", "docks", "docks,night-shift", "health,outsourcing,cleaners")
STATUSES = ("active",) * 7 + ("pending", "unsubscribed", "bounced")


def workspace(count: int) -> Path:
    root = Path(tempfile.mkdtemp(prefix="bench-list-")) / "news"
    subprocess.run(
        [PUBLISHER, "init", root], check=True, stdin=subprocess.DEVNULL, capture_output=True
    )
    # publisher creates its database (the real schema) on first use
    subprocess.run([PUBLISHER, "-C", root, "subscribers", "list"], check=True, capture_output=True)
    db = sqlite3.connect(root / "subscribers.sqlite3")
    with db:
        db.executemany(
            "INSERT INTO subscribers (address, name, language, tags, status, consent_source,"
            " created_at, updated_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row(n) for n in range(count)),
        )
    db.close()
    return root


def row(n: int) -> tuple[str, ...]:
    long = n % 97 == 0
    local = f"carl.johansson-whitfield.{n}" if long else f"reader{n}"
    domain = "dockside-workers-network.example.org" if long else "example.org"
    stamp = f"2026-{n % 12 + 1:02}-{n % 28 + 1:02}T08:00:00+00:00"
    return (
        f"{local}@{domain}",
        NAMES[n % len(NAMES)],
        ("en", "es", "fr", "ar", "pt-BR")[n % 5],
        TAGS[n % len(TAGS)],
        STATUSES[n % len(STATUSES)],
        "import of members.csv",
        stamp,
        stamp,
        stamp,
    )


Run = tuple[float, float, int]  # seconds, CPU seconds of the command, lines


def cpu() -> float:
    """CPU seconds (user and system) of the children that have finished."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def piped(root: Path, fmt: str) -> Run:
    """Seconds, CPU seconds, and lines written to a file."""
    with tempfile.TemporaryFile() as out:
        start, used = time.perf_counter(), cpu()
        subprocess.run(
            [PUBLISHER, "-C", root, "subscribers", "list", "--format", fmt], stdout=out, check=True
        )
        seconds, used = time.perf_counter() - start, cpu() - used
        out.seek(0)
        return seconds, used, sum(1 for _ in out)


def terminal(root: Path, columns: int = 80) -> Run:
    """Seconds, CPU seconds, and lines shown, in a pseudo-terminal `columns` wide (this
    script reading the terminal is not counted as CPU, but competes for it)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    start, used = time.perf_counter(), cpu()
    child = subprocess.Popen(
        [PUBLISHER, "-C", root, "subscribers", "list"], stdout=follower, env=env
    )
    os.close(follower)
    newlines = 0
    while True:
        try:
            data = os.read(leader, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        newlines += data.count(b"\n")
    child.wait()
    seconds, used = time.perf_counter() - start, cpu() - used
    os.close(leader)
    return seconds, used, newlines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = workspace(args.subscribers)
    try:
        cases = {
            "table (piped)": lambda: piped(root, "table"),
            "table (terminal)": lambda: terminal(root),
            "csv": lambda: piped(root, "csv"),
            "json": lambda: piped(root, "json"),
        }
        results = {name: [case() for _ in range(args.runs)] for name, case in cases.items()}
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)
    print(f"publisher subscribers list, {args.subscribers} subscribers, {args.runs} runs each")
    print(f"{'':18}{'median s':>10}{'fastest s':>10}{'median CPU s':>14}{'lines':>9}")
    medians = {}
    for name, runs in results.items():
        seconds = [s for s, _, _ in runs]
        medians[name] = statistics.median(seconds)
        used = statistics.median(c for _, c, _ in runs)
        print(f"{name:18}{medians[name]:10.2f}{min(seconds):10.2f}{used:14.2f}{runs[0][2]:9}")
    print(f"(load average over the last minute at the end: {os.getloadavg()[0]:.1f})")
    met = max(medians[name] for name in GOAL_ROWS) < GOAL
    print(f"goal: {', '.join(GOAL_ROWS)} each under {GOAL:g} s: {'met' if met else 'NOT met'}")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
