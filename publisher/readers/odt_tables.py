"""A LibreOffice file's tables as pandoc reads them.

pandoc leaves out a table inside a table's cell with all its words (a leaflet laid out in
a table, its contact details in a small table in one cell), and stops on rows kept in a
group (`table:table-row-group`, `table:table-rows`, as a table from Calc may keep them)
with "Prelude.maximum: empty list". A table in a cell becomes its cells'
paragraphs, row by row, in that cell; grouped rows are rows of the table.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..tree_edits import drop_keeping_tail, unwrapped

if TYPE_CHECKING:
    from lxml.etree import _Element

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
MARKS: dict[str, tuple[bytes, ...]] = {
    "odt": (b"<table:table-row-group", b"<table:table-rows", b"<table:table-cell")
}
_GROUPS = (f"{{{_TABLE}}}table-row-group", f"{{{_TABLE}}}table-rows")
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
_TABLES = f"{{{_TABLE}}}table"


def tables_put_right(root: _Element, kind: str) -> int:
    """`root` (an OpenDocument file's text) with its grouped rows ungrouped and each table
    in a cell made its paragraphs; how many groups and tables were."""
    changed = 0
    for group in list(root.iter(*_GROUPS)):  # (a group may hold a group)
        unwrapped(group)
        changed += 1
    for table in list(root.iter(_TABLES)):
        if table.getparent() is None or next(table.iterancestors(*_CELLS), None) is None:
            continue
        for block in list(_blocks(table)):
            table.addprevious(block)
        drop_keeping_tail(table)
        changed += 1
    return changed


def _blocks(table: _Element) -> Iterator[_Element]:
    """The paragraphs, lists and tables of `table`'s own cells, row by row (a table among
    them is made its paragraphs in turn: it is in a cell, now the outer one's)."""
    for cell in table.iter(f"{{{_TABLE}}}table-cell"):
        if next(cell.iterancestors(_TABLES)) is table:  # not an inner table's
            yield from cell
