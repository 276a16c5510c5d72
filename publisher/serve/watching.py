"""Which changes under the workspace `publisher serve` rebuilds for: files the build may
read, not the ones programs keep beside them.

The build passes over hidden files and folders, and a synced folder's housekeeping
(`pool.is_housekeeping`: a Mac's `._x.yaml`, Word's `~$x.docx`), in documents/ and
issues/ alike: a change to one changes no output. Editors write scratch files of their
own beside the file they save (Vim's `4913`, Emacs's `#x.md#`, backups `x.md~`): a
rebuild for each would reload the browser for nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..pool import is_housekeeping

# Folders of tools a workspace kept in version control or beside code may hold.
_TOOL_FOLDERS = frozenset({"__pycache__", "node_modules"})

# Editors' scratch files that are not hidden: backups (`x.md~`), Emacs's auto-saves
# (`#x.md#`), swap files kept elsewhere (`x.md.swp`), JetBrains' safe-write copies
# (`x.md___jb_tmp___`).
_SCRATCH = re.compile(r".*~|#.*#|.*\.sw[a-p]|.*___jb_\w+___", re.IGNORECASE)

# Vim (and Neovim) see whether they may write in a folder by making and removing a file
# named 4913 before a save (4913 + 123, + 246 … when that name is taken): bufwrite.c.
_VIM_PROBE_FIRST, _VIM_PROBE_STEP = 4913, 123


def is_scratch(name: str) -> bool:
    """Whether a file named `name` is an editor's scratch file or a folder's housekeeping,
    which no build reads."""
    return is_housekeeping(Path(name)) or bool(_SCRATCH.fullmatch(name)) or _vim_probe(name)


def _vim_probe(name: str) -> bool:
    if not (name.isascii() and name.isdecimal()):
        return False
    number = int(name)
    return number >= _VIM_PROBE_FIRST and (number - _VIM_PROBE_FIRST) % _VIM_PROBE_STEP == 0


class SourceFilter:
    """watchfiles' filter for the sources under `root`: False for a path in a hidden or
    a tool's folder, or a scratch or housekeeping file (`is_scratch`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, change: object, path: str) -> bool:
        changed = Path(path)
        parts = (
            changed.relative_to(self.root).parts
            if changed.is_relative_to(self.root)
            else (changed.name,)
        )
        if not parts:
            return True
        if any(part.startswith(".") or part in _TOOL_FOLDERS for part in parts[:-1]):
            return False
        return not is_scratch(parts[-1])
