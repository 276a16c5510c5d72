"""The WeasyPrint plumbing the PDF and leaflet renderers share: importing WeasyPrint
quickly, laying out HTML with a fetcher that reads only the workspace and the theme, and
writing the PDF with its options and page boxes.

Importing WeasyPrint without probing the system for its libraries:
WeasyPrint opens GLib, Pango, HarfBuzz and fontconfig through cffi, asking for each by the
names it has on Windows, macOS and Linux in turn. For every name the dynamic loader cannot
open as it is, cffi calls `ctypes.util.find_library`, which on Linux runs `ldconfig -p`
and then gcc and ld: over 300 processes and 0.2 s per import. The Linux names WeasyPrint
also tries (`libpango-1.0.so.0` …) are the sonames Debian's packages install, and dlopen
finds those itself. So while WeasyPrint is imported, find_library says "not found" at once
and cffi moves on to the soname. Where that fails (a system whose libraries only
find_library can locate), WeasyPrint is imported again the usual way.

Pointer and array types without the C parser:
WeasyPrint asks cffi for types such as `PangoLogAttr[]`, `char *` and, to subset each font,
`hb_codepoint_t[n]`, a new type for every glyph count n. cffi parses each declaration it
has not seen with pycparser, after declaring every type name WeasyPrint knows: 5 to 15 ms a
time, for 8 such types when laying out any PDF and 20 to 40 arrays when writing an issue's,
in every process that writes one. Once WeasyPrint is imported, its cffi instance reads
`T *`, `T[]` and `T[n]` (T a type name, such as `unsigned int`) itself: it makes the syntax
tree pycparser would have made and hands it to cffi, which resolves it as after a parse (the
very same type object); anything else is parsed as before.

Page references built once per page count:
pydyf's `PDF.page_references` builds the tuple of every page's reference each time it is
read, and WeasyPrint's PDF tags read it once for every tagged element: quadratic in the
page count, 5 of the 48 CPU seconds of a 1 MB document's 300-page PDF. Once WeasyPrint is
imported, the tuple is kept until a page is added (pydyf's `add_page` only ever appends);
the PDF's bytes are the same.

Hyphenation dictionaries parsed once, not in every process: see hyphenation.py.

Emoji in grey for black-only printing: see `_emoji_in_grey`.

The PDF's tags mended for PDF/UA (languages, artifacts, links, notes): see pdf_tags.py.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import dataclasses
import itertools
import logging
import mimetypes
import re
import sys
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..footnotes import footnotes_at_page_foot
from ..imposition import PT_PER_MM
from ..model import Document
from ..printed_links import with_link_addresses
from ..printing import PrintOptions
from ..templating import default_theme_dir
from ..tree_edits import body_html, body_tree
from ..urls import split_url
from . import hyphenation, stylesheets
from .base import RenderContext
from .greyscale import grey_drawing, grey_picture
from .links import keep_safe_links
from .pdf_tags import mend_tagging

if TYPE_CHECKING:
    import weasyprint
    from lxml.html import HtmlElement

log = logging.getLogger(__name__)

_importing = threading.Lock()
_mending = threading.Lock()


def import_weasyprint() -> ModuleType:
    """WeasyPrint, imported once per process (a thread warming it up and a render may ask
    at the same time: only one of them swaps find_library)."""
    with _importing:
        if (module := sys.modules.get("weasyprint")) is not None:
            return module
        return _import_without_probing()


def _import_without_probing() -> ModuleType:
    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint
    except OSError:
        for name in [m for m in sys.modules if m.partition(".")[0] == "weasyprint"]:
            del sys.modules[name]
        ctypes.util.find_library = find_library
        import weasyprint
    finally:
        ctypes.util.find_library = find_library
    from weasyprint.text.ffi import ffi

    ffi._parsed_types = _TypesWithoutParsing(ffi, ffi._parsed_types)
    import pydyf  # WeasyPrint's PDF writer

    pydyf.PDF.page_references = property(_page_references)
    hyphenation.use_kept_copies()
    module: ModuleType = weasyprint
    return module


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    """pydyf's `PDF.page_references`, built again only when a page was added since."""
    kids = pdf.pages["Kids"]  # [number, 0, "R"] for each page
    cached: tuple[int, tuple[bytes, ...]] | None = pdf.__dict__.get("_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_page_references"] = cached
    return cached[1]


