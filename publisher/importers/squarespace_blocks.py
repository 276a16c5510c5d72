"""Squarespace's blocks as what they show. Squarespace exports its blog as a WordPress
file whose posts are its pages' blocks, drawn by scripts that a copy never runs; before
`platform_html` takes what is left of a block away as furniture (a video's wrapper is
classed "embed"), or finds nothing in it:

- a video or embed block (an empty box; what it plays only in its `data-block-json`) → a
  link to it, named by its title, its caption under it;
- an audio block (a player drawn from its `data-url` and `data-title`) → a link to the
  recording, named by its title;
- a map block (a map drawn from its `data-block-json` location) → its address, linked to
  the place on OpenStreetMap.

An image block's picture, loaded by script from its `data-src`, is one of the lazily loaded
pictures `readers.lazy_images` shows. A block with nothing to link is left to the furniture.
"""

from __future__ import annotations

import json
import math
from typing import Any

import lxml.html
from lxml import etree

from ..tree_edits import with_class
from .ghost_cards import cards_shown, file_name, paragraph_linking

_BLOCK = with_class("{}-block")


def squarespace_blocks_as_content(root: lxml.html.HtmlElement) -> None:
    """Each video, embed, audio and map block in `root` replaced by what it shows."""
    blocks = (("video", _played), ("embed", _played), ("audio", _recording), ("map", _place))
    cards_shown(root, _BLOCK, blocks)


def _played(block: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    found = _block_json(block)
    address = str(found.get("url") or "")
    if not address.startswith(("http://", "https://")):
        return None
    caption = " ".join(block.xpath("string(.//*[contains(@class, '-caption')])").split())
    described = found.get("description")
    markup = described.get("html") if isinstance(described, dict) else None
    if not caption and isinstance(markup, str) and markup.strip():
        caption = lxml.html.fragment_fromstring(markup, create_parent="div").text_content()
        caption = " ".join(caption.split())
    title = _text(found.get("title"))
    paragraph = paragraph_linking(address, title or caption or address)
    if title and caption:  # the writer's words of it, under the link
        etree.SubElement(paragraph, "br").tail = caption
    return [paragraph]


def _recording(block: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    player = next(iter(block.xpath(".//*[@data-url]")), None)
    address = str(player.get("data-url", "")).strip() if player is not None else ""
    if player is None or not address.startswith(("http://", "https://")):
        return None
    title = _text(player.get("data-title"))
    return [paragraph_linking(address, title or file_name(address))]


def _place(block: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    location = _block_json(block).get("location")
    if not isinstance(location, dict):
        return None
    lines = ("addressTitle", "addressLine1", "addressLine2", "addressCountry")
    address = ", ".join(words for key in lines if (words := _text(location.get(key))))
    try:
        lat = float(str(location.get("markerLat", location.get("mapLat"))))
        lon = float(str(location.get("markerLng", location.get("mapLng"))))
    except ValueError:
        lat = lon = math.nan
    if not (abs(lat) <= 90 and abs(lon) <= 180):  # none, or nowhere on Earth
        return [_paragraph(address)] if address else None
    at = f"{lat:.5f}/{lon:.5f}"
    href = f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=17/{at}"
    return [paragraph_linking(href, address or f"{lat:.5f}, {lon:.5f}")]


def _block_json(block: lxml.html.HtmlElement) -> dict[str, Any]:
    """The JSON a block keeps what it shows in ({} for none, or for one not an object)."""
    try:
        found = json.loads(block.get("data-block-json") or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _text(value: object) -> str:
    """A text of the block's JSON, single-spaced; "" for none, or for what is no text."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _paragraph(words: str) -> lxml.html.HtmlElement:
    paragraph = lxml.html.Element("p")
    paragraph.text = words
    return paragraph
