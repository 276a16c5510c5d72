"""Editing lxml trees: a body of HTML as one tree and back, for the passes that change
its elements; and taking an element out of a tree, HTML or XML, without the words after it
(lxml keeps them as the element's `tail`, and `remove` takes them along: a frame in the
middle of an ODT paragraph, a hidden span, a share button in a post's sentence)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement


def body_tree(body: str) -> HtmlElement:
    """`body` (an HTML fragment: text and elements side by side) as one tree, under a <div>
    that `body_html` takes off again."""
    import lxml.html

    body = _WORD_BREAK.sub(r"\g<0></wbr>", body) if "<wbr" in body else body
    return lxml.html.fragment_fromstring(body, create_parent="div")


def body_html(root: HtmlElement) -> str:
    """The fragment `body_tree` made `root` of, as HTML again, without its <div>."""
    html = html_as_written(root).removeprefix("<div>").removesuffix("</div>")
    return html.replace("</wbr>", "") if "<wbr" in html else html


# libxml2's HTML parser knows no <wbr> (a place a long word may break): it held the rest of
# its paragraph, and was written with an end tag, which no HTML has ("Stray end tag wbr")
_WORD_BREAK = re.compile(r"<wbr\b[^<>]*>", re.IGNORECASE)


# libxml2 writes the letters outside ASCII of href, src, action and <a name> percent-encoded
# ("#اعتصاب-fn1" → "#%D8%A7…-fn1") and the ids they name as they are: a pass that matched
# a link to its id found none (print left a document's notes, named in Arabic, at its end).
_ENCODED = ("href", "src", "action", "name")
_AS_WRITTEN = "data-as-written-"
_RENAMED = re.compile(rf" {_AS_WRITTEN}({'|'.join(_ENCODED)})=")


def html_as_written(root: HtmlElement, **options: Any) -> str:
    """`root` as HTML (lxml.html.tostring's `options`), its addresses as they are in the
    tree: each is written under another name, which libxml2 leaves alone, then renamed."""
    import lxml.html

    renamed = [
        (element, dict(element.attrib))
        for element in root.iter()
        if isinstance(element.tag, str) and any(not element.get(n, "").isascii() for n in _ENCODED)
    ]
    for element, attributes in renamed:
        element.attrib.clear()  # and set again in their order, which the passes after read
        for name, value in attributes.items():
            element.set(_AS_WRITTEN + name if name in _ENCODED else name, value)
    html: str = lxml.html.tostring(root, encoding="unicode", **options)
    for element, attributes in renamed:
        element.attrib.clear()
        element.attrib.update(attributes)
    return _RENAMED.sub(r" \1=", html) if renamed else html


# libxml2 reads HTML 256 elements deep at most, and leaves out what is deeper, words and
# all: a tree that reaches this deep may be missing some of its text
_CUT_DEPTH = 250


def cut_short(root: _Element) -> bool:
    """Whether `root`, parsed by libxml2, may lack what was nested too deep for it, so that
    writing it out again would lose words."""
    from lxml import etree

    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth >= _CUT_DEPTH:
            return True
    return False


def page_edited(page: str, edit: Callable[[HtmlElement], object]) -> str:
    """`page` (a whole HTML page) with `edit` done to its tree in place; `page` itself,
    not written out again, when `edit` says (falsy) it changed nothing or the page cannot
    be parsed (pandoc then says what is wrong with it)."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return page
    if not edit(tree):
        return page
    return html_as_written(tree)


def boxed_tables(body: str, box: Callable[[HtmlElement], dict[str, str]]) -> str:
    """`body` with each table (not one inside another) in a <div> of the attributes `box`
    gives for it: a box that scrolls sideways, so that a table wider than a phone's screen
    scrolls in its own box, its numbers and words whole, instead of widening the page."""
    if "<table" not in body:
        return body
    root = body_tree(body)
    for table in root.xpath(".//table[not(ancestor::table)]"):
        div = table.makeelement("div", box(table))
        table.addprevious(div)
        div.append(table)  # moves the table, and its tail with it: put that back after the div
        div.tail, table.tail = table.tail, None
    return body_html(root)


def with_class(name: str, tag: str = "*", axis: str = ".//") -> str:
    """An XPath to the `tag` elements along `axis` that have `name` among their classes:
    one of the words of `class`, as CSS's `.name` means, not a part of one (`footnotes`
    is not `footnotes-back`)."""
    return f"{axis}{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


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


def unwrapped(element: _Element) -> None:
    """Replace `element` in its parent (nothing when it has none) by what it holds: its
    text, its children, and the text that follows it, each where it stood (what lxml.html's
    `drop_tag` does, for any XML element)."""
    parent = element.getparent()
    if parent is None:
        return
    before = element.getprevious()
    if element.text:
        if before is not None:
            before.tail = (before.tail or "") + element.text
        else:
            parent.text = (parent.text or "") + element.text
    for child in list(element):
        element.addprevious(child)  # with its tail
    drop_keeping_tail(element)


def without_last_words(body: str, count: int) -> str:
    """`body` with its last `count` words taken out (pictures and emptied elements stay,
    but for list items): what is left of a text cut from its end, as an editor shortens one
    to fit. An emptied list item goes, and a list left without items: its bullet or number
    would still take a line, which an editor who cuts a list cuts with its words."""
    root = body_tree(body)
    items = [item for item in root.iter("li", "ul", "ol") if _has_words(item)]
    slots: list[tuple[HtmlElement, str]] = []

    def in_order(element: HtmlElement) -> None:
        slots.append((element, "text"))
        for child in element:
            in_order(child)
            slots.append((child, "tail"))

    in_order(root)
    for element, where in reversed(slots):
        if count <= 0:
            break
        value = getattr(element, where) or ""
        words = value.split()
        kept = words[: max(0, len(words) - count)]
        count -= len(words) - len(kept)
        space = value[: len(value) - len(value.lstrip())] if kept else ""  # "<em>x</em> is"
        setattr(element, where, space + " ".join(kept))
    for item in reversed(items):  # an item before its list
        if not _has_words(item) and not item.xpath(".//*[self::img or self::svg]"):
            drop_keeping_tail(item)
    return body_html(root)


def _has_words(element: HtmlElement) -> bool:
    """Whether any text is left in `element`, its children's included."""
    return bool(element.text_content().split())
