"""A WhatsApp chat, exported, is refused rather than imported whole or built: a chat is
nobody's publication, and it holds everyone's messages, names and phone numbers. A text
that only quotes a message's time is still a text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from test_import import import_one, texts

from publisher.errors import PublisherError
from publisher.importers import import_files
from publisher.readers import read_document

STATEMENT = (
    "*STATEMENT: Solidarity with the cleaners*\n"
    "The cleaners at the Royal Infirmary have been on strike for six weeks."
)
# The same chat as "Export chat" writes it on each phone, in a few of its languages
CHATS = {
    "android": (
        "12/03/2026, 14:32 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
        f"12/03/2026, 14:33 - Ana Ruiz: {STATEMENT}\n"
        "12/03/2026, 14:35 - +44 7700 900123: 👍\n"
    ),
    "android, 12-hour clock": (
        f"3/12/26, 2:33\u202fPM - Ana Ruiz: {STATEMENT}\n3/12/26, 2:35\u202fPM - Ben: ok\n"
    ),
    "android in french": (
        f"12/03/2026 à 14:33 - Ana Ruiz: {STATEMENT}\n12/03/2026 à 14:35 - Ben : d'accord\n"
    ),
    "android in german": f"12.03.26, 14:33 - Ana Ruiz: {STATEMENT}\n12.03.26, 14:35 - Ben: ok\n",
    "whatsapp web, messages copied": (
        f"[14:33, 12/03/2026] Ana Ruiz: {STATEMENT}\n[14:35, 12/03/2026] Ben: ok\n"
    ),
    "iphone": (
        "\u200e[12/03/2026, 14:32:05] Strike Committee: \u200eMessages and calls are"
        f" end-to-end encrypted.\n[12/03/2026, 14:33:10] Ana Ruiz: {STATEMENT}\n"
        "[12/03/2026, 14:35:00] Ben: ok\n"
    ),
}


@pytest.mark.parametrize("phone", CHATS)
def test_an_exported_chat_is_refused_with_how_to_take_the_message_out(
    tmp_path: Path, phone: str
) -> None:
    chat = tmp_path / "WhatsApp Chat with Strike Committee.txt"
    chat.write_text(CHATS[phone], encoding="utf-8")

    report = import_files([chat], tmp_path / "documents")

    assert not report.documents and not (tmp_path / "documents").exists()
    (problem,) = report.problems
    assert problem.file == chat and problem.message.startswith("a WhatsApp chat")
    assert problem.hint is not None and "Copy" in problem.hint


def test_an_exported_chat_zipped_by_an_iphone_is_refused_the_same_way(tmp_path: Path) -> None:
    export = tmp_path / "WhatsApp Chat - Strike Committee.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("_chat.txt", CHATS["iphone"])
        archive.writestr("00000012-PHOTO-2026-03-12-14-36-00.jpg", b"\xff\xd8\xff\xe0")

    report = import_files([export], tmp_path / "documents")

    assert [p.message.split(":")[0] for p in report.problems] == [
        "a WhatsApp chat, as 'Export chat' saves it"
    ]


def test_a_text_that_quotes_one_messages_time_is_still_imported(tmp_path: Path) -> None:
    """Minutes noting when a message came, a statement quoting one: no chat."""
    text = (
        "12/03/2026, 14:33 - Ana Ruiz: the strike committee met tonight.\n\n"
        "Minutes of the strike committee\n\n"
        "The cleaners at the Royal Infirmary have been on strike for six weeks. We agreed to"
        " hold a rally on Saturday.\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert "six weeks" in " ".join(texts(doc, "//p"))


@pytest.mark.parametrize("phone", CHATS)
def test_an_exported_chat_in_documents_is_refused_by_the_build_too(
    tmp_path: Path, phone: str
) -> None:
    """Put in documents/ as it was saved, the chat was published, each message's time,
    sender and phone number too."""
    chat = tmp_path / "chat.txt"
    chat.write_text(CHATS[phone], encoding="utf-8")
    with pytest.raises(PublisherError) as refused:
        read_document(chat, "chat", tmp_path, "en")
    (problem,) = refused.value.problems
    assert problem.file == chat and problem.message.startswith("a WhatsApp chat")
    assert problem.hint is not None and "in place of the chat" in problem.hint


def test_a_text_that_quotes_one_messages_time_is_still_built(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Minutes of the strike committee\n\n12/03/2026, 14:33 - Ana Ruiz: the committee met.\n\n"
        "The cleaners at the Royal Infirmary have been on strike for six weeks.\n"
    )
    doc = read_document(path, "minutes", tmp_path, "en")
    assert "six weeks" in " ".join(texts(doc, "//p"))
