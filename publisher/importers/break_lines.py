"""Lines of a plain text that mark a break rather than say something, read for `publisher
import` and the build's plain-text reader alike:
- two hyphens alone, "--": how people type "-- ", the line mail and forums put over a
  signature (RFC 3676), and a break when typed alone between paragraphs; as text, its
  hyphens were printed as an en dash alone on its line;
- ornaments alone between paragraphs ("⁂", "❧", "• • •", "◆◆◆", "~~~", and the "▬▬▬▬"
  of social posts), as writers part a text's sections, which were printed as a paragraph
  of symbols (textblocks.RULE reads the rules typed with dashes, "___" and "* * *", and
  parts posts at them: these part sections of one text, after posts are parted, unless
  a post's title and date come next: `plaintext._split_posts`)."""

from __future__ import annotations

import re
from dataclasses import replace

from .memo_head import signature_line
from .textblocks import Block

DASH_LINE = "--"
_RULE = "---"  # a rule as textblocks.RULE reads one
# Three or more of one mark that is also a bullet, an underline or a number sign ("•", "#"),
# spaced or not; one or more of the printer's ornaments, which are nothing else.
_ORNAMENTS = re.compile(
    r"^(?:([•·∙~=#◆◇❖✦✧★☆⋆∗°▬])(?:\s*\1){2,}|[⁂❧❦☙※✻✽❋✢✣✤✥](?:\s*[⁂❧❦☙※✻✽❋✢✣✤✥]){0,4})$"
)


def break_lines_read(blocks: list[Block]) -> list[Block]:
    """`blocks` with the last "--" line over a signature (`signature_line`) left out, the
    signature a block of its own, which the closing lines' reading then takes as one; any
    other "--", or ornaments, typed alone between paragraphs a rule, and one at the text's
    edges gone (a rule there parts nothing). A "--" among a paragraph's lines stays."""
    read = list(blocks)
    if found := signature_line(read, plain=True):  # not a table's nor a quote's
        at, number = found
        block = read[at]
        above, under = block.lines[:number], block.lines[number + 1 :]
        signed = Block(under, False, 0 if above else block.gap) if under else None
        read[at : at + 1] = [
            *([replace(block, lines=above)] if above else []),
            *([signed] if signed else []),
        ]
    breaks = {at for at, block in enumerate(read) if _a_break(block)}
    last = len(read) - 1
    return [
        replace(block, lines=(_RULE,)) if at in breaks else block
        for at, block in enumerate(read)
        if not (at in breaks and (at == 0 or at == last))
    ]


def _a_break(block: Block) -> bool:
    return is_ornament(block) or (_alone(block) and block.text.strip() == DASH_LINE)


def is_ornament(block: Block) -> bool:
    """Whether `block` is only ornaments ("⁂", "• • •", "▬▬▬▬"), alone between paragraphs."""
    return _alone(block) and bool(_ORNAMENTS.match(block.text.strip()))


def _alone(block: Block) -> bool:
    return block.single_line and not (block.rows or block.quoted or block.heading)
