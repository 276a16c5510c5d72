"""An Arabic issue reads right to left in every output, and what is left to right inside it
(URLs, e-mail addresses, the organisation's contact line) still reads in its own order.

The workspace is tests/workspaces/minimal with an Arabic article and an Arabic issue
(`language: ar`) that also has a leaflet; the English issue carries the Arabic article too.
Outputs are parsed (EPUB XHTML, the email's HTML) or their text extracted (pdftotext).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from urllib.parse import quote

import lxml.etree
import lxml.html
import pikepdf
import pymupdf
import pytest
from bidi import get_display
from conftest import WORKSPACES, build_copy, copy_workspace
from parsed_outputs import epub_chapters, pdf_text
from PIL import Image
from playwright.sync_api import Page
from validators import epubcheck_messages

from publisher.build import BuildReport
from publisher.urls import readable

ENGLISH_ISSUE = "001-first"
ARABIC_ISSUE = "002-ar"
SITE = "minimal.example.org"  # publisher.toml's base_url, without its scheme
CONTACT = "1 Test Street, Testtown"  # publisher.toml's [organisation] contact

ARTICLE = """\
---
title: "رسالة من عمال النسيج"
authors: [كريم حداد, Karim Benali]
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
  pull_quote: "الخبز والحرية"
pdf:
  impose: booklet
"""


FARSI_ISSUE = "003-شماره-اعتصاب"  # an issue named in Persian letters: its folder too
FARSI = """\
number: 3
title: "شماره اعتصاب"
date: 2026-01-27
language: fa
sections:
  - title: "خبرها"
    documents: [arabic]
leaflet: arabic
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    source = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("source") / "ar")
    (source / "documents" / "arabic.md").write_text(ARTICLE, encoding="utf-8")
    (source / "issues" / f"{ARABIC_ISSUE}.yaml").write_text(ISSUE, encoding="utf-8")
    (source / "issues" / f"{FARSI_ISSUE}.yaml").write_text(FARSI, encoding="utf-8")
    english = source / "issues" / f"{ENGLISH_ISSUE}.yaml"
    english.write_text(
        english.read_text(encoding="utf-8").replace("second-article]", "second-article, arabic]"),
        encoding="utf-8",
    )
    return build_copy(source, tmp_path_factory)


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


# --- Print: what is left to right inside right-to-left lines --------------------------------


def test_the_arabic_leaflets_address_and_contact_line_read_in_their_own_order(
    built: BuildReport,
) -> None:
    """The address printed under the QR code is what a reader types: reordered by the
    Arabic around it, it read "/minimal.example.org" then "/ar-002"."""
    text = pdf_text(built.out_dir / ARABIC_ISSUE / f"{ARABIC_ISSUE}-leaflet.pdf")
    lines = [line.strip() for line in text.splitlines()]
    address = f"{SITE}/{ARABIC_ISSUE}/"
    assert address in "".join(lines)  # however the narrow column breaks it
    assert CONTACT in lines


def test_the_arabic_pdfs_back_cover_reads_address_and_contact_in_their_own_order(
    built: BuildReport,
) -> None:
    text = pdf_text(built.out_dir / ARABIC_ISSUE / f"{ARABIC_ISSUE}.pdf")
    lines = [line.strip() for line in text.splitlines()]
    assert CONTACT in lines
    words = text.split()  # poppler writes a right-to-left line's words right to left
    assert f"https://{SITE}/{ARABIC_ISSUE}/" in words, lines[-6:]


def fonts_drawing_arabic(pdf_path: Path) -> dict[str, set[str]]:
    """Each font the PDF draws Arabic letters in, with the texts it draws them in."""
    fonts: dict[str, set[str]] = {}
    with pymupdf.open(pdf_path) as pdf:
        for page in pdf:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        if any("\u0600" <= c <= "\u06ff" for c in span["text"]):
                            fonts.setdefault(span["font"], set()).add(span["text"].strip())
    return fonts


