"""Nothing to build, told by stat alone, before the build's modules are even imported.

A build that succeeds leaves a stamp (`.publisher/up-to-date.json`): for
the command's request (issues, formats, output folder, print options), the size and
modification time of every file that can shape the outputs (the workspace but its hidden
folders and the file the command's own output goes to, the configured folders, publisher's
code and themes), the installed packages'
folders, the environment variables publisher reads, and every file in the output folder.
The next `publisher build` of the same request compares; when nothing differs, the build
would render nothing, so the command says what such a build says (what was said before
rendering began), as make and ninja decide by timestamps. Any difference, a stamp of
another request or `--force` takes the full build, which decides job by job as always. No
stamp is left when an input changed after the build started, or within a clock tick
before (RACY_NS): the outputs may not show it, and the stamp would hide it.

The workspace's own files are named relative to it, so a copy (`cp -r` gives its files
other times) compares its own files, never the original's, and a workspace moved as it is
(`mv`) still has nothing to do.

The stamp names the publisher that wrote it (the folder its code runs from): another
install's (another version tried, another checkout) is not this one's answer, however
unchanged the other's files are, since its outputs are that version's.

`publisher check` keeps its findings the same way (`CHECKED`, over the same files and
the validators' own): checked again with nothing changed, the outputs would pass and fail
the same checks, so the command shows them again without reading the outputs.

Only this module's few standard imports (and `parsed_data`'s) run before the answer: that
is the point.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .parsed_data import each_string

STAMP = Path(".publisher") / "up-to-date.json"
CHECKED = Path(".publisher") / "checked.json"  # `publisher check`'s findings, kept alike
SCHEMA = 4  # 2: the workspace's files named relative to it; 3: the program that wrote it;
# 4: what the command answers in "answer" (a check's findings, too)
_PRUNED = {"node_modules", "__pycache__"}  # and hidden folders: not inputs of a build
RACY_NS = 2_000_000_000  # files changed in the last 2 s: no stamp (a clock tick is coarser)
_ENVIRONMENT = ("SOURCE_DATE_EPOCH", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "TZ")


@dataclass(frozen=True)
class Stamp:
    """What the no-op build reported: said again by the quick answer."""

    messages: tuple[tuple[int, str], ...]  # (logging level, text), in order
    issues: int
    outputs: int  # up to date
    out_dir: Path


def unchanged(workspace: Path, request: dict[str, Any]) -> Stamp | None:
    """The last no-op build's report, when its request was this one and nothing it depends
    on has changed since; None otherwise (then build in full)."""
    if (data := recall(workspace, STAMP, request)) is None:
        return None
    try:
        return Stamp(
            tuple((int(level), str(text)) for level, text in data["messages"]),
            int(data["issues"]),
            int(data["outputs"]),
            Path(workspace, data["out_dir"]),
        )
    except (ValueError, KeyError, TypeError):
        return None  # a damaged stamp: build in full


def forget(workspace: Path) -> None:
    """Before a full build: should it fail, the next one must look job by job again."""
    (workspace / STAMP).unlink(missing_ok=True)


def record(
    workspace: Path, request: dict[str, Any], inputs: Sequence[Path], stamp: Stamp, started: int
) -> None:
    """After a build that succeeded, `started` at that time (ns): its stamp, over the
    `inputs` folders, unless one changed since, or within a clock tick before."""
    answer = {
        "messages": stamp.messages,
        "issues": stamp.issues,
        "outputs": stamp.outputs,
    }
    remember(workspace, STAMP, request, inputs, stamp.out_dir, answer, started)


def recall(workspace: Path, stamp_file: Path, request: dict[str, Any]) -> dict[str, Any] | None:
    """What a command remembered in `stamp_file` (with "out_dir", relative to the
    workspace when in it), when its request was this one and nothing it depends on has
    changed since; None otherwise (then the command does its work)."""
    root = str(workspace)
    try:
        data = json.loads((workspace / stamp_file).read_text(encoding="utf-8"))
        if data.get("schema") != SCHEMA or data["request"] != _normal(request):
            return None
        if data["program"] != _program():
            return None  # another install's: its outputs are another version's
        inputs = [os.path.join(root, name) for name in data["inputs"]]
        out_dir = os.path.join(root, data["out_dir"])
        if data["state"] != _state(inputs, out_dir, root)[0]:
            return None
        return {
            **each_string(data["answer"], lambda text: _placed(text, root)),
            "out_dir": data["out_dir"],
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none remembered, or damaged: do the work


def remember(
    workspace: Path,
    stamp_file: Path,
    request: dict[str, Any],
    inputs: Sequence[Path],
    out_dir: Path,
    answer: dict[str, Any],
    started: int,
) -> None:
    """After a command that succeeded, `started` at that time (ns): its `answer` (JSON),
    over the `inputs` (folders or files) and `out_dir`, unless an input changed since, or
    within a clock tick before."""
    from .output import atomic_write

    root = str(workspace)
    folders = _outermost(inputs)
    state, newest = _state(folders, str(out_dir), root)
    if newest > started - RACY_NS:
        return  # changed while it was read, or so lately that a change within its tick could hide
    data = {
        "schema": SCHEMA,
        "program": _program(),
        "request": _normal(request),
        "inputs": [_relative(folder, root) for folder in folders],
        "out_dir": _relative(str(out_dir), root),
        "state": state,
        "answer": each_string(answer, lambda text: _unplaced(text, root)),
    }
    atomic_write(workspace / stamp_file, json.dumps(data).encode("utf-8"))


def _program() -> str:
    """The running publisher, by the folder its code runs from: a stamp another install
    wrote is not this one's (a digest of the code would cost more than the no-op)."""
    return os.path.dirname(os.path.abspath(__file__))


