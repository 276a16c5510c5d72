"""Paths the editor's files name (images, covers, logos, links), made absolute safely."""

from __future__ import annotations

import os
from pathlib import Path


def followed(path: Path) -> Path:
    """`path` absolute, with its links followed as far as they lead. A link that loops is
    left as it is, and is then no file (Path.resolve raises RuntimeError on it before
    Python 3.13: a looping link in a workspace crashed the build)."""
    return Path(os.path.realpath(path))