def test_the_arabic_pdfs_dates_contents_headers_and_colophon_are_in_noto_like_its_text(
    built: BuildReport,
) -> None:
    """The parts set in sans-serif (the cover's date, the contents, the running headers, the
    bylines, the back cover) in Noto Sans Arabic, the headings' face, not DejaVu Sans, a
    second design the system fell back to."""
    fonts = fonts_drawing_arabic(built.out_dir / ARABIC_ISSUE / f"{ARABIC_ISSUE}.pdf")
    assert "Noto-Sans-Arabic" in fonts, fonts.keys()  # the cover's date, the contents…
    others = {font: texts for font, texts in fonts.items() if not font.startswith("Noto-")}
    assert others == {}


def test_an_issue_named_in_persian_letters_prints_its_address_as_readers_type_it(
    built: BuildReport,
) -> None:
    """The back cover, the leaflet under its QR code and the EPUB's colophon showed the
    folder as percent-codes ("%D8%B4%D9%85…", six lines of them under the QR code); the
    EPUB's link itself still leads to the encoded address."""
    issue = built.out_dir / FARSI_ISSUE
    for printed in (f"{FARSI_ISSUE}.pdf", f"{FARSI_ISSUE}-leaflet.pdf"):
        with pymupdf.open(issue / printed) as pdf:
            page = pdf[-1]
            *_, (x0, y0, x1, *_) = [b for b in page.get_text("blocks") if f"{SITE}/" in b[4]]
            below = pymupdf.Rect(x0 - 1, y0 - 1, x1 + 1, page.rect.y1)  # a QR caption's lines
            address = "".join(page.get_text(clip=below).split())
        # its words however the extraction orders a right-to-left run in a left-to-right one
        assert "%" not in address, (printed, address)
        assert f"{SITE}/003-" in address, (printed, address)
        assert {"شماره", "اعتصاب"} <= set(re.split(r"[-/:]+", address)), (printed, address)
    [link] = [
        link
        for root in epub_chapters(issue / f"{FARSI_ISSUE}.epub").values()
        for link in root.iter("{*}a")
        if link.get("href", "").startswith(f"https://{SITE}/003-")
    ]
    assert link.text == f"https://{SITE}/{FARSI_ISSUE}/"
    assert link.get("href") == f"https://{SITE}/{quote(FARSI_ISSUE)}/"


@pytest.mark.parametrize(
    ("linked", "printed"),
    [
        ("https://x.org/%D8%B4%D9%85%D8%A7%D8%B1%D9%87/", "https://x.org/شماره/"),
        # a Persian word with its zero-width non-joiner (می‌خواهیم) is still a word
        ("https://x.org/%D9%85%DB%8C%E2%80%8C%D8%AE/", "https://x.org/می\u200cخ/"),
        # what typed decoded would lead elsewhere, or hide what follows, stays encoded
        ("https://x.org/a%20b/c%2Fd?q=%3F", "https://x.org/a%20b/c%2Fd?q=%3F"),
        ("https://x.org/%E2%80%AEfdp.exe", "https://x.org/%E2%80%AEfdp.exe"),
        ("https://x.org/%D8/", "https://x.org/%D8/"),  # not a character
    ],
)
def test_a_printed_address_shows_letters_not_their_percent_codes(linked: str, printed: str) -> None:
    assert readable(linked) == printed


def test_the_english_pdfs_back_cover_is_unchanged(built: BuildReport) -> None:
    text = pdf_text(built.out_dir / ENGLISH_ISSUE / f"{ENGLISH_ISSUE}.pdf")
    assert f"Read online: https://{SITE}/{ENGLISH_ISSUE}/" in text
    assert CONTACT in text.splitlines()


