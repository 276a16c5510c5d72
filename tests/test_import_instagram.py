"""Importing an Instagram account's posts, as Meta's "Download your information" gives them in
JSON: `your_instagram_activity/content/posts_1.json` beside `media/posts/`.

The fixture under tests/exports/instagram/ is written as Meta writes it: every string's
UTF-8 bytes escaped as characters of their own, a caption on its one picture with lines of a
dot alone holding its hashtags apart, a post of two pictures with its caption beside them,
a picture without a caption, a video, a Spanish caption whose hashtags take two lines after a
blank Braille cell, and files that hold no posts (reels, the account's information).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from platform_exports import imported, new_workspace, text_of, zipped

from publisher.errors import PublisherError
from publisher.importers.platforms import import_export

EXPORT = (
    Path(__file__).parent / "exports" / "instagram" / "instagram-dockside_network-2026-03-06-Qw3rT"
)
POSTS = EXPORT / "your_instagram_activity" / "content" / "posts_1.json"


def test_the_download_folder_and_its_zip_are_read_as_instagram(tmp_path: Path) -> None:
    archive = zipped(EXPORT, tmp_path / "instagram-dockside_network-2026-03-06-Qw3rT.zip")
    for n, export in enumerate((EXPORT, archive)):
        _, report = imported(export, tmp_path / str(n))
        assert report.platform == "Instagram"
        assert len(report.written) == 4, export
        assert {w.issue for w in report.written} == {None}


def test_a_caption_is_read_as_written_its_spacer_dots_gone_and_its_hashtags_tags(
    tmp_path: Path,
) -> None:
    assert b"H\\u00c3\\u00a9l\\u00c3\\u00a8ne" in POSTS.read_bytes()
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "cleaners-win-back-pay")
    assert "title: Cleaners win back pay! ✊\n" in front
    assert "tags:\n- strike\n- NHS\n- cleaners\n" in front and "date: 2026-01-14\n" in front
    assert "a picket line that Hélène and her workmates" in text
    assert "#" not in text and "\n.\n" not in text and not text.rstrip().endswith(".\n.")
    front, text = text_of(root, "toda-nuestra-solidaridad-con-los-jornaleros-de-almeria")
    assert "tags:\n- huelga\n- SAT\n- jornaleros\n" in front and "lang: es\n" in front
    assert "\u2800" not in text and "#" not in text


def test_a_post_of_several_pictures_shows_them_all_before_its_caption(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "pickets-are-at-the-main-gate-from-6am-on-monday")
    assert "date: 2026-02-02\n" in front
    slug = "pickets-are-at-the-main-gate-from-6am-on-monday"
    assert text.strip().split("\n\n") == [
        f"![](media/{slug}/17923456789012345.jpg)",
        f"![](media/{slug}/17923456789012346.jpg)",
        "Pickets are at the main gate from 6am on Monday. Bring a flask and a friend!",
    ]


def test_a_picture_without_words_a_video_and_reels_are_listed_not_imported(
    tmp_path: Path,
) -> None:
    root, report = imported(EXPORT, tmp_path)
    assert {(x.kind, x.name) for x in report.left_out} == {
        ("posts", "1 post(s)"),
        ("video", "video of 2026-03-04"),
        ("video", "1 reel(s)"),  # content/reels.json: read nowhere else, said nowhere else
    }
    assert "Reel" not in " ".join(w.post.title for w in report.written)
    assert (root / "documents" / "rosa-s-speech-at-saturday-s-rally-in-full.md").is_file()


def test_the_download_as_web_pages_is_refused_naming_instagram(tmp_path: Path) -> None:
    download = tmp_path / "instagram-dockside_network-2026-03-06"
    content = download / "your_instagram_activity" / "content"
    content.mkdir(parents=True)
    (content / "posts_1.html").write_text("<html><body><div>…</div></body></html>")
    shutil.copytree(EXPORT / "media", download / "media")
    with pytest.raises(PublisherError) as caught:
        import_export(download, new_workspace(tmp_path / "ws"))
    assert str(caught.value).startswith(f"{download}: Instagram's download as web pages")
    assert "Format: JSON" in str(caught.value.problems[0].hint)
