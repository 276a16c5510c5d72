"""A table written in HTML by hand in a Markdown document (or a .txt), its cells spanning
rows or columns it does not have, spans those it has: its web page failed the Nu HTML
checker, which a browser's layout would not show. A table whose spans fit stays as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import article_page
from validators import nu_html_errors

from publisher.sanitize import clean_html

HEAD = "<tr><th>Building</th><th>Rent</th><th>Repairs</th></tr>"
MENDED = [
    # a row span past the last row of its group: to its last row
    (
        '<tr><td rowspan="5">Mill House</td><td>£650</td><td>Damp</td></tr><tr><td>£700</td>'
        "<td>Roof</td></tr>",
        '<tr><td rowspan="2">Mill House</td><td>£650</td><td>Damp</td></tr><tr><td>£700</td>'
        "<td>Roof</td></tr>",
    ),
    # a column span past the last column: to the last column
    ('<tr><td colspan="7">Total</td></tr>', '<tr><td colspan="3">Total</td></tr>'),
    # a row with no cell: left out, and the span over it one row shorter
    (
        '<tr><td rowspan="3">Mill House</td><td>£650</td><td>Damp</td></tr><tr></tr>'
        "<tr><td>£700</td><td>Roof</td></tr>",
        '<tr><td rowspan="2">Mill House</td><td>£650</td><td>Damp</td></tr>'
        "<tr><td>£700</td><td>Roof</td></tr>",
    ),
]


@pytest.mark.parametrize(("rows", "mended"), MENDED)
def test_a_span_past_the_tables_rows_or_columns_ends_with_them(rows: str, mended: str) -> None:
    cleaned = clean_html(f"<table>{HEAD}{rows}</table>")
    assert cleaned == f"<table><tbody>{HEAD}{mended}</tbody></table>"


def test_a_column_every_cell_spans_over_is_no_column() -> None:
    written = (
        '<table><tr><th colspan="2">Building</th><th>Rent</th></tr>'
        '<tr><td colspan="2">Mill House</td><td>£650</td></tr></table>'
    )
    assert clean_html(written) == (
        "<table><tbody><tr><th>Building</th><th>Rent</th></tr>"
        "<tr><td>Mill House</td><td>£650</td></tr></tbody></table>"
    )


@pytest.mark.parametrize(
    "rows",
    [
        '<tr><td rowspan="2">Mill House</td><td>£650</td><td>Damp</td></tr>'
        "<tr><td>£700</td><td>Roof</td></tr>",
        '<tr><td colspan="2">Mill House, both floors</td><td>Damp</td></tr>',
        '<tr><td rowspan="0">Mill House</td><td>£650</td><td>Damp</td></tr>'
        "<tr><td>£700</td><td>Roof</td></tr>",
        '<tr><td rowspan="1" colspan="1">Mill House</td><td>£650</td><td>Damp</td></tr>',
    ],
)
def test_spans_that_fit_stay_as_written(rows: str) -> None:
    written = f"<table><tbody>{HEAD}{rows}</tbody></table>"
    assert clean_html(written) == written


def test_the_web_page_of_a_hand_written_table_passes_the_nu_html_checker(tmp_path: Path) -> None:
    tables = "\n\n".join(f"<table>{HEAD}{rows}</table>" for rows, _ in MENDED)
    page = article_page(tmp_path / "site", "rents.md", f"# Rents\n\n{tables}\n")
    assert "Mill House" in page.read_text(encoding="utf-8")
    assert nu_html_errors([page]) == []


def test_a_cell_under_a_row_span_begins_after_it() -> None:
    """As HTML's table model places it: "Total" is in the second column, so spans one."""
    written = (
        '<table><tr><th rowspan="2">Mill House</th><td>£650</td></tr>'
        '<tr><td colspan="2">Total</td></tr></table>'
    )
    assert clean_html(written) == (
        '<table><tbody><tr><th rowspan="2">Mill House</th><td>£650</td></tr>'
        "<tr><td>Total</td></tr></tbody></table>"
    )