def test_an_arabic_pdf_opens_from_the_right_and_its_booklet_is_bound_on_the_right(
    built: BuildReport,
) -> None:
    """A viewer showing two pages side by side sets the first on the right; folded, the
    booklet's cover is the left half of the outer sheet and its back cover the right."""
    issue = built.out_dir / ARABIC_ISSUE
    for name in (f"{ARABIC_ISSUE}.pdf", f"{ARABIC_ISSUE}-leaflet.pdf"):
        with pikepdf.open(issue / name) as pdf:
            assert pdf.Root.ViewerPreferences.Direction == "/R2L", name
    with pikepdf.open(built.out_dir / ENGLISH_ISSUE / f"{ENGLISH_ISSUE}.pdf") as pdf:
        assert "/Direction" not in pdf.Root.get("/ViewerPreferences", {})
    with pymupdf.open(issue / f"{ARABIC_ISSUE}-booklet.pdf") as booklet:
        outside = booklet[0]
        middle = outside.rect.width / 2
        left = outside.get_text(clip=pymupdf.Rect(0, 0, middle, outside.rect.height))
        right = outside.get_text(clip=pymupdf.Rect(middle, 0, outside.rect.width, 10_000))
    assert CONTACT in right and CONTACT not in left, "the back cover on the right"


def ink_below_the_band_mm(path: Path) -> float:
    """How far under the masthead's coloured band a leaflet's first inked line starts."""
    with pymupdf.open(path) as pdf:
        page = pdf[0]
        band = max(d["rect"].y1 for d in page.get_drawings() if d.get("fill") and d["rect"].y0 <= 1)
        dpi = 288
        picture = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    gray = Image.frombytes("L", (picture.width, picture.height), picture.samples)
    top = math.ceil(band * dpi / 72) + 1
    below = gray.crop((0, top, gray.width, gray.height)).point(lambda v: 255 if v < 128 else 0)
    first_inked_row = below.getbbox()[1]  # ink made white: the box of what is inked
    return (top + first_inked_row - band * dpi / 72) * 25.4 / dpi


def test_a_leaflet_without_a_standfirst_sets_its_text_off_from_the_band(
    built: BuildReport,
) -> None:
    """The Arabic leaflet has no standfirst or pull quote (nor a subtitle to make one): its
    first line stands clear of the masthead's band, not against it."""
    assert (
        ink_below_the_band_mm(built.out_dir / ARABIC_ISSUE / f"{ARABIC_ISSUE}-leaflet.pdf") >= 2.5
    )


def test_the_arabic_pull_quote_is_in_arabic_quotation_marks_ruled_on_the_right(
    built: BuildReport,
) -> None:
    leaflet = built.out_dir / ARABIC_ISSUE / f"{ARABIC_ISSUE}-leaflet.pdf"
    assert "\u201dالخبز والحرية\u201c" in pdf_text(leaflet)  # ” “: the CLDR's, facing it
    with pymupdf.open(leaflet) as pdf:
        page = pdf[0]
        words = page.search_for("الخبز والحرية")
        picture = page.get_pixmap(dpi=72)  # a pixel to a point
    middle = round((words[0].y0 + words[0].y1) / 2)
    red = [
        x
        for x in range(picture.width)
        if (lambda r, g, b: r > 150 and g < 90 and b < 90)(*picture.pixel(x, middle)[:3])
    ]  # the accent colour across the quotation's middle: its rule
    assert red and min(red) > max(w.x1 for w in words), "the rule at its start, the right"


def test_the_arabic_pdfs_contents_indent_entries_from_the_right(built: BuildReport) -> None:
    """As an English issue's entries stand in from the left of their section's title."""
    with pymupdf.open(built.out_dir / ARABIC_ISSUE / f"{ARABIC_ISSUE}.pdf") as pdf:
        contents = next(page for page in pdf if page.search_for("أخبار"))
        section = contents.search_for("أخبار")[0]
        entry = contents.search_for("رسالة")[0]  # the Arabic article's title's first word
    assert section.x1 - entry.x1 > 5, "the entry stands in from the right"


