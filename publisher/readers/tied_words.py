"""No-break spaces typed between every word of a passage set as the spaces they stand for.

A web page's editor (TinyMCE, CKEditor), a copy out of a PDF viewer or a chat, and some
word processors write a no-break space (U+00A0) for each space typed; pasted into a
document, a paragraph is then one long word to a typesetter. The PDF broke its lines inside
words ("ove r", "mo nday") and stretched the rest across the page, and a long one took
WeasyPrint minutes. A no-break space that ties a few words (10 km, 10 000, M. Dupont, Art. 5
§ 2, French's before ! and inside « ») is what the writer meant, and stays: only in a run of
more than TIED_AT_MOST words, each tied to the next, do the ties become spaces. Spaces put
there for room (`Date:&nbsp;&nbsp;&nbsp;Monday`) and code are left as they are.
"""

from __future__ import annotations

import re

from ..text_tokens import tokens

TIED_AT_MOST = 4  # words in a row tied by no-break spaces: "Rosa Luxemburg Platz station"
_NO_BREAK = "(?:&nbsp;|&#160;|&#xa0;|\u00a0)"
_NO_BREAKS = re.compile(f"({_NO_BREAK}+)", re.IGNORECASE)
_ONE_NO_BREAK = re.compile(_NO_BREAK, re.IGNORECASE)
_SPACES = re.compile(r"([ \t\r\n]+)")  # a text's breakable spaces (U+00A0 is not one)


def untied_words(body: str) -> str:
    """`body` (sanitised HTML) with the no-break spaces in long runs of tied words made
    spaces: see the module's docstring."""
    if not _NO_BREAKS.search(body):
        return body
    out: list[str] = []
    for token in tokens(body, ""):
        written = token.written
        if token.language is not None and not token.verbatim:
            written = "".join(_untied(chunk) for chunk in _SPACES.split(written))
        out.append(written)
    return "".join(out)


def _untied(chunk: str) -> str:
    """A text without breakable spaces, its single ties made spaces when it ties more than
    TIED_AT_MOST words; a tie of several no-break spaces in a row is kept."""
    parts = _NO_BREAKS.split(chunk)  # words, and the ties between them
    if len(parts) <= 2 * TIED_AT_MOST - 1:
        return chunk
    for index in range(1, len(parts) - 1, 2):
        if _ONE_NO_BREAK.fullmatch(parts[index]) and parts[index - 1] and parts[index + 1]:
            parts[index] = " "
    return "".join(parts)
