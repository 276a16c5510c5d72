"""A player pasted into a document (a YouTube or Vimeo frame, a podcast's, a <video>) is a
link to what it plays in every output; embed code written XML-style (<iframe … />,
<script … />) or left open no longer takes the rest of the article with it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pytest
from conftest import WORKSPACES, build_with_warnings, copy_workspace
from test_security import page_offences
from validators import parse_eml, pdftotext

ISSUE = "001-first"

MARKDOWN = """\
---
title: Watch the march
---

Our march in pictures, and the film of the day.

<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?start=95" title="YouTube video player" frameborder="0" allowfullscreen />

The first paragraph after the film.

<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" title="Dockers' May Day on the quay"></iframe>

Listen to <iframe src="https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk?utm_source=generator" title="Spotify Embed: Strike Radio, episode 12"></iframe> on the way.

<iframe src="//www.youtube-nocookie.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"></iframe>

<video controls poster="still.jpg"><source src="https://media.example.org/rally.webm" type="video/webm"><source src="https://media.example.org/rally.mp4" type="video/mp4">Your browser cannot play this.</video>

<iframe src="https://tube.example.coop/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d"></iframe>

<iframe src='https://www.dailymotion.com/embed/video/x8abc12' title='The picket, filmed'></iframe>

<video src="march.mp4" controls></video>

![The film of the day](film-of-the-day.mp4)

<script async src="https://platform.twitter.com/widgets.js" charset="utf-8" />

The paragraph after the script of the tweet.

<textarea>

The last paragraph, after a form field nobody closed.
"""

PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><title>The podcast</title></head><body>
<p>This week's episode:</p>
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
<iframe src="https://w.soundcloud.com/player/?url=https%3A//soundcloud.com/dockside/strike-pay&amp;color=%23ff5500" title="Strike pay, explained"></iframe>
</div></figure>
<p>And the episode before, on the Internet Archive:
<iframe src="https://archive.org/embed/dockside-episode-11" width="500" height="140" /></p>
<iframe src=https://player.vimeo.com/video/555 allowfullscreen></iframe>
<p>The closing words of the page.</p>
</body></html>
"""

# Each player's own page, as its platform addresses it
PAGES = {
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=95s": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=95s",
    "https://vimeo.com/76979871/8272103f6e": "Dockers\u2019 May Day on the quay",  # curled
    "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk": "Strike Radio, episode 12",
    "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG": (
        "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"
    ),
    "https://media.example.org/rally.webm": "https://media.example.org/rally.webm",
    "https://tube.example.coop/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d": (
        "https://tube.example.coop/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d"
    ),
    "https://soundcloud.com/dockside/strike-pay": "Strike pay, explained",
    "https://www.dailymotion.com/video/x8abc12": "The picket, filmed",  # quoted '…'
    "https://vimeo.com/555": "https://vimeo.com/555",  # not quoted at all
    "https://archive.org/details/dockside-episode-11": (
        "https://archive.org/details/dockside-episode-11"
    ),
}
# Text that came after a player or a script, in the order written
AFTER = (
    "The first paragraph after the film.",
    "The paragraph after the script of the tweet.",
    "The last paragraph, after a form field nobody closed.",
    "The closing words of the page.",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The minimal workspace with both documents in its issue, built; and its warnings."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("embeds") / "ws")
    (root / "documents" / "march-film.md").write_text(MARKDOWN, encoding="utf-8")
    (root / "documents" / "podcast.html").write_text(PAGE, encoding="utf-8")
    manifest = root / "issues" / f"{ISSUE}.yaml"
    text = manifest.read_text().replace("second-article]", "second-article, march-film, podcast]")
    manifest.write_text(text)
    return build_with_warnings(root)


def links(markup: str | bytes) -> dict[str, str]:
    return {a.get("href"): a.text_content() for a in lxml.html.fromstring(markup).iter("a")}


def test_each_player_is_a_link_to_its_page_named_by_its_own_title(
    built: tuple[Path, list[str]],
) -> None:
    out, _ = built
    found = links((out / ISSUE / "march-film" / "index.html").read_bytes())
    found |= links((out / ISSUE / "podcast" / "index.html").read_bytes())
    assert {href: found.get(href) for href in PAGES} == PAGES


def test_the_text_after_a_self_closed_or_open_player_or_script_is_in_every_output(
    built: tuple[Path, list[str]],
) -> None:
    out, _ = built
    web = "".join(
        lxml.html.fromstring((out / ISSUE / name / "index.html").read_bytes()).text_content()
        for name in ("march-film", "podcast")
    )
    message = parse_eml(out / ISSUE / "email.eml")
    with zipfile.ZipFile(out / ISSUE / f"{ISSUE}.epub") as epub:
        book = "".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))
    outputs = {
        "web": web,
        "email": message.get_body(("html",)).get_content(),
        "email text": " ".join(message.get_body(("plain",)).get_content().split()),
        "epub": book,
        "pdf": " ".join(pdftotext(out / ISSUE / f"{ISSUE}.pdf").split()),
    }
    for name, text in outputs.items():
        positions = [text.find(words) for words in AFTER]
        assert -1 not in positions and positions == sorted(positions), (name, positions)