def newsletter_name_side(pdf_path: Path) -> list[str]:
    """On which half of each page, but the covers, the running head names the newsletter."""
    sides = []
    with pymupdf.open(pdf_path) as pdf:
        for page in list(pdf)[1:-1]:
            found = page.search_for("Minimal Test Bulletin", clip=(0, 0, page.rect.width, 60))
            sides += ["left" if r.x1 < page.rect.width / 2 else "right" for r in found]
    return sides


def test_an_arabic_pdfs_running_head_names_the_newsletter_at_the_right(
    built: BuildReport,
) -> None:
    arabic = newsletter_name_side(built.out_dir / ARABIC_ISSUE / f"{ARABIC_ISSUE}.pdf")
    english = newsletter_name_side(built.out_dir / ENGLISH_ISSUE / f"{ENGLISH_ISSUE}.pdf")
    assert arabic and set(arabic) == {"right"}
    assert english and set(english) == {"left"}


# --- Web, EPUB, email: the same marks in the markup ----------------------------------------


def contact_direction(tree: lxml.etree._Element) -> list[str]:
    """The direction of the nearest element marked with one around each contact line."""
    return [
        str(element.xpath("ancestor-or-self::*[@dir][1]/@dir")[0])
        for element in tree.xpath(f"//*[text()[contains(., '{CONTACT}')]]")
    ]


def test_the_contact_line_keeps_the_newsletters_direction_in_arabic_web_epub_and_email(
    built: BuildReport,
) -> None:
    """publisher.toml's contact line is in the newsletter's language (English here)."""
    issue = built.out_dir / ARABIC_ISSUE
    web = lxml.html.fromstring((issue / "index.html").read_bytes())
    assert contact_direction(web) == ["ltr"]
    email_html = lxml.html.fromstring((issue / "email.html").read_bytes())
    assert contact_direction(email_html) == ["ltr"]
    colophon = [
        root
        for root in epub_chapters(issue / f"{ARABIC_ISSUE}.epub").values()
        if contact_direction(root)
    ]
    assert [contact_direction(root) for root in colophon] == [["ltr"]]
    [link] = colophon[0].xpath(f"//*[local-name()='a'][@href='https://{SITE}/{ARABIC_ISSUE}/']")
    assert link.get("dir") == "ltr"


# --- Email: MJML writes direction:ltr and text-align:left inline everywhere ---------------


def effective(element: lxml.html.HtmlElement, prop: str) -> str | None:
    """The value of a CSS property as the nearest inline style (or, for direction, the
    nearest dir attribute) from `element` up sets it: what a mail client inherits."""
    for node in [element, *element.iterancestors()]:
        declarations = dict(
            (name.strip().lower(), value.strip().lower())
            for name, _, value in (d.partition(":") for d in node.get("style", "").split(";"))
            if value
        )
        if prop in declarations:
            return declarations[prop]
        if prop == "direction" and node.get("dir"):
            return str(node.get("dir"))
    return None


def holding(tree: lxml.html.HtmlElement, words: str) -> lxml.html.HtmlElement:
    [element] = tree.xpath(f"//body//*[text()[contains(., '{words}')]]")
    return element


ARABIC_TEXTS = ("مطالبنا", "عقود دائمة", "نرسل تحياتنا")  # a heading, a list item, a paragraph


def test_an_arabic_issues_email_is_right_to_left_and_right_aligned(built: BuildReport) -> None:
    tree = lxml.html.fromstring((built.out_dir / ARABIC_ISSUE / "email.html").read_bytes())
    for words in (*ARABIC_TEXTS, "افتتاحية العدد"):
        element = holding(tree, words)
        assert effective(element, "direction") == "rtl", words
        assert effective(element, "text-align") == "right", words
    editorial = holding(tree, "افتتاحية العدد")
    assert editorial.xpath("ancestor::*[@dir][1]/@dir") == ["rtl"]
    # the contents' bullets on the right, with the list's indent on that side
    [contents] = tree.xpath("//ul[li/a[@href='#arabic']]")
    assert "padding-right:20px" in contents.get("style").replace(" ", "")
    # the English article inside it is still left to right
    english = holding(tree, "A heading inside")
    assert (effective(english, "direction"), effective(english, "text-align")) == ("ltr", "left")


