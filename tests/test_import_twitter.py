"""Importing an X (Twitter) account's posts, as its archive holds them (Settings > Your account
> Download an archive of your data): `data/tweets.js` (JSON after `window.YTD.tweets.part0 =`),
`data/account.js`, `data/tweets_media/` and the archive's own web page.

The fixture under tests/exports/twitter/ is written as X writes its archive: posts with
&amp; and &lt; escaped, links as t.co addresses with the addresses they stand for, a closing
line of hashtags with the picture's t.co address after it, the picture in tweets_media/, a
statement posted as a thread of three replies to itself, a Spanish post, a reply to someone
else, a repost, a picture alone, a video, likes and followers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from platform_exports import imported, new_workspace, text_of, zipped

from publisher.errors import PublisherError
from publisher.importers.platforms import import_export

EXPORT = Path(__file__).parent / "exports" / "twitter" / "twitter-2026-03-05-8f3a2c"
CLEANERS = "cleaners-win-back-pay-every-hour-the-contractor-withheld"


def test_the_archive_and_its_zip_are_read_as_x(tmp_path: Path) -> None:
    archive = zipped(EXPORT, tmp_path / "twitter-2026-03-05-8f3a2c.zip")
    for n, export in enumerate((EXPORT, archive)):
        _, report = imported(export, tmp_path / str(n))
        assert report.platform == "X (Twitter)"
        assert len(report.written) == 4, export  # 9 posts: a thread of 3 is one
        assert {w.issue for w in report.written} == {None}


def test_a_post_reads_as_written_with_its_links_whole_its_hashtags_tags_its_picture_after(
    tmp_path: Path,
) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, CLEANERS)
    assert "title: Cleaners win back pay & every hour the contractor withheld.\n" in front
    assert "tags:\n- strike\n- NHS\n" in front and "date: 2026-01-14\n" in front
    assert "source: https://x.com/dockside/status/1746771002233440001\n" in front
    url = "https://dockside.example.org/news/cleaners-win-back-pay-2026"
    assert f"a picket line: <{url}>" in text
    assert "t.co" not in text and "#" not in text and "&amp;" not in text
    assert text.rstrip().endswith(f"![](media/{CLEANERS}/1746771002233440001-GDx7aBcWkAA1xyz.jpg)")
    assert (
        root / "documents" / "media" / CLEANERS / "1746771002233440001-GDx7aBcWkAA1xyz.jpg"
    ).is_file()


def test_a_thread_the_account_wrote_to_itself_is_one_document_without_its_counts(
    tmp_path: Path,
) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "statement-on-the-port-dispute")
    assert "title: Statement on the port dispute\n" in front and "date: 2026-02-02\n" in front
    paragraphs = text.strip().split("\n\n")
    assert paragraphs[0].endswith("profits doubled.")
    assert paragraphs[1].startswith("We ask every member to join the picket")
    assert paragraphs[2] == "Solidarity is our strength. \\<3"  # "&lt;3", as written
    assert "🧵" not in text and "/3" not in text


def test_what_is_not_the_accounts_own_words_is_counted_and_left_out(tmp_path: Path) -> None:
    root, report = imported(EXPORT, tmp_path)
    assert {(x.kind, x.name) for x in report.left_out} == {
        ("posts", "1 post(s)"),  # a picture alone
        ("posts", "1 replies to other people's posts"),
        ("posts", "1 repost(s) of other people's posts"),
        ("video", "video of 2026-03-05"),
    }
    (wordless,) = [x.why for x in report.left_out if x.name == "1 post(s)"]
    assert wordless.startswith("no words to publish")  # the account's own, not someone else's
    written = " ".join(p.read_text(encoding="utf-8") for p in (root / "documents").glob("*.md"))
    assert "we will be there" not in written and "gate 3 held" not in written
    front, _ = text_of(root, "los-jornaleros-de-almeria-convocan-huelga-en-los")
    assert "lang: es\n" in front


def test_importing_the_archive_again_writes_nothing(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    again = import_export(EXPORT, root)
    assert {w.status for w in again.written} == {"unchanged"}


def test_a_damaged_posts_file_is_refused_by_name(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(EXPORT, archive)
    posts = archive / "data" / "tweets.js"
    posts.write_text(posts.read_text()[:900])  # cut off, as a download that failed
    with pytest.raises(PublisherError) as caught:
        import_export(archive, new_workspace(tmp_path / "ws"))
    assert str(caught.value).startswith(f"{posts}: not readable")


def test_the_posts_file_alone_is_read_with_its_pictures_named_online(tmp_path: Path) -> None:
    """tweets.js sent on by itself: its posts and threads (a post it answers that it holds
    is the account's own), its pictures at their addresses, for --fetch-images."""
    alone = tmp_path / "tweets.js"
    shutil.copy(EXPORT / "data" / "tweets.js", alone)
    root, report = imported(alone, tmp_path)
    assert len(report.written) == 4
    front, _ = text_of(root, "statement-on-the-port-dispute")
    assert "source:" not in front  # the account's name is in account.js
    assert (
        "Cleaners win back pay & every hour the contractor withheld.",
        "https://pbs.twimg.com/media/GDx7aBcWkAA1xyz.jpg",
    ) in report.online_images
