"""A break between an article's parts (a plain text's ⁂ or * * *, Markdown's ***) is set
as books set it: a short line in the middle of the column with room above and below, in
the PDF, on the web page, in the email and in the EPUB, never a border across the page;
in the email's text part, three stars in the middle of the line. The rule over an
article's notes stays a line across the column.

Measured where a reader sees it: the PDF's drawings (PyMuPDF), and the web page, the
email and the EPUB's chapter in headless Chromium at a phone's width and a desktop's.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pymupdf
import pytest
from conftest import FIXED_EPOCH, minimal_with, show_page
from playwright.sync_api import Page

from publisher.build import BuildReport, build
from publisher.renderers.email.browser import show_email

ISSUE = "001-first"
BEFORE, AFTER = "one by one they signed.", "By seven the news"
STORY = f"""\
The night shift

The cleaners met at the depot at four in the morning, before the first trains. Nobody had \
slept. The union rep had brought flasks of tea and a list of names, and {BEFORE}

⁂

{AFTER} had reached the management floor. A manager came down, looked at the list, and \
went back up without a word. The cleaners kept working, and kept talking.

* * *

At noon the strike was called. Every name on the list held.
"""
NOTED = """\
---
title: The count
date: 2026-01-08
---

Every name on the list held.[^1]

[^1]: The strike committee's count, taken at noon.
"""
PHONE, DESKTOP = 375, 1280


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    root = minimal_with(
        tmp_path_factory.mktemp("breaks"), {"night-shift.txt": STORY, "count.md": NOTED}
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root, formats=["pdf", "web", "email", "epub"])


# --- in print ------------------------------------------------------------------------------


def test_a_break_is_printed_as_a_short_centred_rule_with_room_around_it(
    built: BuildReport,
) -> None:
    with pymupdf.open(built.out_dir / ISSUE / f"{ISSUE}.pdf") as pdf:
        page = next(page for page in pdf if AFTER in page.get_text())
        lines = page.get_text("words")
        above = max(w[3] for w in lines if w[4] == "signed.")
        below = min(w[1] for w in lines if w[4] == "By")
        paragraph = [w for w in lines if above - 40 < w[3] <= above]
        left, right = min(w[0] for w in paragraph), max(w[2] for w in paragraph)
        rules = [
            d["rect"]
            for d in page.get_drawings()
            if above < d["rect"].y0 < below and d["rect"].height < 2
        ]
    assert len(rules) == 1, rules
    rule = rules[0]
    assert 10 < rule.width <= (right - left) / 3
    assert abs((rule.x0 + rule.x1) / 2 - (left + right) / 2) < 2
    assert rule.y0 - above >= 8 and below - rule.y1 >= 8


def test_the_covers_own_rule_still_spans_the_middle_half_of_the_cover(built: BuildReport) -> None:
    """The theme's rule under the masthead (pdf/issue.html's hr.cover-rule) is the theme's,
    not a break: the breaks' short line moved it off the middle."""
    with pymupdf.open(built.out_dir / ISSUE / f"{ISSUE}.pdf") as pdf:
        cover = pdf[0]
        width = cover.rect.width
        (rule,) = [
            d["rect"] for d in cover.get_drawings() if d["rect"].height < 4 < d["rect"].width
        ]
    assert abs((rule.x0 + rule.x1) / 2 - width / 2) < 2
    assert rule.width > width / 3


# --- in the email's text part --------------------------------------------------------------


def test_in_the_plain_text_a_break_is_three_stars_in_the_middle_not_the_footers_line(
    built: BuildReport,
) -> None:
    """A line of dashes across the text sets the footer apart: a break drawn with the same
    line read as the article's end."""
    lines = (built.out_dir / ISSUE / "email.txt").read_text(encoding="utf-8").splitlines()
    breaks = [line for line in lines if line.strip() == "*   *   *"]
    assert len(breaks) == 2
    for line in breaks:
        assert abs(len(line) - len(line.lstrip()) - (72 - len(line.strip())) / 2) <= 1
    above = lines.index(breaks[0]) - 2
    assert lines[above].endswith(BEFORE) and lines[above + 4].startswith(AFTER)
    ruled = [n for n, line in enumerate(lines) if set(line) == {"-"}]
    assert len(ruled) == 1 and "Unsubscribe" in "\n".join(lines[ruled[0] :])


# --- on screens ----------------------------------------------------------------------------

MEASURE = """() => [...document.querySelectorAll('hr')].map(hr => {
    const box = hr.getBoundingClientRect();
    const before = hr.previousElementSibling, after = hr.nextElementSibling;
    const column = (before || hr.parentElement).getBoundingClientRect();
    return {
        notes: !!hr.closest('.footnotes'),
        left: box.left, right: box.right, top: box.top, bottom: box.bottom,
        line: parseFloat(getComputedStyle(hr).borderTopWidth),
        columnLeft: column.left, columnRight: column.right,
        above: before ? box.top - before.getBoundingClientRect().bottom : null,
        below: after ? after.getBoundingClientRect().top - box.bottom : null,
    };
})"""


def rules_shown(page: Page) -> list[dict]:
    measured: list[dict] = page.evaluate(MEASURE)
    return measured


def assert_set_as_breaks(rules: list[dict]) -> None:
    breaks = [rule for rule in rules if not rule["notes"]]
    assert len(breaks) == 2, rules
    for rule in breaks:
        column = rule["columnRight"] - rule["columnLeft"]
        assert rule["line"] >= 1
        assert 10 < rule["right"] - rule["left"] <= column / 3, rule
        middle = (rule["left"] + rule["right"]) / 2
        assert abs(middle - (rule["columnLeft"] + rule["columnRight"]) / 2) < 2, rule
        assert rule["above"] >= 16 and rule["below"] >= 16, rule


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_on_the_web_page_a_break_is_a_short_centred_rule(
    built: BuildReport, page: Page, width: int
) -> None:
    show_page(page, built.out_dir / ISSUE / "night-shift" / "index.html", width)
    assert_set_as_breaks(rules_shown(page))


@pytest.mark.parametrize("width", [PHONE, 600])
def test_in_the_email_a_break_is_a_short_centred_rule(
    built: BuildReport, page: Page, width: int
) -> None:
    show_email(page, built.out_dir / ISSUE / "email.html", width)
    assert_set_as_breaks(rules_shown(page))


def test_in_the_epub_a_break_is_a_short_centred_rule(
    built: BuildReport, page: Page, tmp_path: Path
) -> None:
    with zipfile.ZipFile(built.out_dir / ISSUE / f"{ISSUE}.epub") as book:
        book.extractall(tmp_path)
    chapter = next(
        path for path in tmp_path.rglob("*.xhtml") if AFTER in path.read_text(encoding="utf-8")
    )
    show_page(page, chapter, PHONE)
    assert_set_as_breaks(rules_shown(page))


@pytest.mark.parametrize("shown", ["web", "email"])
def test_the_rule_over_an_articles_notes_crosses_the_column(
    built: BuildReport, page: Page, shown: str
) -> None:
    if shown == "web":
        show_page(page, built.out_dir / ISSUE / "count" / "index.html", DESKTOP)
    else:
        show_email(page, built.out_dir / ISSUE / "email.html", 600)
    notes = [rule for rule in rules_shown(page) if rule["notes"]]
    assert notes
    for rule in notes:
        assert rule["right"] - rule["left"] >= 0.9 * (rule["columnRight"] - rule["columnLeft"])
