"""A page break a writer typed starts a new page in print, as it did where they typed it:
pandoc reads no word processor's breaks, so a leaflet's back page ran on from its front.
Each break becomes a paragraph holding only `\\newpage`, the mark a Markdown writer types
for pandoc's PDFs, which `pandoc.page_breaks` makes a page break in print and nothing on a
screen.

- Word: a manual break (Ctrl+Enter) is a run's `<w:br w:type="page"/>`, at the start or
  end of a paragraph or in its midst, where the paragraph is split; "Page break before"
  is a paragraph's `<w:pageBreakBefore/>`; a section break that starts a page (Layout >
  Breaks > Next Page, Odd or Even Page, not Continuous) ends its paragraph's properties
  (`<w:sectPr>` in `<w:pPr>`). "Page break before" set in a paragraph style (a report
  template's Heading 1, so each chapter starts a page), or in the style it is based on,
  breaks before each paragraph of that style that does not turn it off itself
  (`styled_breaks_written`). A break in a table cell or a text box is left out, as no
  page breaks there.
- LibreOffice: the paragraph after a manual break gets an automatic style whose paragraph
  properties say `fo:break-before="page"` (`fo:break-after` where one ends a page). A
  named style may say it too (Format > Paragraph > Text Flow > Insert break, in the style
  Heading 1 or one it is based on): it is written into the automatic styles based on it,
  and a paragraph in the named style itself gets an automatic style of its own saying it.
- A page a word processor saved says it by an element's style: Google Docs' download, a
  rule hidden on screens (`<hr style="page-break-before:always;display:none">`), which
  pandoc drew as a rule in every output; Word's a `<br>` in a span of its own, or a
  paragraph's `page-break-before:always`, as LibreOffice's.
- Markdown: Typora, Obsidian and VS Code's Markdown PDF print an element styled so, and
  tell their writers to type `<div style="page-break-after: always;"></div>`, which the
  sanitiser left an empty `<div>`.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from ..tree_edits import body_html, body_tree, page_edited
from .odt_styles import FO, OFFICE, STYLE, TEXT, style_of, style_properties
from .style_chains import inherited
from .word_xml import W, switched_on

if TYPE_CHECKING:
    from lxml.etree import _Element

MARK = "\\newpage"
Sides = tuple[bool, bool]  # whether a style breaks the page before, after its paragraphs
MARKS: dict[str, tuple[bytes, ...]] = {
    "docx": (b'w:type="page"', b"w:pageBreakBefore", b"</w:sectPr></w:pPr>"),
    "odt": (b'fo:break-before="page"', b'fo:break-after="page"'),
}
# Where a file's named styles are, and the bytes that say one may break a page
STYLE_PARTS = {
    "docx": ("word/styles.xml", (b"w:pageBreakBefore",)),
    "odt": ("styles.xml", MARKS["odt"]),
}
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_SAME_PAGE = ("continuous", "nextColumn")  # sections that do not start a page
_BREAK_STYLE = re.compile(r"(?:page-)?break-(before|after)\s*:\s*(?:always|page)", re.I)
# What an HTML element shows besides words
_SHOWN = ("img", "svg", "picture", "video", "audio", "iframe", "object", "embed", "math")
# The HTML elements a page break stands between the blocks of (a break in a table is none)
_CONTAINERS = ("body", "div", "section", "article", "main", "blockquote", "li")
# Where no page breaks: a Word table's cell or text box, an OpenDocument table's cell
_NO_PAGES = (f"{{{W}}}tc", f"{{{W}}}txbxContent", f"{{{_TABLE}}}table-cell")
# What a Word paragraph shows besides its words
_CONTENT = (f"{{{W}}}t", f"{{{W}}}drawing", f"{{{W}}}pict", f"{{{W}}}object")


def page_breaks_marked(root: _Element, kind: str) -> int:
    """Put a `\\newpage` paragraph where each page break of `root`, a Word or OpenDocument
    file's text, is; how many there were."""
    return _odt_breaks_marked(root) if kind == "odt" else _docx_breaks_marked(root)


