"""Where the addresses are in a list whose first line does not say: a column of addresses
copied out of a spreadsheet with no heading line, or a heading in words publisher does not
know ("E-Mail-Adresse", "Contact"). The column is found by what its cells hold, and the
import says which one it read, so a wrong guess is seen before anyone is sent to."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import PublisherError

Row = tuple[int, list[str]]  # the line a record starts on, and its fields


@dataclass(frozen=True)
class FoundColumns:
    columns: list[str]  # each column's name: "email", "name", or what the heading says
    rows: list[Row]  # the rows to import: the first line too when it is no heading
    said: str  # which column was read as what, in words for the report


def columns_by_content(
    path: Path,
    heading_line: int,
    heading: list[str],
    names: list[str],
    rows: Sequence[Row],
    is_address: Callable[[str], bool],
) -> FoundColumns | None:
    """The columns of a list whose heading (`names`, as the import reads it) names no
    address column: None when no column holds addresses in at least half the rows that
    have anything in it.

    A first line holding an address is no heading: the list is headless, as a column copied
    from a spreadsheet is. Then one other column, if every one of its cells reads as a
    name (letters, no digits, no @), is the names ("Ana Ruiz,ana@example.org"); others are
    reported as ignored. An address alone on its line is one with no name, whichever cell
    it is in. An @ outside the address column (addresses pasted side by side) is refused,
    naming the line: those addresses would be lost unseen."""
    headless = any(is_address(cell) for cell in heading)
    numbered = [(heading_line, heading), *rows] if headless else list(rows)
    placed = [fields for _, fields in numbered if not _alone(fields, is_address)]
    index = _address_index(placed or [fields for _, fields in numbered], is_address)
    if index is None:
        return None
    numbered = [(line, _in_column(fields, index, is_address)) for line, fields in numbered]
    if not headless:
        # the addresses may be in a column the heading line names none for, past its end
        columns = [*names, *(f"column {i + 1}" for i in range(len(names), index + 1))]
        columns[index] = "email"
        named = (
            f"'{heading[index]}'"
            if index < len(heading)
            else f"{index + 1}, which the heading leaves unnamed"
        )
        said = f"read the addresses from column {named}"
        return FoundColumns(columns, numbered, said)
    records = [fields for _, fields in numbered]
    width = max(len(fields) for fields in records)
    for line, fields in numbered:
        if any("@" in cell for i, cell in enumerate(fields) if i != index):
            raise PublisherError.at(
                f"column {index + 1} holds the addresses, but this line has an @ elsewhere too:"
                " with no heading line, a list must have one address per line",
                path,
                line,
                hint="put each address on a line of its own, or add a first line naming the"
                " columns (email,name,…)",
            )
    columns = [f"column {i + 1}" for i in range(width)]
    columns[index] = "email"
    said = f"the first line is no heading: read the addresses from column {index + 1}"
    others = [i for i in range(width) if i != index and any(_cell(r, i) for r in records)]
    if len(others) == 1 and all(_reads_as_name(_cell(r, others[0])) for r in records):
        columns[others[0]] = "name"
        said += f" and the names from column {others[0] + 1}"
    return FoundColumns(columns, numbered, said)


def _alone(fields: list[str], is_address: Callable[[str], bool]) -> bool:
    """Whether the line holds an address and nothing else: it says nothing about which
    column the addresses are in ("cara@example.org" under "Ana Ruiz,ana@example.org")."""
    filled = [cell for cell in fields if cell.strip()]
    return len(filled) == 1 and is_address(filled[0].strip())


def _in_column(fields: list[str], index: int, is_address: Callable[[str], bool]) -> list[str]:
    """The line, its address moved to column `index` if it is alone on the line."""
    if not _alone(fields, is_address):
        return fields
    moved = [""] * max(index + 1, len(fields))
    moved[index] = next(cell for cell in fields if cell.strip())
    return moved


def _address_index(records: list[list[str]], is_address: Callable[[str], bool]) -> int | None:
    """The column with the most addresses, if they fill at least half its non-empty cells."""
    width = max((len(fields) for fields in records), default=0)
    best, best_count = None, 0
    for index in range(width):
        cells = [c for r in records if (c := _cell(r, index))]
        count = sum(1 for cell in cells if "@" in cell and is_address(cell))
        if count > best_count and 2 * count >= len(cells):
            best, best_count = index, count
    return best


def _cell(fields: list[str], index: int) -> str:
    return fields[index].strip() if index < len(fields) else ""


def _reads_as_name(cell: str) -> bool:
    """Empty, or words of letters (and the apostrophes, hyphens, dots and commas names are
    written with): a phone number, a date or a city's postcode is not a name."""
    return all(c.isalpha() or c.isspace() or c in "'’-.,·" or _is_mark(c) for c in cell)


def _is_mark(character: str) -> bool:
    """A combining mark or a joiner: part of a word in Arabic or Persian spelling."""
    return unicodedata.category(character) in ("Mn", "Mc", "Cf")
