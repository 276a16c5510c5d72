"""A chat exported from WhatsApp ("Export chat": a .txt file of timestamped messages, in
a zip as `_chat.txt` from an iPhone) is refused: a group's or a person's chat is nobody's
publication, and it holds everyone's messages, names and phone numbers. Imported as text,
all of it became one document; put in documents/, the build published it, names, times
and all. The statement posted in it is copied out of the chat.

One message copied with its time and sender (a line of the export, or WhatsApp Web's copy)
is a post: its sender and day are its head, as a Facebook post's, and no part of its text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import PublisherError

# A message's first line as Android ("12/03/2026, 14:32 - Ana: …"; in French "12/03/2026 à
# 14:32 - …") and iPhone ("[12/03/2026, 14:32:05] Ana: …", after a left-to-right mark) write
# it, in any order of day, month and year, with a 12- or 24-hour clock; and as WhatsApp Web
# copies several messages, the time first ("[14:32, 12/03/2026] Ana: …")
_CLOCK = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[\s\u202f]?[AaPp]\.?\s?[Mm]\.?)?"
_DAY = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
_STAMP = (
    rf"\u200e?(?:\[?(?P<day>{_DAY}),?(?: à| a las| um)? (?P<clock>{_CLOCK})(?:\] | - )|"
    rf"\[(?P<clock_first>{_CLOCK}), (?P<day_after>{_DAY})\] )"
)
_MESSAGE_START = re.compile(rf"^{_STAMP}", re.MULTILINE)
CHAT_IN_ZIP = "_chat.txt"
_ONE_MESSAGE = re.compile(rf"{_STAMP}(?P<sender>[^:\n]{{1,60}}): ")  # the stamp and sender
# Telegram Desktop's copy of a message: its sender and time on a line over it
_TELEGRAM_COPY = re.compile(
    rf"^(?P<sender>[^\n,\[\]]{{1,60}}), \[(?P<day>{_DAY}) (?P<clock>{_CLOCK})\]\n", re.MULTILINE
)
_SHORT_YEAR = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2})$")  # "12/03/26": this century's
_PHONE = re.compile(r"[+\d][\d\s()\u2011-]{6,}")  # a sender saved under no name
# What WhatsApp writes at an edited message's end, in an export
_EDITED = re.compile(
    r"\s*<(?:this message was edited|se edit[óo] este mensaje\.?|ce message a [ée]t[ée] modifi[ée])>\s*$",
    re.IGNORECASE,
)


def refuse_chat(text: str, path: Path, then: str = "into a .txt file and import that") -> None:
    """Raise if `text` is a chat export: it opens with a message, and has more than one.
    `then`: what the hint asks to do with the message copied."""
    if _MESSAGE_START.match(text.lstrip("\ufeff\n\r ")) and len(_MESSAGE_START.findall(text)) > 1:
        raise PublisherError.at(
            "a WhatsApp chat, as 'Export chat' saves it: a chat is nobody's publication, and"
            " it holds everyone's messages, names and phone numbers",
            path,
            hint=f"copy the message to publish (in WhatsApp, press and hold it, then Copy) {then}",
        )


def one_message(text: str) -> str:
    """`text` that is one message copied out of a chat with its time and sender ("[14:32,
    12/03/2026] Ana Ruiz: …", "12/03/26, 14:32 - Ana Ruiz: …", Telegram Desktop's "Ana
    Ruiz, [12.03.2026 14:32]" over it) as a post's text under its head: the sender's name
    over the day and time, as Facebook prints a post, which the readers of pasted posts
    read. A sender that is a telephone number is nobody's name to publish: the day alone is
    over the text. Any other text is returned as it is."""
    message = text.lstrip("\ufeff\n\r ")
    if (found := _ONE_MESSAGE.match(message)) and len(_MESSAGE_START.findall(message)) == 1:
        day, clock = found["day"] or found["day_after"], found["clock"] or found["clock_first"]
    elif (found := _TELEGRAM_COPY.match(message)) and len(_TELEGRAM_COPY.findall(message)) == 1:
        day, clock = found["day"], found["clock"]
    else:
        return text
    day = _SHORT_YEAR.sub(r"\1\2\g<3>\g<2>20\4", day)
    sender = found["sender"].strip()
    head = f"{day}\n\n" if _PHONE.fullmatch(sender) else f"{sender}\n{day} at {clock} ·\n\n"
    return head + _EDITED.sub("\n", message[found.end() :])
