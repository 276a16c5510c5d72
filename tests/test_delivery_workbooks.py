"""A list kept as a spreadsheet workbook, as most organisations keep their members, is
imported as the CSV file it would be saved as: its first sheet with anything in it, each
row reported by its number in the sheet."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from delivery_support import import_file, query

Cell = str | int | float | dt.date | None
Sheets = dict[str, list[list[Cell]]]

# As a list is kept in a sheet: a row left blank above the heading, a note in a column
# with no heading, a number where text was meant.
MEMBERS: list[list[Cell]] = [
    [None, None, None, None, None, None],
    ["Email", "Name", "Language", "Tags", "Phone", "Joined"],
    ["ana@example.org", "Ana Peña", "es", "docks", 34600111222, dt.date(2026, 3, 12), "paid"],
    ["nadia@example.org", "نادية", "ar", "salud", None, None],
    ["not an address", "Ben", "en", None, None, None],
    [None, None, None, None, None, None],  # a blank row, as lists have
    ["zoe@example.org", "Zoé Lefèvre", "fr", 2026, 33612345678, dt.date(2025, 1, 9)],
]


def excel(path: Path, sheets: Sheets) -> Path:
    """As Excel saves a workbook (.xlsx: shared strings, dates as numbers in a date style)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def excel_97(path: Path, sheets: Sheets) -> Path:
    """As Excel 97–2003 saved one (.xls), as old membership lists still are."""
    import xlwt

    book = xlwt.Workbook()
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write(r, c, value, dates)
                elif value is not None:
                    sheet.write(r, c, value)
    book.save(str(path))
    return path


def libreoffice(path: Path, sheets: Sheets) -> Path:
    """As LibreOffice Calc saves one (.ods): typed cells, empty cells and the rest of the
    sheet written as repeats."""
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        '<table:table-column table:number-columns-repeated="7"/>'
        + "".join(
            f"<table:table-row>{''.join(map(_ods_cell, row))}</table:table-row>" for row in rows
        )
        + '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>'
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def _ods_cell(value: Cell) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    elif isinstance(value, int | float):
        kind = f'office:value-type="float" office:value="{value}"'
    else:
        kind = 'office:value-type="string"'
    return f"<table:table-cell {kind}><text:p>{escape(str(value))}</text:p></table:table-cell>"


WORKBOOKS: dict[str, Callable[[Path, Sheets], Path]] = {
    "xlsx": excel,
    "xls": excel_97,
    "ods": libreoffice,
}


def stored(root: Path) -> dict[str, tuple[str, str, str]]:
    rows = query(root, "SELECT address, name, language, tags FROM subscribers")
    return {address: (name, language, tags) for address, name, language, tags in rows}


@pytest.mark.parametrize("suffix", WORKBOOKS)
def test_a_workbook_is_imported_as_its_first_sheet_with_rows_named_by_number(
    delivery_workspace: Path, tmp_path: Path, suffix: str
) -> None:
    workbook = WORKBOOKS[suffix](tmp_path / f"members.{suffix}", {"Members": MEMBERS, "Sheet2": []})

    result = import_file(delivery_workspace, workbook)

    assert stored(delivery_workspace) == {
        "ana@example.org": ("Ana Peña", "es", "docks"),
        "nadia@example.org": ("نادية", "ar", "salud"),
        "zoe@example.org": ("Zoé Lefèvre", "fr", "2026"),  # a number, as it was typed
    }
    shown = " ".join(result.output.split())
    assert result.exit_code == 1 and "Traceback" not in shown  # the bad row is reported
    assert f"rejected {workbook}:5: not an address" in shown  # row 5, as the sheet numbers it
    assert "read the sheet 'Members'" in shown and "not read" not in shown  # Sheet2 is empty
    assert "ignored column(s): phone, joined, column 7" in shown
    assert "3 added, 0 now suppressed, 0 unchanged, 1 rejected" in shown


