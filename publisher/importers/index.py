"""Which documents of the pool an import wrote, by the hash it recorded in their front
matter (`imported:`): importing the same thing again is recognised and writes nothing."""

from __future__ import annotations

from pathlib import Path

from ..errors import PublisherError
from ..sourcefile import parse_yaml


def _own_front_matter(text: str) -> str:
    """The YAML between the '---' fences `front_matter` writes ('' without them): only the
    files import wrote matter here, so the readers' general front matter parsing is not
    needed."""
    if not text.startswith("---\n"):
        return ""
    yaml_text, fence, _ = text[4:].partition("\n---\n")
    return yaml_text if fence else ""


def imported_index(into: Path) -> dict[tuple[str, int], Path]:
    """(sha256, part) → file, for every document in the pool that `import` wrote."""
    index: dict[tuple[str, int], Path] = {}
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
            index[str(imported["sha256"]), part] = path
    return index
