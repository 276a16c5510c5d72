"""Saving a manifest from the composer: never over a change made on disk since the page
loaded it, never a file `build` would refuse, never half a file.

The page remembers the digest of the bytes it was given; a save whose digest no longer
matches the file is a Conflict, offered to the editor for reload. The text about to be
written is loaded by the manifest loader `build` uses, and its Markdown documents' front
matter read by the build's rules, so the composer cannot write an issue the build refuses;
then it is written atomically.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from pathlib import Path

from ...config import load_config
from ...errors import Problem, PublisherError
from ...manifest import load_manifest, manifest_paths
from ...manifest_yaml import IssueEdit, edited
from ...output import atomic_write
from ...pool import DocumentPool
from ...readers.markdown import front_matter_fields
from ...sourcefile import parse_file

NEW = "new"  # the digest a page gives for a manifest that did not exist when it loaded
_SAVING = threading.Lock()  # one save at a time: check, then write


class Conflict(Exception):
    """The file changed on disk since the page loaded it."""


class Leaving:
    """The ends of the saves pages send as they go (reloaded, closed, a link followed), by
    the name each page gave its save. The reload's request can reach the server before
    that save does: answered at once, it showed the text from before the save, and the
    next change made there was refused as a conflict. The reloaded page waits instead."""

    KEPT = 64  # ends never asked for (the page went elsewhere) are forgotten past these

    def __init__(self) -> None:
        self._ended = threading.Condition()
        self._errors: dict[str, list[str]] = {}

    def ended(self, name: str, errors: list[str]) -> None:
        """Record that the save `name` was written (no errors) or refused."""
        with self._ended:
            self._errors[name] = errors
            while len(self._errors) > self.KEPT:
                del self._errors[next(iter(self._errors))]
            self._ended.notify_all()

    def wait(self, name: str, seconds: float = 5.0) -> list[str]:
        """Why the save `name` was refused, once it ended; [] when it was written."""
        with self._ended:
            if not self._ended.wait_for(lambda: name in self._errors, seconds):
                return [
                    "what was typed just before the page was left did not reach publisher"
                    " serve: it may be missing here"
                ]
            return self._errors.pop(name)


def digest_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return NEW


def save(workspace: Path, path: Path, edit: IssueEdit, expected: str) -> str:
    """Write `edit` into the manifest at `path`; return the new digest."""
    with _SAVING:
        if digest_of(path) != expected:
            raise Conflict(path)
        # bytes decoded, not read_text: the file's own line breaks, which `edited` keeps
        old = path.read_bytes().decode("utf-8") if expected != NEW else None
        text = edited(old, edit)
        validate(workspace, path, text)
        data = text.encode("utf-8")
        atomic_write(path, data)
        return hashlib.sha256(data).hexdigest()


def validate(workspace: Path, path: Path, text: str) -> None:
    """Raise the build's own errors for `text` as the manifest at `path`."""
    config = load_config(workspace)
    pool = DocumentPool.scan(config.documents_dir, config.language)
    with tempfile.TemporaryDirectory(prefix="publisher-compose-") as folder:
        copy = Path(folder) / path.name
        copy.write_text(text, encoding="utf-8")
        try:
            manifest = load_manifest(copy, pool, workspace)
        except PublisherError as exc:
            for problem in exc.problems:
                problem.file = path if problem.file == copy else problem.file
            raise PublisherError(*exc.problems) from None
    # The build reads each document's front matter: one it refuses stops the issue's build.
    unread = [
        problem.named_from(workspace)
        for document in manifest.documents
        for problem in front_matter_fields(config.documents_dir / document, config.language)[1]
    ]
    if unread:
        raise PublisherError(*unread)
    for other in manifest_paths(config.issues_dir):
        if other.name == path.name:
            continue
        try:
            number = parse_file(other).data.get("number")
        except PublisherError:
            continue  # the build names that file's own problems
        if number == manifest.number:  # said as the page's Number field
            raise PublisherError(Problem(f"Number {number} is taken: issues/{other.name} has it"))
