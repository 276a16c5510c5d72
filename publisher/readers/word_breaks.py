"""A line break or a tab Word keeps as an element pandoc does not read: read as what it is.

A carriage return inside a run (`w:cr`, as converters and older programs write a line
break) and a tab set against the margin (`w:ptab`, a signature's name and date on one
line) were read as nothing: "Line one" and "Line two" ran together as "Line oneLine
two". Each is written as Word's own line break (`w:br`) or tab (`w:tab`), which pandoc
reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .word_xml import W

if TYPE_CHECKING:
    from lxml.etree import _Element

MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"<w:cr", b"<w:ptab")}
_AS = {f"{{{W}}}cr": f"{{{W}}}br", f"{{{W}}}ptab": f"{{{W}}}tab"}


def breaks_written(root: _Element, kind: str) -> int:
    """Each `w:cr` and `w:ptab` of `root` (a Word file's text) made a `w:br` or a `w:tab`;
    how many were."""
    found = list(root.iter(*_AS))
    for mark in found:
        mark.tag = _AS[str(mark.tag)]
        mark.attrib.clear()  # (a positional tab's alignment and leader: no `w:tab`'s)
    return len(found)
