"""A pasted text's closing lines: who signed it ("In solidarity," a name over a role, "Org
(X), June 28, 2024", "Posted on DATE by NAME"), the date it was signed on (under or over
the name, a letter's "Paris, le 3 mars 2026"), and what may follow them (links, notes,
photo credits, contact details), which are passed over and are never the author."""

from __future__ import annotations

import datetime as dt

from .draft import Draft
from .textblocks import Block
from .textdates import (
    authors,
    closing,
    contact_details,
    credit,
    letter_dateline,
    parse_date,
    place_and_date,
    role,
    signature,
    signed_over_role,
    signed_under_closing,
)
from .textlines import FOOTNOTE_DEF, NOTE, PICTURE, URL, caption
from .textmarks import unmarked


def closing_index(blocks: list[Block]) -> int:
    """The index of the text's last block of its own, before what may follow a signature
    (links, notes, photo credits, contact details) and rules; -1 when it has none (a contact
    card, nothing but details)."""
    own = (i for i in reversed(range(len(blocks))) if not _after_text(blocks[i]))
    return next(own, -1)


def _after_text(block: Block) -> bool:
    return block.rule or _after_signature(block.text)


def take_signature_apart(blocks: list[Block], draft: Draft) -> None:
    """`take_signature`, once the closing lines typed with no blank line between them are
    blocks apart: a name over contact details, a name and the date ("Workers Union" /
    "3 March 2026"), either first."""
    _contact_lines_apart(blocks)
    _signature_and_date_apart(blocks)
    take_signature(blocks, draft)


def take_signature(blocks: list[Block], draft: Draft) -> None:
    """The closing lines: 'Org (X), June 28, 2024', 'Posted on DATE by NAME', 'Posted by NAME
    at 10:42 AM', or a name line, or a name then a date line; links, notes and photo credits
    after them are passed over. A bare name after short lines is one more of them (a verse,
    a slogan); a line that says it is a byline is one wherever it stands. A byline under
    the title has named the author already: it stays the author, the signature the body's."""
    last = closing_index(blocks)
    if last < 0:
        return
    lines = blocks[last].lines
    if last > 0 and not blocks[last].single_line and closing(blocks[last - 1].text):
        lines = (blocks[last - 1].text, *lines)  # "In solidarity," a blank line, name over role
    if name := signed_under_closing(lines) or signed_over_role(_last_two_lines(blocks, last)):
        draft.authors = draft.authors or authors(unmarked(name))  # "*Ana Ruiz*": Ana Ruiz
        draft.found["signature"] += 1
        return
    dated, signed_on = _signing_date_at(blocks, last) or (None, None)
    candidates = [last] if dated is None else [i for i in (last - 1, last) if i not in (-1, dated)]
    for index in candidates:
        block = blocks[index]
        if not block.single_line or _next_item(blocks, index):
            continue
        said = credit(block.text)  # "By Ana Ruiz", "Published by …", "Posted on … by …"
        after_closing = index > 0 and closing(blocks[index - 1].text)
        if not said and _among_short_lines(blocks, index) and dated is None and not after_closing:
            continue
        found = said or (None if role(block.text) else signature(block.text))
        if found and not parse_date(block.text):
            name, when = found
            if not draft.authors:
                draft.authors = authors(unmarked(name))
                if not when and not said and dated is None:
                    draft.unsure.append(f"author {name!r} read from the closing line")
            if when := when or signed_on:
                draft.date = draft.date or when
            draft.found["signature"] += 1
            blocks[index] = Block(("\x01sig " + block.text,), False, block.gap)
            return
    if signed_on and draft.date is None:
        draft.date = signed_on
        draft.found["closing date"] += 1


def _last_two_lines(blocks: list[Block], last: int) -> tuple[str, ...]:
    """The text's last two lines, in its last block or the last two blocks of a line each,
    as a signer's name and role are typed."""
    if len(blocks[last].lines) == 2:
        return blocks[last].lines
    if last > 0 and blocks[last].single_line and blocks[last - 1].single_line:
        return (blocks[last - 1].text, blocks[last].text)
    return ()


def _next_item(blocks: list[Block], index: int) -> bool:
    """Whether `blocks[index]` is one more item of the list above it, dashed as it is: a
    post's last call to action ("- Share this post"), not a name signed after a dash."""
    before = blocks[index - 1] if index > 0 else None
    return (
        before is not None
        and blocks[index].bullet
        and before.bullet
        and before.lines[0][:1] == blocks[index].lines[0][:1]
    )


def _signing_date(text: str) -> dt.date | None:
    """The date a closing line gives: a date alone or a letter's "Fait à Paris, le …"."""
    return parse_date(text) or letter_dateline(text)


def _signing_date_at(blocks: list[Block], last: int) -> tuple[int, dt.date] | None:
    """Where the date the text was signed on stands, and the date: its last line (under
    the signer's name, "Madrid, 3 de marzo de 2026" too), or the line over the signer's
    name ("Madrid, a 3 de marzo de 2026" / "Sindicato de Inquilinas")."""
    text = blocks[last].text
    named_over = last > 0 and blocks[last - 1].single_line and signature(blocks[last - 1].text)
    if when := _signing_date(text) or (named_over and place_and_date(text)):
        return last, when
    if last < 1 or not blocks[last].single_line:
        return None
    over = blocks[last - 1].text
    if when := letter_dateline(over) or (signature(text) and parse_date(over)):
        return last - 1, when
    return None


def _signature_and_date_apart(blocks: list[Block]) -> None:
    """A signer's name and the date on consecutive lines, either one first ("María
    Fernández" / "3 de marzo de 2026"), or any line and a letter's "Paris, le 3 mars
    2026", as two blocks: `take_signature` reads them so."""
    last = closing_index(blocks)
    if last < 1 or len(lines := blocks[last].lines) != 2:
        return
    first, second = lines
    for name, day, name_first in ((first, second, True), (second, first, False)):
        if letter_dateline(day) or (
            signature(name) and (parse_date(day) or (name_first and place_and_date(day)))
        ):
            block = blocks[last]
            blocks[last : last + 1] = [
                Block(lines[:1], block.indented, block.gap, block.indent),
                Block(lines[1:], False, 0),
            ]
            return


def _after_signature(text: str) -> bool:
    """What may follow a signature: a link, a note, a footnote ("[1] …"), a photo credit,
    contact details."""
    return bool(
        URL.fullmatch(text)
        or NOTE.match(text)
        or FOOTNOTE_DEF.match(text)
        or PICTURE.fullmatch(text)
        or caption(text)
        or contact_details(text)
    )


def _contact_lines_apart(blocks: list[Block]) -> None:
    """The closing lines typed under a signature with no blank line between, contact
    details under a name, as two blocks: the name can then be read as the signature."""
    last = len(blocks) - 1
    if last < 1 or blocks[last].single_line:
        return
    lines = blocks[last].lines
    head = len(lines)
    while head > 1 and contact_details(lines[head - 1]):
        head -= 1
    if head < len(lines):
        block = blocks[last]
        blocks[last:] = [
            Block(lines[:head], block.indented, block.gap, block.indent),
            *(Block((line,), False, 0) for line in lines[head:]),
        ]


def _among_short_lines(blocks: list[Block], index: int) -> bool:
    """Whether the block before `index` is a short line of text (a verse, a slogan, a list
    whose bullets were lost), which makes the closing line one more of them. A bulleted or
    numbered list, or a rule, ends before a signature."""
    before = [b for b in blocks[:index] if not b.rule]
    return (
        bool(before)
        and len(before[-1].text) < 40
        and not (before[-1].bullet or before[-1].number is not None)
    )
