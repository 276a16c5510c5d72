"""A document's ids and links agree: each id is given once, Word's table of contents (whose
bookmarks pandoc drops) is left out, and a link to an id the document lacks is kept as
text, so the EPUB passes EPUBCheck and no web page links to nothing."""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from test_metadata_docx_language import office_file
from validators import epubcheck_messages

from publisher.build import build
from publisher.model import Document
from publisher.readers import read_document

HEADINGS = ("Our demands", "Next steps")


def word_report(path: Path) -> Path:
    """A report as Word saves it with a table of contents: a line per heading linking to a
    bookmark around the heading's text, with its page number, and a cross-reference to the
    first heading ("see Our demands", a _Ref bookmark)."""
    office_file(
        path, "# Our demands\n\nWe demand a living wage.\n\n# Next steps\n\nWe march; see XREF.\n"
    )
    with zipfile.ZipFile(path) as saved:
        parts = {name: saved.read(name) for name in saved.namelist()}
    xml = parts["word/document.xml"].decode()
    for n, heading in enumerate(HEADINGS, start=1):  # Word's bookmark around each heading
        text = f"<w:t>{heading}</w:t></w:r>"
        bookmark = f'<w:bookmarkStart w:id="{n}" w:name="_Toc{n}"/><w:bookmarkEnd w:id="{n}"/>'
        xml = xml.replace(text, text + bookmark, 1)
    contents = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:hyperlink w:anchor="_Toc{n}">'
        f"<w:r><w:t>{heading}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>{n}</w:t></w:r>"
        "</w:hyperlink></w:p>"
        for n, heading in enumerate(HEADINGS, start=1)
    )
    xml = xml.replace("<w:body>", "<w:body>" + contents, 1)
    xref = '<w:hyperlink w:anchor="_Ref7"><w:r><w:t>Our demands</w:t></w:r></w:hyperlink>'
    xml = xml.replace("XREF", f'</w:t></w:r>{xref}<w:r><w:t xml:space="preserve">', 1)
    parts["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as saved:
        for name, data in parts.items():
            saved.writestr(name, data)
    return path


def read(path: Path) -> Document:
    return read_document(path, path.stem, path.parent, "en")


def read_written(path: Path, text: str) -> Document:
    path.write_text(text)
    return read(path)


def test_words_table_of_contents_is_left_out_and_its_cross_reference_kept_as_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    doc = read(word_report(tmp_path / "report.docx"))
    assert "_Toc" not in doc.body_html and "_Ref" not in doc.body_html
    assert re.findall(r"<h1[^>]*>([^<]*)</h1>", doc.body_html) == list(HEADINGS)
    assert "Our demands 1" not in doc.body_html and doc.body_html.count("Our demands") == 2
    assert "see Our demands" in doc.body_html
    said = caplog.text
    assert "report.docx: left out Word's table of contents (2 lines" in said
    assert "report.docx: a link to #_Ref7, which the document does not have" in said


def test_a_mistyped_link_in_markdown_is_kept_as_text_and_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    doc = read_written(
        tmp_path / "demands.md",
        "---\ntitle: Demands\n---\n\n## Our demands\n\n"
        "See [the demands](#our-demands) and [the list](#demnads).[^1]\n\n[^1]: A note.\n",
    )
    links = re.findall(r'<a href="#([^"]*)"', doc.body_html)
    assert links == ["demands-our-demands", "demands-fn1", "demands-fnref1"]
    assert "and the list." in doc.body_html
    assert "demands.md: a link to #demnads, which the document does not have" in caplog.text


def opendocument(path: Path) -> Path:
    """A statement saved by LibreOffice with bookmarks on its headings (pandoc writes them)."""
    return office_file(path, "# Our demands\n\nA living wage.\n\n# Next steps\n\nWe march.\n")


def test_the_bookmarks_of_an_opendocument_file_give_each_id_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """pandoc reads each as an empty anchor with the one id "anchor": nothing to warn of."""
    doc = read(opendocument(tmp_path / "statement.odt"))
    ids = re.findall(r'\sid="([^"]*)"', doc.body_html)
    assert ids and len(ids) == len(set(ids)), ids
    assert "Our demands" in doc.body_html and "Next steps" in doc.body_html
    assert not caplog.records


def test_an_id_a_page_repeats_stays_on_its_first_element_and_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    doc = read_written(
        tmp_path / "page.html",
        "<html><body><h2 id='pay'>Pay</h2><p>Up.</p><h2 id='pay'>Hours</h2><p>Down.</p>"
        "<p><a href='#pay'>Back to pay</a></p></body></html>",
    )
    assert re.findall(r"<h2([^>]*)>", doc.body_html) == [' id="page-pay"', ""]
    assert '<a href="#page-pay"' in doc.body_html
    assert "page.html: #pay given to more than one element, kept on the first" in caplog.text


def test_the_title_word_gives_its_table_of_contents_goes_with_it(tmp_path: Path) -> None:
    contents = "---\ntoc: true\n---\n\n# Our demands\n\nA living wage.\n"  # pandoc's --toc
    doc = read(office_file(tmp_path / "report.docx", contents))
    assert "Table of Contents" not in doc.body_html and "Our demands" in doc.body_html


def test_the_epub_of_such_documents_passes_epubcheck(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    documents = root / "documents"
    word_report(documents / "report.docx")
    opendocument(documents / "statement.odt")
    first = documents / "first-article.md"
    first.write_text(first.read_text() + "\nSee [the list](#demnads).\n")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("second-article]", "report, statement]"))
    build(root, formats=["epub"])
    assert epubcheck_messages(root / "dist" / "001-first" / "001-first.epub") == []
