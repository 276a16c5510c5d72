"""Which documents of the pool an import wrote, by the hash it recorded in their front
matter (`imported:`): importing the same thing again is recognised and writes nothing.

An import also records the hash of the document as it wrote it (`written`): a
later import of the same post that brings more (the pictures a first import could not
have) updates the document only while that hash holds, so an editor's edits are never
written over."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import PublisherError
from ..sourcefile import parse_yaml

# The line `stamped` adds, last in the front matter's `imported:` mapping
_WRITTEN = re.compile(r"^  written: (\S+)\n", re.MULTILINE)
# Why a document an import wrote is not written again with what a later import brings
EDITED = "edited since its import (or imported by an older publisher)"


@dataclass(frozen=True)
class ImportedDocument:
    """A document an import wrote, as its front matter says."""

    path: Path
    sha256: str  # of what it was made from
    part: int
    origin: str  # `from`: the source's name, and from an export "#" and the post's key
    title: str


def _own_front_matter(text: str) -> str:
    """The YAML between the '---' fences `front_matter` writes ('' without them): only the
    files import wrote matter here, so the readers' general front matter parsing is not
    needed."""
    if not text.startswith("---\n"):
        return ""
    yaml_text, fence, _ = text[4:].partition("\n---\n")
    return yaml_text if fence else ""


def imported_documents(into: Path) -> list[ImportedDocument]:
    """Every document in the pool that `import` wrote."""
    found: list[ImportedDocument] = []
    for path in sorted(into.rglob("*.md")) if into.is_dir() else []:
        try:  # with the limits every YAML gets: a bomb in the pool must not hang import
            meta = parse_yaml(_own_front_matter(path.read_text(encoding="utf-8")), path).data
        except (UnicodeDecodeError, OSError, PublisherError):
            continue  # not ours to judge here; `publisher build` reports broken files
        imported = meta.get("imported")
        if not isinstance(imported, dict):
            continue
        part = imported.get("part", 1)
        if isinstance(part, int) and "sha256" in imported:
            origin, title = str(imported.get("from", "")), str(meta.get("title", ""))
            found.append(ImportedDocument(path, str(imported["sha256"]), part, origin, title))
    return found


def imported_index(into: Path) -> dict[tuple[str, int], Path]:
    """(sha256, part) → file, for every document in the pool that `import` wrote."""
    return {(doc.sha256, doc.part): doc.path for doc in imported_documents(into)}


def stamped(text: str) -> str:
    """A document's `text`, whose front matter ends with its `imported:` mapping, with the
    hash of that text recorded there as `written`."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    head, fence, body = text[4:].partition("\n---\n")
    return f"---\n{head}\n  written: {digest}{fence}{body}"


def unedited(path: Path) -> bool:
    """Whether the document is still as the import wrote it: False once edited, and for
    one written before imports recorded its hash (whether edited cannot be told)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    written = list(_WRITTEN.finditer(_own_front_matter(text) + "\n"))
    if not written:
        return False
    start, end = written[-1].start() + 4, written[-1].end() + 4  # after the opening '---\n'
    original = text[:start] + text[end:]
    return hashlib.sha256(original.encode("utf-8")).hexdigest() == written[-1].group(1)
