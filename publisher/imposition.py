"""Imposition: a reading-order PDF → printer's sheets, with pdfimpose (on PyMuPDF).

- `booklet`: saddle stitch. Pages go two to a side; blanks pad the count to a multiple of 4
  and go *before* the last page, so the back cover stays the back cover. Print
  double-sided (flip on the short edge), fold the pile, staple. The sheet is landscape,
  its short edges parallel to the fold, so the short-edge flip puts page 2 behind page 1
  whatever the page size (an A6 spread fits A4 portrait too, where page 2 would have
  been behind the back cover). A right-to-left issue's booklet is bound on the right.
- `2up`, `3up`, `4up`: copies of a one-sheet leaflet (A5 twice, DL three times, A6 four
  times), backs behind their fronts.

Either way the sheet is one a copy shop loads, exactly: the first of A4, Letter, A3 and
Tabloid that holds the pages (a booklet's turned landscape), with the pages centred on it and cut marks at its edges
wherever a cut falls inside it. Pages no standard sheet holds get sheets of
their own size.

Sheets are cut from the pages' TrimBox: bleed and marks are for a print shop's single
pages, not for an office printer's sheets.
"""

from __future__ import annotations

import hashlib
import io
from typing import TYPE_CHECKING

from .errors import PublisherError

if TYPE_CHECKING:
    import pymupdf

PT_PER_MM = 72 / 25.4
A4_PT = (210 * PT_PER_MM, 297 * PT_PER_MM)
# Sheets a copy shop loads, portrait, in points: the first that holds the pages is used.
SHEETS_PT = {
    "A4": A4_PT,
    "Letter": (612.0, 792.0),
    "A3": (297 * PT_PER_MM, 420 * PT_PER_MM),
    "Tabloid": (792.0, 1224.0),
}
CUT_MARK_PT = 5 * PT_PER_MM  # inside the leaflets' own margins, which are wider
GRIDS = {"2up": (2, 1), "3up": (3, 1), "4up": (2, 2)}  # copies across, down
# The largest page each fills an A4 sheet with: two A5, three DL (a third of A4), four A6
LARGEST_COPIED = {"2up": "A5", "3up": "DL", "4up": "A6"}


def impose(pdf: bytes, layout: str, *, creep_mm: float = 0.0, right_to_left: bool = False) -> bytes:
    """`pdf`'s pages on printer's sheets; a booklet `right_to_left` is bound on its right,
    as an Arabic or Farsi one opens."""
    import pymupdf

    trimmed = _trimmed(pdf)
    if layout == "booklet":
        sheets = _booklet(trimmed, creep_mm * PT_PER_MM, right_to_left)
    elif layout in GRIDS:
        sheets = _copies(trimmed, layout)
    else:
        raise ValueError(f"unknown imposition {layout!r}")
    # The same pages and layout give the same file (PyMuPDF would draw a random /ID).
    how = f"{layout} {creep_mm} {right_to_left}".encode()
    digest = hashlib.md5(pdf + how, usedforsecurity=False).hexdigest()
    with pymupdf.open(stream=pdf) as source, pymupdf.open(stream=sheets) as doc:
        _described_as(doc, source)
        doc.xref_set_key(-1, "ID", f"[<{digest}><{digest}>]")
        return _saved(doc, no_new_id=True)


# pymupdf's document info keys that are the document's, not the file's (format, encryption)
INFO_KEYS = ("title", "author", "subject", "keywords", "creator", "creationDate", "modDate")


def _described_as(doc: pymupdf.Document, source: pymupdf.Document) -> None:
    """The sheets with the document info and language of the PDF they are made of: a print
    queue, a file manager and a screen reader name them by its title, not "Untitled", and
    read it in its language. Not its XMP: that claims PDF/UA, and sheets are not tagged."""
    import pymupdf

    info = source.metadata or {}
    doc.set_metadata({key: info[key] for key in INFO_KEYS if info.get(key)})
    kind, language = source.xref_get_key(source.pdf_catalog(), "Lang")
    if kind == "string":
        doc.xref_set_key(doc.pdf_catalog(), "Lang", pymupdf.get_pdf_str(language))


