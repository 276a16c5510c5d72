"""A chat exported from WhatsApp ("Export chat": a .txt file of timestamped messages, in
a zip as `_chat.txt` from an iPhone) is refused: a group's or a person's chat is nobody's
publication, and it holds everyone's messages, names and phone numbers. Imported as text,
all of it became one document; put in documents/, the build published it, names, times
and all. The statement posted in it is copied out of the chat."""

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
_MESSAGE_START = re.compile(
    rf"^\u200e?(?:\[?{_DAY},?(?: à| a las| um)? {_CLOCK}(?:\] | - )|\[{_CLOCK}, {_DAY}\] )",
    re.MULTILINE,
)
CHAT_IN_ZIP = "_chat.txt"


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
