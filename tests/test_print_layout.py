"""Print as a reader sees it, page by page: a cover that is one page at every paper size,
tables that keep their numbers and short words whole, footnotes on the page of their call,
code that wraps inside the page, drawings in grey when printing black only, and a
leaflet's footer whose words keep their width beside or above its QR code.

Each test builds a small workspace of its own, written here, through the command line an
editor uses; where text lands is read from the PDF with PyMuPDF (words and their boxes,
per page), colours from its pixels."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from click.testing import CliRunner
from conftest import FIXED_EPOCH, REPO, show_page

from publisher.cli import main

ISSUE = "001-print"
TITLE = "The Quayside Bulletin"
ORGANISATION = "Quayside Tenants and Workers"
CONTACT = "Unit 4, 17 Quay Street, Eastharbour EH1 4QS · bulletin@dockside.example.org"
MEDIA = REPO / "documents" / "media"
# The example issue's summary: four lines on an A4 cover.
SUMMARY = (
    "The Infirmary cleaners strike, tenants count the cost of rising rents, a warehouse"
    " steward on winning recognition, and day labourers walk out in the Aldercombe valley."
)


# --- workspaces and builds ------------------------------------------------------------------


def workspace(
    root: Path,
    documents: dict[str, str],
    manifest: str,
    config: str = "",
) -> Path:
    """A workspace with these documents (name → Markdown) and one issue's manifest; the
    example's logo and pictures in documents/media."""
    (root / "documents" / "media").mkdir(parents=True)
    (root / "issues").mkdir()
    (root / "publisher.toml").write_text(
        f'title = "{TITLE}"\n'
        'base_url = "https://quayside.example.org/"\n'
        'language = "en"\n'
        f'[organisation]\nname = "{ORGANISATION}"\ncontact = "{CONTACT}"\n'
        '[email]\nfrom = "Bulletin <news@quayside.example.org>"\n' + config
    )
    for picture in MEDIA.iterdir():
        shutil.copy(picture, root / "documents" / "media" / picture.name)
    for name, text in documents.items():
        (root / "documents" / f"{name}.md").write_text(text)
    (root / "issues" / f"{ISSUE}.yaml").write_text(manifest)
    return root


def build(root: Path, *options: str) -> str:
    """`publisher build` with these options, as an editor runs it: what it says."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        result = CliRunner().invoke(main, ["-C", str(root), "build", *options])
    assert result.exit_code == 0, result.output
    return result.output


def built(root: Path, *options: str) -> Path:
    """The issue's output folder, built with these options."""
    build(root, *options)
    return root / "dist" / ISSUE


