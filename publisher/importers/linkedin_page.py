"""A LinkedIn article's head, as a browser copies its page: under the title, the author's
name (twice when signed in: the picture's and the link's), the degree of connection
("· 2nd"), their headline ("Organiser at Dockside Workers' Network"), "Published Mar 3,
2026" and the "+ Follow" button. Made the byline the other readers of pasted posts read
(the name over the date), as `medium_page` makes Medium's; the foot's "Like", "Comment",
"Share" and counts are `blogfurniture`'s. Its pages in English, Spanish and French.
"""

from __future__ import annotations

import re

from .textblocks import Block
from .textdates import posted_on, signature

_FOLLOW = re.compile(r"\+\s*(?:follow|seguir|suivre)", re.IGNORECASE)
# "· 2nd", "· 3rd+"; "· 2º", "· 3er+"; "· 2e", "· 3e+"
_DEGREE = re.compile(r"[·•]\s*[123](?:st|nd|rd|er|e|\.?º)\+?", re.IGNORECASE)
_HEAD_LINES = 7  # name, name again, degree, headline (two lines at most), date, "+ Follow"
_HEADLINE_MAX = 220  # characters LinkedIn lets a headline have


def linkedin_head(blocks: list[Block]) -> list[Block]:
    """`blocks` with a LinkedIn article's head under its title made one block, the
    author's name over the date; unchanged without such a head."""
    lines: list[tuple[int, str]] = []  # (block, line) from the block under the title on
    for at, block in enumerate(blocks[1:], 1):
        lines += [(at, line.strip()) for line in block.lines]
        if len(lines) >= _HEAD_LINES:
            break
    follow = next((i for i, (_, line) in enumerate(lines) if _FOLLOW.fullmatch(line)), None)
    if follow is None or follow < 2:
        return blocks
    end = lines[follow][0]
    if follow + 1 < len(lines) and lines[follow + 1][0] == end:
        return blocks  # the button amid a block's lines: no head of LinkedIn's
    when = posted_on(lines[follow - 1][1])
    name = signature(lines[0][1])
    if when is None or not name or name[1] is not None:
        return blocks
    between = [line for _, line in lines[1 : follow - 1] if line != name[0]]
    between = [line for line in between if not _DEGREE.fullmatch(line)]
    if len(between) > 2 or any(len(line) > _HEADLINE_MAX for line in between):
        return blocks
    first = blocks[1]
    byline = Block((name[0], when.isoformat()), first.indented, first.gap, first.indent)
    return [blocks[0], byline, *blocks[end + 1 :]]
