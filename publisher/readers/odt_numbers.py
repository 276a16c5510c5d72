"""The numbers LibreOffice shows before a file's headings (Tools > Heading Numbering: "1.
Our demands", "1.1 Pay") are kept as the headings' first words: LibreOffice writes each
heading's number as shown in a `<text:number>` of its own, for programs that cannot
count, and pandoc reads past it, so a report's sections lost the numbers its text
refers to, as a Word file's did (`word_numbers`). A numbered list's items are left to
pandoc, which makes them an ordered list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tree_edits import drop_keeping_tail
from .odt_styles import TEXT

if TYPE_CHECKING:
    from lxml.etree import _Element

MARKS: dict[str, tuple[bytes, ...]] = {"odt": (b"<text:number>",)}


def heading_numbers_shown(root: _Element, kind: str) -> int:
    """Make the number of each numbered heading of `root` (content.xml) its first words;
    how many there were."""
    shown = 0
    for number in list(root.iter(f"{{{TEXT}}}number")):
        heading, label = number.getparent(), (number.text or "").strip()
        if heading is None or heading.tag != f"{{{TEXT}}}h" or not label:
            continue
        number.tail = f"{label} {number.tail or ''}"  # the words it stood before
        drop_keeping_tail(number)
        shown += 1
    return shown
