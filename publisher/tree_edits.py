"""Taking an element out of an lxml tree, HTML or XML, without the words after it: lxml
keeps them as the element's `tail`, and `remove` takes them along (a frame in the middle of
an ODT paragraph, a hidden span, a share button in a post's sentence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element


def drop_keeping_tail(element: _Element) -> None:
    """Remove `element` and what it holds from its parent (nothing when it has none), the
    text that follows it kept where it was."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
