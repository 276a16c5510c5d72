"""A WhatsApp chat, exported, is refused rather than imported whole or built: a chat is
nobody's publication, and it holds everyone's messages, names and phone numbers. A text
that only quotes a message's time is still a text."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from test_import import import_one, texts

from publisher.errors import PublisherError
from publisher.importers import import_files
from publisher.model import Document
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


PICKET = "Join the picket on Saturday at seven."
# One message copied out of a chat with its time and sender: a line of an export, or
# WhatsApp Web's or Telegram Desktop's copy (on a day after the 12th, so that no order of
# day and month is a guess)
ONE_MESSAGE = {
    "android": "14/03/2026, 14:33 - Ana Ruiz: ",
    "android, 12-hour clock, two-digit year": "3/14/26, 2:33\u202fPM - Ana Ruiz: ",
    "android in french": "14/03/2026 à 14:33 - Ana Ruiz: ",
    "android in german": "14.03.26, 14:33 - Ana Ruiz: ",
    "whatsapp web": "[14:33, 14/03/2026] Ana Ruiz: ",
    "iphone": "\u200e[14/03/2026, 14:33:10] Ana Ruiz: ",
    "telegram desktop": "Ana Ruiz, [14.03.2026 14:33]\n",
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("copied", ONE_MESSAGE)
def test_one_message_copied_with_its_time_and_sender_is_by_them_on_that_day(
    tmp_path: Path, how: str, copied: str
) -> None:
    """As the refusal of a chat asks, the message to publish copied out of it: its time and
    sender, printed over the title ("[14:33, 14/03/2026] Ana Ruiz: STATEMENT: …"), are the
    post's author and date. WhatsApp's mark of an edited message goes with them."""
    text = f"{ONE_MESSAGE[copied]}{STATEMENT}\n\n{PICKET} <This message was edited>\n"
    (doc,) = _read_or_imported(tmp_path, text, how)
    assert doc.title == "STATEMENT: Solidarity with the cleaners"
    assert (doc.authors, doc.date) == (("Ana Ruiz",), dt.date(2026, 3, 14))
    assert texts(doc, "//p") == [STATEMENT.split("\n")[1], PICKET], doc.body_html


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_message_whose_sender_is_a_phone_number_names_no_author(tmp_path: Path, how: str) -> None:
    """A sender saved under no name is their telephone number: nobody's to publish."""
    text = f"14/03/2026, 14:33 - +44 7700 900123: {STATEMENT}\n\n{PICKET}\n"
    (doc,) = _read_or_imported(tmp_path, text, how)
    assert (doc.authors, doc.date) == ((), dt.date(2026, 3, 14))
    assert "7700" not in doc.body_html and "7700" not in doc.title


def _read_or_imported(tmp_path: Path, text: str, how: str) -> list[Document]:
    if how == "imported":
        return import_one(tmp_path, text)
    path = tmp_path / "message.txt"
    path.write_text(text, encoding="utf-8")
    return [read_document(path, "message", tmp_path, "en")]