def test_the_links_are_in_the_email_text_the_epub_and_the_pdf(
    built: tuple[Path, list[str]],
) -> None:
    out, _ = built
    text = parse_eml(out / ISSUE / "email.eml").get_body(("plain",)).get_content()
    with zipfile.ZipFile(out / ISSUE / f"{ISSUE}.epub") as epub:
        book = {
            href for n in epub.namelist() if n.endswith(".xhtml") for href in links(epub.read(n))
        }
    pdf = pdftotext(out / ISSUE / f"{ISSUE}.pdf")
    for page in PAGES:
        assert page in text
        assert page in book
    assert "Strike pay, explained" in pdf and "Dockers\u2019 May Day on the quay" in pdf


def test_nothing_plays_and_no_script_or_frame_is_left(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    for page in out.rglob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        assert page_offences(page.relative_to(out), page.read_bytes()) == [], page
        assert not [e.tag for e in tree.iter("video", "audio", "textarea", "source")], page
    assert (
        "Your browser cannot play this"
        not in (out / ISSUE / "march-film" / "index.html").read_text()
    )


def test_a_video_file_beside_the_document_is_named_with_what_to_do_and_leaves_nothing(
    built: tuple[Path, list[str]],
) -> None:
    out, warnings = built
    for name in ("march.mp4", "film-of-the-day.mp4"):
        about = [w for w in warnings if name in w]
        assert len(about) == 1, warnings
        assert "march-film.md" in about[0] and "put it online" in about[0]
    page = (out / ISSUE / "march-film" / "index.html").read_text()
    assert "The film of the day" not in page and ".mp4" not in page  # no caption left alone
    assert not [w for w in warnings if "rally.webm" in w or "youtube" in w]


def test_a_picture_shown_by_an_object_or_embed_is_named_at_its_line_with_how_to_show_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """It was said to be a video or sound file to put online, with no line."""
    import logging

    from publisher.readers import read_document

    pool = tmp_path / "documents"
    (pool / "media").mkdir(parents=True)
    (pool / "media" / "route.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    path = pool / "route.md"
    path.write_text(
        "---\ntitle: The route\n---\n\nThe march goes by the docks.\n\n"
        '<object data="media/route.svg" type="image/svg+xml"></object>\n\n'
        '<embed src="media/rota.png">\n\n<video src="march.mp4" controls></video>\n'
    )
    with caplog.at_level(logging.WARNING):
        read_document(path, "route", pool, "en")
    assert [m for m in caplog.messages if "left out" in m] == [
        f"{path}:7: picture 'media/route.svg' left out: a picture shown by <object> or <embed>"
        " is not shown by an email, a PDF or an e-book: write it as"
        " ![description](media/route.svg)",
        f"{path}:9: picture 'media/rota.png' left out: a picture shown by <object> or <embed>"
        " is not shown by an email, a PDF or an e-book: write it as"
        " ![description](media/rota.png)",
        f"{path}:11: 'march.mp4' left out: an email, a PDF or an e-book cannot play a video or"
        " sound file; put it online (PeerTube, YouTube, the Internet Archive) and link it",
    ]
