"""What commands print beside their results: a progress bar, sizes. (Notes and warnings:
notes.py.)"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


def colours_refused() -> bool:
    """Whether the user asked for no colours: NO_COLOR set, and not empty (no-color.org),
    or a terminal that shows none (TERM=dumb: an editor's shell, a screen reader's). Rich,
    which draws the tables, honours both itself; click's styled lines do not."""
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def one_line(name: str) -> str:
    """A file name as a listing's line shows it: a line break or other control character
    in it (a script's doing) written as an escape (\\n), as `ls -b` writes it, not breaking
    the line."""
    import unicodedata

    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Zl", "Zp")
        else char
        for char in name
    )


def size_text(size: int) -> str:
    """A size in bytes as a listing shows it."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B"


# Without a terminal (a CI log, `| tee build.log`), a line saying how far the work is this
# often: a build of 80 issues said nothing for minutes, and one step of a big archive's
# (its web index) for two.
SAY_EVERY = 10.0  # seconds


class RichProgress:
    """A progress bar on stderr when it is a terminal; otherwise a line every SAY_EVERY
    seconds, at the step that starts then or, in a long step, by the clock.

    A thread of its own redraws the bar four times a second, so its clock moves during a
    long job, or says the line when it is due. `paused()` stops that thread while the
    build forks its render processes: forking a process that runs another thread is
    unsafe, and the build would otherwise render everything in its own process, one job
    after another."""

    def __init__(self, doing: str = "building") -> None:
        self._doing = doing  # what the bar says before the first step names itself

    def __enter__(self) -> RichProgress:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("{task.description:<40}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
            auto_refresh=False,  # redrawn by _redraw, which paused() can stop
        )
        self._bar.__enter__()
        self._task = self._bar.add_task(self._doing, total=None)
        self._said_at = time.monotonic()
        self._saying = threading.Lock()  # the step's line, or the clock's: one, not both
        self._redrawing: tuple[threading.Thread, threading.Event] | None = None
        self._start_redrawing()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop_redrawing()
        self._bar.__exit__(*exc)  # type: ignore[arg-type]

    def expect(self, units: int) -> None:
        total = self._bar.tasks[0].total or 0
        self._bar.update(self._task, total=total + units)

    @contextmanager
    def task(self, description: str) -> Iterator[None]:
        self._bar.update(self._task, description=description)
        self._say_when_due()
        yield
        self._bar.advance(self._task)

    def _say_when_due(self) -> None:
        """Without a terminal, how far the work is, as a line of its own, when SAY_EVERY
        seconds went by since the last: "[12/480] pdf 041-pay"."""
        if not self._bar.disable:
            return
        with self._saying:
            if time.monotonic() - self._said_at < SAY_EVERY:
                return
            task = self._bar.tasks[0]
            done, total = f"{task.completed:.0f}", f"{task.total or 0:.0f}"
            print(f"[{done}/{total}] {task.description}", file=sys.stderr)
            sys.stderr.flush()
            self._said_at = time.monotonic()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No thread of the bar runs inside the block; it is redrawn again after."""
        self._stop_redrawing()
        try:
            yield
        finally:
            self._start_redrawing()

    def _start_redrawing(self) -> None:
        stop = threading.Event()
        thread = threading.Thread(target=self._redraw, args=(stop,), name="progress", daemon=True)
        thread.start()
        self._redrawing = (thread, stop)

    def _redraw(self, stop: threading.Event) -> None:
        while not stop.wait(0.25):
            self._bar.refresh()  # nothing, without a terminal
            self._say_when_due()

    def _stop_redrawing(self) -> None:
        if self._redrawing is not None:
            thread, stop = self._redrawing
            stop.set()
            thread.join()
            self._redrawing = None
