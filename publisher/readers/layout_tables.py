"""Tables that lay a page out → their contents, cell after cell, where the table was.

A leaflet or a newsletter made in Word sets its text in columns by putting it in a table
without borders, a heading and its paragraphs in each cell; an old site's page, or an email
template, does the same in HTML. Published as a table it is two or three narrow columns on
a phone, a bordered grid in the email, a table a screen reader announces cell by cell, and
its headings are missing from the EPUB's and the PDF's contents (they are in cells).

A table whose cells hold what no cell of data does is unwrapped: a heading, a quotation, a
figure or another table in any cell; in a table of one row, a cell of several paragraphs or
lists; or a table of one cell. Its cells' contents follow one another, row by row, each
cell's start to end, in the table's place; a cell's words beside its paragraphs (an email
template's greeting) are a paragraph of their own, as `nesting` makes them. A table with
header cells or a caption is data, left as it is, whatever its cells hold.
"""

from __future__ import annotations

from typing import Any

from ..nesting import loose_words_made_paragraphs
from ..tree_edits import body_html, body_tree, drop_keeping_tail

_ANYWHERE = {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "table"}
_BLOCKS = {"p", "ul", "ol", "dl", "div", "pre", "hr", *_ANYWHERE}


def unwrapped_layout_tables(body: str) -> tuple[str, int]:
    """`body` (sanitised HTML) with its tables that lay the page out unwrapped (see the
    module's docstring), and how many were."""
    if "<table" not in body:
        return body, 0
    root = body_tree(body)
    unwrapped = 0
    for table in list(root.iter("table")):  # outer tables first: inner ones are judged alone
        cells = _cells(table)
        if cells and _lays_out(table, cells):
            _unwrap(table, cells)
            unwrapped += 1
    if not unwrapped:
        return body, 0
    loose_words_made_paragraphs(root)  # a cell's words beside its blocks
    return body_html(root), unwrapped


def _cells(table: Any) -> list[list[Any]]:
    """The table's own rows (not those of a table inside it), each as its cells."""
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    return [row.xpath("./td | ./th") for row in rows]


def _lays_out(table: Any, rows: list[list[Any]]) -> bool:
    if table.find("caption") is not None or any(cell.tag == "th" for row in rows for cell in row):
        return False
    cells = [cell for row in rows for cell in row]
    if any(element.tag in _ANYWHERE for cell in cells for element in cell.iterdescendants()):
        return True
    if len(cells) == 1:
        return True
    return len(rows) == 1 and any(sum(child.tag in _BLOCKS for child in cell) > 1 for cell in cells)


def _unwrap(table: Any, rows: list[list[Any]]) -> None:
    """Put each non-empty cell's contents, as a <div>, in the table's place."""
    after = table
    for row in rows:
        for cell in row:
            if not cell.text_content().strip() and cell.find(".//img") is None:
                continue
            for name in list(cell.attrib):
                del cell.attrib[name]
            cell.tag = "div"
            cell.tail = None
            after.addnext(cell)
            after = cell
    if after is not table:  # the words after the table follow its last cell
        after.tail, table.tail = table.tail, None
    drop_keeping_tail(table)
