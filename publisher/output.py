"""Writing outputs: every file goes through one atomic write (temp file, fsync, rename).

An interrupted build therefore leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Artifact:
    """One output file a renderer produced: a path relative to the output folder, and bytes."""

    path: Path
    data: bytes

    @classmethod
    def text(cls, path: str | Path, text: str) -> Artifact:
        return cls(Path(path), text.encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_artifacts(out_dir: Path, artifacts: list[Artifact]) -> list[Path]:
    written = []
    for artifact in artifacts:
        target = out_dir / artifact.path
        atomic_write(target, artifact.data)
        written.append(target)
    return written
