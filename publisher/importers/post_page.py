"""A post copied from its own page on X, Bluesky or Mastodon: the account's name over its
handle, the post's text, then the time it was posted ("10:32 AM · Mar 3, 2026" on X,
"March 3, 2026 at 10:32 AM" on Bluesky, "Mar 3, 2026, 10:32 AM" on Mastodon, with the
app it was posted from after a "·"), perhaps with its views, reposts, boosts and likes on
the line or under it, and when it was edited. The time is at the foot, where no reader of
pasted posts looks for a date: it was printed as the text's last paragraph, and a line
under it ("1,204 Views", "Everyone can reply") was taken for a signature. Made the head
`textdates.handle_header` reads on a timeline's copy ("Ana Ruiz @anaruiz · Mar 3, 2026"),
the foot left out. A browser that drops the gaps between lines runs the head and foot on
to the text: they are found there too. The pages in English, Spanish and French.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .blogfurniture import buttons
from .textblocks import Block
from .textdates import parse_date, signature, without_time

_HANDLE = re.compile(r"@[\w.]{1,60}(?:@[\w.-]{1,100})?")  # Mastodon's with its server
_COUNT = r"\d[\d,.\s\u202f]*[KkM]?"  # "1,204", "1.2K", "1 204" (French, its space narrow)
# "10:32 AM · Mar 3, 2026", "10:32 a. m. · 3 mar. 2026", "22:32 · 3 mars 2026"
_POSTED = re.compile(
    r"(?P<time>\d{1,2}[:.]\d{2}(?:\s?[ap]\.?\s?m\.?)?)\s*·\s*(?P<day>[^·]{4,40}?)"
    rf"(?:\s*·\s*{_COUNT}\s+(?:views|visualizaciones|vues))?",
    re.IGNORECASE,
)
# Under the time: its views, the count ("1,204", "1 204") and the word on lines apart;
# Bluesky's note of who may reply; Mastodon's boosts and favourites, and when it was
# edited ("Edited Mar 3, 2026, 11:02 AM")
_UNDER = re.compile(
    rf"({_COUNT}\s*)?(views|visualizaciones|vues|boosts?|impulsos?|partages?|"
    r"favou?rites?|favoritos?|favoris)|"
    rf"{_COUNT}|(edited|editado|modifi[ée]( le)?)( .{{1,40}})?|"
    r"everyone can reply|todos pueden responder|tout le monde peut répondre",
    re.IGNORECASE,
)
_APP = re.compile(r"[^·\s][^·]{0,39}")  # the app Mastodon names after the time: "Web", "Ivory"
_DOT_APP = re.compile(rf"[·∙]\s*{_APP.pattern}")
_CLOCK = re.compile(r"\d{1,2}[:.h]\s?\d{2}")


def post_page(blocks: list[Block]) -> list[Block]:
    """`blocks` with a post's head and the time at its foot made one head line, the name,
    handle and day; unchanged unless both are there."""
    lines = [(at, line.strip()) for at, block in enumerate(blocks) for line in block.lines]
    if len(lines) < 4 or not _HANDLE.fullmatch(lines[1][1]):
        return blocks
    name = signature(lines[0][1])
    if not name or name[1] is not None:
        return blocks
    end = len(lines) - 1
    while end > 2 and (
        _under(line := lines[end][1])
        or buttons(Block((line,), False, 0))
        or _DOT_APP.fullmatch(line)  # Mastodon's app, "· Web" ("·" over "Web" read as one)
    ):
        end -= 1  # "·", "1,204", "Views" under the time
    if not (day := _posted(lines[end][1])):
        return blocks
    head = Block((f"{name[0]} {lines[1][1]} · {day.isoformat()}",), False, 0)
    return [head, *_between(blocks, lines[2][0], lines[end][0], lines, end)]


def _under(line: str) -> bool:
    """Whether `line` is counts and the like under a post's time, one or several between
    dots ("12 boosts · 34 favorites")."""
    return all(_UNDER.fullmatch(part) for part in _DOTS.split(line) if part)


_DOTS = re.compile(r"\s*[·∙]\s*")


def _posted(line: str) -> dt.date | None:
    """The day a post's time at its foot names: X's ("10:32 AM · Mar 3, 2026"), or a day
    and its time ("March 3, 2026 at 10:32 AM", "Mar 3, 2026, 10:32")."""
    if posted := _POSTED.fullmatch(line):
        return parse_date(posted["day"])
    time, *after = _DOTS.split(line)  # Mastodon's app on the line: "… · Web"
    if all(_APP.fullmatch(part) for part in after if part):
        return parse_date(without_time(time)) if _CLOCK.search(time) else None
    return None


def _between(
    blocks: list[Block], first: int, last: int, lines: list[tuple[int, str]], end: int
) -> list[Block]:
    """The blocks from `first` to `last`, the head's two lines taken from the first and the
    foot's lines (from line `end` on) from the last."""
    kept = list(blocks[first : last + 1])
    dropped_head = sum(1 for at, _ in lines[:2] if at == first)
    dropped_foot = sum(1 for at, _ in lines[end:] if at == last)
    if first == last:
        inner = kept[0].lines[dropped_head : len(kept[0].lines) - dropped_foot]
        return [dataclasses.replace(kept[0], lines=inner)] if inner else []
    kept[0] = dataclasses.replace(kept[0], lines=kept[0].lines[dropped_head:])
    kept[-1] = dataclasses.replace(kept[-1], lines=kept[-1].lines[:-dropped_foot])
    return [block for block in kept if block.lines]