def article(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: 2026-03-01\n---\n\n{body}\n"


def page_texts(path: Path) -> list[str]:
    """Each page's text as one line: a word hyphenated at a line's end joined again."""
    with pymupdf.open(path) as pdf:
        texts = [page.get_text() for page in pdf]
    return [" ".join(re.sub(r"[-‐\xad]\n", "", text).split()) for text in texts]


# --- the cover --------------------------------------------------------------------------------

COVER_MANIFEST = f"""\
number: 1
title: "No to poverty pay"
date: 2026-03-01
cover: documents/media/harbour-dawn.jpg
summary: "{SUMMARY}"
editorial: |
  A short editorial.
sections:
  - title: News
    documents: [first]
"""
STYLE = """\
[style]
theme = "{theme}"
logo = "documents/media/dockside-logo.svg"
logo_alt = "Quayside"
accent = "#0f5c73"
masthead = "News, statements and reports from the docks"
"""


def cover_workspace(root: Path, theme: str, summary: str = SUMMARY) -> Path:
    return workspace(
        root,
        {"first": article("The first article", "Its only paragraph.")},
        COVER_MANIFEST.replace(SUMMARY, summary),
        STYLE.format(theme=theme),
    )


def assert_cover_on_page_one(pdf: Path, summary: str) -> None:
    pages = page_texts(pdf)
    cover = [
        TITLE,
        "News, statements and reports from the docks",
        "No to poverty pay",
        summary,
        ORGANISATION,
    ]
    for line in cover:  # the campaign theme sets its masthead in capitals
        assert line.casefold() in pages[0].casefold(), f"{line!r} is not on the cover page"
    assert pages[1].startswith("Contents"), f"page 2 is not the contents: {pages[1]!r}"


@pytest.mark.parametrize(
    ("theme", "page_size"),
    [
        ("default", "A4"),
        ("default", "A5"),
        ("default", "A6"),
        ("default", "Letter"),
        ("default", "Legal"),
        ("default", "120mm 180mm"),
        ("campaign", "A5"),
        ("campaign", "A6"),
    ],
)
def test_the_cover_with_logo_picture_and_summary_is_one_page_at_every_paper_size(
    tmp_path: Path, theme: str, page_size: str
) -> None:
    root = cover_workspace(tmp_path, theme)
    folder = built(root, "--format", "pdf", "--page-size", page_size)
    assert_cover_on_page_one(folder / f"{ISSUE}.pdf", SUMMARY)


def test_a_cover_with_a_long_summary_is_one_page_at_a5_in_type_still_readable(
    tmp_path: Path,
) -> None:
    """Three times the example's summary: the type comes down until it fits, but the
    summary stays at least 6pt (the least size print legibility guides allow)."""
    summary = " ".join([SUMMARY] * 3)
    root = cover_workspace(tmp_path, "default", summary)
    pdf = built(root, "--format", "pdf", "--page-size", "A5", "--impose", "booklet")
    assert_cover_on_page_one(pdf / f"{ISSUE}.pdf", summary)
    with pymupdf.open(pdf / f"{ISSUE}.pdf") as document:
        spans = [
            span
            for block in document[0].get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
            if span["text"].strip() and span["text"].strip() in summary
        ]
    assert spans and min(span["size"] for span in spans) >= 6


def test_a_cover_that_cannot_fit_even_in_its_least_type_is_named_in_a_warning(
    tmp_path: Path,
) -> None:
    """Twenty times the example's summary cannot fit an A6 cover in readable type: the
    build says which issue's cover runs over, and still writes the PDF."""
    root = cover_workspace(tmp_path, "default", " ".join([SUMMARY] * 20))
    said = build(root, "--format", "pdf", "--page-size", "A6")
    assert f"{ISSUE}.yaml: the cover runs onto a second A6 page" in said
    assert (root / "dist" / ISSUE / f"{ISSUE}.pdf").is_file()


# --- running headers --------------------------------------------------------------------------

DELTA = "From the Delta to the docks: solidarity with the weavers of Kafr al-Manasij"
WEAVERS = (
    "Every few weeks a container ship from Alexandria ties up at Berth 7 and unloads, among"
    " other things, pallets of cotton towels and bed linen bound for warehouses on the"
    " Fenwick Road estate. Most of those who handle the boxes never think about them.\n\n"
) * 6
RUNNING_MANIFEST = """\
number: 1
title: "Headers"
date: 2026-03-01
sections:
  - title: International solidarity
    documents: [delta]
"""


def header_lines(pdf: Path, page: int, top_mm: float) -> list[tuple[pymupdf.Rect, str]]:
    """The boxes and texts of the lines printed in a page's top margin (`top_mm` high)."""
    with pymupdf.open(pdf) as document:
        lines = [
            line
            for block in document[page - 1].get_text("dict")["blocks"]
            for line in block.get("lines", [])
            if line["bbox"][3] <= top_mm * 72 / 25.4
        ]
    return [
        (pymupdf.Rect(line["bbox"]), "".join(s["text"] for s in line["spans"])) for line in lines
    ]


@pytest.mark.parametrize("page_size", ["A6", "A5"])
def test_the_newsletters_name_and_a_long_article_title_in_the_running_header_never_overlap(
    tmp_path: Path, page_size: str
) -> None:
    """At A6 the article's title (75 letters) takes three lines beside the name, which is
    printed whole and clear of it: no line of the title is drawn over it."""
    root = workspace(tmp_path, {"delta": article(f"'{DELTA}'", WEAVERS)}, RUNNING_MANIFEST)
    folder = built(root, "--format", "pdf", "--page-size", page_size, "--margins", "18mm")
    pdf = folder / f"{ISSUE}.pdf"
    with pymupdf.open(pdf) as document:
        pages = len(document)
    headed = 0
    for page in range(2, pages):  # the cover and the back cover have no running header
        lines = header_lines(pdf, page, 18)
        names = [box for box, text in lines if text.strip() == TITLE]
        titles = [box for box, text in lines if text.strip() and text.strip() in DELTA]
        if not titles:
            continue
        headed += 1
        assert len(names) == 1, f"page {page}: the name is one line: {lines}"
        assert "Manasij" in " ".join(text for _, text in lines), f"page {page}: the title whole"
        assert all((names[0] & box).is_empty for box in titles), f"page {page}: {lines}"
    assert headed >= 2, "the article's pages carry its title"


# --- the colophon ------------------------------------------------------------------------------


QUAY_AR = "اجتمع العمال على رصيف الميناء ليقرروا ما إذا كان الإضراب سيستمر. " * 4


@pytest.mark.parametrize(
    ("language", "paragraph"),
    [("en", WEAVERS.split("\n\n")[0]), ("ar", QUAY_AR)],
    ids=["bound left", "bound right"],
)
@pytest.mark.parametrize("paragraphs", [1, 8])
def test_the_back_cover_is_always_the_back_of_the_last_sheet(
    tmp_path: Path, language: str, paragraph: str, paragraphs: int
) -> None:
    """Printed double-sided, the colophon is the back of the last sheet, never the front of
    one with the last article behind it: the reading PDF has an even number of pages, a
    blank one (no running header, no number) before the back cover when the articles end
    on a front."""
    manifest = RUNNING_MANIFEST.replace("sections:", f"language: {language}\nsections:")
    body = "\n\n".join([paragraph] * paragraphs)
    root = workspace(tmp_path, {"delta": article("The weavers", body)}, manifest)
    pages = page_texts(built(root, "--format", "pdf", "--page-size", "A5") / f"{ISSUE}.pdf")
    assert len(pages) % 2 == 0, pages
    assert ORGANISATION in pages[-1] and "quayside.example.org" in pages[-1]
    empty = [number for number, text in enumerate(pages, start=1) if not text]
    assert empty in ([], [len(pages) - 1]), pages
    inner = [page for page in pages[1:-1] if page]  # the blank has no running header either
    body = {word for word in paragraph.split() if len(word) > 4}
    assert all(body & set(page.split()) for page in inner), pages


@pytest.mark.parametrize("page_size", ["A5", "A6"])
def test_the_colophon_prints_the_contact_email_and_web_address_unhyphenated(
    tmp_path: Path, page_size: str
) -> None:
    """The back cover's contact line ends in an e-mail address, then comes the issue's web
    address: either may wrap, at A6, but never with a hyphen a reader would type."""
    root = workspace(tmp_path, {"delta": article("The weavers", WEAVERS)}, RUNNING_MANIFEST)
    toml = root / "publisher.toml"  # the example's address: too long for an A6 line
    toml.write_text(toml.read_text().replace("//quayside.", "//bulletin.dockside."))
    pdf = built(root, "--format", "pdf", "--page-size", page_size) / f"{ISSUE}.pdf"
    with pymupdf.open(pdf) as document:
        back = document[-1].get_text()
    lines = [line.strip() for line in back.splitlines() if line.strip()]
    hyphenated = [line for line in lines if line.endswith(("-", "\u2010", "\xad"))]
    assert hyphenated == [], lines
    joined = "".join(lines)  # the lines run together: a break after "/" or "·" is no change
    assert "bulletin@dockside.example.org" in joined
    assert "https://bulletin.dockside.example.org/001-print/" in joined


ROTA_ADDRESS = "https://quayside.example.org/strike-2026/picket-rota-and-hardship-fund-claims"
ROTA = (
    "Every striker can claim from the hardship fund from the first day out. The picket rota,"
    f" the claim form and the fund's rules are at {ROTA_ADDRESS} and at the branch office,"
    " which is open every weekday morning until the dispute is over."
)


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_a_paragraph_holding_a_long_address_has_no_stretched_gaps(
    tmp_path: Path, page_size: str
) -> None:
    """An address breaks only after a slash or a hyphen of its own, never hyphenated: in a
    justified paragraph the line before its break was stretched ("are   at   https://…/"),
    with gaps of several spaces between the words."""
    root = workspace(tmp_path, {"delta": article("Hardship fund", ROTA)}, RUNNING_MANIFEST)
    pdf = built(root, "--format", "pdf", "--page-size", page_size) / f"{ISSUE}.pdf"
    with pymupdf.open(pdf) as document:
        [page] = [page for page in document if "hardship fund from" in page.get_text()]
        words = page.get_text("words")
        size = max(
            span["size"]
            for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
            if "hardship fund from" in span["text"]
        )
    first = next(i for i, word in enumerate(words) if word[4] == "Every")
    last = next(i for i, word in enumerate(words) if word[4] == "over.")
    assert "".join(w[4] for w in words[first : last + 1]).count(ROTA_ADDRESS[8:20]) == 1
    gaps = [
        (after[0] - before[2], before[4], after[4])
        for before, after in itertools.pairwise(words[first : last + 1])
        if before[5:7] == after[5:7]  # on one line
    ]
    assert gaps and max(gaps)[0] < 0.5 * size, sorted(gaps)[-3:]


# --- tables -----------------------------------------------------------------------------------
# --- tables -----------------------------------------------------------------------------------

RENTS = """\
Rents by ward and year.

| Ward | 2022 | 2023 | 2024 | 2025 | Change | Notes |
|------|-----:|-----:|-----:|-----:|-------:|-------|
| Quayside | £1,045 | £1,102 | £1,180 | £1,245 | +19.1% | Includes the new flats on the old timber yard, which were let at market rents from the start |
| Saltmarsh | £920 | £944 | £990 | £1,030 | +12.0% | |
| Northgate | £865 | £880 | £902 | £940 | +8.7% | Survey covered fewer homes |
| Harbour Hill | £1,300 | £1,390 | £1,460 | £1,550 | +19.2% | two |
"""
NUMBERS = "| A | B | C | D | E | F | G | H | I | J | K | L | M | N |"
WIDE = f"""\
A table wider than any page's text block in whole words:

{NUMBERS}
|{"---|" * 14}
| verylongcellcontentwithoutspaces | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 |
| one | two | three | four | five | six | seven | eight | nine | ten | eleven | twelve | thirteen | fourteen |
"""
TABLES_MANIFEST = """\
number: 1
title: "Tables"
date: 2026-03-01
sections:
  - title: Reports
    documents: [{documents}]
"""


def words_on(pdf: Path) -> list[tuple[int, str, float, float]]:
    """(page, word, x0, x1) of every word, pages from 1."""
    with pymupdf.open(pdf) as document:
        return [
            (number, word[4], word[0], word[2])
            for number, page in enumerate(document, start=1)
            for word in page.get_text("words")
        ]


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_a_tables_numbers_and_short_words_are_never_broken_across_lines(
    tmp_path: Path, page_size: str
) -> None:
    """Every figure and every word of up to six letters in the rents table is one word of
    the PDF: none broken into pieces on two lines; the long note wraps instead."""
    root = workspace(
        tmp_path,
        {"rents": article("Rents", RENTS)},
        TABLES_MANIFEST.format(documents="rents"),
    )
    pdf = built(root, "--format", "pdf", "--page-size", page_size) / f"{ISSUE}.pdf"
    printed = {word for _, word, _, _ in words_on(pdf)}
    rows = [row for row in RENTS.splitlines() if row.startswith("|") and "---" not in row]
    words = {word for row in rows for cell in row.split("|") for word in cell.split()}
    short = {word for word in words if len(word) <= 6}
    assert {"2022", "£1,045", "+19.1%", "Change", "two"} <= short
    assert short - printed == set(), "broken across lines"


# A tenants' survey as its report sets it: long headings beside short ward names.
WARD_RENTS = """\
Median rents by ward.

| Ward | Median private rent (£ per month) | Median social rent (£ per month) | Private rent as a share of income |
|:--|--:|--:|--:|
| Quayside | 1045 | 610 | 46 % |
| Saltmarsh | 920 | 575 | 41 % |
| Northgate | 865 | 560 | 38 % |
| All wards | 955 | 585 | 42 % |
"""
MEMBERSHIP_ROWS = "\n".join(
    f"| Branch {n} Eastharbour | {1000 + n} | {1100 + n} | 100 | Six words of notes here. |"
    for n in range(1, 9)
)
MEMBERSHIP = f"""\
| Branch | Members 2024 | Members 2025 | Change | Notes |
|---|---|---|---|---|
{MEMBERSHIP_ROWS}
"""


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_a_tables_words_are_never_hyphenated_while_the_table_fits_the_page(
    tmp_path: Path, page_size: str
) -> None:
    """A ward's or a branch's name and a heading's words print whole ("Saltmarsh", not
    "Salt-" over "marsh"; "Members", not "Mem-" over "bers"): the table fits the page with
    every word whole, so its columns are set no narrower than their longest words."""
    root = workspace(
        tmp_path,
        {"rents": article("Rents", WARD_RENTS), "members": article("Members", MEMBERSHIP)},
        TABLES_MANIFEST.format(documents="rents, members"),
    )
    pdf = built(root, "--format", "pdf", "--page-size", page_size) / f"{ISSUE}.pdf"
    printed = [word for _, word, _, _ in words_on(pdf)]
    assert [word for word in printed if word.endswith(("-", "\u2010", "\xad"))] == []
    assert {"Saltmarsh", "Northgate", "Eastharbour", "Members", "private"} <= set(printed)


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_a_table_too_wide_for_the_page_still_fits_inside_its_text_block(
    tmp_path: Path, page_size: str
) -> None:
    """Fourteen columns, one holding a 32-letter word: at A5 no layout keeps every word
    whole, so its words may break, but nothing of it runs into the margin."""
    root = workspace(
        tmp_path,
        {"rents": article("Rents", RENTS), "wide": article("Wide", WIDE)},
        TABLES_MANIFEST.format(documents="rents, wide"),
        '[pdf]\nmargins = "20mm 18mm"\n',
    )
    pdf = built(root, "--format", "pdf", "--page-size", page_size) / f"{ISSUE}.pdf"
    width_mm = {"A4": 210, "A5": 148}[page_size]  # ISO 216
    right_edge = (width_mm - 18) * 72 / 25.4  # inside the 18mm margin, in points
    overflowing = [(page, word) for page, word, _, x1 in words_on(pdf) if x1 > right_edge + 1]
    assert overflowing == []


RETURNS_ROWS = "\n".join(f"| {n} | Branch {n} | {n * 10} |" for n in range(1, 61))
RETURNS = f"""\
The returns:

| No. | Branch | Members |
|---:|---|---:|
{RETURNS_ROWS}
"""
RETURNS_MANIFEST = """\
number: 1
title: "Returns"
date: 2026-03-01
sections:
  - title: News
    documents: [returns]
"""


@pytest.mark.parametrize("after", ["", "That is all."])
@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_a_table_longer_than_a_page_starts_under_its_heading_title_and_introduction(
    tmp_path: Path, page_size: str, after: str
) -> None:
    """A branch-returns report ending in (or followed by a line after) a table of sixty
    rows: the section heading, the article's title, the line introducing the table and the
    table's first rows share a page, and the table runs on over the next; no page is left
    with a heading or a line alone."""
    root = workspace(
        tmp_path,
        {"returns": article("Branch returns", f"{RETURNS}\n{after}")},
        RETURNS_MANIFEST,
    )
    pages = page_texts(built(root, "--format", "pdf", "--page-size", page_size) / f"{ISSUE}.pdf")
    title = "News Branch returns March 1, 2026"
    opening = "The returns: No. Branch Members 1 Branch 1 10 2 Branch 2 20"
    assert [page for page in pages if title in page and opening in page], pages
    last_row = next(number for number, page in enumerate(pages) if "60 Branch 60 600" in page)
    assert last_row <= next(n for n, page in enumerate(pages) if "The returns:" in page) + 2


@pytest.mark.parametrize("points", [5, 9, 16, 25])
def test_the_line_leading_into_a_table_kept_whole_goes_over_with_it(
    tmp_path: Path, points: int
) -> None:
    """Minutes of 5 to 25 points, then a ballot's results (a table of twelve rows, kept
    whole on an A5 page) and a line after: wherever the table falls, "The results:" is on
    its page, not left alone at the foot of the page before."""
    rows = "\n".join(f"| Branch {n} | {n * 10} |" for n in range(1, 13))
    table = f"The results:\n\n| Branch | Votes |\n|---|---:|\n{rows}\n\nThat is all."
    minutes = [f"Point {n} of the minutes was agreed." for n in range(points)]
    root = workspace(
        tmp_path, {"returns": article("Ballot", "\n\n".join([*minutes, table]))}, RETURNS_MANIFEST
    )
    pages = page_texts(built(root, "--format", "pdf", "--page-size", "A5") / f"{ISSUE}.pdf")
    assert [page for page in pages if "The results: Branch Votes Branch 1 10" in page], pages


def test_a_table_of_more_rows_than_a_page_holds_is_laid_out_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An A5 page is 595 pt high: 300 rows (of at least 6 pt each) cannot be kept on one.
    Such a table used to be laid out kept whole first, and the whole issue again once it
    was seen to run over pages: a data appendix of 5,000 rows took 54 s."""
    import weasyprint

    layouts = []
    render = weasyprint.HTML.render

    def counted(self: weasyprint.HTML, *args: object, **kwargs: object) -> weasyprint.Document:
        layouts.append(1)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", counted)
    rows = "\n".join(f"| {n} | Branch {n} | {10 * n} |" for n in range(1, 301))
    body = f"The returns:\n\n| No. | Branch | Members |\n|---:|---|---:|\n{rows}\n"
    root = workspace(tmp_path, {"returns": article("Branch returns", body)}, RETURNS_MANIFEST)
    pages = page_texts(built(root, "--format", "pdf", "--page-size", "A5") / f"{ISSUE}.pdf")
    assert len(layouts) == 1
    title, opening = (
        "News Branch returns March 1, 2026",
        "The returns: No. Branch Members 1 Branch 1",
    )
    assert [page for page in pages if title in page and opening in page], pages
    assert [page for page in pages if "300 Branch 300 3000" in page]  # every row printed


def test_the_tables_of_a_page_are_counted_each_by_its_own_rows() -> None:
    from publisher.renderers.weasy import numbered_tables, tables_of_more_rows

    inner = "<table><tr><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr></table>"
    page = numbered_tables(
        "<table><tr><td>1</td></tr><TR><td>2</td></tr></table>"  # table 1: 2 rows
        f"<table><tr><td>{inner}</td></tr></table>"  # table 2: 1 row, table 3 in it: 3
    )
    assert tables_of_more_rows(page, 1) == {"1", "3"}
    assert tables_of_more_rows(page, 2) == {"3"}
    assert tables_of_more_rows(page, 3) == set()


BRANCHES = "\n".join(
    f"| {n} | Branch {n} of the Eastharbour and District Amalgamated Workers"
    f" | {400 + n} | £{100 + n}.50 | Yes |"
    for n in range(1, 31)
)
BRANCH_DUES = f"""\
| No. | Branch | Members | Dues | Affiliated |
|----:|--------|--------:|-----:|:----------:|
{BRANCHES}

That is all.
"""


def test_a_table_row_of_wrapped_cells_is_never_split_across_pages(tmp_path: Path) -> None:
    """Thirty branches whose names wrap over lines of an A5 page: each branch's whole name
    is on the page of its members, dues and affiliation, never left in part under the
    header repeated on the next page."""
    root = workspace(
        tmp_path,
        {"dues": article("Branch dues", BRANCH_DUES)},
        RETURNS_MANIFEST.replace("[returns]", "[dues]"),
    )
    pages = page_texts(built(root, "--format", "pdf", "--page-size", "A5") / f"{ISSUE}.pdf")
    for n in range(1, 31):
        row = f"{n} Branch {n} of the Eastharbour and District Amalgamated Workers"
        figures = f"{400 + n} £{100 + n}.50 Yes"
        assert [page for page in pages if row in page and figures in page], (n, pages)


# A conference's motions, as a union's agenda sets them: one motion's text runs longer
# than an A5 page, the next is a few wrapped lines.
LONG_MOTION = " ".join(
    f"Conference notes that in week {n} of the dispute the contractor still refuses"
    f" to meet the cleaners' committee, and resolves (clause {n}) to levy each branch."
    for n in range(1, 41)
)
MOTIONS = f"""\
Motions to conference:

| Motion | Text |
|--------|------|
| M1 Cleaners | {LONG_MOTION} |
| M2 Affiliation | Conference resolves to affiliate to the Eastharbour Trades Council and to send two delegates to each of its meetings, elected at the branch's annual general meeting. |
"""


def test_a_table_row_longer_than_a_page_runs_on_under_the_header_repeated_on_each_page(
    tmp_path: Path,
) -> None:
    """A motion longer than an A5 page cannot be kept on one: it starts under the article's
    title and the line introducing the table, and runs on over the next pages, each of them
    starting with the table's header row; the short motion after it is kept whole."""
    root = workspace(
        tmp_path,
        {"motions": article("Motions", MOTIONS)},
        RETURNS_MANIFEST.replace("[returns]", "[motions]"),
    )
    pages = page_texts(built(root, "--format", "pdf", "--page-size", "A5") / f"{ISSUE}.pdf")
    first = next(n for n, page in enumerate(pages) if "M1 Cleaners" in page)
    last = next(n for n, page in enumerate(pages) if "(clause 40)" in page)
    assert last > first, "the long motion runs over pages"
    opening = "Motions to conference: Motion Text M1 Cleaners Conference notes that in week 1 of"
    assert opening in pages[first], pages[first]
    for page in pages[first + 1 : last + 1]:
        assert "Motion Text" in page, page
    short = "M2 Affiliation Conference resolves to affiliate to the Eastharbour Trades Council"
    assert [page for page in pages if short in page and "annual general meeting." in page]


def test_a_rows_label_is_printed_at_the_top_of_the_row_beside_its_first_line(
    tmp_path: Path,
) -> None:
    """A motion's number and name stand beside the first line of its wrapped text, as in
    the web page and the email: set in the middle of the row, they sat lines below it, and
    on a row running over pages, on a page of their own choosing."""
    root = workspace(
        tmp_path,
        {"motions": article("Motions", MOTIONS.replace(f"| M1 Cleaners | {LONG_MOTION} |\n", ""))},
        RETURNS_MANIFEST.replace("[returns]", "[motions]"),
    )
    pdf = built(root, "--format", "pdf", "--page-size", "A5") / f"{ISSUE}.pdf"
    with pymupdf.open(pdf) as document:
        words = [(n, w[4], w[1]) for n, page in enumerate(document) for w in page.get_text("words")]
    [(page, _, label_top)] = [w for w in words if w[1] == "M2"]
    text_top = next(top for n, word, top in words if n == page and word == "Conference")
    assert abs(label_top - text_top) < 2, (label_top, text_top)


# --- footnotes --------------------------------------------------------------------------------

STRIKE = (
    "The strike committee met again on Tuesday evening and agreed to continue the action"
    " until the employer returns to the table with a serious offer. "
) * 3
LONG_NOTE = (
    "A long note that runs over several lines of small type at the foot of the page,"
    " so that it needs room. "
)
NOTE = "Minutes of the committee, kept by its secretary. " + LONG_NOTE * 4
FOOTNOTES_MANIFEST = """\
number: 1
title: "Notes"
date: 2026-03-01
pdf:
  page_size: A5
sections:
  - title: News
    documents: [strike, next]
"""


def page_of(pdf: Path, starting: str) -> int:
    """The page (from 1) of the first word that starts with `starting`."""
    return next(page for page, word, _, _ in words_on(pdf) if word.startswith(starting))


@pytest.mark.parametrize("paragraphs", range(6, 11))
def test_a_footnote_is_printed_on_the_page_of_its_call(tmp_path: Path, paragraphs: int) -> None:
    """An article of 6 to 10 paragraphs whose last sentence carries a five-line note, then
    another article: wherever the call falls on its A5 page, the note is at that page's
    foot; when the note does not fit there, the line with the call goes over with it."""
    body = "\n\n".join([STRIKE] * paragraphs + ["The last sentence carries a notecall.[^1]"])
    root = workspace(
        tmp_path,
        {
            "strike": article("The strike goes on", f"{body}\n\n[^1]: {NOTE}"),
            "next": article("The next article", "A short following article."),
        },
        FOOTNOTES_MANIFEST,
    )
    pdf = built(root, "--format", "pdf") / f"{ISSUE}.pdf"
    assert page_of(pdf, "Minutes") == page_of(pdf, "notecall.")


MINUTES = "The branch minutes record every vote taken at the meeting in full."


def words_off_the_page(pdf: Path) -> list[tuple[int, str]]:
    """(page, word) of every word drawn wholly or partly outside its page."""
    unclipped = pymupdf.TEXTFLAGS_WORDS & ~pymupdf.TEXT_MEDIABOX_CLIP
    with pymupdf.open(pdf) as document:
        return [
            (number, word[4])
            for number, page in enumerate(document, start=1)
            for word in page.get_text("words", flags=unclipped)
            if pymupdf.Rect(word[:4]) not in page.rect
        ]


def _long_note_workspace(tmp_path: Path, sentences: int) -> Path:
    """A conference report whose one note repeats the minutes' sentence `sentences` times."""
    note = " ".join([MINUTES] * sentences)
    body = f"The conference considered the motions below.[^1]\n\nEnd of motions.\n\n[^1]: {note}"
    return workspace(
        tmp_path,
        {"longnote": article("Long note", body)},
        RETURNS_MANIFEST.replace("[returns]", "[longnote]"),
    )


@pytest.mark.parametrize(("page_size", "sentences"), [("A5", 110), ("A4", 160)])
def test_a_footnote_longer_than_a_page_is_printed_whole_after_its_articles_text(
    tmp_path: Path, page_size: str, sentences: int
) -> None:
    """A conference report whose one note (the branch minutes) is longer than a page:
    WeasyPrint cannot run a footnote on over pages, and cut it off above the page's top,
    so the note is printed whole after the article's text, its call and number kept, and
    the build names the document and the note."""
    root = _long_note_workspace(tmp_path, sentences)
    said = build(root, "--format", "pdf", "--page-size", page_size)
    pdf = root / "dist" / ISSUE / f"{ISSUE}.pdf"
    text = " ".join(page_texts(pdf))
    assert text.count("in full.") == sentences
    assert words_off_the_page(pdf) == []
    assert text.index("End of motions.") < text.index(MINUTES)
    assert "longnote.md: footnote 1 is longer than half a page" in " ".join(said.split())


@pytest.mark.parametrize(("page_size", "sentences"), [("A5", 45), ("A6", 22)])
def test_a_footnote_about_a_page_long_leaves_no_heading_alone_on_a_page(
    tmp_path: Path, page_size: str, sentences: int
) -> None:
    """A note about a page long took its call's line to the next page, and the section's
    heading and the article's title each to a page of its own before it: the heading, the
    title and the article's first line share a page, and no page is a heading alone."""
    root = _long_note_workspace(tmp_path, sentences)
    pages = page_texts(built(root, "--format", "pdf", "--page-size", page_size) / f"{ISSUE}.pdf")
    opening = "News Long note March 1, 2026 The conference considered the motions below."
    assert [page for page in pages if opening in page], pages
    assert " ".join(pages).count("in full.") == sentences


def test_notes_after_the_text_and_at_the_page_foot_are_numbered_in_one_count(
    tmp_path: Path,
) -> None:
    """Three notes, the second longer than a page: printed after the text, it keeps its
    number 2 at its call and before its text, and the notes at the page foot are 1 and 3
    (not 1 and 2, beside another 2)."""
    note = " ".join([MINUTES] * 110)
    body = (
        "First claim.[^a]\n\nThe conference considered the motions below.[^b]\n\n"
        f"Third claim.[^c]\n\n[^a]: Short note A.\n\n[^b]: {note}\n\n[^c]: Short note C."
    )
    root = workspace(
        tmp_path,
        {"longnote": article("Long note", body)},
        RETURNS_MANIFEST.replace("[returns]", "[longnote]"),
    )
    text = " ".join(
        page_texts(built(root, "--format", "pdf", "--page-size", "A5") / f"{ISSUE}.pdf")
    )
    for call in (r"First claim\. ?1 ", r"below\. ?2 ", r"Third claim\. ?3 "):
        assert re.search(call, text), call
    for mark in ("1. Short note A.", "2. The branch minutes", "3. Short note C."):
        assert mark in text, mark


# --- code -------------------------------------------------------------------------------------

IDENTIFIER = (
    "a_very_long_line_of_code_that_goes_on_and_on_without_any_break_at_all_to_see_whether"
    "_it_overflows_the_page_margin"
)
CODE = f"""\
Some code:

```
publisher build 41 --page-size A5 --impose booklet --black-only
{IDENTIFIER} = 1
def fits():
    return "indented by four spaces"
```
"""
CODE_MANIFEST = """\
number: 1
title: "Code"
date: 2026-03-01
sections:
  - title: Howto
    documents: [code]
leaflet:
  document: code
  page_size: A4
  sides: 2
  margins: 15mm
"""


@pytest.mark.parametrize(
    ("output", "page_size", "margin_mm"),
    [("", "A4", 18), ("", "A5", 18), ("-leaflet", "A4", 15)],
)
def test_a_long_line_of_code_wraps_inside_the_page_keeping_its_indentation(
    tmp_path: Path, output: str, page_size: str, margin_mm: float
) -> None:
    root = workspace(
        tmp_path, {"code": article("Code", CODE)}, CODE_MANIFEST, '[pdf]\nmargins = "20mm 18mm"\n'
    )
    folder = built(root, "--format", "pdf,leaflet", "--page-size", page_size)
    pdf = folder / f"{ISSUE}{output}.pdf"
    width_mm = {"A4": 210, "A5": 148}[page_size]  # ISO 216
    right_edge = (width_mm - margin_mm) * 72 / 25.4
    placed = words_on(pdf)
    assert [word for _, word, _, x1 in placed if x1 > right_edge + 1] == []
    assert IDENTIFIER in "".join(word for _, word, _, _ in placed), "every character, unhyphenated"
    x0 = {word: left for _, word, left, _ in placed}
    assert x0["return"] > x0["def"] + 4, "the indented line is indented"


# --- black only -------------------------------------------------------------------------------

# Teal #0099cc, as a painted attribute, in a style attribute, by a class of its stylesheet
# and as hsl(): ITU-R BT.601 luma 0.299·0 + 0.587·153 + 0.114·204 = 113.07, grey 113.
DIAGRAM = """\
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240" viewBox="0 0 400 240">
<style>.bar { fill: #0099cc } @media print { .edge { stroke: orange } }</style>
<rect width="400" height="60" fill="#0099cc"/>
<rect y="60" width="400" height="60" style="fill: rgb(0 153 204)"/>
<rect class="bar edge" y="120" width="400" height="60" stroke-width="4"/>
<rect y="180" width="400" height="60" fill="hsl(195, 100%, 40%)"/>
</svg>
"""
TEAL_GREY = 113


def page_pixels(pdf: Path, page: int) -> list[tuple[int, int, int]]:
    """The RGB pixels of a page (from 1) at 50 dpi."""
    with pymupdf.open(pdf) as document:
        pixmap = document[page - 1].get_pixmap(dpi=50, colorspace=pymupdf.csRGB, alpha=False)
    samples = pixmap.samples
    return [tuple(samples[i : i + 3]) for i in range(0, len(samples), 3)]  # type: ignore[misc]


def coloured(pixels: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The pixels visibly not grey: channels more than 12 apart."""
    return [p for p in pixels if max(p) - min(p) > 12]


def black_only_workspace(root: Path) -> Path:
    """The cover workspace (its logo teal and orange) whose article shows DIAGRAM."""
    root = cover_workspace(root, "default")
    (root / "documents" / "media" / "diagram.svg").write_text(DIAGRAM)
    (root / "documents" / "first.md").write_text(
        article("The first article", "A diagram:\n\n![A teal chart](media/diagram.svg)")
    )
    return root


def test_black_only_prints_the_configured_logo_in_grey(tmp_path: Path) -> None:
    folder = built(black_only_workspace(tmp_path), "--format", "pdf", "--black-only")
    assert coloured(page_pixels(folder / f"{ISSUE}.pdf", 1)) == [], "the cover, with the logo"


def test_black_only_prints_a_drawing_in_the_grey_of_its_luminance(tmp_path: Path) -> None:
    folder = built(black_only_workspace(tmp_path), "--format", "pdf", "--black-only")
    pdf = folder / f"{ISSUE}.pdf"
    pixels = page_pixels(pdf, page_of(pdf, "diagram:"))
    assert coloured(pixels) == []
    greys = [p[0] for p in pixels if p[0] < 200]
    assert greys, "the drawing is printed"
    commonest = max(set(greys), key=greys.count)
    assert abs(commonest - TEAL_GREY) <= 2, "teal prints as the grey of its luma"


def not_black(pdf: Path) -> list[tuple[int, str, str]]:
    """(page, text, colour) of every run of text on the PDF's pages not printed in black."""
    with pymupdf.open(pdf) as document:
        return [
            (number, span["text"], f"#{span['color']:06x}")
            for number, page in enumerate(document, start=1)
            for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", ())
            for span in line["spans"]
            if span["color"] != 0 and span["text"].strip()
        ]


def test_black_only_prints_every_word_in_solid_black_the_running_header_too(
    tmp_path: Path,
) -> None:
    """An A5 issue and its leaflet, black only: the cover, the running header over every
    page, the bylines, the page numbers and the leaflet's footer are all solid black, as
    the office copier needs them; none left the grey the colour print has."""
    root = black_only_workspace(tmp_path)
    manifest = root / "issues" / f"{ISSUE}.yaml"
    leaflet = "leaflet:\n  document: first\n  page_size: A4\n"
    manifest.write_text(manifest.read_text() + "pdf:\n  page_size: A5\n" + leaflet)
    (root / "documents" / "first.md").write_text(
        article("The first article", "\n\n".join([STRIKE] * 8))
    )
    folder = built(root, "--format", "pdf,leaflet", "--black-only")
    header = [
        words for words in page_texts(folder / f"{ISSUE}.pdf") if "Quayside Bulletin" in words
    ]
    assert len(header) > 2, "the running header is printed"
    assert not_black(folder / f"{ISSUE}.pdf") == []
    assert not_black(folder / f"{ISSUE}-leaflet.pdf") == []


# --- the leaflet's footer ---------------------------------------------------------------------

LEAFLET_MANIFEST = """\
number: 1
title: "Leaflet"
date: 2026-03-01
sections:
  - title: One
    documents: [{document}]
leaflet:
  document: {document}
  page_size: {page_size}
  margins: 10mm
"""
HUELGA = article(
    "Huelga indefinida en los invernaderos",
    "Los trabajadores y trabajadoras de los invernaderos de la comarca, organizados en una"
    " asamblea extraordinaria, decidieron por unanimidad convocar una huelga indefinida.",
).replace("title:", "lang: es\ntitle:")
RISALA = article(
    "رسالة من عمال النسيج",
    "إلى إخوتنا وأخواتنا في شبكة عمال الأرصفة: نشكركم من أعماق قلوبنا على رسالتكم وتبرعاتكم.",
).replace("title:", "lang: ar\ntitle:")


def qr_code_box(pdf: Path) -> pymupdf.Rect:
    """Where the leaflet's QR code is on its last page, in points, as a phone finds it."""
    import io

    import zxingcpp
    from PIL import Image

    with pymupdf.open(pdf) as document:
        image = Image.open(io.BytesIO(document[-1].get_pixmap(dpi=200).tobytes("png")))
    (code,) = zxingcpp.read_barcodes(image)
    corners = [code.position.top_left, code.position.bottom_right]
    xs, ys = [p.x * 72 / 200 for p in corners], [p.y * 72 / 200 for p in corners]
    return pymupdf.Rect(min(xs), min(ys), max(xs), max(ys))


def contact_words(pdf: Path) -> list[pymupdf.Rect]:
    """The boxes of the contact line's words on the leaflet's last page."""
    with pymupdf.open(pdf) as document:
        words = document[-1].get_text("words")
    wanted = CONTACT.split()
    found = [pymupdf.Rect(w[:4]) for w in words if w[4] in wanted]
    assert len(found) >= len(wanted) - 1, "the contact line is printed"
    return found


@pytest.mark.parametrize(("document", "text"), [("huelga", HUELGA), ("risala", RISALA)])
def test_an_a6_leaflets_contact_line_is_above_its_qr_code_across_the_page(
    tmp_path: Path, document: str, text: str
) -> None:
    """On A6 (85mm of text across) the code would leave the words beside it a column of
    under 50mm: the contact line goes above the code, in at most two lines, left to right
    or right to left."""
    manifest = LEAFLET_MANIFEST.format(document=document, page_size="A6")
    root = workspace(tmp_path, {document: text}, manifest)
    leaflet = built(root, "--format", "leaflet") / f"{ISSUE}-leaflet.pdf"
    code = qr_code_box(leaflet)
    words = contact_words(leaflet)
    assert all(word.y1 <= code.y0 for word in words), "above the code"
    assert len({round(word.y0) for word in words}) <= 2, "in two lines at most"


def test_an_a5_leaflets_qr_code_stands_at_the_end_of_the_footer_beside_its_words(
    tmp_path: Path,
) -> None:
    manifest = LEAFLET_MANIFEST.format(document="huelga", page_size="A5")
    root = workspace(tmp_path, {"huelga": HUELGA}, manifest)
    leaflet = built(root, "--format", "leaflet") / f"{ISSUE}-leaflet.pdf"
    code = qr_code_box(leaflet)
    end = (148 - 10) * 72 / 25.4  # A5's width less the 10mm margin, in points
    assert code.x1 > end - 12 * 72 / 25.4, "the code (in its 34mm box) at the line's end"
    words = contact_words(leaflet)
    assert all(word.x1 < code.x0 for word in words), "the words beside it"
    assert len({round(word.y0) for word in words}) <= 2, "in two lines at most"


@pytest.mark.parametrize(("document", "text"), [("huelga", HUELGA), ("risala", RISALA)])
def test_the_address_under_a_leaflets_qr_code_breaks_only_after_a_dot_or_a_slash(
    tmp_path: Path, document: str, text: str
) -> None:
    """The address a reader without a camera types, under the code: too long for the code's
    width at A5, it goes on to a second line after one of its dots or slashes, never in the
    middle of a word ("bulletin.dockside.exampl" / "e.org/001-print/")."""
    manifest = LEAFLET_MANIFEST.format(document=document, page_size="A5")
    root = workspace(tmp_path, {document: text}, manifest)
    toml = root / "publisher.toml"  # the example's address
    toml.write_text(toml.read_text().replace("//quayside.", "//bulletin.dockside."))
    leaflet = built(root, "--format", "leaflet") / f"{ISSUE}-leaflet.pdf"
    code = qr_code_box(leaflet)
    with pymupdf.open(leaflet) as pdf:
        caption = [
            "".join(span["text"] for span in line["spans"]).strip()
            for block in pdf[-1].get_text("dict")["blocks"]
            for line in block.get("lines", [])
            if line["bbox"][1] > code.y0  # under the code, centred on it
            and code.x0 < (line["bbox"][0] + line["bbox"][2]) / 2 < code.x1
        ]
    assert "".join(caption) == "bulletin.dockside.example.org/001-print/", caption
    assert all(line.endswith((".", "/")) for line in caption[:-1]), caption


# --- posts copied into one plain text ---------------------------------------------------------


def test_a_posts_date_line_is_printed_on_the_page_of_its_title(tmp_path: Path) -> None:
    """Posts copied off a blog into one .txt: each date line over a post's title goes to the
    next page with it, never left at the foot of a page. Posts of different lengths put
    the date lines at every height of the page."""
    root = workspace(
        tmp_path / "ws",
        {},
        "number: 1\ntitle: Posts\ndate: 2026-03-01\nsections:\n"
        "  - title: News\n    documents: [posts]\n",
    )
    sentence = "Tenants met again on the estate and voted to keep up the rent strike. "
    posts = [
        (
            (dt.date(2026, 1, 5) + dt.timedelta(days=n)).strftime("%A, %B %-d, %Y"),
            f"Report {n:02d} from the estate",
            sentence * (2 + n * 7 % 11),
        )
        for n in range(30)
    ]
    (root / "documents" / "posts.txt").write_text(
        "\n\n".join(f"{date}\n\n{title}\n\n{text}" for date, title, text in posts) + "\n"
    )

    pages = page_texts(built(root, "-f", "pdf", "--page-size", "A5") / f"{ISSUE}.pdf")

    def page_of(words: str) -> int:
        [page] = [number for number, text in enumerate(pages) if words in text]
        return page

    for date, title, _ in posts[1:]:  # the first post's title is the document's
        assert page_of(date) == page_of(title), (date, title)


# --- quotes -----------------------------------------------------------------------------------


def line_tops(pdf: Path, starts: tuple[str, ...]) -> dict[str, float]:
    """The top (in points) of the first line starting with each of `starts`, on one page."""
    found: dict[str, float] = {}
    with pymupdf.open(pdf) as document:
        for page in document:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    text = "".join(span["text"] for span in line["spans"])
                    for start in starts:
                        if text.startswith(start) and start not in found:
                            found[start] = line["bbox"][1]
    return found


QUOTES = (
    "Before the quotes.\n\n> First quote, first paragraph.\n>\n"
    "> First quote, second paragraph.\n\n> Second quote, its only paragraph.\n\nAfter."
)
QUOTED_LINES = ("First quote, first", "First quote, second", "Second quote")


def quotes_workspace(root: Path) -> Path:
    manifest = "number: 1\ntitle: Q\ndate: 2026-03-01\nsections:\n  - title: News\n"
    return workspace(
        root, {"first": article("Quotes", QUOTES)}, manifest + "    documents: [first]\n"
    )


def assert_two_quotes(tops: dict[str, float]) -> None:
    """The space between two quotes is clearly more than between one quote's paragraphs."""
    within = tops["First quote, second"] - tops["First quote, first"]
    between = tops["Second quote"] - tops["First quote, second"]
    assert between > 1.5 * within, (within, between)


def test_two_quotes_one_after_the_other_print_as_two(tmp_path: Path) -> None:
    """A quoted post then a callout, or two quotes of two speakers: print and the EPUB draw
    a quote in italics, with no rule, so only space can tell where one ends. The space
    between two quotes was a paragraph's: they read as one quote."""
    pdf = built(quotes_workspace(tmp_path), "--format", "pdf") / f"{ISSUE}.pdf"
    assert_two_quotes(line_tops(pdf, QUOTED_LINES))


def test_two_quotes_one_after_the_other_read_as_two_in_the_epub(tmp_path: Path, page: Any) -> None:
    """The EPUB's chapter as an e-reader's browser shows it (Chromium, a phone's width)."""
    book = built(quotes_workspace(tmp_path / "ws"), "--format", "epub") / f"{ISSUE}.epub"
    with zipfile.ZipFile(book) as epub:
        epub.extractall(tmp_path / "book")
    chapter = next(
        path for path in (tmp_path / "book").rglob("*.xhtml") if "Second quote" in path.read_text()
    )
    show_page(page, chapter, 375)
    tops = page.evaluate(
        """starts => Object.fromEntries(starts.map(start => [start,
            [...document.querySelectorAll('p')].find(p => p.textContent.trim().startsWith(start))
            .getBoundingClientRect().top]))""",
        list(QUOTED_LINES),
    )
    assert_two_quotes(tops)
