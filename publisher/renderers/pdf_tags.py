"""WeasyPrint's PDF tags mended for PDF/UA: each change of language marked, table headers
scoped, running headers, page numbers and leaders drawn as artifacts, one link annotation
per link described in words, footnotes tagged as notes.

WeasyPrint (up to 70 at least) has no option or hook for any of these, so each wraps the
WeasyPrint function that does the work, once per process (`mend_tagging`); each says why.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)


@functools.cache
def mend_tagging() -> None:
    """Mend WeasyPrint's PDF tags, once per process: each mend wraps what WeasyPrint had."""
    _tag_languages()
    _margin_boxes_as_artifacts()
    _leaders_as_artifacts()
    _one_link_per_link()
    _footnotes_as_notes()
    _links_described_in_words()


def _tag_languages() -> None:
    """Give each structure element made from an HTML element with `lang` its /Lang, and
    each table header cell its /Scope.

    WeasyPrint (up to 70 at least) writes the root's language in the catalog and nowhere
    else, so a screen reader would read a Greek letter in an English issue with English
    rules; PDF/UA asks for every change of language to be marked. It links data cells to
    their headers (/Headers, /ID) but gives a header no /Scope, which validators that do not
    follow the links (PAC, `pdfua`) ask for. There is no option or hook for either, and the
    finisher only sees the finished tree with no link back to the HTML, so this wraps the
    function that builds the tree, once per process.
    """
    import pydyf
    from weasyprint.pdf import tags

    build = getattr(tags, "_build_box_tree", None)
    if build is None:
        log.warning("this WeasyPrint cannot mark languages in the PDF's structure tree")
        return

    def build_with_languages(box: Any, *args: Any) -> Iterator[Any]:
        language = _declared_language(box)
        for element in build(box, *args):
            if language and "Lang" not in element:
                element["Lang"] = pydyf.String(language)
            if element.get("S") == "/TH" and "A" in element:
                # which cells a header heads, as WeasyPrint's own Headers/ID links have it
                row = (
                    getattr(box, "element", None) is not None and box.element.get("scope") == "row"
                )
                element["A"]["Scope"] = "/Row" if row else "/Column"
            yield element

    tags._build_box_tree = build_with_languages


def _margin_boxes_as_artifacts() -> None:
    """Draw each page's margin boxes (the running headers, the page number) as artifacts.

    WeasyPrint (up to 70 at least) marks their text as content with an id, as it marks the
    body's, and then builds structure elements for it that hang from nothing ("only PDF 2.0
    allows artifacts in the tree", says its tags.py): content a screen reader can reach by
    no path, which PDF/UA-1 forbids. Pagination is what PDF/UA calls an artifact: marked
    /Artifact, with no id and no element, a reader passes over it and reads each page
    number and header once per page as printed, not as part of the text. There is no
    option for it, so while the PDF is drawn a margin box's content is drawn inside
    /Artifact with the page's list of marks set aside, and the tree is built without it.
    Both parts or neither: marks drawn without elements, or elements without marks, fail
    WeasyPrint's own count."""
    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    drawn = getattr(draw, "draw_stacking_context", None)
    build = getattr(tags, "_build_box_tree", None)
    if drawn is None or build is None:
        log.warning("this WeasyPrint cannot draw running headers as artifacts in the PDF")
        return

    def draw_margins_as_artifacts(stream: Any, context: Any) -> None:
        marks = getattr(stream, "_tags", None)
        if marks is None or not isinstance(context.box, boxes.MarginBox):
            drawn(stream, context)
            return
        with stream.artifact():
            stream._tags = None  # what WeasyPrint reads as "not tagged": no marks inside
            try:
                drawn(stream, context)
            finally:
                stream._tags = marks

    def build_without_margins(box: Any, *args: Any) -> Iterator[Any]:
        if not isinstance(box, boxes.MarginBox):
            yield from build(box, *args)

    draw.draw_stacking_context = draw_margins_as_artifacts
    tags._build_box_tree = build_without_margins


def _leaders_as_artifacts() -> None:
    """Draw the dots of a `leader()` (the contents' dots up to each page number) as an
    artifact, left out of the structure tree.

    WeasyPrint (up to 70 at least) draws each dot as a piece of text of its own, marked and
    in the tree: a screen reader read "." fifty times in every line of the contents, where
    PDF/UA-1 asks for decoration to be an artifact. As for the margin boxes, the leader is
    drawn inside /Artifact with the page's list of marks set aside, and the tree is built
    without it."""
    from weasyprint import draw
    from weasyprint.pdf import tags

    drawn = getattr(draw, "draw_inline_level", None)
    build = getattr(tags, "_build_box_tree", None)
    if drawn is None or build is None:
        log.warning("this WeasyPrint cannot draw the contents' dots as artifacts in the PDF")
        return

    def draw_leader_as_artifact(stream: Any, page: Any, box: Any, *args: Any) -> None:
        marks = getattr(stream, "_tags", None)
        if marks is None or not getattr(box, "is_leader", False):
            drawn(stream, page, box, *args)
            return
        with stream.artifact():
            stream._tags = None
            try:
                drawn(stream, page, box, *args)
            finally:
                stream._tags = marks

    def build_without_leaders(box: Any, *args: Any) -> Iterator[Any]:
        if not getattr(box, "is_leader", False):
            yield from build(box, *args)

    draw.draw_inline_level = draw_leader_as_artifact
    tags._build_box_tree = build_without_leaders


