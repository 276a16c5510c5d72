"""A table laid out with spaces: columns lined up under each other, as a plain-text e-mail,
a program's printout or a PDF's text copied with its layout set one out ("Branch  Members"
over "Riverside  412"). A row's cells are its pieces of text two spaces or more apart; the
lines are a table when they all have as many, two at least, and each column's cells start
at the same place (words) or end at the same place (figures) in every row under the
header; not when most end a sentence (prose typed with two spaces after a full stop). Rows
with a tab between their cells are `textblocks`' own reading."""

from __future__ import annotations

import re

_CELL = re.compile(r"\S+(?: \S+)*")  # words one space apart: two or more end a cell
_ROWS_MIN = 3  # a header and two rows: two lines may line up by chance
_SENTENCE_END = (".", "!", "?", ".)", '."', ".”")


def aligned_cells(lines: list[str]) -> list[tuple[str, ...]] | None:
    """The cells of `lines` (tabs expanded, non-breaking spaces as spaces), row by row,
    when they are a table set out with spaces; None when they are not."""
    if len(lines) < _ROWS_MIN:
        return None
    rows = [list(_CELL.finditer(line)) for line in lines]
    columns = len(rows[0])
    if columns < 2 or any(len(row) != columns for row in rows):
        return None
    header, body = rows[0], rows[1:]
    inner = [cell.group() for row in body for cell in row[:-1]]
    if 2 * sum(cell.endswith(_SENTENCE_END) for cell in inner) > len(inner):
        return None  # sentences two spaces apart, as typists set them: prose
    for column in range(columns):
        starts = [row[column].start() for row in body]
        ends = [row[column].end() for row in body]
        if len(set(starts)) > 1 and len(set(ends)) > 1:
            return None  # neither lined up on the left nor on the right
        if header[column].start() > max(ends) or header[column].end() < min(starts):
            return None  # the header's word is over no cell of its column
    return [tuple(cell.group() for cell in row) for row in rows]
