"""Tables pasted into Markdown from a spreadsheet → tables.

Excel, LibreOffice Calc and Google Sheets copy a range as lines of cells with a tab between
them. Pasted into a Markdown file, pandoc read them as one paragraph: "Branch Votes Turnout
North 120 64% South 98 51%". A paragraph of two lines or more that all hold the same
number of tab-separated cells is made the table it was, as `publisher import` makes one of
a text file's (`importers.tables`). Fenced code is left as written, and so is a line that
starts with a tab or spaces: indented code in Markdown, a Makefile's recipe.
"""

from __future__ import annotations

import html
import re

# Fenced code, kept as written; or a paragraph: lines up to a blank one
_BLOCK = re.compile(
    r"(^[ \t]{0,3}(```|~~~).*?^[ \t]{0,3}\2[ \t]*$)|((?:^[^\n]*\S[^\n]*(?:\n|$))+)",
    re.MULTILINE | re.DOTALL,
)


def tab_separated_tables(body: str) -> str:
    """`body` with each paragraph of tab-separated rows an HTML table, a row a line (so the
    lines after it keep their numbers)."""
    if "\t" not in body:
        return body
    return _BLOCK.sub(_as_table, body)


def _as_table(found: re.Match[str]) -> str:
    from ..importers.tables import table_html  # (importers read documents too)

    block = found.group(0)
    if found.group(1):
        return block
    ending = "\n" if block.endswith("\n") else ""
    lines = block.removesuffix("\n").split("\n")
    rows = [tuple(cell.strip() for cell in line.rstrip("\r").split("\t")) for line in lines]
    if (
        len(rows) < 2
        or len({len(row) for row in rows}) > 1
        or len(rows[0]) < 2
        or any(line[:1] in (" ", "\t") for line in lines)
    ):
        return block
    table = table_html(tuple(rows), lambda cell: html.escape(cell, quote=False))
    return _ROW_START.sub(r"\1\n<tr>", table) + ending


_ROW_START = re.compile(r"(</tr>(?:</thead><tbody>)?)<tr>")