def test_a_workbook_says_which_sheet_it_read_when_others_hold_anything(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """A sheet of members and one of those who left: the first is read, the other named."""
    left = [["Email"], ["old@example.org"]]
    current: list[list[Cell]] = [["Email"], ["ana@example.org"]]
    workbook = excel(tmp_path / "list.xlsx", {"Sheet1": [], "Current": current, "Left": left})

    result = import_file(delivery_workspace, workbook)

    assert result.exit_code == 0, result.output
    assert "read the sheet 'Current'; not read: 'Left'" in result.output
    assert list(stored(delivery_workspace)) == ["ana@example.org"]


def test_a_workbook_with_no_heading_is_read_by_what_its_cells_hold(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    rows: list[list[Cell]] = [["Ana Ruiz", "ana@example.org"], ["Ben Okafor", "ben@example.org"]]
    workbook = libreoffice(tmp_path / "pasted.ods", {"Sheet1": rows})

    result = import_file(delivery_workspace, workbook)

    assert result.exit_code == 0, result.output
    assert "from column 2 and the names from column 1" in " ".join(result.output.split())
    assert stored(delivery_workspace) == {
        "ana@example.org": ("Ana Ruiz", "", ""),
        "ben@example.org": ("Ben Okafor", "", ""),
    }


@pytest.mark.parametrize(
    ("name", "content", "said", "hint"),
    [
        (
            "members.xlsx",
            b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4,
            "can read",
            "CSV UTF-8",
        ),
        (
            "members.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4,
            "can read",
            "CSV UTF-8",
        ),
        ("members.numbers", b"PK\x03\x04\x14\x00\x06\x00" + bytes(256), "can read", "Export To"),
        ("empty.ods", None, "sheets are empty", "CSV UTF-8"),
    ],
    ids=["damaged xlsx", "damaged xls", "numbers", "empty"],
)
def test_a_workbook_that_cannot_be_read_is_one_clear_error(
    delivery_workspace: Path, tmp_path: Path, name: str, content: bytes | None, said: str, hint: str
) -> None:
    path = tmp_path / name
    if content is None:
        libreoffice(path, {"Sheet1": [[None, None]]})
    else:
        path.write_bytes(content)

    result = import_file(delivery_workspace, path)

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path}: " in result.output and said in result.output and hint in result.output
    assert stored(delivery_workspace) == {}


@pytest.mark.parametrize(
    ("above", "heading"),
    [
        ([["Dockside Workers' Network: members, March 2026"], []], ["Email", "Name"]),
        ([["Members"], ["updated by Ana"]], ["Contact", "Who"]),  # a heading in other words
    ],
    ids=["a title and a blank row", "two lines of title, heading unknown"],
)
def test_lines_above_a_lists_heading_are_passed_over_and_said(
    delivery_workspace: Path, tmp_path: Path, above: list[list[Cell]], heading: list[Cell]
) -> None:
    """As a list is kept in a sheet for people to read: a title over the table. The
    heading is the line naming the address column, or else the last line before the
    first address; the lines above it are named in the report, not imported."""
    rows: list[list[Cell]] = [
        *above,
        heading,
        ["ana@example.org", "Ana Ruiz"],
        ["ben@example.org", "Ben Okafor"],
    ]
    workbook = excel(tmp_path / "members.xlsx", {"Members": rows})

    result = import_file(delivery_workspace, workbook)

    assert result.exit_code == 0, result.output
    title = str(above[0][0])
    assert f"passed over line(s) above the heading (line {len(above) + 1}): {title!r}" in " ".join(
        result.output.split()
    )
    names = {"ana@example.org": "Ana Ruiz", "ben@example.org": "Ben Okafor"}
    stored_names = {address: name for address, (name, _, _) in stored(delivery_workspace).items()}
    assert stored_names == (names if heading[1] == "Name" else dict.fromkeys(names, ""))


@pytest.mark.parametrize("form", ["csv", "csv, the title ending in a comma", "xlsx"])
def test_a_title_of_one_cell_over_rows_with_no_heading_is_passed_over_and_every_row_read(
    delivery_workspace: Path, tmp_path: Path, form: str
) -> None:
    """A line of one cell over rows of more is a title, not their heading: the rows are
    read as a list with no heading, addresses and names alike."""
    rows: list[list[Cell]] = [
        ["Members list 2026"],
        ["ana@example.net", "Ana Ruiz"],
        ["ben@example.net", "Ben Smith"],
    ]
    if form == "xlsx":
        path = excel(tmp_path / "members.xlsx", {"Members": rows})
    else:
        path = tmp_path / "members.csv"
        comma = "," if "comma" in form else ""
        path.write_text(
            f"Members list 2026{comma}\nana@example.net,Ana Ruiz\nben@example.net,Ben Smith\n"
        )

    result = import_file(delivery_workspace, path)

    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert f"rejected {path}" not in shown and "column 'Members list 2026'" not in shown
    assert "passed over line(s) above the list, which has no heading" in shown
    assert "'Members list 2026'" in shown
    assert stored(delivery_workspace) == {
        "ana@example.net": ("Ana Ruiz", "", ""),
        "ben@example.net": ("Ben Smith", "", ""),
    }


@pytest.mark.parametrize("separator", [";", "\t"], ids=["semicolon", "tab"])
def test_a_title_over_a_list_split_at_semicolons_or_tabs_does_not_decide_the_separator(
    delivery_workspace: Path, tmp_path: Path, separator: str
) -> None:
    """A title typed over the table holds no separator: the lines of the table say which
    it is, as Excel saves a list where the comma is the decimal mark (or as Unicode Text)."""
    path = tmp_path / "socios.csv"
    path.write_text(
        f"Lista de socios 2026\n\nCorreo{separator}Nombre\nlola@example.net{separator}Lola\n"
    )

    result = import_file(delivery_workspace, path)

    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert "passed over line(s) above the heading (line 3): 'Lista de socios 2026'" in shown
    assert stored(delivery_workspace) == {"lola@example.net": ("Lola", "", "")}


def test_a_heading_in_unknown_words_stays_the_heading_over_a_first_row_without_an_address(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    """Only lines of one cell (a title) are passed over: a heading of several columns is
    the heading even when the first person's address is mistyped."""
    listed = tmp_path / "list.csv"
    listed.write_text("Contact,Who\nana(at)example.org,Ana\nben@example.org,Ben\n")

    result = import_file(delivery_workspace, listed)

    assert f"rejected {listed}:2: ana(at)example.org" in " ".join(result.output.split())
    assert "passed over" not in result.output
    assert list(stored(delivery_workspace)) == ["ben@example.org"]


def test_the_line_naming_the_address_column_is_the_heading_over_people_with_no_address(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    rows: list[list[Cell]] = [
        ["Members"],
        ["Email", "Name"],
        [None, "Carla Gómez"],  # no address yet
        ["ana@example.org", "Ana Ruiz"],
    ]
    workbook = libreoffice(tmp_path / "members.ods", {"Members": rows})

    result = import_file(delivery_workspace, workbook)

    shown = " ".join(result.output.split())
    assert "passed over line(s) above the heading (line 2): 'Members'" in shown
    assert f"rejected {workbook}:3: (no address)" in shown
    assert stored(delivery_workspace) == {"ana@example.org": ("Ana Ruiz", "", "")}


@pytest.mark.parametrize("form", ["csv", "xlsx", "ods"])
def test_blank_rows_among_a_lists_rows_are_named_in_the_report(
    delivery_workspace: Path, tmp_path: Path, form: str
) -> None:
    """README promises it: a blank row passed over is named, so an editor who finds someone
    missing sees where the list had a gap. The sheet's empty rows after the last are not."""
    rows: list[list[Cell]] = [
        ["Members list 2026"],
        [],
        ["email", "name"],
        ["blank1@example.org", "B One"],
        [],
        [None, None],  # a row of empty cells: "," in a CSV file
        ["blank2@example.org", "B Two"],
    ]
    if form == "csv":
        path = tmp_path / "blank.csv"
        path.write_text(
            "Members list 2026\n\nemail,name\nblank1@example.org,B One\n\n,\n"
            "blank2@example.org,B Two\n\n"
        )
    else:
        path = WORKBOOKS[form](tmp_path / f"blank.{form}", {"Members": rows})

    result = import_file(delivery_workspace, path)

    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert "passed over line(s) above the heading (line 3): 'Members list 2026'" in shown
    assert "passed over blank line(s): 2, 5-6" in shown, shown
    assert list(stored(delivery_workspace)) == ["blank1@example.org", "blank2@example.org"]
