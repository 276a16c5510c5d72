"""Text Word keeps inside a mark pandoc does not read through: unwrapped, so it is read.

Word writes the direction marks of text pasted with them (U+202B…U+202C around Arabic or
Farsi copied from a web page or a post: `w:dir`, and `w:bdo` for an override) as an
element around its runs, and a template's custom XML (`w:customXml`, a SharePoint or
records system's) around runs or paragraphs. pandoc leaves what is inside out, without a
word: a Farsi sentence between two English ones was lost. Its letters keep their own
direction, as Unicode gives it; the element around them goes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tree_edits import unwrapped
from .word_xml import W

if TYPE_CHECKING:
    from lxml.etree import _Element

MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"<w:dir", b"<w:bdo", b"customXml")}
_WRAPPERS = (f"{{{W}}}dir", f"{{{W}}}bdo", f"{{{W}}}customXml")


def wrappers_unwrapped(root: _Element, kind: str) -> int:
    """Each `w:dir`, `w:bdo` and `w:customXml` of `root` (a Word file's text) replaced by
    what it holds, inner ones too; how many were."""
    wrappers = list(root.iter(*_WRAPPERS))
    for wrapper in wrappers:
        unwrapped(wrapper)
    return len(wrappers)