def test_an_arabic_article_in_an_english_email_is_right_aligned(built: BuildReport) -> None:
    tree = lxml.html.fromstring((built.out_dir / ENGLISH_ISSUE / "email.html").read_bytes())
    for words in ARABIC_TEXTS:
        element = holding(tree, words)
        assert effective(element, "direction") == "rtl", words
        assert effective(element, "text-align") == "right", words
    english = holding(tree, "A heading inside")
    assert (effective(english, "direction"), effective(english, "text-align")) == ("ltr", "left")


def test_an_arabic_article_page_names_its_issue_with_an_arabic_comma(built: BuildReport) -> None:
    """ "نُشر في العدد 2: العدد الثاني, 20 يناير 2026." had a Latin comma between the issue
    and its date; the English page keeps its own."""
    for issue, slug, comma in ((ARABIC_ISSUE, "arabic", "، "), (ENGLISH_ISSUE, "arabic", ", ")):
        page = lxml.html.parse(str(built.out_dir / issue / slug / "index.html")).getroot()
        (issue_link,) = page.xpath("//aside[@class='from-issue']/p/a[@href='../']")
        assert issue_link.tail == comma, issue


# --- Bylines: a Latin name among Arabic ones ----------------------------------------------

PLACED = """([selector, words]) => {
    const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(words);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + words.length);
        const box = range.getBoundingClientRect();
        return [box.left, box.right];
    }
    throw new Error(words + " is not in " + selector);
}"""


def placed(page: Page, selector: str, words: str) -> tuple[float, float]:
    """Where `words`, in the first element `selector` finds, are set: left and right, px."""
    left, right = page.evaluate(PLACED, [selector, words])
    return left, right


def test_a_latin_authors_name_leaves_the_date_whole_after_the_names_on_the_web_and_in_email(
    page: Page, built: BuildReport
) -> None:
    """Read from the right: the names, then the day, then its month ("كريم حداد وKarim
    Benali، 7 يناير 2026"); the day was set between the two names ("كريم حداد و7 ،Karim
    Benali يناير 2026"), taken into the Latin name's run."""
    issue = built.out_dir / ARABIC_ISSUE
    for shown in (issue / "arabic" / "index.html", issue / "email.html"):
        page.goto(shown.as_uri())
        name, day, month = (placed(page, ".byline", w) for w in ("Karim Benali", "7", "يناير"))
        assert month[1] <= day[0] < day[1] <= name[0], (shown.name, name, day, month)


def test_a_latin_authors_name_leaves_the_date_whole_after_the_names_in_plain_text_and_epub(
    built: BuildReport,
) -> None:
    """As a mail program or reader sets the line right to left (Unicode's bidirectional
    algorithm), left to right it shows the year, the month, the day, then the name."""
    issue = built.out_dir / ARABIC_ISSUE
    text = (issue / "email.txt").read_text(encoding="utf-8")
    [line] = [line for line in text.splitlines() if "Karim Benali" in line]
    [book] = [
        "".join(p.itertext())
        for root in epub_chapters(issue / f"{ARABIC_ISSUE}.epub").values()
        for p in root.iter("{*}p")
        if "Karim Benali" in "".join(p.itertext())
    ]
    for byline in (line, book):
        shown = get_display(byline, base_dir="R")
        assert f"2026 {'يناير'[::-1]} 7 " in shown, shown
        assert shown.index("7") < shown.index("Karim Benali"), shown
