"""The build cache in <workspace>/.publisher/cache/: what was converted and what was rendered.

- Conversions (a document read through pandoc, an editorial) are content-addressed: the key
  hashes the source bytes with every version that shapes the result, so an entry can never
  be stale, only unused. Entries are written atomically; one that cannot be read is a miss.
- Renders are recorded per output folder (named relative to the workspace when in it, so
  they hold in a workspace moved or copied) and job: the fingerprint of everything the job's
  outputs depend on, and the size, modification time and content digest of each file written
  (the sizes are what archive outputs link downloads with). A job whose fingerprint is the
  same and whose files are still as written (the same time, or else the same content) is
  not rendered again.

Deleting the folder is always safe: the next build simply does all the work again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .logs import kept
from .model import Document
from .output import atomic_write

SCHEMA = 2  # bump when the cached data's shape changes
RENDERS_SCHEMA = 2  # renders.json: records by output folder, then by job


@cache
def tool_versions() -> str:
    """The versions that shape converted and rendered output."""
    names = (
        "pypandoc_binary",
        "nh3",
        "weasyprint",
        "mjml-python",
        "css-inline",
        "feedgen",
        "Jinja2",
        "Babel",
    )
    versions = []
    for name in names:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return f"publisher={__version__};schema={SCHEMA};" + ";".join(versions)


@cache
def versions_digest() -> str:
    """Library versions and publisher's own code: a change to either invalidates the cache."""
    package = Path(__file__).parent
    code = [
        p for p in package.rglob("*") if p.suffix in (".py", ".lua", ".txt", ".rng") and p.is_file()
    ]
    return digest(tool_versions(), files_digest(code, package))


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """A digest of files' names and contents (templates, images): order-independent. Those
    in `root` (the workspace) are named relative to it, so the digest moves with it."""
    parts: list[bytes | str] = []
    for path in sorted(paths):
        name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        parts += [name, path.read_bytes()]
    return digest(*parts)


@dataclass(frozen=True)
class Cache:
    folder: Path

    @classmethod
    def for_workspace(cls, root: Path) -> Cache:
        return cls(root / ".publisher" / "cache")

    # Conversions ---------------------------------------------------------------------------

    def load(self, kind: str, key: str) -> dict[str, Any] | None:
        path = self.folder / kind / key[:2] / f"{key}.json"
        try:
            loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or damaged: convert again
        return loaded

    def store(self, kind: str, key: str, value: dict[str, Any]) -> None:
        path = self.folder / kind / key[:2] / f"{key}.json"
        atomic_write(path, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    # Renders -------------------------------------------------------------------------------

    @property
    def _renders_file(self) -> Path:
        return self.folder / "renders.json"

    @property
    def _workspace(self) -> Path:
        return self.folder.parent.parent

    def _folder_name(self, out: Path) -> str:
        """How the records name `out`: relative to the workspace when it is in it, as the
        records travel with it (a workspace moved or copied still knows what its dist/
        holds, and takes away what no output makes any more); else absolute."""
        return (
            out.relative_to(self._workspace).as_posix()
            if out.is_relative_to(self._workspace)
            else str(out)
        )

    def renders(self, out: Path) -> dict[str, dict[str, Any]]:
        """The records of the jobs rendered into the output folder `out`, by job name."""
        folders = self._all_renders()
        # Records written before folders were named so are named absolute: they still count.
        records = folders.get(self._folder_name(out), folders.get(str(out), {}))
        return records if isinstance(records, dict) else {}

    def save_renders(self, out: Path, renders: dict[str, dict[str, Any]]) -> None:
        """Replace the records of `out`; other output folders' (a preview's scratch folder,
        `build -o`) are kept, so building into one never makes another look stale."""
        folders = {
            name: records
            for name, records in self._all_renders().items()
            if (self._workspace / name).is_dir() and name != str(out)
        }
        folders[self._folder_name(out)] = renders  # those of folders deleted since (scratch) go
        data = {"schema": RENDERS_SCHEMA, "folders": folders}
        atomic_write(self._renders_file, json.dumps(data, sort_keys=True, indent=1).encode("utf-8"))

    def _all_renders(self) -> dict[str, Any]:
        try:
            data = json.loads(self._renders_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("schema") != RENDERS_SCHEMA:
            return {}  # damaged, or written by an older publisher: everything renders again
        folders = data.get("folders")
        return folders if isinstance(folders, dict) else {}


Stamp = list[Any]  # [size, modification time (ns), SHA-256 of the content]


def file_stamps(paths: Iterable[Path], out: Path) -> dict[str, Stamp]:
    """Size, modification time and content digest of written outputs, to notice one changed
    or removed later. The digest is what tells a file merely given a new time (`cp -r`, a
    sync, `touch`) from one changed."""
    stamps = {}
    for path in paths:
        stat = path.stat()
        stamps[str(path.relative_to(out))] = [stat.st_size, stat.st_mtime_ns, content_digest(path)]
    return stamps


def content_digest(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def stamps_hold(stamps: dict[str, Stamp], out: Path) -> bool:
    """Whether the files are still as written. A file whose time alone differs is compared
    by content, and its stamp takes its new time when the content is the same (so the next
    build is told by stat alone again): a workspace copied with new times renders nothing."""
    for name, stamp in stamps.items():
        try:
            stat = (out / name).stat()
        except OSError:
            return False
        if stat.st_size != stamp[0]:
            return False
        if stat.st_mtime_ns == stamp[1]:
            continue
        if len(stamp) < 3 or content_digest(out / name) != stamp[2]:
            return False  # changed (or stamped before digests were kept)
        stamp[1] = stat.st_mtime_ns
    return True


def recorded_size(records: dict[str, dict[str, Any]], name: str, out: Path) -> int | None:
    """The size of the output `name` when one of a folder's job records holds it and the
    file is still as that job wrote it; None otherwise."""
    for record in records.values():
        stamp = record["files"].get(name)
        if stamp is not None and stamps_hold({name: stamp}, out):
            return int(stamp[0])
    return None


def document_record(document: Document) -> dict[str, Any]:
    record = dataclasses.asdict(document)
    record["source"] = str(document.source)
    for name in ("date", "updated"):
        day = getattr(document, name)
        record[name] = day.isoformat() if day else None
    return record


def document_from_record(record: dict[str, Any]) -> Document:
    fields = dict(record)
    fields["source"] = Path(fields["source"])
    for name in ("date", "updated"):
        fields[name] = dt.date.fromisoformat(fields[name]) if fields.get(name) else None
    for name in ("authors", "tags", "images", "attachments", "aliases", "addresses"):
        fields[name] = tuple(fields.get(name, ()))
    fields["renamed_ids"] = tuple(tuple(pair) for pair in fields.get("renamed_ids", ()))
    return Document(**fields)


@contextmanager
def captured_warnings() -> Iterator[list[str]]:
    """Warnings logged by this thread (not others reading in parallel), to keep with a
    cached conversion and say again whenever it is used."""
    with kept(logging.WARNING, this_thread_only=True) as records:
        messages: list[str] = []
        try:
            yield messages
        finally:
            messages += [record.getMessage() for record in records]
