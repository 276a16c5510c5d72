"""Lists in a page Word saved ("Save as Web Page"), made lists again.

Word writes each item as a paragraph styled `mso-list:l0 level1 lfo1`, its bullet or
number typed out in a span marked `mso-list:Ignore` (a Symbol-font "·", "1."; Word 2000
and 2003 mark it only by the conditional comment around it), so pandoc
reads paragraphs that start with a stray dot or number. Here runs of such paragraphs
become <ul> or <ol> (by what the first item's mark is), nested by their level.
"""

from __future__ import annotations

import re
from typing import Any

from ..tree_edits import page_edited

_ITEM = re.compile(r"mso-list:\s*(l\d+)\s+level(\d+)", re.I)
_NUMBERED = re.compile(r"^\(?[0-9a-zA-Z]{1,4}[.)]$")
_KEPT = ("lang", "dir")  # an item in Arabic in an English list stays so


def word_lists_kept(page: str) -> str:
    """`page` with its Word list paragraphs made lists (unchanged when it has none)."""
    return page_edited(page, with_word_lists) if "mso-list" in page else page


def with_word_lists(tree: Any) -> bool:
    """Turn the Word list paragraphs under `tree` (an lxml HTML tree) into lists, in
    place; whether there were any."""
    import lxml.html

    found = False
    for paragraph in list(tree.iter("p")):
        match = _ITEM.search(paragraph.get("style", ""))
        if match is None or paragraph.getparent() is None:
            continue
        found = True
        mark = _drop_mark(paragraph)
        level = int(match.group(2))
        previous = paragraph.getprevious()
        item = lxml.html.Element("li", {k: v for k, v in paragraph.items() if k in _KEPT})
        item.text, paragraph.text = paragraph.text, None
        item.extend(list(paragraph))
        if (
            previous is not None
            and previous.get("data-word") == match.group(1)
            and not (previous.tail or "").strip()  # nothing between them
        ):
            holder = previous
            for _ in range(level - 1):  # into the last item's own list, as deep as the level
                last = holder[-1] if len(holder) else None
                inner = last[-1] if last is not None and len(last) else None
                if inner is None or inner.tag not in ("ul", "ol"):
                    inner = lxml.html.Element("ol" if _NUMBERED.match(mark) else "ul")
                    if last is None:
                        break
                    last.append(inner)
                holder = inner
            holder.append(item)
            previous.tail = paragraph.tail  # what followed the paragraph follows the list
            paragraph.getparent().remove(paragraph)
        else:
            listing = lxml.html.Element("ol" if _NUMBERED.match(mark) else "ul")
            listing.set("data-word", match.group(1))  # Word's number for the list
            listing.append(item)
            listing.tail = paragraph.tail
            paragraph.getparent().replace(paragraph, listing)
    for listing in tree.iter("ul", "ol"):
        listing.attrib.pop("data-word", None)
    return found


def _drop_mark(paragraph: Any) -> str:
    """Take the typed bullet or number (the `mso-list:Ignore` span) out; return its text."""
    for span in paragraph.iter("span"):
        if "mso-list:ignore" in span.get("style", "").replace(" ", "").lower():
            mark = str(span.text_content()).strip()
            wrapper = span.getparent()
            span.drop_tree()  # keeps the text after it
            while wrapper is not paragraph and wrapper.tag == "span" and _empty(wrapper):
                above = wrapper.getparent()
                wrapper.drop_tree()  # the Symbol font the bullet was set in
                wrapper = above
            return mark
    return _drop_unmarked_mark(paragraph)


def _drop_unmarked_mark(paragraph: Any) -> str:
    """Word 2000 and 2003 mark the typed bullet or number only by the conditional comment
    around it, for browsers without lists (`<![if !supportLists]>…<![endif]>`): take out
    what it holds; return its text."""
    import lxml.etree

    for opening in paragraph.iter(lxml.etree.Comment):
        if "".join((opening.text or "").split()).lower() != "[if!supportlists]":
            continue
        held, node = [], opening.getnext()
        while node is not None and not _is_endif(node):
            held.append(node)
            node = node.getnext()
        if node is None:  # no end: nothing is known to be the mark
            return ""
        mark = (opening.tail or "") + "".join(
            ("" if n.tag is lxml.etree.Comment else n.text_content()) + (n.tail or "") for n in held
        )
        for element in (opening, *held):
            element.getparent().remove(element)  # with its tail: the mark's text too
        node.drop_tree()  # keeps the item's text after it
        return mark.strip()
    return ""


def _is_endif(node: Any) -> bool:
    import lxml.etree

    return node.tag is lxml.etree.Comment and (node.text or "").strip().lower() == "[endif]"


def _empty(element: Any) -> bool:
    return not len(element) and not (element.text or "").strip()
