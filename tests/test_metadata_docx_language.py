"""A Word file's language (dc:language in its core properties) is the document's, as an
OpenDocument file's is: a Spanish .docx is published as Spanish, not as the workspace's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lxml.html
import pypandoc
import pytest

from publisher.build import build
from publisher.model import Document
from publisher.readers import read_document

SPANISH = (
    "---\ntitle: La huelga\nauthor: Ana Ruiz\ndate: 2026-01-20\nlang: es\n---\n\nHoy paramos.\n"
)


def office_file(path: Path, markdown: str) -> Path:
    pypandoc.convert_text(markdown, path.suffix[1:], format="markdown", outputfile=str(path))
    return path


def read(path: Path) -> Document:
    return read_document(path, path.stem, path.parent, "en")


@pytest.mark.parametrize("suffix", ["docx", "odt"])
def test_an_office_files_language_is_the_documents(tmp_path: Path, suffix: str) -> None:
    doc = read(office_file(tmp_path / f"huelga.{suffix}", SPANISH))
    assert doc.language == "es"


def test_a_word_file_naming_no_language_is_in_the_workspaces(tmp_path: Path) -> None:
    doc = read(office_file(tmp_path / "strike.docx", SPANISH.replace("lang: es\n", "")))
    assert doc.language == "en"


def test_a_language_in_the_file_name_wins_over_the_word_files(tmp_path: Path) -> None:
    """As for ODT: Word and LibreOffice fill the property in with the editor's own language."""
    doc = read(office_file(tmp_path / "huelga.pt.docx", SPANISH))
    assert doc.language == "pt"


def test_a_spanish_word_file_is_published_as_spanish(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    (root / "documents" / "second-article.md").unlink()
    office_file(root / "documents" / "second-article.docx", SPANISH)

    build(root, formats=["web"])

    page = lxml.html.parse(str(root / "dist" / "001-first" / "second-article" / "index.html"))
    assert page.getroot().get("lang") == "es"
    article = page.find(".//article")
    assert article is not None and article.get("lang") == "es"
    text = article.text_content()
    assert "20 de enero de 2026" in text
    assert "January 20, 2026" not in text
