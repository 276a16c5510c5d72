"""Ghost's audio, video, product and callout cards as what they show, before
`platform_html` takes the rest of a card's player (its buttons, its "0:00", its "1×") away
as furniture, or makes its parts lines of their own:

- a callout card → a quote, its emoji opening its words (as admonitions are drawn);
- an audio card → a link to its recording, named by the card's title;
- a video card → a link to its video, named by its caption or its file's name (one the
  Ghost site hosted leads to its copy when the export brought it; otherwise its words
  stay alone, and it is listed, as a file card's file is);
- a product card → its title, picture, description and button, as a paragraph each;
- a call-to-action card → its sponsor's label, picture, words and button, as a paragraph
  each (its class says "cta", which the furniture's words hold: it went whole, button and
  all).

A card with nothing to link or show (no recording, no title) is left to the furniture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from urllib.parse import unquote

import lxml.html
from lxml import etree

from ..tree_edits import with_class
from ..urls import split_url
from .exports import GHOST_SITE

_CARD = with_class("kg-{}-card")


def ghost_cards_as_content(root: lxml.html.HtmlElement) -> None:
    """Each audio, video and product card in `root` replaced by what it shows."""
    cards = (
        ("callout", _callout),
        ("audio", _recording),
        ("video", _video),
        ("product", _product),
        ("cta", _call_to_action),
    )
    cards_shown(root, _CARD, cards)


Shown = Callable[[lxml.html.HtmlElement], list[lxml.html.HtmlElement] | None]


def cards_shown(
    root: lxml.html.HtmlElement, pattern: str, kinds: Iterable[tuple[str, Shown]]
) -> None:
    """Each card under `root` of each kind (found by `pattern`, an XPath the kind's name is
    put in) replaced by what its function makes of it; one it makes nothing of is left."""
    for kind, shown in kinds:
        for card in root.xpath(pattern.format(kind)):
            if card.getparent() is None or (content := shown(card)) is None:
                continue
            content[-1].tail = card.tail
            for element in content:
                card.addprevious(element)
            card.getparent().remove(card)


def _callout(card: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    words = card.xpath(".//*[contains(@class, 'kg-callout-text')]")
    if not words:
        return None
    quote = lxml.html.Element("blockquote")
    paragraph = etree.SubElement(quote, "p")
    emoji = _words(card, "kg-callout-emoji")
    paragraph.text = (f"{emoji} " if emoji else "") + (words[0].text or "")
    paragraph.extend(list(words[0]))  # its bold, its links
    return [quote]


def _recording(card: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    address = _source(card, "audio")
    if not address:
        return None
    title = _words(card, "kg-audio-title") or file_name(address)
    return [paragraph_linking(address, title)]


def _video(card: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    address = _source(card, "video")
    if not address:
        return None
    caption = " ".join(card.xpath("string(.//figcaption)").split())
    return [paragraph_linking(address, caption or file_name(address))]


def _product(card: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    title = _words(card, "kg-product-card-title")
    if not title:
        return None
    heading = lxml.html.Element("p")
    etree.SubElement(heading, "strong").text = title
    return [heading, *_parts(card, ".//img[@src]", "kg-product-card-description", "product-card")]


def _call_to_action(card: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement] | None:
    shown: list[lxml.html.HtmlElement] = []
    if label := _words(card, "kg-cta-sponsor-label"):
        sponsor = lxml.html.Element("p")
        etree.SubElement(sponsor, "em").text = label  # "Sponsored": it says whose words follow
        shown.append(sponsor)
    pictures = ".//*[contains(@class, 'kg-cta-image-container')]//img[@src]"
    shown += _parts(card, pictures, "kg-cta-text", "cta", no_alt="CTA Image")
    return shown if "".join(e.text_content() for e in shown).strip() else None


def _parts(
    card: lxml.html.HtmlElement, pictures: str, words: str, button: str, no_alt: str = ""
) -> list[lxml.html.HtmlElement]:
    """A card's pictures (found by the XPath `pictures`), words (the element classed
    `words`) and buttons (`kg-<button>-button`), a paragraph each; `no_alt`, the alt text
    Ghost gives every picture of its kind, is read as none."""
    shown = []
    for image in card.xpath(pictures):
        alt = image.get("alt", "")
        picture = lxml.html.Element("p")
        picture.append(
            lxml.html.Element("img", src=image.get("src"), alt="" if alt == no_alt else alt)
        )
        shown.append(picture)
    for text in card.xpath(f".//*[contains(@class, '{words}')]"):
        wrapper = lxml.html.Element("div")  # unwrapped with the others: its words stay
        wrapper.text = text.text
        wrapper.extend(list(text))
        shown.append(wrapper)
    for link in card.xpath(f".//a[contains(@class, 'kg-{button}-button')][@href]"):
        said = " ".join(link.text_content().split())
        shown.append(paragraph_linking(link.get("href"), said or link.get("href")))
    return shown


def _source(card: lxml.html.HtmlElement, player: str) -> str:
    """The address the card's <audio> or <video> plays, when it is on the web or on the
    Ghost site (`__GHOST_URL__/content/media/…`: the link to it is placed, or listed as
    missing, as a file card's is)."""
    found = card.xpath(f"string(.//{player}/@src)").strip()
    return found if found.startswith(("http://", "https://", f"{GHOST_SITE}/")) else ""


def _words(card: lxml.html.HtmlElement, class_name: str) -> str:
    return " ".join(card.xpath(f"string(.//*[contains(@class, '{class_name}')])").split())


def file_name(address: str) -> str:
    return unquote(PurePosixPath(split_url(address).path).name) or address


def paragraph_linking(address: str, words: str) -> lxml.html.HtmlElement:
    paragraph = lxml.html.Element("p")
    etree.SubElement(paragraph, "a", href=address).text = words
    return paragraph
