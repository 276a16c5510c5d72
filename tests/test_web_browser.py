"""The archive as a reader sees it, in headless Chromium (Debian's, driven by Playwright):
from the home page to the latest issue to an article, the Arabic passage laid out right to
left. Screenshots at phone and desktop width are kept in test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serving_folder

from publisher.build import BuildReport

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
