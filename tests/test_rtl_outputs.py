"""An Arabic issue reads right to left in every output, and what is left to right inside it
(URLs, e-mail addresses, the organisation's contact line) still reads in its own order.

The workspace is tests/workspaces/minimal with an Arabic article and an Arabic issue
(`language: ar`) that also has a leaflet; the English issue carries the Arabic article too.
Outputs are parsed (EPUB XHTML, the email's HTML) or their text extracted (pdftotext).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import WORKSPACES, build_copy, copy_workspace
from parsed_outputs import epub_chapters
from validators import epubcheck_messages

from publisher.build import BuildReport

ENGLISH_ISSUE = "001-first"
ARABIC_ISSUE = "002-ar"
SITE = "minimal.example.org"  # publisher.toml's base_url, without its scheme
CONTACT = "1 Test Street, Testtown"  # publisher.toml's [organisation] contact

ARTICLE = """\
---
title: "رسالة من عمال النسيج"
authors: [كريم حداد]
date: 2026-01-07
lang: ar
---

نحن، عمال شركة النور للغزل والنسيج، نرسل تحياتنا إلى عمال الميناء.

## مطالبنا

- زيادة الأجور
- عقود دائمة

هذه فقرة فيها رابط [موقعنا](https://example.org/ar).
"""

ISSUE = """\
number: 2
title: "العدد الثاني"
date: 2026-01-20
language: ar
editorial: |
  افتتاحية العدد.
sections:
  - title: "أخبار"
    documents: [arabic, first-article]
leaflet:
  document: arabic
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    source = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("source") / "ar")
    (source / "documents" / "arabic.md").write_text(ARTICLE, encoding="utf-8")
    (source / "issues" / f"{ARABIC_ISSUE}.yaml").write_text(ISSUE, encoding="utf-8")
    english = source / "issues" / f"{ENGLISH_ISSUE}.yaml"
    english.write_text(
        english.read_text(encoding="utf-8").replace("second-article]", "second-article, arabic]"),
        encoding="utf-8",
    )
    return build_copy(source, tmp_path_factory)


def pdf_text(path: Path) -> str:
    """The PDF's text as poppler reads it, in logical order (marks of direction removed)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return "".join(c for c in text if c not in "\u202a\u202b\u202c\u202d\u202e\u200e\u200f")


# --- EPUB ----------------------------------------------------------------------------------


def test_every_page_of_an_arabic_epub_is_right_to_left(built: BuildReport) -> None:
    """The title page, the editorial and the colophon are the issue's own pages: without
    `dir="rtl"` on their root they are laid out left to right, Arabic or not."""
    chapters = epub_chapters(built.out_dir / ARABIC_ISSUE / f"{ARABIC_ISSUE}.epub")
    assert chapters
    for name, root in chapters.items():
        assert (root.get("lang"), root.get("dir")) == ("ar", "rtl"), name
    assert epubcheck_messages(built.out_dir / ARABIC_ISSUE / f"{ARABIC_ISSUE}.epub") == []


def test_an_english_epub_stays_left_to_right(built: BuildReport) -> None:
    chapters = epub_chapters(built.out_dir / ENGLISH_ISSUE / f"{ENGLISH_ISSUE}.epub")
    for name, root in chapters.items():
        assert root.get("dir") in (None, "ltr"), name
