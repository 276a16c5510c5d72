"""Ctrl-C at chosen points of a build's writes, after part of its output is written: the
moments an atomic write and the staging folder exist for."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Any

import pytest


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