def _relative(path: str, root: str) -> str:
    """`path` relative to the workspace `root` when it is in it (then it moves along with
    the workspace); else as it is, absolute."""
    return os.path.relpath(path, root) if _inside(path, root) else path


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root + os.sep)


_HERE = "\0workspace\0"  # where the workspace was, in a stamp's messages


def _unplaced(text: str, root: str) -> str:
    """A message as the stamp keeps it: the files it names, wherever the workspace moves."""
    return text.replace(root + os.sep, _HERE)


def _placed(text: str, root: str) -> str:
    return text.replace(_HERE, root + os.sep)


def _outermost(folders: Sequence[Path]) -> list[str]:
    """The folders to walk, each file once: one inside another is left out unless the
    walk of the outer one skips it (it is below a hidden folder, node_modules…)."""
    walked = []
    for folder in dict.fromkeys(folders):
        covered = any(
            folder != outer
            and folder.is_relative_to(outer)
            and not any(_pruned(part) for part in folder.relative_to(outer).parts)
            for outer in folders
        )
        if not covered:
            walked.append(str(folder))
    return walked


def _pruned(name: str) -> bool:
    return name.startswith(".") or name in _PRUNED


def _normal(request: dict[str, Any]) -> Any:
    return json.loads(json.dumps(request, sort_keys=True, default=str))


def _state(inputs: Iterable[str], out_dir: str, root: str) -> tuple[str, int]:
    """A digest of everything that may change what a build makes, by stat, and the newest
    modification time among the inputs (ns). The files in the workspace `root` are named
    relative to it: the same files anywhere give the same digest."""
    digest = hashlib.sha256()
    newest = 0
    out = str(Path(out_dir))
    here = (root + os.sep).encode()
    own = _command_output()
    for line, mtime in (
        line for folder in inputs for line in _files(str(Path(folder)), out, own=own)
    ):
        digest.update(line.removeprefix(here))
        newest = max(newest, mtime)
    for line, _ in _files(out, skip=None, prune=False, own=own):  # as the build left them
        digest.update(line.removeprefix(here))
    for folder in sys.path:  # installing or removing a package changes its folder
        if folder.endswith(("site-packages", "dist-packages")):
            digest.update(_stat_line(str(Path(folder)))[0])
    environment = {k: v for k, v in os.environ.items() if k.startswith("PUBLISHER_")}
    environment |= {k: os.environ.get(k, "") for k in _ENVIRONMENT}
    digest.update(json.dumps([sys.prefix, sys.version, environment], sort_keys=True).encode())
    return digest.hexdigest(), newest


def _command_output() -> frozenset[tuple[int, int]]:
    """The files this command's output goes to, by device and inode: `publisher check >
    report.txt` in the workspace writes report.txt as it runs, which left no stamp (an input
    changed meanwhile) and made every check a full one."""
    files = set()
    for descriptor in (1, 2):
        try:
            info = os.fstat(descriptor)
        except OSError:  # closed
            continue
        if stat.S_ISREG(info.st_mode):
            files.add((info.st_dev, info.st_ino))
    return frozenset(files)


def _files(
    folder: str,
    skip: str | None,
    prune: bool = True,
    walked: set[tuple[int, int]] | None = None,
    *,
    own: frozenset[tuple[int, int]] = frozenset(),
) -> Iterable[tuple[bytes, int]]:
    """A line per file below `folder` (name, size, modification time), in a stable order;
    hidden folders, node_modules and caches left out where `prune`, `skip` always, and the
    files the command's `own` output goes to. (Paths stay strings and each entry is
    stat'ed once: the walk is most of a no-op build.)

    A link to a folder is followed (a theme's folder linked into templates/ is read
    through it), but a folder already `walked` is not walked again: a link back to a folder
    it is in (`ln -s . documents/loop`) made the walk endless."""
    walked = set() if walked is None else walked
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
        here = os.stat(folder)
    except OSError:
        yield _stat_line(folder)
        return
    if (here.st_dev, here.st_ino) in walked:
        return
    walked.add((here.st_dev, here.st_ino))
    for entry in entries:
        if _is_folder(entry):
            if entry.path == skip or (prune and _pruned(entry.name)):
                continue
            yield from _files(entry.path, skip, prune, walked, own=own)
        elif not own or (here.st_dev, entry.inode()) not in own:
            yield _stat_line(entry.path, entry)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link to itself: no folder, and its line says "missing"
        return False


def _stat_line(path: str, entry: os.DirEntry[str] | None = None) -> tuple[bytes, int]:
    """A file's line: name, size and modification time, from the walk's entry when there
    is one (it keeps what it learnt)."""
    try:
        info = entry.stat() if entry else os.stat(path)
    except OSError:
        return f"{path}\0missing\n".encode(), 0
    return f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode(), info.st_mtime_ns
