"""Pages Google Docs writes ("File → Download → Web page"), made the plain HTML pandoc reads.

Google Docs marks up a document by classes of its own style sheet rather than by elements,
and pandoc, which reads elements, kept the words and lost the rest:
- bold, italic, superscript and subscript are spans styled `.c4{font-weight:700}`: they
  become <strong>, <em>, <sup> and <sub> (the style sheet inlined by css-inline first);
- the paragraph in the Title style (`p.title`) is the document's title, and one in the
  Subtitle style its subtitle, rather than its first paragraphs;
- each level of a nested list is a list of its own after its parent (`ul.lst-kix_x-1`
  after `ul.lst-kix_x-0`): each goes back inside the item it follows, and the parts of one
  list another level interrupted are one list again;
- comments are links to paragraphs at the end (`#cmnt1`), as footnotes are (`#ftnt1`,
  made notes by `pagenotes` as any word processor's): they are between editors, and are
  left out, as Word's are;
- every link goes through Google's redirect (`https://www.google.com/url?q=…&usg=…`),
  undone for every document's links (`redirects`);
- blank paragraphs, which Google Docs writes for each empty line, are left out.

Text pasted from Google Docs into another page carries the same inline styles, in a
`<b style="font-weight:normal" id="docs-internal-guid-…">` that is not bold.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from .pagehead import paragraph_to_head
from .pagenotes import call_holder, note_pairs

log = logging.getLogger(__name__)

_SIGNS = re.compile(r'class="[^"]*\bdoc-content\b|\blst-kix_|id="docs-internal-guid-')
_LIST_LEVEL = re.compile(r"\blst-kix_(\S+)-(\d+)\b")
_BOLD = {"bold", "bolder", "600", "700", "800", "900"}
_POSITIONS = {"super": "sup", "sub": "sub"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def is_google_docs(page: str) -> bool:
    """Whether `page` is one Google Docs wrote, or holds text pasted from one."""
    return bool(_SIGNS.search(page))


def plain_google_docs(page: str, source: Path) -> str:
    """`page` as plain HTML: see the module's docstring. `source` names it in messages."""
    import css_inline
    import lxml.html

    inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)
    try:
        tree = lxml.html.document_fromstring(inliner.inline(page))
    except (ValueError, lxml.etree.ParserError):
        return page
    body: Any = tree.find("body")
    if body is None:
        return page
    _title_and_subtitle(tree, body)
    styles_as_emphasis(body)
    _nested_lists(body)
    comments = _without_comments(body)
    for element in list(body.iter(lxml.etree.Element)):  # elements, not comments
        for attribute in ("class", "style"):
            element.attrib.pop(attribute, None)
        if element.tag == "span" and not element.attrib:  # a style's holder, nothing more
            element.drop_tag()
    _without_blank_paragraphs(body)
    if comments:
        log.info("%s: %d comment(s) left out: they are for the editors", source, comments)
    return str(lxml.html.tostring(tree, encoding="unicode"))


def _title_and_subtitle(tree: Any, body: Any) -> None:
    """The Title and Subtitle paragraphs as the page's <title> and subtitle <meta>."""
    for style in ("title", "subtitle"):
        paragraph = next((p for p in body.iter("p") if style in p.get("class", "").split()), None)
        if paragraph is not None:
            paragraph_to_head(tree, paragraph, style)


def styles_as_emphasis(root: Any) -> None:
    """The bold, italic, superscript and subscript that inline styles give spans under
    `root`, as elements; a <b> styled not bold unwrapped. Text pasted from Google Docs into
    a post (WordPress's classic editor keeps it as it comes) is styled so: the sanitiser,
    which drops styles, made a whole paragraph bold and its bold words plain."""
    for element in list(root.iter("span", "b")):
        _emphasis_of_style(element)


def _declarations(style: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in style.split(";") if ":" in part)
    return {name.strip().lower(): value.strip().lower() for name, value in pairs}


def _emphasis_of_style(element: Any) -> None:
    """A styled span's bold, italic, superscript or subscript as elements around its content;
    a <b> styled not bold (text pasted from Google Docs) unwrapped."""
    style = _declarations(element.get("style", ""))
    if element.tag == "b":
        if style.get("font-weight") in ("normal", "400"):
            element.drop_tag()
        return
    in_heading = any(a.tag in _HEADINGS for a in element.iterancestors())
    wanted = []
    if style.get("font-weight") in _BOLD and not in_heading:
        wanted.append("strong")
    if style.get("font-style") in ("italic", "oblique"):
        wanted.append("em")
    if position := _POSITIONS.get(style.get("vertical-align", "")):
        wanted.append(position)
    for tag in wanted:
        _wrap_content(element, tag)


def _wrap_content(element: Any, tag: str) -> None:
    import lxml.html

    inner = lxml.html.Element(tag)
    inner.text, element.text = element.text, None
    inner.extend(list(element))
    element.append(inner)


def _nested_lists(body: Any) -> None:
    """Each Google Docs list level back inside the item before it; the parts of one list
    that a deeper level split joined again (see the module's docstring)."""
    for parent in [e for e in body.iter() if any(_level(c) for c in e)]:
        open_lists: dict[int, Any] = {}  # level → the list it goes on at
        list_id = None
        for child in list(parent):
            level = _level(child)
            if level is None or (child.getprevious() is not None and _text_between(child)):
                open_lists, list_id = {}, None
            if level is None:
                continue
            kind, depth = level
            if kind == list_id and depth in open_lists:
                same = open_lists[depth]
                same.extend(list(child))
                child.drop_tree()
            elif kind == list_id and any(d < depth for d in open_lists):
                holder = open_lists[max(d for d in open_lists if d < depth)]
                if len(holder):
                    holder[-1].append(child)
                open_lists[depth] = child
            else:
                open_lists, list_id = {depth: child}, kind
            open_lists = {d: e for d, e in open_lists.items() if d <= depth}


def _level(element: Any) -> tuple[str, int] | None:
    if not isinstance(element.tag, str) or element.tag not in ("ul", "ol"):
        return None
    match = _LIST_LEVEL.search(element.get("class", ""))
    return (match.group(1), int(match.group(2))) if match else None


def _text_between(element: Any) -> bool:
    previous = element.getprevious()
    return bool((previous.tail or "").strip())


def _without_comments(body: Any) -> int:
    """Comments left out, their calls and their texts; how many there were."""
    comments = [pair for pair in note_pairs(body) if pair[0].get("href").startswith("#cmnt")]
    for call, _, block in comments:
        call_holder(call).drop_tree()
        block.drop_tree()
    return len(comments)


def _without_blank_paragraphs(body: Any) -> None:
    """Google Docs' empty lines: blank paragraphs, and line breaks between paragraphs
    (as it puts them on the clipboard)."""
    for paragraph in list(body.iter("p")):
        if not paragraph.text_content().strip() and not paragraph.xpath(".//img"):
            paragraph.drop_tree()
    for line_break in body.findall("br"):
        line_break.drop_tree()
