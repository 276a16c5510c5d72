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

import json
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


ACCOUNT_ID = "1455667788990011223"


def _tweet(n: int, text: str, answers: int | None = None, **more: object) -> dict[str, object]:
    """A post as tweets.js holds it; `answers` another of the account's own (a thread)."""
    key = str(1750000000000000000 + n)
    tweet: dict[str, object] = {
        "edit_info": {
            "initial": {
                "editTweetIds": [key],
                "editableUntil": "2026-01-12T11:00:00.000Z",
                "editsRemaining": "5",
                "isEditEligible": True,
            }
        },
        "retweeted": False,
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": "3",
        "id_str": key,
        "id": key,
        "truncated": False,
        "created_at": f"Mon Jan 12 10:{n:02}:00 +0000 2026",
        "full_text": text,
        "lang": "en",
    }
    if answers is not None:
        tweet |= {
            "in_reply_to_status_id_str": str(1750000000000000000 + answers),
            "in_reply_to_user_id_str": ACCOUNT_ID,
            "in_reply_to_screen_name": "dockside",
        }
    return {"tweet": tweet | more}


def archived(tmp_path: Path, tweets: list[dict[str, object]], **data: str) -> Path:
    """An archive's folder with these posts in data/tweets.js, and `data`'s other files."""
    folder = tmp_path / "twitter-2026-03-05-8f3a2c"
    shutil.copytree(EXPORT, folder)
    text = "window.YTD.tweets.part0 = " + json.dumps(tweets, ensure_ascii=False, indent=2)
    (folder / "data" / "tweets.js").write_text(text, encoding="utf-8")
    for name, content in data.items():
        (folder / "data" / name).write_text(content, encoding="utf-8")
    return folder


def test_a_thread_is_read_without_the_mentions_x_puts_before_each_reply(tmp_path: Path) -> None:
    """X opens each reply with the people its post answers: "@ana_ruiz 2/3 We demand…",
    the words it shows starting where `display_text_range` says."""
    first = "🧵 1/3 Our statement on the dismissals, with thanks to @ana_ruiz for the advice. Twelve were sacked."
    second = "@ana_ruiz 2/3 We demand their reinstatement and all lost wages."
    third = "@ana_ruiz [3/3] Join the picket at the gate on Friday at 6am &lt;bring a flask&gt;."
    tweets = [
        _tweet(1, first),
        _tweet(2, second, 1, display_text_range=["10", str(len(second))]),
        _tweet(3, third, 2, display_text_range=["10", str(len(third))]),
    ]
    root, report = imported(archived(tmp_path, tweets), tmp_path)
    (written,) = report.written
    front, text = text_of(root, written.document.stem)
    assert front.startswith("title: Our statement on the dismissals, with thanks to @ana_ruiz")
    assert text.strip().split("\n\n") == [
        "Our statement on the dismissals, with thanks to \\@ana_ruiz for the advice. Twelve were sacked.",
        "We demand their reinstatement and all lost wages.",
        "Join the picket at the gate on Friday at 6am \\<bring a flask\\>.",
    ]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("🧵 1/3", "3/3 🧵"), ("(1/3)", "(3/3)"), ("1/", "3/"), ("[1/n]", "[3/n]"), ("1/3 🧵", "🧵")],
)
def test_each_way_of_counting_a_thread_is_taken_out(
    tmp_path: Path, opening: str, closing: str
) -> None:
    first = f"{opening} Our statement on the dismissals at the port, which the company made today."
    tweets = [
        _tweet(1, first),
        _tweet(2, "2/3 We demand their reinstatement and all lost wages.", 1),
        _tweet(3, f"Join the picket at the gate on Friday. {closing}", 2),
    ]
    root, report = imported(archived(tmp_path, tweets), tmp_path)
    (written,) = report.written
    front, text = text_of(root, written.document.stem)
    assert front.startswith("title: Our statement on the dismissals at the port")
    assert text.strip().split("\n\n") == [
        "Our statement on the dismissals at the port, which the company made today.",
        "We demand their reinstatement and all lost wages.",
        "Join the picket at the gate on Friday.",
    ]


