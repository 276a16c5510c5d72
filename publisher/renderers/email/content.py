"""What each article can show in the email: its body made email-safe, and an excerpt.

Mail clients fetch images from the web and ignore CSS sizes (Outlook draws an image at its
natural size unless the tag says otherwise), so every image gets an absolute URL and
width/height attributes. An excerpt is the body's opening blocks as they are, cut where a
reader can tell: never half a table, nor a footnote mark without its note.
"""

from __future__ import annotations

import logging
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from markupsafe import Markup

from ...tree_edits import body_html, body_tree, boxed_tables

if TYPE_CHECKING:
    from lxml.html import HtmlElement

from ...model import Document, Issue
from ...resources import email_copy_path
from ...sanitize import element_text
from ...urls import ascii_url
from ..images import image_size

log = logging.getLogger(__name__)

CONTENT_WIDTH = 552  # px: the 600 px email less 24 px of padding either side
EXCERPT_CHARS = 320
# Mail programs show up to about 150 characters after the subject. A zero-width
# non-joiner and a no-break space (&zwnj;&nbsp;) show as blank there and are not folded
# away as spaces are, as mailing tools pad it.
PREVIEW_CHARS = 150
_PREVIEW_FILLER = "\u200c\u00a0"


@dataclass(frozen=True)
class EmailArticle:
    body: Markup  # the sanitised body, images sized and absolute
    excerpt: Markup  # its opening paragraphs, lists and quotes (`excerpt`)


def inbox_preview(issue: Issue) -> str:
    """The hidden text mail programs show after the subject: the summary (else the
    articles' titles), then blank, or the preview runs on into the body's first words
    ("View this issue in your browser", the masthead) after a short summary."""
    words = issue.summary or " · ".join(doc.title for doc in issue.documents)
    return words + _PREVIEW_FILLER * max(0, PREVIEW_CHARS - len(words))


def prepare(doc: Document, documents_dir: Path, base_url: str) -> EmailArticle:
    body = ascii_links(doc.body_html)
    return EmailArticle(
        body=email_body(body, documents_dir, base_url, doc.source),
        excerpt=excerpt(body),
    )


def email_body(body: str, documents_dir: Path, base_url: str, source: Path) -> Markup:
    """A body (an article's, the editorial) made for email: its links' addresses in ASCII,
    its images sized and hosted, its tables in boxes that scroll."""
    body = ascii_links(body)
    return Markup(scrolling_tables(sized_images(body, documents_dir, base_url, source)))


def ascii_links(body: str) -> str:
    """Each web link's address in ASCII (`urls.ascii_url`): Outlook mangles a link written
    in Arabic letters or at an international domain, and mail programs stop linking a
    plain-text address at its first letter outside ASCII. Its words stay as written."""
    if body.isascii():
        return body
    root = body_tree(body)
    for link in root.iter("a"):
        href = link.get("href", "")
        if not href.isascii() and href.lower().startswith(("http://", "https://")):
            link.set("href", ascii_url(href))
    return body_html(root)


def scrolling_tables(body: str) -> str:
    """Each table (not one inside another) in a `div.table-scroll`, which email.css lets
    scroll sideways."""
    return boxed_tables(body, lambda table: {"class": "table-scroll"})


def sized_images(body: str, documents_dir: Path, base_url: str, source: Path) -> str:
    """Images linked to their copies for email (`images.publish_for_email`: upright, at most
    1,200 px wide, JPEG or PNG) at `base_url`, shown at most CONTENT_WIDTH wide.

    Bodies only reference images inside documents/ (`resources.confine_images`); their
    size is read from the file's header. One that cannot be read is left out with a
    warning naming `source` (the document or manifest), and the figure or paragraph it
    stood alone in with it.
    """
    if "<img" not in body:
        return body

    root = body_tree(body)
    for img in list(root.iter("img")):
        src = img.get("src", "")
        natural = image_size(documents_dir / unquote(src))
        if natural is None:
            log.warning(
                "%s: image %r left out of the email: documents/%s cannot be read as an image",
                source,
                src,
                unquote(src),
            )
            _leave_out(img)
            continue
        if img.get("alt") is None:  # said when the document was read (`readers.alt_text`)
            img.set("alt", "")
        width, height = _display_size(natural, img.get("width"))
        img.set("src", base_url + quote(str(email_copy_path(unquote(src)))))
        img.set("width", str(width))
        img.set("height", str(height))
        img.set("style", _FLUID.format(width=width))
    return body_html(root)


