"""A table copied as text: cells with a tab between them (`textblocks` finds the rows), as
Excel, LibreOffice, Google Sheets and word processors copy their tables, or between pipes
as Markdown writes them, made a table."""

from __future__ import annotations

import re
from collections.abc import Callable

# A figure as a table gives it: a number, an amount, a share ("£950", "18%", "1,200")
_FIGURE = re.compile(r"[-+−]?[£$€¥]?\s?\d[\d.,\s]*(%|[kKmM]|bn)?")
_RIGHT = ' style="text-align: right"'


def table_html(
    rows: tuple[tuple[str, ...], ...], cell_html: Callable[[str], str], header: bool = False
) -> str:
    """Rows of cells as a table, each cell's text made HTML by `cell_html`: the first row
    its header when `header` says so (Markdown's rule under it), or when it holds words
    over rows of figures ("Area | Average rent" over "Docklands | £950"), a column of
    figures aligned right, as figures are set. A column empty in every row (two tabs to
    line typed columns up) is left out. A header with no rows under it is the table's one
    row: pandoc's Markdown writes no table of a header alone that it reads again."""
    kept = [n for n in range(len(rows[0])) if any(row[n] for row in rows)]
    rows = tuple(tuple(row[n] for n in kept) for row in rows)
    words_over_figures = not any(map(_figure, rows[0])) and any(
        _figure(c) for row in rows[1:] for c in row
    )
    header = len(rows) > 1 and (header or words_over_figures)
    body = rows[1:] if header else rows
    columns = list(zip(*body, strict=True))
    right = [any(column) and all(_figure(c) for c in column if c) for column in columns]

    def row_of(row: tuple[str, ...], tag: str) -> str:
        cells = zip(right, row, strict=True)
        return (
            "<tr>"
            + "".join(f"<{tag}{_RIGHT * r}>{cell_html(c)}</{tag}>" for r, c in cells)
            + "</tr>"
        )

    head = f"<thead>{row_of(rows[0], 'th')}</thead>" if header else ""
    return f"<table>{head}<tbody>{''.join(row_of(row, 'td') for row in body)}</tbody></table>"


def _figure(cell: str) -> bool:
    return bool(_FIGURE.fullmatch(cell))
