"""The numbers publisher writes itself (an issue's number and date, a document's date, a
download's size, the PDF's page numbers, its contents' page references and its footnote
numbers) are in the digits the language's readers use: Persian digits in a Farsi issue,
Arabic-Indic ones in Egyptian Arabic, as the CLDR has it. What an author typed is theirs.

The workspace is tests/workspaces/minimal with a Farsi statement (a footnote in it), in an
issue of its own in Farsi, in one in Egyptian Arabic (`ar-EG`) and in the English issue.
The expected digits are written out here: ۰۱۲۳۴۵۶۷۸۹ (Persian), ٠١٢٣٤٥٦٧٨٩ (Arabic-Indic).
"""

from __future__ import annotations

import email
import email.policy
import re
import zipfile
from pathlib import Path

import lxml.html
import pymupdf
import pytest
from conftest import FIXED_EPOCH, WORKSPACES, build_copy, copy_workspace
from parsed_outputs import epub_chapters, pdf_text
from playwright.sync_api import Page
from validators import epubcheck_messages

from publisher.build import BuildReport, build
from publisher.i18n import interface_language
from publisher.templating import make_environment

FARSI = """\
---
title: "بیانیه کارگران"
authors: [کریم حداد]
date: 2026-01-07
lang: fa
---

ما خواهان افزایش دستمزد هستیم.[^1] کارگران در خیابان‌ها جمع شدند.

خواسته‌های ما:

1. قرارداد دائم
2. کاهش ساعات کار

::: {lang=en}
The employer's answer:

1. Nothing
:::

[^1]: منبع: گزارش اتحادیه.
"""

FARSI_ISSUE = """\
number: 2
title: "شماره دوم: May Day"
date: 2026-01-20
language: fa
sections:
  - title: "اخبار"
    documents: [farsi, first-article]
"""

EGYPTIAN_ISSUE = """\
number: 3
title: "العدد الثالث"
date: 2026-01-27
language: ar-EG
sections:
  - title: "أخبار"
    documents: [first-article]
"""

ASCII_DIGIT = re.compile("[0-9]")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    source = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("source") / "digits")
    (source / "documents" / "farsi.md").write_text(FARSI, encoding="utf-8")
    (source / "issues" / "002-fa.yaml").write_text(FARSI_ISSUE, encoding="utf-8")
    (source / "issues" / "003-eg.yaml").write_text(EGYPTIAN_ISSUE, encoding="utf-8")
    english = source / "issues" / "001-first.yaml"
    english.write_text(
        english.read_text(encoding="utf-8").replace("second-article]", "second-article, farsi]"),
        encoding="utf-8",
    )
    return build_copy(source, tmp_path_factory)


def web_page(built: BuildReport, *path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(built.out_dir.joinpath(*path, "index.html").read_bytes())


def text_of(root: lxml.html.HtmlElement, xpath: str) -> str:
    return " ".join("".join(e.itertext()) for e in root.xpath(xpath))


META = "//*[contains(@class, 'issue-meta')]"


def test_a_farsi_issue_gives_its_number_and_date_in_persian_digits_everywhere(
    built: BuildReport,
) -> None:
    issue = built.out_dir / "002-fa"
    email_page = lxml.html.fromstring((issue / "email.html").read_bytes())
    cover = pdf_text(issue / "002-fa.pdf").split("\f")[0]
    with zipfile.ZipFile(issue / "002-fa.epub") as epub:
        book = " ".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))
    meta = text_of(web_page(built, "002-fa"), META)
    for where, text in {
        "web page": meta,
        "email": " ".join(email_page.itertext()),
        "EPUB (title page, colophon)": book,
    }.items():
        assert "شمارهٔ ۲" in text and "شمارهٔ 2" not in text, where
        assert "۱۴۰۴" in text, where  # 20 January 2026 is 30 Dey 1404 in Iran's calendar
    assert not ASCII_DIGIT.search(meta), meta
    assert "·" not in meta and "شمارهٔ ۲، " in meta, meta  # a middle dot reads as ۰, zero
    # poppler reads the cover's right-to-left line out of order: its digits, not its words
    assert "۲" in cover and "۱۴۰۴" in cover and not ASCII_DIGIT.search(cover), cover
    assert "2026-01-20" in (issue / "index.html").read_text(encoding="utf-8")  # machine dates


