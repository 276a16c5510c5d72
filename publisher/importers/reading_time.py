"""A platform's reading time under a post's title, copied with it ("5 min read · Mar 3,
2026", as Medium prints it; "Mar 3, 2026 — 4 min read", as Ghost does; "Reading time: 5
minutes", "Lectura: 5 min", "5 min de lecture"): no part of the post. Told the same way
wherever a pasted post is read (`blogfurniture`, `medium_page`, `readers/text.py`)."""

from __future__ import annotations

import dataclasses
import re

from .textblocks import Block

# Alone or beside a date or a name, between separators
_READING_TIME = re.compile(
    r"(?:^|\s*[·|•∙—–]\s*)(?:\d+\s*(?:min(?:ute)?s?|minutos?)\.?\s*(?:read|de lectura|de lecture)"
    r"|(?:reading time|tiempo de lectura|lectura|temps de lecture)\s*:?\s*\d+\s*"
    r"(?:min(?:ute)?s?|minutos?)\.?)(?:\s*[·|•∙—–]\s*|$)",
    re.IGNORECASE,
)
_HEAD_BLOCKS = 4  # the title, subtitle, byline and date: where a reading time stands


def is_reading_time(line: str) -> bool:
    """Whether `line` is a reading time alone ("4 min read", "· 4 min read")."""
    return bool(_READING_TIME.fullmatch(line))


def without_reading_time(blocks: list[Block]) -> tuple[list[Block], int]:
    """`blocks` without the reading time in the lines of their head, and how many lines
    held one; a line that held only that goes."""
    kept, found = list(blocks), 0
    for index, block in enumerate(blocks[:_HEAD_BLOCKS]):
        lines = [_READING_TIME.sub(_between, line).strip() for line in block.lines]
        found += sum(line != old.strip() for line, old in zip(lines, block.lines, strict=True))
        kept[index] = dataclasses.replace(block, lines=tuple(line for line in lines if line))
    return [block for block in kept if block.lines], found


def _between(found: re.Match[str]) -> str:
    """A reading time taken out of the middle of a line leaves one separator ("Ana Ruiz ·
    5 min read · Mar 3, 2026" → "Ana Ruiz · Mar 3, 2026"); at either end, none."""
    text = found.group(0).strip()
    return " · " if text[:1] in _SEPARATORS and text[-1:] in _SEPARATORS else ""


_SEPARATORS = ("·", "|", "•", "∙", "—", "–")
