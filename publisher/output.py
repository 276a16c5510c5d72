"""Writing outputs: every file goes through one atomic write (temp file, fsync, rename).

An interrupted build therefore leaves either the old file or the new one, never half of one.
A file that cannot be written (a full disk, no permission) is a PublisherError naming it:
the user can fix that, it is no bug.
"""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import PublisherError


@dataclass(frozen=True)
class Artifact:
    """One output file a renderer produced: a path relative to the output folder, and bytes."""

    path: Path
    data: bytes

    @classmethod
    def text(cls, path: str | Path, text: str) -> Artifact:
        return cls(Path(path), text.encode("utf-8"))


def atomic_write(
    path: Path, data: bytes, shown_as: Path | None = None, built: bool = False
) -> None:
    """Write `path` whole or not at all; `shown_as` is the name errors give it (the place
    in dist/ of a file written to the staging folder); `built`: an output, whose errors
    say to build elsewhere with --out."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # named after the file, in part: a name the disk allows must leave room for the rest
        prefix = f".{path.name[:_TEMPORARY_NAME_PART]}."
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".part")
    except OSError as exc:
        raise unwritable(shown_as or path, exc, built=built) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise unwritable(shown_as or path, exc, built=built) from None
        raise


_TEMPORARY_NAME_PART = 64  # characters of a file's name its temporary file's name holds


def holds(path: Path, data: bytes) -> bool:
    """Whether the file at `path` already has exactly these bytes: an output rendered as it
    was is left alone, so a deploy (rsync, a bucket's sync) sees only what changed."""
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False  # unreadable: written again, which says why if that fails too


def write_artifacts(
    out_dir: Path, artifacts: list[Artifact], shown_in: Path | None = None
) -> list[Path]:
    """Write each artifact under `out_dir`; errors name it under `shown_in` when given."""
    written = []
    for artifact in artifacts:
        target = out_dir / artifact.path
        atomic_write(target, artifact.data, (shown_in or out_dir) / artifact.path, built=True)
        written.append(target)
    return written


# What to do about the reasons a file cannot be written (by errno), else the usual two.
_FIXES = {
    errno.ENOSPC: "free some disk space",
    errno.EDQUOT: "free some disk space (your quota is full)",
    errno.EACCES: "check that the folder is yours to write in",
    errno.EPERM: "check that the folder is yours to write in",
    errno.EROFS: "the disk is read-only: build onto another one with --out",
    errno.EEXIST: "a file is where a folder must be: move it away, or build with --out",
    errno.ENOTDIR: "a file is where a folder must be: move it away, or build with --out",
    errno.ENOENT: "no folder can be made there: build into another one with --out",
    errno.EFBIG: "the file is larger than this system lets publisher write: see ulimit -f",
    errno.ENAMETOOLONG: "the name is longer than the disk allows: give the manifest or"
    " document it is named after a shorter name",
}

# The fixes of those that say to build elsewhere, for a file no --out sends elsewhere
# (`publisher init`'s).
_NOT_BUILT = {
    errno.EROFS: "the disk is read-only: choose another folder, on another disk",
    errno.EEXIST: "a file is where a folder must be: move it away, or choose another folder",
    errno.ENOTDIR: "a file is where a folder must be: move it away, or choose another folder",
    errno.ENOENT: "no folder can be made there: choose another folder",
}

# The errors by which a disk or the system refuses a write: said as such wherever they
# happen (a renderer's temporary file too), not as publisher's bug.
REFUSED_WRITES = frozenset(
    (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM)
)


def refused_write(exc: OSError) -> PublisherError | None:
    """A write the disk or the system refused (REFUSED_WRITES) as the message an output
    that cannot be written gets, naming the file (the temporary folder when the error does
    not say which: a write to an open file); None for any other OSError."""
    if exc.errno not in REFUSED_WRITES:
        return None
    if exc.filename:
        return unwritable(Path(exc.filename), exc)
    return unwritable(Path(tempfile.gettempdir()), exc, "write a temporary file in this folder")


def unwritable(
    path: Path, exc: OSError, what: str = "write this file", built: bool = True
) -> PublisherError:
    """The error of a file that cannot be written, with what to do about it: `built`, an
    output of a build, which --out can put elsewhere."""
    fixes = _FIXES if built else _FIXES | _NOT_BUILT
    if exc.errno == errno.ENAMETOOLONG and not _long_name(path):
        fixes = {errno.ENAMETOOLONG: _LONG_PATH_BUILT if built else _LONG_PATH}
    return PublisherError.at(
        f"could not {what}: {exc.strerror or exc}",
        path,
        hint=fixes.get(
            exc.errno or 0, "free some disk space, or check that the folder is yours to write in"
        ),
    )


# "File name too long" of a path whose every name is short enough: the path is longer than
# the system allows (4,096 bytes on Linux), folders within folders.
_LONG_PATH = (
    "the folder's path is longer than the system allows: choose a folder with a shorter path"
)
_LONG_PATH_BUILT = (
    "the folder's path is longer than the system allows: move the workspace, or build with"
    " --out, into a folder with a shorter path"
)
_NAME_MAX = 255  # bytes of one name, on every file system publisher is used on


def _long_name(path: Path) -> bool:
    """Whether one of the names in `path` is longer than a file system allows."""
    return any(len(os.fsencode(name)) > _NAME_MAX for name in path.parts)
