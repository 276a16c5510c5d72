"""A Facebook event's page copied whole (Ctrl+A): its head, as a browser copies it, made
what the other readers of pasted text read.

Over the event's description, Facebook prints its time in capitals ("SAT, MAR 14, 2026 AT
11 AM GMT"), its name, its place, the buttons ("Interested", "Going", "Invite"),
"Details", how many responded, "Event by" its hosts, the place again, its duration and
who may see it ("Public · Anyone on or off Facebook"), in English, Spanish or French.

The name stays the title. The time, place and duration, what a reader needs, stay the
text's first lines, labelled ("When: …", "Where: …"): the time is the event's, not the
document's date. The hosts are its authors; the rest is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .textblocks import Block
from .textdates import parse_date

_BUTTONS = re.compile(
    r"interested|going|invite|details|share|"
    r"me interesa|asistiré|voy|invitar|detalles|compartir|"
    r"intéressé\(e\)|intéressé|participer|je participe|inviter|détails|partager",
    re.IGNORECASE,
)
_RESPONDED = re.compile(
    r"[\d.,]+\s*[KkM]?\s*(?:people responded|personas respondieron|personnes ont répondu)"
    r"|[\d.,]+\s*[KkM]?\s*(?:going|interested|asistirán|interesados|participants|intéressés)"
    r"(?:\s*·.*)?",
    re.IGNORECASE,
)
_HOSTS = re.compile(
    r"(?:event by|evento de|événement de|évènement de|organisé par|organizado por)\s+(.+)",
    re.IGNORECASE,
)
_DURATION = re.compile(r"(?:duration|duración|durée)\s*:\s*(.+)", re.IGNORECASE)
_AUDIENCE = re.compile(
    r"(?:public|público|private|privado|privé)\s*·\s*.*|anyone on or off facebook",
    re.IGNORECASE,
)
_LABELS = {
    "es": ("Cuándo", "Dónde", "Duración"),
    "fr": ("Quand", "Où", "Durée"),
}
_HEAD_MOST = 16  # single lines: the time, the name, the place and what comes under them
_LINE_MOST = 160  # characters


@dataclass(frozen=True)
class EventPage:
    hosts: list[str]
    blocks: list[Block]  # the name, the time and place, the description
    left_out: int  # lines: buttons, counts, the hosts', the place again


def facebook_event(blocks: list[Block]) -> EventPage | None:
    """The event page opening `blocks`, or None: its time over its name, and under them
    buttons and an "Event by" line or a count of who responded. (Its lines are a block
    each, or one block of lines, as the description's length has them split.)"""
    head = _opening_lines(blocks)
    if len(head) < 5 or not parse_date(head[0]):
        return None
    when, name, *under = head
    hosts: list[str] = []
    place, duration, language, taken, told = "", "", "en", 2, 0
    for line in under:
        if _BUTTONS.fullmatch(line) or _RESPONDED.fullmatch(line) or _AUDIENCE.fullmatch(line):
            told += 1
        elif found := _HOSTS.fullmatch(line):
            hosts = [h.strip() for h in re.split(r",\s*|\s+(?:and|y|et)\s+", found[1])]
            language = _language(line)
        elif found := _DURATION.fullmatch(line):
            duration = found[1]
        elif not place:
            place = line
        elif line != place:
            break
        taken += 1
    if told < 2 or not (hosts or _RESPONDED.search(" ".join(under))):
        return None
    when_label, where_label, duration_label = _LABELS.get(language, ("When", "Where", "Duration"))
    lines = [f"{when_label}: {when}"]
    lines += [f"{where_label}: {place}"] if place else []
    lines += [f"{duration_label}: {duration}"] if duration else []
    title = Block((name,), False, blocks[0].gap)
    kept = (1 if place else 0) + (1 if duration else 0)  # carried into the lines above
    told_of = Block(tuple(lines), False, 1)
    return EventPage(
        [h for h in hosts if h], [title, told_of, *_after(blocks, taken)], taken - 2 - kept
    )


def _opening_lines(blocks: list[Block]) -> list[str]:
    """The short lines opening `blocks`, up to _HEAD_MOST."""
    lines: list[str] = []
    for block in blocks:
        if block.rows or block.quoted:
            break
        for line in block.lines:
            if len(lines) == _HEAD_MOST or len(line) > _LINE_MOST:
                return lines
            lines.append(line.strip())
    return lines


def _after(blocks: list[Block], taken: int) -> list[Block]:
    """`blocks` without their first `taken` lines."""
    for index, block in enumerate(blocks):
        if taken < len(block.lines):
            rest = replace(block, lines=block.lines[taken:]) if taken else block
            return [rest, *blocks[index + 1 :]]
        taken -= len(block.lines)
    return []


def _language(hosts_line: str) -> str:
    """The page's language, by the words its hosts' line opens with."""
    return _HOSTS_WORD.get(hosts_line.split()[0].casefold(), "en")


_HOSTS_WORD = {
    "evento": "es",
    "organizado": "es",
    "événement": "fr",
    "évènement": "fr",
    "organisé": "fr",
}