def _booklet(pdf: bytes, creep_pt: float, right_to_left: bool) -> bytes:
    import pymupdf
    from pdfimpose.schema import saddle

    if right_to_left:
        pdf = _read_backwards(pdf)
    out = io.BytesIO()
    saddle.impose(
        [io.BytesIO(pdf)],
        out,
        signature=(2, 1),
        last=1,
        # pdfimpose's creep is the gap at the fold of sheet s (0 = outermost): a negative
        # gap moves inner sheets' pages towards the fold, so they don't stick out once folded.
        creep=lambda sheet: -2 * creep_pt * sheet,
    )
    # Inner sheets came out narrower by their creep; give every side the outer sheet's size,
    # centred on the fold, so they all print on the same paper.
    with pymupdf.open(stream=out.getvalue()) as doc:
        width = max(page.rect.width for page in doc)
        for page in doc:
            extra = (width - page.rect.width) / 2
            if extra:
                page_width, height = page.rect.width, page.rect.height
                box = f"[{-extra:.4f} 0 {page_width + extra:.4f} {height:.4f}]"
                doc.xref_set_key(page.xref, "MediaBox", box)
        spread = doc.tobytes()
    with pymupdf.open(stream=pdf) as pages:
        page_width = pages[0].rect.width
    return _centred_on_a_sheet(spread, (2, 1), page_width)


def _read_backwards(pdf: bytes) -> bytes:
    """`pdf`'s pages for a booklet bound on the right: a left-bound booklet of them, last
    first, is one, each side's two pages the other way round (the cover is the left half of
    the outer sheet's front). They are padded first, with blanks before the back cover, as
    pdfimpose pads them: reversed, its padding would go after the front cover. (pdfimpose's
    own `bind="right"` lays a folded sheet out as `"left"` does.)"""
    import pymupdf

    with pymupdf.open(stream=pdf) as doc:
        width, height = doc[0].rect.width, doc[0].rect.height
        while len(doc) % 4:
            doc.new_page(pno=len(doc) - 1, width=width, height=height)
        doc.select(list(reversed(range(len(doc)))))
        backwards: bytes = doc.tobytes()
        return backwards


def _centred_on_a_sheet(spreads: bytes, grid: tuple[int, int], page_width: float) -> bytes:
    """Each side of `spreads` drawn in the middle of the smallest standard sheet that holds
    it, with cut marks where the pages' edges fall inside the sheet; as it is, when none
    holds it. `page_width` is one page's (the spread is `grid` pages; creep may widen it)."""
    import pymupdf

    with pymupdf.open(stream=spreads) as source:
        width, height = source[0].rect.width, source[0].rect.height
        sheet = _standard_sheet(width, height, landscape=True)
        if sheet is None:
            return _saved(source)
        margin_x, margin_y = (sheet[0] - width) / 2, (sheet[1] - height) / 2
        creep = (width - grid[0] * page_width) / 2
        with pymupdf.open() as sheets:
            for number in range(len(source)):
                page = sheets.new_page(width=sheet[0], height=sheet[1])
                where = pymupdf.Rect(margin_x, margin_y, margin_x + width, margin_y + height)
                page.show_pdf_page(where, source, number)
                offsets = (margin_x + creep, margin_y)
                _cut_marks(page, grid, (page_width, height), offsets, between=False)
            return _saved(sheets)


def _standard_sheet(
    width: float,
    height: float,
    names: tuple[str, ...] = tuple(SHEETS_PT),
    *,
    landscape: bool = False,
) -> tuple[float, float] | None:
    """The first of the sheets `names`, turned either way (only `landscape`, for a
    booklet: see the module's docstring), that holds width × height pt."""
    return next(
        (
            turned
            for name in names
            for turned in (SHEETS_PT[name], SHEETS_PT[name][::-1])[landscape:]
            if width <= turned[0] + 0.5 and height <= turned[1] + 0.5
        ),
        None,
    )


def _copies(pdf: bytes, layout: str) -> bytes:
    """Fill an A4 side with copies of each leaflet side (pdfimpose's 'cards' schema)."""
    import pymupdf
    from pdfimpose.schema import Margins, cards

    with pymupdf.open(stream=pdf) as doc:
        sides = len(doc)
        width, height = doc[0].rect.width, doc[0].rect.height
        if sides > 2:
            raise PublisherError.at(
                f"{layout} makes copies of a one-sheet leaflet; this PDF has {sides} pages"
            )
        if (placed := _copies_grid(layout, width, height)) is None:
            page_mm = (width / PT_PER_MM, height / PT_PER_MM)
            message, hint = copies_problem(layout, *page_mm) or ("", "")  # none fits: one
            raise PublisherError.at(message, hint=hint)
        grid, sheet = placed
        # cards reads its pages as front, back, front, back…: one pair per copy.
        copies = grid[0] * grid[1]
        doc.select([0, sides - 1] * copies)
        source = doc.tobytes()
    margin_x = (sheet[0] - grid[0] * width) / 2
    margin_y = (sheet[1] - grid[1] * height) / 2
    out = io.BytesIO()
    cards.impose(
        [io.BytesIO(source)],
        out,
        signature=grid,
        omargin=Margins(left=margin_x, right=margin_x, top=margin_y, bottom=margin_y),
    )
    with pymupdf.open(stream=out.getvalue()) as doc:
        if sides == 1:
            doc.select([0])  # a one-sided leaflet: no backs to print
        for page in doc:
            _cut_marks(page, grid, (width, height), (margin_x, margin_y))
        return _saved(doc)


