"""Arabic copied out of a PDF comes as the shapes the PDF draws (Unicode's presentation
forms), often in the order it draws them, right to left: it reads backwards, a search finds
none of its words. Imported or read, it is the letters it spells, in reading order.

The copies below are as a PDF viewer hands them on: each letter in its joined shape,
the line in drawn order ("ﻊﻴﻤﺠﻠﻟ" is "للجميع" drawn from its last letter to its first).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from publisher.build import BuildReport
from publisher.importers import import_files
from publisher.readers import read_document

DRAWN = "ﻊﻴﻤﺠﻠﻟ ﻖﺣ ﻝﺩﺎﻌﻟﺍ ﺮﺟﺄﻟﺍ"
SLOGAN = "الأجر العادل حق للجميع"
DRAWN_WITH_FIGURES = "ILO ﻊﻣ )2024( ﺀﺎﻨﻴﻤﻟﺍ ﻝﺎﻤﻋ ﺏﺍﺮﺿﺇ"
WITH_FIGURES = "إضراب عمال الميناء (2024) مع ILO"
SHAPED_IN_ORDER = "ﻻ ﻟﻠﻔﺼﻞ ﺍﻟﺘﻌﺴﻔﻲ"  # shapes, but in reading order
IN_ORDER = "لا للفصل التعسفي"


def test_arabic_copied_from_a_pdf_is_imported_as_letters_in_reading_order(
    tmp_path: Path,
) -> None:
    pasted = tmp_path / "Statement.txt"
    pasted.write_text(
        f"Statement of the dock workers\n\nThe banner read:\n\n{DRAWN}\n\n"
        f"{DRAWN_WITH_FIGURES}\n\n{SHAPED_IN_ORDER}\n\nو {SLOGAN} كما كتبوه\n\n"
        f"In English, with the slogan {DRAWN} on every banner.\n",
        encoding="utf-8",
    )
    report = import_files([pasted], tmp_path / "documents")
    assert not report.problems
    markdown = report.documents[0].path.read_text(encoding="utf-8")
    assert f"\n{SLOGAN}\n" in markdown
    assert f"\n{WITH_FIGURES}\n" in markdown
    assert f"\n{IN_ORDER}\n" in markdown
    assert f"\nو {SLOGAN} كما كتبوه\n" in markdown  # typed letters are left as they are
    # In an English sentence, only the phrase was drawn right to left, and only it is turned.
    assert f"\nIn English, with the slogan {SLOGAN} on every banner.\n" in markdown
    assert not any("\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufefc" for c in markdown)
    found = report.documents[0].draft.found
    assert found["lines of Arabic copied in the order a PDF draws them put in reading order"] == 3


def test_a_document_with_arabic_copied_from_a_pdf_is_read_right_and_the_editor_told(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    document = tmp_path / "banner.md"
    document.write_text(
        f"---\ntitle: The banner\n---\n\nIt read:\n\n{DRAWN}\n\n**{DRAWN}**\n", encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING):
        body = read_document(document, "banner", tmp_path, "en").body_html
    assert f">{SLOGAN}</p>" in body
    assert f"{document}:7: 1 line of Arabic copied in the order a PDF draws it" in caplog.text
    # Reordered, its ** would move: left for the editor, who is told where it is.
    assert f"{document}:9: a line of Arabic in the order a PDF draws it" in caplog.text


def test_arabic_shapes_pasted_into_a_web_page_or_word_file_are_read_as_letters(
    tmp_path: Path,
) -> None:
    page = tmp_path / "slogan.html"
    page.write_text(f"<html><body><p>{SHAPED_IN_ORDER}</p></body></html>", encoding="utf-8")
    assert f">{IN_ORDER}</p>" in read_document(page, "slogan", tmp_path, "en").body_html


def test_a_text_file_dropped_into_documents_is_read_in_reading_order(tmp_path: Path) -> None:
    text = tmp_path / "banner.txt"
    text.write_text(f"The banner\n\n{DRAWN_WITH_FIGURES}\n", encoding="utf-8")
    assert f">{WITH_FIGURES}</p>" in read_document(text, "banner", tmp_path, "en").body_html


# A PDF draws an Arabic sentence's closing "!" at its line's left end; a copy, and a PDF
# reader, give it first.
CLOSING = "إن تضامنكم يذكّرنا بأننا لسنا وحدنا. فعاش تضامن العمال!"
CLOSING_COPIED = "!إن تضامنكم يذكّرنا بأننا لسنا وحدنا. فعاش تضامن العمال"


def test_an_arabic_lines_closing_mark_copied_first_is_put_at_its_end(tmp_path: Path) -> None:
    pasted = tmp_path / "Letter.txt"
    pasted.write_text(
        f"Letter from the weavers\n\n{CLOSING_COPIED}\n\n...and the strike goes on.\n",
        encoding="utf-8",
    )
    report = import_files([pasted], tmp_path / "documents")
    markdown = report.documents[0].path.read_text(encoding="utf-8")
    assert f"\n{CLOSING}\n" in markdown
    assert "\n...and the strike goes on.\n" in markdown  # a Latin line's are as typed
    assert report.documents[0].draft.found["right-to-left lines' closing marks put at their ends"]


def test_an_arabic_pdfs_closing_marks_are_imported_at_the_ends_of_their_sentences(
    built_example: BuildReport, tmp_path: Path
) -> None:
    """Issue 42's PDF, as an organisation might send it on: PyMuPDF (as poppler's
    pdftotext) reads the "!" that the weavers' letter ends with first on its line."""
    pdf = built_example.out_dir / "042-may-day" / "042-may-day.pdf"
    report = import_files([pdf], tmp_path / "documents")
    assert not report.problems
    markdown = report.documents[0].path.read_text(encoding="utf-8")
    assert "يخوضون المعركة نفسها، فعاش تضامن العمال!" in markdown  # as the letter ends
