"""`<span>` tags a Markdown paragraph leaves open, closed at its end before pandoc reads it.

pandoc reads a `<span>` as a span to its `</span>`, and tries again for each one left
open, in time doubling with each: 16 in a paragraph took 5 s, 18 took 17 s, and 20 failed
the document. The sanitiser closed them at the paragraph's end all the same (an HTML
parser's rule), so they are closed there first, and read as a closed span is: its
`class="underline"` underlined, its `id` given its document's prefix (left open, both were
kept as written).

A paragraph here is a run of lines between blank lines outside fenced code. Its closers go
at the end of its last line, unless that line underlines a heading (`===`, `---`) or the
run is indented as code: those are left as written. A `<span>` in a code span or a
comment is counted too; the closer it gets is one no tag opened, which the sanitiser drops.
"""

from __future__ import annotations

import re

from .lone_less_than import fenced_code
from .readers.fenced_code import in_code

_TAG = re.compile(r"<(/?)span\b[^<>]*>", re.IGNORECASE)
_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")


def closed(text: str) -> str:
    """`text` with each paragraph's open `<span>` tags closed at its end."""
    if "<span" not in text.lower():  # almost every text
        return text
    code = fenced_code(text)
    lines = text.split("\n")
    paragraph: list[int] = []  # the indices of the lines of the paragraph read so far
    start = 0  # where the line starts in `text`
    for index, line in enumerate(lines):
        if in_code(start, code) or not line.strip():
            _close(lines, paragraph)
            paragraph = []
        else:
            paragraph.append(index)
        start += len(line) + 1
    _close(lines, paragraph)
    return "\n".join(lines)


def _close(lines: list[str], paragraph: list[int]) -> None:
    """The paragraph's open spans closed at the end of its last line, where one can be."""
    if not paragraph or lines[paragraph[0]].startswith(("    ", "\t")):
        return
    last = paragraph[-1]
    if len(paragraph) > 1 and _UNDERLINE.match(lines[last]):
        return
    open_spans = 0
    for index in paragraph:
        for tag in _TAG.finditer(lines[index]):
            open_spans = max(0, open_spans - 1) if tag[1] else open_spans + 1
    if open_spans:
        lines[last] += "</span>" * open_spans
