"""Markdown with its pictures inside the text (`data:` addresses, as Google Docs'
"Download → Markdown" writes every one) → one draft, the pictures saved as files of the
pool's media folder and linked by name, as the build needs them.

Markdown with no such picture needs no import: copied into documents/ it is read as it is.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path

from ..errors import PublisherError
from ..readers.markdown import MarkdownReader
from .draft import Draft
from .office import draft_in_scratch

# A picture kept in the text: in an inline image, or in a reference's definition
# ("[image1]: <data:image/png;base64,…>"), as Google Docs writes them.
_PICTURE = re.compile(r"data:image/(png|jpeg|jpg|gif|webp);base64,([A-Za-z0-9+/=]+)(?=[)>\"'\s])")
_SUFFIX = {"jpeg": "jpg"}


def _copy_hint(path: Path) -> str:
    """Where a Markdown file goes: a Hugo bundle's index.md with its folder, which names
    the document and holds its pictures."""
    if path.stem.split(".")[0] in ("index", "_index") and path.parent.name:
        folder = path.parent.name
        return f"copy its folder {folder}/ into documents/ as it is, its pictures with it"
    return "copy it into documents/ as it is"


def recover_markdown(path: Path, data: bytes) -> tuple[list[Draft], dict[str, bytes]]:
    """The draft, and its pictures keyed by the path its body uses for them ('media/…')."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""  # the reader names the line a copy as it is could not be read at
    if not _PICTURE.search(text):
        raise PublisherError.at("a Markdown file: it needs no import", path, hint=_copy_hint(path))
    pictures: dict[str, bytes | Path] = {}

    def saved(found: re.Match[str]) -> str:
        try:
            picture = base64.b64decode(found[2], validate=True)
        except (binascii.Error, ValueError):
            return found[0]  # left for the reader, which names it and leaves it out
        name = f"media/picture-{len(pictures) + 1}.{_SUFFIX.get(found[1], found[1])}"
        pictures[name] = picture
        return name

    copy = _PICTURE.sub(saved, text).encode("utf-8")
    return draft_in_scratch(path, {path.name: copy, **pictures}, lambda pool: MarkdownReader())
