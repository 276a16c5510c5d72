"""The archive as a reader sees it, in headless Chromium (Debian's, driven by Playwright):
from the home page to the latest issue to an article, the Arabic passage laid out right to
left. Screenshots at phone and desktop width are kept in test-artifacts/."""

from __future__ import annotations

import io
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest import FIXED_EPOCH, minimal_with, serving_folder
from PIL import Image
from validators import AXE, pdftotext, serious_violations

from publisher.build import BuildReport, build
from publisher.renderers.email.browser import show_email

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "web"


@pytest.fixture(scope="module")
def site(built_example: BuildReport) -> Iterator[str]:
    """The built archive on a loopback web server, as a reader's browser would fetch it."""
    with serving_folder(built_example.out_dir) as url:
        yield url


@pytest.mark.parametrize("width", [375, 1280])
def test_reader_goes_from_home_to_an_article_with_a_right_to_left_passage(
    browser, site: str, width: int
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site)
    page.screenshot(path=ARTIFACTS / f"home-{width}.png", full_page=True)

    page.locator("#latest-title a").click()  # the latest issue
    page.wait_for_load_state()
    assert page.locator("h1").first.is_visible()
    page.screenshot(path=ARTIFACTS / f"issue-{width}.png", full_page=True)

    arabic_article = page.locator("article:has([lang='ar'])").first
    arabic_article.locator(".article-title a").click()  # its own page
    page.wait_for_load_state()
    passage = page.locator("main [lang='ar']").first
    passage.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / f"article-{width}.png", full_page=True)

    assert passage.get_attribute("dir") == "rtl"
    layout = passage.evaluate(
        """element => {
            const style = getComputedStyle(element);
            const range = document.createRange();
            range.selectNodeContents(element);
            const text = range.getBoundingClientRect();
            const box = element.getBoundingClientRect();
            return {direction: style.direction, textRight: text.right, boxRight: box.right,
                    textLeft: text.left, boxLeft: box.left,
                    overflow: document.documentElement.scrollWidth - innerWidth};
        }"""
    )
    assert layout["direction"] == "rtl"
    # Right to left: the text hugs the right edge of its box (the first line starts there).
    assert abs(layout["boxRight"] - layout["textRight"]) < 2
    assert layout["overflow"] <= 0, "the page scrolls sideways"
    page.close()


RENT_SURVEY = "041-no-poverty-pay/rent-survey-report/"  # a table of four columns, no caption


def edge_shades(box: Any) -> tuple[float, float]:
    """How light the leftmost and rightmost columns of pixels of `box` are on screen (the
    median of each: its background, more of it than of letters cut at the edge)."""
    shot = Image.open(io.BytesIO(box.screenshot())).convert("L")
    width, height = shot.size

    def column(x: int) -> float:
        return statistics.median(float(shot.getpixel((x, y)) or 0) for y in range(height))

    return column(1), column(width - 2)


def test_a_table_of_a_few_columns_fits_a_phones_screen_whole(browser, site: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site + RENT_SURVEY)
    box = page.locator("main table").first.locator("xpath=..")
    sizes = box.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert sizes[0] <= sizes[1], "the table's last column is cut off"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_table_wider_than_the_screen_is_scrolled_by_keyboard_and_shows_it_scrolls(
    browser, site: str, scheme: str
) -> None:
    page = browser.new_page(viewport={"width": 300, "height": 800}, color_scheme=scheme)
    page.goto(site + RENT_SURVEY)
    region = page.get_by_role("region", name="Table")
    assert region.locator("table").count() == 1
    for _ in range(40):  # the reader tabs through the page's links to the table
        page.keyboard.press("Tab")
        if region.evaluate("box => box === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reaches the table")
    region.screenshot(path=ARTIFACTS / f"table-start-{scheme}.png")
    left, right = edge_shades(region)
    assert abs(left - right) > 15, "nothing shows that the table goes on past the edge"

    for _ in range(10):  # …and scrolls it to its last column
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "box => box.scrollLeft + box.clientWidth >= box.scrollWidth - 1",
        arg=region.element_handle(),
    )
    region.screenshot(path=ARTIFACTS / f"table-end-{scheme}.png")
    at_end = edge_shades(region)
    # The shading has moved to the other edge: more of the table is now back where it began.
    assert (at_end[0] - at_end[1]) * (left - right) < 0
    if AXE is not None:
        assert serious_violations(page) == []
    page.close()


