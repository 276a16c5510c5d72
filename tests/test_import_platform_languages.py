"""`publisher import` of a platform export, for a newsletter that is not in English: an
image left out leaves no empty link behind.

The exports under tests/exports/*-es and *-fr are written in each platform's export format,
with the image markup each platform writes (Substack's captioned-image-container, a linked
image inside a paragraph of a Ghost HTML card, WordPress's classic editor and a Mailchimp
text block), the images only online.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from publisher.importers.platforms import import_export
from publisher.readers import read_document
from publisher.scaffold import Identity, create_workspace

EXPORTS = Path(__file__).parent / "exports"

# (export, the issue its post became, the post's language, an image of the post only online)
SPANISH_AND_FRENCH = [
    (
        "substack-es",
        "encuesta-de-alquileres",
        "es",
        "https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto,q_auto:good,"
        "fl_progressive:steep/https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic"
        "%2Fimages%2Fencuesta-grafico.png",
    ),
    (
        "ghost-fr",
        "assemblee-des-locataires",
        "fr",
        "https://images.unsplash.com/photo-cour-immeuble.jpg",
    ),
    (
        "wordpress-es",  # Polylang's language term
        "votan-el-convenio",
        "es",
        "https://i0.wp.com/elpuerto.example.org/wp-content/uploads/2026/04/votacion-300x200.jpg",
    ),
    (
        "mailchimp-es",
        "boletin-del-puerto-la-caja-de-resistencia",
        "es",
        "https://mcusercontent.com/0a1b2c/images/colecta.jpg",
    ),
]


EXPORT_NAMES = [export for export, *_ in SPANISH_AND_FRENCH]


def new_workspace(root: Path) -> Path:
    """A workspace as `publisher init` makes it: in English, with its one sample issue."""
    create_workspace(root, Identity("Inquilinas del Puerto"))
    return root


def empty_links(html: str) -> list[str]:
    """The links with nothing to read or see in them: what a screen reader calls 'link'."""
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    return [
        lxml.html.tostring(a, encoding="unicode")
        for a in root.iter("a")
        if not a.text_content().strip() and a.find(".//img") is None
    ]


@pytest.mark.parametrize(
    ("export", "issue", "language", "image"), SPANISH_AND_FRENCH, ids=EXPORT_NAMES
)
def test_a_link_that_held_only_a_left_out_image_goes_with_it(
    tmp_path: Path, export: str, issue: str, language: str, image: str
) -> None:
    root = new_workspace(tmp_path / "ws")

    report = import_export(EXPORTS / export, root)

    path = root / "documents" / f"{issue}.md"
    assert "[](" not in path.read_text()
    document = read_document(path, issue, root / "documents", "en")
    assert empty_links(document.body_html) == []
    assert image in {url for _title, url in report.online_images}  # still listed
