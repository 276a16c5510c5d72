"""Text written as lines rather than paragraphs, made paragraphs: each run of lines between
blank lines is one paragraph, its own line breaks kept.

Editors that write no paragraphs: Etherpad (each line ended by <br>, a blank line between
paragraphs is two), Blogger, Gmail and Outlook (a <div> per line, <div><br></div> for a
blank one, or text and <br> alone). pandoc reads such a run as one paragraph of lines, and
a <div> per line, unwrapped, ran the lines' words together.
"""

from __future__ import annotations

from typing import Any

# What a page's editor wraps a line in, and a cleaner unwraps as layout
_WRAPPERS = ("div", "section", "article")
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


def gather_div_lines(container: Any) -> None:
    """Lines written as a <div> each (Blogger's editor, Gmail, Outlook, text pasted from
    them into any platform's editor) made paragraphs, in place: each <div> of `container`
    that is a line becomes its text and a line break, a blank one a line break; one that
    holds blocks, or says its language or direction, has its own lines gathered; then the
    lines become paragraphs (`gather_lines`). Rebuilt in one pass: lxml's drop_tag looks
    for each element's place among its siblings, slow for thousands."""
    import lxml.html

    pieces = list(container)
    for piece in pieces:
        container.remove(piece)
    last: Any = None
    open_line = bool((container.text or "").strip())  # words not yet ended by a break

    def add(node: Any) -> None:
        nonlocal last, open_line
        container.append(node)
        last = node
        open_line = isinstance(node.tag, str) and node.tag != "br" and node.tag not in BLOCKS

    def add_text(text: str | None) -> None:
        nonlocal open_line
        if text and last is None:
            container.text = (container.text or "") + text
        elif text:
            last.tail = (last.tail or "") + text
        open_line = open_line or bool(text and text.strip())

    def end_line() -> None:  # a <div> starts on a line of its own
        if open_line:
            add(lxml.html.Element("br"))

    for piece in pieces:
        tail, piece.tail = piece.tail, None
        wrapper = piece.tag in _WRAPPERS
        text = "".join(piece.itertext()).strip() if wrapper else ""
        if not wrapper or (not text and piece.find(".//img") is not None):
            if isinstance(piece.tag, str) and any(True for _ in piece.iter(*_WRAPPERS)):
                gather_div_lines(piece)  # a quote's, a list item's lines
            add(piece)  # not a line; an image alone stays a block of its own
        elif any(c.tag in BLOCKS for c in piece) or piece.get("lang") or piece.get("dir") == "rtl":
            gather_div_lines(piece)
            add(piece)
        elif not text:  # <div><br></div>: a blank line
            end_line()
            add(lxml.html.Element("br"))
        else:
            end_line()
            add_text(piece.text)
            for child in list(piece):
                add(child)
            add(lxml.html.Element("br"))
        add_text(tail)
    gather_lines(container)
