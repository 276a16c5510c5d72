"""A memo's or circular's head, "To: / From: / Date: / Subject:" lines opening a text, as
unions and committees type their circulars and as a forwarded mail pasted into a text file
keeps them ("From: / Sent: / To: / Subject: RE: …"), in English, Spanish, French,
Portuguese, Italian, German, Arabic or Farsi.

Its subject is the document's title, its date the document's date; who it is to and from
stays its first lines. The head's lines were the title, run together ("To: All members
From: Branch secretary Date: … Subject: …").

A mail's head (under a forward's "---------- Forwarded message ---------", or naming an
address or Outlook's "Sent:", as `mailmessage` tells a message saved as text) is no text:
its sender is the author, and whom it went to, with their addresses, is left out, as are
the signature under its "-- " (a name, a role, a telephone), the message a reply quotes
under it ("On … wrote:", "> " lines) and a forwarder's few lines over a forward's line
("Can we run this? / Ana"), as for a mail saved whole.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .textblocks import Block
from .textdates import parse_date

_SUBJECT = {
    *("subject", "subj", "re", "regarding", "asunto", "objet", "sujet", "assunto", "oggetto"),
    *("betreff", "موضوع", "الموضوع"),
}
_TO = {
    *("to", "cc", "bcc", "attn", "para", "cco", "destinatarios", "à", "pour", "copie"),
    *("destinataires", "a", "an", "إلى", "به"),
}
_FROM = {"from", "de", "da", "von", "remitente", "expéditeur", "من", "از"}
_DATE = {
    *("date", "sent", "fecha", "enviado", "envoyé", "data", "datum", "التاريخ", "تاريخ"),
    *("gesendet", "inviato", "enviada"),  # Outlook's "Sent:" in German, Italian, Portuguese
}
# "Subject: …", "Objet : …" (French spaces its colons), "الموضوع: …"
_LINE = re.compile(r"^\s*([^\W\d_][^\W\d]{0,13})\s?[:：]\s*(\S.*)$")
# What mail programs put before a reply's or a forward's subject: "RE:", "Fwd:", "RV:", "TR:",
# "AW:" / "WG:" (German), "RES:" / "ENC:" (Portuguese)
_REPLIED = re.compile(r"^(?:(?:re|fw|fwd|rv|tr|aw|wg|enc|res)\s?:\s*)+", re.IGNORECASE)
# The line a mail program writes over a forwarded message's headers, or a reply's quoted
# one's ("-----Original Message-----"): no text of it, left out with the head it opens
ORIGINAL_MESSAGE = r"original message|mensaje original|message d['’]origine"
FORWARDED = re.compile(
    r"^(-{5,}\s*(forwarded message|mensaje reenviado|message transf[ée]r[ée]|"
    rf"{ORIGINAL_MESSAGE})\s*-{{5,}}|begin forwarded message:|"
    r"inicio del mensaje reenviado:|d[ée]but du message r[ée]exp[ée]di[ée]\s*:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_KIND_MOST = 40  # characters of a line over the head that names it ("MEMO", "CIRCULAR Nº 12")
# A forwarder's note over the "Forwarded message" line ("Can we run this? / Ana"), which is
# for the editors; longer, the text above is an article that quotes a mail
_NOTE_BLOCKS, _NOTE_MOST = 3, 200  # characters


@dataclass(frozen=True)
class MemoHead:
    subject: str
    date: dt.date | None
    rest: list[Block]  # the blocks with the head's lines that named the subject and date out
    sender: str = ""  # a mail's: the name on its From line
    note: int = 0  # lines of a forwarder's note over the forwarded mail, left out


def memo_head(blocks: list[Block]) -> MemoHead | None:
    """The memo head opening `blocks` (or under a line naming what the text is, "MEMO",
    which stays text): lines each a label of a memo's head, one of them the subject
    ("Subject: …" alone too); None for any other opening."""
    blocks = _forward_line_joined(blocks)
    if len(blocks) > 1 and (head := _head(blocks, 0)):
        return head
    for at in range(1, min(len(blocks) - 1, _NOTE_BLOCKS + 1)):  # under the forwarder's note
        if sum(len(block.text) for block in blocks[:at]) > _NOTE_MOST:
            break
        note = sum(len(block.lines) for block in blocks[:at])
        if FORWARDED.match(blocks[at].lines[0]) and (head := _head(blocks, at)):
            return replace(head, rest=head.rest[at:], note=note)
    if len(blocks) > 2 and blocks[0].single_line and len(blocks[0].text) <= _KIND_MOST:
        return _head(blocks, 1)
    return None


def _forward_line_joined(blocks: list[Block]) -> list[Block]:
    """`blocks` with a forward's line that is a block of its own joined to the head under
    it: Apple Mail writes a blank line under "Begin forwarded message:", and Thunderbird's
    "-------- Forwarded Message --------" is told apart as a rule."""
    for at, block in enumerate(blocks[: _NOTE_BLOCKS + 1]):
        if block.single_line and FORWARDED.match(block.lines[0]) and at + 1 < len(blocks):
            under = blocks[at + 1]
            joined = replace(under, lines=(block.lines[0], *under.lines), rows=())
            return [*blocks[:at], joined, *blocks[at + 2 :]]
    return blocks


def _head(blocks: list[Block], index: int) -> MemoHead | None:
    block = blocks[index]
    forwarded = bool(FORWARDED.match(block.lines[0]))
    lines = block.lines[1:] if forwarded else block.lines
    if block.quoted or not lines or not (read := _read(lines)):
        return None  # labels and values apart by tabs (a table's rows) are a head too
    subject, date, kept = read
    mail = forwarded or any(_MAIL_TELL.search(line) for line in lines)
    sender, kept = (_sender(lines), []) if mail else ("", kept)
    head = [replace(block, lines=tuple(lines[i] for i in kept), rows=())] if kept else []
    rest = [*blocks[:index], *head, *blocks[index + 1 :]]
    text = _without_signature(_without_reply(rest)) if mail else rest
    return MemoHead(subject, date, text, sender)


# What tells a mail program's head from a memo's: an address, or Outlook's "Sent:"
_MAIL_TELL = re.compile(r"@[\w-]+\.\w|^\s*(?:sent|enviado|envoy[ée])\s?:", re.IGNORECASE)
_ADDRESS = re.compile(r"<[^<>]*>|\[mailto:[^\]]*\]|\S+@\S+")


def _sender(lines: Sequence[str]) -> str:
    """The name on a mail head's From line ("Ana Ruiz <ana@example.org>" → "Ana Ruiz"),
    without its address; none when it gives an address alone."""
    for line in lines:
        match = _LINE.match(line)
        if match and match.group(1).casefold() in _FROM:
            value = match.group(2)[: _NAME_MOST * 4]  # no address pattern scans a long line
            return _ADDRESS.sub("", value).strip(" \t\"'")[:_NAME_MOST]
    return ""


_NAME_MOST = 80  # characters


def signature_below(lines: Sequence[str]) -> bool:
    """Whether `lines`, under a mail's "--" line, are its signature: a few short lines, not
    more text ("--" is how people type "-- ", RFC 3676's separator, or editors strip it)."""
    below = [line for line in lines if line.strip()]
    return bool(below) and len(below) <= SIGNATURE_LINES and max(map(len, below)) <= 80


SIGNATURE_LINES = 6  # a name, a role, an organisation, an address, a telephone, a site


# The line a mail program adds under what was written on a phone or in its app, in the
# languages its users write: "Sent from my iPhone", "Get Outlook for Android", "Enviado
# desde mi iPhone", "Envoyé de mon iPhone", "أرسلت من الـ iPhone"
SENT_FROM = re.compile(
    r"\s*(sent from (my|mail for|yahoo|outlook|aol|the \w+ app)|sent with (proton|blackberry)"
    r"|get outlook for|enviado (desde|do) (mi|meu|o|el|outlook|yahoo|correo)"
    r"|envoyé (de|depuis) (mon|ma|l['’]|outlook|yahoo)|gesendet (von|mit) (meinem|der|outlook)"
    r"|inviato da (iphone|ipad|il mio|outlook|yahoo)|verzonden (met|vanaf) (mijn|outlook)"
    r"|wysłane z (mojego|iphone|outlook)|أُ?رسلت من|ارسال شده از)",
    re.I,
)
_TAGLINE_MOST = 60  # characters


def is_tagline(line: str) -> bool:
    """Whether `line` is a mail program's line under what was written ("Sent from my
    iPhone"): the program's, not the writer's."""
    return len(line.strip()) <= _TAGLINE_MOST and bool(SENT_FROM.match(line))


# The line over a reply's quote of the message it answers
QUOTE_INTRO = re.compile(r"^(on .+ wrote|el .+ escribi[óo]|le .+ a [ée]crit)\s*:\s*$", re.I | re.M)
_INTRO_MOST = 300  # characters


def _without_reply(blocks: list[Block]) -> list[Block]:
    """A mail's blocks without the message it answers, quoted at its end under "On …
    wrote:" ("> " lines)."""
    end = len(blocks)
    while end and blocks[end - 1].quoted:
        end -= 1
    if end == len(blocks) or not end:
        return blocks
    last = blocks[end - 1]
    intro = last.lines[-1]
    if len(intro) > _INTRO_MOST or not QUOTE_INTRO.match(intro):
        return blocks
    kept = replace(last, lines=last.lines[:-1])
    return [*blocks[: end - 1], *([kept] if kept.lines else [])]


def _without_signature(blocks: list[Block]) -> list[Block]:
    """A mail's blocks without the signature under its last "--" line."""
    if (found := signature_line(blocks)) is None:
        return blocks
    at, cut = found
    kept = replace(blocks[at], lines=blocks[at].lines[:cut])
    return [*blocks[:at], *([kept] if kept.lines else [])]


def signature_line(blocks: Sequence[Block], plain: bool = False) -> tuple[int, int] | None:
    """Where the last "--" line of `blocks` stands (its block, its line in it) when the
    lines under it are a signature (`signature_below`); None when they are more text, or
    there is none. `plain`: in no table's or quote's block."""
    for at in range(len(blocks) - 1, -1, -1):
        block = blocks[at]
        lines = [line.strip() for line in block.lines]
        if "--" not in lines or (plain and (block.rows or block.quoted)):
            continue
        cut = len(lines) - 1 - lines[::-1].index("--")
        below = [*lines[cut + 1 :], *(line for later in blocks[at + 1 :] for line in later.lines)]
        return (at, cut) if signature_below(below) else None
    return None


# The paragraphs opening a document's HTML (pandoc's of a Word or OpenDocument file)
_PARAGRAPH = re.compile(r"\s*<p(?:\s[^>]*)?>(.*?)</p>", re.DOTALL)
_HEAD_MOST = 12  # paragraphs: a head's lines, and the line naming the text over them


def memo_head_html(body: str) -> tuple[str, dt.date | None, str] | None:
    """The memo head opening a document's `body` (HTML), as Word's memo templates type one
    a paragraph a line ("TO:", "FROM:", "DATE:", "RE:"): its subject, date and the body
    without their paragraphs; None for any other opening. The head's lines are the
    paragraphs with a label, up to the first without one (the text)."""
    from ..sanitize import plain_text

    found: list[tuple[int, int, str]] = []  # each paragraph's start, end and text
    end = 0
    while len(found) < _HEAD_MOST and (paragraph := _PARAGRAPH.match(body, end)):
        found.append((end, paragraph.end(), plain_text(paragraph[1])))
        end = paragraph.end()
    texts = [text for _, _, text in found]
    first = 1 if texts and not _LINE.match(texts[0]) and len(texts[0]) <= _KIND_MOST else 0
    head = list(itertools.takewhile(_LINE.match, texts[first:]))
    if first + len(head) == len(texts) or not (read := _read(head)):
        return None  # no text after the head: nothing tells it from a list of labels
    subject, date, kept = read
    gone = {first + i for i in range(len(head)) if i not in kept}  # the subject's, the date's
    pieces = [body[start:stop] for i, (start, stop, _) in enumerate(found) if i not in gone]
    return subject, date, "".join(pieces) + body[end:]


def _read(lines: Sequence[str]) -> tuple[str, dt.date | None, list[int]] | None:
    """A head's subject, its date, and which of `lines` stay text (to whom, from whom, a
    date that names no day): None unless each line is a label of a memo's head and one of
    them the subject's."""
    subject, date, kept = "", None, []
    for index, line in enumerate(lines):
        match = _LINE.match(line)
        label = match.group(1).casefold() if match else ""
        if label in _SUBJECT and not subject and match:
            subject = _REPLIED.sub("", match.group(2)).strip()
        elif label in _DATE and date is None and match and (when := parse_date(match.group(2))):
            date = when
        elif label in _TO | _FROM | _DATE:
            kept.append(index)
        else:
            return None
    return (subject, date, kept) if subject else None
