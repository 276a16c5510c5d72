"""A mailing list's archive, or a mail program's folder, saved as one file (mbox): Mailman's
monthly download (`2026-March.txt`, its addresses written "ana at example.org"), or a
folder Thunderbird or Apple Mail exports (`.mbox`). Each message is a document, read as a
message saved alone is (`mailmessage`); a reply to another message ("Re: …") is the list's
discussion, not something to publish, and is left out, said on the first document. An
archive of replies only is imported whole: they are what the editor chose to import.
"""

from __future__ import annotations

import mailbox
import re
from email.message import EmailMessage
from pathlib import Path

from ..errors import PublisherError
from .draft import Draft
from .mailmessage import is_reply, parsed, recover_message, without_list_tag

# A list's month holds tens of messages, a folder of submissions a few: more are a whole
# inbox (Gmail's Takeout, "All mail"), thousands of documents no editor meant to make
MESSAGES_LIMIT = 300

# mbox's line before each message, its sender and the time in C's asctime ("From ana at
# example.org  Tue Mar  3 10:00:00 2026", Thunderbird's "From - Tue Mar 03 …"), over the
# message's first header line: no text's "From the river to the sea, 2024" title
_MBOX_START = re.compile(
    r"\A\s*From \S+(?: at \S+)? +[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d\d:\d\d(?::\d\d)?"
    r" \d{4}[ \t]*\n[\w-]+:[ \t]"
)


def is_mail_archive(text: str) -> bool:
    return _MBOX_START.match(text) is not None


def recover_archive(source: Path) -> tuple[list[Draft], dict[str, bytes]]:
    """The drafts of the messages of the mbox file `source`, and the pictures they show."""
    box = mailbox.mbox(source, create=False)  # each message's bytes as saved, parsed once
    messages = [parsed(box.get_bytes(key)) for key in box.iterkeys()]
    replies: list[EmailMessage] = []
    kept: list[EmailMessage] = []
    for message in messages:  # one pass: an inbox may hold tens of thousands
        (replies if is_reply(str(message.get("Subject", ""))) else kept).append(message)
    kept = kept or replies
    if len(kept) > MESSAGES_LIMIT:  # an inbox, not a folder of what is to be published
        raise PublisherError.at(
            f"a whole mailbox ({len(messages):,} messages), which publisher imports"
            f" only up to {MESSAGES_LIMIT} messages at once",
            source,
            hint="export the folder of the messages to publish, or save each as .eml"
            " (Thunderbird: select them, File > Save As) and import those",
        )
    drafts: list[Draft] = []
    media: dict[str, bytes] = {}
    empty: list[str] = []  # subjects of messages with no text (a file sent alone)
    for message in kept:
        try:
            found, pictures = recover_message(message, source)
        except PublisherError:
            empty.append(str(message.get("Subject", "")))
            continue
        drafts += found
        media |= pictures
    if drafts and empty:
        drafts[0].unsure.append(
            f"{len(empty)} message(s) with no text left out ({'; '.join(empty[:3])}): a file"
            " sent alone is imported by saving it and importing that"
        )
    if drafts and len(kept) < len(messages):
        subjects = "; ".join(without_list_tag(str(m.get("Subject", ""))) for m in replies[:3])
        more = f" and {len(replies) - 3} more" if len(replies) > 3 else ""
        drafts[0].unsure.append(
            f"{len(replies)} repl(ies) in the archive left out, the list's discussion"
            f" ({subjects}{more}): save one as a message of its own to import it"
        )
    return drafts, media
