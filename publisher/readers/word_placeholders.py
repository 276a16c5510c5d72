"""The prompts of a Word template's fields left empty ("Click or tap here to enter text.",
"Enter the date of the meeting") are left out: pandoc published them as text.

A template's content control shows its prompt until someone types in it; Word marks it so
(`w:showingPlcHdr` in the control's properties) and prints the prompt greyed out. An
editor who filled in the statement but not the contact line sent a document whose prompt
would be printed in the leaflet. What the editor did type is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .word_xml import W, switched_on

if TYPE_CHECKING:
    from lxml.etree import _Element

MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"showingPlcHdr",)}


def prompts_removed(root: _Element, kind: str) -> int:
    """Empty the fields of `root`, a Word file's text, that still show their prompt; how
    many there were."""
    if kind != "docx":
        return 0
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
