"""The prompts of a Word or LibreOffice template's fields left empty ("Click or tap here to
enter text.", "Enter the date of the meeting", "<Name>") are left out, and counted: pandoc
published Word's as text, and left LibreOffice's out without a word.

A template's content control shows its prompt until someone types in it; Word marks it so
(`w:showingPlcHdr` in the control's properties) and prints the prompt greyed out. An
editor who filled in the statement but not the contact line sent a document whose prompt
would be printed in the leaflet. What the editor did type is kept. LibreOffice keeps a
placeholder (Insert > Field > More Fields > Functions > Placeholder) as an element of its
own until it is typed over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tree_edits import drop_keeping_tail
from .odt_styles import TEXT
from .word_xml import W, switched_on

if TYPE_CHECKING:
    from lxml.etree import _Element

MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"showingPlcHdr",), "odt": (b"text:placeholder",)}
_ODT_PLACEHOLDER = f"{{{TEXT}}}placeholder"


def prompts_removed(root: _Element, kind: str) -> int:
    """Empty the fields of `root`, a Word or an OpenDocument file's text, that still show
    their prompt; how many there were."""
    if kind == "odt":
        placeholders = list(root.iter(_ODT_PLACEHOLDER))
        for placeholder in placeholders:
            drop_keeping_tail(placeholder)
        return len(placeholders)
    emptied = 0
    for marker in list(root.iter(f"{{{W}}}showingPlcHdr")):
        if not switched_on(marker):
            continue
        properties = marker.getparent()
        control = properties.getparent() if properties is not None else None
        content = control.find(f"{{{W}}}sdtContent") if control is not None else None
        if content is None:
            continue
        for child in list(content):
            content.remove(child)
        emptied += 1
    return emptied
