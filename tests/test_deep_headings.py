"""An article's headings keep their levels however deep: HTML stops at h6, and an article's
first heading is already an h3 or h4 under its section's and its own title, so `#####` and
`######` were both h6, and e-readers set h5 and h6 smaller than the text they head."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest import build_with_warnings, minimal_with

TITLES = ["Part", "Chapter", "Clause", "Article", "Paragraph", "Point"]
DEEP = "---\ntitle: The agreement\n---\n\n" + "".join(
    f"{'#' * level} {title}\n\nText under the {title.lower()}.\n\n"
    for level, title in enumerate(TITLES, start=1)
)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = minimal_with(tmp_path_factory.mktemp("deep"), {"agreement.md": DEEP})
    built, warnings = build_with_warnings(root, ["web", "epub", "email"])
    assert warnings == []
    return built


def heading_levels(tree: Any) -> list[int]:
    """The level each of the article's headings has for a screen reader, in order."""
    levels = []
    for title in TITLES:
        (heading,) = tree.xpath(
            f"//*[(@role='heading' or starts-with(local-name(), 'h') and string-length("
            f"local-name()) = 2) and normalize-space(.)='{title}']"
        )
        levels.append(int(heading.get("aria-level") or heading.tag[-1]))
    return levels


def epub_chapters(out: Path, folder: Path) -> Iterator[Path]:
    with zipfile.ZipFile(out / "001-first" / "001-first.epub") as book:
        book.extractall(folder)
    return (folder / "EPUB" / "text").glob("ch*.xhtml")


def agreement_chapter(out: Path, folder: Path) -> Path:
    return next(p for p in epub_chapters(out, folder) if "Text under the point" in p.read_text())


def test_every_level_stays_one_below_the_last_in_the_web_the_email_and_the_epub(
    out: Path, tmp_path: Path
) -> None:
    pages = [
        lxml.html.parse(str(out / "001-first" / "index.html")),
        lxml.html.parse(str(out / "001-first" / "email.html")),
        lxml.html.parse(str(agreement_chapter(out, tmp_path))),
    ]
    for page in pages:
        levels = heading_levels(page)
        assert levels == list(range(levels[0], levels[0] + len(TITLES))), levels


def test_the_deepest_headings_are_never_smaller_than_the_text_they_head(
    out: Path, tmp_path: Path, page: Any
) -> None:
    for shown in (out / "001-first" / "index.html", agreement_chapter(out, tmp_path)):
        page.goto(shown.as_uri())
        sizes = page.evaluate(
            """titles => titles.map(title => {
                const heading = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role=heading]')]
                    .find(h => h.textContent.trim() === title);
                return parseFloat(getComputedStyle(heading).fontSize);
            })""",
            TITLES,
        )
        text = page.evaluate(
            """() => parseFloat(getComputedStyle([...document.querySelectorAll('p')]
                .find(p => p.textContent.includes('Text under the point'))).fontSize)"""
        )
        assert min(sizes) >= text, (shown.name, sizes, text)
