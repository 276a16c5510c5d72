"""`publisher subscribers list`: the list streamed, never all in memory, as a table that fits
the terminal, as plain lines when the output is not a terminal, or as CSV or JSON. The
table of `publisher deliveries` is laid out the same way (its own `Column`s).

Rich's table measures every cell of every row before printing the first (131 s for 100,000
subscribers) and cuts what does not fit with '…'. This table is laid out once, from the
widest address (one query) and the first page of rows, then printed a page at a time; a
cell that does not fit is folded onto more lines, never cut. It is not imported from
`console.py`, whose progress bars and send report cost a third of a second to import.

To add a column, add a `Column` to `TABLE` (the terminal table) and a field to `RECORD`
(CSV and JSON): every format and the layout follow.
"""

from __future__ import annotations

import csv
import json
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice, zip_longest
from operator import attrgetter
from typing import IO, Any, TextIO

from rich.cells import cell_len, chop_cells

from .subscribers import EXPORT_COLUMNS, SUPPRESSED, Listed, quoted_cell, shown_address

FORMATS = ("table", "csv", "json")
PAGE = 1000  # rows written at a time (and the rows the table's widths are taken from)
GAP = "  "  # between two columns
INDENT = "  "  # before the second line of a record folded in two
_NARROWEST = 20  # a terminal reported narrower than this is laid out as this wide


@dataclass(frozen=True)
class Column:
    """A column of the table: its header, the text it shows for a row (a subscriber), which
    of `widest`'s fields measures it before the rows are read, and how narrow it may be
    folded when a row does not fit (0: it keeps its width)."""

    header: str
    value: Callable[[Any], str]
    widest: str = ""
    fold_to: int = 0


# The first column is the key: when a row does not fit the terminal, it gets a line of its own.
TABLE: tuple[Column, ...] = (
    Column("address", lambda s: shown_address(s.address), "address"),
    Column("name", attrgetter("name"), "name", fold_to=12),
    Column("lang", attrgetter("language"), "language", fold_to=5),
    Column("tags", lambda s: s.tags.replace(",", ", "), "tags", fold_to=12),
    Column("status", attrgetter("status"), "status"),
    Column("since", lambda s: s.updated_at[:10]),
    # Why someone is off the list: the bounce or complaint report, or who unsubscribed them.
    Column("reason", lambda s: s.status_source if s.status in SUPPRESSED else "", fold_to=12),
)

# CSV and JSON carry the whole record: (field, the `Listed` attribute it comes from), with
# `subscribers export`'s field names; JSON has the tags as a list. One attrgetter reads a
# record in one call: a getter a field would cost more than reading the database.
RECORD: tuple[tuple[str, str], ...] = tuple(
    (name, "address" if name == "email" else name) for name in EXPORT_COLUMNS
)
_FIELDS = tuple(name for name, _ in RECORD)
_RECORD = attrgetter(*(attribute for _, attribute in RECORD))
_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps would make one per call
_FORMULA_START = frozenset("'=+-@\t\r")  # what `quoted_cell` may have to neutralise


def print_subscribers(
    rows: Iterable[Listed],
    out: TextIO,
    fmt: str = "table",
    width: int | None = None,
    widths: Mapping[str, int] | None = None,
) -> int:
    """Write `rows` to `out` in `fmt` and return how many there were. The table folds its
    cells to fit `width` columns, or keeps each subscriber on one plain line when `width`
    is None; `widths` are `subscribers.widest`'s lengths."""
    if fmt == "csv":
        return write_csv(rows, out)
    if fmt == "json":
        return write_json(rows, out)
    count = write_table(rows, out, width, widths or {})
    out.write(f"{count} subscriber(s)\n")
    return count


