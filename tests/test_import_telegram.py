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
from click.testing import CliRunner
from platform_exports import imported, new_workspace, zipped

from publisher.cli import main
from publisher.errors import PublisherError
from publisher.importers.platform_report import rows
from publisher.importers.platforms import import_export

EXPORT = Path(__file__).parent / "exports" / "telegram" / "ChatExport_2026-03-05"
RESULT = json.loads((EXPORT / "result.json").read_text(encoding="utf-8"))
FARSI = "tsb-khrgrn-ptrwshymy-bry-hfth-swm-dmh-drd"  # the slug of the Farsi post's title


def text_of(root: Path, slug: str) -> tuple[str, str]:
    """The document's front matter and its Markdown."""
    _, front, text = (
        (root / "documents" / f"{slug}.md").read_text(encoding="utf-8").split("---\n", 2)
    )
    return front, text


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
        assert len(report.written) == 6, export


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


def test_the_older_text_form_and_forwarded_posts_are_read(tmp_path: Path) -> None:
    root, _ = imported(EXPORT, tmp_path)
    front, text = text_of(root, "ballot-result")
    assert text == "\nNinety per cent voted yes on a turnout of seventy per cent.\n"
    front, _ = text_of(root, "solidarity-with-the-cleaners")
    assert "authors:\n- Bus Drivers United\n" in front


def test_messages_without_words_are_counted_and_no_post_is_an_issue(tmp_path: Path) -> None:
    root, report = imported(EXPORT, tmp_path)
    assert {(x.kind, x.name, x.why) for x in report.left_out} == {
        ("messages", "1 poll(s)", "no words to publish"),
        ("messages", "1 sticker(s)", "no words to publish"),
        ("messages", "1 voice message(s)", "no words to publish"),
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


def test_the_web_page_export_is_refused_saying_to_export_json(tmp_path: Path) -> None:
    folder = tmp_path / "ChatExport_2026-03-05"
    folder.mkdir()
    (folder / "messages.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Exported Data</title></head>'
        '<body><div class="page_wrap"><div class="page_header"><div class="content">'
        '<div class="text bold">Dockside Workers</div></div></div><div class="page_body chat_page">'
        '<div class="history"><div class="message default clearfix" id="message2">'
        '<div class="body"><div class="text">Cleaners win back pay</div></div></div>'
        "</div></div></div></body></html>"
    )
    root = new_workspace(tmp_path / "ws")
    result = CliRunner().invoke(main, ["-C", str(root), "import", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "messages.html" in result.output and "Machine-readable JSON" in result.output


def test_the_json_given_without_its_folder_says_where_the_photos_are(tmp_path: Path) -> None:
    alone = tmp_path / "result.json"
    shutil.copy(EXPORT / "result.json", alone)
    _, report = imported(alone, tmp_path)
    why = "not beside the JSON: import the ChatExport folder, not its JSON alone"
    assert {(x.name, x.why) for x in report.left_out if x.kind == "image"} == {
        ("photo of 2026-01-14T09:32:00", why),
        ("photo of 2026-02-12T07:00:00", "not in the export: tick Photos when exporting"),
    }
    assert report.online_images == []  # not taken for pictures on the web
