"""Arabic-script letters are small beside Latin ones of the same size (Naskh's bodies are
short), so an Arabic or Farsi phrase or passage in an English text is set larger, in the
PDF, on the web page, in the email and the EPUB, to read as the same size as the words
around it.
Once: a Farsi word inside an Arabic passage is the passage's size, and an English paragraph
of a Farsi article the size of the English around the article. A page wholly in Farsi is
set at the size every page is.

The workspace is tests/workspaces/minimal with an English report quoting Arabic and a Farsi
one, written here. The PDF's type sizes are read with pymupdf, the pages', the email's and
the EPUB's chapters' in Chromium."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import pymupdf
import pytest
from conftest import FIXED_EPOCH, minimal_with
from playwright.sync_api import Page

from publisher.build import BuildReport, build
from publisher.renderers.email.browser import show_email

ISSUE = "001-first"
PHRASE = "الأجر العادل حق"
PASSAGE = "إلى إخوتنا وأخواتنا في شبكة عمال الأرصفة، نشكركم من أعماق قلوبنا على رسالتكم"
NESTED = "همبستگی"
UNMARKED = "عاش تضامن العمال"  # typed into an English sentence as it is, no markup
FARSI = "کارگران بندر امروز دست از کار کشیدند و خواستار دستمزد عادلانه شدند."
ENGLISH = "We dock workers support your struggle."  # a paragraph of the Farsi article
REPORT = f"""\
---
title: Solidarity from the Delta
lang: en
---

The workers have held the yard of the mill for a month now, through Ramadan and the Eid
holiday, and they say they will stay. Banners on the mill gates read [{PHRASE}]{{lang=ar
dir=rtl}}, a fair wage is a right, and they will stay until the bonus promised to them two
years ago is paid and their elected representatives are back at work in the weaving sheds.

{PASSAGE} [{NESTED}]{{lang=fa dir=rtl}}

The crowd answered {UNMARKED} until dark.
"""
STATEMENT = f"""\
---
title: اعتصاب در بندر
lang: fa
---

{FARSI}

{ENGLISH}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    root = minimal_with(
        tmp_path_factory.mktemp("arabic-size") / "ws",
        {"report.md": REPORT, "statement.md": STATEMENT},
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root, formats=["pdf", "web", "email", "epub"])


def pdf_sizes(pdf_path: Path) -> dict[str, float]:
    """The type size each text of this module's is set in, in the PDF (its first span)."""
    texts = {"latin": "Banners", "phrase": "العادل", "passage": "قلوبنا", "nested": NESTED}
    texts |= {"farsi": "کارگران", "unmarked": "تضامن", "english": "struggle"}
    sizes: dict[str, float] = {}
    with pymupdf.open(pdf_path) as pdf:
        for pdf_page in pdf:
            for block in pdf_page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        for name, text in texts.items():
                            if text in span["text"]:
                                sizes.setdefault(name, round(span["size"], 2))
    assert sizes.keys() == texts.keys(), sizes
    return sizes


def pdf_line_gaps(pdf_path: Path, text: str) -> tuple[float, float]:
    """The distance from the baseline of the PDF's line holding `text` to the line above
    and to the line below."""
    with pymupdf.open(pdf_path) as pdf:
        for pdf_page in pdf:
            spans = [
                span
                for block in pdf_page.get_text("dict")["blocks"]
                for line in block.get("lines", [])
                for span in line["spans"]
            ]
            if not (held := [s for s in spans if text in s["text"]]):
                continue
            body = [s for s in spans if round(s["size"], 1) == round(held[0]["size"], 1)]
            found = sorted({round(s["origin"][1], 1) for s in body})
            baselines = [y for i, y in enumerate(found) if not i or y - found[i - 1] > 1]
            gaps = [b - a for a, b in itertools.pairwise(baselines)]
            at = min(range(len(baselines)), key=lambda i: abs(baselines[i] - held[0]["origin"][1]))
            return gaps[at - 1], gaps[at]
    raise AssertionError(f"{text!r} is not in the PDF")


def test_in_the_pdf_arabic_in_english_is_set_larger_once(built: BuildReport) -> None:
    # the phrase's line is mid-paragraph: as far from the line above as from the one below
    above, below = pdf_line_gaps(built.out_dir / ISSUE / f"{ISSUE}.pdf", "Banners")
    assert abs(above - below) <= 0.5, (above, below)
    sizes = pdf_sizes(built.out_dir / ISSUE / f"{ISSUE}.pdf")
    assert 1.1 <= sizes["phrase"] / sizes["latin"] <= 1.25, sizes
    assert sizes["passage"] == sizes["phrase"], sizes  # a paragraph as a phrase
    assert sizes["unmarked"] == sizes["phrase"], sizes  # marked as it is read
    assert sizes["nested"] == sizes["passage"], sizes  # not larger again inside Arabic
    # a Farsi article of an English issue is a passage in Farsi like the others
    assert sizes["farsi"] == sizes["passage"], sizes


