"""A line of two hyphens alone, "--", in a plain text: how people type "-- ", the line mail
and forums put over a signature (RFC 3676), and a break between paragraphs when typed alone
between them. Read as such for `publisher import` and the build's plain-text reader alike;
as text, its hyphens were printed as an en dash standing alone on its line."""

from __future__ import annotations

from dataclasses import replace

from .memo_head import signature_below
from .textblocks import Block

DASH_LINE = "--"
_RULE = "---"  # a rule as textblocks.RULE reads one


def dash_lines_read(blocks: list[Block]) -> list[Block]:
    """`blocks` with the last "--" line over a signature (`signature_below`) left out, the
    signature a block of its own, which the closing lines' reading then takes as one; any
    other "--" typed alone between paragraphs a rule, and one at the text's edges gone
    (a rule there parts nothing). A "--" among a paragraph's lines stays as typed."""
    found = [
        (at, number)
        for at, block in enumerate(blocks)
        for number, line in enumerate(block.lines)
        if line.strip() == DASH_LINE and not (block.rows or block.quoted)  # a table's, a quote's
    ]
    if not found:
        return blocks
    read = list(blocks)
    at, number = found[-1]
    block = read[at]
    under = block.lines[number + 1 :]
    if signature_below([*under, *(line for later in read[at + 1 :] for line in later.lines)]):
        above = block.lines[:number]
        signed = Block(under, False, 0 if above else block.gap) if under else None
        read[at : at + 1] = [
            *([replace(block, lines=above)] if above else []),
            *([signed] if signed else []),
        ]
    alone = [at for at, block in enumerate(read) if block.lines == (DASH_LINE,)]
    last = len(read) - 1
    return [
        replace(block, lines=(_RULE,)) if at in alone else block
        for at, block in enumerate(read)
        if not (at in alone and (at == 0 or at == last))
    ]
