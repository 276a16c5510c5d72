"""Importing a Facebook Page's posts, as "Download your information" gives them in JSON: a
zip (or its folder) holding `this_profile's_activity_across_facebook/posts/
profile_posts_1.json`, `profile_posts_2.json` and the photos in `posts/media/`.

The fixture under tests/exports/facebook/ is written as Facebook writes it: every string's
UTF-8 bytes escaped as characters of their own ("H\\u00c3\\u00a9l\\u00c3\\u00a8ne"), a
statement with a title line, a bulleted list, its signature and date and a line of
hashtags, posts without a title line, in Spanish and in Arabic, a shared link, a photo
alone, a link alone, a video, a photo the download lacks, an older post whose words are
only in its photo's description, and files that hold no posts (an album, the Page's
information).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from platform_exports import imported, new_workspace, text_of, zipped

from publisher.errors import PublisherError
from publisher.importers.platforms import import_export
from publisher.readers import read_document

EXPORT = (
    Path(__file__).parent / "exports" / "facebook" / "facebook-docksideworkers-2026-03-06-xK2fQ"
)
POSTS = EXPORT / "this_profile's_activity_across_facebook" / "posts"


def test_the_download_folder_and_its_zip_are_read_as_facebook(tmp_path: Path) -> None:
    archive = zipped(EXPORT, tmp_path / "facebook-docksideworkers-2026-03-06-xK2fQ.zip")
    for n, export in enumerate((EXPORT, archive)):
        _, report = imported(export, tmp_path / str(n))
        assert report.platform == "Facebook"
        assert len(report.written) == 7, export  # six in the first file, one in the second
        assert {w.issue for w in report.written} == {None}  # posts are material, not issues


def test_the_bytes_facebook_escaped_one_by_one_are_read_as_the_words_written(
    tmp_path: Path,
) -> None:
    assert b"H\\u00c3\\u00a9l\\u00c3\\u00a8ne" in (POSTS / "profile_posts_1.json").read_bytes()
    root, _ = imported(EXPORT, tmp_path)
    _, text = text_of(root, "cleaners-win-back-pay")
    assert "a picket line that Hélène and her workmates" in text
    front, _ = text_of(root, "بيان-تضامن-مع-عمال-ميناء-الإسكندرية")
    assert "title: بيان تضامن مع عمال ميناء الإسكندرية\n" in front and "lang: ar\n" in front
    _, quiz = text_of(root, "thank-you-to-everyone-who-came-to-the")
    assert "we raised £412 for the strike fund" in quiz


def test_a_download_without_the_escaping_is_read_as_it_is(tmp_path: Path) -> None:
    """Should Facebook mend its JSON, the words must not be changed twice."""
    folder = tmp_path / "download" / "your_facebook_activity" / "posts"
    folder.mkdir(parents=True)
    post = {
        "timestamp": 1771588800,
        "data": [{"post": "Hélène and Ñusta lead the march. Join them!"}],
    }
    (folder / "your_posts__check_ins__photos_and_videos_1.json").write_text(
        json.dumps([post], ensure_ascii=False), encoding="utf-8"
    )
    _, report = imported(tmp_path / "download", tmp_path)
    (written,) = report.written
    assert written.post.title == "Hélène and Ñusta lead the march."


def test_a_statement_keeps_its_title_list_signature_date_and_tags(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "cleaners-win-back-pay")
    assert "title: Cleaners win back pay\n" in front  # its title line, not also in the text
    assert "date: 2026-01-14\n" in front  # the statement's own date; posted on the 15th
    assert "authors:\n- Dockside Workers' Network\n" in front
    assert "tags:\n- strike\n- NHS\n" in front and "#strike" not in text
    assert "- a living wage for every cleaner\n- sick pay from the first day\n" in text
    assert text.count("Cleaners win back pay") == 0


def test_a_post_without_a_title_line_is_named_by_its_first_sentence_on_its_day(
    tmp_path: Path,
) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "pickets-are-at-the-main-gate-from-6am-on-monday")
    assert "title: 📢 Pickets are at the main gate from 6am on Monday.\n" in front
    assert "date: 2026-02-02\n" in front
    assert "Details: https://dockside.example.org/pickets\n" in text  # a link once read
    slug = "pickets-are-at-the-main-gate-from-6am-on-monday"
    doc = read_document(root / "documents" / f"{slug}.md", slug, root / "documents", "en")
    assert '<a href="https://dockside.example.org/pickets" class="uri" dir="ltr">' in doc.body_html


def test_its_photos_come_first_and_a_link_it_shares_last_by_its_name(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    _, text = text_of(root, "cleaners-win-back-pay")
    assert text.split("\n\n")[0] == (
        "\n![](media/cleaners-win-back-pay/cleaners_picket_10293847561.jpg)"
    )
    assert (
        root / "documents/media/cleaners-win-back-pay/cleaners_picket_10293847561.jpg"
    ).is_file()
    front, text = text_of(root, "los-jornaleros-de-almeria-convocan-huelga-en-los")
    assert "lang: es\n" in front
    assert text.rstrip().endswith("[Huelga en Almería](https://sat.example.org/huelga-almeria)")


def test_words_given_only_in_a_photos_description_are_the_post(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "solidarity-from-the-port-of-valencia")
    assert "date: 2025-11-20\n" in front
    assert "The estibadores sent us this photo from their assembly." in text
    assert "![](media/solidarity-from-the-port-of-valencia/valencia_port_10293847562.jpg)" in text


def test_what_has_no_words_a_video_and_a_photo_the_download_lacks_are_listed(
    tmp_path: Path,
) -> None:
    root, report = imported(EXPORT, tmp_path)
    assert {(x.kind, x.name) for x in report.left_out} == {
        ("posts", "2 post(s)"),  # a photo alone, a link alone
        ("video", "video of 2026-03-04"),
        ("image", "photo of 2026-03-05"),
    }
    front, _ = text_of(root, "watch-rosa-s-speech-at-saturday-s-rally-in-full")
    assert "date: 2026-03-04\n" in front  # the post itself is kept
    assert not (root / "documents" / "media" / "photo-alone").exists()


def test_importing_the_download_again_writes_nothing(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    again = import_export(EXPORT, root)
    assert {w.status for w in again.written} == {"unchanged"}


def test_the_download_as_web_pages_is_refused_with_how_to_ask_for_json(tmp_path: Path) -> None:
    """Facebook offers HTML first; its pages do not keep one post's words apart from the next."""
    download = tmp_path / "facebook-docksideworkers-2026-03-06"
    posts = download / "this_profile's_activity_across_facebook" / "posts"
    posts.mkdir(parents=True)
    (posts / "profile_posts_1.html").write_text("<html><body><div>…</div></body></html>")
    shutil.copytree(POSTS / "media", posts / "media")
    (download / "start_here.html").write_text("<html><body>Your information</body></html>")
    with pytest.raises(PublisherError) as caught:
        import_export(download, new_workspace(tmp_path / "ws"))
    assert "web pages" in str(caught.value) and "Format: JSON" in str(caught.value.problems[0].hint)


def test_a_damaged_posts_file_is_named_with_its_line(tmp_path: Path) -> None:
    download = tmp_path / "download"
    shutil.copytree(EXPORT, download)
    damaged = download / "this_profile's_activity_across_facebook/posts/profile_posts_2.json"
    damaged.write_text('[\n  {\n    "timestamp": 1763640000,\n    "data": [\n')
    with pytest.raises(PublisherError) as caught:
        import_export(download, new_workspace(tmp_path / "ws"))
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (damaged, 5)
    assert "not valid JSON" in problem.message
