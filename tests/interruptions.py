"""Ctrl-C at chosen points of a build's writes, after part of its output is written: the
moments an atomic write and the staging folder exist for; and a build run as a command,
stopped by a signal at a known point (stalled_build)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

import pytest
from plugin_support import issue_format, plugin_written


class HalfWritten:
    """A file handle that writes the first half of what it is given, then is interrupted."""

    def __init__(self, handle: IO[Any]) -> None:
        self.handle = handle

    def __enter__(self) -> HalfWritten:
        return self

    def __exit__(self, *_: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> None:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise KeyboardInterrupt


def interrupt_while_placing(monkeypatch: pytest.MonkeyPatch, dist: Path) -> list[Path]:
    """Ctrl-C while the build moves its staged outputs into dist/, once one has landed.
    (Placing keeps the name and changes the folder; an atomic write does the opposite.)"""
    placed: list[Path] = []
    real = os.replace

    def replace(source: Any, target: Any) -> None:
        source, target = Path(source), Path(target)
        if source.name == target.name and source.parent != target.parent:
            if placed:
                raise KeyboardInterrupt
            placed.append(target)
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    return placed


def interrupt_while_staging(monkeypatch: pytest.MonkeyPatch, dist: Path) -> list[Path]:
    """Ctrl-C half-way through writing the second output, the first one already written."""
    started: list[Path] = []
    real_mkstemp, real_fdopen = tempfile.mkstemp, os.fdopen

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)
        if Path(name).is_relative_to(dist):
            started.append(Path(name))
        return fd, name

    def fdopen(*args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(*args, **kwargs)
        return HalfWritten(handle) if len(started) == 2 else handle

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "fdopen", fdopen)
    return started


# A format whose renderer writes its process id to $STALLED_AT and then waits: a build run
# with it (after the formats it stages first) can be stopped at that known point, by a
# signal as a service manager or a closed terminal sends one.
STALLING_FORMAT = issue_format(
    "stall",
    "a format that waits",
    """
import os
import time


class StallRenderer(IssueRenderer):
    name = "stall"

    def render(self, issue, ctx):
        Path(os.environ["STALLED_AT"]).write_text(str(os.getpid()))
        time.sleep(120)
        return [Artifact.text(Path(issue.slug) / "stall.txt", "rendered\\n")]
""",
)

PUBLISHER = Path(sys.executable).with_name("publisher")  # the installed command


@contextmanager
def stalled_build(
    root: Path, plugins: Path, *args: str, jobs: int = 1
) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """`publisher -C root build ARGS… --format …,stall` started in its own session, with
    the "stall" format installed in `plugins`: the build process and the process rendering
    the stall format, once it has begun. The build is killed at the end if still running."""
    plugin_written(plugins, "stall", STALLING_FORMAT)
    stalled = plugins / "stalled-at"
    stalled.unlink(missing_ok=True)
    env = {"PUBLISHER_JOBS": str(jobs), "STALLED_AT": str(stalled)}
    with _plugin_build(root, plugins, args, env) as build:
        renderer = _waited_for(build, stalled, "the stall format never began")
        yield build, renderer


def _written_pid(path: Path) -> int | None:
    try:
        text = path.read_text()
    except FileNotFoundError:
        return None
    return int(text) if text.isdigit() else None


# A format plugin that is never built: installed, it is imported by every build, where it
# makes the move of outputs into dist/ wait after the first one has landed, its process id
# written to $PAUSED_AT, until the file $RESUME exists.
PAUSING_FORMAT = issue_format(
    "pause",
    "a format whose installation pauses the move of outputs into dist/",
    """
import os
import time

_replace = os.replace


def _placing(source, target):
    _replace(source, target)
    if ".staging-" in str(source) and ".staging-" not in str(target):
        Path(os.environ["PAUSED_AT"]).write_text(str(os.getpid()))
        deadline = time.monotonic() + 120
        while not Path(os.environ["RESUME"]).exists() and time.monotonic() < deadline:
            time.sleep(0.01)


os.replace = _placing


class PauseRenderer(IssueRenderer):
    name = "pause"

    def render(self, issue, ctx):
        return []
""",
)


@contextmanager
def build_paused_in_commit(
    root: Path, plugins: Path, *args: str
) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """`publisher -C root build ARGS…` started in its own session, paused once its first
    output has been moved into dist/: the build process, and the file to create for it to
    go on. The build is killed at the end if still running."""
    plugin_written(plugins, "pause", PAUSING_FORMAT)
    paused, resume = plugins / "paused-at", plugins / "resume"
    paused.unlink(missing_ok=True)
    resume.unlink(missing_ok=True)
    env = {"PAUSED_AT": str(paused), "RESUME": str(resume)}
    with _plugin_build(root, plugins, args, env) as build:
        _waited_for(build, paused, "the build never moved an output into dist/")
        yield build, resume


@contextmanager
def _plugin_build(
    root: Path, plugins: Path, args: tuple[str, ...], env: dict[str, str]
) -> Iterator[subprocess.Popen[str]]:
    """`publisher -C root build ARGS…` with the plugins in `plugins` importable and `env`
    added, started in its own session; killed at the end, with any worker it left."""
    build = subprocess.Popen(
        [PUBLISHER, "-C", str(root), "build", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(plugins), *sys.path]), **env},
        start_new_session=True,
    )
    try:
        yield build
    finally:
        with suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
        build.communicate()


def _waited_for(build: subprocess.Popen[str], written: Path, never: str) -> int:
    """The process id a plugin writes to `written` once it gets there (`never` said if the
    build ends first, or takes far longer than any build could)."""
    deadline = time.monotonic() + 120  # not a measure: only how long to wait for a bug
    while not (pid := _written_pid(written)):
        assert build.poll() is None, build.communicate()[0]
        assert time.monotonic() < deadline, never
        time.sleep(0.01)
    return pid
