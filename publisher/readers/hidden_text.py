"""Text a Word file hides (Font > Hidden) is left out, as Word leaves it out of what it
prints: pandoc published it. Writers keep notes to themselves that way ("check the
figure with Ana"), and templates their instructions.

A run is hidden by `<w:vanish/>` in its own properties (not `w:val="0"`, which shows it
again); a paragraph left without words is one pandoc leaves out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"w:vanish",)}
_SHOWN = ("0", "false", "off")


def hidden_runs_removed(root: _Element, kind: str) -> int:
    """Take the hidden runs out of `root`, a Word file's text; how many there were."""
    if kind != "docx":
        return 0
    removed = 0
    for vanish in list(root.iter(f"{{{_W}}}vanish")):
        properties = vanish.getparent()
        run = properties.getparent() if properties is not None else None
        if properties is None or properties.tag != f"{{{_W}}}rPr" or run is None:
            continue
        if run.tag != f"{{{_W}}}r" or vanish.get(f"{{{_W}}}val", "1").lower() in _SHOWN:
            continue  # a paragraph mark's properties, or a run shown again
        paragraph = run.getparent()
        if paragraph is None:
            continue
        paragraph.remove(run)
        removed += 1
    return removed
