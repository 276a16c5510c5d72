"""The email as a subscriber's mail client shows it: headless Chromium from Debian's packages,
driven by Playwright (its bundled browsers are never downloaded), at phone and desktop widths.

The page runs offline: images the email links under the archive's media/ URL are served
from documents/ (where the web archive publishes them from), every other request fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from ...chromium import executable as chromium_executable
from ...chromium import install_hint
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
    executable = chromium_executable()
    if executable is None:
        raise PublisherError.at("headless Chromium is not installed", hint=install_hint())
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


def show_email(
    page: Page,
    html: Path,
    width: int,
    media: tuple[str, Path] | None = None,
    color_scheme: Literal["light", "dark"] = "light",
) -> None:
    """`html` loaded in `page` at `width` px; `media` = (URL prefix, folder) serves those
    images. One page shows one email after another: a new page costs Chromium a renderer
    process and a window each time, about as much CPU as loading the email."""
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=color_scheme)

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

    page.unroute_all()
    page.route("**/*", offline)
    page.goto(html.as_uri())


def screenshots(html: Path, media: tuple[str, Path] | None = None) -> dict[int, bytes]:
    """Full-page PNGs of the email at each of WIDTHS."""
    with chromium() as browser:
        page = browser.new_page()
        shots = {}
        for width in WIDTHS:
            show_email(page, html, width, media)
            shots[width] = page.screenshot(full_page=True)
        return shots