def _one_link_per_link() -> None:
    """Make each link one Link element holding its annotation, and what is inside it (its
    ::after's page number, a <span>) part of it rather than links of their own.

    WeasyPrint (up to 70 at least) gives every box inside a link an annotation of its own,
    on the same spot, and tags a link's pseudo-elements as Links too: each line of the
    contents (title, then `::after` with the dots and the page number) was three or four
    links one inside the other, each a stop for a screen reader and for Tab. A box inside
    a link box of the same page is left without an annotation (its link's covers it), and
    a Link element inside a Link is a Span of it."""
    from weasyprint import pdf as weasy_pdf
    from weasyprint.pdf import tags

    add = getattr(weasy_pdf, "add_links", None)
    build = getattr(tags, "_build_box_tree", None)
    if add is None or build is None:
        log.warning("this WeasyPrint cannot tag each link of the PDF as one link")
        return

    def add_outermost(links_and_anchors: Any, *args: Any) -> None:
        links = links_and_anchors[0]  # this page's, listed afresh for each PDF written
        inside = {
            id(inner) for *_link, box in links for inner in box.descendants() if inner is not box
        }
        links[:] = [link for link in links if id(link[-1]) not in inside]
        add(links_and_anchors, *args)

    def build_links_once(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        for element in build(box, parent, *args):
            if element.get("S") == "/Link" and parent.get("S") == "/Link":
                element["S"] = "/Span"
            yield element

    weasy_pdf.add_links = add_outermost
    tags._build_box_tree = build_links_once


def _footnotes_as_notes() -> None:
    """Tag each footnote as a Note with an ID, its number a label, placed in the structure
    tree right after its call, and the call as a Reference.

    WeasyPrint (up to 70 at least) builds the page's footnote area as a loose element after
    the page's text: a screen reader met the notes between two pages' sections, away from
    the article, and each call as a bare number; PDF/UA-1 7.9 asks for a Note with an ID.
    The call knows its note's HTML element (`footnote`), the note is built after the page's
    text, so it is moved into the element holding its call when it is built. A note whose
    call was not seen stays where WeasyPrint puts it, tagged Note all the same."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    build = getattr(tags, "_build_box_tree", None)
    area = getattr(boxes, "FootnoteAreaBox", None)
    if build is None or area is None:
        log.warning("this WeasyPrint cannot tag the PDF's footnotes as notes")
        return

    def build_notes(box: Any, parent: Any, pdf: Any, *args: Any) -> Iterator[Any]:
        # a note's HTML element → [the element holding its call, the reference to go after]
        calls: dict[Any, list[Any]] = pdf.__dict__.setdefault("_footnote_calls", {})
        if isinstance(box, area):  # the notes, without the area round them
            for note in box.children:
                for element in build_notes(note, parent, pdf, *args):
                    if not _moved_to_its_call(element, calls.get(note.element)):
                        yield element
            return
        tag = getattr(box, "element_tag", None) or ""
        for element in build(box, parent, pdf, *args):
            if tag.endswith("::footnote-call"):
                element["S"] = "/Reference"
                if (note := getattr(box, "footnote", None)) is not None:
                    calls[note.element] = [parent, element.reference]
            elif tag.endswith("::footnote-marker"):
                element["S"] = "/Lbl"
            yield element

    def _moved_to_its_call(element: Any, call: list[Any] | None) -> bool:
        """Tag `element` a Note; put it after its `call`, if it has one (True)."""
        element["S"] = "/Note"
        element["ID"] = pydyf.String(f"note-{element.number}")
        if call is None or call[1] not in call[0]["K"]:
            return False
        holder, after = call
        holder["K"].insert(holder["K"].index(after) + 1, element.reference)
        element["P"] = holder.reference
        call[1] = element.reference  # the rest of a note split over pages goes after it
        return True

    tags._build_box_tree = build_notes


def _links_described_in_words() -> None:
    """Give each link annotation its words as /Contents, the description PDF/UA-1 asks of
    a link and a screen reader may read in place of its text.

    WeasyPrint (up to 70 at least) writes the link's target there: the contents' entries
    and the notes' numbers would be read as "issue--editorial" or "#fn3", an address in
    full. The words are the link's text (an image's alternative text, or an aria-label or
    title the link has); a link without any keeps its target. There is no option for it,
    so this wraps the function that adds a page's links and rewrites what it wrote."""
    import pydyf
    from weasyprint import pdf as weasy_pdf

    add = getattr(weasy_pdf, "add_links", None)
    if add is None:
        log.warning("this WeasyPrint cannot describe the PDF's links in words")
        return

    def add_described(links_and_anchors: Any, *args: Any) -> None:
        add(links_and_anchors, *args)
        for _kind, _target, _rectangle, box in links_and_anchors[0]:
            annotation = getattr(box, "link_annotation", None)
            if annotation is not None and "Contents" in annotation and (words := link_words(box)):
                annotation["Contents"] = pydyf.String(words)

    weasy_pdf.add_links = add_described


def link_words(box: Any) -> str:
    """What a link box says: its element's label, text, or its pictures' alternative text."""
    element = getattr(box, "element", None)
    if element is None:
        return ""
    said = element.get("aria-label") or element.get("title") or "".join(element.itertext())
    if not said.strip():
        said = " ".join(e.get("alt") or "" for e in element.iter())
    return " ".join(said.split())


def _declared_language(box: Any) -> str | None:
    """The lang attribute of the element a box was made from; None for the root (its
    language is the catalog's /Lang) and for <body> (WeasyPrint passes its children up)."""
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) in ("html", "body"):
        return None
    return element.get("lang") or None
