"""List items, terms and captions outside the element they belong in, given one.

A post's source copied in part ("<li>Pay rise of 10%</li>" lines without the "<ul>" over
them), or a <dt>, <figcaption> or <summary> on its own: the web pages failed the Nu HTML
checker ("Element li not allowed as child of element div"), and pandoc's EPUB ran the items
together as one line. Items side by side are one list (terms and definitions one <dl>); a
caption or a summary alone is the paragraph it reads as.
"""

from __future__ import annotations

import re
from typing import Any

# What each element belongs in: a <dt> or <dd> may be in a <div> in its <dl> too
_BELONGS_IN = {
    "li": ("ul", "ol", "menu"),
    "dt": ("dl",),
    "dd": ("dl",),
    "figcaption": ("figure",),
    "summary": ("details",),
}
_GROUPED_IN = {"li": "ul", "dt": "dl", "dd": "dl"}  # the others are paragraphs
_BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "table", "blockquote", "pre", "figure"})
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "aside", "details"}
_MAY_BE_ALONE = re.compile(r"<(?:li|dt|dd|figcaption|summary)\b", re.IGNORECASE)
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^<>"]|"[^"]*")*>')
_VOID = frozenset({"br", "col", "hr", "img", "wbr"})


def items_housed(cleaned: str) -> str:
    """`cleaned` (a sanitised body) with each list item, term, caption or summary outside
    the element it belongs in given one, or made a paragraph."""
    if not _MAY_BE_ALONE.search(cleaned) or not _any_alone(cleaned):  # almost every body
        return cleaned
    from .tree_edits import body_html, body_tree

    root = body_tree(cleaned)
    for element in list(root.iter(*_BELONGS_IN)):
        if _housed(element):  # one given a list with the one before it too
            continue
        if element.tag in _GROUPED_IN:
            _group(element)
        elif element.getparent().tag == "p":  # in a paragraph already: its words are
            element.drop_tag()
        else:  # a paragraph, unless it holds blocks (the parser ended one in it)
            element.tag = "div" if any(child.tag in _BLOCKS for child in element) else "p"
    return body_html(root)


def _any_alone(cleaned: str) -> bool:
    """Whether an element of `_BELONGS_IN` stands outside its own, by the sanitiser's tags
    (no parser: linear, and almost every body with a list has none)."""
    stack: list[str] = []
    for tag in _TAG.finditer(cleaned):
        name = tag[2].lower()
        if name in _VOID:
            continue
        if tag[1]:
            if stack:
                stack.pop()
            continue
        if name in _BELONGS_IN and not _in_place(name, stack):
            return True
        stack.append(name)
    return False


def _in_place(name: str, open_elements: list[str]) -> bool:
    parent = open_elements[-1] if open_elements else ""
    if parent in _BELONGS_IN[name]:
        return True
    return name in ("dt", "dd") and parent == "div" and open_elements[-2:-1] == ["dl"]


def _housed(element: Any) -> bool:
    parents = [element.getparent(), element.getparent().getparent()]
    names = [p.tag if p is not None else "" for p in parents]
    return _in_place(element.tag, names[::-1])


def _group(first: Any) -> None:
    """`first` and the elements of its kind straight after it (whitespace between) in a new
    list (`_GROUPED_IN`), where `first` stood."""
    kind = _GROUPED_IN[first.tag]
    members = [first]
    while (
        (after := members[-1].getnext()) is not None
        and _GROUPED_IN.get(after.tag) == kind
        and not (members[-1].tail or "").strip()
    ):
        members.append(after)
    tail = members[-1].tail
    group = first.makeelement(kind, {})
    first.addprevious(group)
    for member in members:
        group.append(member)  # with its tail (whitespace: between the items)
    members[-1].tail, group.tail = None, tail
