"""Screenshots of the example newsletter for the README, in both shipped themes.

Builds a copy of this repository's workspace (and a second copy with
`[style] theme = "campaign"`) with the fixed test date, then photographs what readers see:
the PDF's cover and an inside page, the leaflet, the email at 375 and 600 px, the web
issue page and the EPUB's cover. Nothing is fetched: the email's and web pages' images are
served from the built dist/. PNGs are reduced to a palette, to stay small in git.

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshots/*.png
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[1]
EPOCH = "1772323200"  # 2026-03-01, as the tests build
ISSUE, LEAFLET_ISSUE = "041-no-poverty-pay", "042-may-day"
LIMIT = 150_000  # bytes per PNG


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="publisher-screenshots-") as scratch:
        for theme in ("default", "campaign"):
            root = workspace(Path(scratch) / theme, theme)
            subprocess.run(
                [str(Path(sys.executable).with_name("publisher")), "-C", str(root), "build"],
                check=True,
                env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
                capture_output=True,
            )
            for name, png in shots(root / "dist", theme):
                path = args.out / f"{theme}-{name}.png"
                path.write_bytes(small(png))
                print(f"{path}  {path.stat().st_size / 1024:.0f} KB")


def workspace(target: Path, theme: str) -> Path:
    """A copy of the example, its [style] theme set to `theme`."""
    target.mkdir(parents=True)
    for folder in ("documents", "issues", "templates"):
        shutil.copytree(REPO / folder, target / folder)
    config = (REPO / "publisher.toml").read_text(encoding="utf-8")
    config = re.sub(r'(?m)^theme = "[^"]*"', f'theme = "{theme}"', config)
    (target / "publisher.toml").write_text(config, encoding="utf-8")
    return target


def shots(dist: Path, theme: str, browser: Browser | None = None) -> Iterator[tuple[str, bytes]]:
    """The photographs, named; `browser`: a Chromium already running (the tests'), else
    one is started for them."""
    yield "pdf-cover", pdf_page(dist / ISSUE / f"{ISSUE}.pdf", 0)
    yield "pdf-inside", pdf_page(dist / ISSUE / f"{ISSUE}.pdf", 2)
    yield "leaflet", pdf_page(dist / LEAFLET_ISSUE / f"{LEAFLET_ISSUE}-leaflet.pdf", 0)
    yield from browser_shots(dist, theme, browser)


def pdf_page(pdf: Path, index: int, width: int = 420) -> bytes:
    import pymupdf

    with pymupdf.open(pdf) as document:
        page = document[index]
        scale = width / page.rect.width
        png: bytes = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale)).tobytes("png")
        return png


def browser_shots(
    dist: Path, theme: str, browser: Browser | None = None
) -> Iterator[tuple[str, bytes]]:
    from playwright.sync_api import Route

    from publisher.config import load_config
    from publisher.renderers.email.browser import chromium

    site = load_config(dist.parent).base_url

    def offline(route: Route) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
            return
        path = (dist / url.removeprefix(site).split("?")[0]).resolve()
        if url.startswith(site) and path.is_relative_to(dist.resolve()) and path.is_file():
            route.fulfill(path=path)
        else:
            route.abort()

    with contextlib.ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(chromium())
        page = browser.new_page()  # one for every photograph: a page costs a renderer
        stack.callback(page.close)
        page.route("**/*", offline)

        def photograph(url: str, width: int, height: int) -> bytes:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(url)
            return page.screenshot()

        email = (dist / ISSUE / "email.html").as_uri()
        yield "email-375", photograph(email, 375, 1100)
        yield "email-600", photograph(email, 600, 1100)
        yield "web-issue", photograph((dist / ISSUE / "index.html").as_uri(), 900, 1000)
        with tempfile.TemporaryDirectory() as unpacked:
            cover = epub_cover_page(dist / ISSUE / f"{ISSUE}.epub", Path(unpacked))
            yield "epub-cover", photograph(cover.as_uri(), 400, 600)


def epub_cover_page(epub: Path, folder: Path) -> Path:
    """The EPUB unpacked into `folder`, and the page that shows its cover image."""
    with zipfile.ZipFile(epub) as book:
        book.extractall(folder)
    for page in folder.rglob("*cover*.xhtml"):
        if re.search(r"<(img|svg|image)\b", page.read_text(encoding="utf-8")):
            return page
    raise SystemExit(f"{epub} has no cover page")


def small(png: bytes) -> bytes:
    """The PNG with a palette of as many colours as keep it under LIMIT."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    for colours in (256, 128, 64, 32):
        out = io.BytesIO()
        rgb.quantize(colours, dither=Image.Dither.NONE).save(out, format="PNG", optimize=True)
        if out.tell() <= LIMIT:
            break
    return out.getvalue()


if __name__ == "__main__":
    main()
