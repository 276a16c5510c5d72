"""Importing a Bluesky account's posts, as its repository export holds them (Settings > Account
> Export my data): one `.car` file of DAG-CBOR records whose root, the commit, names the
account's DID.

The fixture under tests/exports/bluesky/ was written as the export is (a CAR v1 file: the
commit, one tree node, the records): a post with a link Bluesky cut short for display,
hashtags and a picture with its description; a statement posted as a thread of three
replies to itself ("🧵", "1/3"); a Spanish post with a link card; a quote of someone else's
post; a reply to someone else; a picture without words; a video; a repost, a like, a
follow and the profile.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import libipld
import pytest
from platform_exports import imported, new_workspace, text_of, zipped

from publisher.errors import PublisherError
from publisher.importers.platforms import import_export

EXPORT = Path(__file__).parent / "exports" / "bluesky" / "did-plc-w4x2dockside7n3q5kz-20260305.car"
DID = "did:plc:w4x2dockside7n3q5kz"


def records() -> list[dict]:
    _, blocks = libipld.decode_car(EXPORT.read_bytes())
    return [block for block in blocks.values() if isinstance(block, dict) and "$type" in block]


def test_the_export_and_a_zip_of_it_are_read_as_bluesky(tmp_path: Path) -> None:
    archive = zipped(EXPORT.parent, tmp_path / "bluesky-export.zip")  # the .car alone
    for n, export in enumerate((EXPORT, archive)):
        _, report = imported(export, tmp_path / str(n))
        assert report.platform == "Bluesky"
        assert len(report.written) == 5, export  # 8 posts: a thread of 3 is one
        assert {w.issue for w in report.written} == {None}


def test_a_post_shows_its_links_whole_its_mentions_as_links_and_its_hashtags_as_tags(
    tmp_path: Path,
) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "cleaners-win-back-pay")
    assert "tags:\n- strike\n- NHS\n" in front and "date: 2026-01-14\n" in front
    # its address, from its key in the repository's tree (app.bsky.feed.post/3lbq2cleaners22)
    assert f"source: https://bsky.app/profile/{DID}/post/3lbq2cleaners22\n" in front
    url = "https://dockside.example.org/news/cleaners-win-back-pay-2026"
    assert f"withheld: <{url}>" in text  # not "dockside.example.org/news/clea..."
    assert "#" not in text
    _, thread = text_of(root, "statement-on-the-port-dispute")
    profile = "https://bsky.app/profile/did:plc:rosa0example0000000"
    assert f"compañeros! Thanks to [\\@rosa.example.social]({profile}) for the photos." in thread


def test_a_thread_the_account_wrote_to_itself_is_one_document_without_its_counts(
    tmp_path: Path,
) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "statement-on-the-port-dispute")
    assert "title: Statement on the port dispute\n" in front and "date: 2026-02-02\n" in front
    assert f"source: https://bsky.app/profile/{DID}/post/3lbq2statement1\n" in front  # its first
    paragraphs = text.strip().split("\n\n")
    assert paragraphs[0].startswith("From Monday the dockers of the port stop work.")
    assert paragraphs[0].endswith("profits doubled.")
    assert paragraphs[1].startswith("We ask every member to join the picket")
    assert paragraphs[2].startswith("Solidarity is our strength.")
    assert "🧵" not in text and "/3" not in text


def test_a_link_card_and_a_quoted_post_become_links(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "los-jornaleros-de-almeria-convocan-huelga-en-los")
    assert "lang: es\n" in front
    assert text.rstrip().endswith(
        "[Huelga en los invernaderos de Almería](https://sat.example.org/huelga-almeria)"
    )
    _, quote = text_of(root, "read-rosa-s-account-of-the-picket-this-morning")
    quoted = "https://bsky.app/profile/did:plc:rosa0example0000000/post/3lbq1rosapicket"
    assert f"<{quoted}>" in quote


def test_the_pictures_the_export_lacks_are_named_at_bluesky_with_their_description(
    tmp_path: Path,
) -> None:
    (picture,) = [
        image
        for record in records()
        if record.get("embed", {}).get("$type") == "app.bsky.embed.images"
        for image in record["embed"]["images"]
        if image["alt"]
    ]
    cid = libipld.encode_cid(picture["image"]["ref"])
    _, report = imported(EXPORT, tmp_path)
    address = f"https://cdn.bsky.app/img/feed_fullsize/plain/{DID}/{cid}@jpeg"
    assert ("Cleaners win back pay.", address) in report.online_images


def test_what_is_not_the_accounts_own_words_is_counted_and_left_out(tmp_path: Path) -> None:
    root, report = imported(EXPORT, tmp_path)
    assert {(x.kind, x.name) for x in report.left_out} == {
        ("posts", "1 post(s)"),
        ("posts", "1 replies to other people's posts"),
        ("posts", "1 repost(s) of other people's posts"),
        ("video", "video of 2026-03-05"),
    }
    (wordless,) = [x.why for x in report.left_out if x.name == "1 post(s)"]
    assert wordless.startswith("no words to publish")  # the account's own, not someone else's
    written = " ".join(p.read_text(encoding="utf-8") for p in (root / "documents").glob("*.md"))
    assert "we will be there" not in written
    front, _ = text_of(root, "rosa-s-speech-at-saturday-s-rally-in-full")  # kept, its video not
    assert f"source: https://bsky.app/profile/{DID}/post/3lbq2videospch\n" in front


def test_importing_the_export_again_writes_nothing(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    again = import_export(EXPORT, root)
    assert {w.status for w in again.written} == {"unchanged"}


def test_a_damaged_export_is_refused_by_name(tmp_path: Path) -> None:
    damaged = tmp_path / EXPORT.name
    shutil.copy(EXPORT, damaged)
    damaged.write_bytes(EXPORT.read_bytes()[:2000])  # cut off mid-block, as a failed download
    with pytest.raises(PublisherError) as caught:
        import_export(damaged, new_workspace(tmp_path / "ws"))
    assert str(caught.value).startswith(f"{damaged}: not a readable repository export")