# A picture as wide as the column, at most its own width: a share of the column, which the
# column's table does not widen to hold. "max-width: 100%" alone held for a picture shown,
# but one not loaded (pictures blocked, a phone offline) took its width attribute's 552 px,
# and the email scrolled sideways on a 320 px phone. Its height follows its width.
_FLUID = "width: 100%; max-width: {width}px; height: auto;"


def _leave_out(img: HtmlElement) -> None:
    """Drop an image, and the figure or paragraph that held nothing else (a caption
    repeating the alt text of an image that is not there would be all that is left)."""
    holder = img.getparent()
    alone = holder is not None and (
        (holder.tag == "figure" and len(holder.findall(".//img")) == 1)
        or (holder.tag == "p" and len(holder) == 1 and not holder.text_content().strip())
    )
    if alone and holder is not None and holder.getparent() is not None:
        holder.drop_tree()
    else:
        img.drop_tree()  # keeps the tail


def _display_size(natural: tuple[int, int], width_attr: str | None) -> tuple[int, int]:
    """The author's width when given, never wider than the column; height keeps the ratio."""
    width, height = natural
    wanted = int(width_attr) if width_attr and width_attr.isdigit() else width
    shown = max(1, min(wanted, CONTENT_WIDTH))
    return shown, max(1, round(height * shown / width))


def excerpt(body: str, limit: int = EXCERPT_CHARS) -> Markup:
    """The body's opening as the article shows it, up to about `limit` characters of text.

    Paragraphs stay paragraphs and list items stay items of their list, whole while they
    fit; the one that reaches the limit is shortened at a word (as plain text). Quotes and
    other containers keep their opening the same way. The excerpt ends before the first
    heading, and before a table, a picture, code or anything else that cannot be cut;
    such blocks before any text are passed over. Footnote marks and notes go.
    """
    if not body.strip():
        return Markup("")

    root = body_tree(body)
    for mark in root.xpath('.//a[contains(@class, "footnote-ref")]'):
        mark.drop_tree()
    for notes in root.xpath('.//*[contains(@class, "footnotes")]'):
        notes.drop_tree()
    _cut(root, _Room(limit))
    return Markup(body_html(root))


_CONTAINERS = frozenset({"div", "section", "article", "aside", "blockquote", "ul", "ol"})
_TEXT_BLOCKS = frozenset({"p", "li"})  # what an excerpt keeps whole, or shortens
# What an excerpt ends before, alone or inside a text block: it cannot be cut, or (a
# heading) it starts another part of the article.
_ENDS = frozenset({"img", "table", "pre", "figure", "h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _CONTAINERS | _ENDS | {"p", "li", "dl", "hr", "details"}
SHORTEST_CUT = 80  # characters: a shortened paragraph under a line long is only noise


@dataclass
class _Room:
    """How much text an excerpt still has room for, as it is cut from the top."""

    chars: int
    started: bool = False  # some text is in
    ended: bool = False


def _cut(parent: HtmlElement, room: _Room) -> None:
    """Keep the children of `parent` that the excerpt has room for; remove the others."""
    for child in list(parent):
        if room.ended:
            parent.remove(child)  # with its tail: the text after it is past the end too
        elif child.tag in _CONTAINERS or (child.tag == "li" and child.find("p") is not None):
            _cut(child, room)  # (an item of paragraphs: a loose list's)
            if not len(child) and not element_text(child):
                parent.remove(child)
        else:
            _take(child, room)


def _take(block: HtmlElement, room: _Room) -> None:
    """Keep `block` whole if it is text that fits; shorten it if it is one paragraph or item
    and there is room for a line; otherwise the excerpt ends before it (or passes it over,
    while no text is in)."""
    text = element_text(block)
    inside = {element.tag for element in block.iterdescendants()}
    whole = block.tag in _TEXT_BLOCKS and not inside & _ENDS
    if whole and len(text) <= room.chars:
        room.chars -= len(text)
        room.started = True
        return
    flat = whole and not inside & _BLOCKS  # shortening it glues no two blocks together
    shortened = textwrap.shorten(text, max(room.chars, 1), placeholder="…")
    if flat and shortened != "…" and (room.chars >= SHORTEST_CUT or not room.started):
        for child in list(block):
            block.remove(child)
        block.text = shortened
        room.started = room.ended = True
        return
    block.drop_tree()  # keeps its tail
    room.ended = room.started
