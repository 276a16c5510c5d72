"""Importing a Squarespace blog: Settings → Import & Export → Export → WordPress gives a
WordPress file (WXR) whose posts are Squarespace's blocks as its pages draw them, with
addresses written from the site's root. The fixture under tests/exports/squarespace/ has
that markup: a picture loaded by script (`data-src`, a <noscript> copy), video, audio, map
and embed blocks that are empty boxes until a script draws them, a rule, a newsletter form,
and links to the site's own pages, files and posts written as `/news/…` and `/s/…`.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
from platform_exports import imported, text_of

from publisher.readers import read_document

EXPORT = Path(__file__).parent / "exports" / "squarespace"
SITE = "https://www.riversidetenants.org"


def body_of(root: Path, slug: str) -> lxml.html.HtmlElement:
    document = read_document(root / "documents" / f"{slug}.md", slug, root / "documents", "en")
    return lxml.html.fragment_fromstring(document.body_html, create_parent="div")


def test_addresses_from_the_sites_root_lead_to_the_site_or_the_posts_document(
    tmp_path: Path,
) -> None:
    """Squarespace writes a post's own address, and its links to the site's pages and
    files, from the site's root (`/join`, `/s/letter.pdf`): out of the site they led
    nowhere, the build printed their words unlinked, and a post's link to another post of
    the export did not lead to its document."""
    root, _ = imported(EXPORT, tmp_path)
    front, _ = text_of(root, "rent-strike-third-week")
    assert f"source: {SITE}/news/rent-strike-third-week" in front
    body = body_of(root, "rent-strike-third-week")
    links = {a.text_content(): a.get("href") for a in body.iter("a")}
    assert links["our letter"] == f"{SITE}/s/letter-to-landlord.pdf"
    assert links["join the union"] == f"{SITE}/join"
    assert links["we wrote to the landlord"] == "letter-to-the-landlord.md"
