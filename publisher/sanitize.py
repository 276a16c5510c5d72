"""The one HTML policy every document body passes through before any renderer sees it.

Built on nh3 (Ammonia): an allowlist of tags and attributes, http(s), mailto and tel links only,
so scripts, event handlers, iframes, SVG, javascript: and data: URLs never survive.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from typing import Any

import nh3

from .attribute_values import is_datetime, valid_value
from .controls import strip_controls, without_break_hints, without_idle_direction_marks
from .embeds import players_as_links
from .html_tags import TAG, VOID
from .languages import well_formed_tag
from .limits import DEFAULT_LIMITS
from .lone_items import items_housed
from .nesting import nesting_mended
from .numerals import COUNTER_STYLES
from .post_embeds import posts_quoted_in
from .table_spans import spans_mended

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
    "bdi",
    "bdo",
    "aside",
}
_GLOBAL_ATTRIBUTES = {"lang", "dir", "id", "title", "class"}
_ATTRIBUTES = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type", "reversed", "style"},  # style: its digits' counter style only
    "td": {"colspan", "rowspan", "align", "style"},  # style: its text-align only
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "time": {"datetime"},
    "blockquote": {"cite"},  # a <q>'s none: pandoc writes it on a <span> in the EPUB
}
# Where a link in any output may lead: the web, and what opens a mail or a call
ADDRESS_SCHEMES = ("mailto", "tel")  # no host to check
URL_SCHEMES = ("http", "https", *ADDRESS_SCHEMES)
_DROP_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "template",
    "noscript",
    "frame",
    "frameset",
    "applet",
    "form",
    "textarea",
    "select",
}


_DIRECTIONS = frozenset({"ltr", "rtl", "auto"})
# A joiner a paste left at an address's end (inside, a Persian or Arabic word in the path
# may need it).
_JOINERS_AT_END = re.compile("[\u200c\u200d]+$")
_ALIGNMENTS = frozenset({"left", "right", "center", "justify", "start", "end"})
_LIST_STYLES = frozenset(COUNTER_STYLES)


def _attribute_value(element: str, attribute: str, value: str) -> str | None:
    """`dir` only as ltr, rtl or auto, `lang` only as a well-formed BCP 47 tag, a cell's
    `style` only as its text-align and a numbered list's as the digits it counts in
    ("١." "٢.": `typed_lists`); any other value of each is dropped (the element stays).
    Numbers, dates, ids and a quotation's address as HTML allows them (`valid_value`)."""
    if attribute == "style" and element == "ol":
        return kept_declaration(value, "list-style-type", _LIST_STYLES)
    if attribute == "style":
        return text_alignment(value)
    if attribute == "dir":
        direction = value.strip().lower()
        return direction if direction in _DIRECTIONS else None
    if attribute == "lang":
        tag = value.strip()
        return tag if well_formed_tag(tag) else None
    if attribute in ("href", "src"):
        return without_invisibles(value)
    return valid_value(element, attribute, value)  # a number, date, id or address


def without_invisibles(address: str) -> str:
    """`address` without what a paste left in it unseen, which no address holds on purpose:
    break hints (`without_break_hints`) and byte-order marks anywhere, joiners at its end."""
    return _JOINERS_AT_END.sub("", without_break_hints(address).replace("\ufeff", ""))


def text_alignment(style: str) -> str | None:
    """The one declaration a table cell's `style` keeps: `text-align` with a keyword value,
    as pandoc writes a Markdown column's alignment (`|----:|`); None when it has none.

    Written back from the keyword alone, so nothing else in the attribute can come with it
    (nh3's own style filter keeps any value, and mangles some)."""
    return kept_declaration(style, "text-align", _ALIGNMENTS)


def kept_declaration(style: str, name: str, keywords: frozenset[str]) -> str | None:
    """The declaration of `name` in `style` whose value is one of `keywords`, written back
    from the keyword alone; None when there is none."""
    kept = None
    for declaration in style.split(";"):
        written, _, value = declaration.partition(":")
        keyword = value.strip().lower()
        if written.strip().lower() == name and keyword in keywords:
            kept = f"{name}: {keyword}"  # the last one wins, as in CSS
    return kept


