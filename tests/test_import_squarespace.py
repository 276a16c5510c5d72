"""Importing a Squarespace blog: Settings → Import & Export → Export → WordPress gives a
WordPress file (WXR) whose posts are Squarespace's blocks as its pages draw them, with
addresses written from the site's root. The fixture under tests/exports/squarespace/ has
that markup: a picture loaded by script (`data-src`, a <noscript> copy), video, audio, map
and embed blocks that are empty boxes until a script draws them, a rule, a newsletter form,
and links to the site's own pages, files and posts written as `/news/…` and `/s/…`.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import lxml.html
import pytest
from platform_exports import imported, text_of

from publisher.errors import PublisherError
from publisher.importers.platform_html import clean_post_html
from publisher.importers.platform_report import as_json
from publisher.readers import read_document

EXPORT = Path(__file__).parent / "exports" / "squarespace"
SITE = "https://www.riversidetenants.org"


def body_of(root: Path, slug: str) -> lxml.html.HtmlElement:
    document = read_document(root / "documents" / f"{slug}.md", slug, root / "documents", "en")
    return lxml.html.fragment_fromstring(document.body_html, create_parent="div")


def test_blocks_drawn_by_script_keep_what_they_show(tmp_path: Path) -> None:
    """A video, a recording, a meeting place and an embedded event were empty boxes to the
    importer, gone without a word (the video's caption alone stayed, under nothing); the
    picture, loaded by script, was gone unlisted; the rule between two blocks was gone.
    Each is now a link to what it showed, the picture is listed as online with its words,
    and the rule stays; the newsletter form still goes."""
    root, report = imported(EXPORT, tmp_path)
    assert report.platform == "Squarespace"  # the report says so, not "WordPress"
    body = body_of(root, "rent-strike-third-week")
    links = [(a.text_content(), a.get("href")) for a in body.iter("a")]
    assert links[-4:] == [
        ("Maria speaks at the rally", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        (
            "Tenants’ meeting, 2 December",
            "https://static1.squarespace.com/static/5f1/t/abc/1733400000000/meeting.mp3",
        ),
        (
            "Riverside Community Hall, 12 Mill Street, Riverside, RS1 2AB, United Kingdom",
            "https://www.openstreetmap.org/?mlat=51.50735&mlon=-0.12775#map=17/51.50735/-0.12775",
        ),
        ("Rally for repairs", "https://www.facebook.com/events/123456789/"),
    ]
    assert body.find(".//hr") is not None
    text = " ".join(body.text_content().split())
    assert "Maria speaks at the rally" in text and text.count("Maria speaks at the rally") == 1
    assert "Email Address" not in text and "Sign Up" not in text  # the newsletter form
    assert as_json(report, root)["online_images"] == [
        {
            "post": "Rent strike enters its third week",
            "url": "https://images.squarespace-cdn.com/content/v1/5f1/abc/picket.jpg",
            "alt": "Tenants picketing outside 14 Mill Street",
            "caption": "The picket on Saturday morning.",
        }
    ]


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


def test_ampersands_written_as_html_writes_them_are_read_with_a_warning_naming_the_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A title written into the XML as the site shows it ("Rent & repairs", "Café&nbsp;
    meeting") is not well-formed XML: the whole export was refused. It is read as the
    platform meant it, with a warning naming the first line; an `&` in a CDATA section,
    where XML allows it, is not counted. A file broken otherwise is still refused."""
    xml = (EXPORT / "Squarespace-Wordpress-Export-12-05-2026.xml").read_text(encoding="utf-8")
    export = tmp_path / "Squarespace-Wordpress-Export-12-05-2026.xml"
    export.write_text(
        xml.replace("Rent strike enters its third week", "Rent &amp repairs & the Caf&eacute;")
        .replace("Our letter to the landlord", "Our letter&nbsp;to the landlord")
        .replace('<p class="">We asked', '<p class="">Boilers & heating: we asked'),
        encoding="utf-8",
    )
    line = (
        export.read_text(encoding="utf-8")
        .split("\n")
        .index("<title>Rent &amp repairs & the Caf&eacute;</title>")
    )
    root, report = imported(export, tmp_path)
    assert {w.post.title for w in report.written} == {
        "Rent & repairs & the Café",
        "Our letter\N{NO-BREAK SPACE}to the landlord",
    }
    said = f"{export}:{line + 1}: 2 '&' alone and 2 of HTML's names of characters (&nbsp;…)"
    assert said in caplog.text
    _, text = text_of(root, "letter-to-the-landlord")
    assert "Boilers & heating: we asked" in text
    export.write_text(xml.replace("</title>", "", 1), encoding="utf-8")
    with pytest.raises(PublisherError, match="not valid XML"):
        imported(export, tmp_path / "broken")


@pytest.mark.parametrize(
    ("kind", "found", "shown"),
    [
        ("video", {"url": ["https://x.org"]}, ""),  # no address: left to the furniture
        ("video", {"url": "https://x.org/v", "title": {"a": 1}}, "https://x.org/v"),
        ("map", {"location": {"addressTitle": ["Hall"], "markerLat": [1]}}, ""),
        ("map", {"location": {"addressTitle": "Hall", "markerLat": "nan"}}, "Hall"),
        ("map", {"location": {"addressTitle": "Hall", "markerLat": 91, "markerLng": 0}}, "Hall"),
        ("map", {"location": "Hall"}, ""),
        ("audio", [1, 2], ""),
    ],
)
def test_a_blocks_json_of_another_shape_shows_only_what_it_says(
    kind: str, found: object, shown: str
) -> None:
    """A block's JSON written otherwise than Squarespace writes it (a list for a text, a
    place nowhere on Earth) shows no Python value ("['Hall']") and links no such place."""
    block = (
        f'<div class="sqs-block {kind}-block" data-block-json="{html.escape(json.dumps(found))}">'
        '<div class="sqs-block-content"></div></div>'
    )
    cleaned = clean_post_html(f"<p>Before.</p>{block}", None)
    root = lxml.html.fragment_fromstring(cleaned.html, create_parent="div")
    assert [p.text_content() for p in root.iter("p")] == ["Before.", shown][: 2 if shown else 1]
    assert "openstreetmap" not in cleaned.html
