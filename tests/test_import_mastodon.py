"""Importing a Mastodon account's posts, as its archive holds them (Preferences > Import and
export > Request your archive): `outbox.json` (ActivityPub), `actor.json`, `likes.json`,
`bookmarks.json` and `media_attachments/`.

The fixture under tests/exports/mastodon/ is written as Mastodon writes its archive: posts
whose addresses are cut short for display (`invisible` and `ellipsis` spans), a closing
paragraph of hashtag links, a picture with its description, a statement posted as a thread
of three replies to itself ("(1/3)"), an unlisted post in Spanish, a post under a content
warning, a reply to someone else, a post for followers only, a direct message, a poll, a
video, and a boost of someone else's post.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from platform_exports import imported, new_workspace, text_of, zipped

from publisher.errors import PublisherError
from publisher.importers.platforms import import_export

EXPORT = Path(__file__).parent / "exports" / "mastodon" / "archive-20260305093000-4b1f0c2d9e"
OUTBOX = json.loads((EXPORT / "outbox.json").read_text(encoding="utf-8"))


def test_the_archive_its_zip_and_its_folder_are_read_as_mastodon(tmp_path: Path) -> None:
    archive = zipped(EXPORT, tmp_path / "archive-20260305093000-4b1f0c2d9e.zip")
    for n, export in enumerate((EXPORT, archive)):
        _, report = imported(export, tmp_path / str(n))
        assert report.platform == "Mastodon"
        # 11 activities: 4 posts and a thread of 3 are the account's own public words
        assert len(report.written) == 5, export
        assert {w.issue for w in report.written} == {None}  # material for issues


def test_a_post_keeps_its_whole_addresses_its_picture_described_and_its_hashtags_as_tags(
    tmp_path: Path,
) -> None:
    content = OUTBOX["orderedItems"][0]["object"]["content"]
    assert '<span class="ellipsis">dockside.example.org/ne</span>' in content
    root, report = imported(EXPORT, tmp_path)
    front, text = text_of(root, "cleaners-win-back-pay")
    assert "title: Cleaners win back pay\n" in front  # its headline, taken out of the text
    assert "tags:\n- Strike\n- NHS\n" in front and "#" not in text
    assert "date: 2026-01-14\n" in front
    assert "source: https://social.dockside.example/@dockside/112004118771239301\n" in front
    url = "https://dockside.example.org/news/cleaners-win-back-pay-2026"
    assert f"a ballot: <{url}>" in text
    assert (
        "![Cleaners in blue tabards outside the Royal Infirmary, holding a banner that reads"
        " Pay Us What You Owe](media/cleaners-win-back-pay/8c1a2b3d4e5f6071.jpg)"
    ) in text
    assert not report.undescribed


def test_a_thread_the_account_wrote_to_itself_is_one_document_in_order(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "statement-on-the-port-dispute")
    assert "title: Statement on the port dispute\n" in front  # without its "(1/3)"
    assert "tags:\n- Docks\n" in front
    paragraphs = text.strip().split("\n\n")
    assert paragraphs[0].startswith("From Monday the dockers of the port stop work.")
    assert paragraphs[1].startswith("We ask every member to join the picket")
    assert paragraphs[2].startswith("Solidarity is our strength.")
    assert "/3" not in text


def test_an_unlisted_post_is_public_and_a_content_warning_is_the_subtitle(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, _ = text_of(root, "los-jornaleros-de-almeria-convocan-huelga-en-los")
    assert "lang: es\n" in front and "date: 2026-02-20\n" in front
    front, text = text_of(root, "the-police-charged-the-picket-line-at-gate-3-this-morning")
    assert "subtitle: Police violence at the picket\n" in front
    assert "Two members were taken to hospital" in text


def test_what_is_not_the_accounts_own_public_words_is_counted_and_left_out(
    tmp_path: Path,
) -> None:
    root, report = imported(EXPORT, tmp_path)
    assert {(x.kind, x.name) for x in report.left_out} == {
        ("posts", "1 boost(s) of other people's posts"),
        ("posts", "2 post(s) for followers or in private"),
        ("posts", "1 question(s)"),  # a poll
        ("posts", "1 replies to other people's posts"),
        ("video", "speech.mp4"),
    }
    written = " ".join(p.read_text(encoding="utf-8") for p in (root / "documents").glob("*.md"))
    for private in ("strike committee meets", "hall deposit", "we will be there"):
        assert private not in written


def test_importing_the_archive_again_writes_nothing(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    again = import_export(EXPORT, root)
    assert {w.status for w in again.written} == {"unchanged"}


def test_a_picture_the_archive_lacks_is_listed_not_called_online(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(EXPORT, archive)
    shutil.rmtree(archive / "media_attachments")
    root, report = imported(archive, tmp_path)
    assert ("image", "8c1a2b3d4e5f6071.jpg") in {(x.kind, x.name) for x in report.left_out}
    assert not report.online_images
    _, text = text_of(root, "cleaners-win-back-pay")
    assert "![" not in text


def test_a_damaged_outbox_is_named_with_its_line(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(EXPORT, archive)
    (archive / "outbox.json").write_text('{\n  "orderedItems": [\n    {"type": "Create",\n')
    with pytest.raises(PublisherError) as caught:
        import_export(archive, new_workspace(tmp_path / "ws"))
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (archive / "outbox.json", 4)


ACCOUNT = "https://social.dockside.example/users/dockside"
ANA = (
    '<span class="h-card" translate="no"><a href="https://other.example/@ana"'
    ' class="u-url mention">@<span>ana</span></a></span>'
)


def _created(n: int, content: str, answers: int | None = None) -> dict[str, object]:
    """A public post as outbox.json holds it: a Create activity around its Note."""
    public = ["https://www.w3.org/ns/activitystreams#Public"]
    others = [f"{ACCOUNT}/followers", "https://other.example/users/ana"]
    note = {
        "id": f"{ACCOUNT}/statuses/{n}",
        "type": "Note",
        "summary": None,
        "inReplyTo": f"{ACCOUNT}/statuses/{answers}" if answers else None,
        "published": f"2026-01-12T10:0{n}:00Z",
        "url": f"https://social.dockside.example/@dockside/{n}",
        "attributedTo": ACCOUNT,
        "to": public,
        "cc": others,
        "content": content,
        "contentMap": {"en": content},
        "attachment": [],
        "tag": [{"type": "Mention", "href": "https://other.example/users/ana", "name": "@ana"}],
    }
    return {
        "id": f"{ACCOUNT}/statuses/{n}/activity",
        "type": "Create",
        "actor": ACCOUNT,
        "published": note["published"],
        "to": public,
        "cc": others,
        "object": note,
    }


def test_a_thread_is_read_without_the_mentions_mastodon_puts_before_each_reply(
    tmp_path: Path,
) -> None:
    """Mastodon opens a reply with the people its post mentions: in a thread of the
    account's own, each post after the first began "@ana 2/3"."""
    archive = tmp_path / "archive"
    archive.mkdir()
    outbox = {
        **OUTBOX,
        "totalItems": 3,
        "orderedItems": [
            _created(
                1,
                f"<p>🧵 1/3 Our statement on the dismissals, with thanks to {ANA}. Twelve workers were sacked yesterday.</p>",
            ),
            _created(2, f"<p>{ANA} 2/3 We demand their reinstatement and all lost wages.</p>", 1),
            _created(3, f"<p>{ANA} 3/3 Join the picket at the gate on Friday. 🧵</p>", 2),
        ],
    }
    (archive / "outbox.json").write_text(json.dumps(outbox), encoding="utf-8")
    root, report = imported(archive, tmp_path)
    (written,) = report.written
    front, text = text_of(root, written.document.stem)
    assert front.startswith("title: Our statement on the dismissals, with thanks to @ana")
    assert text.strip().split("\n\n") == [
        "Our statement on the dismissals, with thanks to [\\@ana](https://other.example/@ana). Twelve workers were sacked yesterday.",
        "We demand their reinstatement and all lost wages.",
        "Join the picket at the gate on Friday.",
    ]


def test_a_picture_posted_without_words_is_counted_not_made_an_untitled_document(
    tmp_path: Path,
) -> None:
    """As X's and Bluesky's archives are read: a photo alone has no words to publish."""
    archive = tmp_path / "archive"
    archive.mkdir()
    photo = _created(2, "")
    photo["object"]["attachment"] = [  # type: ignore[index]
        {"type": "Document", "mediaType": "image/jpeg", "url": "/media/p.jpg", "name": "A picket"}
    ]
    outbox = {
        **OUTBOX,
        "totalItems": 2,
        "orderedItems": [_created(1, "<p>Picket at the gate on Friday at seven.</p>"), photo],
    }
    (archive / "outbox.json").write_text(json.dumps(outbox), encoding="utf-8")
    root, report = imported(archive, tmp_path)
    assert [w.document.stem for w in report.written] == ["picket-at-the-gate-on-friday-at-seven"]
    assert ("posts", "1 post(s)") in {(x.kind, x.name) for x in report.left_out}
    assert not list((root / "documents").glob("untitled*"))