def clean_html(fragment: str, max_depth: int | None = DEFAULT_LIMITS.html_depth) -> str:
    """Return `fragment` with everything outside the allowlist removed (and control
    characters, which no XML output can hold, even when an entity spelled them), and
    elements nested deeper than `max_depth` unwrapped (None: left as they are). Players
    of videos and sounds on the web become links to them (`embeds`)."""
    cleaned = nh3.clean(
        unknown_elements_unwrapped(
            players_as_links(posts_quoted_in(formulas_as_text(raw_text_closed(fragment))))
        ),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_value,
        url_schemes=set(URL_SCHEMES),
        clean_content_tags=_DROP_WITH_CONTENT,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = items_housed(nesting_mended(headings_ended(reopened_unwrapped(cleaned))))
    cleaned = spans_mended(saying_nothing_unwrapped(cleaned))
    cleaned = strip_controls(_LINK_START.sub(_rel_only_with_href, cleaned))[0]
    return flatten_deep_html(cleaned, max_depth)[0] if max_depth is not None else cleaned


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A link's start tag (quoted values may hold ">") and its end tag, nothing but spaces between
_EMPTY_LINK = re.compile(r'<a\b(?:[^<>"]|"[^"]*")*>\s*</a>', re.IGNORECASE)
_SAYING_NOTHING = re.compile(rf"<time|<bdo|{_EMPTY_LINK.pattern}", re.IGNORECASE)


def saying_nothing_unwrapped(cleaned: str) -> str:
    """`cleaned` without the tags of a <time> that gives no time (its `datetime` dropped or
    never given, its words no date: "<time>Tuesday</time>") and a <bdo> that gives no
    direction, their words kept: no valid HTML holds either (the Nu HTML checker failed the
    page), and neither tells a reader anything. A link that holds nothing (a saved page's
    heading anchor, its icon gone; a link an HTML parser opened again after a heading it
    was written around) goes too: a screen reader stops on it and can say nothing of it
    (Ace failed the EPUB). One that is named by an `id` stays, for what links to it."""
    if not _SAYING_NOTHING.search(cleaned):  # almost every body
        return cleaned

    def unwrap(tag: re.Match[str], _: int) -> bool:
        name = tag[2].lower()
        if name == "bdo":
            return ' dir="' not in tag[0]
        if name == "a":
            return ' id="' not in tag[0] and bool(_EMPTY_LINK.match(cleaned, tag.start()))
        if name != "time" or " datetime=" in tag[0]:
            return False
        end = cleaned.find("<", tag.end())  # its words, when no element is inside it
        return not (cleaned.startswith("</time>", end) and is_datetime(cleaned[tag.end() : end]))

    return _unwrapped_where(cleaned, unwrap)[0]


def headings_ended(cleaned: str) -> str:
    """`cleaned` with each heading a paragraph never closed ("<h2>What we want", pasted
    off a page's source) ended where its first block begins: it held the rest of the text,
    printed as one heading, and a heading holds no block in valid HTML. (libxml2's parser
    ends it there, where a browser's does not.) A heading left empty so (Markdown's "<h2>"
    on a line of its own) is the paragraph under it, and the empty paragraphs the parser
    made around it go."""
    if not _block_in_a_heading(cleaned):  # almost every body
        return cleaned
    from .tree_edits import body_html, body_tree, drop_keeping_tail

    root = body_tree(cleaned)
    for heading in list(root.iter(*_HEADINGS)):
        under = heading.getnext()
        if not _empty(heading) or under is None or under.tag != "p" or _words(heading.tail):
            continue
        heading.text = under.text
        for child in list(under):
            heading.append(child)  # with its tail
        drop_keeping_tail(under)
    for paragraph in list(root.iter("p")):
        beside = (paragraph.getprevious(), paragraph.getnext())
        if _empty(paragraph) and any(e is not None and e.tag in _HEADINGS for e in beside):
            drop_keeping_tail(paragraph)
    return body_html(root)


def _empty(element: Any) -> bool:
    return not len(element) and not _words(element.text)


def _words(text: str | None) -> bool:
    return bool(text and text.strip())


def _block_in_a_heading(cleaned: str) -> bool:
    """Whether a block starts inside a heading, by nh3's tags (no parser: linear)."""
    if not re.search(r"<h[1-6]\b", cleaned):
        return False
    open_headings = 0
    for tag in TAG.finditer(cleaned):
        name = tag[2].lower()
        if name in _HEADINGS:
            open_headings += -1 if tag[1] else 1
        elif open_headings > 0 and not tag[1] and name in _BLOCK_NAMES:
            return True
    return False


# What an HTML parser opens again after a block that closed it unclosed (the standard's
# "formatting elements"): a "<strong>" or a link a pasted text's paragraph never closes
# came back around every block after it, at the whitespace between them.
_FORMATTING = "a|b|big|code|em|font|i|nobr|s|small|strike|strong|tt|u"
_BLOCK = (
    "p|div|section|article|aside|blockquote|figure|figcaption|header|footer|ul|ol|li|dl|dt|dd"
    "|table|pre|hr|address|details|h1|h2|h3|h4|h5|h6"
)
_FORMATTING_NAMES = frozenset(_FORMATTING.split("|"))
_BLOCK_NAMES = frozenset(_BLOCK.split("|"))
# As nh3 writes them: a block's end, elements opened straight after it (each repeat
# possessive: in time linear in a body nested thousands deep), and the next block
_REOPENING = re.compile(
    rf"</(?:{_BLOCK})>((?:<(?:{_FORMATTING})\b[^<>]*>)++)(?=\s*<(?:{_BLOCK})\b)"
)


def reopened_unwrapped(cleaned: str) -> str:
    """`cleaned` without the bold, italics, code or link an HTML parser opened again around
    the blocks after the one that left it open: the rest of the text was bold, or one
    link, and a <p> in a <strong> is no valid HTML. Opened again: the same tags, written
    alike, as the elements the block's end closed, in their order. A <b> written around
    paragraphs stays, and so does a link around a card's paragraphs."""
    if not _REOPENING.search(cleaned):  # almost every body
        return cleaned
    # at the end of each block that closed elements left open: their tags, outermost first
    closed_open: dict[int, list[str]] = {}
    stack: list[tuple[str, str]] = []  # each element open: its name, its tag as written
    run: list[str] = []  # the elements closed just now, one straight after the other
    last_end = -1  # where the tag before ended
    for tag in TAG.finditer(cleaned):
        name, adjacent, last_end = tag[2].lower(), tag.start() == last_end, tag.end()
        if name in VOID or not tag[1]:
            if name not in VOID:
                stack.append((name, tag[0]))
            run = []
            continue
        opened, written = stack.pop() if stack else (name, "")
        if opened in _FORMATTING_NAMES:
            if not adjacent:
                run = []
            run.append(written)
            continue
        if opened in _BLOCK_NAMES and adjacent and run:
            closed_open[tag.end()] = run[::-1]  # innermost closed first: outermost first
        run = []
    reopened = set()
    for found in _REOPENING.finditer(cleaned):
        chain = list(TAG.finditer(found[1]))
        if [tag[0] for tag in chain] == closed_open.get(found.start(1)):
            reopened |= {found.start(1) + tag.start() for tag in chain}
    return _unwrapped_where(cleaned, lambda tag, _: tag.start() in reopened)[0]


_LINK_START = re.compile(r"<a\b[^>]*>")
_REL = ' rel="noopener noreferrer"'


def _rel_only_with_href(tag: re.Match[str]) -> str:
    """A link whose address the allowlist took away (javascript:, file:…) keeps its words,
    but not the `rel` nh3 gives every link: without an href, `rel` is invalid HTML, and
    the Nu checker failed the page."""
    return tag[0] if " href=" in tag[0] else tag[0].replace(_REL, "")


# Elements whose content HTML reads as text up to their end tag, which a writer's embed code
# often closes XML-style (<iframe … />, <script src=… />) or not at all: read as HTML, the
# rest of the article became their content, and was dropped with them. So with the others
# the sanitiser drops with their content (a <select> or <template> never closed).
# The start tag of one: its name, its attributes, and "/" when self-closed.
NEVER_CLOSED_OPEN = re.compile(
    r"<(script|style|textarea|title|iframe|noembed|noframes|noscript|xmp|plaintext"
    r"|select|template|svg|math|object|applet|form|frameset)\b"
    r"""((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>""",
    re.IGNORECASE,
)


def raw_text_closed(fragment: str) -> str:
    """`fragment` with each such element closed where it stands when it was self-closed, and
    its start tag alone left out when nothing ends it: the text after it stays text."""
    if "<" not in fragment:
        return fragment
    parts: list[str] = []
    ends: dict[str, list[re.Match[str]]] = {}  # each element's end tags, found once
    position = 0
    while found := NEVER_CLOSED_OPEN.search(fragment, position):
        name = found.group(1).lower()
        parts.append(fragment[position : found.start()])
        if found.group(3):  # <iframe … />
            parts.append(f"<{found.group(1)}{found.group(2)}></{found.group(1)}>")
            position = found.end()
            continue
        if name not in ends:
            ends[name] = list(re.finditer(rf"</{name}\s*>", fragment, re.IGNORECASE))
        after = bisect.bisect_left(ends[name], found.end(), key=lambda end: end.start())
        if after == len(ends[name]) or name == "plaintext":  # (<plaintext> has no end)
            position = found.end()  # the tag left out, what follows it kept
            continue
        end = ends[name][after]
        parts.append(fragment[found.start() : end.end()])
        position = end.end()
    parts.append(fragment[position:])
    return "".join(parts)


# MathML's elements that set a formula's characters in a row, so that its text reads as the
# formula ("x=2"); a fraction, power or root read as its text would not ("1/2" as "12").
_IN_A_ROW = frozenset(
    {"math", "mrow", "mi", "mo", "mn", "mtext", "ms", "mspace", "mstyle", "semantics"}
)
_MATH = re.compile(r"<math\b[^>]*>.*?</math\s*>", re.IGNORECASE | re.DOTALL)
_ANNOTATION = re.compile(r"<(annotation(?:-xml)?)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def formula_text(math: str) -> str | None:
    """The text a MathML formula (`<math>…</math>`) reads as, when its characters are set in
    a row ('x=2'; its annotations, a TeX copy, left out); None when it is laid out."""
    inner = _ANNOTATION.sub("", math)
    if not {name.lower() for name in _ANY_TAG.findall(inner)} <= _IN_A_ROW:
        return None
    return " ".join(html.unescape(_ANY_TAG.sub("", inner)).split()) or None


def formulas_as_text(fragment: str) -> str:
    """`fragment` with each MathML formula as the text it reads as (`formula_text`), or left
    out: no output shows MathML, which the allowlist drops with what it holds."""
    if "<" not in fragment:
        return fragment
    return _MATH.sub(lambda found: html.escape(formula_text(found[0]) or "", quote=False), fragment)


# Every element HTML has or had (the WHATWG's index, and the obsolete ones browsers still
# parse): a "tag" in Markdown named otherwise is a writer's placeholder, not markup.
HTML_ELEMENTS = frozenset({
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo",
    "blockquote", "body", "br", "button", "canvas", "caption", "cite", "code", "col",
    "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt",
    "em", "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins",
    "kbd", "label", "legend", "li", "link", "main", "map", "mark", "menu", "meta", "meter",
    "nav", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture",
    "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search", "section",
    "select", "slot", "small", "source", "span", "strong", "style", "sub", "summary", "sup",
    "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title",
    "tr", "track", "u", "ul", "var", "video", "wbr", "svg", "math",
    # obsolete, and still parsed
    "acronym", "applet", "basefont", "bgsound", "big", "blink", "center", "command", "dir",
    "font", "frame", "frameset", "image", "isindex", "keygen", "listing", "marquee",
    "menuitem", "multicol", "nextid", "nobr", "noembed", "noframes", "plaintext", "rb", "rtc",
    "spacer", "strike", "tt", "xmp",
})  # fmt: skip
_END_TAG = re.compile(r"</([A-Za-z][\w.:-]*)\s*>")
# (A "<" ends a tag's attributes unquoted: from each "<" of "<a <a <a …", looking for a
# ">" to the text's end took as the square of their number, 38 s for 10,000.)
_ANY_TAG = re.compile(r"""</?([A-Za-z][\w.:-]*)(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?/?>""")


# A "<" that starts no tag nor comment: text ("pay rise <inflation", "<5%"), which an HTML
# parser reads to the end as a tag left open, and takes out with every word after it.
_NO_TAG = re.compile(r"<(?!!--|" + _ANY_TAG.pattern.removeprefix("<") + ")")


def unknown_tags_as_text(fragment: str, bare_only: bool = False) -> str:
    """`fragment` with each tag HTML does not have written out as text: in Markdown,
    "Dear <Name>," and "sign it <your name here>" are a model letter's placeholders, which
    pandoc passes on as tags and the sanitiser took out with the words in them.

    Still tags (the sanitiser drops them, keeping what they hold): those of a namespace
    (Word's <o:p>), those closed (a site's component, <Callout>…</Callout> or <Badge … />)
    and, with `bare_only`, those giving an attribute a value (for plain text, which must
    never hold what a careless template could make an element of)."""
    if "<" not in fragment:
        return fragment
    closed = {name.lower() for name in _END_TAG.findall(fragment)}

    def written(tag: re.Match[str]) -> str:
        name = tag.group(1)
        if name.lower() in HTML_ELEMENTS or ":" in name:
            return tag.group(0)
        if name.lower() in closed or tag.group(0).endswith("/>"):
            return tag.group(0)
        if bare_only and "=" in tag.group(0):  # an attribute's value: never written out
            return tag.group(0)
        return html.escape(tag.group(0), quote=False)

    return _ANY_TAG.sub(written, fragment)


def unknown_elements_unwrapped(fragment: str) -> str:
    """`fragment` without the tags of elements HTML does not have (a site's <Card>…</Card>,
    Word's <o:p>), what they hold kept, as the sanitiser leaves any other it does not
    allow. It would not leave what some hold: those named as MathML's or SVG's elements
    are (ammonia drops them whole: <card>, <list>, <set>, <union>, <path>, <line>…), and
    a Starlight or Mintlify post's <Card title="…">…</Card> lost its words."""
    if "<" not in fragment:
        return fragment
    return _ANY_TAG.sub(lambda t: t[0] if t[1].lower() in HTML_ELEMENTS else "", fragment)


def flatten_deep_html(cleaned: str, max_depth: int) -> tuple[str, int]:
    """Unwrap elements nested deeper than `max_depth`, keeping their text; return the
    body and how many were unwrapped.

    Thousands of nested elements crash renderers (a recursive layout runs out of stack),
    and no article needs more than a few dozen. Exact on `clean_html`'s output; on a raw
    page (before pandoc, which takes minutes over thousands of levels) it is a rough cut
    whose result the sanitiser then cleans like any other page.
    """
    return _unwrapped_where(cleaned, lambda _, depth: depth >= max_depth)


def _unwrapped_where(cleaned: str, unwrap: Callable[[re.Match[str], int], bool]) -> tuple[str, int]:
    """`cleaned` without the tags of the elements `unwrap` picks (their start tag, and the
    depth of the elements kept around it), their text and children kept; and how many."""
    kept: list[bool] = []  # for each open element: whether its tags are written
    parts: list[str] = []
    depth = unwrapped = position = 0
    for tag in TAG.finditer(cleaned):
        parts.append(cleaned[position : tag.start()])
        position = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        keep = True
        if name in VOID or tag.group(0).endswith("/>"):
            pass
        elif closing:
            keep = kept.pop() if kept else True
            depth -= keep
        else:
            keep = not unwrap(tag, depth)
            kept.append(keep)
            depth += keep
            unwrapped += not keep
        if keep:
            parts.append(tag.group(0))
    parts.append(cleaned[position:])
    return ("".join(parts), unwrapped) if unwrapped else (cleaned, 0)


LIST_LEVELS = 9  # Word, LibreOffice's default outline and Google Docs all stop at nine
_LIFTED = "<li data-publisher-lifted>"


def lift_deep_lists(cleaned: str, levels: int = LIST_LEVELS) -> tuple[str, int]:
    """Move the items of lists nested more than `levels` deep up to the deepest allowed
    list, in order and with their text; return the body and how many lists were lifted.

    Editors' lists come from word processors that stop at nine levels; deeper ones come
    from broken conversions or hostile input, and every level narrows the column: a
    900-level list is a staircase of one word per line over 23 pages and seconds of
    layout. Streaming over `clean_html`'s well-formed output, so depth costs no recursion.
    A nested list is lifted only where it sits directly in an item (as pandoc writes it):
    that item is closed before the list's items and reopened for any text after them.
    """
    out: list[str] = []
    stack: list[list[str]] = []  # [name, state]: list, lifted, item, closed-item, other
    lists = lifted = position = 0
    for tag in TAG.finditer(cleaned):
        out.append(cleaned[position : tag.start()])
        position = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        text = tag.group(0)
        if name in VOID or text.endswith("/>"):
            out.append(text)
        elif not closing:
            if name in ("ul", "ol") and lists >= levels and stack and stack[-1][1] == "item":
                stack[-1][1] = "closed-item"
                stack.append([name, "lifted"])
                lifted += 1
                out.append("</li>")
                continue
            state = "list" if name in ("ul", "ol") else "item" if name == "li" else "other"
            lists += state == "list"
            stack.append([name, state])
            out.append(text)
        else:
            state = stack.pop()[1] if stack else "other"
            lists -= state == "list"
            if state == "lifted":
                stack[-1][1] = "item"  # the item it sat in, reopened for what follows
                out.append(_LIFTED)
            else:
                out.append(text)
    out.append(cleaned[position:])
    if not lifted:
        return cleaned, 0
    body = re.sub(re.escape(_LIFTED) + r"(\s*)</li>", r"\1", "".join(out))
    return body.replace(_LIFTED, "<li>"), lifted


def plain_text(value: str) -> str:
    """Metadata (titles, names) is plain text: drop any markup, decode entities, fold spaces,
    and take out what a copy leaves unseen inside words (`without_break_hints`), and the
    direction marks a text without right-to-left letters has no use for.

    Repeated until stable so that entity-encoded tags ("&lt;script&gt;") cannot come back.
    """
    text = value
    for _ in range(5):
        kept = _NO_TAG.sub("&lt;", unknown_tags_as_text(raw_text_closed(text), bare_only=True))
        kept = unknown_elements_unwrapped(kept)
        cleaned = html.unescape(nh3.clean(kept, tags=set(), clean_content_tags=_DROP_WITH_CONTENT))
        if cleaned == text:
            break
        text = cleaned
    else:  # absurdly deep entity nesting: give up on angle brackets altogether
        text = text.replace("<", "").replace(">", "")
    unseen_out = without_idle_direction_marks(without_break_hints(strip_controls(text)[0]))
    return " ".join(unseen_out.split())


def element_text(element: Any) -> str:
    """An lxml element's text, its spaces and line ends folded to single spaces."""
    return " ".join(element.text_content().split())