def test_an_egyptian_arabic_issue_takes_arabic_indic_digits(built: BuildReport) -> None:
    meta = text_of(web_page(built, "003-eg"), META)
    assert "العدد ٣" in meta and "٢٠٢٦" in meta, meta
    assert not ASCII_DIGIT.search(meta), meta


def test_the_english_issue_keeps_its_digits_and_dates_the_farsi_statement_in_its_own(
    built: BuildReport,
) -> None:
    page = web_page(built, "001-first")
    assert "No. 1" in text_of(page, META)
    assert "2026" in text_of(page, META)
    farsi_date = text_of(web_page(built, "001-first", "farsi"), "//*[@class='byline']/time")
    assert "۱۴۰۴" in farsi_date and not ASCII_DIGIT.search(farsi_date), farsi_date


def test_a_farsi_issues_download_sizes_are_in_persian_digits(built: BuildReport) -> None:
    sizes = [
        "".join(e.itertext())
        for e in web_page(built, "002-fa").xpath("//a[@download]/following-sibling::bdi[1]")
    ]
    assert sizes and all(re.search("[۰-۹]", s) for s in sizes), sizes
    assert not any(ASCII_DIGIT.search(s) for s in sizes), sizes


def test_a_farsi_pdf_numbers_its_pages_contents_and_footnotes_in_persian_digits(
    built: BuildReport,
) -> None:
    with pymupdf.open(built.out_dir / "002-fa" / "002-fa.pdf") as pdf:
        foot = [
            page.get_text(clip=pymupdf.Rect(0, page.rect.height - 40, page.rect.width, 10_000))
            for page in pdf
        ]
        contents = pdf[1].get_text()
        words = [w for page in pdf for w in page.get_text("words")]
    assert foot[1].strip() == "۲", foot  # the cover and the back cover have none
    assert not any(ASCII_DIGIT.search(f) for f in foot), foot
    pages = re.findall(r"\.{5,}\s*(\S+)", contents)  # what follows each entry's leader
    assert pages and set(pages) == {"۲"}, contents
    call = next(w[4] for w in words if w[4].startswith("هستیم"))  # "…هستیم.۱", as drawn
    note = next(w for w in words if "منبع" in w[4])
    number = [w[4] for w in words if w[:2] != note[:2] and abs(w[3] - note[3]) < 1]
    assert call.endswith("۱"), call  # the footnote's call, after the sentence's last word
    assert "۱" in number and not ASCII_DIGIT.search("".join(number)), number  # its marker


def test_the_english_pdf_keeps_latin_page_numbers(built: BuildReport) -> None:
    with pymupdf.open(built.out_dir / "001-first" / "001-first.pdf") as pdf:
        page = pdf[1]
        foot = page.get_text(clip=pymupdf.Rect(0, page.rect.height - 40, page.rect.width, 10_000))
    assert foot.strip() == "2"


def test_a_farsi_documents_byline_separates_its_names_and_date_with_a_comma(
    built: BuildReport,
) -> None:
    """Also in the English issue: the byline is the document's, in its language."""
    for issue in ("002-fa", "001-first"):
        byline = text_of(web_page(built, issue, "farsi"), "//*[@class='byline']")
        # dated 7 January 2026: 17 Dey 1404 in Iran's calendar
        assert "·" not in byline and "، ۱۷ دی" in byline, (issue, byline)
        parts = message_parts(built.out_dir / issue / "email.eml")
        assert len(parts) == 2 and all("کریم حداد، ۱۷" in part for part in parts), issue
    english = text_of(web_page(built, "001-first", "first-article"), "//*[@class='byline']")
    assert " · January" in english, english


