"""List items, terms and captions outside the element they belong in, given one; and what a
list holds that is no item, set where it reads.

A post's source copied in part ("<li>Pay rise of 10%</li>" lines without the "<ul>" over
them), or a <dt>, <figcaption> or <summary> on its own: the web pages failed the Nu HTML
checker ("Element li not allowed as child of element div"), and pandoc's EPUB ran the items
together as one line. Items side by side are one list (terms and definitions one <dl>); a
caption or a summary alone is the paragraph it reads as.

A <summary> written after what its <details> opens is moved first, where a browser shows
it (and where HTML wants it); a second one is a paragraph. A figure's captions are one, at
its end unless it opens with it (HTML allows one, first or last).

A list holding words or a paragraph of its own ("<ul>Our demands<li>…", "<ul><p>…</p>")
failed the checker too ("Text not allowed in element ul"). A browser shows them as lines
without a bullet: those before the first item a paragraph before the list, those after an
item part of that item.
"""

from __future__ import annotations

import re
from typing import Any

from .html_tags import TAG, VOID

# What each element belongs in: a <dt> or <dd> may be in a <div> in its <dl> too
_BELONGS_IN = {
    "li": ("ul", "ol", "menu"),
    "dt": ("dl",),
    "dd": ("dl",),
    "figcaption": ("figure",),
    "summary": ("details",),
}
_GROUPED_IN = {"li": "ul", "dt": "dl", "dd": "dl"}  # the others are paragraphs
# What each list may hold
_MEMBERS = {"ul": ("li",), "ol": ("li",), "menu": ("li",), "dl": ("dt", "dd", "div")}
_BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "table", "blockquote", "pre", "figure"})
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "aside", "details"}
# Where a paragraph or a list may stand (the body is a <div> here: `tree_edits.body_tree`)
_HOLDS_BLOCKS = frozenset({"div", "blockquote", "li", "dd", "td", "th", "section", "aside"})
_HOLDS_BLOCKS |= {"figure", "details", "article"}
_MAY_BE_AMISS = re.compile(r"<(?:li|dt|dd|figcaption|summary|ul|ol|menu|dl)\b", re.IGNORECASE)


def items_housed(cleaned: str) -> str:
    """`cleaned` (a sanitised body) with each list item, term, caption or summary outside
    the element it belongs in given one, or made a paragraph; and what a list holds besides
    its items before it or in the item before it."""
    if not _MAY_BE_AMISS.search(cleaned) or not _any_amiss(cleaned):  # almost every body
        return cleaned
    from .tree_edits import body_html, body_tree

    root = body_tree(cleaned)
    for element in list(root.iter(*_BELONGS_IN)):
        if _housed(element):  # one given a list with the one before it too
            continue
        if element.getparent().tag not in _HOLDS_BLOCKS:  # in a line of words: its words
            element.drop_tag()
        elif element.tag in _GROUPED_IN:
            _group(element)
        else:
            element.tag = _paragraph(element)
    for holder in list(root.iter(*_MEMBERS)):
        if holder.getparent().tag in _HOLDS_BLOCKS:  # where a paragraph can go before it
            _strays_placed(holder)
    for terms in list(root.iter("dl")):
        _undefined_set_apart(terms)
    for details in root.iter("details"):
        _summary_first(details)
    for figure in root.iter("figure"):
        _captions_joined(figure)
    return body_html(root)


def terms_strays_placed(root: Any) -> bool:
    """Set what each definition list of `root` (a whole page, before pandoc reads it) holds
    besides its terms and definitions where it reads (`_strays_placed`); whether any held
    some. pandoc's HTML reader leaves it out, words and all."""
    found = False
    for terms in list(root.iter("dl")):
        strays = [c for c in terms if isinstance(c.tag, str) and c.tag not in _MEMBERS["dl"]]
        words = [terms.text, *(child.tail for child in terms)]
        if strays or any((text or "").strip() for text in words):
            _strays_placed(terms)
            found = True
    return found


def _paragraph(element: Any) -> str:
    """What `element` is as a paragraph: a <p>, or a <div> when it holds blocks (a <p>
    holding one is read back as other elements than were written)."""
    return "div" if _holds_blocks(element) else "p"


def _holds_blocks(element: Any) -> bool:
    return any(inner.tag in _BLOCKS for inner in element.iter() if inner is not element)


