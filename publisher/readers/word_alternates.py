"""Text Word writes twice, for newer and older Words (`mc:AlternateContent`): read once.

Word writes an emoji picked from its panel (Windows + .) or typed as ":)" as a symbol for
Word 2016 and up (`w16se:symEx`) and, as the fallback for other programs, the character
itself. pandoc reads neither (jgm/pandoc#11113): "Solidarity ✊ forever" was "Solidarity
forever". Each such pair holding text and no drawing (a text box's is `text_boxes`', a
picture's pandoc's) is replaced by its fallback, as the markup's rules say a program
that does not know the newer form reads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .word_xml import W

if TYPE_CHECKING:
    from lxml.etree import _Element

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"AlternateContent",)}
_DRAWN = (f"{{{W}}}drawing", f"{{{W}}}pict", f"{{{W}}}txbxContent", f"{{{W}}}object")


def fallbacks_read(root: _Element, kind: str) -> int:
    """Each text-only `mc:AlternateContent` of `root` (a Word file's text) replaced by its
    fallback's content; how many were."""
    replaced = 0
    for alternate in list(root.iter(f"{{{_MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{_MC}}}Fallback")
        holder = alternate.getparent()
        if fallback is None or holder is None or next(alternate.iter(*_DRAWN), None) is not None:
            continue
        at = holder.index(alternate)
        holder[at : at + 1] = list(fallback)
        replaced += 1
    return replaced
