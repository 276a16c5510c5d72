"""Tags a Markdown paragraph leaves open, closed at its end before pandoc reads it.

pandoc reads a `<span>` as a span to its `</span>`, and tries again for each one left
open, in time doubling with each: 16 in a paragraph took 5 s, 18 took 17 s, and 20 failed
the document. The sanitiser closed them at the paragraph's end all the same (an HTML
parser's rule), so they are closed there first, and read as a closed span is: its
`class="underline"` underlined, its `id` given its document's prefix (left open, both were
kept as written).

A block's tag the text never closes (`<blockquote>`, `<div>`, a list, `<pre>`: HTML pasted
in part) held the rest of the text, printed as one quotation, in every output; it is closed
at its paragraph's end too, as in a `.txt` (`importers.stray_blocks`). One closed further
on (a `<div>` round Markdown paragraphs) is left as written.

A paragraph here is a run of lines between blank lines outside fenced code. Its closers go
at the end of its last line, unless that line underlines a heading (`===`, `---`) or the
run is indented as code: those are left as written. A `<span>` in a code span or a comment
is counted too; the closer it gets is one no tag opened, which the sanitiser drops. A
block's tag there is not.
"""

from __future__ import annotations

import re

from .importers.stray_blocks import HOLDER_START, end_tags_owed
from .lone_less_than import fenced_code
from .readers.fenced_code import in_code

_TAG = re.compile(r"<(/?)span\b[^<>]*>", re.IGNORECASE)
_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
# What holds tags that are no HTML: a code span ("`<div>`": an end tag after it made pandoc
# take its paragraph's words out of their <p>) and a comment (a comment left open was left
# out with its paragraph: `readers.markdown`)
_NOT_HTML = re.compile(r"`[^`]*`|<!--.*?-->", re.DOTALL)


def closed(text: str) -> str:
    """`text` with each paragraph's open `<span>` tags, and the block tags it opens that
    the text never closes, closed at its end."""
    spans = "<span" in text.lower()
    if not spans and not HOLDER_START.search(text):  # almost every text
        return text
    lines = text.split("\n")
    paragraphs = [p for p in _paragraphs(text, lines) if _closable(lines, p)]
    owed = end_tags_owed([_NOT_HTML.sub("", "\n".join(lines[i] for i in p)) for p in paragraphs])
    for paragraph, end_tags in zip(paragraphs, owed, strict=True):
        lines[paragraph[-1]] += "</span>" * _open_spans(lines, paragraph) + end_tags
    return "\n".join(lines)


def _paragraphs(text: str, lines: list[str]) -> list[list[int]]:
    """The indices of the lines of each paragraph of `text` outside fenced code."""
    code = fenced_code(text)
    paragraphs: list[list[int]] = [[]]
    start = 0  # where the line starts in `text`
    for index, line in enumerate(lines):
        if in_code(start, code) or not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append(index)
        start += len(line) + 1
    return [paragraph for paragraph in paragraphs if paragraph]


def _closable(lines: list[str], paragraph: list[int]) -> bool:
    """Whether tags can be closed at the end of the paragraph's last line: it is no code
    (indented) and no heading's underline."""
    if lines[paragraph[0]].startswith(("    ", "\t")):
        return False
    return len(paragraph) == 1 or not _UNDERLINE.match(lines[paragraph[-1]])


def _open_spans(lines: list[str], paragraph: list[int]) -> int:
    open_spans = 0
    for index in paragraph:
        for tag in _TAG.finditer(lines[index]):
            open_spans = max(0, open_spans - 1) if tag[1] else open_spans + 1
    return open_spans
