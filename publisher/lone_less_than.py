"""A `<` that opens no tag (`turnout <50%`, `a < b`, `<-- sign here`), kept out of
pandoc's way.

pandoc's Markdown reader tries each `<` as raw HTML, and a try that fails costs time in
proportion to all the text after it: a report of 4,000 paragraphs with a "<" in each took
a minute, and the time grows with the square of the text. Such a `<` is given to pandoc
as a character it reads as nothing but a letter (one of the Private Use Area's that the
text does not hold, so that a grid table's columns stay aligned) and written back as
`&lt;`, which is how pandoc writes a `<` of text.

A `<` opens nothing if what follows it cannot start a tag, a comment or an address (a
space, a digit, a sign: not a letter, `/`, `!`, `?`, `:` or `_`), or if no `>` comes
after it. Kept as written, where the stand-in would not read as the `<` did: fenced code
(its highlighting), a formula between `$` (its spacing around a relation), a link's
address and a reference's (pandoc encodes them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

_STAND_INS = tuple(chr(code) for code in range(0xE000, 0xE010))
_KEPT = re.compile(
    r"^[ \t]{0,3}(`{3,}|~{3,}).*?^[ \t]{0,3}\1[ \t]*$"  # fenced code
    r"|\$\$.*?\$\$|\$[^$\n]+\$"  # a formula
    r"|\]\([ \t]*<[^<>\n]*>|\]\([^()\]\n]*\)"  # a link's address, in <…> or not
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*"  # a reference's
    r"|<[A-Za-z][\w+.-]*:[^\s<>]*>",  # an address written between < and >
    re.MULTILINE | re.DOTALL,
)
_OPENS_NOTHING = re.compile(r"<(?![^\W\d_]|[/!?:_])")


def kept_from_pandoc(text: str) -> tuple[str, Callable[[str], str]]:
    """`text` with each `<` that opens nothing stood in for, and what writes pandoc's HTML
    of it as pandoc would have written that of `text`."""
    stand_in = next((char for char in _STAND_INS if char not in text), None)
    if stand_in is None or "<" not in text:
        return text, _as_written
    kept = [(found.start(), found.end()) for found in _KEPT.finditer(text)]
    last_closing = text.rfind(">")
    pieces: list[str] = []
    start = 0
    for kept_start, kept_end in [*kept, (len(text), len(text))]:
        pieces.append(_stood_in(text[start:kept_start], start, last_closing, stand_in))
        pieces.append(text[kept_start:kept_end])
        start = kept_end
    encoded = quote(stand_in)

    def written_back(html: str) -> str:
        return html.replace(stand_in, "&lt;").replace(encoded, "%3C")

    return "".join(pieces), written_back


def _stood_in(piece: str, offset: int, last_closing: int, stand_in: str) -> str:
    """`piece` (at `offset` in its text) with its `<` that open nothing as `stand_in`."""
    if "<" not in piece:
        return piece
    if offset > last_closing:  # no `>` after any of its `<`
        return piece.replace("<", stand_in)
    after = max(0, last_closing + 1 - offset)
    head = _OPENS_NOTHING.sub(stand_in, piece[:after])
    return head + piece[after:].replace("<", stand_in)


def _as_written(html: str) -> str:
    return html
