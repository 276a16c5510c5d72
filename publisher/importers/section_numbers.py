"""A report's numbered section headings, as Word numbers them and a plain-text copy keeps
them: "1. Introduction", "2. Findings", "2.1 Rents", each alone on its line over its text.
They were paragraphs like any other (or a list of one item), and the report had no
headings: no structure in its outputs, no entries in a PDF's bookmarks. Headings they are,
each number's depth its level ("2" an h2, "2.1" an h3, "2.1.1" an h4).

Only numbers that go on as a document's sections do (1, 2, 2.1, 2.2, 3: each the next at
its depth, or the first one deeper) count, at least two of them, each over its section's
text or the first of its subsections: a list of short items, each number over the next or
over its lettered sub-items, stays a list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .textblocks import Block

_NUMBERED = re.compile(r"(?P<number>\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(?P<title>\S.{0,78})")
_LEAST = 2  # headings: one numbered line alone is no report's sections
_WORDS_MOST = 12
_SENTENCE_END = (".", ",", ";", ":", "!", "?")


def numbered_headings(blocks: Sequence[Block]) -> dict[int, int]:
    """The numbered section headings among `blocks`: each one's index and its heading level
    (2 to 4); none unless their numbers go on as sections do."""
    found: list[tuple[int, tuple[int, ...]]] = []
    for index, block in enumerate(blocks):
        if (number := _section_number(block)) is not None:
            found.append((index, number))
    headings: dict[int, int] = {}
    previous: tuple[int, ...] = ()
    for at, (index, number) in enumerate(found):
        after = found[at + 1] if at + 1 < len(found) else None
        if not _follows(previous, number):
            return {}
        under = blocks[index + 1] if index + 1 < len(blocks) else None
        subsection = after is not None and after[0] == index + 1 and len(after[1]) > len(number)
        if under is None or (not subsection and _list_item(under)):
            return {}  # nothing under it, or a list's next item or sub-item: a list
        headings[index] = min(len(number) + 1, 4)
        previous = number
    return headings if len(headings) >= _LEAST else {}


def _list_item(block: Block) -> bool:
    """Whether a block is a list's item: a bullet's, a number's or a letter's, or numbered
    as a section is."""
    return (
        block.bullet
        or block.number is not None
        or block.letter is not None
        or _section_number(block) is not None
    )


def _section_number(block: Block) -> tuple[int, ...] | None:
    """The section number a block alone on its line opens with, over a title's words."""
    if not block.single_line or block.quoted or block.rows:
        return None
    found = _NUMBERED.fullmatch(block.text.strip())
    if not found:
        return None
    title = found["title"]
    if title.endswith(_SENTENCE_END) or len(title.split()) > _WORDS_MOST or not title[0].isupper():
        return None
    return tuple(int(part) for part in found["number"].split("."))


def _follows(previous: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Whether `number` is the next section after `previous`: the next at a depth of it
    (2.1 → 2.2, 2.2 → 3) or the first one deeper (2 → 2.1); the first is 1 (or 1.1)."""
    if not previous:
        return set(number) == {1}
    if len(number) == len(previous) + 1:
        return number[:-1] == previous and number[-1] == 1
    depth = len(number)
    return (
        depth <= len(previous)
        and number[:-1] == previous[: depth - 1]
        and (number[-1] == previous[depth - 1] + 1)
    )
