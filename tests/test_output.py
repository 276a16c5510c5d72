"""Outputs are written atomically: an interrupted build never leaves half a file in dist/."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from publisher.build import build
from publisher.output import atomic_write
from publisher.renderers.epub import EpubRenderer


def test_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "issue.pdf"
    target.write_bytes(b"old complete file")

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new file that never lands")
    assert target.read_bytes() == b"old complete file"
    assert os.listdir(tmp_path) == ["issue.pdf"]


def test_a_build_interrupted_mid_way_leaves_only_whole_files(
    workspace: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = workspace("minimal")
    build(root)
    before = {p: p.read_bytes() for p in (root / "dist").rglob("*") if p.is_file()}
    (root / "documents" / "first-article.md").write_text("---\ntitle: Changed\n---\n\nNew text\n")

    def crash(*_: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C while the EPUB is being made

    monkeypatch.setattr(EpubRenderer, "render", crash)
    with pytest.raises(KeyboardInterrupt):
        build(root)
    after = {p: p.read_bytes() for p in (root / "dist").rglob("*") if p.is_file()}
    assert set(after) == set(before)  # no temporary or partial file appeared
    pdf = next(p for p in after if p.suffix == ".pdf")
    assert after[pdf].startswith(b"%PDF") and after[pdf].rstrip().endswith(b"%%EOF")
    epub = next(p for p in after if p.suffix == ".epub")
    assert after[epub] == before[epub]  # the old EPUB is still whole