def test_an_edited_post_is_imported_once_as_last_edited(tmp_path: Path) -> None:
    """tweets.js holds each version of an edited post; the first lists them all
    (`edit_info.initial.editTweetIds`), each later one names the first."""
    versions = {"editTweetIds": ["1750000000000000001", "1750000000000000002"]}
    before = "Rally on Saturday at noon in the Plaza Mayor. Bring banners and bring friends!"
    after = "Rally on Saturday at 1pm in the Plaza Mayor. Bring banners and bring friends!"
    edited = {"initialTweetId": "1750000000000000001", "editControlInitial": versions}
    tweets = [
        _tweet(1, before, edit_info={"initial": versions}),
        _tweet(2, after, edit_info={"edit": edited}),
        _tweet(3, "2/2 And bring a flask: it will be cold at the plaza all afternoon.", 1),
    ]
    root, report = imported(archived(tmp_path, tweets), tmp_path)
    (written,) = report.written
    front, text = text_of(root, written.document.stem)
    assert "source: https://x.com/dockside/status/1750000000000000002\n" in front
    assert text.strip().split("\n\n") == [
        "Rally on Saturday at 1pm in the Plaza Mayor. Bring banners and bring friends!",
        "And bring a flask: it will be cold at the plaza all afternoon.",
    ]
    assert not report.left_out


def test_a_long_post_is_read_whole_from_the_archive_s_note_tweets(tmp_path: Path) -> None:
    """A post longer than 280 characters (X Premium) is cut short in tweets.js, ending "…"
    and a link to itself; its whole text is in note-tweet.js, under an id of its own, made
    the same second."""
    long = (
        "Why we strike. For six weeks the cleaners at the port have stood at the gate every"
        " morning. They clean the offices of a company that made record profits last year,"
        " yet they are paid the minimum wage and many have no contract at all. This is not an"
        " accident: it is how outsourcing works &amp; who pays for it.\n\nWe demand direct"
        " employment and a living wage. Read more: https://t.co/Wage123"
    )
    cut = long[: long.index("This is not") + len("This is not")] + "… https://t.co/NoTe777"
    link = "https://x.com/i/web/status/1750000000000000001"
    tweets = [
        _tweet(
            1,
            cut,
            entities={
                "hashtags": [],
                "user_mentions": [],
                "urls": [
                    {"url": "https://t.co/NoTe777", "expanded_url": link, "indices": ["266", "289"]}
                ],
            },
        ),
    ]
    note = {
        "noteTweet": {
            "noteTweetId": "1750000000000000099",
            "updatedAt": "2026-01-12T10:01:00.000Z",
            "lifecycle": {"value": "1", "name": "Created", "originalName": "Created"},
            "createdAt": "2026-01-12T10:01:00.000Z",
            "core": {
                "styletags": [],
                "urls": [
                    {
                        "shortUrl": "https://t.co/Wage123",
                        "expandedUrl": "https://dockside.example.org/wages",
                        "displayUrl": "dockside.example.org/wages",
                    }
                ],
                "text": long.replace("&amp;", "&"),
                "mentions": [],
                "cashtags": [],
                "hashtags": [],
            },
        }
    }
    notes = "window.YTD.note_tweet.part0 = " + json.dumps([note], indent=2)
    root, report = imported(archived(tmp_path, tweets, **{"note-tweet.js": notes}), tmp_path)
    (written,) = report.written
    _, text = text_of(root, written.document.stem)
    assert "it is how outsourcing works & who pays for it." in text
    assert text.strip().endswith(
        "We demand direct employment and a living wage. Read more:"
        " <https://dockside.example.org/wages>"
    )
    assert "…" not in text and "i/web/status" not in text