def write_csv(rows: Iterable[Listed], out: TextIO) -> int:
    """One line per subscriber as it is read, cells a spreadsheet would run as a formula
    neutralised as `subscribers export` does, so the file imports back as it was."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_FIELDS)
    count = 0
    for chunk in _pages(rows):
        writer.writerows(  # None (never confirmed) is an empty cell
            [quoted_cell(c) if c and c[0] in _FORMULA_START else c for c in _RECORD(s)]
            for s in chunk
        )
        count += len(chunk)
    return count


def write_json(rows: Iterable[Listed], out: TextIO) -> int:
    """A JSON array, one subscriber object a line, written a page at a time: each page is
    encoded in one call (half the cost of one a subscriber), then split between objects,
    where '}, {"email": ' is the only place that text can be (inside a JSON string its
    quotes would be escaped)."""
    first_key = f"{{{_JSON.encode(_FIELDS[0])}: "
    out.write("[")
    count = 0
    for chunk in _pages(rows):
        page = _JSON.encode([_object(s) for s in chunk])[1:-1]
        out.write(
            ("\n" if count == 0 else ",\n") + page.replace("}, " + first_key, "},\n" + first_key)
        )
        count += len(chunk)
    out.write("\n]\n" if count else "]\n")
    return count


def _object(s: Listed) -> dict[str, object]:
    record: dict[str, object] = dict(zip(_FIELDS, _RECORD(s), strict=True))
    record["tags"] = s.tags.split(",") if s.tags else []
    return record


def write_table(
    rows: Iterable[Any],
    out: IO[str],
    width: int | None,
    widths: Mapping[str, int],
    columns: Sequence[Column] = TABLE,
) -> int:
    """The header and a line (or a few, folded) per row (subscriber), laid out from `widths`
    and the first page of rows (wider characters than `widths` counted are folded to fit)."""
    pages = _pages(rows)
    first = next(pages, [])
    natural = [
        max(cells(c.header), widths.get(c.widest, 0), *(cells(c.value(s)) for s in first))
        for c in columns
    ]
    render = _renderer(_layout(natural, width, columns), fold=width is not None)
    out.write(render([c.header for c in columns]))
    count = 0
    for chunk in chain([first], pages):
        out.write("".join(render([c.value(s) for c in columns]) for s in chunk))
        count += len(chunk)
    return count


def _pages(rows: Iterable[Any]) -> Iterator[list[Any]]:
    rows = iter(rows)
    while chunk := list(islice(rows, PAGE)):
        yield chunk


@dataclass(frozen=True)
class Line:
    """One line of a record in the table: its indent, its (column index, width) slots, and
    whether a column was made narrower than its widest value (so a row may need folding)."""

    indent: str
    slots: tuple[tuple[int, int], ...]
    narrowed: bool = False

    @property
    def template(self) -> str:
        """The line as str.format pads it: exact for ASCII text, which is most of a list."""
        return self.indent + GAP.join(f"{{:<{w}}}" for _, w in self.slots)


def _layout(natural: list[int], width: int | None, table: Sequence[Column]) -> list[Line]:
    """One line with every column when they fit side by side (the foldable ones folded as
    far as needed); otherwise the key column on a line of its own, whole unless it is
    wider than the terminal, and the others on an indented second line."""
    everyone = list(range(len(table)))
    if width is None:
        return [Line("", tuple((i, natural[i]) for i in everyone))]
    width = max(width, _NARROWEST)
    if one_line := _fit("", everyone, natural, width, table):
        return [one_line]
    key, others = everyone[0], everyone[1:]
    second = _fit(INDENT, others, natural, width, table) or Line(  # too narrow: lines run over
        INDENT, tuple((i, table[i].fold_to or natural[i]) for i in others), narrowed=True
    )
    return [Line("", ((key, min(natural[key], width)),), natural[key] > width), second]


def _fit(
    indent: str, columns: list[int], natural: list[int], width: int, table: Sequence[Column]
) -> Line | None:
    """The columns side by side within `width`, taking one column at a time from the
    column with most to give above its `fold_to`; None when even that is not enough."""
    widths = {i: natural[i] for i in columns}
    excess = len(indent) + sum(widths.values()) + len(GAP) * (len(columns) - 1) - width
    narrowed = excess > 0
    while excess > 0:
        spare = {i: widths[i] - table[i].fold_to for i in columns if table[i].fold_to}
        giver = max(spare, key=spare.__getitem__, default=None)
        if giver is None or spare[giver] <= 0:
            return None
        widths[giver] -= 1
        excess -= 1
    return Line(indent, tuple((i, widths[i]) for i in columns), narrowed)


def _renderer(layout: list[Line], fold: bool) -> Callable[[list[str]], str]:
    """A function from a row's values to its text. When every character takes one cell
    (ASCII, and most scripts) and the values fit, str.format pads them all in one call;
    otherwise each is measured in terminal cells, and folded when `fold`."""
    lines = [(line, line.template.format, fold and line.narrowed) for line in layout]

    def render(values: list[str]) -> str:
        text = []
        for line, format_, check in lines:
            texts = [values[i] for i, _ in line.slots]
            one_cell_each = "".join(texts).isascii() or all(
                t.isascii() or cell_len(t) == len(t) for t in texts
            )
            if one_cell_each and not (
                check and any(len(t) > w for t, (_, w) in zip(texts, line.slots, strict=True))
            ):
                text.append(format_(*texts).rstrip() + "\n")
                continue
            parts: list[Iterable[str]] = [texts]
            if fold and any(cells(t) > w for t, (_, w) in zip(texts, line.slots, strict=True)):
                folded = [_fold(t, w) for t, (_, w) in zip(texts, line.slots, strict=True)]
                parts = list(zip_longest(*folded, fillvalue=""))
            for part in parts:
                padded = [_pad(t, w) for t, (_, w) in zip(part, line.slots, strict=True)]
                text.append(line.indent + GAP.join(padded).rstrip() + "\n")
        return "".join(text)

    return render


def cells(text: str) -> int:
    """Columns `text` takes in a terminal (a CJK character takes two)."""
    return len(text) if text.isascii() else cell_len(text)


def _pad(text: str, width: int) -> str:
    return text.ljust(width) if text.isascii() else text + " " * (width - cell_len(text))


def _fold(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns: at spaces, and a word (an address)
    wider than that after its last '@', '.', '-', '+' or '_' that fits."""
    if cells(text) <= width:
        return [text]
    lines = []
    for word in textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False):
        while cells(word) > width:
            fits = chop_cells(word, width)[0]
            cut = max(fits.rfind(mark) for mark in "@.-+_") + 1 or len(fits)
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines
