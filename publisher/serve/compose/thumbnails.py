"""The built PDF's pages as small pictures, so the composer shows the booklet beside the
editor without a PDF viewer. Made once per version of the PDF (its size and time), by
poppler's pdftoppm, in the workspace's .publisher/ folder."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

from ...checks.base import ToolMissing
from ...checks.tools import poppler

PAGES = 12  # the first pages are enough to see the layout
RESOLUTION = 24  # dots per inch: an A4 page is about 200 px high
_MAKING = threading.Lock()  # two pages asking at once make them once


def thumbnails(pdf: Path, folder: Path) -> dict[int, Path]:
    """PNG pictures of the first pages of `pdf` by page number, in order (none while it is
    not built). By number, not by pdftoppm's name for it: that is page-01.png in a PDF of
    10 pages or more, page-001.png in one of 100."""
    try:
        stat = pdf.stat()
    except FileNotFoundError:
        return {}
    made = folder / pdf.stem / f"{stat.st_size}-{stat.st_mtime_ns}"
    with _MAKING:
        if not made.is_dir() and not _make(pdf, made):
            return {}
    pages = {int(p.stem.removeprefix("page-")): p for p in made.glob("page-*.png")}
    return dict(sorted(pages.items()))


def _make(pdf: Path, made: Path) -> bool:
    """Replace older pictures of `pdf` with those of this version."""
    try:
        pdftoppm = poppler("pdftoppm")
    except ToolMissing:
        return False
    for old in made.parent.glob("*"):
        shutil.rmtree(old, ignore_errors=True)
    partial = made.with_name(made.name + ".part")
    partial.mkdir(parents=True, exist_ok=True)
    command = [pdftoppm, "-png", "-r", str(RESOLUTION), "-l", str(PAGES)]
    result = subprocess.run(
        [*command, str(pdf), str(partial / "page")], capture_output=True, timeout=60
    )
    if result.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        return False
    partial.rename(made)
    return True