_POINTER_OR_ARRAY = re.compile(r"([A-Za-z_]\w*(?: [A-Za-z_]\w*)*) ?(?:(\*)|\[(\d*)\])")

_KEYWORDS = {"struct", "union", "enum", "const", "volatile", "restrict"}


class _TypesWithoutParsing(dict[str, Any]):
    """cffi's cache of parsed declarations, which reads `T *`, `T[]` and `T[n]` itself when
    one is missing (cffi looks a declaration up here before it parses one: see the module's
    docstring)."""

    def __init__(self, ffi: Any, parsed: dict[str, Any]) -> None:
        super().__init__(parsed)
        self._ffi = ffi

    def __missing__(self, declaration: str) -> Any:
        from pycparser import c_ast  # imported already, by cffi

        match = _POINTER_OR_ARRAY.fullmatch(declaration)
        if match is None:
            raise KeyError(declaration)  # cffi parses it
        name, pointer, length = match.groups()
        if not _KEYWORDS.isdisjoint(name.split()):
            raise KeyError(declaration)  # `struct T *`, `const T *`…: cffi parses it
        # The tree pycparser makes of `void __dummy(T *);` for the parameter's type
        item = c_ast.TypeDecl(None, [], None, c_ast.IdentifierType(name.split()))
        if pointer:
            tree: c_ast.Node = c_ast.PtrDecl([], item)
        else:
            tree = c_ast.ArrayDecl(item, c_ast.Constant("int", length) if length else None, [])
        try:
            with self._ffi._lock:  # held for cffi's caches, as when it parses
                kind, _qualifiers = self._ffi._parser._get_type_and_quals(tree)
                built = self._ffi._get_cached_btype(kind)
        except Exception:  # an unknown name…: cffi parses it, and says what is wrong
            raise KeyError(declaration) from None
        self[declaration] = (built, False)  # as cffi stores it: (type, "is a function")
        return self[declaration]


def printable(document: Document, at_end: Collection[str] = ()) -> Document:
    """The document as print lays it out: its links' addresses printed (`printed_links`),
    footnotes at the page foot (but the notes whose ids are `at_end`: after the text), and
    no word too long to lay out in good time (`breakable_long_words`)."""
    notes = footnotes_at_page_foot(with_link_addresses(document.body_html), at_end)
    body = counted_as_written(breakable_long_words(notes))
    return dataclasses.replace(document, body_html=body)


_COUNTED_LIST = re.compile(r"<ol\b[^>]*\s(?:start|reversed)\b")


def counted_as_written(body: str) -> str:
    """`body` with each numbered list that does not count 1, 2, 3 (<ol start="5">, as
    Markdown's "5." and Word's Set Numbering Value make it; <ol reversed>) counting as it
    says, in CSS counters: WeasyPrint ignores both attributes, and printed 1, 2 where
    every other output shows 5, 6. Only text with such a list is parsed and changed."""
    if not _COUNTED_LIST.search(body):
        return body
    root = body_tree(body)
    for numbered in root.iter("ol"):
        items = [child for child in numbered if child.tag == "li"]
        reversed_ = numbered.get("reversed") is not None
        start = _start(numbered.get("start"), len(items) if reversed_ else 1)
        if reversed_:
            _add_style(numbered, f"counter-reset: list-item {start + 1}")
            for item in items:
                _add_style(item, "counter-increment: list-item -1")
        elif start != 1:
            _add_style(numbered, f"counter-reset: list-item {start - 1}")
    return body_html(root)


def _start(written: str | None, default: int) -> int:
    """The number a list's start attribute gives (HTML: an integer, else the default)."""
    try:
        return int((written or "").strip())
    except ValueError:
        return default


def _add_style(element: HtmlElement, declaration: str) -> None:
    style = (element.get("style") or "").strip().rstrip(";")
    element.set("style", f"{style}; {declaration}" if style else declaration)


