"""A Telegram message's words as HTML: its runs (plain, bold, italic, links, mentions,
code; see `telegram`) split into lines at its newlines, the lines between blank lines a
paragraph with its breaks kept, two lines or more in a row that each start with a bullet a
list, code and quotes blocks of their own where the message has them."""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

from ..readers.typed_lists import EMOJI_STYLE

_INLINE = {
    "bold": "strong",
    "italic": "em",
    "strikethrough": "del",
    "code": "code",
    "underline": "",  # plain: an underline reads as a link
    "spoiler": "",
}
_BLOCK = {"pre": "pre", "blockquote": "blockquote", "expandable_blockquote": "blockquote"}
_BULLET = re.compile(rf"^\s*[•·▪▫◦‣●○■□➤►🔹🔸🔺–—-]{EMOJI_STYLE}?\s+")
Run = tuple[str, str, str]  # the run's kind, its text, its HTML


def lines_of(entities: list[dict[str, Any]]) -> list[list[Run]]:
    """The message's lines, each a list of runs; a block (code, a quote) is a line of its
    own where it stands, so that it keeps its place among the words around it."""
    lines: list[list[Run]] = [[]]
    for entity in entities:
        kind, text = str(entity.get("type", "plain")), str(entity.get("text", ""))
        if kind in _BLOCK:
            block = (kind, text, f"<{_BLOCK[kind]}>{html.escape(text)}</{_BLOCK[kind]}>")
            lines[-1:] = [*filter(None, lines[-1:]), [block], []]
            continue
        for n, piece in enumerate(text.split("\n")):
            if n:
                lines.append([])
            if piece:
                lines[-1].append((kind, piece, _inline(kind, piece, entity)))
    return lines


def is_block(line: list[Run]) -> bool:
    """Whether the line is a block (code, a quote): a paragraph of its own."""
    return len(line) == 1 and line[0][0] in _BLOCK


def _inline(kind: str, text: str, entity: dict[str, Any]) -> str:
    shown = html.escape(text)
    href = {
        "text_link": str(entity.get("href", "")),
        "link": text if "://" in text else f"https://{text}",
        "url": text if "://" in text else f"https://{text}",
        "mention": f"https://t.me/{text.lstrip('@')}",
        "email": f"mailto:{text}",
    }.get(kind)
    if href:
        return f'<a href="{html.escape(href)}">{shown}</a>'
    tag = _INLINE.get(kind, "")
    return f"<{tag}>{shown}</{tag}>" if tag else shown


def paragraphs(lines: list[list[Run]]) -> str:
    """Lines between blank lines are a paragraph, its breaks kept; a block is one alone."""
    groups: list[list[list[Run]]] = [[]]
    for line in lines:
        if is_block(line):
            groups += [[line], []]
        elif line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return "".join(
        group[0][0][2] if is_block(group[0]) else _paragraph(group) for group in groups if group
    )


def _paragraph(lines: list[list[Run]]) -> str:
    """A paragraph; two lines or more in a row that each start with a bullet are a list."""
    made: list[str] = []
    words: list[str] = []
    for bulleted, run in itertools.groupby(lines, key=_bulleted):
        group = list(run)
        if bulleted and len(group) > 1:
            if words:
                made.append("<p>" + "<br>".join(words) + "</p>")
                words = []
            items = "".join(f"<li>{_html(_bullet_off(line))}</li>" for line in group)
            made.append(f"<ul>{items}</ul>")
        else:
            words += [_html(line) for line in group]
    if words:
        made.append("<p>" + "<br>".join(words) + "</p>")
    return "".join(made)


def _bulleted(line: list[Run]) -> bool:
    kind, text, _ = line[0]
    return kind == "plain" and bool(_BULLET.match(text))


def _bullet_off(line: list[Run]) -> list[Run]:
    kind, text, _ = line[0]
    rest = _BULLET.sub("", text, count=1)
    return [(kind, rest, html.escape(rest)), *line[1:]]


def _html(line: list[Run]) -> str:
    return "".join(shown for _, _, shown in line)