COPY_SHEETS = ("A4", "Letter")  # what an office printer takes: copies are for one


def copies_problem(layout: str, width_mm: float, height_mm: float) -> tuple[str, str] | None:
    """Why `layout`'s copies of a page width × height mm fit no A4 or Letter sheet, and
    the fix (message, hint); None when they fit. Asked of a manifest before anything is
    laid out, and of the leaflet's PDF."""
    width, height = width_mm * PT_PER_MM, height_mm * PT_PER_MM
    if _copies_grid(layout, width, height):
        return None
    largest = LARGEST_COPIED[layout]
    return (
        f"{layout} needs pages no larger than {largest}; these are "
        f"{width_mm:.0f}×{height_mm:.0f} mm",
        f"set the leaflet's page_size to {largest}, or drop impose",
    )


def more_copies(layout: str, width_mm: float, height_mm: float) -> str | None:
    """The layout that puts the most copies of a page width × height mm on a sheet, when it
    puts more than `layout` does (3up of a DL flyer set 2up, 4up of an A6 one); else None."""
    width, height = width_mm * PT_PER_MM, height_mm * PT_PER_MM
    fitting = [
        other
        for other in GRIDS
        if copy_count(other) > copy_count(layout) and _copies_grid(other, width, height)
    ]
    return max(fitting, key=copy_count, default=None)


def copy_count(layout: str) -> int:
    """How many copies of a page `layout` puts on a sheet."""
    across, down = GRIDS[layout]
    return across * down


def _copies_grid(
    layout: str, width: float, height: float
) -> tuple[tuple[int, int], tuple[float, float]] | None:
    """How `layout`'s copies of a page width × height pt go on a sheet, and which: its grid,
    or the grid turned for a page laid landscape (two A5 landscape one above the other, as
    two portrait ones go side by side), on A4, else Letter, portrait or landscape, whichever
    holds it; None when none does."""
    across, down = GRIDS[layout]
    for grid in ((across, down), (down, across)):
        if sheet := _standard_sheet(grid[0] * width, grid[1] * height, COPY_SHEETS):
            return grid, sheet
    return None


def _cut_marks(
    page: pymupdf.Page,
    grid: tuple[int, int],
    size: tuple[float, float],
    margins: tuple[float, float],
    *,
    between: bool = True,
) -> None:
    """Short lines at the sheet's edges where the guillotine goes: around the pages and,
    `between` copies, between them (not at a booklet's fold)."""
    import pymupdf

    (across, down), (width, height), (margin_x, margin_y) = grid, size, margins
    sheet = page.rect
    columns = range(across + 1) if between else (0, across)
    rows = range(down + 1) if between else (0, down)
    for x in (margin_x + i * width for i in columns):
        if PT_PER_MM < x < sheet.width - PT_PER_MM:  # not a hair's width from the edge
            for y0, y1 in ((0, CUT_MARK_PT), (sheet.height - CUT_MARK_PT, sheet.height)):
                page.draw_line(pymupdf.Point(x, y0), pymupdf.Point(x, y1), width=0.3)
    for y in (margin_y + j * height for j in rows):
        if PT_PER_MM < y < sheet.height - PT_PER_MM:
            for x0, x1 in ((0, CUT_MARK_PT), (sheet.width - CUT_MARK_PT, sheet.width)):
                page.draw_line(pymupdf.Point(x0, y), pymupdf.Point(x1, y), width=0.3)


def _trimmed(pdf: bytes) -> bytes:
    """The pages cut to their TrimBox (WeasyPrint writes one; bleed and marks lie outside)."""
    import pymupdf

    with pymupdf.open(stream=pdf) as doc:
        for page in doc:
            kind, trim = doc.xref_get_key(page.xref, "TrimBox")
            if kind == "array":
                doc.xref_set_key(page.xref, "MediaBox", trim)
            for key in ("TrimBox", "BleedBox", "CropBox"):
                doc.xref_set_key(page.xref, key, "null")
        return _saved(doc)


def _saved(doc: pymupdf.Document, *, no_new_id: bool = False) -> bytes:
    """The document as compact PDF bytes (unused objects dropped, streams compressed)."""
    data: bytes = doc.tobytes(garbage=1, deflate=True, no_new_id=no_new_id)
    return data
