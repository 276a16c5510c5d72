"""Helpers for the tests of `publisher import` of a platform's export: a folder zipped as the
platform hands it out, and an export imported into a new workspace."""

from __future__ import annotations

import zipfile
from pathlib import Path

from publisher.importers.platforms import PlatformReport, import_export
from publisher.scaffold import Identity, create_workspace


def zipped(folder: Path, archive: Path, inside: str = "") -> Path:
    """`folder`'s files in the zip `archive`, under the folder `inside` if one is given."""
    with zipfile.ZipFile(archive, "w") as zipping:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zipping.write(
                    path, "/".join(filter(None, (inside, path.relative_to(folder).as_posix())))
                )
    return archive


def new_workspace(root: Path, title: str = "The Dockside Bulletin") -> Path:
    create_workspace(root, Identity(title))
    return root


def imported(export: Path, tmp_path: Path) -> tuple[Path, PlatformReport]:
    """`export` imported into a new workspace, `tmp_path`/ws, and the report."""
    root = new_workspace(tmp_path / "ws")
    return root, import_export(export, root)


def text_of(root: Path, slug: str) -> tuple[str, str]:
    """The imported document's front matter and its Markdown."""
    _, front, text = (
        (root / "documents" / f"{slug}.md").read_text(encoding="utf-8").split("---\n", 2)
    )
    return front, text
