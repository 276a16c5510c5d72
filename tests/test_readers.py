"""Each input kind becomes the same Document: metadata as plain text, body as sanitised HTML."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pypandoc
import pytest

from publisher.errors import PublisherError
from publisher.readers import read_document


def read(path: Path, pool: Path | None = None):
    return read_document(path, path.stem, pool or path.parent, "en")


def test_markdown_front_matter_becomes_typed_fields(tmp_path: Path) -> None:
    path = tmp_path / "strike.md"
    path.write_text(
        "---\ntitle: Strike!\nsubtitle: Day one\nauthors: [Ana, Ben]\ndate: 2026-02-01\n"
        "lang: es\ntags: [labour, health]\nsummary: Short.\n---\n\nBody with a note.[^1]\n\n[^1]: The note.\n"
    )
    doc = read(path)
    assert (doc.title, doc.subtitle, doc.authors) == ("Strike!", "Day one", ("Ana", "Ben"))
    assert (doc.date, doc.language, doc.tags, doc.summary) == (
        dt.date(2026, 2, 1),
        "es",
        ("labour", "health"),
        "Short.",
    )
    # Footnote ids carry the slug, so two documents in one issue never collide.
    assert 'id="strike-fn1"' in doc.body_html and 'href="#strike-fn1"' in doc.body_html


def test_single_author_and_language_default(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: Note\nauthor: Ana\n---\n\nText\n")
    doc = read(path)
    assert doc.authors == ("Ana",) and doc.language == "en" and doc.date is None


def test_html_page_title_and_meta(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<!DOCTYPE html><html><head><title>Page title</title><meta name="author" content="Ana">'
        '<meta name="date" content="2026-03-04"></head><body><p>Hello <em>there</em>.</p></body></html>'
    )
    doc = read(path)
    assert (doc.title, doc.authors, doc.date) == ("Page title", ("Ana",), dt.date(2026, 3, 4))
    assert "<em>there</em>" in doc.body_html


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_office_files_keep_their_properties(tmp_path: Path, suffix: str) -> None:
    source = "---\ntitle: Office file\nauthor: Ana Ruiz\ndate: 2026-01-20\nlang: fr\n---\n\nBonjour **tout** le monde.\n"
    path = tmp_path / f"office.{suffix}"
    pypandoc.convert_text(source, suffix, format="markdown", outputfile=str(path))
    doc = read(path)
    assert (doc.title, doc.authors, doc.date) == (
        "Office file",
        ("Ana Ruiz",),
        dt.date(2026, 1, 20),
    )
    assert "<strong>tout</strong>" in doc.body_html
    assert "Office file" not in doc.body_html  # the title is not repeated as a paragraph
    if suffix == "odt":
        assert doc.language == "fr"


def test_plain_text_first_line_is_title_and_stray_tags_are_formatting(tmp_path: Path) -> None:
    path = tmp_path / "copied.txt"
    path.write_text(
        "A title copied off a blog\n\nFirst\u00a0paragraph with <strong>bold</strong>\nwrapped line.\n\n"
        "\u00a0\n\nSecond <script>alert(1)</script>paragraph.\n"
    )
    doc = read(path)
    assert doc.title == "A title copied off a blog"
    assert doc.body_html == (
        "<p>First paragraph with <strong>bold</strong> wrapped line.</p>\n<p>Second paragraph.</p>"
    )


def test_non_utf8_markdown_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    with pytest.raises(PublisherError) as error:
        read(path)
    assert "latin.md" in str(error.value) and "UTF-8" in str(error.value)


def test_unclosed_front_matter_is_reported_at_line_one(tmp_path: Path) -> None:
    path = tmp_path / "open.md"
    path.write_text("---\ntitle: Never closed\n\nBody\n")
    with pytest.raises(
        PublisherError, match=r"open\.md:1: front matter starts with '---' but never ends"
    ):
        read(path)


def test_images_are_confined_to_the_pool(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    pool = tmp_path / "documents"
    (pool / "media").mkdir(parents=True)
    (pool / "media" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = pool / "sub" / "article.md"
    path.parent.mkdir()
    path.write_text(
        "![Inside](../media/photo.png)\n\n![Outside](../../outside.png)\n\n"
        "![Remote](https://tracker.example/p.gif)\n\n![Missing](nope.png)\n"
    )
    with caplog.at_level(logging.WARNING):
        doc = read(path, pool)
    assert doc.images == ("media/photo.png",)
    assert 'src="media/photo.png"' in doc.body_html
    assert "outside.png" not in doc.body_html and "tracker.example" not in doc.body_html
    assert not any(alt in doc.body_html for alt in ("Outside", "Remote", "Missing"))
    assert len([r for r in caplog.records if "left out" in r.getMessage()]) == 3


def test_an_image_named_on_a_mac_is_found_by_the_name_typed_in_the_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # On disk "é" is "e" and a combining accent (NFD, as macOS names files), in the text one
    # character (NFC): the same name to anyone who reads it, and so to publisher.
    pool = tmp_path / "documents"
    (pool / "me\u0301dia").mkdir(parents=True)
    (pool / "me\u0301dia" / "cafe\u0301.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = pool / "article.md"
    path.write_text("![Le café](m\u00e9dia/caf\u00e9.png)\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        doc = read(path, pool)
    assert doc.images == ("me\u0301dia/cafe\u0301.png",)  # as the file is spelled
    assert not caplog.records
