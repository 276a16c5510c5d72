"""The document pool: an index of documents/ by slug and path, built without converting anything.

Manifests are checked against this index before any pandoc call, so a typo fails at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from .errors import near_misses
from .readers import EXTENSIONS


class UnresolvedReference(Exception):
    """A manifest names a document that cannot be used; `hint` says what to do instead."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class DocumentPool:
    root: Path
    files: tuple[Path, ...]  # relative to root, sorted
    # every name a manifest may use for a file (slug, stem, path without suffix) → files
    names: dict[str, tuple[Path, ...]] = field(default_factory=dict)

    @classmethod
    def scan(cls, root: Path) -> DocumentPool:
        if not root.is_dir():
            return cls(root, ())
        files = sorted(
            path.relative_to(root)
            for path in root.rglob("*")
            if path.suffix.lower() in EXTENSIONS
            and not any(part.startswith(".") for part in path.relative_to(root).parts)
        )
        names: dict[str, list[Path]] = {}
        for file in files:
            for name in {file.stem, slug_for(file), file.with_suffix("").as_posix()}:
                names.setdefault(name, []).append(file)
        return cls(root, tuple(files), {name: tuple(paths) for name, paths in names.items()})

    def resolve(self, ref: str) -> Path:
        """Find the document a manifest means by `ref` (a slug, a stem or a path)."""
        ref = ref.strip()
        if not ref:
            raise UnresolvedReference("empty document reference")
        candidate = Path(ref)
        if candidate.is_absolute() or ".." in candidate.parts:
            raise UnresolvedReference(
                f"{ref!r} points outside documents/",
                "name documents by slug or by a path inside documents/, without '..'",
            )
        if candidate.suffix.lower() in EXTENSIONS:
            same_name = self.names.get(candidate.with_suffix("").as_posix(), ())
            matches = [candidate] if candidate in same_name else []
        else:
            matches = list(self.names.get(ref, ()))
        if not matches:
            names = {slug_for(f) for f in self.files} | {f.as_posix() for f in self.files}
            raise UnresolvedReference(
                f"no document {ref!r} in documents/",
                near_misses(ref, names) or "'publisher list' shows the documents there are",
            )
        if len(matches) > 1:
            raise UnresolvedReference(
                f"{ref!r} matches several documents: {', '.join(m.as_posix() for m in matches)}",
                "name it by path, e.g. " + matches[0].as_posix(),
            )
        path = self.root / matches[0]
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise UnresolvedReference(
                f"{ref!r} is a link to a file outside documents/",
                "copy the file into documents/ instead of linking to it",
            )
        return matches[0]


def slug_for(relative: Path) -> str:
    """Slug of a document: its file stem, made URL-safe (subfolders do not take part),
    except in a page bundle (Hugo's `my-post/index.md`, `my-post/index.es.md`), where
    the folder names the document."""
    stem = relative.stem
    base, dot, language = stem.partition(".")
    if base in _BUNDLE_PAGES and len(relative.parts) > 1:
        stem = relative.parent.name + (f".{language}" if dot else "")
    return slugify(stem) or stem


_BUNDLE_PAGES = {"index", "_index"}