# An article as an editor writes one: a link in words, an address written out, a footnote.
PRINTED = """---
title: Rents up again
authors: [Ana Ruiz]
date: 2026-03-02
tags: [housing]
---

The council's [own figures](https://council.example.org/rents/2026) show it. Join us at
<https://union.example.org/join>.[^1]

[^1]: Figures from the council, March 2026.
"""


def test_a_printed_article_is_the_article_with_its_links_addresses_and_no_site_menus(
    browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = minimal_with(tmp_path / "ws", {"rents-up-again.md": PRINTED})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    out = build(root, formats=["web", "pdf", "epub"]).out_dir  # pdf, epub: download links
    page = browser.new_page()
    with serving_folder(out) as site:
        page.goto(site + "001-first/rents-up-again/")
        assert page.locator("a[download]").count() == 2  # shown on screen…
        page.pdf(path=tmp_path / "printed.pdf")
    page.close()
    printed = " ".join(pdftotext(tmp_path / "printed.pdf").split())

    assert "Rents up again" in printed and "Ana Ruiz" in printed and "March 2, 2026" in printed
    assert "Figures from the council, March 2026." in printed  # the note…
    assert "↩" not in printed  # …without its way back, which paper cannot follow
    # A link's address after its words; an address written out, once.
    assert "own figures (https://council.example.org/rents/2026) show it" in printed
    assert printed.count("union.example.org/join") == 1
    assert "Test Organisation · 1 Test Street, Testtown" in printed  # who published it
    # Nothing to click on paper: the site's menus, the breadcrumb, topics, the pages
    # before and after, the downloads (…not printed).
    for furniture in ("Skip to content", "Issues", "Languages", "Topics", "Feed", "PDF", "EPUB"):
        assert furniture not in printed, furniture
    assert "The first article" not in printed  # the previous article's link


NOTED = """---
title: La marcha
lang: es
---

La marcha reunió a miles de personas.[^1]

[^1]: Según el recuento de los organizadores.
"""


def test_a_footnotes_links_and_notes_are_named_for_screen_readers_on_the_web_and_in_email(
    browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen reader said "link, 1" for a note's call, read its way back as the arrow it
    shows ("↩︎"), and named the notes nothing, on the web and in the email. They have the
    EPUB's roles, and names in the language the notes are written in."""
    root = minimal_with(tmp_path / "ws", {"la-marcha.md": NOTED})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "language: es\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    out = build(root, formats=["web", "email"]).out_dir / "001-first"
    page = browser.new_page()
    for shown in (out / "la-marcha" / "index.html", out / "index.html", out / "email.html"):
        if shown.name == "email.html":
            show_email(page, shown, 600)
        else:
            page.goto(shown.as_uri())
        assert page.get_by_role("link", name="Volver a la nota 1").count() == 1, shown
        assert page.get_by_role("region", name="Notas").count() == 1, shown
        tree = lxml.html.parse(str(shown)).getroot()
        (call,) = tree.find_class("footnote-ref")
        (back,) = tree.find_class("footnote-back")
        (notes,) = tree.find_class("footnotes")
        roles = (call.get("role"), back.get("role"), notes.get("role"))
        assert roles == ("doc-noteref", "doc-backlink", "doc-endnotes"), shown
    page.close()


def test_a_printed_issue_never_ends_a_page_with_a_section_or_article_title(
    browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Printing an issue page to A4 left a section title ("Statements") alone at the foot
    of a page, its article (a lead photo first, which cannot be split) on the next. A
    title goes over with what it heads."""
    photo = io.BytesIO()
    Image.new("RGB", (1200, 800), (90, 120, 150)).save(photo, format="JPEG", quality=60)
    sentence = "The picket held at the depot gate through the night and the lorries turned back. "
    reports = {
        f"report-{n}.md": f"---\ntitle: Report {n}\nimage: media/gate.jpg\nimage_alt: The gate\n"
        "---\n\n" + "\n\n".join([sentence * 2] * n) + "\n"
        for n in range(1, 7)
    }
    root = minimal_with(tmp_path / "ws", {"media/gate.jpg": photo.getvalue(), **reports})
    manifest = root / "issues" / "001-first.yaml"
    sections = "".join(
        f"  - title: Section {n}\n    documents: [report-{n}]\n" for n in range(1, 7)
    )
    manifest.write_text(manifest.read_text().partition("sections:")[0] + "sections:\n" + sections)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    out = build(root, formats=["web"]).out_dir
    page = browser.new_page()
    with serving_folder(out) as site:
        page.goto(site + "001-first/")
        page.pdf(path=tmp_path / "printed.pdf", format="A4")
    page.close()
    printed = pdftotext(tmp_path / "printed.pdf").split("\f")
    last_lines = [lines[-1].strip() for text in printed if (lines := text.strip().splitlines())]
    assert len(printed) > 6  # a page for each photo at least
    for last in last_lines:
        assert not last.startswith(("Section", "Report")), last_lines


@pytest.mark.parametrize(("path", "label"), [("search/", "Search"), ("search/es/", "Buscar")])
def test_the_search_box_has_a_label_a_screen_reader_reads(
    browser, site: str, path: str, label: str
) -> None:
    """Pagefind names its box only in its title attribute, which not every screen reader
    reads as its name: the box has a <label> of its own, in the page's language."""
    page = browser.new_page()
    page.goto(site + path)
    box = page.get_by_label(label, exact=True)
    box.wait_for()
    assert box.evaluate("box => [...box.labels].map(label => label.textContent)") == [label]
    box.fill("strike")  # the box it names is the one that searches
    page.locator(".pagefind-ui__result").first.wait_for()
    if AXE is not None:
        assert serious_violations(page) == []
    page.close()


@pytest.mark.parametrize("theme", ["default", "campaign"])
def test_a_page_printed_from_a_dark_screen_is_dark_ink_on_white_paper(
    browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """With the computer in dark mode, printing an article gave its pale screen ink
    (rgb(236, 233, 226)) on white paper: barely legible, whatever the printer."""
    root = minimal_with(
        tmp_path / "ws", {"rents-up-again.md": PRINTED}, f'\n[style]\ntheme = "{theme}"\n'
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    out = build(root, formats=["web"]).out_dir
    page = browser.new_page(color_scheme="dark")
    with serving_folder(out) as site:
        page.goto(site + "001-first/rents-up-again/")
        on_screen = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
        page.emulate_media(media="print", color_scheme="dark")
        printed = page.evaluate(
            """() => ['h1', 'main p', 'main a', '.byline'].map(selector =>
                getComputedStyle(document.querySelector(selector)).color)"""
        )
        paper = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    page.close()

    assert on_screen == "rgb(236, 233, 226)"  # the dark scheme on screen, as before
    assert paper == "rgb(253, 252, 248)"
    for colour in printed:
        red, green, blue = (int(v) for v in colour.removeprefix("rgb(").rstrip(")").split(","))
        assert max(red, green, blue) < 100, printed  # dark ink


@pytest.mark.parametrize("theme", ["default", "campaign"])
def test_the_skip_link_shows_on_top_of_the_header_when_tabbed_to(
    browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """In the campaign theme the focused "Skip to content" was painted under the header's
    band of colour: the keyboard reader's first Tab landed on a link nobody could see."""
    root = minimal_with(
        tmp_path / "ws", {"rents-up-again.md": PRINTED}, f'\n[style]\ntheme = "{theme}"\n'
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    out = build(root, formats=["web"]).out_dir
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    with serving_folder(out) as site:
        page.goto(site + "001-first/rents-up-again/")
        page.keyboard.press("Tab")
        link = page.locator(":focus")
        assert link.text_content() == "Skip to content"
        background = link.evaluate("link => getComputedStyle(link).backgroundColor")
        shot = Image.open(io.BytesIO(link.screenshot())).convert("RGB")
    page.close()
    # Most of what shows where the link is is the link's own background (the rest, its
    # letters), not the header's band.
    _count, shown = max(shot.getcolors(1 << 16))
    assert f"rgb({shown[0]}, {shown[1]}, {shown[2]})" == background
