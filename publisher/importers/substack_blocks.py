"""Substack's blocks whose words are only in their data-attrs, the JSON its script draws
them from: an export of the post (or its feed) holds an empty element, or a frame, where
they stood, and `platform_html` found nothing in it, or only an address.

- a mention of a person inside a sentence (`span.mention-wrap`) → their name, linked to
  their profile: "Thanks to  for the figures." had lost who was thanked;
- a Datawrapper chart (`div.datawrapper-wrap`) → a link to the chart named by its title,
  its description under it: it was a link saying the chart's address;
- a LaTeX block (`div.latex-rendered`) → the formula as written, in a paragraph of its
  own: nothing was left of it;
- a code embed (`div.code-embed`, an interactive widget) → a link to it named by its
  caption: it was a link saying its address.
"""

from __future__ import annotations

import json
from typing import Any

import lxml.html
from lxml import etree

from ..tree_edits import with_class
from .ghost_cards import cards_shown, paragraph_linking

# A chart's title when its maker gave it none
_UNTITLED = frozenset({"", "created with datawrapper"})


def substack_blocks_as_content(root: lxml.html.HtmlElement) -> None:
    """Each mention, chart, formula and code embed in `root` replaced by what it shows."""
    blocks = (
        ("mention-wrap", _mention),
        ("datawrapper-wrap", _chart),
        ("latex-rendered", _formula),
        ("code-embed", _code_embed),
    )
    cards_shown(root, with_class("{}"), blocks)


def data_attrs(value: str) -> dict[str, Any]:
    """Substack's data-attrs' JSON (the attribute's value, its references read); {} for
    none, or for one that is no object."""
    try:
        found = json.loads(value or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def element_attrs(element: lxml.html.HtmlElement) -> dict[str, Any]:
    """The JSON in `element`'s data-attrs, where Substack's blocks keep what they show."""
    return data_attrs(element.get("data-attrs") or "")


def _words(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _web(value: object) -> str:
    address = value.strip() if isinstance(value, str) else ""
    return address if address.startswith(("http://", "https://")) else ""


def _mention(block: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    found = element_attrs(block)
    name = _words(found.get("name"))
    if not name:
        return None
    if address := _web(found.get("url")):
        shown = lxml.html.Element("a", href=address)
    else:
        shown = lxml.html.Element("span")
    shown.text = name
    return [shown]


def _chart(block: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    found = element_attrs(block)
    address = _web(found.get("url"))
    if not address:
        return None
    title = _words(found.get("title"))
    title = "" if title.casefold() in _UNTITLED else title
    paragraph = paragraph_linking(address, title or address)
    if description := _words(found.get("description")):
        etree.SubElement(paragraph, "br").tail = description
    return [paragraph]


def _formula(block: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    formula = str(element_attrs(block).get("persistentExpression") or "").strip()
    if not formula:
        return None
    paragraph = lxml.html.Element("p")
    etree.SubElement(paragraph, "code").text = formula
    return [paragraph]


def _code_embed(block: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    frame = next(block.iter("iframe"), None)
    address = _web(frame.get("src") if frame is not None else "")
    if not address:
        return None
    found = element_attrs(block)
    return [paragraph_linking(address, _words(found.get("caption")) or address)]
