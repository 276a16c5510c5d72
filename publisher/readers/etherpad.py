"""Pages Etherpad exports ("Import/Export → HTML": Riseup's, Framasoft's and other pads
where a statement is drafted together), made paragraphs.

Etherpad writes a pad as one run of text in <body>, each line ended by <br>: a blank line
between paragraphs is two. pandoc read the whole pad as one paragraph of lines. Here each
run of lines between blank lines is a paragraph (its own line breaks kept), lists stay
lists, and a first line that is bold alone, as a pad's title is typed, is the title
rather than the pad's name (`statement-rent-strike`).
"""

from __future__ import annotations

import re
from typing import Any

from .pagehead import paragraph_to_head

_GENERATOR = re.compile(r'<meta\s+name="generator"\s+content="Etherpad', re.I)
_BLOCKS = ("ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "table", "div")
_BOLD = ("strong", "b")


def is_etherpad(page: str) -> bool:
    return bool(_GENERATOR.search(page[:5_000]))


def etherpad_paragraphs(page: str) -> str:
    """`page` with its lines gathered into paragraphs (see the module's docstring)."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return page
    body: Any = tree.find("body")
    if body is None:
        return page
    paragraphs = _gathered(body)
    _first_bold_line_as_title(tree, paragraphs)
    return str(lxml.html.tostring(tree, encoding="unicode"))


def _gathered(body: Any) -> list[Any]:
    """The body's children and text, as paragraphs and the blocks between them; in place."""
    import lxml.html

    pieces: list[Any] = list(body)
    text, body.text = body.text, None
    for child in pieces:
        body.remove(child)
    made: list[Any] = []
    current = lxml.html.Element("p")
    current.text = text

    def close() -> None:
        nonlocal current
        while len(current) and current[-1].tag == "br" and not (current[-1].tail or "").strip():
            current.remove(current[-1])  # the line's end, not a break within it
        if current.text_content().strip() or current.xpath(".//img"):
            body.append(current)
            made.append(current)
        current = lxml.html.Element("p")

    for piece in pieces:
        tail, piece.tail = piece.tail, None
        if isinstance(piece.tag, str) and piece.tag in _BLOCKS:
            close()
            body.append(piece)
            current.text = tail
            continue
        blank_line = piece.tag == "br" and len(current) and current[-1].tag == "br"
        if blank_line and not (current[-1].tail or "").strip():  # the paragraph ends
            close()
            current.text = tail
            continue
        if piece.tag == "br" and not len(current) and not (current.text or "").strip():
            current.text = tail  # a line's end after a list, not a line of the paragraph
            continue
        current.append(piece)
        piece.tail = tail
    close()
    return made


def _first_bold_line_as_title(tree: Any, paragraphs: list[Any]) -> None:
    """A first paragraph of one bold line only is the title, in <title>."""
    if not paragraphs or paragraphs[0].getparent() is None:
        return
    first = paragraphs[0]
    body = first.getparent()
    if body.index(first) != 0 or len(first) != 1 or first[0].tag not in _BOLD:
        return
    if (first.text or "").strip() or (first[0].tail or "").strip():
        return
    paragraph_to_head(tree, first, "title")
