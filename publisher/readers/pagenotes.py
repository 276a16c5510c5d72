"""Footnotes and endnotes a word processor wrote into a web page, made notes pandoc reads.

Google Docs ("Download → Web page"), Word ("Save as Web Page") and LibreOffice ("Save as
HTML") each write a note as two links: the call in the text leads to the note at the end
of the page, and the note's number leads back to the call (Google's `#ftnt1`/`#ftnt_ref1`,
Word's `#_ftn1`/`#_ftnref1` and `#_edn1`, LibreOffice's `#sdfootnote1sym`/`…anc`; a web
page's `<sup id="cite_ref-1"><a href="#cite_note-1">` and `<li id="cite_note-1">…<a
href="#cite_ref-1">^</a>` the same way). pandoc reads them as two links and the note as a
paragraph at the end: no output printed it as a note, and the PDF had no page to put it
at the foot of. Here each such pair becomes the call and note pandoc reads as a note
(`role="doc-noteref"`, a section with `role="doc-endnotes"`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..tree_edits import page_edited

_NOTE_HOLDERS = ("div", "li", "aside", "section")
_EMPTY_LEFT = ("div", "section", "aside", "ol", "ul")


def notes_as_footnotes(page: str) -> str:
    """`page` with its notes as pandoc reads them (unchanged when it has none)."""
    if 'href="#' not in page and "href=#" not in page and "href='#" not in page:
        return page
    return page_edited(
        page, lambda tree: (body := tree.find("body")) is not None and notes_in(body)
    )


def notes_in(body: Any) -> int:
    """Make the notes under `body` (an lxml element) pandoc's, in place; how many."""
    import lxml.html

    pairs = note_pairs(body)
    if not pairs:
        return 0
    # pandoc reads notes by their roles; the classes are those pandoc writes, which a
    # body keeps through the sanitiser (importers.draft gives the roles back by them)
    section = lxml.html.Element("section", {"role": "doc-endnotes", "class": "footnotes"})
    items = lxml.etree.SubElement(section, "ol")
    emptied = []
    number = 0
    for call, back, block in pairs:
        if any(piece.getparent() is None for piece in (call, back, block)):
            continue  # in a note taken out already (notes that hold each other)
        number += 1
        note_id, call_id = f"page-note-{number}", f"page-call-{number}"
        reference = lxml.html.Element(
            "a",
            {"href": f"#{note_id}", "id": call_id, "role": "doc-noteref", "class": "footnote-ref"},
        )
        lxml.etree.SubElement(reference, "sup").text = str(number)
        holder = call_holder(call)
        reference.tail = holder.tail
        holder.getparent().replace(holder, reference)
        item = lxml.etree.SubElement(items, "li", {"id": note_id})
        back.drop_tree()
        emptied.append(block.getparent())
        if block.tag in _NOTE_HOLDERS:
            item.text = block.text  # a note written straight in its <li> (WordPress's)
            item.extend(list(block))
            block.drop_tree()
        else:  # a paragraph: it goes into the note whole
            item.append(block)
        _without_leading_space(item)
    for parent in emptied:
        _drop_if_empty(parent, body)
    while len(body) and body[-1].tag in ("hr", "br"):  # the rule drawn above the notes
        body[-1].drop_tree()
    body.append(section)
    return number


def note_pairs(body: Any) -> list[tuple[Any, Any, Any]]:
    """(call, link back, the note's element) for each note, in the order of the calls."""
    named: dict[str, Any] = {}
    order: dict[Any, int] = {}  # an element → its place in the page
    for place, element in enumerate(body.iter()):
        order[element] = place
        for key in ("id", "name"):
            if (value := element.get(key)) and value not in named:
                named[value] = element
    pairs = []
    taken: set[Any] = set()
    links_in: dict[Any, dict[str, Any]] = {}  # a target → its links, by where they lead
    for call in body.iter("a"):
        href = call.get("href", "")
        target = named.get(href[1:]) if href.startswith("#") else None
        if target is None or target in taken or order[target] <= order[call]:
            continue  # a note comes after its call: the link back is no call
        if target not in links_in:  # each target's links read once: many calls may share it
            links_in[target] = {}
            for link in target.iter("a"):
                links_in[target].setdefault(link.get("href", "")[1:], link)
        own = (_anchor(call), _anchor(call.getparent()))
        back = next((links_in[target][a] for a in own if a and a in links_in[target]), None)
        if back is None:
            continue
        block = target if target.tag in _NOTE_HOLDERS else _holder(back, call)
        if block is None:  # (a note's element never holds its call: it comes after it)
            continue
        taken.add(target)
        pairs.append((call, back, block))
    return _one_block_each(pairs)


def _one_block_each(pairs: list[tuple[Any, Any, Any]]) -> list[tuple[Any, Any, Any]]:
    """Notes that share the element holding them (a page's `<div class="notes">` of
    paragraphs) each hold their own paragraph instead; notes still sharing one (two links
    back in one paragraph) are left as links."""
    holding = Counter(block for _, _, block in pairs)
    pairs = [
        (call, back, _paragraph(back, call) if holding[block] > 1 else block)
        for call, back, block in pairs
    ]
    holding = Counter(block for _, _, block in pairs)
    return [pair for pair in pairs if pair[2] is not None and holding[pair[2]] == 1]


def _anchor(element: Any) -> str | None:
    if element is None:
        return None
    value: str | None = element.get("id") or element.get("name")
    return value


def _contains(outer: Any, inner: Any) -> bool:
    return outer is inner or any(a is outer for a in inner.iterancestors())


def _holder(back: Any, call: Any) -> Any:
    """The element that holds a note: the nearest <div>, <li>, <aside> or <section> around
    its link back, or, when that holds the call too (a post's notes inside the post), the
    link back's paragraph."""
    for ancestor in back.iterancestors():
        if ancestor.tag == "body" or _contains(ancestor, call):
            break
        if ancestor.tag in _NOTE_HOLDERS:
            return ancestor
    return _paragraph(back, call)


def _paragraph(back: Any, call: Any) -> Any:
    """The link back's paragraph, unless the call is in it too."""
    paragraph = next(back.iterancestors("p"), None)
    return None if paragraph is None or _contains(paragraph, call) else paragraph


def call_holder(call: Any) -> Any:
    """The call with the <sup> it sits alone in, when it does."""
    parent = call.getparent()
    if parent.tag == "sup" and len(parent) == 1 and not (parent.text or "").strip():
        return parent
    return call


def _without_leading_space(item: Any) -> None:
    """The note's text without the space written after its number."""
    for element in item.iter():
        if element.text and element.text.strip():
            element.text = element.text.lstrip()
            return


def _drop_if_empty(element: Any, body: Any) -> None:
    """Containers the notes were taken out of, left with no text (Word's list of notes and
    the rule above it)."""
    while element is not None and element is not body and element.getparent() is not None:
        if element.tag not in _EMPTY_LEFT or element.text_content().strip():
            return
        if element.xpath(".//img"):
            return
        parent = element.getparent()
        element.drop_tree()
        element = parent
