"""A subscriber list kept as a spreadsheet workbook (Excel's .xlsx and .xls, LibreOffice's .ods),
read as the CSV file it would be saved as: its first sheet with anything in it, one line
per row, so that every message about a row names the row the editor sees. Read with
calamine (python-calamine), which reads every workbook format Excel and LibreOffice write."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PublisherError

_SAVE_AS_CSV = (
    "open it, save a copy as CSV (Excel: Save as, CSV UTF-8 (Comma delimited); LibreOffice:"
    " Save as, Text CSV, character set Unicode (UTF-8)) and import that"
)


@dataclass(frozen=True)
class Sheet:
    """The sheet read, as CSV text, and what the editor is told about the choice."""

    text: str
    said: str


def sheet_as_csv(data: bytes, path: Path) -> Sheet:
    """The workbook's first sheet holding anything, as CSV text whose line N is its row N."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [
            (name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in workbook.sheet_names
        ]
    except (CalamineError, ValueError, OSError) as exc:  # Numbers, a password, damage
        numbers = path.suffix.lower() == ".numbers"
        hint = "in Numbers: File > Export To > CSV…, and import that" if numbers else _SAVE_AS_CSV
        raise PublisherError.at(
            f"not a spreadsheet workbook publisher can read ({exc})", path, hint=hint
        ) from None
    filled = [(name, rows) for name, rows in sheets if any(any(map(_text, row)) for row in rows)]
    if not filled:
        raise PublisherError.at("this workbook's sheets are empty", path, hint=_SAVE_AS_CSV)
    name, rows = filled[0]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows([[_text(cell) for cell in row] for row in rows])
    others = ", ".join(repr(other) for other, _ in filled[1:])
    said = f"read the sheet {name!r}" + (f"; not read: {others}" if others else "")
    return Sheet(out.getvalue(), said)


def _text(cell: Any) -> str:
    """A cell as the CSV file would hold it: a whole number without '.0' (a phone number,
    a membership number), a date as ISO 8601, a line break in a cell as a space."""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return " ".join(str(cell).split()) if cell is not None else ""
