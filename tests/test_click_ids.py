"""A link copied from a Facebook post, an ad, a received newsletter or a shared video carries
an identifier of the click or of the reader (`fbclid`, `gclid`, `mc_eid`, `si`): every
output leads to the address without it, as browsers' query stripping does, so that no
subscriber's click tells a platform whose copy it came from. What names no one (an
editor's own `utm_campaign`) stays."""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import build_with_warnings, minimal_with
from validators import parse_eml, pdftotext

from publisher.cli import main
from publisher.click_ids import without_click_ids

ISSUE = "001-first"
MARCH = "https://union.example/march?day=14&utm_campaign=strike"
SIGN = "https://act.union.example/sign"
VIDEO = "https://youtu.be/dQw4w9WgXcQ"

MARKDOWN = f"""\
---
title: Join the march
---

Details at {MARCH}&fbclid=IwAR0Xy7abcdEFGH (from Facebook), and
[sign the petition]({SIGN}?mc_cid=5e1&mc_eid=8a7b6c5d4e). Watch [the video]({VIDEO}?si=Q2xhcmE).
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = minimal_with(tmp_path_factory.mktemp("clicks") / "ws", {"march.md": MARKDOWN})
    out, _ = build_with_warnings(root)
    return out


def links(markup: str | bytes) -> dict[str, str]:
    return {a.get("href"): a.text_content() for a in lxml.html.fromstring(markup).iter("a")}


WANTED = {
    MARCH: MARCH,  # the words were the address: they are the address without the click's id
    f"{SIGN}?mc_cid=5e1": "sign the petition",  # the campaign's id names no one
    VIDEO: "the video",
}


def test_every_output_links_the_address_without_the_clicks_or_readers_id(built: Path) -> None:
    issue = built / ISSUE
    web = links((issue / "march" / "index.html").read_bytes())
    email = parse_eml(issue / "email.eml").get_body(("html",)).get_content()
    with zipfile.ZipFile(issue / f"{ISSUE}.epub") as epub:
        book = {}
        for name in epub.namelist():
            if name.endswith(".xhtml"):
                book |= links(epub.read(name))
    for found in (web, links(email), book):
        assert {href: found.get(href) for href in WANTED} == WANTED
    text = parse_eml(issue / "email.eml").get_body(("plain",)).get_content()
    for output in (
        str(web),
        email,
        str(book),
        text,
        pdftotext(issue / f"{ISSUE}.pdf"),
        (built / "feed.atom").read_text(),
    ):
        assert "fbclid" not in output and "mc_eid" not in output and "si=" not in output


@pytest.mark.parametrize(
    ("url", "without"),
    [
        ("https://x.org/a?fbclid=IwAR0&id=5#top", "https://x.org/a?id=5#top"),
        ("https://x.org/a?id=5&gclid=Cj0K&utm_source=ads", "https://x.org/a?id=5&utm_source=ads"),
        ("https://x.org/a?_hsenc=p2AN&_hsmi=2&page=2", "https://x.org/a?page=2"),
        ("https://www.youtube.com/watch?v=abc&si=XYZ", "https://www.youtube.com/watch?v=abc"),
        ("https://open.spotify.com/track/1?si=abc", "https://open.spotify.com/track/1"),
        ("https://x.com/union/status/1?s=20&t=Abc", "https://x.com/union/status/1"),
        # nothing that identifies anyone: every character as it was
        ("https://x.org/search?q=a+b&SI=1&si=2", "https://x.org/search?q=a+b&SI=1&si=2"),
        ("https://x.org/a?utm_source=mail&mc_cid=1", "https://x.org/a?utm_source=mail&mc_cid=1"),
        ("https://x.org/a?refbclid=1", "https://x.org/a?refbclid=1"),
        ("mailto:branch@x.org?subject=fbclid", "mailto:branch@x.org?subject=fbclid"),
        ("https://[x.org/a?fbclid=1", "https://[x.org/a?fbclid=1"),
    ],
)
def test_an_address_loses_what_identifies_a_click_or_a_reader_and_nothing_else(
    url: str, without: str
) -> None:
    assert without_click_ids(url) == without


def test_a_draft_imported_from_pasted_text_gives_the_address_without_them(
    tmp_path: Path,
) -> None:
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    pasted = tmp_path / "march.txt"
    pasted.write_text(f"Join the march\n\nDetails at {MARCH}&fbclid=IwAR0Xy7abcdEFGH.\n")
    result = CliRunner().invoke(main, ["-C", str(root), "import", str(pasted)])
    assert result.exit_code == 0, result.output
    [draft] = (root / "documents").glob("join-the-march*.md")
    assert f"Details at {MARCH}." in draft.read_text()