def message_parts(path: Path) -> list[str]:
    """The email's plain-text and HTML parts, as a mail client decodes them."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    return [message.get_body((kind,)).get_content() for kind in ("plain", "html")]


def test_a_date_after_an_english_title_in_a_farsi_listing_stays_whole(
    tmp_path: Path, page: Page
) -> None:
    """Persian digits run with Latin letters before them (both are "European numbers" to
    the bidirectional algorithm): in a Farsi newsletter's archive list, "۲۰" of "۲۰ ژانویه
    ۲۰۲۶" was set beside "May Day", the rest of the date after the issue's number."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "site")
    toml = root / "publisher.toml"
    toml.write_text(toml.read_text().replace('language = "en"', 'language = "fa"'))
    (root / "documents" / "farsi.md").write_text(FARSI, encoding="utf-8")
    (root / "issues" / "002-fa.yaml").write_text(FARSI_ISSUE, encoding="utf-8")
    page.goto((build(root, formats=["web"]).out_dir / "index.html").as_uri())
    item = page.locator("li", has=page.locator("a[href='002-fa/']"))
    title = [box["x"] for box in item.locator("a").first.evaluate(RECTS)]
    date = item.locator("time").evaluate(RECTS)
    assert all(box["x"] + box["width"] <= min(title) + 0.5 for box in date), (title, date)


RECTS = "e => Array.from(e.getClientRects(), r => ({x: r.x, width: r.width}))"


def test_a_number_a_template_formats_itself_is_given_as_a_number(tmp_path: Path) -> None:
    """A workspace's own template may write `%(count)d`: it gets the number (Persian digits
    are text, which %d cannot format), and `%(number)s` the language's digits."""
    env = make_environment(tmp_path / "templates")
    counted = '{% autoescape false %}{{ _("%(count)d articles", count=3) }}{% endautoescape %}'
    with interface_language("fa"):
        assert env.from_string(counted).render() == "3 articles"
        assert env.from_string('{{ _("No. %(number)s", number=41) }}').render() == "شمارهٔ ۴۱"


def test_a_farsi_sites_topic_and_language_counts_are_in_persian_digits(tmp_path: Path) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "site")
    toml = root / "publisher.toml"
    toml.write_text(toml.read_text().replace('language = "en"', 'language = "fa"'))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        report = build(root, formats=["web"])
    for page in ("tags", "languages"):
        counts = text_of(web_page(report, page), "//main//li")
        assert re.search(r"\([۱-۹]\)", counts) and not ASCII_DIGIT.search(counts), (page, counts)


def test_a_farsi_documents_notes_are_numbered_in_persian_digits_on_the_web_and_in_email(
    built: BuildReport, page: Page
) -> None:
    """As the PDF numbers them: pandoc's calls and list said 1, 2 in a Farsi statement."""
    for issue in ("002-fa", "001-first"):
        page.goto((built.out_dir / issue / "farsi" / "index.html").as_uri())
        call = page.locator("a.footnote-ref").first.inner_text()
        notes = page.locator("section.footnotes ol").first
        marker = notes.evaluate("ol => getComputedStyle(ol).listStyleType")
        assert (call, marker) == ("۱", "persian"), issue
    email_page = lxml.html.fromstring((built.out_dir / "002-fa" / "email.html").read_bytes())
    calls = [e.text_content() for e in email_page.xpath("//a[contains(@class, 'footnote-ref')]")]
    lists = email_page.xpath("//section[contains(@class, 'footnotes')]//ol/@style")
    assert calls == ["۱"] and lists and "persian" in lists[0], (calls, lists)


def test_a_farsi_documents_note_calls_in_the_epub_are_in_persian_digits(
    built: BuildReport,
) -> None:
    """Each article numbers its notes in its own digits; the English article's are 0–9."""
    for issue in ("002-fa", "001-first"):
        book = built.out_dir / issue / f"{issue}.epub"
        calls = {
            holder.get("lang"): "".join(call.itertext())
            for name, root in epub_chapters(book).items()
            for holder in root.iter(f"{{{XHTML}}}div", f"{{{XHTML}}}section")
            if holder.get("lang")
            for call in holder.iter(f"{{{XHTML}}}a")
            if call.get(f"{{{OPS}}}type") == "noteref"
        }
        assert calls.get("fa") == "۱", (issue, calls)
        assert epubcheck_messages(book) == [], issue


XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"


LISTS = """() => Object.fromEntries([...document.querySelectorAll("ol")].map(
    ol => [ol.textContent.trim().split(/\\s+/)[0], getComputedStyle(ol).listStyleType]))"""


def list_styles(page: Page, shown: Path) -> dict[str, str]:
    """The counter style of each numbered list `shown` in Chromium, by its first word."""
    page.goto(shown.as_uri())
    styles: dict[str, str] = page.evaluate(LISTS)
    return {word: styles.get(word, "") for word in ("قرارداد", "Nothing")}


def test_a_farsi_documents_numbered_list_counts_in_persian_digits_in_every_output(
    built: BuildReport, page: Page, tmp_path: Path
) -> None:
    """Its author typed "1." and "2." because Markdown (as Word's numbering) makes a list
    so: the numbers are the list's, counted as pages and notes are, in the digits of the
    list's language: "۱." "۲." as the rest of the Farsi issue, not "1." "2.". The English
    list quoted in it keeps 1."""
    expected = {"قرارداد": "persian", "Nothing": "decimal"}
    with zipfile.ZipFile(built.out_dir / "002-fa" / "002-fa.epub") as epub:
        epub.extractall(tmp_path / "book")
    [chapter] = [
        path for path in (tmp_path / "book").rglob("*.xhtml") if "قرارداد" in path.read_text()
    ]
    for issue in ("002-fa", "001-first"):
        for shown in (
            built.out_dir / issue / "farsi" / "index.html",
            built.out_dir / issue / "email.html",
        ):
            assert list_styles(page, shown) == expected, shown
    assert list_styles(page, chapter) == expected, "EPUB"
    with pymupdf.open(built.out_dir / "002-fa" / "002-fa.pdf") as pdf:
        pages = [page.get_text("words") for page in pdf]
    for item, number in (("قرارداد", "۱"), ("کاهش", "۲"), ("Nothing", "1")):
        [words] = [words for words in pages if any(w[4] == item for w in words)]
        middle = next(w[1] + w[3] for w in words if w[4] == item) / 2
        line = " ".join(w[4] for w in words if abs((w[1] + w[3]) / 2 - middle) < 3)
        assert number in line and len(re.findall(r"\d", line)) == 1, line


def plain_text_line(built: BuildReport, issue: str, word: str) -> str:
    """The line of `issue`'s plain-text email that holds `word`, without the direction mark
    (U+200F, U+200E) a right-to-left issue's lines open with."""
    text = (built.out_dir / issue / "email.txt").read_text(encoding="utf-8")
    [line] = [line for line in text.splitlines() if word in line]
    return line.lstrip("\u200e\u200f")


def test_a_farsi_documents_numbered_list_counts_in_persian_digits_in_the_plain_text_email(
    built: BuildReport,
) -> None:
    """The plain-text part numbered the Farsi list "1." "2." where the HTML part, the PDF
    and the EPUB count "۱." "۲.". Also in the English issue; the English list quoted in
    the statement keeps 1."""
    for issue in ("002-fa", "001-first"):
        items = [plain_text_line(built, issue, word) for word in ("قرارداد", "کاهش", "Nothing")]
        assert items == ["۱.  قرارداد دائم", "۲.  کاهش ساعات کار", "1.  Nothing"], issue


def test_a_farsi_documents_note_in_the_plain_text_email_opens_with_its_calls_persian_digit(
    built: BuildReport,
) -> None:
    """The text part called the note "۱" (as the HTML part) but its note read "¹ منبع…",
    in Latin digits: Unicode has no Persian superscript digits, so the note opens with the
    call's own "۱". Also in the English issue (a note called "1" still opens with "¹")."""
    for issue in ("002-fa", "001-first"):
        call = plain_text_line(built, issue, "ما خواهان افزایش دستمزد")
        note = plain_text_line(built, issue, "منبع")
        assert "هستیم.۱ " in call and note == "۱ منبع: گزارش اتحادیه.", (issue, call, note)
