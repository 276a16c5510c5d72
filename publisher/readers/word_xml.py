"""A Word file's text (word/document.xml) as the passes that put it right read it
(`hidden_text`, `page_breaks`, `text_boxes`, `word_numbers`, `word_placeholders`): its
elements are in one namespace, and a property Word switches on or off (`<w:vanish/>`,
`<w:pageBreakBefore/>`) is on unless its value says off."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OFF = ("0", "false", "off")  # ST_OnOff's values for off


def switched_on(switch: _Element) -> bool:
    """Whether `switch`, a property Word turns on or off, is on: present without a value,
    or with one that is not off (`w:val="0"` shows hidden text again)."""
    return switch.get(f"{{{W}}}val", "1").lower() not in _OFF
