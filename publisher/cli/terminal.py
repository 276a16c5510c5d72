"""What commands print beside their results: a progress bar, sizes. (Notes and warnings:
notes.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def size_text(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B"


class RichProgress:
    """A progress bar on stderr when it is a terminal; silent otherwise."""

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
        )
        self._bar.__enter__()
        self._task = self._bar.add_task("building", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(*exc)  # type: ignore[arg-type]

    def expect(self, units: int) -> None:
        total = self._bar.tasks[0].total or 0
        self._bar.update(self._task, total=total + units)

    @contextmanager
    def task(self, description: str) -> Iterator[None]:
        self._bar.update(self._task, description=description)
        yield
        self._bar.advance(self._task)