def _any_amiss(cleaned: str) -> bool:
    """Whether an element of `_BELONGS_IN` stands outside its own, or a list holds what is
    none of its members, by the sanitiser's tags (no parser: linear, and almost every body
    with a list has none)."""
    stack: list[str] = []
    last_terms: list[str] = []  # for each <dl> open: its last <dt> or <dd> so far
    details_begun: list[bool] = []  # for each <details> open: whether anything is in it
    figures: list[_Figure] = []  # for each <figure> open: what is in it so far
    last_end = 0
    for tag in TAG.finditer(cleaned):
        parent = stack[-1] if stack else ""
        words = cleaned[last_end : tag.start()].strip()
        if parent in _MEMBERS and words:
            return True  # words in the list itself
        last_end = tag.end()
        name = tag[2].lower()
        if parent == "details" and not tag[1]:
            if name == "summary" and (details_begun[-1] or words):
                return True  # a summary after what it opens, or a second one
            details_begun[-1] = True
        if parent == "figure" and (words or not tag[1]):
            figure = figures[-1]
            if figure.caption and (name == "figcaption" or not figure.caption_first):
                return True  # a second caption, or one with the figure on both sides
            if name == "figcaption" and not tag[1] and not words:
                figure.caption, figure.caption_first = True, not figure.begun
            figure.begun = True
        if name in VOID and parent not in _MEMBERS:
            continue
        if tag[1]:
            closed = stack.pop() if stack else ""
            if closed == "dl" and last_terms.pop() != "dd":
                return True  # a term with no definition after it
            if closed == "details":
                details_begun.pop()
            if closed == "figure":
                figures.pop()
            continue
        if parent in _MEMBERS and name not in _MEMBERS[parent]:
            return True
        if name in _BELONGS_IN and not _in_place(name, stack):
            return True
        if parent == "dl" and name in ("dt", "dd"):
            if name == "dd" and not last_terms[-1]:
                return True  # a definition of no term
            last_terms[-1] = name
        last_terms += [""] if name == "dl" else []
        details_begun += [False] if name == "details" else []
        figures += [_Figure()] if name == "figure" else []
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


def _strays_placed(holder: Any) -> None:
    """What `holder` (a list) holds besides its members: before the first one, a paragraph
    before the list (a <div> when it holds blocks); after one, part of it."""
    members = _MEMBERS[holder.tag]
    leading = []
    for child in holder:
        if child.tag in members:
            break
        leading.append(child)
    words = (holder.text or "").strip()
    worded = words or any((child.tail or "").strip() for child in leading)
    blocks = [child.tag in _BLOCKS for child in leading]
    if not worded and leading and all(blocks):  # paragraphs: before the list as they are
        for child in leading:
            child.tail = "\n"
            holder.addprevious(child)
    elif not worded and all(child.tag == "br" for child in leading):  # breaks: nothing
        for child in leading:
            holder.remove(child)
    elif worded or leading:  # a paragraph of them (a <div> when it holds blocks too)
        blocks_inside = any(blocks) or any(_holds_blocks(child) for child in leading)
        before = holder.makeelement("div" if blocks_inside else "p", {})
        before.text, holder.text = words or None, "\n"
        for child in leading:
            before.append(child)  # with its tail
        before.tail = "\n"
        holder.addprevious(before)
    member = None
    for child in list(holder):
        if child.tag in members:
            member = child
            if words_after := (child.tail or "").strip():
                _add_words(child, words_after)
                child.tail = "\n"
        elif member is not None:
            member.append(child)  # with its tail, words and all


def _add_words(element: Any, words: str) -> None:
    """`words` at the end of `element`'s content, a space before them."""
    if len(element):
        element[-1].tail = f"{(element[-1].tail or '').rstrip()} {words}"
    else:
        element.text = f"{(element.text or '').rstrip()} {words}"


class _Figure:
    """What a <figure> holds so far, as `_any_amiss` reads it."""

    def __init__(self) -> None:
        self.begun = self.caption = self.caption_first = False


def _captions_joined(figure: Any) -> None:
    """`figure`'s captions one, its first, the others' words after its own a line each;
    at the figure's end unless it opens it (HTML allows one caption, first or last)."""
    from .tree_edits import drop_keeping_tail

    captions = [child for child in figure if child.tag == "figcaption"]
    if not captions:
        return
    first, *others = captions
    for other in others:
        line = first.makeelement("br", {})
        first.append(line)
        line.tail = other.text
        for child in list(other):
            first.append(child)  # with its tail
        drop_keeping_tail(other)
    opens = first is figure[0] and not (figure.text or "").strip()
    if opens or (first is figure[-1] and not (first.tail or "").strip()):
        return
    drop_keeping_tail(first)
    first.tail = None
    figure.append(first)


def _summary_first(details: Any) -> None:
    """`details`' first <summary> its first child, the words before it after it (a browser
    shows it first wherever it is written, as the line that opens the rest); any other
    <summary> in it a paragraph."""
    first, *others = [child for child in details if child.tag == "summary"] or [None]
    for other in others:
        other.tag = _paragraph(other)
    if first is None or (first is details[0] and not (details.text or "").strip()):
        return
    from .tree_edits import drop_keeping_tail

    drop_keeping_tail(first)
    details.text, first.tail = None, details.text
    details.insert(0, first)


def _undefined_set_apart(terms: Any) -> None:
    """The definitions `terms` (a <dl>) opens with before any term, and the terms it ends
    with after its last definition, as paragraphs before and after it: a term needs a
    definition after it, and a definition a term before it. A <dl> left with nothing goes."""
    if terms.getparent().tag not in _HOLDS_BLOCKS:  # no place for paragraphs
        return
    members = [child for child in terms if child.tag in ("dt", "dd")]
    defined = [i for i, member in enumerate(members) if member.tag == "dd"]
    first_term = next((i for i, m in enumerate(members) if m.tag == "dt"), len(members))
    before = members[:first_term]
    after = members[defined[-1] + 1 :] if defined else members[first_term:]
    for member in before:
        member.tag, member.tail = _paragraph(member), "\n"
        terms.addprevious(member)
    if after:  # the words after the list after them
        after[-1].tail, terms.tail = terms.tail, "\n"
    for member in reversed(after):
        member.tag = _paragraph(member)
        terms.addnext(member)
    if not len(terms) and not (terms.text or "").strip():
        terms.drop_tree()  # its tail kept
