"""A Word file still under review says so: its tracked changes are published as if
accepted (pandoc's reading) with a warning, its comments left out with a note, so that a
colleague's suggestion or "not before Friday" is not published or lost without a word."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest
from test_metadata_docx_language import office_file

from publisher.readers import read_document

TEXT = "The branch demands a pay rise of CHANGE for every member.\n"
CHANGE = (
    '<w:ins w:id="101" w:author="Ana" w:date="2026-03-01T10:00:00Z"><w:r>'
    '<w:t xml:space="preserve">ten per cent </w:t></w:r></w:ins>'
    '<w:del w:id="102" w:author="Ana" w:date="2026-03-01T10:00:00Z"><w:r>'
    '<w:delText xml:space="preserve">five per cent </w:delText></w:r></w:del>'
)
COMMENTS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w='
    '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" '
    'w:author="Luis"><w:p><w:r><w:t>Not before Friday</w:t></w:r></w:p></w:comment>'
    "</w:comments>"
)


def under_review(path: Path) -> Path:
    """A statement with one suggested change (five → ten per cent) and one comment."""
    office_file(path, TEXT)
    with zipfile.ZipFile(path) as saved:
        parts = {name: saved.read(name) for name in saved.namelist()}
    document = parts["word/document.xml"].decode()
    before, after = document.split("CHANGE ", 1)
    comment = '<w:commentRangeStart w:id="0"/><w:commentRangeEnd w:id="0"/>'
    comment += '<w:r><w:commentReference w:id="0"/></w:r>'
    parts["word/document.xml"] = (
        f'{before}</w:t></w:r>{comment}{CHANGE}<w:r><w:t xml:space="preserve">{after}'
    ).encode()
    parts["word/comments.xml"] = COMMENTS.encode()
    for name, entry in (
        (
            "word/_rels/document.xml.rels",
            '<Relationship Id="rIdC" Target="comments.xml" Type="http://schemas.openxmlformats'
            '.org/officeDocument/2006/relationships/comments"/>',
        ),
        (
            "[Content_Types].xml",
            '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.wordprocessingml.comments+xml"/>',
        ),
    ):  # the comments registered as a part of the file, before its list's closing tag
        listing = parts[name].decode()
        closing = listing.rindex("</")
        parts[name] = (listing[:closing] + entry + listing[closing:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as saved:
        for name, data in parts.items():
            saved.writestr(name, data)
    return path


def review_said(caplog: pytest.LogCaptureFixture) -> set[tuple[str, str]]:
    """What reading the file under review said, by level."""
    return {(r.levelname, r.getMessage()) for r in caplog.records}


def under_review_notes(path: Path, program: str) -> set[tuple[str, str]]:
    """The warning of tracked changes and the note of one comment, naming the program
    that accepts or rejects them."""
    return {
        (
            "WARNING",
            f"{path}: tracked changes not yet accepted or rejected are published as if"
            f" accepted: accept or reject them in {program} to be sure of the text",
        ),
        ("INFO", f"{path}: 1 comment(s) left out: they are for the editors"),
    }


def test_tracked_changes_are_published_accepted_with_a_warning_and_comments_noted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    path = under_review(tmp_path / "statement.docx")
    doc = read_document(path, path.stem, tmp_path, "en")
    assert "a pay rise of ten per cent for every member" in doc.body_html
    assert "five" not in doc.body_html and "Friday" not in doc.body_html
    assert review_said(caplog) == under_review_notes(path, "Word")


# As LibreOffice saves a document under review (Edit > Track Changes > Record): each
# change's region listed before the text, its deleted words kept there; an insertion
# marked where it starts and ends, a deletion where it stood; a comment in the text
LIBREOFFICE_CHANGES = (
    '<text:tracked-changes text:track-changes="true"><text:changed-region xml:id="ct1"'
    ' text:id="ct1"><text:deletion><office:change-info><dc:creator>Ana</dc:creator>'
    "<dc:date>2026-03-01T10:00:00</dc:date></office:change-info><text:p>five per cent </text:p>"
    '</text:deletion></text:changed-region><text:changed-region xml:id="ct2" text:id="ct2">'
    "<text:insertion><office:change-info><dc:creator>Ana</dc:creator><dc:date>"
    "2026-03-01T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>"
    "</text:tracked-changes>"
)
LIBREOFFICE_CHANGE = (
    '<text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>ten per'
    ' cent <text:change-end text:change-id="ct2"/><office:annotation office:name="__Annotation'
    '__1_1"><dc:creator>Luis</dc:creator><dc:date>2026-03-01T11:00:00</dc:date><text:p>Not'
    " before Friday</text:p></office:annotation>for every <office:annotation-end"
    ' office:name="__Annotation__1_1"/>member.'
)


def test_a_libreoffice_file_under_review_says_so_as_a_word_file_does(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """pandoc publishes LibreOffice's tracked changes as if accepted, and leaves its
    comments out, without a word, as it does Word's."""
    caplog.set_level(logging.INFO)
    path = office_file(tmp_path / "statement.odt", TEXT)
    with zipfile.ZipFile(path) as saved:
        parts = [(member, saved.read(member)) for member in saved.infolist()]
    with zipfile.ZipFile(path, "w") as saved:
        for member, data in parts:
            if member.filename == "content.xml":
                content = data.decode().replace(
                    "<office:text>", "<office:text>" + LIBREOFFICE_CHANGES
                )
                data = content.replace("CHANGE for every member.", LIBREOFFICE_CHANGE).encode()
            saved.writestr(member, data)
    doc = read_document(path, path.stem, tmp_path, "en")
    assert "a pay rise of ten per cent for every member" in doc.body_html
    assert "five" not in doc.body_html and "Friday" not in doc.body_html
    assert review_said(caplog) == under_review_notes(path, "LibreOffice")


def test_a_word_file_with_neither_says_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    path = tmp_path / "statement.docx"
    read_document(office_file(path, TEXT), path.stem, tmp_path, "en")
    assert not caplog.records


def test_a_rich_text_file_under_review_is_published_without_its_deleted_words(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Word saves tracked changes in RTF too: a deletion is struck through on screen
    (`\\deleted`), an insertion underlined (`\\revised`). As in a .docx, they are published
    as if accepted, with the same warning: the deleted words ("Monday") were printed
    struck through, and read out in the plain-text email. Struck-through text is kept."""
    path = tmp_path / "picket.rtf"
    path.write_text(
        r"{\rtf1\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0\froman Times New Roman;}}"
        r"{\*\revtbl {Unknown;}{Ana;}}"
        "\r\n"
        r"\pard\plain \f0 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1 Picket on }"
        r"{\rtlch\fcs1 \af0 \ltrch\fcs0 \deleted\revauthdel1\revdttmdel1180652613\insrsid2 Monday }"
        r"{\rtlch\fcs1 \af0 \ltrch\fcs0 \revised\revauth1\revdttm1180652613\insrsid2 Thursday }"
        r"{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1 at noon, {\strike not} at dawn.}\par"
        "\r\n}"
    )
    doc = read_document(path, path.stem, tmp_path, "en")
    assert doc.body_html.strip() == "<p>Picket on Thursday at noon, <del>not</del> at dawn.</p>"
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "WARNING",
            f"{path}: tracked changes not yet accepted or rejected are published as if"
            " accepted: accept or reject them in Word to be sure of the text",
        )
    ]
