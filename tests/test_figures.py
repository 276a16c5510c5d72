"""A picture with a caption is as wide as one without, on a phone as on a desktop, in the
web page, the email and the EPUB (browsers, mail clients and reading systems inset a
<figure> 40px on each side), and its caption is set apart from the text, as print sets it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import build_with_warnings, minimal_with
from PIL import Image

from publisher.renderers.email.browser import show_email

ISSUE = "001-first"

ARTICLE = """\
---
title: At the gates
---

We stood outside the gates from six.

![The first lorry turned back](media/lorry.png)

Then the picket grew.

![](media/crowd.png){alt="The crowd at the gates at noon"}
"""


def picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1000), (30, 90, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = minimal_with(
        tmp_path_factory.mktemp("figures") / "ws",
        {"media/lorry.png": picture(), "media/crowd.png": picture(), "gates.md": ARTICLE},
    )
    out, _ = build_with_warnings(root)
    return out


# The widths of the captioned and the uncaptioned picture, and the font sizes of the caption
# and of the text around it, as the reader sees them.
MEASURED = """() => {
    const captioned = document.querySelector('figure img');
    const plain = [...document.querySelectorAll('img')].find(i => !i.closest('figure'));
    const caption = document.querySelector('figcaption');
    const text = caption.closest('figure').previousElementSibling;
    const size = e => parseFloat(getComputedStyle(e).fontSize);
    return [captioned.getBoundingClientRect().width, plain.getBoundingClientRect().width,
            size(caption), size(text)];
}"""


def looks_right(page: Any) -> None:
    page.wait_for_load_state("load")
    captioned, plain, caption, text = page.evaluate(MEASURED)
    assert plain > 300 and abs(captioned - plain) < 1, (captioned, plain)
    assert caption < text


@pytest.mark.parametrize("width", [375, 1000])
def test_on_the_web_a_captioned_picture_is_as_wide_as_any(
    built: Path, browser: Any, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto((built / ISSUE / "gates" / "index.html").as_uri())
        looks_right(page)
    finally:
        page.close()


@pytest.mark.parametrize("width", [375, 600])
def test_in_the_email_a_captioned_picture_is_as_wide_as_any(
    built: Path, browser: Any, width: int
) -> None:
    page = browser.new_page()
    try:
        show_email(
            page, built / ISSUE / "email.html", width, ("https://minimal.example.org/", built)
        )
        looks_right(page)
    finally:
        page.close()


def test_in_the_epub_a_captioned_picture_is_as_wide_as_any(
    built: Path, browser: Any, tmp_path: Path
) -> None:
    with zipfile.ZipFile(built / ISSUE / f"{ISSUE}.epub") as epub:
        epub.extractall(tmp_path)
    [chapter] = [p for p in tmp_path.rglob("*.xhtml") if b"<figcaption" in p.read_bytes()]
    page = browser.new_page(viewport={"width": 600, "height": 900})
    try:
        page.goto(chapter.as_uri())
        looks_right(page)
    finally:
        page.close()


SAID_ONCE = """\
---
title: On the quay
---

![Cranes over the quay at dawn](media/lorry.png)

![The quay at dawn. Photo: Jo Bloggs](media/crowd.png){alt="Cranes over the quay"}
"""


def test_a_caption_that_says_what_its_picture_does_is_read_once_on_the_web_and_in_the_email(
    browser: Any, tmp_path: Path
) -> None:
    """A picture whose caption is its description was read twice by a screen reader (its
    alt text, then its caption) on the web and in the email. The caption is hidden from
    it, as the EPUB's is; a caption that says more than the description is read."""
    root = minimal_with(
        tmp_path / "ws",
        {"media/lorry.png": picture(), "media/crowd.png": picture(), "quay.md": SAID_ONCE},
    )
    out, _ = build_with_warnings(root, ["web", "email"])
    page = browser.new_page()
    try:
        for shown in ("quay/index.html", "index.html", "email.html"):
            if shown == "email.html":
                show_email(page, out / ISSUE / shown, 600, ("https://minimal.example.org/", out))
            else:
                page.goto((out / ISSUE / shown).as_uri())
            # what is read inside each figure (the figure's own name aside: Chromium names
            # it by its caption, hidden or not, in the EPUB too)
            read = [
                line
                for line in page.locator("body").aria_snapshot().splitlines()
                if not line.lstrip().startswith("- figure")
            ]
            said = "\n".join(read)
            assert said.count("Cranes over the quay at dawn") == 1, (shown, said)
            assert "The quay at dawn. Photo: Jo Bloggs" in said, (shown, said)
    finally:
        page.close()
