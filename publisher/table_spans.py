"""A table's cells spanning rows or columns it does not have, made to span those it has.

A table written in HTML by hand, or copied off a page, in a Markdown document or a `.txt`
(pandoc mends an HTML document's tables itself): a cell with `rowspan="5"` in a table of
two rows, `colspan="7"` in one of three columns, a column every cell spans over, a row
with no cell. Browsers lay them out all the same, but the web pages failed the Nu HTML
checker ("Table cell spans past the end of its row group", "Table columns in range 4…7
established by element td have no cells beginning in them").
"""

from __future__ import annotations

import re
from typing import Any

_MAY_BE_AMISS = re.compile(r'span="|<tr\b[^<>]*>\s*</tr>', re.IGNORECASE)
_CELLS = ("td", "th")


def spans_mended(cleaned: str) -> str:
    """`cleaned` (a sanitised body) with each table's empty rows left out, and each cell's
    rowspan ending with its row group, its colspan with the table's last column, and no
    column that no cell begins in."""
    if "<table" not in cleaned or not _MAY_BE_AMISS.search(cleaned):  # almost every body
        return cleaned
    from .tree_edits import body_html, body_tree

    root = body_tree(cleaned)
    changed = False
    for table in root.iter("table"):
        changed |= _mended(table)
    return body_html(root) if changed else cleaned


def _mended(table: Any) -> bool:
    """Whether anything in `table` had to change."""
    groups = [g for g in table if g.tag in ("thead", "tbody", "tfoot")] or [table]
    changed = False
    for group in groups:
        changed |= _rows_kept(group)
    placed = [cell for group in groups for cell in _placed(group)]
    begins = {column for _, column, _ in placed}
    for gap in sorted(set(range(max(begins, default=-1) + 1)) - begins, reverse=True):
        for cell, column, span in placed:  # a column no cell begins in: one fewer
            if column < gap < column + span:
                changed |= _set(cell, "colspan", _span(cell, "colspan") - 1)
    placed = [cell for group in groups for cell in _placed(group)]  # the gaps gone
    width = max((column for _, column, _ in placed), default=-1) + 1
    for cell, column, span in placed:
        if column + span > width:  # past the last column any cell begins in
            changed |= _set(cell, "colspan", _span(cell, "colspan") - (column + span - width))
    return changed


def _rows_kept(group: Any) -> bool:
    """`group`'s rows without those no cell begins on, and each rowspan ending with it
    (counting only the rows kept); whether anything changed."""
    rows = _rows(group)
    kept_before = [0]  # for each row: how many rows with cells are above it
    for row in rows:
        kept_before.append(kept_before[-1] + bool(_cells(row)))
    changed = kept_before[-1] < len(rows)
    for index, row in enumerate(rows):
        for cell in _cells(row):
            if span := _span(cell, "rowspan"):  # 0: to the group's end, whatever its rows
                end = min(index + span, len(rows))
                changed |= _set(cell, "rowspan", kept_before[end] - kept_before[index])
    for row in rows:
        if not _cells(row):
            row.drop_tree()
    return changed


def _placed(group: Any) -> list[tuple[Any, int, int]]:
    """Each cell of `group` with the column it begins in and how many it spans, as HTML's
    table model places them: a cell goes in the first column no cell above spans down to."""
    placed = []
    below: dict[int, int] = {}  # column → rows still covered by a cell above
    rows = _rows(group)
    for index, row in enumerate(rows):
        covered = {column for column, left in below.items() if left > 0}
        below = {column: left - 1 for column, left in below.items() if left > 1}
        column = 0
        for cell in _cells(row):
            while column in covered:
                column += 1
            span, down = _span(cell, "colspan"), _span(cell, "rowspan") or len(rows) - index
            placed.append((cell, column, span))
            for spanned in range(column, column + span):
                if down > 1:
                    below[spanned] = max(below.get(spanned, 0), down - 1)
                covered.add(spanned)
            column += span
    return placed


def _rows(group: Any) -> list[Any]:
    return [row for row in group if row.tag == "tr"]


def _cells(row: Any) -> list[Any]:
    """`row`'s own cells (not those of a table inside one)."""
    return [child for child in row if child.tag in _CELLS]


def _span(cell: Any, attribute: str) -> int:
    value = cell.get(attribute, "1")
    return int(value) if value.isdigit() else 1


def _set(cell: Any, attribute: str, span: int) -> bool:
    """`cell` spanning `span` (rows or columns, by `attribute`); whether it spanned other
    than that (a span as written stays as written, "1" too)."""
    if span == _span(cell, attribute):
        return False
    if span <= 1:
        cell.attrib.pop(attribute, None)
    else:
        cell.set(attribute, str(span))
    return True
