"""A `<` that opens no tag (`turnout <50%`, `a < b`, `<-- sign here`), kept out of
pandoc's way.

pandoc's Markdown reader tries each `<` as raw HTML, and a try that fails costs time in
proportion to all the text after it: a 600 KB report with a "<50%" in each of its 600
paragraphs ran out of pandoc's 30 s, and the time grows with the square of the text.
Such a `<` is given to pandoc as a character it reads as nothing but a letter (one of the
Private Use Area's that the text does not hold, so that a grid table's columns stay
aligned) and written back as `&lt;`, which is how pandoc writes a `<` of text.

A `<` opens nothing if what follows it cannot start a tag, a comment or an address (a
space, a digit, a sign: not a letter, `/`, `!`, `?`, `:` or `_`, nor a word with an `@`
in it), or if no `>` comes after it. Kept as written, where the stand-in might not read
as the `<` did: fenced code (its highlighting; one never closed, to the text's end), a
paragraph's formulas (a relation's spacing: from its first `$` to its last), a link's
address and title (a `<` in it can decide whether it is one), a reference's, and an
address written between `<` and `>`. What is kept costs time only.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_STAND_INS = tuple(chr(code) for code in range(0xE000, 0xE010))
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})(.*)$", re.MULTILINE)
# Each found on its own, as one may start inside another
_KEPT = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        # a paragraph's formulas, from its first $ to its last (repeated by line, not by
        # character: a regular expression's stack grows with each repeat)
        r"\$[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*\$",
        # a link's address and title, to its paragraph's end if open, and to the next `]`
        # at most (a `](` in a code span is not one); its repeats keep no stack
        # (`*+`: nothing after them can fail)
        r"\]\((?:[^()\]\n]+|\n(?![ \t]*\n)|\([^()\n]*\))*+\)?",
        r"\[[^\[\]\n]+\]:[^\n]*",  # a reference's
        r"<[A-Za-z][\w+.-]*:[^\s<>]*>",  # an address written between < and >
    )
)
# Not before a letter or a sign a tag, comment or address may start with, nor before a
# word with an `@` in it (an email address between < and > may start with a digit or a sign)
_OPENS_NOTHING = re.compile(r"<(?![^\W\d_]|[/!?:_]|[^\s<>]*@)")


def kept_from_pandoc(text: str) -> tuple[str, Callable[[str], str]]:
    """`text` with each `<` that opens nothing stood in for, and what writes pandoc's HTML
    of it as pandoc would have written that of `text`."""
    if "<" not in text:  # almost every text: no scan for a stand-in
        return text, _as_written
    stand_in = next((char for char in _STAND_INS if char not in text), None)
    if stand_in is None:
        return text, _as_written
    last_closing = text.rfind(">")
    pieces: list[str] = []
    start = 0
    for kept_start, kept_end in [*_kept(text), (len(text), len(text))]:
        if kept_end <= start:
            continue
        kept_start = max(kept_start, start)
        pieces.append(_stood_in(text[start:kept_start], start, last_closing, stand_in))
        pieces.append(text[kept_start:kept_end])
        start = kept_end

    def written_back(html: str) -> str:
        return html.replace(stand_in, "&lt;")

    return "".join(pieces), written_back


def _kept(text: str) -> list[tuple[int, int]]:
    """Where `text` is kept as written, in order (they may overlap)."""
    spans = [found.span() for kept in _KEPT for found in kept.finditer(text)]
    return sorted(spans + fenced_code(text))


def fenced_code(text: str) -> list[tuple[int, int]]:
    """Where `text`'s fenced code blocks are, in order, from the opening ``` or ~~~ line to
    the end of the closing one (at least as long, the same mark, nothing after it), or to
    the text's end for one never closed: a scan of the fence lines, linear in the text."""
    spans: list[tuple[int, int]] = []
    opened: re.Match[str] | None = None
    for fence in _FENCE.finditer(text):
        if opened is None:
            opened = fence
        elif (
            fence[1][0] == opened[1][0] and len(fence[1]) >= len(opened[1]) and not fence[2].strip()
        ):
            spans.append((opened.start(), fence.end()))
            opened = None
    if opened is not None:
        spans.append((opened.start(), len(text)))
    return spans


def _stood_in(piece: str, offset: int, last_closing: int, stand_in: str) -> str:
    """`piece` (at `offset` in its text) with its `<` that open nothing as `stand_in`."""
    if "<" not in piece:
        return piece
    after = max(0, last_closing + 1 - offset)  # no `>` after a `<` from here
    head = _OPENS_NOTHING.sub(stand_in, piece[:after])
    return head + piece[after:].replace("<", stand_in)


def _as_written(html: str) -> str:
    return html