def test_in_the_pdf_english_in_a_farsi_article_is_the_size_of_the_english_around_it(
    built: BuildReport,
) -> None:
    sizes = pdf_sizes(built.out_dir / ISSUE / f"{ISSUE}.pdf")
    assert sizes["english"] == sizes["latin"], sizes


def web_size(page: Page, text: str) -> float:
    """The type size of the innermost element of the page holding `text`, in pixels."""
    size: str = page.evaluate(
        """text => {
            const holders = [...document.querySelectorAll("body *")]
                .filter(e => e.textContent.includes(text));
            return getComputedStyle(holders[holders.length - 1]).fontSize;
        }""",
        text,
    )
    return float(size.removesuffix("px"))


def test_on_the_web_arabic_in_english_is_set_larger_once(page: Page, built: BuildReport) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto((built.out_dir / ISSUE / "report" / "index.html").as_uri())
    assert_even_lines(page, "Banners")
    latin, phrase = web_size(page, "Banners"), web_size(page, PHRASE)
    passage, nested = web_size(page, "قلوبنا"), web_size(page, NESTED)
    assert 1.1 <= phrase / latin <= 1.25, (latin, phrase)
    assert passage == phrase and nested == passage, (passage, nested)
    assert web_size(page, UNMARKED) == phrase

    # A page in Farsi is the reader's size throughout: nothing to match it against.
    page.goto((built.out_dir / ISSUE / "statement" / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "fa"
    assert web_size(page, FARSI) == latin
    assert web_size(page, ENGLISH) == latin


def test_on_the_web_english_in_a_farsi_article_is_the_size_of_the_english_around_it(
    page: Page, built: BuildReport
) -> None:
    """On the issue's page, in English, the Farsi article is set larger but not the English
    paragraph in it."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto((built.out_dir / ISSUE / "index.html").as_uri())
    assert web_size(page, FARSI) > web_size(page, "Banners")
    assert web_size(page, ENGLISH) == pytest.approx(web_size(page, "Banners"), abs=0.01)


LINE_GAPS = """text => {
    const block = [...document.querySelectorAll("p")].find(p => p.textContent.includes(text));
    const bottoms = [];
    for (const node of block.childNodes) {  // its own (English) text, on every line
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        bottoms.push(...[...range.getClientRects()].map(r => Math.round(r.bottom)));
    }
    bottoms.sort((a, b) => a - b);
    const lines = bottoms.filter((b, i) => i === 0 || b - bottoms[i - 1] > 3);
    return lines.slice(1).map((b, i) => b - lines[i]);
}"""  # the distance from each line of the paragraph holding `text` to the next


def assert_even_lines(page: Page, text: str) -> None:
    """The lines of the paragraph holding `text` are as far apart with the phrase as
    without: its larger letters do not push its line away from the others."""
    gaps = page.evaluate(LINE_GAPS, text)
    assert len(gaps) >= 2 and max(gaps) - min(gaps) <= 2, gaps


def test_in_the_email_arabic_in_english_is_set_larger_once(page: Page, built: BuildReport) -> None:
    """Set by the inlined styles: no :lang() there, the marked direction and language."""
    show_email(page, built.out_dir / ISSUE / "email.html", 375)
    assert_even_lines(page, "Banners")
    latin, phrase = web_size(page, "Banners"), web_size(page, PHRASE)
    assert 1.1 <= phrase / latin <= 1.25, (latin, phrase)
    assert web_size(page, "قلوبنا") == phrase and web_size(page, NESTED) == phrase
    assert web_size(page, UNMARKED) == phrase
    assert web_size(page, FARSI) == phrase  # the Farsi article, as in the PDF
    # and its English paragraph as the English, to a hundredth of a pixel
    assert web_size(page, ENGLISH) == pytest.approx(latin, abs=0.01)


def test_in_the_epub_arabic_in_english_is_set_larger_once(
    page: Page, built: BuildReport, tmp_path: Path
) -> None:
    with zipfile.ZipFile(built.out_dir / ISSUE / f"{ISSUE}.epub") as book:
        book.extractall(tmp_path)
    chapters = {
        words: next(p for p in tmp_path.rglob("*.xhtml") if words in p.read_text())
        for words in (PHRASE, FARSI)
    }
    page.unroute_all()  # show_email's: it lets the email's file only
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(chapters[PHRASE].as_uri())
    assert_even_lines(page, "Banners")
    latin, phrase = web_size(page, "Banners"), web_size(page, PHRASE)
    assert 1.1 <= phrase / latin <= 1.25, (latin, phrase)
    assert web_size(page, "قلوبنا") == phrase and web_size(page, NESTED) == phrase
    assert web_size(page, UNMARKED) == phrase
    page.goto(chapters[FARSI].as_uri())  # the Farsi article, in a chapter of an English book
    assert web_size(page, FARSI) == phrase
    assert web_size(page, ENGLISH) == pytest.approx(latin, abs=0.01)
