"""Arabic-script and Hebrew text is never slanted: its fonts have no italics, so what the
theme sets in italics (a subtitle, a quotation, a caption) and what the writer emphasised
stands upright in Farsi, emphasis in bold, in the PDF, the web page, the EPUB and the email;
English keeps its italics beside it.

The workspace is tests/workspaces/minimal with a Farsi report and an English one written
here, each with a subtitle, a quotation, a captioned picture and an emphasised word. The
PDF's fonts are read with pymupdf; the pages are shown in headless Chromium.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pymupdf
import pytest
from conftest import FIXED_EPOCH, minimal_with
from PIL import Image
from playwright.sync_api import Page

from publisher.build import BuildReport, build
from publisher.renderers.email.browser import show_email

ISSUE = "001-first"
FARSI = {
    "subtitle": "گزارش کارگران بندر",
    "quote": "نان، کار، آزادی",
    "caption": "صف اعتصاب در بندر",
    "emphasis": "مهم",
}
ENGLISH = {
    "subtitle": "A report from the docks",
    "quote": "Bread, work, freedom",
    "caption": "The picket at the port gate",
    "emphasis": "important",
}


def article(title: str, language: str, words: dict[str, str]) -> str:
    return f"""\
---
title: "{title}"
subtitle: "{words["subtitle"]}"
lang: {language}
---

> {words["quote"]}

![{words["caption"]}](media/picket.png)

*{words["emphasis"]}*
"""


def picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 250), (90, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    root = minimal_with(
        tmp_path_factory.mktemp("upright") / "ws",
        {
            "media/picket.png": picture(),
            "farsi.md": article("گزارش اعتصاب", "fa", FARSI),
            "english.md": article("Strike report", "en", ENGLISH),
        },
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root)


def test_no_farsi_in_the_pdf_is_set_in_a_slanted_font(built: BuildReport) -> None:
    farsi_fonts, english_fonts = set(), set()
    with pymupdf.open(built.out_dir / ISSUE / f"{ISSUE}.pdf") as pdf:
        for pdf_page in pdf:
            for block in pdf_page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        if any("\u0600" <= c <= "\u06ff" for c in span["text"]):
                            farsi_fonts.add(span["font"])
                        if any(words in span["text"] for words in ENGLISH.values()):
                            english_fonts.add(span["font"])
    assert farsi_fonts and not [f for f in farsi_fonts if "Obliqu" in f or "Italic" in f]
    assert [f for f in english_fonts if "Italic" in f], english_fonts


def styles(page: Page, words: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The font style and weight each of `words` is shown in (its innermost element)."""
    found: dict[str, tuple[str, str]] = page.evaluate(
        """words => Object.fromEntries(Object.entries(words).map(([name, text]) => {
            const holders = [...document.querySelectorAll("body *")]
                .filter(e => e.textContent.includes(text));
            const innermost = holders[holders.length - 1];
            const style = getComputedStyle(innermost);
            return [name, [style.fontStyle, style.fontWeight]];
        }))""",
        words,
    )
    return found


def assert_upright_farsi_and_italic_english(page: Page, where: str) -> None:
    farsi, english = styles(page, FARSI), styles(page, ENGLISH)
    assert {name: style for name, (style, _) in farsi.items()} == dict.fromkeys(FARSI, "normal"), (
        where
    )
    assert int(farsi["emphasis"][1]) >= 600, f"{where}: Farsi emphasis is bold"
    assert english["emphasis"][0] == "italic", f"{where}: English keeps its italics"


def test_on_the_web_a_farsi_quotation_stands_clear_of_its_rule_on_the_right(
    page: Page, built: BuildReport
) -> None:
    page.set_viewport_size({"width": 600, "height": 900})
    page.goto((built.out_dir / ISSUE / "index.html").as_uri())
    rule, padding = page.evaluate(
        """quote => {
            const block = [...document.querySelectorAll("blockquote")]
                .find(b => b.textContent.includes(quote));
            const style = getComputedStyle(block);
            return [style.borderRightWidth, style.paddingRight];
        }""",
        FARSI["quote"],
    )
    assert rule != "0px" and padding != "0px", (rule, padding)


def test_on_the_web_and_in_the_email_farsi_stands_upright(page: Page, built: BuildReport) -> None:
    page.set_viewport_size({"width": 600, "height": 900})
    page.goto((built.out_dir / ISSUE / "index.html").as_uri())
    assert_upright_farsi_and_italic_english(page, "web")
    show_email(page, built.out_dir / ISSUE / "email.html", 600)
    assert_upright_farsi_and_italic_english(page, "email")


def test_in_the_epub_farsi_stands_upright(page: Page, built: BuildReport, tmp_path: Path) -> None:
    with zipfile.ZipFile(built.out_dir / ISSUE / f"{ISSUE}.epub") as book:
        book.extractall(tmp_path)
    page.unroute_all()  # show_email's: it lets the email's file only
    for words in (FARSI, ENGLISH):
        chapter = next(p for p in tmp_path.rglob("*.xhtml") if words["quote"] in p.read_text())
        page.goto(chapter.as_uri())
        if words is FARSI:
            farsi = styles(page, FARSI)
            assert {name: style for name, (style, _) in farsi.items()} == dict.fromkeys(
                FARSI, "normal"
            )
        else:
            assert styles(page, ENGLISH)["quote"][0] == "italic"  # epub.css's quotations