def _docx_breaks_marked(root: _Element) -> int:
    marked = 0
    for before in list(root.iter(f"{{{W}}}pageBreakBefore")):
        properties = before.getparent()
        paragraph = properties.getparent() if properties is not None else None
        if paragraph is None or not switched_on(before):
            continue
        if _can_break(paragraph):
            paragraph.addprevious(_mark(paragraph, f"{{{W}}}p", f"{{{W}}}r", f"{{{W}}}t"))
            marked += 1
    for section in list(root.iter(f"{{{W}}}sectPr")):
        properties = section.getparent()
        if properties is None or properties.tag != f"{{{W}}}pPr":
            continue  # the file's last section, which ends no paragraph
        paragraph = properties.getparent()
        kind = section.find(f"{{{W}}}type")
        starts = "nextPage" if kind is None else kind.get(f"{{{W}}}val", "nextPage")
        if paragraph is None or starts in _SAME_PAGE or not _can_break(paragraph):
            continue
        paragraph.addnext(_mark(paragraph, f"{{{W}}}p", f"{{{W}}}r", f"{{{W}}}t"))
        marked += 1
    for br in list(root.iter(f"{{{W}}}br")):
        run = br.getparent()
        if br.get(f"{{{W}}}type") != "page" or run is None:
            continue
        paragraph = next(br.iterancestors(f"{{{W}}}p"), None)
        if paragraph is not None and _can_break(paragraph):
            _docx_paragraph_split(paragraph, run, br)
            marked += 1
        run.remove(br)
    return marked


def breaking_styles(styles: _Element, kind: str) -> dict[str, Sides]:
    """The paragraph styles of a Word or OpenDocument file's styles (`STYLE_PARTS`) that
    break the page before or after their paragraphs, by id or name."""
    return _odt_breaking_styles(styles) if kind == "odt" else _docx_breaking_styles(styles)


def styled_breaks_written(root: _Element, kind: str, styles: dict[str, Sides]) -> int:
    """The page breaks `styles` (see `breaking_styles`) set written into `root`, a Word or
    OpenDocument file's text, where `page_breaks_marked` reads them; how many paragraphs
    they break at."""
    if kind == "odt":
        return _odt_styled_breaks_written(root, styles)
    return _docx_styled_breaks_written(root, styles)


def _docx_breaking_styles(styles: _Element) -> dict[str, Sides]:
    """The ids of the paragraph styles of a Word file's styles (word/styles.xml) that
    start a page: "Page break before" set in the style, or in one it is based on (and not
    turned off on the way)."""
    own: dict[str, bool | None] = {}
    based_on: dict[str, str] = {}
    for style in styles.iter(f"{{{W}}}style"):
        if style.get(f"{{{W}}}type") != "paragraph":
            continue
        style_id = style.get(f"{{{W}}}styleId", "")
        switch = style.find(f"{{{W}}}pPr/{{{W}}}pageBreakBefore")
        own[style_id] = None if switch is None else switched_on(switch)
        if (based := style.find(f"{{{W}}}basedOn")) is not None:
            based_on[style_id] = based.get(f"{{{W}}}val", "")
    return {s: (True, False) for s in own if inherited(s, own, based_on) is True}


def _docx_styled_breaks_written(root: _Element, styles: dict[str, Sides]) -> int:
    """Give each paragraph of `root` (a Word file's text) in one of `styles` the "Page
    break before" its style sets, unless the paragraph says otherwise itself; how many
    were given it."""
    written = 0
    for style in list(root.iter(f"{{{W}}}pStyle")):
        properties = style.getparent()
        if style.get(f"{{{W}}}val") not in styles or properties is None:
            continue
        if properties.find(f"{{{W}}}pageBreakBefore") is None:
            properties.append(properties.makeelement(f"{{{W}}}pageBreakBefore"))
            written += 1
    return written


