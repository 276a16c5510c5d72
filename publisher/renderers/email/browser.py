"""The email as a subscriber's mail client shows it: headless Chromium from Debian's package,
driven by Playwright (its bundled browsers are never downloaded), at phone and desktop widths.

The page runs offline: images the email links under the archive's media/ URL are served
from documents/ (where the web archive publishes them from), every other request fails.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from ...errors import PublisherError
from ...extras import needs

# At import, so that preview-email says the extra is missing before it builds anything.
with needs("preview"):
    from playwright.sync_api import Browser, Error, Page, Route, sync_playwright

WIDTHS = (375, 600)  # a phone, and the email's full desktop width
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).is_file():
        raise PublisherError.at(
            "headless Chromium is not installed",
            hint="install Debian's chromium package (scripts/install-system-deps.sh does)",
        )
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as exc:
            raise PublisherError.at(
                f"Chromium ({executable}) did not start: {str(exc).splitlines()[0]}"
            ) from None
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_email(
    browser: Browser,
    html: Path,
    width: int,
    media: tuple[str, Path] | None = None,
    color_scheme: Literal["light", "dark"] = "light",
) -> Iterator[Page]:
    """`html` loaded at `width` px; `media` = (URL prefix, folder) serves those images."""
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=color_scheme)

    def offline(route: Route) -> None:
        url = route.request.url
        if url == html.as_uri():
            route.continue_()
            return
        if media and url.startswith(media[0]):
            folder = media[1].resolve()
            path = (folder / unquote(url.removeprefix(media[0]).split("?")[0])).resolve()
            if path.is_relative_to(folder) and path.is_file():
                route.fulfill(path=path)
                return
        route.abort()

    page.route("**/*", offline)
    try:
        page.goto(html.as_uri())
        yield page
    finally:
        page.close()


def screenshots(html: Path, media: tuple[str, Path] | None = None) -> dict[int, bytes]:
    """Full-page PNGs of the email at each of WIDTHS."""
    with chromium() as browser:
        shots = {}
        for width in WIDTHS:
            with open_email(browser, html, width, media) as page:
                shots[width] = page.screenshot(full_page=True)
        return shots