LONGEST_WORD = 2_000  # characters without a space: longer than any word or real address
# A run of text with no place a line may break: the no-break spaces (U+00A0, U+202F, U+2007)
# are part of it, and so are the inline tags inside it (`<b>x</b><b>y</b>…`), not a block's
_UNBROKEN = "[^\t\n\f\r <>\u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]"
_LONG_WORD = re.compile(f"{_UNBROKEN}{{{LONGEST_WORD + 1},}}")
_BREAKING = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
_BREAKING_TAG = re.compile(rf"</?(?:{'|'.join(sorted(_BREAKING))})\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def breakable_long_words(body: str) -> str:
    """`body` with a break opportunity (U+200B) every 20 characters of a word longer than
    LONGEST_WORD. Print wraps a word wider than the line (overflow-wrap), and WeasyPrint
    takes time quadratic in the paragraph's length to do it: a word of 10,000 characters
    took 10 s, one of 100,000 (pasted data, a blob of base64) minutes. It does so for every
    piece wider than the line, so the pieces are short enough for any line publisher lays
    out (an A6 leaflet's, in wide letters). A word runs on through inline tags and no-break
    spaces, as the line breaker reads it, and ends with its block (a minified page's list
    items, written with no space between them, are words of their own). Only text with
    such a word is parsed and changed."""
    if not _LONG_WORD.search(_TAG.sub("", _BREAKING_TAG.sub("\n", body))):
        return body
    root = body_tree(body)
    pieces = list(_text_pieces(root))
    texts = ["\n" if piece is None else getattr(*piece) or "" for piece in pieces]
    breaks = [
        at
        for word in _LONG_WORD.finditer("".join(texts))
        for at in range(word.start() + 20, word.end(), 20)
    ]
    if not breaks:
        return body
    start = taken = 0
    for piece, text in zip(pieces, texts, strict=True):
        end, cuts = start + len(text), []
        while taken < len(breaks) and breaks[taken] < end:
            cuts.append(breaks[taken] - start)
            taken += 1
        if piece and cuts:
            edges = [0, *cuts, len(text)]
            setattr(*piece, "\u200b".join(text[a:b] for a, b in itertools.pairwise(edges)))
        start = end
    return body_html(root)


def _text_pieces(element: HtmlElement) -> Iterator[tuple[HtmlElement, str] | None]:
    """Where the text of `element` lies, in reading order: its text, each child's pieces
    and the child's tail; None where a block starts or ends (a line may break there)."""
    breaking = isinstance(element.tag, str) and element.tag.lower() in _BREAKING
    if breaking:
        yield None
    yield element, "text"
    for child in element:
        yield from _text_pieces(child)
        yield child, "tail"
    if breaking:
        yield None


def lay_out(
    html: str,
    stylesheet: str,
    template: str,
    ctx: RenderContext,
    paper: PrintOptions,
    product: str,
    documents: Iterable[Document],
) -> weasyprint.Document:
    """Lay out `html` into pages, reading only files inside the workspace and the theme;
    what WeasyPrint ignores in `stylesheet` (rendered from `template`, e.g. pdf/print.css)
    is said once, at its file and line (stylesheets.py).

    Tables keep their figures and words whole (print-base.css); one wider than its column
    even so is laid out again in type as much smaller as it is too wide, and, where that
    would be under LEAST_TABLE_PT, with its words broken where they must be (`Narrower`).
    A table is kept whole on a page (print-base.css); one that ran over pages even so is
    longer than a page, and is laid out again free to start under the text before it: kept
    whole, it was pushed to a page of its own, taking its heading and introduction along
    one page each, as WeasyPrint resolves the keeps that cannot all be met. A row is kept
    whole too, and one that ran over pages even so is longer than a page: it is let break
    inside, as kept whole WeasyPrint pushed it off the page of the table's start and printed
    it without the header row on every page but its last. Both are seen in the first layout,
    so a table longer than a page costs one layout more, whatever its rows."""
    module = import_weasyprint()

    base_url = ctx.config.documents_dir.resolve().as_uri() + "/"
    fetcher = workspace_fetcher(
        (ctx.config.root, default_theme_dir()),
        product=product,
        referrers=image_referrers(documents, base_url),
        grayscale=paper.black_only,
    )
    page = keep_safe_links(html)  # no file: link to the editor's disk, whatever the template
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()  # @font-face (a [style] font bundled in the workspace) needs one

    def render(page: str, rules: str = "", again: bool = True) -> weasyprint.Document:
        with stylesheets.ignored_rules() as ignored:
            css = module.CSS(string=stylesheet + rules, url_fetcher=fetcher, font_config=fonts)
        if not again:  # the stylesheet as written, said once
            stylesheets.warn(stylesheet, ignored, template, ctx.templates, ctx.config.root)
        return module.HTML(string=page, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=[css],
            font_config=fonts,
            **_pdf_options(paper, ""),
        )

    if not _TABLE.search(page):
        return render(page, again=False)
    page = numbered_tables(page)
    # A table of more rows than the page has room for is longer than a page: free to
    # break from the first layout, it costs no second one (a data appendix of 5,000 rows
    # took 54 s, laid out twice)
    long = tables_of_more_rows(page, paper.page_size.height_mm * PT_PER_MM / LEAST_ROW_PT)
    document = render(page, "".join(map(breakable_table, sorted(long))), again=False)
    narrower: dict[str, Narrower] = {}
    long_rows: set[str] = set()
    for _ in range(2):  # the second time, for a table still too wide: words broken too
        too_wide = tables_too_wide(document)
        over_pages = tables_over_pages(document) - long
        rows_over = rows_over_pages(document) - long_rows
        if not too_wide and not over_pages and not rows_over:
            break
        for number, (font_px, share) in too_wide.items():
            narrower[number] = Narrower.fitting(font_px, share, number in narrower)
        long |= over_pages
        long_rows |= rows_over
        rules = [fit.css(number) for number, fit in narrower.items()]
        rules += map(breakable_table, sorted(long))
        rules += map(breakable_row, sorted(long_rows))
        document = render(page, "".join(rules))
    return document


_TABLE = re.compile(r"<table\b")
_ROW = re.compile(r"<tr\b")
LEAST_TABLE_PT = 6.0  # the least type of a table too wide: fine print, as a contract's


@dataclasses.dataclass(frozen=True)
class Narrower:
    """How a table too wide for its column is set: in smaller type (CSS px), and maybe with
    its words broken anywhere (as a browser breaks them in a narrow column)."""

    font_px: float
    anywhere: bool

    @classmethod
    def fitting(cls, font_px: float, share: float, again: bool) -> Narrower:
        """For a table in `font_px` type that is `1 / share` times too wide: type as much
        smaller (its widths are in em, so it narrows as its type does), a little under;
        words broken when that is under the least size, or when a try at it did not fit."""
        least = LEAST_TABLE_PT * 96 / 72
        wanted = font_px * share * 0.97
        return cls(max(wanted, least), again or wanted < least)

    def css(self, number: str) -> str:
        table = f'table[data-table="{number}"]'
        rule = f"{table} {{ font-size: {self.font_px:.2f}px; }}"
        if self.anywhere:
            rule += f"{table} td, {table} th {{ overflow-wrap: anywhere; }}"
        return rule


def numbered_tables(page: str) -> str:
    """`page` with each <table> numbered in a `data-table` attribute, and each row <tr> in
    a `data-row` one, to find them again. Text and attribute values hold `<` escaped, so
    only a tag starts with `<table` or `<tr`."""
    tables, rows = itertools.count(1), itertools.count(1)
    page = _TABLE.sub(lambda _: f'<table data-table="{next(tables)}"', page)
    return _ROW.sub(lambda _: f'<tr data-row="{next(rows)}"', page)


def tables_too_wide(document: weasyprint.Document) -> dict[str, tuple[float, float]]:
    """The numbered tables wider than the box they are in, on any page: for each, its type
    size (CSS px) and the share of its width that fits. Read from WeasyPrint's boxes, which
    it has no public interface for: a WeasyPrint without them finds none (tables as laid)."""
    found: dict[str, tuple[float, float]] = {}

    def visit(box: Any) -> None:
        for child in getattr(box, "children", ()):
            number = _table_number(child)
            if number and child.margin_width() > box.width + 0.5:  # half a px: rounding
                share = min(found.get(number, (0, 1.0))[1], box.width / child.margin_width())
                found[number] = (child.get_wrapped_table().style["font_size"], share)
            visit(child)

    for page in document.pages:
        visit(getattr(page, "_page_box", None))
    return found


def tables_over_pages(document: weasyprint.Document) -> set[str]:
    """The numbered tables laid out on more than one page."""
    return _over_pages(document, _table_number)


def rows_over_pages(document: weasyprint.Document) -> set[str]:
    """The numbered rows laid out on more than one page."""
    return _over_pages(document, _row_number)


def _over_pages(document: weasyprint.Document, number_of: Callable[[Any], str | None]) -> set[str]:
    """The numbers (`number_of` a box, None for a box not numbered) of the boxes laid out
    on more than one page, from WeasyPrint's boxes (as `tables_too_wide`). A table's header
    and footer rows are printed again on each page it is on: they are not looked into."""
    pages: dict[str, set[int]] = {}

    def visit(box: Any, page: int) -> None:
        for child in getattr(box, "children", ()):
            if getattr(child, "is_header", False) or getattr(child, "is_footer", False):
                continue
            number = number_of(child)
            if number:
                pages.setdefault(number, set()).add(page)
            else:
                visit(child, page)

    for index, page in enumerate(document.pages):
        visit(getattr(page, "_page_box", None), index)
    return {number for number, on in pages.items() if len(on) > 1}


def notes_taller_than(document: weasyprint.Document, share: float) -> list[str]:
    """The ids (`data-note`) of the footnotes laid out taller than `share` of their page's
    text block, in order, from WeasyPrint's boxes (as `tables_too_wide`). WeasyPrint cannot
    run a footnote on over pages: one taller than the page is cut off above its top."""
    found: list[str] = []
    for page in document.pages:
        box: Any = getattr(page, "_page_box", None)
        for area in getattr(box, "children", ()):  # the page's root, footnote and note areas
            for note in getattr(area, "children", ()):
                element = getattr(note, "element", None)
                number = element.get("data-note") if element is not None else None
                if number and note.margin_height() > share * box.height:
                    found.append(number)
    return found


LEAST_ROW_PT = LEAST_TABLE_PT  # a row's least height: one line of the least type


def tables_of_more_rows(page: str, rows: float) -> set[str]:
    """The numbered tables of `page` (`numbered_tables`) with more than `rows` rows of their
    own (a table inside a cell counts its rows for itself)."""
    counts: dict[str, int] = {}
    open_tables: list[str] = []
    for tag in _TABLE_TAGS.finditer(page):
        if tag["table"]:
            open_tables.append(tag["table"])
            counts[tag["table"]] = 0
        elif tag[0].startswith("</"):
            if open_tables:
                open_tables.pop()
        elif open_tables:
            counts[open_tables[-1]] += 1
    return {number for number, count in counts.items() if count > rows}


_TABLE_TAGS = re.compile(r'<table data-table="(?P<table>\d+)"|</table\s*>|<tr\b', re.IGNORECASE)


def breakable_table(number: str) -> str:
    """The rule letting a table longer than a page break anywhere between its rows."""
    return f'table[data-table="{number}"] {{ break-inside: auto; }}'


def breakable_row(number: str) -> str:
    """The rule letting a row longer than a page break inside, under the header repeated
    on each page it runs over."""
    return f'tr[data-row="{number}"] {{ break-inside: auto; }}'


def _row_number(box: Any) -> str | None:
    """The data-row number of a numbered row's box (the first box of its element: its
    cells are not looked into); None for any other box."""
    element = getattr(box, "element", None)
    number: str | None = element.get("data-row") if element is not None else None
    return number


def _table_number(box: Any) -> str | None:
    """The data-table number of a numbered table's wrapper box; None for any other box."""
    element = getattr(box, "element", None)
    if not getattr(box, "is_table_wrapper", False) or element is None:
        return None
    number: str | None = element.get("data-table")
    return number


def write_pdf(
    document: weasyprint.Document, paper: PrintOptions, identifier: str, direction: str
) -> bytes:
    """The laid-out `document` as PDF bytes, in `direction` ('rtl': opening from the right)."""
    with _mending:  # two threads writing PDFs at once mend WeasyPrint once
        mend_tagging()

    def finish(_document: Any, pdf: Any) -> None:
        _pictures_named_by_content(pdf)
        _identified_elements_indexed(pdf)
        _set_bleed_box(pdf, paper.bleed * PT_PER_MM)
        if direction == "rtl":
            _open_from_the_right(pdf)

    with _emoji_in_grey(paper.black_only):
        pdf: bytes = document.write_pdf(finisher=finish, **_pdf_options(paper, identifier))
    return pdf


# WeasyPrint's name for an embedded picture: "i", the MD5 of the URL it was read from, and
# whether it is drawn interpolated (WeasyPrint's draw/stream.py)
_PICTURE_NAME = re.compile(r"i[0-9a-f]{32}[01]")


def _pictures_named_by_content(pdf: Any) -> None:
    """Each picture's name (its resource name, and the content streams' `/name Do` drawing
    it) made from the picture as embedded. WeasyPrint names it after its absolute file:
    URL, so the same workspace built in two folders (a checkout in CI, another on a laptop)
    gave different PDFs, /ID and all (the digest of the PDF's contents), even with
    SOURCE_DATE_EPOCH; and a feed giving the PDF's size differed too."""
    import hashlib

    import pydyf

    objects = {obj.reference: obj for obj in pdf.objects if obj.free != "f"}
    drawn: dict[bytes, bytes] = {}  # b"/iOLD0 Do" → b"/iNEW0 Do"
    for xobjects in _xobject_dictionaries(pdf):
        named = {}
        for name, reference in xobjects.items():
            picture = objects.get(reference)
            if _PICTURE_NAME.fullmatch(name) and isinstance(picture, pydyf.Stream):
                digest = hashlib.md5(picture.data, usedforsecurity=False).hexdigest()
                drawn[f"/{name} Do".encode()] = f"/i{digest}{name[-1]} Do".encode()
                name = f"i{digest}{name[-1]}"
            named[name] = reference
        xobjects.clear()
        xobjects.update(named)  # in the same order: it is the order they are written in
    for obj in pdf.objects:  # in place: WeasyPrint's streams may share their lists
        if isinstance(obj, pydyf.Stream) and drawn and obj.extra.get("Subtype") != "/Image":
            obj.stream[:] = [drawn.get(i, i) if isinstance(i, bytes) else i for i in obj.stream]


def _identified_elements_indexed(pdf: Any) -> None:
    """The structure tree's IDTree: each ID an element has (a footnote's Note, a table's
    header cell) → that element, which is how a reader finds the element an ID names.
    WeasyPrint (up to 70 at least) writes the IDs and no IDTree."""
    import pydyf

    elements = [o for o in pdf.objects if isinstance(o, pydyf.Dictionary)]
    root = next((o for o in elements if o.get("Type") == "/StructTreeRoot"), None)
    named = sorted(
        (str(o["ID"].string), o.reference)
        for o in elements
        if o.get("Type") == "/StructElem" and "ID" in o
    )
    if root is not None and named:
        names = [item for name, ref in named for item in (pydyf.String(name), ref)]
        root["IDTree"] = pydyf.Dictionary({"Names": pydyf.Array(names)})


def _xobject_dictionaries(pdf: Any) -> Iterator[dict[str, Any]]:
    """The XObject dictionaries of every resource dictionary in `pdf` (the pages' and the
    groups' and patterns' inside them), each once."""
    import pydyf

    stack: list[Any] = [o for o in pdf.objects if isinstance(o, dict)]
    stack += [o.extra for o in pdf.objects if isinstance(o, pydyf.Stream)]
    seen: set[int] = set()
    while stack:
        dictionary = stack.pop()
        if id(dictionary) in seen:
            continue
        seen.add(id(dictionary))
        if isinstance(xobjects := dictionary.get("XObject"), dict):
            yield xobjects
        stack += [value for value in dictionary.values() if isinstance(value, dict)]


def _open_from_the_right(pdf: Any) -> None:
    """/ViewerPreferences /Direction /R2L: a viewer showing pages two by two sets the first
    of each pair on the right, as an Arabic or Farsi publication opens (WeasyPrint has no
    option for it). The preferences it set (PDF/UA's DisplayDocTitle) are kept."""
    import pydyf

    preferences = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
    preferences["Direction"] = "/R2L"
    pdf.catalog["ViewerPreferences"] = preferences


@contextlib.contextmanager
def _emoji_in_grey(grey: bool) -> Iterator[None]:
    """For black-only printing, emoji in grey too. A colour emoji font (Noto Color Emoji)
    holds each emoji as a picture, which WeasyPrint draws as it writes the PDF, past the
    fetcher that greys every other picture: while it writes, each is made grey first."""
    if not grey:
        yield
        return
    import io

    from PIL import Image
    from weasyprint.draw import text

    made = text.RasterImage

    def grey_emoji(image: Any, image_id: str, data: bytes, *args: Any, **kwargs: Any) -> Any:
        grey = grey_picture(data)
        return made(Image.open(io.BytesIO(grey)), f"{image_id}-grey", grey, *args, **kwargs)

    text.RasterImage = grey_emoji
    try:
        yield
    finally:
        text.RasterImage = made


MAX_PRINT_PPI = 450


def _pdf_options(paper: PrintOptions, identifier: str) -> dict[str, Any]:
    # Tagged in every standard: PDF/UA-1 requires it, PDF/A and PDF/X are better for it.
    options: dict[str, Any] = {
        "pdf_variant": paper.standard,
        "pdf_tags": True,
        "pdf_identifier": identifier.encode() or None,
        "uncompressed_pdf": False,
        # A phone's photo, 15 MB, made the PDF 15 MB: printed a column wide, it has 1,200
        # pixels to the inch. A picture with more than MAX_PRINT_PPI where it stands is
        # embedded at that: half again what a press needs (300), and pictures near print
        # resolution are embedded as they are, never compressed twice.
        "dpi": MAX_PRINT_PPI,
    }
    if paper.standard.startswith("pdf/x"):
        # PDF/X needs an output intent with an ICC profile. WeasyPrint's default for it is
        # a CMYK one that only a stylesheet could supply; its colours are sRGB, so that is
        # the printing condition it declares (and the profile it embeds).
        options["output_intent"] = "srgb"
    return options


def _set_bleed_box(pdf: Any, bleed_pt: float) -> None:
    """BleedBox = TrimBox + the bleed on every side.

    WeasyPrint's media box is the CSS bleed area, which holds the marks too (printing.
    MARK_SLUG_MM), and it sets the BleedBox at most 10pt out; printers want the real bleed.
    """
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") == "/Page" and "TrimBox" in obj:
            left, bottom, right, top = (float(v) for v in obj["TrimBox"])
            obj["BleedBox"] = pydyf.Array(
                [left - bleed_pt, bottom - bleed_pt, right + bleed_pt, top + bleed_pt]
            )


def image_referrers(documents: Iterable[Document], base_url: str) -> dict[str, str]:
    """Each image URL in the bodies → the document (its source file) that references it."""
    from urllib.parse import unquote, urljoin

    from ..resources import image_sources

    return {
        unquote(urljoin(base_url, src)): str(doc.source)
        for doc in documents
        for src in image_sources(doc.body_html)
    }


def workspace_fetcher(
    allowed: tuple[Path, ...],
    product: str = "PDF",
    referrers: dict[str, str] | None = None,
    grayscale: bool = False,
) -> weasyprint.urls.URLFetcher:
    """A URL fetcher that reads regular files inside `allowed` folders only: no network,
    no /etc, no devices, no redirects; and the pictures data: URLs hold (an SVG logo's
    embedded picture, as Inkscape and Illustrator save one). Anything else is refused with
    a warning naming the document that asked for it (or the product); WeasyPrint then
    renders without it. With `grayscale`, images and drawings are handed over in shades of
    grey (black-only printing: `greyscale`).
    """
    from urllib.parse import unquote

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    from ..paths import followed, is_file
    from ..resources import embedded_picture, publishable_image, shortened

    roots = tuple(p.resolve() for p in allowed)
    named = referrers or {}

    def handed_over(url: str, data: bytes, media_type: str) -> URLFetcherResponse:
        """A picture as the PDF shows it: in grey for black-only printing."""
        raster = media_type.startswith("image/") and media_type != "image/svg+xml"
        if grayscale and raster:
            data, media_type = grey_picture(data), "image/png"
        elif grayscale and media_type == "image/svg+xml":
            data = grey_drawing(data)
        return URLFetcherResponse(url, data, {"Content-Type": media_type})

    class WorkspaceFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            parts = split_url(url)
            path = followed(Path(unquote(parts.path)))
            who = named.get(unquote(url), product)
            if parts.scheme == "data":
                try:
                    return handed_over(url, *embedded_picture(url))
                except ValueError as exc:
                    log.warning("%s: not used, %s: %s", who, exc, shortened(url))
                    raise
            if parts.scheme != "file" or not any(path.is_relative_to(r) for r in roots):
                log.warning("%s: not fetched, outside the workspace: %s", who, shortened(url))
                raise ValueError(f"refused to fetch {url}")
            if not is_file(path):
                log.warning("%s: not fetched, not a regular file: %s", who, url)
                raise ValueError(f"refused to read {path}")
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            try:
                data = publishable_image(path)  # an SVG sanitised, like everywhere
            except ValueError as exc:
                log.warning("%s: not used, %s: %s", who, exc, url)
                raise
            raster = media_type.startswith("image/") and media_type != "image/svg+xml"
            # A picture's bytes are not the file's (photos.py): under a file: URL, WeasyPrint
            # would embed the file it names instead of them, EXIF and all.
            where = f"publisher-image:{url}" if raster else path.as_uri()
            return handed_over(where, data, media_type)

    return WorkspaceFetcher(allowed_protocols={"file"}, allow_redirects=False)
