"""Editors' comments in a plain text Google Docs wrote ("File → Download → Plain text"):
a letter in brackets where each comment is anchored ("the offer[a]"), and at the end of
the text each comment after its letter, its replies on the lines under it ("[a]Ana Ruiz:
check this figure before we publish", "_Assigned to …_").

They are between editors, as in a Google Docs web page (`readers.googledocs`) or a Word
file, and were published, letters and all. They are left out, and the editor told how many.
"""

from __future__ import annotations

import re

# The first comment at the end of the text: "[a]" opening a line, its words straight after
# it, as Google Docs writes them ("[a] Accept the offer", typed, is a motion's option)
_FIRST = re.compile(r"^\[a\]\S", re.MULTILINE)
_COMMENT = re.compile(r"^\[([a-z]{1,2})\](?=\S)", re.MULTILINE)


def without_comments(text: str) -> tuple[str, int]:
    """`text` without the comments Google Docs wrote in it, and how many there were: none
    unless the comments at its end start with [a] and each one's letter is in the text
    before them."""
    if "[a]" not in text:
        return text, 0
    starts = [found.start() for found in _FIRST.finditer(text)]
    if not starts:
        return text, 0
    body, comments = text[: starts[-1]], text[starts[-1] :]
    letters = list(dict.fromkeys(_COMMENT.findall(comments)))
    if any(f"[{letter}]" not in body for letter in letters):
        return text, 0
    anchors = re.compile("|".join(re.escape(f"[{letter}]") for letter in letters))
    return anchors.sub("", body).rstrip() + "\n", len(letters)
