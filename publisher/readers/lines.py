"""Text written as lines rather than paragraphs, made paragraphs: each run of lines between
blank lines is one paragraph, its own line breaks kept.

Editors that write no paragraphs: Etherpad (each line ended by <br>, a blank line between
paragraphs is two) and Blogger (a <div> per line, <div><br></div> for a blank one, or, in
its older editor, text and <br> alone). pandoc reads such a run as one paragraph of lines.
"""

from __future__ import annotations

from typing import Any

# What ends a paragraph of lines and stays as it is
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TEXT_BLOCKS = ("p", "ul", "ol", "dl", "pre", "blockquote", "table", "hr", "figure", "address")
_SECTIONS = ("div", "section", "article", "aside", "header", "footer")
BLOCKS = frozenset((*_HEADINGS, *_TEXT_BLOCKS, *_SECTIONS))


def gather_lines(container: Any) -> list[Any]:
    """`container`'s children and text as paragraphs and the blocks between them, in place;
    the paragraphs made are returned."""
    import lxml.html

    pieces: list[Any] = list(container)
    text, container.text = container.text, None
    for child in pieces:
        container.remove(child)
    made: list[Any] = []
    current = lxml.html.Element("p")
    current.text = text
    last: Any = None  # current's last child, kept rather than asked (len() counts them all)

    def close() -> None:
        nonlocal current, last
        while len(current) and current[-1].tag == "br" and not (current[-1].tail or "").strip():
            current.remove(current[-1])  # the line's end, not a break within it
        if current.text_content().strip() or current.xpath(".//img"):
            container.append(current)
            made.append(current)
        current, last = lxml.html.Element("p"), None

    for piece in pieces:
        tail, piece.tail = piece.tail, None
        if isinstance(piece.tag, str) and piece.tag in BLOCKS:
            close()
            container.append(piece)
            current.text = tail
            continue
        after_line = last is not None and last.tag == "br" and not (last.tail or "").strip()
        if piece.tag == "br" and after_line:  # a blank line: the paragraph ends
            close()
            current.text = tail
            continue
        if piece.tag == "br" and last is None and not (current.text or "").strip():
            current.text = tail  # a line's end after a block, not a line of the paragraph
            continue
        current.append(piece)
        piece.tail = tail
        last = piece
    close()
    return made
