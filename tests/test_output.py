"""Outputs are written atomically: an interrupted build never leaves half a file in dist/."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest
from conftest import copy_workspace

from publisher.build import build
from publisher.output import atomic_write


class HalfWritten:
    """A file handle that writes the first half of what it is given, then is interrupted."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def __enter__(self) -> HalfWritten:
        return self

    def __exit__(self, *_: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> None:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise KeyboardInterrupt


def interrupt_in_the_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWritten(real(*a, **k)))


def interrupt_once_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every byte is in the temporary file when fsync is interrupted."""

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)


def interrupt_the_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)


@pytest.mark.parametrize(
    "interrupt", [interrupt_in_the_write, interrupt_once_written, interrupt_the_rename]
)
def test_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    interrupt: Callable[[pytest.MonkeyPatch], None],
) -> None:
    target = tmp_path / "issue.pdf"
    target.write_bytes(b"old complete file")
    with monkeypatch.context() as patch:
        interrupt(patch)
        with pytest.raises(KeyboardInterrupt):
            atomic_write(target, b"new file that never lands")
    assert target.read_bytes() == b"old complete file"
    assert os.listdir(tmp_path) == ["issue.pdf"]


def outputs(root: Path) -> dict[Path, bytes]:
    dist = root / "dist"
    return {p.relative_to(dist): p.read_bytes() for p in dist.rglob("*") if p.is_file()}


def whole(name: Path, data: bytes, versions: tuple[bytes | None, ...]) -> bool:
    """A PDF (whose bytes differ from build to build) is whole from %PDF to %%EOF; any
    other file is byte for byte one of the versions a complete build wrote."""
    if name.suffix == ".pdf":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    return data in versions


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


@pytest.mark.parametrize("interrupt", [interrupt_while_staging, interrupt_while_placing])
def test_a_build_interrupted_mid_way_leaves_only_whole_files(
    workspace: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    interrupt: Callable[[pytest.MonkeyPatch, Path], list[Path]],
) -> None:
    root = workspace("minimal")
    build(root)
    before = outputs(root)
    (root / "documents" / "first-article.md").write_text("---\ntitle: Changed\n---\n\nNew text\n")
    reference = copy_workspace(root, tmp_path / "reference")
    build(reference)
    new = outputs(reference)

    with monkeypatch.context() as patch:
        written = interrupt(patch, root / "dist")
        with pytest.raises(KeyboardInterrupt):
            build(root)
    after = outputs(root)
    assert written, "the interruption came after an output was written"
    assert set(after) == set(before)  # no temporary, partial or staged file is left
    for name, data in after.items():
        assert whole(name, data, (before[name], new.get(name))), name
