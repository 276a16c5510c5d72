"""A Medium post's page copied whole (Ctrl+A): its head and its foot, as a browser copies
them, made what the other readers of pasted posts read.

Under the title and subtitle, Medium prints the author's name over a "Follow" button, the
reading time and the date ("4 min read", "·", "Mar 3, 2026"), the claps and responses
counts, "Listen" and "Share". Under the text: the post's tags, the counts again, then the
author's box ("Written by Ana Ruiz", "120 Followers", the bio, "Follow"), "More from Ana
Ruiz" and "Recommended from Medium" (other posts' titles and openings) and the site's
footer. Only the pages in English, Spanish and French are told.

The head becomes a byline (the name over the date, as Substack's is copied), which the
title, subtitle and byline readers take; the counts and buttons under it are left out
with a byline's (`blogfurniture.buttons`). The foot, from the author's box on, is left
out whole, and the tags over it are the post's.
"""

from __future__ import annotations

import re

from .reading_time import is_reading_time
from .textblocks import Block
from .textdates import parse_date

_FOLLOW = re.compile(r"follow|seguir|suivre|s['’]abonner", re.IGNORECASE)
_MEMBERS = re.compile(
    r"member-only story|historia solo para miembros|article réservé aux membres", re.IGNORECASE
)
_WRITTEN_BY = re.compile(r"(?:written by|escrito por|écrit par)\s+.{2,60}", re.IGNORECASE)
_FOLLOWERS = re.compile(
    r"[\d.,]+\s*[KkM]?\s*(?:followers?|seguidores|abonnés)(?:\s*·.*)?", re.IGNORECASE
)
_DOTS = ("·", "∙")  # between the reading time and the date, on a line of its own
_HEAD_BLOCKS = 6  # title, subtitle, name, Follow, reading time and date: where it stands
_TAGS_MAX = 8  # Medium lets a post have five; some themes show more


def medium_head(blocks: list[Block]) -> list[Block]:
    """`blocks` with a Medium head's name, "Follow", reading time and date made one block,
    the name over the date; "Member-only story" over the title left out. Unchanged
    without such a head."""
    if blocks and blocks[0].single_line and _MEMBERS.fullmatch(blocks[0].text.strip()):
        blocks = blocks[1:]
    for at in range(1, min(len(blocks) - 1, _HEAD_BLOCKS)):
        if blocks[at].single_line and _FOLLOW.fullmatch(blocks[at].text.strip()):
            name = blocks[at - 1]
            if not (name.single_line and _name_like(name.text)):
                return blocks
            dated = _date_after(blocks, at + 1)
            if dated is None:
                return blocks
            date, end = dated
            byline = Block((name.text.strip(), date), name.indented, name.gap, name.indent)
            return [*blocks[: at - 1], byline, *blocks[end:]]
    return blocks


def _date_after(blocks: list[Block], start: int) -> tuple[str, int] | None:
    """The date in the reading-time lines from `start` on, and the index past them."""
    date = None
    for end in range(start, min(start + 2, len(blocks))):
        for line in blocks[end].lines:
            text = line.strip().lstrip("·∙ ")  # "· Mar 3, 2026": the date after its dot
            if parse_date(text) and date is None:
                date = text
            elif text and text not in _DOTS and not is_reading_time(text):
                return None
        if date:
            return date, end + 1
    return None


def _name_like(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 6 and len(text) <= 60 and not re.search(r"[\d.!?:;,]", text)


def medium_foot(blocks: list[Block]) -> tuple[list[Block], int, tuple[str, ...]]:
    """`blocks` without a Medium page's foot (the author's box on), how many lines it had,
    and the post's tags over it; unchanged without one."""
    for at in range(len(blocks) - 1, 0, -1):
        lines = [line.strip() for b in blocks[at : at + 2] for line in b.lines]
        if _WRITTEN_BY.fullmatch(lines[0]) and any(_FOLLOWERS.fullmatch(x) for x in lines[1:3]):
            break
    else:
        return blocks, 0, ()
    left_out = sum(len(b.lines) for b in blocks[at:])
    end = at
    while end > 1 and all(_COUNT.fullmatch(line.strip()) for line in blocks[end - 1].lines):
        end -= 1  # the claps and responses counts
        left_out += len(blocks[end].lines)
    tags: tuple[str, ...] = ()
    if end > 1 and _tags(blocks[end - 1]):
        end -= 1
        tags = blocks[end].lines
        left_out += len(tags)
    return blocks[:end], left_out, tags


_COUNT = re.compile(r"[\d.,]+\s*[KkM]?|--")  # "57", "1.2K"; "--": no claps yet


def _tags(block: Block) -> bool:
    """A post's tags as Medium prints them: a line each, a word or three, no sentence."""
    return len(block.lines) <= _TAGS_MAX and all(
        len(line.split()) <= 3 and not re.search(r"[.!?:;,]$", line) for line in block.lines
    )
