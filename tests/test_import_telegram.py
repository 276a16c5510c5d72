"""Importing a Telegram channel's posts, as Telegram Desktop exports a chat's history in
"Machine-readable JSON": a folder `ChatExport_<date>/` holding result.json and photos/.

The fixture under tests/exports/telegram/ is written as Telegram writes it: each message's
words as runs (`text_entities`: plain, bold, text_link with its href, mention, hashtag,
code), the channel's signature (`author`), an album of two photos (a second message in the
same second, without words), a Farsi post, a forwarded post, a photo left out of the export,
a sticker, a voice message, a poll, a service message, and a post in the older form whose
`text` is a list of strings and runs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from platform_exports import imported, new_workspace, text_of, zipped

from publisher.errors import PublisherError
from publisher.importers.platform_report import rows
from publisher.importers.platforms import import_export

EXPORT = Path(__file__).parent / "exports" / "telegram" / "ChatExport_2026-03-05"
RESULT = json.loads((EXPORT / "result.json").read_text(encoding="utf-8"))
# the Farsi post's title as its name: its letters, without the mark on هفتهٔ
FARSI = "اعتصاب-کارگران-پتروشیمی-برای-هفته-سوم-ادامه-دارد"


def exported(tmp_path: Path, chat: dict[str, object]) -> Path:
    folder = tmp_path / "ChatExport"
    folder.mkdir()
    (folder / "result.json").write_text(json.dumps(chat), encoding="utf-8")
    return folder


def test_the_folder_a_zip_of_it_and_its_json_renamed_are_read_as_telegram(
    tmp_path: Path,
) -> None:
    archive = zipped(EXPORT, tmp_path / "export.zip", inside="ChatExport_2026-03-05")
    renamed = tmp_path / "dockside-channel.json"
    shutil.copy(EXPORT / "result.json", renamed)
    for n, export in enumerate((EXPORT, archive, renamed)):
        _, report = imported(export, tmp_path / str(n))
        assert report.platform == "Telegram"
        assert len(report.written) == 5, export  # 6 posts with words, one forwarded


def test_a_post_keeps_its_title_paragraphs_list_links_and_tags(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "cleaners-win-back-pay")
    assert "title: Cleaners win back pay\n" in front  # its first line, bold alone
    assert "tags:\n- strike\n- NHS\n" in front and "#strike" not in text
    assert "authors:\n- Rosa Kelly\n" in front and "date: 2026-01-14\n" in front
    assert text.split("\n\n")[2:] == [
        "The cleaners at the Royal Infirmary have won back every hour of pay the contractor"
        " withheld.\\\nIt took six months and [a ballot](https://dockside.example.org/ballot).",
        "What comes next:",
        "- a living wage for every cleaner\n- sick pay from the first day\n",
    ]
    _, pickets = text_of(root, "pickets-are-at-the-main-gate-from-6am-on-monday")
    assert "[\\@dockside_news](https://t.me/dockside_news)" in pickets
    assert "`DOCK-2026`" in pickets


def test_an_albums_photos_come_first_with_their_post_and_want_alt_text(tmp_path: Path) -> None:
    root, report = imported(EXPORT, tmp_path)
    _, text = text_of(root, "cleaners-win-back-pay")
    assert text.split("\n\n")[:2] == [
        "\n![](media/cleaners-win-back-pay/photo_2@14-01-2026_09-32-00.jpg)",
        "![](media/cleaners-win-back-pay/photo_3@14-01-2026_09-32-00.jpg)",
    ]
    copied = (
        root / "documents" / "media" / "cleaners-win-back-pay" / "photo_3@14-01-2026_09-32-00.jpg"
    )
    assert copied.read_bytes() == (EXPORT / "photos" / copied.name).read_bytes()
    assert report.undescribed == [
        ("Cleaners win back pay", "photo_2@14-01-2026_09-32-00.jpg"),
        ("Cleaners win back pay", "photo_3@14-01-2026_09-32-00.jpg"),
    ]
    wanted = [line for line in rows(report, root) if line[1] == "needs alt text"]
    assert len(wanted) == 1  # one line a post, however many pictures
    assert "photo_2@14-01-2026_09-32-00.jpg, photo_3@14-01-2026_09-32-00.jpg" in wanted[0][2]


def test_a_post_without_a_bold_first_line_is_titled_by_its_first_sentence(
    tmp_path: Path,
) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, FARSI)
    assert "title: اعتصاب کارگران پتروشیمی برای هفتهٔ سوم ادامه دارد.\n" in front
    assert "lang: fa\n" in front
    assert text.startswith("\nاعتصاب کارگران پتروشیمی")  # the sentence stays in the text


def test_the_older_text_form_is_read(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    _, text = text_of(root, "ballot-result")
    assert text == "\nNinety per cent voted yes on a turnout of seventy per cent.\n"


def test_a_post_forwarded_from_another_chat_is_counted_not_made_the_channel_s_own(
    tmp_path: Path,
) -> None:
    """It became a document of the channel's, signed by the other chat and with no sign
    that it was forwarded; X's, Mastodon's and Bluesky's reposts are left out. One the
    channel forwarded from itself is its own words."""
    own = [{"type": "plain", "text": "Pickets at the main gate from 6am on Monday, all week."}]
    chat = {
        **RESULT,
        "messages": [
            RESULT["messages"][8],  # forwarded from Bus Drivers United
            _message(2, own, forwarded_from=RESULT["name"]),
            _message(
                3,
                [{"type": "plain", "text": "Sender hidden: join us at the rally."}],
                forwarded_from=None,
            ),
        ],
    }
    assert "forwarded_from" in chat["messages"][0]
    root, report = imported(exported(tmp_path, chat), tmp_path)
    assert [w.document.stem for w in report.written] == [
        "pickets-at-the-main-gate-from-6am-on-monday-all-week"
    ]
    front, _ = text_of(root, "pickets-at-the-main-gate-from-6am-on-monday-all-week")
    assert "authors:" not in front
    assert {(x.kind, x.name, x.why) for x in report.left_out} == {
        ("messages", "2 post(s) forwarded from other chats", "not the channel's own words"),
    }


@pytest.mark.parametrize("bullet", ["▪\ufe0f", "🔹", "►\ufe0f"])
def test_a_posts_lines_bulleted_as_a_phone_types_them_are_a_list(
    tmp_path: Path, bullet: str
) -> None:
    """A phone types "▪" and "►" as emoji, the character and U+FE0F ("▪️"): the lines
    stayed lines, their bullets before them, where "▪" alone made a list."""
    words = f"Pickets this week\n\n{bullet} Monday at the main gate\n{bullet} Friday at the depot"
    post = _message(2, [{"type": "plain", "text": words}])
    root, report = imported(exported(tmp_path, {**RESULT, "messages": [post]}), tmp_path)
    _, text = text_of(root, report.written[0].document.stem)
    assert "- Monday at the main gate\n- Friday at the depot\n" in text, text


def test_messages_without_words_are_counted_and_no_post_is_an_issue(tmp_path: Path) -> None:
    root, report = imported(EXPORT, tmp_path)
    assert {(x.kind, x.name, x.why) for x in report.left_out} == {
        ("messages", "1 poll(s)", "no words to publish"),
        ("messages", "1 sticker(s)", "no words to publish"),
        ("messages", "1 voice message(s)", "no words to publish"),
        ("messages", "1 post(s) forwarded from other chats", "not the channel's own words"),
        ("image", "photo of 2026-02-12T07:00:00", "not in the export: tick Photos when exporting"),
    }
    assert all(w.issue is None for w in report.written)
    assert sorted(p.name for p in (root / "issues").iterdir()) == ["001-first-issue.yaml"]


def test_a_photo_alone_in_another_second_is_not_taken_into_the_next_post(
    tmp_path: Path,
) -> None:
    chat = {**RESULT, "messages": [dict(m) for m in RESULT["messages"]]}
    chat["messages"][2]["date"] = "2026-01-15T10:00:00"  # the album's second photo, a day later
    _, report = imported(exported(tmp_path, chat), tmp_path)
    assert ("messages", "1 photo(s)", "no words to publish") in {
        (x.kind, x.name, x.why) for x in report.left_out
    }


@pytest.mark.parametrize(
    ("chat", "says"),
    [
        ({**RESULT, "type": "private_supergroup"}, "private supergroup, not a channel's posts"),
        ({**RESULT, "type": "personal_chat"}, "personal chat, not a channel's posts"),
        (
            {"about": "x", "personal_information": {"user_id": 1}, "chats": {"list": [RESULT]}},
            "a whole Telegram account",
        ),
    ],
)
def test_a_chat_that_is_not_a_channel_is_refused_and_nothing_written(
    tmp_path: Path, chat: dict[str, object], says: str
) -> None:
    root = new_workspace(tmp_path / "ws")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    with pytest.raises(PublisherError, match=says):
        import_export(exported(tmp_path, chat), root)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_the_web_page_export_gives_the_documents_the_json_export_gives(tmp_path: Path) -> None:
    """Telegram Desktop's default format (messages.html, messages2.html…) was refused with
    "export again as JSON". The fixture under tests/exports/telegram-html/ is the same
    channel as the JSON one, as Telegram writes its pages."""
    pages = EXPORT.parents[1] / "telegram-html" / "ChatExport_2026-03-05"
    from_pages, report = imported(pages, tmp_path / "pages")
    from_json, _ = imported(EXPORT, tmp_path / "json")
    assert report.platform == "Telegram"
    written = sorted(p.name for p in (from_pages / "documents").glob("*.md"))
    assert written == sorted(
        p.name for p in (from_json / "documents").glob("*.md") if not p.name.startswith("the-rally")
    )  # the JSON fixture has one post more: a photo not included
    for name in written:
        pages_front, pages_text = text_of(from_pages, name.removesuffix(".md"))
        json_front, json_text = text_of(from_json, name.removesuffix(".md"))
        assert pages_text == json_text, name
        kept = ("title", "authors", "- ", "date", "lang", "tags")
        assert [line for line in pages_front.splitlines() if line.startswith(kept)] == [
            line for line in json_front.splitlines() if line.startswith(kept)
        ], name
    assert {(x.name, x.why) for x in report.left_out} == {
        ("1 poll(s)", "no words to publish"),
        ("1 sticker(s)", "no words to publish"),
        ("1 voice message(s)", "no words to publish"),
        ("1 post(s) forwarded from other chats", "not the channel's own words"),
    }


def test_the_json_given_without_its_folder_says_where_the_photos_are(tmp_path: Path) -> None:
    alone = tmp_path / "result.json"
    shutil.copy(EXPORT / "result.json", alone)
    _, report = imported(alone, tmp_path)
    why = "not beside result.json: import the folder (or zip) it came in"
    assert report.unfetched == [
        ("Cleaners win back pay", "photos/photo_2@14-01-2026_09-32-00.jpg", why),
        ("Cleaners win back pay", "photos/photo_3@14-01-2026_09-32-00.jpg", why),
    ]
    assert {(x.name, x.why) for x in report.left_out if x.kind == "image"} == {
        ("photo of 2026-02-12T07:00:00", "not in the export: tick Photos when exporting"),
    }
    assert report.online_images == []  # not taken for pictures on the web


def test_importing_the_json_alone_after_its_folder_takes_no_photo_or_file_out(
    tmp_path: Path,
) -> None:
    """The JSON alone, imported after the folder, wrote every post with a photo or a PDF
    again without it ("updated"): the folder's import had them, and the JSON names them."""
    folder = shutil.copytree(EXPORT, tmp_path / "ChatExport_2026-03-05")
    (folder / "files").mkdir()
    (folder / "files" / "demands.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    demands = {"type": "plain", "text": "Our demands in full, attached."}
    sent = {"id": 90, "type": "message", "date": "2026-03-01T10:00:00", "text_entities": [demands]}
    pdf = {"file": "files/demands.pdf", "file_name": "demands.pdf", "mime_type": "application/pdf"}
    chat = {**RESULT, "messages": [*RESULT["messages"], {**sent, **pdf}]}
    (folder / "result.json").write_text(json.dumps(chat), encoding="utf-8")
    root, _ = imported(folder, tmp_path)
    documents = {p: p.read_bytes() for p in (root / "documents").rglob("*") if p.is_file()}
    shown = b"".join(data for p, data in documents.items() if p.suffix == ".md")
    assert b"](media/" in shown and b"demands.pdf](media/" in shown  # its photos and PDF

    again = import_export(folder / "result.json", root)

    assert {w.status for w in again.written} == {"unchanged"}
    assert {p: p.read_bytes() for p in (root / "documents").rglob("*") if p.is_file()} == documents

    # The JSON alone first: the PDF's name stays as words, listed; the folder then links it.
    fresh, alone = imported(folder / "result.json", tmp_path / "alone")
    assert ("file", "files/demands.pdf") in {(x.kind, x.name) for x in alone.left_out}
    assert b"(files/" not in b"".join(p.read_bytes() for p in fresh.glob("documents/*.md"))
    added = import_export(folder, fresh).written
    assert [w.post.title for w in added if w.status == "updated"] == [
        "Cleaners win back pay",
        "Our demands in full, attached.",
    ]


def test_a_page_s_own_line_ends_and_indents_read_as_a_browser_shows_them() -> None:
    """Line breaks are <br>; a line end in the page's source is a space, as on screen."""
    import lxml.html

    from publisher.importers.telegram_pages import _runs

    text = lxml.html.fragment_fromstring(
        '<div class="text">\n  A picket\n  at the gates<br><strong>from\n6am</strong>\n</div>'
    )
    assert _runs(text) == [
        {"type": "plain", "text": "A picket at the gates"},
        {"type": "plain", "text": "\n"},
        {"type": "bold", "text": "from 6am"},
    ]


def test_an_empty_page_of_the_web_page_export_is_named(tmp_path: Path) -> None:
    pages = tmp_path / "ChatExport_2026-03-05"
    shutil.copytree(EXPORT.parents[1] / "telegram-html" / "ChatExport_2026-03-05", pages)
    (pages / "messages2.html").write_bytes(b"")
    with pytest.raises(PublisherError, match="an empty or damaged page") as caught:
        import_export(pages, new_workspace(tmp_path / "ws"))
    assert "messages2.html" in str(caught.value)


def test_a_closing_line_of_hashtags_typed_as_one_run_is_each_of_its_tags(tmp_path: Path) -> None:
    """The tags are the line's words that start with #, however its runs are cut: a post
    edited elsewhere can hold the line "#strike #NHS" as one plain run."""
    chat = {**RESULT, "messages": [dict(m) for m in RESULT["messages"]]}
    chat["messages"][10] = {
        **chat["messages"][10],
        "text_entities": [{"type": "plain", "text": "The ballot result is in.\n\n#ballot #NHS"}],
    }
    root, _ = imported(exported(tmp_path, chat), tmp_path)
    front, _ = text_of(root, "the-ballot-result-is-in")
    assert "tags:\n- ballot\n- NHS\n" in front


def _message(n: int, runs: list[dict[str, object]], **more: object) -> dict[str, object]:
    """A channel's message as result.json holds it: its runs of words, and what came with it."""
    return {
        "id": n,
        "type": "message",
        "date": f"2026-03-0{n}T08:00:00",
        "date_unixtime": str(1772352000 + n * 86400),
        "from": "Dockside Workers",
        "from_id": "channel1874502213",
        "text_entities": runs,
        **more,
    }


def test_a_quote_and_a_code_block_stay_where_the_post_has_them(tmp_path: Path) -> None:
    """They were moved to the end of the post, after the words that answer them."""
    chat = {
        **RESULT,
        "messages": [
            _message(
                1,
                [
                    {"type": "bold", "text": "What the port authority said"},
                    {"type": "plain", "text": "\nThe port authority wrote to us on Monday:\n"},
                    {"type": "blockquote", "text": "We will not negotiate.", "collapsed": False},
                    {"type": "plain", "text": "\nOur answer is simple: we will be at the gate."},
                ],
            ),
            _message(
                2,
                [
                    {"type": "bold", "text": "Nuestras demandas"},
                    {"type": "plain", "text": "\nNos reunimos:\n"},
                    {"type": "pre", "text": "Asamblea: viernes 19h\nLugar: Casa del Pueblo"},
                    {"type": "plain", "text": "\n¡Nos vemos allí!"},
                ],
            ),
        ],
    }
    root, _ = imported(exported(tmp_path, chat), tmp_path)
    _, said = text_of(root, "what-the-port-authority-said")
    assert said.split("\n\n") == [
        "\nThe port authority wrote to us on Monday:",
        "> We will not negotiate.",
        "Our answer is simple: we will be at the gate.\n",
    ]
    _, demands = text_of(root, "nuestras-demandas")
    assert demands.split("\n\n") == [
        "\nNos reunimos:",
        "    Asamblea: viernes 19h\n    Lugar: Casa del Pueblo",
        "¡Nos vemos allí!\n",
    ]


NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"


def test_files_sent_with_a_post_are_linked_shown_or_listed(tmp_path: Path) -> None:
    """A file sent with a post's words was dropped without a word: now a PDF is copied and
    linked by its name, a photo sent as a file shown, a video or voice message listed."""
    chat = {
        **RESULT,
        "messages": [
            _message(
                1,
                [{"type": "plain", "text": "Read our full report on wages at the port, attached."}],
                file="files/report.pdf",
                file_name="report.pdf",
                file_size=15,
                mime_type="application/pdf",
            ),
            _message(
                2,
                [{"type": "plain", "text": "The banner we painted for the march, ready to go."}],
                file="files/IMG_2041.jpg",
                file_name="IMG_2041.jpg",
                thumbnail="files/IMG_2041.jpg_thumb.jpg",
                mime_type="image/jpeg",
                width=64,
                height=48,
            ),
            _message(
                3,
                [{"type": "plain", "text": "Our march through the city centre, in two minutes."}],
                file="video_files/march.mp4",
                file_name="march.mp4",
                thumbnail="video_files/march.mp4_thumb.jpg",
                media_type="video_file",
                mime_type="video/mp4",
                duration_seconds=120,
            ),
            _message(
                4,
                [{"type": "plain", "text": "A word from the picket line this morning, from Ana."}],
                file="voice_messages/audio_1@04-03-2026_08-00-00.ogg",
                media_type="voice_message",
                mime_type="audio/ogg",
                duration_seconds=41,
            ),
            _message(
                5,
                [{"type": "plain", "text": "The minutes of Monday's branch meeting, for members."}],
                file=NOT_INCLUDED,
                file_name="minutes.pdf",
                mime_type="application/pdf",
            ),
        ],
    }
    folder = exported(tmp_path, chat)
    (folder / "files").mkdir()
    (folder / "files" / "report.pdf").write_bytes(b"%PDF-1.4\n%report\n")
    shutil.copy(
        EXPORT / "photos" / "photo_2@14-01-2026_09-32-00.jpg", folder / "files" / "IMG_2041.jpg"
    )
    root, report = imported(folder, tmp_path)
    slug = "read-our-full-report-on-wages-at-the-port-attached"
    _, text = text_of(root, slug)
    assert f"[report.pdf](media/{slug}/report.pdf)" in text
    copy = root / "documents" / "media" / slug / "report.pdf"
    assert copy.read_bytes() == b"%PDF-1.4\n%report\n"
    banner = "the-banner-we-painted-for-the-march-ready-to-go"
    _, text = text_of(root, banner)
    assert f"![](media/{banner}/IMG_2041.jpg)" in text
    assert {(x.kind, x.name, x.why) for x in report.left_out} == {
        ("video", "march.mp4", "a video cannot be printed"),
        ("voice message", "audio_1@04-03-2026_08-00-00.ogg", "a voice message cannot be printed"),
        ("file", "minutes.pdf", "not in the export: tick Files when exporting"),
    }


def test_a_file_sent_with_a_post_on_the_web_page_export_is_linked_by_its_name(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ChatExport_2026-03-05"
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "report.pdf").write_bytes(b"%PDF-1.4\n%report\n")
    (folder / "messages.html").write_text(
        """<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>Exported Data</title></head>
<body><div class="page_wrap"><div class="page_header"><div class="content">
<div class="text bold">Dockside Workers</div></div></div>
<div class="page_body chat_page"><div class="history">
<div class="message default clearfix" id="message2">
 <div class="body">
  <div class="pull_right date details" title="04.03.2026 08:00:00 UTC+01:00">08:00</div>
  <div class="from_name">Dockside Workers</div>
  <div class="media_wrap clearfix">
   <a class="media clearfix pull_left block_link media_file" href="files/report.pdf">
    <div class="fill pull_left"></div>
    <div class="body">
     <div class="title bold">report.pdf</div>
     <div class="status details">15 B</div>
    </div>
   </a>
  </div>
  <div class="text">Read our full report on wages at the port, attached here.</div>
 </div>
</div>
</div></div></div></body></html>
""",
        encoding="utf-8",
    )
    root, _ = imported(folder, tmp_path)
    slug = "read-our-full-report-on-wages-at-the-port-attached-here"
    _, text = text_of(root, slug)
    assert f"[report.pdf](media/{slug}/report.pdf)" in text
    assert (root / "documents" / "media" / slug / "report.pdf").is_file()


@pytest.mark.parametrize(
    "words",
    [
        "The cleaners at the Royal Infirmary have won back every hour of pay the contractor"
        " withheld.",
        "Back pay won!",  # too short to be taken for a cross-post: written again as a -2
    ],
)
def test_importing_the_folder_after_its_json_alone_adds_the_photos_to_the_same_documents(
    tmp_path: Path, words: str
) -> None:
    """As the first report says to: the posts whose photos were missing were taken for
    cross-posts of themselves ("same words") or written again as `…-2.md`."""
    folder = shutil.copytree(EXPORT, tmp_path / "ChatExport_2026-03-05")
    chat = {**RESULT, "messages": [dict(m) for m in RESULT["messages"]]}
    chat["messages"][1]["text_entities"] = [
        {"type": "bold", "text": "Cleaners win back pay"},
        {"type": "plain", "text": f"\n\n{words}"},
    ]
    (folder / "result.json").write_text(json.dumps(chat), encoding="utf-8")
    alone = shutil.copy(folder / "result.json", tmp_path / "result.json")
    root, _ = imported(alone, tmp_path)
    before = sorted(p.name for p in (root / "documents").glob("*.md"))
    again = import_export(folder, root)
    assert sorted(p.name for p in (root / "documents").glob("*.md")) == before
    assert {w.post.title: w.status for w in again.written if w.status != "unchanged"} == {
        "Cleaners win back pay": "updated"
    }
    _, text = text_of(root, "cleaners-win-back-pay")
    assert text.split("\n\n") == [
        "\n![](media/cleaners-win-back-pay/photo_2@14-01-2026_09-32-00.jpg)",
        "![](media/cleaners-win-back-pay/photo_3@14-01-2026_09-32-00.jpg)",
        f"{words}\n",
    ]


def _with_second_post_saying(words: str) -> dict[str, object]:
    chat = {**RESULT, "messages": [dict(m) for m in RESULT["messages"]]}
    chat["messages"][1]["text_entities"] = [
        {"type": "bold", "text": "Cleaners win back pay"},
        {"type": "plain", "text": f"\n\n{words}"},
    ]
    return chat


FIRST_WORDS = "The cleaners at the Royal Infirmary have won back every hour of pay withheld."
CORRECTED = "The cleaners at the Royal Infirmary have won back all six months of pay withheld."


def test_a_post_corrected_on_the_channel_since_updates_its_document_once_imported_again(
    tmp_path: Path,
) -> None:
    """The channel's export downloaded again after a post was corrected there: the post's
    document takes the correction; it was written a second time as `…-2.md` (or, its words
    close enough, taken for a cross-post of itself and never corrected)."""
    folder = shutil.copytree(EXPORT, tmp_path / "ChatExport_2026-03-05")
    (folder / "result.json").write_text(json.dumps(_with_second_post_saying(FIRST_WORDS)))
    root, _ = imported(folder, tmp_path)
    before = sorted(p.name for p in (root / "documents").glob("*.md"))
    (folder / "result.json").write_text(json.dumps(_with_second_post_saying(CORRECTED)))
    again = import_export(folder, root)
    assert sorted(p.name for p in (root / "documents").glob("*.md")) == before
    assert {w.post.title: w.status for w in again.written if w.status != "unchanged"} == {
        "Cleaners win back pay": "updated"
    }
    _, text = text_of(root, "cleaners-win-back-pay")
    assert CORRECTED in text and FIRST_WORDS not in text
    assert {w.status for w in import_export(folder, root).written} == {"unchanged"}


def test_a_post_corrected_on_the_channel_leaves_a_document_the_editor_edited_as_it_is(
    tmp_path: Path,
) -> None:
    folder = shutil.copytree(EXPORT, tmp_path / "ChatExport_2026-03-05")
    (folder / "result.json").write_text(json.dumps(_with_second_post_saying(FIRST_WORDS)))
    root, _ = imported(folder, tmp_path)
    document = root / "documents" / "cleaners-win-back-pay.md"
    edited = document.read_text(encoding="utf-8") + "\nA line the editor added.\n"
    document.write_text(edited, encoding="utf-8")
    (folder / "result.json").write_text(json.dumps(_with_second_post_saying(CORRECTED)))
    again = import_export(folder, root)
    assert document.read_text(encoding="utf-8") == edited
    assert not (root / "documents" / "cleaners-win-back-pay-2.md").exists()
    (status,) = {w.status for w in again.written if w.post.title == "Cleaners win back pay"}
    assert status.startswith("not updated: edited since its import")
