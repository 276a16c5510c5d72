"""Text boxes in Word and OpenDocument files → paragraphs where they are anchored.

A leaflet made in Word or LibreOffice puts its call to action ("March at noon from the
Memorial"), its contact details or a quotation in a text box, a frame or a shape with
text. pandoc leaves all of it out, silently (jgm/pandoc#3086): the box's paragraphs sit in
a drawing (Word's DrawingML `wps:txbx`, or VML's `v:textbox` in older files and in the
fallback Word writes beside the DrawingML; OpenDocument's `draw:text-box` in a
`draw:frame`, or a `draw:custom-shape`'s own paragraphs), not in the text. Here each box's
paragraphs, lists and tables are moved out, after the paragraph the box is anchored to,
in the copy of the file `office_copy` makes for pandoc, as is the content control
(`w:sdt`) holding the text of Word's ready-made boxes (a quote, a sidebar). Where Word
wrote a box twice (`mc:AlternateContent`: its DrawingML choice and VML fallback), it is
taken once. The box's place on the page is not kept: the editor is told to check it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tree_edits import drop_keeping_tail
from .odt_styles import TEXT
from .word_xml import W

if TYPE_CHECKING:
    from lxml.etree import _Element

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_BOX = f"{{{W}}}txbxContent"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
MARKS: dict[str, tuple[bytes, ...]] = {
    "docx": (b"txbxContent",),
    "odt": (b"draw:text-box", b"draw:custom-shape"),
}


def boxes_moved(root: _Element, kind: str) -> int:
    """Move the boxes of `root`, the text of a "docx" or an "odt" (see the module's
    docstring), outer ones first (a box may hold a box); how many were."""
    anchored_boxes = _word_boxes if kind == "docx" else _odt_boxes
    boxes = 0
    while anchored := anchored_boxes(root):
        for paragraph, holders in anchored:
            after = paragraph
            for holder in holders:
                for block in _blocks_of(holder):
                    after.addnext(block)
                    after = block
                boxes += 1
                drop_keeping_tail(holder)
    return boxes


def _word_boxes(root: _Element) -> list[tuple[_Element, list[_Element]]]:
    """Each paragraph holding a box in no other box, with the drawings holding them (a
    box Word wrote twice, the alternate content holding both copies, once)."""
    found: dict[_Element, list[_Element]] = {}
    for box in root.iter(_BOX):
        ancestors = list(box.iterancestors())
        if any(a.tag == _BOX for a in ancestors):
            continue  # moved with its outer box, then out of it
        holder = next(
            (a for a in ancestors if a.tag == f"{{{_MC}}}AlternateContent"),
            next(a for a in ancestors if a.tag in (f"{{{W}}}drawing", f"{{{W}}}pict")),
        )
        paragraph = next((a for a in ancestors if a.tag == f"{{{W}}}p"), None)
        if paragraph is not None and holder not in found.get(paragraph, []):
            found.setdefault(paragraph, []).append(holder)
    return list(found.items())


_ODT_BOX = (f"{{{_DRAW}}}text-box", f"{{{_DRAW}}}custom-shape")
_ODT_BLOCKS = (f"{{{TEXT}}}p", f"{{{TEXT}}}h", f"{{{TEXT}}}list", f"{{{_TABLE}}}table")


def _odt_boxes(root: _Element) -> list[tuple[_Element, list[_Element]]]:
    """Each paragraph or heading holding a frame's text box, or a shape with text, in no
    other box; with the frames (or shapes) holding them. A box holding a picture is
    LibreOffice's captioned picture, which pandoc reads as a figure, its caption the
    picture's alt text: it stays."""
    found: dict[_Element, list[_Element]] = {}
    for box in root.iter(*_ODT_BOX):
        ancestors = list(box.iterancestors())
        if any(a.tag in _ODT_BOX for a in ancestors) or not _blocks_of(box):
            continue
        if box.find(f".//{{{_DRAW}}}image") is not None:
            continue
        holder = box.getparent() if box.tag == _ODT_BOX[0] else box  # the draw:frame
        paragraph = next((a for a in ancestors if a.tag in _ODT_BLOCKS[:2]), None)
        if holder is not None and paragraph is not None:
            found.setdefault(paragraph, []).append(holder)
    return list(found.items())


def _blocks_of(holder: _Element) -> list[_Element]:
    """The paragraphs, lists and tables of the box a drawing, frame or shape holds (of
    Word's two copies, the DrawingML one)."""
    if holder.tag.startswith((f"{{{W}}}", f"{{{_MC}}}")):
        box = holder.find(f".//{_BOX}")
        # (a content control, `w:sdt`, holds the text of Word's ready-made boxes)
        blocks: tuple[str, ...] = (f"{{{W}}}p", f"{{{W}}}tbl", f"{{{W}}}sdt")
    else:
        frame = holder.tag == f"{{{_DRAW}}}frame"
        box = holder.find(f"{{{_DRAW}}}text-box") if frame else holder
        blocks = _ODT_BLOCKS
    return [] if box is None else [child for child in box if child.tag in blocks]
