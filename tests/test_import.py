"""`publisher import`: text as editors receive it becomes clean, structured documents.

Each heuristic is specified with a small input; the shared corpus is checked end to end.
Imported files are read back through the normal reader, so what is asserted is what
every renderer will get.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import itertools
import logging
import re
import shutil
import zipfile
from email.message import EmailMessage
from pathlib import Path

import lxml.html
import pypandoc
import pytest
from bounded import finishes_within
from click.testing import CliRunner
from conftest import RecordedProgress
from PIL import Image
from test_office_contents import edited
from validators import epubcheck_messages

from publisher.build import build
from publisher.cli import main
from publisher.importers import import_files
from publisher.importers.mail_archive import MESSAGES_LIMIT
from publisher.importers.textblocks import roman_value
from publisher.model import Document
from publisher.readers import read_document


def import_one(
    tmp_path: Path, content: str | bytes, name: str = "pasted.txt", **options
) -> list[Document]:
    source = tmp_path / "in" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(content.encode() if isinstance(content, str) else content)
    pool = tmp_path / "documents"
    report = import_files([source], pool, **options)
    assert not report.problems, report.problems
    return [read_document(row.path, row.path.stem, pool, "en") for row in report.documents]


def html_of(doc: Document) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(doc.body_html, create_parent="div")


def read_or_imported(tmp_path: Path, text: str, how: str) -> list[Document]:
    """The documents plain `text` makes: as the build reads it in documents/ ("read"), or as
    `publisher import` writes it there ("imported")."""
    if how == "imported":
        return import_one(tmp_path, text)
    path = tmp_path / "pasted.txt"
    path.write_text(text)
    return [read_document(path, "pasted", tmp_path, "en")]


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_comment_a_pasted_text_never_closes_leaves_out_its_paragraph_only(
    tmp_path: Path, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    """ "<!-- TODO: ask Sam about the date" and no "-->": the rest of the text was left out
    of every output without a word (an HTML comment runs to the page's end), and `publisher
    import` wrote none of it. Its paragraph goes, as in Markdown, warned of at its line."""
    text = (
        "Strike notice\n\nFirst para.\n\n<!-- TODO: ask Sam about the date\n\n"
        "More text.\n\nAnd the end.\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    (doc,) = read_or_imported(tmp_path, text, how)
    paragraphs = [p.text_content() for p in html_of(doc).iter("p")]
    assert paragraphs == ["First para.", "More text.", "And the end."]
    assert "<hr" not in doc.body_html  # no section break where the comment was
    said = [r.getMessage() for r in caplog.records if "comment not closed" in r.getMessage()]
    assert len(said) == 1 and "pasted.txt:5: " in said[0], said


def texts(doc: Document, xpath: str) -> list[str]:
    """Text of the matching elements, spaces folded; pandoc's smart quotes read back as plain."""
    return [
        " ".join(e.text_content().split()).replace("’", "'").replace("‘", "'")
        for e in html_of(doc).xpath(xpath)
    ]


LONG = "This paragraph is long enough to count as running text in an article, " * 3


def test_weekday_headers_split_posts_with_their_own_titles_and_dates(tmp_path: Path) -> None:
    text = (
        f"Sunday, February 22, 2026\n\nFirst post title\n\n{LONG}\n\n"
        f"Tuesday, February 10, 2026\n\nSecond post title\n\n{LONG}\n"
    )
    first, second = import_one(tmp_path, text)
    assert (first.title, str(first.date)) == ("First post title", "2026-02-22")
    assert (second.title, str(second.date)) == ("Second post title", "2026-02-10")
    assert len(import_one(tmp_path / "nosplit", text, split=False)) == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("domingo, 22 de febrero de 2026", "2026-02-22"),
        ("martes 10 de febrero de 2026", "2026-02-10"),
        ("lundi 3 mars 2025", "2025-03-03"),
        ("Samedi, 1 novembre 2025", "2025-11-01"),
        ("Friday, May 1, 2026", "2026-05-01"),
    ],
)
def test_date_headers_in_english_spanish_and_french(
    tmp_path: Path, header: str, expected: str
) -> None:
    (doc,) = import_one(tmp_path, f"{header}\n\nUn título\n\n{LONG}\n")
    assert str(doc.date) == expected and doc.title == "Un título"


ARABIC_TEXT = "نحن، عمال ميناء الإسكندرية، نعلن الإضراب المفتوح ابتداءً من يوم الاثنين. " * 3
FARSI_TEXT = "ما کارگران بندر اعتصاب نامحدود را از روز دوشنبه اعلام می‌کنیم. " * 3


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        pytest.param("١٥ مارس ٢٠٢٦", "2026-03-15", id="Arabic-Indic digits, Egypt's months"),
        pytest.param("الأحد ١٥ آذار ٢٠٢٦", "2026-03-15", id="the Levant's and Iraq's months"),
        pytest.param("15 آذار/مارس 2026م", "2026-03-15", id="both names, of the common era"),
        pytest.param("٣ تشرين الأول ٢٠٢٦", "2026-10-03", id="a month name of two words"),
        pytest.param("15 غشت 2026", "2026-08-15", id="Morocco's months"),
        pytest.param("القاهرة، ١٥ مارس ٢٠٢٦", "2026-03-15", id="place, Arabic comma, date"),
        pytest.param(
            "الأربعاء ١٥ رمضان ١٤٤٧هـ الموافق ٤ مارس ٢٠٢٦م",
            "2026-03-04",
            id="Islamic calendar, then ours after 'corresponding to'",
        ),
        pytest.param("۱۵ مارس ۲۰۲۶", "2026-03-15", id="Persian digits, a Gregorian month"),
        # Iran's solar calendar: 1 Farvardin 1405 is 21 March 2026 (Nowruz), and Esfand 1404
        # has 29 days, so the 15th is 6 March; 1 Aban 1405 is 23 October 2026
        pytest.param("۱۵ اسفند ۱۴۰۴", "2026-03-06", id="solar calendar"),
        pytest.param("یک‌شنبه ۲۵ آبان ۱۴۰۵", "2026-11-16", id="solar, with its weekday"),
        pytest.param("۱ فروردین ۱۴۰۵ هجری شمسی", "2026-03-21", id="solar, marked so"),
    ],
)
def test_date_lines_of_arabic_and_farsi_statements(
    tmp_path: Path, date_line: str, expected: str
) -> None:
    body = FARSI_TEXT if "۱" in date_line or "۲" in date_line else ARABIC_TEXT
    (doc,) = import_one(tmp_path, f"بيان النقابة\n\n{date_line}\n\n{body}\n")
    assert str(doc.date) == expected
    assert date_line not in doc.body_html  # taken as the date, not left as a paragraph


@pytest.mark.parametrize(
    "line",
    [
        # 1404 is not a leap year: its Esfand ends on the 29th
        pytest.param("۳۰ اسفند ۱۴۰۴", id="a day its month lacks"),
        pytest.param("١٥ رمضان ١٤٤٧", id="a year of the Islamic calendar"),
        pytest.param("اعتصاب ۱۵ اسفند ۱۴۰۴", id="a heading holding a date"),
    ],
)
def test_what_only_looks_like_a_farsi_or_arabic_date_stays_text(tmp_path: Path, line: str) -> None:
    (doc,) = import_one(tmp_path, f"بيان النقابة\n\n{line}\n\n{ARABIC_TEXT}\n")
    assert doc.date is None and line in html_of(doc).text_content()


def test_closing_signature_gives_author_and_date_and_stays_in_the_text(tmp_path: Path) -> None:
    (doc,) = import_one(
        tmp_path, f"{LONG}\n\n{LONG}\n\nHarbour Workers Union (HWU), June 28, 2024\n"
    )
    assert doc.authors == ("Harbour Workers Union (HWU)",) and str(doc.date) == "2024-06-28"
    assert texts(doc, "//div[@class='signature']") == ["Harbour Workers Union (HWU), June 28, 2024"]


def test_a_model_letters_placeholders_stay_and_sign_nobody(tmp_path: Path) -> None:
    """ "Dear <Name>," pasted from a campaign's model letter: the placeholders are words to
    fill in, not tags to drop, and "Yours, <NAME>" names no author."""
    (doc,) = import_one(
        tmp_path,
        "Model letter to your MP\n\nDear <Name>,\n\nI am writing as your constituent. Please"
        " support <b>the bill</b> and reply to <your address>.\n\nYours, <NAME>\n",
    )
    text = " ".join(html_of(doc).text_content().split())
    assert "Dear <Name>," in text and "reply to <your address>." in text
    assert "Yours, <NAME>" in text and texts(doc, "//b | //strong") == ["the bill"]
    assert doc.authors == ()


def test_name_line_then_date_line_signature(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, f"A title\n\n{LONG}\n\nMaría Fernández\n\n3 de marzo de 2026\n")
    assert doc.authors == ("María Fernández",) and str(doc.date) == "2026-03-03"


def test_bullets_with_indented_teasers_become_list_items_never_code(tmp_path: Path) -> None:
    text = (
        f"Reading list\n\n{LONG}\n\n"
        "• First pamphlet\n    A teaser indented under the first item.\n"
        "● Second pamphlet\n\n    The second item's teaser, after a blank line.\n\n"
        f"{LONG}\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//ul/li") == [
        "First pamphlet A teaser indented under the first item.",
        "Second pamphlet The second item's teaser, after a blank line.",
    ]
    assert not html_of(doc).xpath("//pre|//code")


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [
        ("\u00b7\t", "o\t", "§\t"),
        ("\uf0b7\t", "o\t", "\uf0a7 "),
        ("\u00b7         ", "o   ", "§  "),
        ("Ø\t", "o\t", "§\t"),
    ],
    ids=[
        "Word's plain text",
        "Symbol and Wingdings characters",
        "Outlook's plain text",
        "Word's arrowhead bullets",
    ],
)
def test_a_list_copied_out_of_word_is_a_list_with_its_levels(
    tmp_path: Path, first: str, second: str, third: str
) -> None:
    """Word copies its bullets as "·" and a tab, "o" and a tab a level down and "§" and a
    tab two levels down, or as its Symbol and Wingdings fonts' own characters, which no
    other font draws; Outlook's plain text (a message's, Save As > Text Only) pads them
    with spaces instead. The arrowhead of Word's bullet library, ➢, comes as "Ø" and a
    tab (a table of two columns, "Ø" and the items, before). A lower level's items are a
    list inside the item above them."""
    text = (
        f"Our demands\n\n{LONG}\n\n"
        f"{first}A living wage\n{first}No zero-hours contracts\n{second}Agency staff too\n"
        f"{third}From the first day\n{first}Sick pay\n\n"
        f"{LONG}\n"
    )
    (doc,) = import_one(tmp_path, text)
    top = "/ul/li/text()[1]"
    assert [t.strip() for t in html_of(doc).xpath(f"/div{top}")] == [
        "A living wage",
        "No zero-hours contracts",
        "Sick pay",
    ]
    assert texts(doc, "/div/ul/li/ul/li/text()[1]/..") == ["Agency staff too From the first day"]
    assert texts(doc, "/div/ul/li/ul/li/ul/li") == ["From the first day"]
    written = (tmp_path / "documents" / "our-demands.md").read_text()
    assert "\n- A living wage\n" in written  # what the editor reviews: Markdown's list
    assert "\n  - Agency staff too\n" in written
    assert not re.search("[\uf000-\uf0ff§Ø]", written)


@pytest.mark.parametrize(
    ("bullets", "nested"),
    [("•◦◦•", True), ("-▪-", True), ("◦◦◦", False), ("•-•", False), ("-*-", False)],
)
def test_a_typed_list_is_nested_only_where_a_lower_levels_bullet_follows_another(
    tmp_path: Path, bullets: str, nested: bool
) -> None:
    """ "◦" or "▪" under "•" is a level down, as Word and browsers draw them; a list typed
    with one bullet, or two that are of no level ("•" and "-"), stays one list."""
    items = "".join(f"{bullet} Item {n}\n" for n, bullet in enumerate(bullets))
    (doc,) = import_one(tmp_path, f"Our demands\n\n{LONG}\n\n{items}\n{LONG}\n")
    assert len(texts(doc, "//li")) == len(bullets)
    assert bool(html_of(doc).xpath("//li/ul")) == nested
    assert not html_of(doc).xpath("//ul/ul")  # never two levels down at once


MOTION = f"""Motion 12: Fair pay for agency workers

{LONG}

This conference resolves:
(a) to campaign for equal pay for agency workers from their first day;
(b) to support any branch balloting over agency pay;
(b) to report back to the next conference.

Carried unanimously.
"""


def test_a_motions_lettered_resolutions_are_a_lettered_list(tmp_path: Path) -> None:
    """Lettered as typed, a letter typed twice too."""
    (doc,) = import_one(tmp_path, MOTION)
    assert texts(doc, "//ol[@type='a']/li") == [
        "to campaign for equal pay for agency workers from their first day;",
        "to support any branch balloting over agency pay;",
        "to report back to the next conference.",
    ]
    assert texts(doc, "//p")[-2:] == ["This conference resolves:", "Carried unanimously."]


def test_points_numbered_i_ii_under_a_resolution_are_its_sub_items(tmp_path: Path) -> None:
    text = MOTION.replace(
        "(a) to campaign for equal pay for agency workers from their first day;",
        "(a) to campaign for:\n(i) equal pay from the first day;\n(ii) permanent contracts;",
    )
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//ol[@type='a']/li/ol[@type='i']/li") == [
        "equal pay from the first day;",
        "permanent contracts;",
    ]
    assert len(texts(doc, "//ol[@type='a']/li")) == 3


def test_a_numbered_lists_levels_copied_out_of_word_are_nested(tmp_path: Path) -> None:
    """Word copies a numbered list's levels as "1.", "a." and "i.", each with a tab: each
    level a list inside the item above it (they were run into its text)."""
    text = (
        f"Our demands\n\n{LONG}\n\n1.\tRepairs\na.\tDamp first\ni.\tIn the flats\n"
        f"ii.\tIn the houses\nb.\tHeating\n2.\tNo rent rises\n\n{LONG}\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "/div/ol/li/text()[1]/..") == [
        "Repairs Damp first In the flats In the houses Heating",
        "No rent rises",
    ]
    assert texts(doc, "/div/ol/li/ol[@type='a']/li/text()[1]/..") == [
        "Damp first In the flats In the houses",
        "Heating",
    ]
    assert texts(doc, "/div/ol/li/ol[@type='a']/li/ol[@type='i']/li") == [
        "In the flats",
        "In the houses",
    ]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("i", 1), ("iii", 3), ("iv", 4), ("ix", 9), ("xiv", 14), ("iiv", None), ("vv", None)],
)
def test_roman_numerals_are_read_as_written_and_malformed_ones_are_none(
    numeral: str, value: int | None
) -> None:
    assert roman_value(numeral) == value


def test_an_i_after_h_is_the_ninth_letter(tmp_path: Path) -> None:
    items = "".join(f"({letter}) point {letter}\n" for letter in "abcdefghij")
    (doc,) = import_one(tmp_path, f"Resolutions\n\n{LONG}\n\n{items}\n{LONG}\n")
    assert texts(doc, "//ol[@type='a']/li") == [f"point {letter}" for letter in "abcdefghij"]
    assert not html_of(doc).xpath("//ol[@type='i']")


@pytest.mark.parametrize(
    "lines",
    [
        "(a) to campaign for equal pay from the first day.",
        "b) the second point alone.\nc) and a third.",
    ],
    ids=["one item", "not from a"],
)
def test_letters_that_start_no_list_stay_text(tmp_path: Path, lines: str) -> None:
    (doc,) = import_one(tmp_path, f"A motion\n\n{LONG}\n\n{lines}\n\n{LONG}\n")
    assert not html_of(doc).xpath("//ol")
    assert lines.split("\n")[0] in " ".join(texts(doc, "//p"))


def test_a_table_pasted_from_a_spreadsheet_is_a_table_its_figures_aligned_right(
    tmp_path: Path,
) -> None:
    """Excel, LibreOffice, Google Sheets and a word processor's tables copy their cells with
    a tab between them (an empty cell as two tabs)."""
    rows = "Area\tAverage rent\tRise since 2024\nDocklands\t£950\t18%\nOld Town\t£820\t\n"
    (doc,) = import_one(tmp_path, f"Rent survey\n\n{LONG}\n\n{rows}\n{LONG}\n")
    assert texts(doc, "//table//th") == ["Area", "Average rent", "Rise since 2024"]
    assert [texts(doc, f"//table//tr[{n}]/td") for n in (1, 2)] == [
        ["Docklands", "£950", "18%"],
        ["Old Town", "£820", ""],
    ]
    right = html_of(doc).xpath("//table//tr[1]/td[contains(@style, 'right')]")
    assert [cell.text for cell in right] == ["£950", "18%"]
    assert texts(doc, "//p") == [LONG.strip(), LONG.strip()]


def test_details_typed_with_tabs_are_a_table_without_a_header(tmp_path: Path) -> None:
    details = "When:\t\tSaturday 3 December, 11am\nWhere:\t\tThe Town Hall steps\n"
    (doc,) = import_one(tmp_path, f"Rally for the cleaners\n\n{LONG}\n\n{details}\n{LONG}\n")
    assert not html_of(doc).xpath("//th")
    assert [texts(doc, f"//table//tr[{n}]/td") for n in (1, 2)] == [
        ["When:", "Saturday 3 December, 11am"],
        ["Where:", "The Town Hall steps"],
    ]


def test_one_line_with_a_tab_is_no_table(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, f"A title\n\n{LONG}\n\nSigned\tMaria Lopez\n\n{LONG}\n")
    assert not html_of(doc).xpath("//table") and "Signed Maria Lopez" in doc.body_html


BALLOT_SET_OUT = """\
Branch          Members   Yes    No
Riverside           412   380    32
Dockside            198   171    27
North Bank           77    70     7
"""


@pytest.mark.parametrize("space", [" ", "\u00a0"], ids=["spaces", "non-breaking spaces"])
def test_a_table_set_out_with_spaces_is_a_table_its_figures_aligned_right(
    tmp_path: Path, space: str
) -> None:
    """A plain-text e-mail's or a printout's table: columns lined up with spaces, words on
    the left, figures on the right (copied off a web page, the spaces may be non-breaking)."""
    rows = BALLOT_SET_OUT.replace("  ", f" {space}")  # as a browser copies a run of spaces
    (doc,) = import_one(tmp_path, f"Ballot result\n\n{LONG}\n\n{rows}\n{LONG}\n")
    assert texts(doc, "//table//th") == ["Branch", "Members", "Yes", "No"]
    assert [texts(doc, f"//table//tr[{n}]/td") for n in (1, 2, 3)] == [
        ["Riverside", "412", "380", "32"],
        ["Dockside", "198", "171", "27"],
        ["North Bank", "77", "70", "7"],
    ]
    right = html_of(doc).xpath("//table//tr[1]/td[contains(@style, 'right')]")
    assert [cell.text for cell in right] == ["412", "380", "32"]
    assert texts(doc, "//p") == [LONG.strip(), LONG.strip()]


@pytest.mark.parametrize(
    "lines",
    [
        # a typist's two spaces after a full stop, at much the same place in each line
        "We met on Monday.  The vote was clear and we will strike.\n"
        "Everyone came in.  It was a good day for the union\n"
        "and we thank you.  See you on Friday.",
        "          RIVERSIDE TENANTS UNION\n             12 Dock Road\n           London E16 1AA",
        "Branch      Members\nRiverside   412\n",  # a header and one row: lined up by chance?
        "Branch        Members\nRiverside         412\nDockside   198",  # not lined up
        "Results of the ballot  (provisional)\nYes    1,204\nNo       180",  # a line over them
    ],
    ids=["prose", "centred lines", "two lines", "columns not lined up", "a line over them"],
)
def test_lines_with_spaces_in_them_that_line_up_no_columns_are_no_table(
    tmp_path: Path, lines: str
) -> None:
    (doc,) = import_one(tmp_path, f"A title\n\n{LONG}\n\n{lines}\n\n{LONG}\n")
    assert not html_of(doc).xpath("//table")
    assert " ".join(lines.split()[:2]) in " ".join(texts(doc, "//p"))


def test_ligatures_of_text_copied_from_a_pdf_are_spelled_out(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, f"Our ﬁnances\n\n{LONG} The ﬁnancial ﬂow, oﬃcially.\n")
    assert doc.title == "Our finances" and "The financial flow, officially." in doc.body_html


def test_an_o_starting_a_line_of_text_is_a_word(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, f"Elegir\n\n{LONG}\n\no bien la huelga, o bien nada.\n")
    assert not html_of(doc).xpath("//ul") and "o bien la huelga" in doc.body_html


def test_indented_lines_whose_bullets_were_lost_become_a_list(tmp_path: Path) -> None:
    text = f"A title\n\n{LONG}\n\nThe working class is:\n\n\u00a0 the only class A\n\n\u00a0 the only class B\n\n{LONG}\n"
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//ul/li") == ["the only class A", "the only class B"]


def test_a_lone_indented_paragraph_is_a_paragraph_not_code(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, f"A title\n\n{LONG}\n\n        {LONG}\n")
    assert len(html_of(doc).xpath("//p")) == 2 and not html_of(doc).xpath("//pre|//code")


def test_numbered_theses_become_an_ordered_list(tmp_path: Path) -> None:
    (doc,) = import_one(
        tmp_path, f"Theses\n\n{LONG}\n\n(1) First thesis.\n\n(2) Second thesis.\n\n(3) Third.\n"
    )
    assert texts(doc, "//ol/li") == ["First thesis.", "Second thesis.", "Third."]


def test_a_list_numbered_from_zero_is_a_list_from_zero(tmp_path: Path) -> None:
    """A manual's steps, or a rule book's, numbered from "0.": the list read no item at 0,
    and reading it again and again, the import never ended, its memory growing (a TeX
    manual's PDF reached 6 GB)."""
    (doc,) = import_one(
        tmp_path, f"Rules\n\n{LONG}\n\n0. The zeroth rule.\n\n1. The first rule.\n\nThe end.\n"
    )
    (numbered,) = html_of(doc).xpath("//ol")
    assert numbered.get("start") == "0"
    assert texts(doc, "//ol/li") == ["The zeroth rule.", "The first rule."]


def test_stray_inline_tags_are_kept_as_formatting_and_scripts_dropped(tmp_path: Path) -> None:
    (doc,) = import_one(
        tmp_path,
        f"A title\n\n<strong>Workers</strong> of the <em>world</em> unite<script>alert(1)</script>! {LONG}\n",
    )
    assert texts(doc, "//strong") == ["Workers"] and texts(doc, "//em") == ["world"]
    assert "script" not in doc.body_html and "alert" not in doc.body_html


def test_an_imported_title_is_written_without_the_unseen_marks_a_copy_left_in_it(
    tmp_path: Path,
) -> None:
    """A soft hyphen, a zero-width space or a direction mark copied with a title is no
    part of it: the front matter the editor opens shows it as the title is."""
    source = tmp_path / "pasted.txt"
    source.write_text(f"Cleaners\u00ad win\u200e their\u200b claim\n\n{LONG}\n", encoding="utf-8")
    report = import_files([source], tmp_path / "documents")
    (row,) = report.documents
    assert "title: Cleaners win their claim\n" in row.path.read_text(encoding="utf-8")


def test_a_title_that_is_a_quotation_keeps_its_quotes(tmp_path: Path) -> None:
    """A title whole in curly quotes is written in straight ones around them: bare, the
    build would take the quotes for a word processor's and leave them out."""
    (doc,) = import_one(tmp_path, f"“We will not move”\n\n{LONG}\n")
    assert doc.title == "“We will not move”"


def test_whitespace_and_non_breaking_space_noise_is_normalised(tmp_path: Path) -> None:
    (doc,) = import_one(
        tmp_path, f"A\u00a0title\n\n\u00a0\n\n\u00a0\u00a0\n\n{LONG}\u00a0\u00a0end.\n\n \u00a0 \n"
    )
    assert doc.title == "A title"
    paragraphs = texts(doc, "//p")
    assert (
        len(paragraphs) == 1
        and paragraphs[0].endswith("end.")
        and all(p.strip() for p in paragraphs)
    )


def test_urls_captions_notes_and_footnotes(tmp_path: Path) -> None:
    text = (
        f"A title\n\n{LONG} See https://example.org/report.[1]\n\n"
        "Dockers at the gate, May 2021 Photo credit: @somebody\n\n"
        "[Note: the editors use 'workers' where the original said 'people'.]\n\n"
        "[1] The report was published in March.\n"
    )
    (doc,) = import_one(tmp_path, text)
    tree = html_of(doc)
    assert tree.xpath("//a[@href='https://example.org/report']")
    assert texts(doc, "//div[@class='caption']") == [
        "Dockers at the gate, May 2021 Photo credit: @somebody"
    ]
    assert texts(doc, "//div[@class='note']")[0].startswith("[Note: the editors")
    assert (
        "The report was published in March." in texts(doc, "//*[contains(@class, 'footnotes')]")[0]
    )
    assert tree.xpath("//a[contains(@class, 'footnote-ref')]")


def test_fragments_in_other_scripts_are_marked_with_language_and_direction(tmp_path: Path) -> None:
    text = (
        f"A title\n\nThe banner read الأجر العادل حق, a fair wage is a right. {LONG}\n\n"
        "إلى إخوتنا وأخواتنا في ميناء إيستهاربور: شكراً لكم.\n\n"
        f"A Persian greeting: درود بر کارگران. And Greek: Γεια σου κόσμε. {LONG}\n"
    )
    (doc,) = import_one(tmp_path, text)
    tree = html_of(doc)
    assert doc.language == "en"
    assert [e.get("dir") for e in tree.xpath("//*[@lang='ar']")] == ["rtl", "rtl"]
    assert tree.xpath("//div[@lang='ar']/p")  # the whole Arabic paragraph is one block
    assert tree.xpath("//span[@lang='fa'][@dir='rtl']") and tree.xpath("//span[@lang='el']")


def test_spanish_and_french_documents_get_their_language(tmp_path: Path) -> None:
    (es,) = import_one(
        tmp_path / "es",
        "Los jornaleros dicen basta\n\n"
        + "Los trabajadores del campo exigen salarios dignos y contratos estables. " * 4,
    )
    (fr,) = import_one(
        tmp_path / "fr",
        "Déclaration\n\n"
        + "Les travailleurs du port se mettent en grève pour défendre leurs salaires. " * 4,
    )
    assert (es.language, fr.language) == ("es", "fr")


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (
            "Caf\u00e9 \u201cunion\u201d title\n\n".encode("cp1252")
            + ("\u2014 Los trabajadores exigen " * 8).encode("cp1252"),
            "cp1252",
        ),
        (
            "Caf\u00e9 union title\n\n".encode("latin-1")
            + ("Les travailleurs ont gagn\u00e9 la gr\u00e8ve " * 8).encode("latin-1"),
            "latin-1",
        ),
        (
            (
                "\ufeffCaf\u00e9 union title\r\n\r\n" + "Text with a BOM and CRLF line ends. " * 6
            ).encode("utf-8"),
            "utf-8-bom-crlf",
        ),
    ],
)
def test_encodings_and_line_ends_are_detected(tmp_path: Path, encoded: bytes, label: str) -> None:
    (doc,) = import_one(tmp_path, encoded)
    assert doc.title.startswith("Caf\u00e9"), label
    assert "\r" not in doc.body_html and "\ufffd" not in doc.body_html
    if label == "cp1252":
        assert "\u201cunion\u201d" in doc.title and "\u2014" in doc.body_html


def test_unreadable_file_is_named_and_the_others_still_imported(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(f"A good title\n\n{LONG}\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\xff\xfe binary \x00")
    pool = tmp_path / "documents"
    result = CliRunner().invoke(
        main, ["-C", str(tmp_path), "import", "--into", str(pool), str(bad), str(good)]
    )
    assert result.exit_code == 1
    assert "bad.txt" in result.output and "not text" in result.output
    assert [p.name for p in pool.iterdir()] == ["a-good-title.md"]


def test_a_file_import_cannot_read_says_what_it_is_and_what_to_do(tmp_path: Path) -> None:
    old_word, markdown = tmp_path / "statement.doc", tmp_path / "notes.md"
    pelican = tmp_path / "post.rst"
    outlook = tmp_path / "Statement.msg"  # what dragging a message out of Outlook saves
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    outlook.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    markdown.write_text("# Notes\n")
    pelican.write_text("Notes\n=====\n\nText.\n")
    shortcut = tmp_path / "Statement.gdoc"  # what Google Drive for desktop syncs
    shortcut.write_text('{"doc_id": "1AbC", "email": "ana@example.org"}')
    macros = tmp_path / "Template.docm"  # a zip like a .docx, macros inside
    macros.write_bytes(b"PK\x05\x06" + bytes(18))
    photo = tmp_path / "IMG_0412.HEIC"  # a phone's photo, dropped with the statements
    photo.write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(16))
    members = tmp_path / "members.xlsx"  # the list, given to the wrong command
    members.write_bytes(b"PK\x03\x04" + bytes(26))
    listed = tmp_path / "list.csv"
    listed.write_text("email,name\nana@example.org,Ana\n")
    contacts = tmp_path / "Union.vcf"
    contacts.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n")
    given = [old_word, outlook, markdown, pelican, shortcut, macros, photo, members, listed]
    given.append(contacts)
    mailbox = tmp_path / "All mail Including Spam and Trash.mbox"  # Gmail's Takeout
    message = "From ana@example.org Thu Mar 12 14:32:05 2026\nSubject: Rally {}\n\nText.\n\n"
    mailbox.write_text("".join(message.format(n) for n in range(MESSAGES_LIMIT + 1)))
    given.append(mailbox)
    report = import_files(given, tmp_path / "documents")
    said = {problem.file: (problem.message, problem.hint) for problem in report.problems}
    assert said[outlook][0] == "an Outlook message, which publisher cannot import"
    assert ".eml" in said[outlook][1] and ".txt" in said[outlook][1]
    for spreadsheet in (members, listed):
        message, hint = said.pop(spreadsheet)
        assert message == "a spreadsheet or a list, which publisher cannot import"
        assert "'publisher subscribers import FILE'" in hint
    message, hint = said.pop(mailbox)
    assert message == (
        "a whole mailbox (301 messages), which publisher imports only up to 300 messages at once"
    )
    assert ".eml" in hint and "export the folder" in hint
    assert said.pop(contacts) == (
        "contacts from an address book, which publisher cannot import",
        "import them as subscribers with 'publisher subscribers import FILE'",
    )
    del said[outlook]
    assert said == {
        old_word: (
            "a Word 97-2003 document, which publisher cannot import",
            "open it in Word or LibreOffice and save it as .docx",
        ),
        markdown: ("a Markdown file: it needs no import", "copy it into documents/ as it is"),
        pelican: (
            "a reStructuredText file: it needs no import",
            "copy it into documents/ as it is",
        ),
        shortcut: (
            "a Google Docs shortcut (only the document's address), which publisher cannot import",
            "open it, then in Google Docs File > Download > Microsoft Word (.docx)",
        ),
        macros: (
            "a Word document with macros, which publisher cannot import",
            "in Word, File > Save As > Word Document (.docx): the macros stay behind",
        ),
        photo: (
            "a picture, not a document, which publisher cannot import",
            "copy it into documents/ and show it in a document: ![what it shows](IMG_0412.HEIC)",
        ),
    }


def test_reimporting_the_same_file_creates_no_duplicate_and_slugs_stay_unique(
    tmp_path: Path,
) -> None:
    pool = tmp_path / "documents"
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text(f"Same title\n\n{LONG}\n")
    second.write_text(f"Same title\n\n{LONG} Different text.\n")
    report = import_files([first, second], pool)
    assert [r.path.name for r in report.documents] == ["same-title.md", "same-title-2.md"]
    again = import_files([first, second], pool)
    assert [r.status for r in again.documents] == ["unchanged", "unchanged"]
    assert sorted(p.name for p in pool.iterdir()) == ["same-title-2.md", "same-title.md"]


def word_statement(path: Path) -> Path:
    """A statement as Word saves it, at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pypandoc.convert_text(
        "# Statement on the port closure\n\nThe Dockside Workers' Network condemns the"
        " closure of Berth 7.\n",
        "docx",
        "markdown",
        outputfile=str(path),
    )
    return path


def housekeeping_files(folder: Path, statement: Path) -> list[Path]:
    """What Word, LibreOffice, Windows and macOS leave beside `statement` in a synced
    folder, each shaped as they write it."""
    owner = "Maria Lopez"
    folder_settings = "[.ShellClassInfo]\r\nLocalizedResourceName=@shell32.dll,-21770\r\n"
    written = {
        # Word's owner file while the document is open: the name, then again in UTF-16
        f"~${statement.name}": (bytes([len(owner)]) + owner.encode()).ljust(54, b"\0")
        + (bytes([len(owner), 0]) + owner.encode("utf-16-le")).ljust(108, b"\0"),
        "~WRL0001.tmp": statement.read_bytes(),  # Word's copy while it saves
        f".~lock.{statement.name}#": b"Maria Lopez,DOCKS/maria,DOCKS-PC,02.12.2026 09:14,"
        b"file:///C:/Users/maria/AppData/Roaming/LibreOffice/4;",
        # macOS's AppleDouble file on a drive that is not its own, and its folder settings
        f"._{statement.name}": (b"\0\5\x16\7\0\2\0\0Mac OS X        \0\2" + bytes(24)).ljust(
            4096, b"\0"
        ),
        ".DS_Store": b"\0\0\0\1Bud1" + bytes(2040),
        "Thumbs.db": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),  # Explorer's thumbnails
        "desktop.ini": f"\ufeff{folder_settings}".encode("utf-16-le"),  # Windows's, for a folder
    }
    for name, data in written.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in written]


def test_system_and_lock_files_given_with_documents_are_left_out_in_one_note(
    tmp_path: Path,
) -> None:
    """`publisher import inbox/*` in a synced folder: Word's lock file and macOS's ._ copy
    were each "not a readable DOCX file … save it again", Thumbs.db "a .db file … save it
    as .docx", and the import failed, for files nobody made."""
    statement = word_statement(tmp_path / "inbox" / "Statement.docx")
    given = [statement, *housekeeping_files(statement.parent, statement)]
    pool = tmp_path / "documents"

    result = CliRunner().invoke(main, ["import", "--into", str(pool), *map(str, given)])

    assert result.exit_code == 0, result.output
    assert "error" not in result.output
    assert "left out 7 system or lock files" in result.output
    assert "1 document(s) written, 0 file(s) failed" in result.output
    assert [p.name for p in pool.iterdir()] == ["statement-on-the-port-closure.md"]


@pytest.mark.parametrize("given", ["the folder", "what is in it (inbox/*)"])
def test_a_folder_of_documents_is_imported_with_its_subfolders(tmp_path: Path, given: str) -> None:
    """A folder that is no platform's export stopped the whole import ("this folder is no
    platform's export"), given itself or as the month's subfolder among the files of
    `publisher import inbox/*`: nothing was imported."""
    inbox = tmp_path / "inbox"
    statement = word_statement(inbox / "Statement.docx")
    month = inbox / "2026-04 April"
    month.mkdir()
    (month / "Minutes.txt").write_text(f"Minutes of the April meeting\n\n{LONG}\n")
    (month / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (month / ".DS_Store").write_bytes(b"\0\0\0\1Bud1" + bytes(2040))
    (inbox / ".git").mkdir()  # a hidden folder's files are no one's documents
    (inbox / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    pool = tmp_path / "documents"
    shown = sorted(path for path in inbox.iterdir() if not path.name.startswith("."))
    named = [inbox] if given == "the folder" else shown  # as the shell expands inbox/*

    result = CliRunner().invoke(main, ["import", "--into", str(pool), *map(str, named)])

    assert result.exit_code == 0, result.output
    assert "2 document(s) written, 0 file(s) failed" in result.output
    assert "left out 2 system or lock files" in result.output
    assert sorted(p.name for p in pool.iterdir()) == [
        "minutes-of-the-april-meeting.md",
        "statement-on-the-port-closure.md",
    ]
    imported = import_files([inbox], tmp_path / "again").documents
    assert [row.source for row in imported] == [month / "Minutes.txt", statement]


def test_the_photos_in_a_folder_are_left_out_in_one_line_and_the_import_succeeds(
    tmp_path: Path,
) -> None:
    """An inbox keeps the photos of a demonstration beside the statement: each was an
    error ("a picture, not a document") and the import of the folder failed."""
    inbox = tmp_path / "inbox"
    word_statement(inbox / "Statement.docx")
    for name in ("IMG_0412.JPG", "banner.png"):
        Image.new("RGB", (8, 8), "red").save(inbox / name)
    pool = tmp_path / "documents"

    result = CliRunner().invoke(main, ["import", "--into", str(pool), str(inbox)])

    assert result.exit_code == 0, result.output
    assert "1 document(s) written, 0 file(s) failed" in result.output
    assert (
        "left out 2 pictures found in the folder, which are no documents: IMG_0412.JPG, banner.png"
        in result.output
    )
    assert "error" not in result.output


def test_copies_of_one_file_given_together_are_imported_once(tmp_path: Path) -> None:
    """Synced folders keep copies ("Statement (1).docx", "Statement - Copy.docx"): given in
    one run, each was written as a document of its own, statement-2.md and so on."""
    first = word_statement(tmp_path / "inbox" / "Statement.docx")
    copies = [first.with_name("Statement (1).docx"), first.with_name("Statement - Copy.docx")]
    for copy in copies:
        copy.write_bytes(first.read_bytes())
    pool = tmp_path / "documents"

    report = import_files([first, *copies], pool)

    assert [(row.source, row.status) for row in report.documents] == [
        (first, "imported"),
        (copies[0], "same file as Statement.docx: not imported again"),
        (copies[1], "same file as Statement.docx: not imported again"),
    ]
    assert {row.path for row in report.documents} == {pool / "statement-on-the-port-closure.md"}
    assert [p.name for p in pool.iterdir()] == ["statement-on-the-port-closure.md"]


def test_a_text_titled_in_arabic_script_or_hebrew_is_named_in_its_letters(
    tmp_path: Path,
) -> None:
    """Transliterated, an Arabic title loses its unwritten vowels: إضراب عمال الميناء (the
    dock workers' strike) was imported as drb-ml-lmyn.md and published at /drb-ml-lmyn/.
    Imports name documents by the rule their addresses follow: such letters are kept."""
    pool = tmp_path / "documents"
    texts = {
        "arabic.txt": "إضراب عمال الميناء\n\nأعلن عمال الميناء الإضراب يوم الاثنين احتجاجاً"
        " على تأخير الأجور، وقالت النقابة إن الإضراب سيستمر حتى تلبية المطالب.\n",
        "farsi.txt": "اعتصاب کارگران بندر\n\nکارگران بندر روز دوشنبه در اعتراض به تأخیر"
        " در پرداخت دستمزدها دست از کار کشیدند.\n",
        "hebrew.txt": "שביתה בנמל\n\nעובדי הנמל הכריזו על שביתה ביום שני במחאה על עיכוב"
        " בתשלום השכר.\n",
        "spanish.txt": f"Huelga en el muelle\n\n{LONG}\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = import_files([tmp_path / name for name in texts], pool)
    assert [row.path.name for row in report.documents] == [
        "إضراب-عمال-الميناء.md",
        "اعتصاب-کارگران-بندر.md",
        "שביתה-בנמל.md",
        "huelga-en-el-muelle.md",  # transliterated, as it always was
    ]


def test_a_document_imported_under_its_transliterated_name_is_not_imported_again(
    tmp_path: Path,
) -> None:
    """Imported before Arabic titles kept their letters, a document is drb-ml-lmyn.md: the
    same file imported again is found there, not written a second time."""
    pool = tmp_path / "documents"
    source = tmp_path / "arabic.txt"
    source.write_text("إضراب عمال الميناء\n\nأعلن عمال الميناء الإضراب يوم الاثنين.\n")
    (first,) = import_files([source], pool).documents
    first.path.rename(pool / "drb-ml-lmyn.md")  # the name an older publisher gave it
    (again,) = import_files([source], pool).documents
    assert (again.status, again.path) == ("unchanged", pool / "drb-ml-lmyn.md")
    assert [p.name for p in pool.iterdir()] == ["drb-ml-lmyn.md"]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "post.txt"
    source.write_text(f"A title\n\n{LONG}\n")
    report = import_files([source], tmp_path / "documents", dry_run=True)
    assert report.documents[0].status == "dry run" and not (tmp_path / "documents").exists()


def test_a_mistyped_workspace_folder_is_refused_not_made(tmp_path: Path) -> None:
    """`publisher -C newz import …` for news/: the documents went into a new folder newz/."""
    note = tmp_path / "note.txt"
    note.write_text("A statement.\n")
    result = CliRunner().invoke(main, ["-C", str(tmp_path / "newz"), "import", str(note)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'newz'}: no such folder" in result.output and "--into" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]


def test_html_page_main_text_is_extracted_without_navigation_or_comments(tmp_path: Path) -> None:
    page = f"""<!DOCTYPE html><html lang="en"><head><title>Dock strike ends in victory</title>
    <meta name="author" content="Ana Ruiz"><meta property="article:published_time" content="2026-03-02"></head>
    <body><nav><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop our merchandise</a></li></ul></nav>
    <article><h1>Dock strike ends in victory</h1>
    <p>After <strong>six weeks</strong>, the dockers won. {LONG} Read <a href="https://example.org/deal">the deal</a>.</p>
    <h2>What was won</h2><ul><li>A pay rise of nine per cent for every grade</li><li>No compulsory redundancies this year</li></ul>
    <p>{LONG}</p><img src="https://example.org/picket.jpg" alt="The picket line at dawn"></article>
    <aside class="ads">Buy now! Special offer on everything in the shop.</aside>
    <div id="comments"><p>Comment: first! Great article, totally agree with every word.</p></div>
    <footer>Copyright the newspaper. Privacy policy. Cookie settings.</footer></body></html>"""
    (doc,) = import_one(tmp_path, page, "page.html")
    assert doc.title == "Dock strike ends in victory" and doc.authors == ("Ana Ruiz",)
    assert texts(doc, "//strong") == ["six weeks"] and texts(doc, "//h2") == ["What was won"]
    assert len(texts(doc, "//li")) == 2
    source_md = next((tmp_path / "documents").glob("*.md")).read_text()
    assert "https://example.org/deal" in source_md and "The picket line at dawn" in source_md
    assert source_md.count("Dock strike ends in victory") == 1  # the title, not its heading too
    for boilerplate in (
        "Shop our merchandise",
        "Special offer",
        "Comment: first",
        "Cookie settings",
    ):
        assert boilerplate not in doc.body_html


def test_a_page_with_no_frame_for_its_article_keeps_its_headings_and_lists(
    tmp_path: Path,
) -> None:
    """A branch's hand-written site, or a page saved from a mail, has no <article>, <main>
    or "post-content": trafilatura kept only its paragraphs, the article's subheading and
    its list of what was won left out unseen. Its navigation and comments stay out."""
    page = f"""<!DOCTYPE html><html lang="en"><head><title>Dock strike ends in victory</title>
    </head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop our merchandise</a>
    </li></ul></nav><h1>Dock strike ends in victory</h1><p>After six weeks, the dockers won. {LONG}</p>
    <h2>What was won</h2><ul><li>A pay rise of nine per cent for every grade</li></ul>
    <p>{LONG}</p><h3>Back to work</h3><p>The return to work is on Monday. {LONG}</p>
    <div id="comments"><p>Comment: first! Great article, totally agree with every word.</p></div>
    <footer>Copyright the newspaper. Privacy policy. Cookie settings.</footer></body></html>"""
    (doc,) = import_one(tmp_path, page, "page.html")
    assert (texts(doc, "//h2"), texts(doc, "//h3")) == (["What was won"], ["Back to work"])
    assert texts(doc, "//li") == ["A pay rise of nine per cent for every grade"]
    for boilerplate in ("Shop our merchandise", "Comment: first", "Cookie settings"):
        assert boilerplate not in doc.body_html


def test_a_pages_paragraphs_written_without_p_are_kept_in_their_place(tmp_path: Path) -> None:
    """Words loose after the headline or a rule, a <div> of text among the <p>s (typed into
    a site's editor, or pasted from Gmail), an old page's <center> and <font> lines: each a
    paragraph a browser shows, and each was left out unseen. A share box stays out."""
    said = [f"{word} {LONG}" for word in ("Loose", "Div", "Rule", "Centred", "Font")]
    page = f"""<!DOCTYPE html><html lang="en"><head><title>Dock strike ends in victory</title>
    </head><body><article><h1>Dock strike ends in victory</h1>{said[0]}<br><br>
    <p>First. {LONG}</p><div dir="ltr">{said[1]}</div><p>Second. {LONG}</p><hr>{said[2]}
    <center>{said[3]}</center><font face="Arial">{said[4]}</font><br><p>Last. {LONG}</p>
    <div class="share">Share on Facebook, Twitter and by email</div></article></body></html>"""
    (doc,) = import_one(tmp_path, page, "page.html")
    kept = [" ".join(p.split()) for p in texts(doc, "//p")]
    assert kept == [" ".join(p.split()) for p in [said[0], f"First. {LONG}", said[1],
        f"Second. {LONG}", *said[2:], f"Last. {LONG}"]], kept  # fmt: skip
    assert "Share on" not in doc.body_html


def test_words_loose_between_a_pages_blocks_are_paragraphs_in_their_place(
    tmp_path: Path,
) -> None:
    """Words after a <section> or alone in one, and an old page's <font> line between two
    blocks, were left out: trafilatura reads a frame's paragraphs, not what is loose
    beside them."""
    said = [f"{word} {LONG}" for word in ("Opening", "Font", "Sectioned", "Loose", "Bare")]
    page = f"""<!DOCTYPE html><html lang="en"><head><title>Branch news</title></head><body>
    <main><h1>Branch news</h1><div>{said[0]}</div><div class="ad">Advert</div>
    <font face="Arial">{said[1]}</font><br><br><section><p>{said[2]}</p></section>{said[3]}
    <hr><section>{said[4]}</section></main></body></html>"""
    (doc,) = import_one(tmp_path, page, "page.html")
    assert [" ".join(p.split()) for p in texts(doc, "//p")] == [" ".join(p.split()) for p in said]


def test_a_pages_one_line_of_words_in_no_paragraph_is_kept(tmp_path: Path) -> None:
    """trafilatura gives such words loose in its body, before any element: they were left
    out, and the document came out empty."""
    page = f"""<html><head><title>Branch news</title></head><body><main>
    <font face="Arial">{LONG}</font><br></main></body></html>"""
    (doc,) = import_one(tmp_path, page, "page.html")
    assert [" ".join(p.split()) for p in texts(doc, "//p")] == [" ".join(LONG.split())]


def test_a_date_marked_in_a_pages_sentence_keeps_its_words(tmp_path: Path) -> None:
    """trafilatura leaves a <time> out with its words: "The strike began on 1 March and
    goes on" was "The strike began on and goes on". A date line alone stays out."""
    page = f"""<!DOCTYPE html><html lang="en"><head><title>Strike</title></head><body>
    <article><h1>Strike</h1><p><time datetime="2026-03-03">3 March 2026</time></p>
    <p>First. {LONG}</p><p>The strike began on <time datetime="2026-03-01">1 March</time>
    and goes on. {LONG}</p></article></body></html>"""
    (doc,) = import_one(tmp_path, page, "page.html")
    assert texts(doc, "//p")[1].startswith("The strike began on 1 March and goes on.")
    assert "3 March 2026" not in doc.body_html


def test_a_web_pages_picture_keeps_its_caption_and_photo_credit(tmp_path: Path) -> None:
    """A news site's figure: the picture, its description for those who cannot see it,
    and under it the caption with the photographer's credit, which the article owes."""
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
    <title>Tenants win repairs – Leeds Tenants</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Tenants win repairs</h1><p class="byline">By Ana Ruiz</p><p>{LONG}</p>
    <figure class="wp-block-image size-large"><img src="https://leedstenants.example/img/vote.jpg"
    alt="Tenants raising their hands in the courtyard" loading="lazy" width="1024">
    <figcaption class="wp-element-caption">The vote to end the strike, 4 March.
    Photo: <a href="https://samlee.example">Sam Lee</a></figcaption></figure>
    <p>{LONG}</p></article><footer>© 2026 Leeds Tenants</footer></body></html>"""
    import_one(tmp_path, page, "tenants-win.html")
    markdown = (tmp_path / "documents" / "tenants-win-repairs.md").read_text(encoding="utf-8")
    assert (
        "![The vote to end the strike, 4 March. Photo: [Sam Lee](https://samlee.example)]"
        '(https://leedstenants.example/img/vote.jpg){alt="Tenants raising their hands in the'
        ' courtyard"}\n\n' + LONG.strip()
    ) in markdown
    assert markdown.count("Sam Lee") == 1


@pytest.mark.parametrize(
    ("lang", "byline", "author"),
    [
        ("en", "By Ana Ruiz", "Ana Ruiz"),
        ("es", "Por Ana Ruiz", "Ana Ruiz"),
        ("fr", "Par Camille Bernard", "Camille Bernard"),
        ("ar", "بقلم: سارة علي", "سارة علي"),
        ("fa", "نوشته: رضا کریمی", "رضا کریمی"),
        ("fa", "به قلم مریم احمدی", "مریم احمدی"),
    ],
)
def test_a_web_pages_author_is_named_without_its_bylines_by(
    tmp_path: Path, lang: str, byline: str, author: str
) -> None:
    """The page's byline in its language ("By", "Por", "Par", Arabic's "بقلم", Farsi's
    "نوشته"): the author is the name, as a byline in pasted text gives it."""
    page = f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
    <title>Strike</title></head><body><article><h1>Strike</h1>
    <p class="byline">{byline}</p><p>{LONG}</p><p>{LONG}</p></article></body></html>"""
    (doc,) = import_one(tmp_path, page, "page.html")
    assert doc.authors == (author,)


def dated_page(head: str, top: str) -> str:
    """A site's article page, with `head` in its <head> and `top` over its text, and a
    copyright line in its footer as most sites print."""
    return f"""<!DOCTYPE html><html lang="en"><head><title>Dock strike ends</title>{head}</head>
    <body><header><a href="/">Dockside</a></header><article><h1>Dock strike ends</h1>{top}
    <p>{LONG}</p><p>{LONG}</p></article>
    <footer>© 2024 Dockside Workers Network. All rights reserved.</footer></body></html>"""


@pytest.mark.parametrize(
    ("head", "top", "date"),
    [
        ('<meta property="article:published_time" content="2026-05-01">', "", "2026-05-01"),
        ("", '<p class="meta"><time datetime="2026-03-03">3 March</time></p>', "2026-03-03"),
        ("", "<p>Posted on March 3, 2026 by Ana Ruiz</p>", "2026-03-03"),
        ("", "<p>By Ana Ruiz | 3 March 2026</p>", "2026-03-03"),
        ("", "<p>Madrid, 3 de marzo de 2026</p>", "2026-03-03"),
        ("", "", None),
        ("", "<p>In 2019 we started organising at the port.</p>", None),
    ],
    ids=["meta", "time", "posted on", "byline", "dateline", "none", "a year in the text"],
)
def test_a_saved_pages_date_is_one_it_gives_never_its_copyright_year(
    tmp_path: Path, head: str, top: str, date: str | None
) -> None:
    """A page that gives no date is said to give none: it was dated 1 January of the year
    its footer's copyright line or its text named, as if that were the day it was written."""
    source = tmp_path / "page.html"
    source.write_text(dated_page(head, top), encoding="utf-8")
    (row,) = import_files([source], tmp_path / "documents").documents
    assert row.draft.date == (date and dt.date.fromisoformat(date))
    assert ("the page gives no date: add one" in row.draft.unsure) == (date is None)


def test_two_lists_in_a_row_stay_two_with_nothing_between_them(tmp_path: Path) -> None:
    """Markdown reads two lists in a row as one; pandoc keeps them apart with a paragraph
    of a non-breaking space when it may not write HTML, which every output showed as a
    blank line (a figure left out between two lists of a Medium post, say)."""
    page = f"""<html><head><title>Our demands</title></head><body><article>
    <h1>Our demands</h1><p>{LONG}</p>
    <ul><li>A pay rise of nine per cent for every grade</li></ul>
    <ul><li>No compulsory redundancies this year</li></ul>
    <p>{LONG}</p>
    <blockquote><ol><li>First, the ballot</li></ol><ol><li>Then, the strike</li></ol></blockquote>
    </article></body></html>"""
    (doc,) = import_one(tmp_path, page, "page.html")
    lists = html_of(doc).xpath("//ul | //ol")
    assert [" ".join(e.text_content().split()) for e in lists] == [
        "A pay rise of nine per cent for every grade",
        "No compulsory redundancies this year",
        "First, the ballot",
        "Then, the strike",
    ]
    for first, second in itertools.pairwise(lists):
        assert first.getnext() is second or first.getparent() is not second.getparent()
    assert "\xa0" not in doc.body_html and "&nbsp;" not in doc.body_html


def test_links_and_pictures_in_imported_markdown_carry_no_html_attributes() -> None:
    """What an editor reviews says where a link leads and what a picture shows; the page's
    ids, classes, rel and sizes would read `{.wp-image-12 width="300"}` after each."""
    from publisher.importers.draft import body_markdown

    markdown = body_markdown(
        '<p>See <a href="https://example.org/deal" id="a1" class="more" rel="nofollow"'
        ' title="The deal">the deal</a> and <img src="picket.png" alt="The picket"'
        ' width="300" height="200" class="wp-image-12">.</p>'
    )
    assert markdown == (
        'See [the deal](https://example.org/deal "The deal") and ![The picket](picket.png).\n'
    )


def test_a_page_of_thousands_of_alike_headings_is_written_as_markdown_in_good_time() -> None:
    """In a child bounded at 10 s (this takes about a second): pandoc made each heading
    an id unlike the others' (share-1, share-2 …), as the square of their number, though
    the draft writes no ids: 8,000 took 11 s, and 20,000 ran out of pandoc's time."""
    finishes_within(
        10,
        "from publisher.importers.draft import body_markdown",
        "markdown = body_markdown('<h2>Share</h2>' * 20_000)",
        "assert markdown.count('## Share') == 20_000 and '{#' not in markdown, markdown[:80]",
    )


def test_bold_in_bold_and_italics_in_italics_are_imported_as_one_emphasis(
    tmp_path: Path,
) -> None:
    """Pages nest emphasis (`<strong><b>`, Ghost's `<b><strong style=…>`, `<em><i>`); a
    browser shows one. Typed as nested, the Markdown read back as `****` in every output,
    or the italics were lost."""
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Nested emphasis'
        "</title></head><body><article><h1>Nested emphasis</h1>"
        "<p>Meeting on <strong><b>Thursday 14 March</b></strong> at the hall.</p>"
        "<p>This is <em><i>not</i></em> optional.</p>"
        "<p>Also <b>bold with <strong>inner</strong> part</b> here.</p>"
        '<p>Read <i><em class="italic">the <b><strong style="white-space: pre-wrap;">whole'
        "</strong></b> report</em></i> first.</p></article></body></html>"
    )
    (doc,) = import_one(tmp_path, page, "nested.html")
    markdown = (tmp_path / "documents" / "nested-emphasis.md").read_text(encoding="utf-8")
    assert "***" not in markdown
    assert texts(doc, "//strong") == ["Thursday 14 March", "bold with inner part", "whole"]
    assert texts(doc, "//em") == ["not", "the whole report"]
    assert texts(doc, "//p") == [
        "Meeting on Thursday 14 March at the hall.",
        "This is not optional.",
        "Also bold with inner part here.",
        "Read the whole report first.",
    ]


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_office_files_pictures_are_extracted_into_the_pool_media_folder(
    tmp_path: Path, kind: str
) -> None:
    """A Word file keeps its pictures in word/media/, a LibreOffice file in Pictures/: each
    is saved in media/<document>/ and shown from there."""
    work = tmp_path / "work"
    work.mkdir()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(work / "red.png")
    (work / "src.md").write_text(
        "---\ntitle: With a picture\nauthor: Ana\n---\n\nText.\n\n![A red box](red.png)\n"
    )
    pypandoc.convert_file(
        str(work / "src.md"), kind, outputfile=str(work / f"report.{kind}"), cworkdir=str(work)
    )
    (doc,) = import_one(tmp_path, (work / f"report.{kind}").read_bytes(), f"report.{kind}")
    assert doc.title == "With a picture" and doc.authors == ("Ana",)
    assert len(doc.images) == 1 and doc.images[0].startswith("media/with-a-picture/")
    assert (tmp_path / "documents" / doc.images[0]).read_bytes()[:4] == b"\x89PNG"


def test_a_word_pictures_alt_text_is_imported_as_its_description_and_no_caption(
    tmp_path: Path,
) -> None:
    """Word's Alt Text describes a picture for whoever cannot see it. A
    picture alone in its paragraph was written `![description](…)`, which Markdown reads
    as a figure captioned with it: the web page and the PDF printed the description under
    the photo, and screen readers read it twice."""
    work = tmp_path / "work"
    work.mkdir()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(work / "red.png")
    (work / "src.md").write_text(  # pandoc's way to write a picture that is no figure
        "---\ntitle: Victory\n---\n\nWe won.\n\n![Tenants celebrating](red.png)\\ \n"
    )
    pypandoc.convert_file(
        str(work / "src.md"), "docx", outputfile=str(work / "victory.docx"), cworkdir=str(work)
    )
    # the picture alone in its paragraph, as Word has it: without pandoc's no-break space
    nbsp_run = '<w:r><w:t xml:space="preserve">\u00a0</w:t></w:r>'
    edited(work / "victory.docx", "word/document.xml", lambda xml: xml.replace(nbsp_run, ""))
    (doc,) = import_one(tmp_path, (work / "victory.docx").read_bytes(), "victory.docx")
    page = html_of(doc)
    assert page.xpath("//img/@alt") == ["Tenants celebrating"]
    assert not page.xpath("//figcaption") and "Tenants celebrating" not in page.text_content()


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_word_processors_footnotes_are_imported_as_markdown_footnotes(
    tmp_path: Path, kind: str
) -> None:
    source = tmp_path / f"notes.{kind}"
    pypandoc.convert_text(
        "---\ntitle: Notes\n---\n\nThe council voted.[^1] Twice.[^2]\n\n[^1]: On 3 May.\n\n"
        "[^2]: First in March.\n\n    Then again.\n",
        kind,
        "markdown",
        outputfile=str(source),
    )
    report = import_files([source], tmp_path / "documents")
    markdown = report.documents[0].path.read_text(encoding="utf-8")
    assert "The council voted.[^1] Twice.[^2]" in markdown
    assert "[^1]: On 3 May.\n" in markdown
    assert "[^2]: First in March.\n\n    Then again." in markdown
    assert "fn1" not in markdown and "↩" not in markdown
    (doc,) = [read_document(report.documents[0].path, "notes", tmp_path / "documents", "en")]
    assert doc.body_html.count('class="footnote-ref"') == 2


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_word_processors_tags_and_comments_come_with_its_draft(tmp_path: Path, kind: str) -> None:
    """File > Info's Tags and Comments (LibreOffice's Keywords and Comments): the draft's
    tags and summary, as the build reads them from the file itself."""
    source = tmp_path / f"strike.{kind}"
    pypandoc.convert_text(
        "---\ntitle: Strike\nkeywords: [housing, rent strike]\n"
        "description: Tenants withhold rent.\n---\n\nWe withhold rent.\n",
        kind,
        "markdown",
        outputfile=str(source),
    )
    (row,) = import_files([source], tmp_path / "documents").documents
    doc = read_document(row.path, row.path.stem, tmp_path / "documents", "en")
    assert (doc.tags, doc.summary) == (("housing", "rent strike"), "Tenants withhold rent.")


def test_markdown_keeping_its_pictures_inside_is_imported_with_them_saved_as_files(
    tmp_path: Path,
) -> None:
    """As Google Docs' "Download → Markdown" writes every picture: in a reference's
    definition at the end; and one in an inline image."""
    red, blue = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(red, "PNG")
    Image.new("RGB", (20, 20), (30, 30, 200)).save(blue, "JPEG")
    text = (
        "# Rent strike at number 12\n\nThe tenants stopped paying.\n\n![][image1]\n\n"
        f"Picket on Friday.\n\n![The picket](data:image/jpeg;base64,{b64(blue)})\n\n"
        f"[image1]: <data:image/png;base64,{b64(red)}>\n"
    )
    (doc,) = import_one(tmp_path, text, "Rent strike.md")
    assert doc.title == "Rent strike at number 12" and "data:" not in doc.body_html
    saved = [(tmp_path / "documents" / image).read_bytes() for image in doc.images]
    assert saved == [red.getvalue(), blue.getvalue()]
    assert all(image.startswith("media/rent-strike-at-number-12/") for image in doc.images)


def b64(picture: io.BytesIO) -> str:
    return base64.b64encode(picture.getvalue()).decode()


def test_a_word_file_named_in_capitals_as_windows_may_is_imported_as_word(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "src.md").write_text("---\ntitle: Our statement\nauthor: Ana\n---\n\nWe **stand**.\n")
    pypandoc.convert_file(str(work / "src.md"), "docx", outputfile=str(work / "out.docx"))
    (doc,) = import_one(tmp_path, (work / "out.docx").read_bytes(), "STATEMENT.DOCX")
    assert (doc.title, doc.authors) == ("Our statement", ("Ana",))
    assert "<strong>stand</strong>" in doc.body_html


def test_rich_text_from_textedit_or_wordpad_is_imported_with_its_title_and_author(
    tmp_path: Path,
) -> None:
    rtf = (
        r"{\rtf1\ansi\ansicpg1252{\fonttbl\f0\fswiss Helvetica;}"
        r"{\info{\title Huelga en el almac\'e9n}{\author Ana Ru\'edz}}"
        r"\f0\pard Los jornaleros dijeron {\b \'a1basta!} y pararon.\par}"
    )
    (doc,) = import_one(tmp_path, rtf, "huelga.rtf")
    assert (doc.title, doc.authors) == ("Huelga en el almacén", ("Ana Ruíz",))
    assert "<strong>¡basta!</strong> y pararon" in doc.body_html


@pytest.mark.parametrize("sent", ["its folder", "zipped to be sent", "attached to an e-mail"])
def test_a_textedit_document_with_pictures_is_imported_with_them(tmp_path: Path, sent: str) -> None:
    """TextEdit saves a document holding a picture as a folder, `My Rally.rtfd/`, which
    Mail and the Finder zip to send (`My Rally.rtfd.zip`, with the Finder's __MACOSX
    folder): the import reads it as one document with its pictures, as a Word file,
    whichever it is given, or a message it came attached to."""
    from test_readers import TEXTEDIT

    package = tmp_path / "in" / "My Rally.rtfd"
    package.mkdir(parents=True)
    Image.new("RGB", (40, 30), "red").save(package / "crowd 1.jpg")
    (package / "TXT.rtf").write_bytes(
        TEXTEDIT + b"\\f0 Join the march.\\\n{{\\NeXTGraphic crowd 1.jpg \\width800"
        b" \\height600 \\appleattachmentpadding0\n}\xac}\\\nSee you there.\\\n}"
    )
    given = package
    if sent != "its folder":
        given = tmp_path / "in" / "My Rally.rtfd.zip"
        with zipfile.ZipFile(given, "w") as archive:
            archive.writestr("My Rally.rtfd/", b"")
            for file in package.iterdir():
                archive.write(file, f"My Rally.rtfd/{file.name}")
                archive.writestr(f"__MACOSX/My Rally.rtfd/._{file.name}", b"\0\5\26\7")
    if sent == "attached to an e-mail":
        message = EmailMessage()
        message["From"], message["Subject"] = "Ana <ana@example.org>", "For the bulletin"
        message.set_content("Here is the rally call, with the photo.\n\nAna\n")
        message.add_attachment(
            given.read_bytes(), maintype="application", subtype="zip", filename=given.name
        )
        given = tmp_path / "in" / "for the bulletin.eml"
        given.write_bytes(bytes(message))
    pool = tmp_path / "documents"

    result = CliRunner().invoke(main, ["import", str(given), "--into", str(pool)])

    assert result.exit_code == 0, result.output
    text = (pool / "my-rally.md").read_text()
    assert "title: My Rally" in text  # the file name as typed, as any file's, and said so
    assert "no title property: the title is a guess" in " ".join(result.output.split())
    assert "Join the march.\n\n![](media/my-rally/crowd%201.jpg)\n\nSee you there." in text
    assert (pool / "media" / "my-rally" / "crowd 1.jpg").is_file()
    doc = read_document(pool / "my-rally.md", "my-rally", pool, "en")
    assert doc.images == ("media/my-rally/crowd 1.jpg",)


def test_a_textbundle_needs_no_import_and_says_where_it_goes(tmp_path: Path) -> None:
    """Markdown with its pictures, from Bear, Ulysses or iA Writer: into documents/ as it
    is, folder and all, as the message says; its zip (.textpack) is to be unzipped there."""
    bundle = tmp_path / "in" / "Rally.textbundle"
    (bundle / "assets").mkdir(parents=True)
    (bundle / "text.md").write_text("Join us.\n")
    packed = shutil.make_archive(
        str(tmp_path / "in" / "Rally"), "zip", tmp_path / "in", "Rally.textbundle"
    )
    textpack = Path(packed).rename(tmp_path / "in" / "Rally.textpack")

    for given, said in [
        (bundle, "Rally.textbundle: a TextBundle (from Bear, Ulysses, iA Writer…): Markdown"),
        (textpack, "Rally.textpack: a zipped TextBundle"),
    ]:
        result = CliRunner().invoke(main, ["import", str(given), "--into", str(tmp_path / "d")])
        assert result.exit_code == 1, result.output
        assert said in " ".join(result.output.split()) and "into documents/" in result.output
        assert "Traceback" not in result.output


def test_a_file_that_fails_to_convert_is_named_as_given_not_as_its_working_copy(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in" / "damaged.DOCX"
    source.parent.mkdir()
    with zipfile.ZipFile(source, "w") as damaged:  # a zip, but no Word document inside
        damaged.writestr("word/nothing.txt", "x")
    report = import_files([source], tmp_path / "documents")
    assert [problem.file for problem in report.problems] == [source]
    assert "publisher-import-" not in str(report.problems[0])


# The shared corpus, end to end ------------------------------------------------------------


@pytest.fixture(scope="module")
def imported_corpus(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[Document]]:
    """Every text of the corpus imported once, for tests that read what came of it."""
    pool = tmp_path_factory.mktemp("corpus") / "documents"
    result: dict[str, list[Document]] = {}
    for source in sorted(corpus.glob("*.txt")):
        report = import_files([source], pool)
        assert not report.problems
        result[source.stem] = [
            read_document(r.path, r.path.stem, pool, "en") for r in report.documents
        ]
    return result


def test_corpus_blog_dump_splits_into_posts_with_titles_and_dates(imported_corpus: dict) -> None:
    posts = imported_corpus["blog-dump-2025-2026"]
    text = (
        Path(__file__).resolve().parents[2] / "shared/corpus/blog-dump-2025-2026.txt"
    ).read_text()
    headers = [line for line in text.splitlines() if line.split(",")[0] in ("Sunday", "Tuesday")]
    assert len(posts) == len(headers) == 3
    assert [str(p.date) for p in posts] == ["2026-02-22", "2026-02-10", "2025-11-23"]
    assert all(p.title and p.title != "Blog dump 2025 2026" for p in posts)
    # The reprinted articles stay in the first post, with their own headings and datelines.
    first = posts[0]
    assert texts(first, "//h2") == [
        "Peru: Down with Parliament and Down with Boluarte!",
        "Peru: Re-organising, confronting the Regime and Defeating it!",
    ]
    assert texts(first, "//div[@class='dateline']") == ["December 12, 2022", "December 30 2025"]
    assert posts[2].authors == ("Comrade Zaid",)


def test_corpus_statement_signature_becomes_author_and_date(imported_corpus: dict) -> None:
    (statement,) = imported_corpus["statement-palestine-2024"]
    assert statement.authors == ("International Leninist Trotskyist Tendency (ILTT)",)
    assert str(statement.date) == "2024-06-28"
    assert texts(statement, "//div[@class='caption']")[0].endswith("Photo credit: @AfroPal_Forum")


def test_corpus_encyclopedia_article_keeps_its_sections(imported_corpus: dict) -> None:
    (wiki,) = imported_corpus["wiki-ito-history"]
    tree = html_of(wiki)
    assert len(tree.xpath("//hr")) == 2  # the two section breaks of the original
    assert texts(wiki, "//h2") == ["External links"]
    assert "CC-BY-SA" in texts(wiki, "//div[@class='source-note']")[0]


def test_corpus_documents_have_no_code_no_literal_tags_no_empty_paragraphs(
    imported_corpus: dict, corpus: Path
) -> None:
    bullet_lines = [
        line.strip(" \u00a0•●")
        for f in corpus.glob("*.txt")
        for line in f.read_text().splitlines()
        if line.strip(" \u00a0").startswith(("•", "●"))
    ]
    items = [
        item for docs in imported_corpus.values() for doc in docs for item in texts(doc, "//li")
    ]

    def words(text: str) -> str:  # a spaced hyphen is set as a dash (tests/test_dashes.py)
        return " ".join(text.replace("\u00a0", " ").replace("–", "-").split())

    for line in bullet_lines:
        assert words(line) in {words(item) for item in items}
    for docs in imported_corpus.values():
        for doc in docs:
            tree = html_of(doc)
            assert not tree.xpath("//pre|//code")
            assert "<strong>" not in " ".join(tree.xpath("//text()"))
            assert all(p.text_content().strip() for p in tree.xpath("//p"))


def test_imported_corpus_builds_into_an_issue_whose_epub_passes_epubcheck(
    imported_corpus: dict, tmp_path: Path
) -> None:
    root = tmp_path
    pool = next(iter(imported_corpus.values()))[0].source.parent
    shutil.copytree(pool, root / "documents")
    (root / "issues").mkdir()
    (root / "publisher.toml").write_text(
        'title = "Imported"\nbase_url = "https://imported.example.org/"\n'
        '[organisation]\nname = "Org"\n[email]\nfrom = "news@imported.example.org"\n'
    )
    slugs = [doc.slug for docs in imported_corpus.values() for doc in docs]
    (root / "issues" / "001-imported.yaml").write_text(
        f"number: 1\ntitle: Imported\ndate: 2026-03-01\nsections:\n  - title: All\n    documents: [{', '.join(slugs)}]\n"
    )
    report = build(root, formats=["epub"])
    assert epubcheck_messages(report.out_dir / "001-imported" / "001-imported.epub") == []


# Control characters -----------------------------------------------------------------------

CONTROLS = {
    "vertical tab": "\x0b",
    "ANSI colour code": "\x1b[31m",
    "BEL": "\x07",
    "U+FFFE": "\ufffe",
    "C1": "\x85",
    "lone surrogate": "\ud800",
}


def test_import_never_writes_control_characters_and_names_file_and_line(tmp_path: Path) -> None:
    text = (
        "\x1b[1mA pasted title\x1b[0m\n\n"
        f"{LONG}\n\n"
        "First line of an address\x0bSecond line of the address\n\n"
        f"\x1b[31mRed alert\x1b[0m from the terminal.\x07 {LONG}\ufffe\x85\ud800\n"
    )
    source = tmp_path / "pasted.txt"
    source.write_bytes(text.encode("utf-8", "surrogatepass"))
    pool = tmp_path / "documents"
    result = CliRunner().invoke(
        main, ["-C", str(tmp_path), "import", "--into", str(pool), str(source)]
    )
    assert result.exit_code == 0, result.output
    written = next(pool.glob("*.md")).read_text(encoding="utf-8", errors="surrogateescape")
    for name, control in CONTROLS.items():
        assert control not in written, name
    assert "[31m" not in written and "Red alert" in written
    assert "title: A pasted title\n" in written  # the heuristics saw the text without codes
    assert "First line of an address\\\nSecond line of the address" in written
    assert f"warning: {source}:1: removed invisible control characters" in result.stderr


def test_saved_web_pages_are_cleaned_of_control_characters_too(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html lang='en'><head><title>Pay\x07 rise won</title></head><body>"
        f"<article><h1>Pay rise won</h1><p>\x1b[31mThe dockers\x1b[0m won. {LONG}</p>"
        f"<p>{LONG}\ufffe</p></article></body></html>"
    )
    (doc,) = import_one(tmp_path, page, "page.html")
    written = next((tmp_path / "documents").glob("*.md")).read_text()
    assert doc.title == "Pay rise won" and "The dockers won." in written
    assert not any(c in written for c in ("\x07", "\x1b", "[31m", "\ufffe"))


NO_TITLE_LINE = (
    "Strike committees met each night, and Strike pay was raised twice. The International"
    " Trotskyist Opposition (ITO) stood with the people of Palestine when few did, and its"
    " members joined the strike in every city where the ITO had a branch, from the ports to"
    " the hospitals, and they kept the picket lines up through the winter.\n\n"
    "Palestine was on every banner.\n"
)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("statement-palestine-2024.txt", "Statement Palestine 2024"),
        ("wiki-ito-history.txt", "Wiki ITO history"),
        # "Strike" starts sentences, "strike" is written too: no name
        ("ito_strike_report.txt", "ITO strike report"),
    ],
)
def test_a_title_guessed_from_the_file_name_writes_its_names_as_the_text_does(
    tmp_path: Path, name: str, title: str
) -> None:
    """ "Statement palestine 2024" was the guess, with the country in lower case; and it
    still was for the file built as it is, not imported."""
    (doc,) = import_one(tmp_path, NO_TITLE_LINE, name)
    assert doc.title == title
    as_it_is = tmp_path / "pool" / name
    as_it_is.parent.mkdir()
    as_it_is.write_text(NO_TITLE_LINE)
    assert read_document(as_it_is, as_it_is.stem, as_it_is.parent, "en").title == title


def test_a_word_file_without_a_title_is_still_said_to_have_its_title_guessed(
    tmp_path: Path,
) -> None:
    """The guess writes "Palestine" as the text does; it is a guess all the same."""
    import pypandoc

    source = tmp_path / "statement-palestine-2024.docx"
    pypandoc.convert_text(NO_TITLE_LINE, "docx", format="markdown", outputfile=str(source))
    (row,) = import_files([source], tmp_path / "documents").documents
    assert row.draft.title == "Statement Palestine 2024"
    assert any("no title property" in check for check in row.draft.unsure), row.draft.unsure


# The import report ------------------------------------------------------------------------


def test_report_prints_every_check_in_full_beneath_the_table_at_80_columns(
    tmp_path: Path,
) -> None:
    source = tmp_path / "a-page-pasted-from-a-blog-with-a-long-file-name.txt"
    source.write_text(
        f"{LONG}\n\nWhat we want:\n\n  Homes for all\n\n  Jobs for all\n\n{LONG}\n\nAna Ruiz\n"
    )
    pool = tmp_path / "documents"
    result = CliRunner().invoke(
        main,
        ["-C", str(tmp_path), "import", "--into", str(pool), str(source)],
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    (row,) = import_files([source], tmp_path / "again", dry_run=True).documents
    assert len(row.draft.unsure) == 3  # no title line, author from the closing line, lost bullets
    lines = result.output.splitlines()
    for check in row.draft.unsure:
        assert f"check {source.name}#1: {check}" in " ".join(" ".join(lines).split())
    assert max(len(line) for line in lines) <= 80, "\n".join(lines)


def test_report_at_80_columns_shows_each_documents_file_date_and_title_whole(
    tmp_path: Path,
) -> None:
    """The guesses to check are the title and the date: at 80 columns (a terminal's usual
    width) neither is cut to "2026…", file names are folded rather than cut, and a name in
    square brackets is printed as written, not taken for a colour."""
    source = tmp_path / "general-meeting-minutes-[v2].txt"
    source.write_text(f"Rent strike enters its third week\n\n14 March 2026\n\n{LONG}\n")
    result = CliRunner().invoke(
        main,
        ["-C", str(tmp_path), "import", "--into", str(tmp_path / "documents"), str(source)],
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("│")]
    assert rows and max(len(line) for line in result.output.splitlines()) <= 80, result.output
    cells = [[cell.strip() for cell in row.strip("│").split("│")] for row in rows]
    document = "".join(row[0] for row in cells)
    assert "rent-strike-enters-its-third-week.md" in document, result.output
    assert f"from{source.name}#1" in document.replace(" ", ""), result.output
    assert "Rent strike enters its third week" in " ".join(row[1] for row in cells)
    assert "2026-03-14" in [row[2] for row in cells], result.output


# Lists, and what follows them -------------------------------------------------------------


def test_a_block_after_a_list_not_indented_like_a_teaser_is_its_own_paragraph(
    tmp_path: Path,
) -> None:
    text = (
        f"Recent posts\n\n{LONG}\n\n"
        "  • The strike at the port\n"
        "  • Rent survey results\n\n"
        f"  Great list, thanks for sharing. {LONG}\n\n"
        "• Our first leaflet\n"
        "• Our second leaflet\n\n"
        f"A normal paragraph after the second list. {LONG}\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//ul/li") == [
        "The strike at the port",
        "Rent survey results",
        "Our first leaflet",
        "Our second leaflet",
    ]
    paragraphs = texts(doc, "/div/p")
    assert paragraphs[1].startswith("Great list, thanks") and paragraphs[2].startswith("A normal")


def test_a_teaser_indented_under_an_indented_bullet_stays_with_its_item(tmp_path: Path) -> None:
    text = (
        f"Recent posts\n\n{LONG}\n\n"
        "  • The strike at the port\n"
        "      Six weeks on the picket line.\n"
        "  • Rent survey results\n\n"
        "      What three hundred tenants told us.\n\n"
        f"{LONG}\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//ul/li") == [
        "The strike at the port Six weeks on the picket line.",
        "Rent survey results What three hundred tenants told us.",
    ]


@pytest.mark.parametrize(
    ("prose", "intro", "items"),
    [
        (LONG + "and so we organised.", "The demands are:", ["Homes for all", "Jobs for all"]),
        (
            "Los trabajadores del campo exigen salarios dignos y contratos estables. " * 3,
            "Nuestras reivindicaciones:",
            ["Vivienda para todos", "Trabajo para todos"],
        ),
    ],
)
def test_a_line_ending_in_a_colon_introduces_what_follows_not_the_paragraph_before(
    tmp_path: Path, prose: str, intro: str, items: list[str]
) -> None:
    bullets = "".join(f"• {item}\n" for item in items)
    (doc,) = import_one(
        tmp_path, f"A title\n\n{LONG}\n\n{prose.strip()}\n{intro}\n{bullets}\n{LONG}\n"
    )
    tree = html_of(doc)
    assert texts(doc, "/div/p")[1] == prose.strip()
    (introduction,) = tree.xpath("//ul/preceding-sibling::*[1]")
    assert introduction.tag == "p" and introduction.text_content() == intro
    assert texts(doc, "//ul/li") == items


def test_a_colon_at_the_end_of_a_wrapped_line_inside_a_sentence_keeps_the_paragraph(
    tmp_path: Path,
) -> None:
    wrapped = "The branch met on Tuesday and agreed, after a long debate, on the following:\nwe strike on Monday, and we strike until the offer is withdrawn in full.\n"
    (doc,) = import_one(tmp_path, f"A title\n\n{LONG}\n\n{wrapped}\n{LONG}\n")
    assert len(texts(doc, "//p")) == 3


# Section breaks ---------------------------------------------------------------------------


def test_a_double_blank_line_is_a_section_break_where_paragraphs_are_single_spaced(
    tmp_path: Path,
) -> None:
    text = (
        f"A title\n\n{LONG}\n\n{LONG}\n\n\nA short section.\n\n{LONG}\n\n\n"
        f"• One item\n• Another item\n\n{LONG}\n"
    )
    (doc,) = import_one(tmp_path, text)
    tree = html_of(doc)
    assert [e.tag for e in tree.xpath("/div/*")] == ["p", "p", "hr", "p", "p", "hr", "ul", "p"]


def test_a_text_double_spaced_throughout_has_no_section_breaks(tmp_path: Path) -> None:
    text = f"A title\n\n\n{LONG}\n\n\n{LONG}\n\n\nA short paragraph.\n\n\n{LONG}\n\n\n{LONG}\n"
    (doc,) = import_one(tmp_path, text)
    tree = html_of(doc)
    assert not tree.xpath("//hr") and len(tree.xpath("//p")) == 5


# Headings ---------------------------------------------------------------------------------

PROSE_ES = (
    "Los trabajadores del campo exigen salarios dignos y contratos estables en todo el país. "
)


@pytest.mark.parametrize(
    ("heading", "question", "prose"),
    [
        ("The strike wave", "What happens next?", LONG),
        ("The strike wave", "Where does the movement go after the strike wave?", LONG),
        ("La ola de huelgas", "¿Qué podemos hacer?", PROSE_ES * 2),
        (
            "La ola de huelgas",
            "¿Qué podemos hacer ahora que la patronal ha roto la mesa?",
            PROSE_ES * 2,
        ),
    ],
)
def test_a_question_standing_alone_like_a_heading_is_a_heading(
    tmp_path: Path, heading: str, question: str, prose: str
) -> None:
    text = f"A title\n\n{prose}\n\n{heading}\n\n{prose}\n\n{question}\n\n{prose}\n\n{prose}\n"
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//h2") == [heading, question]


def test_a_question_inside_running_prose_is_not_a_heading(tmp_path: Path) -> None:
    text = f"A title\n\n{LONG}\n\nWhat happens next? {LONG}\n\n{LONG}\n"
    (doc,) = import_one(tmp_path, text)
    assert not texts(doc, "//h2") and len(texts(doc, "//p")) == 3


STATEMENT_IN_CAPITALS = """Stop the evictions on Calle Mayor

On Monday morning, bailiffs arrived at number 14 with a court order to evict the Ramirez
family, who have lived in the building for twenty-two years.

WHAT WE DEMAND

1) An immediate halt to all evictions in the building.
2) The council to buy the building under its new powers.

WHAT YOU CAN DO

Come to the stairs of number 14 at 8am on Monday. Bring a flask.

VICTORY TO THE TENANTS!

Calle Mayor Tenants Association
"""


@pytest.mark.parametrize(
    "signed",
    [
        "Calle Mayor Tenants Association\n",
        "Calle Mayor Tenants Association\n\nwww.callemayor.example.org\n",
        "In solidarity,\nCalle Mayor Tenants Association\n\nwww.callemayor.example.org\n",
        "Calle Mayor Tenants Association\n\n23 November 2026\n",
    ],
)
def test_a_line_in_capitals_over_a_short_paragraph_or_a_numbered_list_is_a_heading(
    tmp_path: Path, signed: str
) -> None:
    """As statements typed without styles set their headings; a slogan over the signature
    stays a paragraph."""
    text = STATEMENT_IN_CAPITALS.replace("Calle Mayor Tenants Association\n", signed)
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//h2") == ["WHAT WE DEMAND", "WHAT YOU CAN DO"]
    assert len(texts(doc, "//ol/li")) == 2
    assert "VICTORY TO THE TENANTS!" in texts(doc, "//p")


def test_a_text_of_many_lines_in_capitals_is_read_in_time_linear_in_its_length() -> None:
    """In a child bounded at 20 s (this takes about a second): whether the text a line in
    capitals stands over is the closing lines was worked out again for each such line,
    reading the whole text: 2,000 lines took 19 s, 20,000 would take half an hour."""
    finishes_within(
        20,
        "from publisher.importers.plaintext import recover",
        "text = 'TITLE\\n\\n' + '\\n\\n'.join(f'WORKERS UNITE NUMBER {i}' for i in range(20_000))",
        "assert recover(text, split=False)[0].body_html.count('<h2>') > 19_000",
    )


def test_a_short_line_over_a_numbered_list_is_a_heading_over_a_short_paragraph_it_is_not(
    tmp_path: Path,
) -> None:
    """Typed in small letters, a short line is a heading over a list or a long paragraph."""
    text = STATEMENT_IN_CAPITALS.replace("WHAT WE DEMAND", "Our demands")
    (doc,) = import_one(tmp_path, text.replace("WHAT YOU CAN DO", "What you can do"))
    assert texts(doc, "//h2") == ["Our demands"] and "What you can do" in texts(doc, "//p")


@pytest.mark.parametrize(
    "contacts",
    [
        "info@callemayor.example.org | 0161 555 0100",
        "Tel: +34 600 123 456 · www.callemayor.example.org",
        "info@callemayor.example.org\nhttps://callemayor.example.org/petition",
    ],
)
@pytest.mark.parametrize("between", ["\n", "\n\n"], ids=["under", "apart"])
def test_the_name_over_contact_details_at_the_end_is_the_signature(
    tmp_path: Path, contacts: str, between: str
) -> None:
    """Statements close with the name and how to reach it; the details stay in the text."""
    text = f"Stop the evictions\n\n{LONG}\n\nCalle Mayor Tenants Association{between}{contacts}\n"
    (doc,) = import_one(tmp_path, text)
    assert doc.authors == ("Calle Mayor Tenants Association",)
    assert contacts.split()[1 if contacts.startswith("Tel") else 0] in doc.body_html


@pytest.mark.parametrize(
    "closing",
    [
        "Everyone is welcome at the hall on Thursday.\n0161 555 0100",
        "Maria Lopez\n\nFor a lift to the picket, ring Maria on 0161 555 0100",
    ],
)
def test_a_sentence_giving_a_telephone_number_is_no_contact_line(
    tmp_path: Path, closing: str
) -> None:
    (doc,) = import_one(tmp_path, f"Stop the evictions\n\n{LONG}\n\n{closing}\n")
    assert doc.authors == ()


def test_a_contact_card_of_details_alone_is_imported_as_its_lines(tmp_path: Path) -> None:
    """A heading in capitals over nothing but contact details: no text to head."""
    (doc,) = import_one(tmp_path, "Contact\n\nTEL: 0161 555 0100\n\ninfo@branch.example.org\n")
    assert doc.title == "Contact"
    assert texts(doc, "//p") == ["TEL: 0161 555 0100", "info@branch.example.org"]


@pytest.mark.parametrize(
    "subtitle",
    [
        "Statement of the Calle Mayor Tenants Association, 23 November 2026",
        "Press release | 23 November 2026",
        "Comunicado de la Asociación de Inquilinos — 23 de noviembre de 2026",
    ],
)
@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_subtitle_ending_in_a_date_gives_the_date(
    tmp_path: Path, subtitle: str, how: str
) -> None:
    """In documents/ too: the build took the subtitle, but not its date."""
    text = f"Stop the evictions\n\n{subtitle}\n\n{LONG}\n\n{LONG}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert doc.subtitle == subtitle.replace(" — ", "\u00a0— ")  # the dash tied to its words
    assert doc.date == dt.date(2026, 11, 23)


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_subtitle_with_a_date_before_its_end_gives_no_date(tmp_path: Path, how: str) -> None:
    subtitle = "What the eviction of 23 November 2026 means, and what comes next"
    text = f"Stop the evictions\n\n{subtitle}\n\n{LONG}\n\n{LONG}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert doc.subtitle == subtitle and doc.date is None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fake.docx", b"<html><body><p>A web page saved as .docx</p></body></html>"),
        ("broken.rtf", b"{\\rtf1 never closed"),
    ],
)
def test_a_damaged_office_file_is_named_as_the_editor_knows_it(
    tmp_path: Path, name: str, content: bytes
) -> None:
    """Not as the working copy import makes in a temporary folder."""
    damaged = tmp_path / name
    damaged.write_bytes(content)
    report = import_files([damaged], tmp_path / "documents")
    [problem] = report.problems
    assert problem.file == damaged
    assert "publisher-import-" not in problem.message


@pytest.mark.parametrize("name", ["statement.txt", "statement.docx", "statement.odt"])
@pytest.mark.parametrize("content", [b"", b"  \n\n \t\n"])
def test_an_empty_file_is_reported_not_imported_as_nothing(
    tmp_path: Path, content: bytes, name: str
) -> None:
    """An empty .docx was "not a readable DOCX file (File is not a zip file)"."""
    empty = tmp_path / name
    empty.write_bytes(content)
    report = import_files([empty], tmp_path / "documents")
    assert report.documents == []
    [problem] = report.problems
    assert problem.file == empty and "the file is empty" in problem.message


@pytest.mark.parametrize(
    ("generator", "config"),
    [("Hugo", "hugo.toml"), ("Hugo", "config/_default/hugo.toml"), ("Jekyll", "")],
)
def test_a_sites_source_folder_is_refused_once_saying_to_copy_its_content(
    tmp_path: Path, generator: str, config: str
) -> None:
    """Given a Hugo site's folder, import read its built public/ pages as documents and
    failed on every source file (the posts' Markdown, its README, hugo.toml, the theme's
    layouts, the CSS): five errors for one folder that needs no import at all. A site
    keeping its configuration in config/_default/ (Docsy, Blowfish, Congo) had only that
    folder refused, and every other file tried."""
    site = tmp_path / "site"
    post = "---\ntitle: Post A\n---\n\nPost A body.\n"
    page = "<html><head><title>Post A</title></head><body><h1>Post A</h1><p>Post A body.</p>"
    files = {
        "Hugo": {
            config: 'baseURL = "https://example.org/"\ntitle = "Dockside"\n',
            "content/posts/a.md": post,
            "public/posts/a/index.html": page + "</body></html>",
            "themes/ananke/layouts/_default/single.html": '{{ define "main" }}{{ end }}\n',
            "static/css/style.css": "body { margin: 0 }\n",
        },
        "Jekyll": {
            "_config.yml": "title: Dockside\n",
            "_posts/2026-03-01-post-a.md": post,
            "_site/2026/03/01/post-a.html": page + "</body></html>",
            "_layouts/post.html": "{{ content }}\n",
        },
    }[generator]
    for name, text in {"README.md": "# Dockside\n\nOur site.\n", **files}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    pool = tmp_path / "documents"

    result = CliRunner().invoke(main, ["import", "--dry-run", "--into", str(pool), str(site)])

    assert result.exit_code == 1, result.output
    assert result.output.count("error:") == 1, result.output
    said = " ".join(result.output.split())
    assert f"{site}: a {generator} site's source" in said
    assert "into documents/ as it is" in said
    assert "0 document(s) written, 1 file(s) failed" in said
    if generator == "Hugo":  # its pictures named from the site's root are in static/
        assert "static/" in said, said


HUGO_SITE = {
    "hugo.toml": 'baseURL = "https://example.org/"\n',
    "content/_index.md": "---\ntitle: Home\n---\n",
    "content/posts/a.md": "---\ntitle: Post A\n---\n\n![Banner](/images/banner.png)\n",
    "content/posts/strike/index.md": "---\ntitle: Strike\n---\n\n![Picket](picket.png)\n",
    "content/posts/strike/picket.png": "",
    "static/images/banner.png": "",
}


@pytest.mark.parametrize("given", ["content", "content/posts", "content/posts/strike"])
def test_a_hugo_sites_content_folder_is_refused_once_saying_to_copy_it_whole(
    tmp_path: Path, given: str
) -> None:
    """`publisher import site/content` said "a Markdown file: it needs no import, copy it
    into documents/ as it is" of each post, one error each: copied one by one, a bundle's
    index.md loses its folder's name and pictures, and the pictures named from the site's
    root stay behind in static/."""
    site = tmp_path / "site"
    for name, text in HUGO_SITE.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    pool = tmp_path / "documents"

    result = CliRunner().invoke(
        main, ["import", "--dry-run", "--into", str(pool), str(site / given)]
    )

    assert result.exit_code == 1, result.output
    assert result.output.count("error:") == 1, result.output
    said = " ".join(result.output.split())
    assert f"{site / given}: a Hugo site's content" in said, said
    assert "copy the folder into documents/ as it is" in said and "static/" in said, said


def test_a_hugo_bundles_index_is_refused_saying_to_copy_its_folder(tmp_path: Path) -> None:
    bundle = tmp_path / "strike"
    bundle.mkdir()
    (bundle / "index.md").write_text("---\ntitle: Strike\n---\n\n![Picket](picket.png)\n")
    report = import_files([bundle / "index.md"], tmp_path / "documents")
    [problem] = report.problems
    assert "copy its folder strike/ into documents/ as it is" in str(problem.hint), problem


def test_a_folder_of_files_is_imported_side_by_side_with_progress_told_of_each(
    tmp_path: Path,
) -> None:
    """A folder of hundreds of Word files or statements took minutes to import, one pandoc
    process after another, with nothing on the screen. Their texts are made side by side
    now, each file read and each document written told to the progress bar, in order: one
    at a time (PUBLISHER_JOBS=1) writes the same files and report."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("march.txt", "strike.txt", "rally.txt"):
        (folder / name).write_text(f"{name.split('.')[0].title()} call\n\nCome one, come all.\n")
    written: dict[str, object] = {}
    for jobs in ("1", "2"):
        into = tmp_path / f"documents{jobs}"
        into.mkdir()
        progress = RecordedProgress()
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("PUBLISHER_JOBS", jobs)
            report = import_files([folder], into, progress=progress)
        assert not report.problems
        assert [(r.source.name, r.path.name, r.status) for r in report.documents] == [
            ("march.txt", "march-call.md", "imported"),
            ("rally.txt", "rally-call.md", "imported"),
            ("strike.txt", "strike-call.md", "imported"),
        ]
        assert progress.expected == 6
        assert sorted(progress.steps) == [
            "reading march.txt",
            "reading rally.txt",
            "reading strike.txt",
            "writing march-call.md",
            "writing rally-call.md",
            "writing strike-call.md",
        ]
        written[jobs] = {p.name: p.read_bytes() for p in sorted(into.iterdir())}
    assert written["1"] == written["2"]


LONG_HEADING = "Today, despite the objective necessity of socialist revolution, " * 6


def test_a_heading_too_long_for_a_title_is_imported_as_the_texts_first_paragraph(
    tmp_path: Path,
) -> None:
    """A paragraph set as a page's heading was written as the title, over the 300
    characters the build reads: the document imported was refused by the next build ("the
    title is 383 characters long")."""
    page = f"<html><body><h1>{LONG_HEADING}</h1><p>{LONG}</p></body></html>"
    (doc,) = import_one(tmp_path, page, "statement.html")  # read again as the build reads it
    assert doc.title == "Statement"  # its file's name, as for a document naming none
    assert texts(doc, "//p")[0] == LONG_HEADING.strip()
    (row,) = import_files([tmp_path / "in" / "statement.html"], tmp_path / "again").documents
    assert any("too long for one" in check for check in row.draft.unsure), row.draft.unsure


@pytest.mark.parametrize("subtitle_too_long", [False, True])
def test_a_word_files_title_too_long_keeps_its_subtitle_or_opens_the_text_with_both(
    tmp_path: Path, subtitle_too_long: bool
) -> None:
    """A subtitle that fits was lost with a title too long for one; one too long too was
    lost with it."""
    words = LONG_HEADING.strip()
    subtitle = f"Also {words}" if subtitle_too_long else "Third week out"
    source = tmp_path / "statement.md"
    source.write_text(f"---\ntitle: {words}\nsubtitle: {subtitle}\n---\n\n{LONG}\n")
    docx = tmp_path / "in" / "statement.docx"
    docx.parent.mkdir()
    pypandoc.convert_file(str(source), "docx", outputfile=str(docx))
    (row,) = import_files([docx], tmp_path / "documents").documents
    doc = read_document(row.path, row.path.stem, tmp_path / "documents", "en")
    if subtitle_too_long:
        assert (doc.subtitle, texts(doc, "//p")[:3]) == ("", [words, subtitle, LONG.strip()])
    else:
        assert (doc.subtitle, texts(doc, "//p")[:2]) == (subtitle, [words, LONG.strip()])


@pytest.mark.parametrize("style", ["Title", "Subtitle"])
def test_a_word_files_title_or_subtitle_too_long_for_one_is_imported_as_its_first_paragraph(
    tmp_path: Path, style: str
) -> None:
    """A paragraph given Word's Title or Subtitle style, over the 300 characters a title
    may have, stopped `publisher import` with the build's refusal ("move the rest into the
    body"), though the editor had nothing to import yet. It is imported as the text's
    first paragraph, the title a guess to check, as a page's heading too long is."""
    source = tmp_path / "statement.md"
    words = LONG_HEADING.strip()
    lead = f"title: Statement\nsubtitle: {words}" if style == "Subtitle" else f"title: {words}"
    source.write_text(f"---\n{lead}\n---\n\n{LONG}\n", encoding="utf-8")
    docx = tmp_path / "in" / "statement.docx"
    docx.parent.mkdir()
    pypandoc.convert_file(str(source), "docx", outputfile=str(docx))
    (row,) = import_files([docx], tmp_path / "documents").documents
    doc = read_document(row.path, row.path.stem, tmp_path / "documents", "en")
    assert doc.title == "Statement" and not doc.subtitle
    assert texts(doc, "//p")[:2] == [words, LONG.strip()]
    assert any("too long for one" in check for check in row.draft.unsure), row.draft.unsure


@pytest.mark.parametrize("words", ["0o17", "1e5", "1E-3"])
def test_a_title_or_tag_that_yaml_reads_as_a_number_is_read_back_as_written(
    tmp_path: Path, words: str
) -> None:
    """The front matter was written as PyYAML's YAML 1.1 quotes it and read as YAML 1.2
    reads it: a title "0o17" came back as issue 15's "15", a tag "1e5" as "100000.0"."""
    text = f"{words}\n\n{LONG}\n\nTags: {words}\n"
    (doc,) = import_one(tmp_path, text, "pasted.txt")
    assert (doc.title, doc.tags) == (words, (words,))