def _odt_breaking_styles(styles: _Element) -> dict[str, Sides]:
    """The named paragraph styles of an OpenDocument file (styles.xml) that break a page,
    before or after their paragraphs, by name: said in the style, or in one it is based on
    (which any other value, such as `auto`, overrides)."""
    before: dict[str, str | None] = {}
    after: dict[str, str | None] = {}
    parent: dict[str, str] = {}
    for style in styles.iter(f"{{{STYLE}}}style"):
        if style.get(f"{{{STYLE}}}family") != "paragraph":
            continue
        name = style.get(f"{{{STYLE}}}name", "")
        properties = style.find(f"{{{STYLE}}}paragraph-properties")
        before[name], after[name] = (None, None) if properties is None else _odt_sides(properties)
        parent[name] = style.get(f"{{{STYLE}}}parent-style-name", "")
    found = {
        name: (
            inherited(name, before, parent) == "page",
            inherited(name, after, parent) == "page",
        )
        for name in parent
    }
    return {name: sides for name, sides in found.items() if any(sides)}


def _odt_styled_breaks_written(root: _Element, named: dict[str, Sides]) -> int:
    """Write the page breaks the named styles `named` set into `root`, an OpenDocument
    file's text, where `page_breaks_marked` reads them: into each automatic style based on
    one that does not say otherwise, and into a new automatic style for a paragraph in the
    named style itself. How many paragraphs now break."""
    automatic = root.find(f"{{{OFFICE}}}automatic-styles")
    if automatic is None:
        return 0
    breaking = set()
    for style in automatic.iter(f"{{{STYLE}}}style"):
        based_on = style.get(f"{{{STYLE}}}parent-style-name", "")
        if style.get(f"{{{STYLE}}}family") == "paragraph" and based_on in named:
            _odt_breaks_said(style, named[based_on])
            breaking.add(style.get(f"{{{STYLE}}}name"))
    own: dict[str, str] = {}  # named style → the automatic style made for its paragraphs
    written = 0
    for paragraph in root.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
        name = paragraph.get(f"{{{TEXT}}}style-name", "")
        if name in named:
            if name not in own:
                own[name] = f"publisher-break-{len(own) + 1}"
                style = automatic.makeelement(f"{{{STYLE}}}style")
                style.set(f"{{{STYLE}}}name", own[name])
                style.set(f"{{{STYLE}}}family", "paragraph")
                style.set(f"{{{STYLE}}}parent-style-name", name)
                automatic.append(style)
                _odt_breaks_said(style, named[name])
            paragraph.set(f"{{{TEXT}}}style-name", own[name])
        written += name in named or name in breaking
    return written


def _odt_sides(properties: _Element) -> tuple[str | None, str | None]:
    return properties.get(f"{{{FO}}}break-before"), properties.get(f"{{{FO}}}break-after")


def _odt_breaks_said(style: _Element, sides: Sides) -> None:
    """`style` saying the page breaks `sides` are, where it says nothing of them itself."""
    properties = style.find(f"{{{STYLE}}}paragraph-properties")
    if properties is None:
        properties = style.makeelement(f"{{{STYLE}}}paragraph-properties")
        style.append(properties)
    for breaks, said in zip(sides, ("break-before", "break-after"), strict=True):
        if breaks and properties.get(f"{{{FO}}}{said}") is None:
            properties.set(f"{{{FO}}}{said}", "page")


def _can_break(paragraph: _Element) -> bool:
    return next(paragraph.iterancestors(*_NO_PAGES), None) is None


