"""Build, Check, Import and "send a test copy" from the composer: the same commands an
editor types, run as a child `publisher` process so the report is the command's own.

A child keeps a long build (WeasyPrint, validators) out of the server's threads and makes
each task the exact code path of the command line. One task runs at a time: two builds into
the same dist/ would only slow each other down.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .guard import Refused

_CLI = "import sys; from publisher.cli import main; sys.exit(main())"
KINDS = {"build": "Build", "check": "Check", "send": "Test copy", "import": "Import"}


@dataclass
class Task:
    id: int
    kind: str  # a key of KINDS
    subject: str  # the slug, or the imported file's name
    started: float = field(default_factory=time.monotonic)
    lines: list[str] = field(default_factory=list)
    returncode: int | None = None
    ended: float | None = None

    @property
    def label(self) -> str:
        return f"{KINDS[self.kind]}: {self.subject}"

    @property
    def running(self) -> bool:
        return self.returncode is None

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def seconds(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    def report(self) -> Any:
        """The JSON report of a command run with --json (check, import), once it ended."""
        if self.running or self.kind not in ("check", "import"):
            return None
        text = "\n".join(self.lines)
        start = text.find("{")
        try:
            return json.loads(text[start:]) if start >= 0 else None
        except ValueError:
            return None


class Tasks:
    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self._tasks: dict[int, Task] = {}
        self._ids = itertools.count(1)

    def start(
        self,
        kind: str,
        subject: str,
        args: list[str],
        after: Callable[[], None] | None = None,
        unsaid: str = "",
    ) -> Task:
        """Run `publisher ARGS` in the workspace; `after` runs once it has ended. `unsaid`
        (a temporary folder) is left out of the lines it reports, as is the workspace's
        path: the page names documents/x.md as the editor knows it."""
        with self._lock:
            if any(task.running for task in self._tasks.values()):
                raise Refused(409, "another task is running: wait for it to finish")
            task = Task(next(self._ids), kind, subject)
            self._tasks[task.id] = task
        command = [sys.executable, "-c", _CLI, "-C", str(self.workspace), *args]
        threading.Thread(
            target=self._run,
            args=(task, command, after, unsaid),
            name=f"compose-{kind}",
            daemon=True,
        ).start()
        return task

    def finished(self, kind: str, subject: str, lines: list[str]) -> Task:
        """A task the server did at once, reported like the others."""
        with self._lock:
            task = Task(next(self._ids), kind, subject, lines=lines, returncode=0)
            task.ended = task.started
            self._tasks[task.id] = task
        return task

    def get(self, task_id: int) -> Task | None:
        with self._lock:
            return self._tasks.get(task_id)

    def latest(self, kind: str, subject: str) -> Task | None:
        with self._lock:
            found = [t for t in self._tasks.values() if t.kind == kind and t.subject == subject]
        return found[-1] if found else None

    def _run(
        self, task: Task, command: list[str], after: Callable[[], None] | None, unsaid: str
    ) -> None:
        env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
        left_out = [prefix for prefix in (unsaid, f"{self.workspace}{os.sep}") if prefix]
        try:
            child = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=env,
            )
            assert child.stdout is not None
            for line in child.stdout:
                said = line.rstrip("\n")
                for prefix in left_out:
                    said = said.replace(prefix, "")
                task.lines.append(said)
            code = child.wait()
        except OSError as exc:
            task.lines.append(f"could not start publisher: {exc}")
            code = 1
        finally:
            if after is not None:
                after()
        task.ended = time.monotonic()
        task.returncode = code
