"""Text a Word or LibreOffice file hides is left out, as they leave it out of what they
print: pandoc published it. Writers keep notes to themselves that way ("check the figure
with Ana"), and templates their instructions.

- Word: a run is hidden by `<w:vanish/>` in its own properties (not `w:val="0"`, which
  shows it again); a paragraph left without words is one pandoc leaves out.
- LibreOffice: text formatted hidden (Format > Character > Hidden) gets an automatic style
  whose text properties say `text:display="none"`; a span or a whole paragraph in it goes.
- A web page (or an email saved as one): an element a browser never shows (`hidden`, a
  `<template>`, a style of `display: none` or `visibility: hidden`, or none of its height
  shown: an email's preview text, "Read this in your browser" lines, a draft kept in the
  page). A fold or a tab a button opens (named by its `aria-controls`) is the reader's to
  open, and stays.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..tree_edits import drop_keeping_tail
from .odt_styles import STYLED, TEXT, style_of, style_properties
from .word_xml import W, switched_on

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"w:vanish",), "odt": (b'text:display="none"',)}


def hidden_runs_removed(root: _Element, kind: str) -> int:
    """Take the hidden runs out of `root`, a Word or OpenDocument file's text; how many
    there were."""
    if kind == "odt":
        return _hidden_odt_text_removed(root)
    removed = 0
    for vanish in list(root.iter(f"{{{W}}}vanish")):
        properties = vanish.getparent()
        run = properties.getparent() if properties is not None else None
        if properties is None or properties.tag != f"{{{W}}}rPr" or run is None:
            continue
        if run.tag != f"{{{W}}}r" or not switched_on(vanish):
            continue  # a paragraph mark's properties, or a run shown again
        paragraph = run.getparent()
        if paragraph is None:
            continue
        paragraph.remove(run)
        removed += 1
    return removed


def _hidden_odt_text_removed(root: _Element) -> int:
    hidden = {
        key
        for key, properties in style_properties(root, "text").items()
        if properties.get(f"{{{TEXT}}}display") == "none"
    }
    removed = 0
    for element in list(root.iter(*STYLED)):
        if style_of(element) not in hidden or element.getparent() is None:
            continue
        drop_keeping_tail(element)  # the words after a hidden span are not hidden
        removed += 1
    return removed


# What may hide an element of a page, looked for before the page is parsed
PAGE_MARKS = ("hidden", "display", "<template", "max-height")
_NEVER_SHOWN = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_NO_HEIGHT = re.compile(r"(?:^|;)\s*max-height\s*:\s*0(?:px)?\s*(?:!important)?\s*(?:;|$)", re.I)
_CUT = re.compile(r"(?:^|;)\s*overflow\s*:\s*hidden\b", re.I)


def hidden_page_parts_removed(tree: HtmlElement) -> int:
    """Take the elements of `tree` (a page) a browser never shows out of it; how many. A
    page that hides most of its words is shown by a script (behind a theme's loading
    screen, saved before it ran): nothing is taken out of it."""
    opened = {
        name for names in tree.xpath("//@aria-controls") for name in str(names).split()
    }  # a fold's or a tab's: the reader opens it
    hidden: list[HtmlElement] = []
    inside: set[HtmlElement] = set()  # the hidden, and all they hold: looked at no further
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if element.getparent() in inside:
            inside.add(element)
            continue
        style = element.get("style", "")
        if (
            (
                element.tag == "template"
                or element.get("hidden") is not None
                or _NEVER_SHOWN.search(style) is not None
                or (_NO_HEIGHT.search(style) is not None and _CUT.search(style) is not None)
            )
            and element.get("id") not in opened
            and element.get("role") != "tabpanel"
        ):
            hidden.append(element)
            inside.add(element)
    body = tree.find("body")
    if hidden and body is not None and sum(map(_words, hidden)) * 2 > _words(body):
        return 0  # most of its words: a page a script shows
    for element in hidden:
        drop_keeping_tail(element)
    return len(hidden)


def _words(element: HtmlElement) -> int:
    return len(" ".join(element.itertext()).split())