def _docx_paragraph_split(paragraph: _Element, run: _Element, br: _Element) -> None:
    """A mark after `paragraph` where `br` (in `run`) ends it, before it where `br` begins
    it; where `br` stands in its midst, the words after it moved to a paragraph of their
    own after the mark."""
    mark = _mark(paragraph, f"{{{W}}}p", f"{{{W}}}r", f"{{{W}}}t")
    if run.getparent() is not paragraph:  # in a link or a tracked insertion: after it
        paragraph.addnext(mark)
        return
    later_in_run, later_runs = list(br.itersiblings()), list(run.itersiblings())
    earlier = list(br.itersiblings(preceding=True)) + list(run.itersiblings(preceding=True))
    if not _shows_anything(later_in_run + later_runs):
        paragraph.addnext(mark)
    elif not _shows_anything(earlier):
        paragraph.addprevious(mark)
    else:
        rest = paragraph.makeelement(f"{{{W}}}p")
        if (properties := paragraph.find(f"{{{W}}}pPr")) is not None:
            rest.append(deepcopy(properties))
        if later_in_run:
            tail = rest.makeelement(f"{{{W}}}r")
            if (run_properties := run.find(f"{{{W}}}rPr")) is not None:
                tail.append(deepcopy(run_properties))
            tail.extend(later_in_run)
            rest.append(tail)
        rest.extend(later_runs)
        paragraph.addnext(rest)
        paragraph.addnext(mark)


def _shows_anything(elements: list[_Element]) -> bool:
    return any(
        found.tag != f"{{{W}}}t" or (found.text or "").strip()
        for element in elements
        for found in element.iter(*_CONTENT)
    )


def _odt_breaks_marked(root: _Element) -> int:
    breaks = {
        key: _odt_sides(properties)
        for key, properties in style_properties(root, "paragraph").items()
    }
    marked = 0
    for paragraph in list(root.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h")):
        key = style_of(paragraph)
        before, after = breaks.get(key, (None, None)) if key else (None, None)
        if "page" not in (before, after) or not _can_break(paragraph):
            continue
        mark = _mark(paragraph, f"{{{TEXT}}}p")
        if before == "page":
            paragraph.addprevious(mark)
        else:
            paragraph.addnext(mark)
        marked += 1
    return marked


def _mark(near: _Element, *tags: str) -> _Element:
    """A paragraph holding only MARK: `tags` the paragraph's and those the text is in."""
    paragraph = inner = near.makeelement(tags[0])
    for tag in tags[1:]:
        inner.append(child := inner.makeelement(tag))
        inner = child
    inner.text = MARK
    return paragraph


def page_breaks_in_page_marked(page: str) -> str:
    """`page`, a word processor's web page, with a `\\newpage` paragraph where a style says
    a page breaks: an element that is only the break (a rule, a line break in a span of
    its own) becomes it."""
    return page_edited(page, _styled_breaks_marked) if _BREAK_STYLE.search(page) else page


def page_breaks_in_body_marked(body: str) -> str:
    """`body`, the HTML of a Markdown document, with a `\\newpage` paragraph for each
    element styled to break the page, as Typora, Obsidian and VS Code's Markdown PDF have
    their writers type one (`<div style="page-break-after: always;"></div>`)."""
    if not _BREAK_STYLE.search(body):
        return body
    root = body_tree(body)
    return body_html(root) if _styled_breaks_marked(root) else body


def _styled_breaks_marked(root: Any) -> int:
    marked = 0
    for element in root.xpath(".//*[@style][not(ancestor::table)][not(ancestor::head)]"):
        if (found := _BREAK_STYLE.search(element.get("style"))) is None:
            continue
        block = element  # the block the break is in, or is
        while block.getparent().tag not in _CONTAINERS:
            block = block.getparent()
        mark = _mark(root, "p")
        if _shows_nothing(block):
            mark.tail = block.tail
            block.getparent().replace(block, mark)
        elif found[1].lower() == "before":
            block.addprevious(mark)
        else:
            mark.tail, block.tail = block.tail, None
            block.addnext(mark)
        marked += 1
    return marked


def _shows_nothing(element: Any) -> bool:
    return not element.text_content().strip() and next(element.iter(*_SHOWN), None) is None
