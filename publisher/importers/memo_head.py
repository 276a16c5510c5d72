"""A memo's or circular's head, "To: / From: / Date: / Subject:" lines opening a text, as
unions and committees type their circulars and as a forwarded mail pasted into a text file
keeps them ("From: / Sent: / To: / Subject: RE: …"), in English, Spanish, French,
Portuguese, Italian, German, Arabic or Farsi.

Its subject is the document's title, its date the document's date; who it is to and from
stays its first lines. The head's lines were the title, run together ("To: All members
From: Branch secretary Date: … Subject: …").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .textblocks import Block
from .textdates import parse_date

_SUBJECT = {
    *("subject", "subj", "re", "regarding", "asunto", "objet", "assunto", "oggetto"),
    *("betreff", "موضوع", "الموضوع"),
}
_TO = {
    *("to", "cc", "bcc", "attn", "para", "cco", "destinatarios", "à", "destinataires", "copie"),
    *("a", "an", "إلى", "به"),
}
_FROM = {"from", "de", "da", "von", "remitente", "expéditeur", "من", "از"}
_DATE = {"date", "sent", "fecha", "enviado", "envoyé", "data", "datum", "التاريخ", "تاريخ"}
# "Subject: …", "Objet : …" (French spaces its colons), "الموضوع: …"
_LINE = re.compile(r"^\s*([^\W\d_][^\W\d]{0,13})\s?[:：]\s*(\S.*)$")
# What mail programs put before a reply's or a forward's subject: "RE:", "Fwd:", "RV:", "TR:"
_REPLIED = re.compile(r"^(?:(?:re|fw|fwd|rv|tr|aw|wg)\s?:\s*)+", re.IGNORECASE)
_KIND_MOST = 40  # characters of a line over the head that names it ("MEMO", "CIRCULAR Nº 12")


@dataclass(frozen=True)
class MemoHead:
    subject: str
    date: dt.date | None
    rest: list[Block]  # the blocks with the head's lines that named the subject and date out


def memo_head(blocks: list[Block]) -> MemoHead | None:
    """The memo head opening `blocks` (or under a line naming what the text is, "MEMO",
    which stays text): lines each a label of a memo's head, one of them the subject
    ("Subject: …" alone too); None for any other opening."""
    if len(blocks) > 1 and (head := _head(blocks, 0)):
        return head
    if len(blocks) > 2 and blocks[0].single_line and len(blocks[0].text) <= _KIND_MOST:
        return _head(blocks, 1)
    return None


def _head(blocks: list[Block], index: int) -> MemoHead | None:
    block = blocks[index]
    labelled = [_LINE.match(line) for line in block.lines]
    if block.rows or block.quoted:
        return None
    subject, date, kept = "", None, []
    for line, match in zip(block.lines, labelled, strict=True):
        label = match.group(1).casefold() if match else ""
        if label in _SUBJECT and not subject:
            subject = _REPLIED.sub("", match.group(2)).strip() if match else ""
        elif label in _DATE and date is None and match and (when := parse_date(match.group(2))):
            date = when
        elif label in _TO | _FROM | _DATE:
            kept.append(line)
        else:
            return None
    if not subject:
        return None
    head = [replace(block, lines=tuple(kept))] if kept else []
    return MemoHead(subject, date, [*blocks[:index], *head, *blocks[index + 1 :]])
