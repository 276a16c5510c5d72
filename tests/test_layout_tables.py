"""A table that lays a page out (a Word leaflet's columns, an old page's grid) is set as
text, cell after cell, in every output: on a phone, in the email and in an e-reader its
headings and paragraphs read in order, not squeezed into columns. A table of data stays."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import lxml.html
import pypandoc
import pytest
from conftest import minimal_with
from hypothesis import given
from hypothesis import strategies as st
from validators import parse_eml

from publisher.build import build
from publisher.readers.layout_tables import unwrapped_layout_tables

ISSUE = "001-first"

# A two-column leaflet as Word keeps it: one row, a heading and paragraphs in each cell.
LEAFLET = """<html><body><h1>May Day</h1>
<table><tr>
<td><h2>Why we march</h2><p>Wages have fallen for ten years.</p><p>We march together.</p></td>
<td><h2>Where and when</h2><p>Quay Street at 11am.</p><ul><li>Bring banners</li></ul></td>
</tr></table>
<p>Printed by the Dockside Workers' Network.</p>
<table><tr><th>Branch</th><th>Members</th></tr><tr><td>Port</td><td>412</td></tr></table>
</body></html>"""

IN_ORDER = [
    "Why we march",
    "Wages have fallen",
    "We march together",
    "Where and when",
    "Bring banners",
    "Printed by",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    made = tmp_path_factory.mktemp("word") / "leaflet.docx"
    pypandoc.convert_text(LEAFLET, "docx", format="html", outputfile=str(made))
    root = minimal_with(
        tmp_path_factory.mktemp("layout") / "ws", {"leaflet.docx": made.read_bytes()}
    )
    notes: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            notes.append(record.getMessage())

    handler = Keep(logging.INFO)
    logger = logging.getLogger("publisher")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("SOURCE_DATE_EPOCH", "1767225600")
            out = build(root, formats=["email", "epub", "web"]).out_dir
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return out, notes


def read_in_order(markup: str | bytes) -> None:
    """The leaflet's words come in their reading order, in no table; the data table stays."""
    tree = lxml.html.fromstring(markup)
    words = " ".join(tree.text_content().split())
    places = [words.index(part) for part in IN_ORDER]
    assert places == sorted(places), words
    tables = [t for t in tree.iter("table") if t.get("role") != "presentation"]
    assert len(tables) == 1 and "Members" in tables[0].text_content()
    assert [h.text_content() for h in tree.iter("h2", "h3", "h4")][-2:] == IN_ORDER[0:4:3]


def test_the_web_page_the_email_and_the_epub_read_the_leaflet_in_order(
    built: tuple[Path, list[str]],
) -> None:
    out, _ = built
    read_in_order((out / ISSUE / "leaflet" / "index.html").read_bytes())
    read_in_order(parse_eml(out / ISSUE / "email.eml").get_body(("html",)).get_content())
    with zipfile.ZipFile(out / ISSUE / f"{ISSUE}.epub") as epub:
        [chapter] = [
            epub.read(n)
            for n in epub.namelist()
            if n.endswith(".xhtml") and b"Quay" in epub.read(n)
        ]
    read_in_order(chapter)


def test_the_editor_is_told_to_check_the_order(built: tuple[Path, list[str]]) -> None:
    _, notes = built
    assert any(
        "leaflet.docx: a table used to lay the page out set as text" in note for note in notes
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # a box of one cell: its words
        (
            "<table><tr><td><p>March at noon!</p></td></tr></table>",
            "<div><p>March at noon!</p></div>",
        ),
        # a grid of cells with headings, an empty cell left out, the words after it kept last
        (
            "<table><tr><td><h3>A</h3><p>a</p></td><td> </td></tr>"
            "<tr><td><h3>B</h3></td><td><p>b</p></td></tr></table>after",
            "<div><h3>A</h3><p>a</p></div><div><h3>B</h3></div><div><p>b</p></div><p>after</p>",
        ),
        # a cell's words beside its paragraphs, as an email template writes a greeting:
        # a paragraph of their own (they stood in none, after `nesting`)
        (
            "<table><tr><td>Hello members, <p>The strike is on.</p><p>All out.</p></td>"
            '<td><img src="a.png" alt="A"></td></tr></table>',
            "<div><p>Hello members,</p> <p>The strike is on.</p><p>All out.</p></div>"
            '<div><img src="a.png" alt="A">'
            "</div>",
        ),
        # a table inside a cell: the outer one lays out, the inner one is data
        (
            "<table><tr><td><p>x</p><table><tr><td>1</td><td>2</td></tr>"
            "<tr><td>3</td><td>4</td></tr></table></td></tr></table>",
            "<div><p>x</p><table><tr><td>1</td><td>2</td></tr>"
            "<tr><td>3</td><td>4</td></tr></table></div>",
        ),
    ],
)
def test_a_table_that_lays_out_is_its_cells_in_order(written: str, expected: str) -> None:
    body, count = unwrapped_layout_tables(written)
    assert body == expected and count >= 1


@pytest.mark.parametrize(
    "written",
    [
        "<table><tr><th>Branch</th><th>Members</th></tr><tr><td>Port</td><td>412</td></tr></table>",
        "<table><caption>Pay</caption><tr><td><p>a</p><p>b</p></td><td>c</td></tr></table>",
        "<table><tr><th>Pay</th><td><p>a</p><p>b</p></td></tr></table>",
        "<table><tr><td>Port</td><td>412</td></tr><tr><td>Rail</td><td>87</td></tr></table>",
        # rows of several paragraphs each: a table of demands and reasons
        "<table><tr><td><p>Pay</p><p>now</p></td><td>x</td></tr>"
        "<tr><td><p>Hours</p><p>less</p></td><td>y</td></tr></table>",
        "<p>no table at all</p>",
    ],
)
def test_a_table_of_data_stays_a_table(written: str) -> None:
    assert unwrapped_layout_tables(written) == (written, 0)


_CELL = st.lists(
    st.tuples(
        st.sampled_from(["p", "h3", "ul", "blockquote", ""]),
        st.text(alphabet="abc xyz", min_size=1, max_size=8),
    ),
    max_size=3,
)


def _cell_html(blocks: list[tuple[str, str]]) -> str:
    def block(tag: str, words: str) -> str:
        if tag == "ul":
            return f"<ul><li>{words}</li></ul>"
        return f"<{tag}>{words}</{tag}>" if tag else words

    return "".join(block(tag, words) for tag, words in blocks)


@given(st.lists(st.lists(_CELL, min_size=1, max_size=3), min_size=1, max_size=3))
def test_unwrapping_keeps_every_word_in_reading_order(
    rows: list[list[list[tuple[str, str]]]],
) -> None:
    table = "".join(
        "<tr>" + "".join(f"<td>{_cell_html(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    written = f"<p>before</p><table>{table}</table>its tail<p>after</p>"
    body, _ = unwrapped_layout_tables(written)

    def words(markup: str) -> list[str]:
        return lxml.html.fragment_fromstring(markup, create_parent="div").text_content().split()

    assert words(body) == words(written)
