"""A report's table of contents, copied with its text: left out, its entries the headings.

Word's contents, copied or saved as text, is a "Contents" line over an entry a line, each
with its page number after dots or a tab ("Findings.......3", "2.1 Rents⇥3"); a web
page's is its headings' words alone. Read as text, the list was a paragraph of the
original's page numbers (or, its lines found again further on, was taken for a PDF's
running heads and left out, its heading kept as the subtitle), and the headings it lists,
in words of no particular shape ("Findings"), were paragraphs.

Every output makes its own contents, so the list is left out; and each line further on
that an entry names, alone on its line, is marked a heading as Markdown marks one ("##
Findings", "### 2.1 Rents" for an entry numbered or indented a level down), which both
plain-text readers read. Only a list whose every entry is found so, two or more, is one:
a "Contents" line over lines found nowhere else (a parcel's contents) stays as it is.
"""

from __future__ import annotations

import re

from .textblocks import RULE
from .textdates import byline_or_date

_HEADINGS = frozenset(
    {
        *("contents", "table of contents", "content"),
        *("índice", "indice", "contenido", "contenidos", "índice de contenidos", "sumario"),
        *("sommaire", "table des matières", "table des matieres"),
        *("الفهرس", "المحتويات", "فهرس المحتويات", "فهرست", "فهرست مطالب"),
    }
)
# An entry's page number after its words: after dot leaders, a tab or spaces
_PAGE = re.compile(r"(?:\s*(?:[.·…_]\s*){2,}|\t+|\s+)(?:\d{1,4}|[ivxlc]{1,7})\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s")
_LOOKED_AT = 80  # lines: a contents list is near a report's top
_ENTRIES_LEAST = 2


def contents_as_headings(text: str) -> tuple[str, int]:
    """`text` without the table of contents near its top, each line its entries name
    marked a heading; how many entries it had (0: no contents list, `text` as it was)."""
    lines = text.split("\n")
    last: dict[str, int] = {}  # each line's words (cleaned), where they are last found
    for start, line in enumerate(lines[:_LOOKED_AT]):
        if _clean(line).rstrip(":").strip() in _HEADINGS:
            last = last or {_clean(line): index for index, line in enumerate(lines)}
            entries, end = _entries(lines, start + 1, last)
            if len(entries) >= _ENTRIES_LEAST and (
                marked := _headings_marked(lines[end:], entries)
            ):
                return "\n".join([*lines[:start], *marked]), len(entries)
    return text, 0


def _entries(lines: list[str], start: int, last: dict[str, int]) -> tuple[dict[str, int], int]:
    """The entries from `lines[start]` on, by their words (cleaned) with the heading
    level each is at, each found again further on alone on its line (`last`); and where
    the list ends. A blank line may stand between two entries, but not two."""
    entries: dict[str, int] = {}
    index, blanks = start, 0
    while index < len(lines) and blanks < 2:
        line = lines[index]
        if not line.strip():
            blanks += 1
        elif (words := _entry_words(line, index, last)) is not None:
            numbered = _NUMBER.match(words)
            deeper = line[:1].isspace() or (numbered is not None and "." in numbered[1])
            entries[words] = 3 if deeper else 2
            blanks = 0
        else:
            break
        index += 1
    end = index - blanks
    return entries, end


def _entry_words(line: str, index: int, last: dict[str, int]) -> str | None:
    """The words (cleaned) of an entry at `index` that `last` finds again after it: the
    line's words after a page number is taken off them, or all of them ("Article 3")."""
    without_page = _clean(_PAGE.sub("", line))
    for words in (without_page, _clean(line), _NUMBER.sub("", without_page, count=1)):
        if any(c.isalpha() for c in words) and last.get(words, 0) > index:  # no rule
            return words
    return None


def _headings_marked(lines: list[str], entries: dict[str, int]) -> list[str]:
    """`lines` with the first line each entry names marked a heading at its level, a
    paragraph of its own ("Findings" on the line over its text was the text's); none if
    one stands under a rule or over a byline or a date: a newsletter's list of its
    articles, each under the rule that parts it from the one before or over its byline,
    which `publisher import` makes documents of."""
    left = dict(entries)
    marked: list[str] = []
    for index, line in enumerate(lines):
        level = left.pop(_clean(line), None) if not line.lstrip().startswith("#") else None
        if not level:
            marked.append(line)
            continue
        over = next((above for above in reversed(marked) if above.strip()), "")
        under = next((below for below in lines[index + 1 :] if below.strip()), "")
        if RULE.match(over) or byline_or_date(under.strip()):
            return []
        before = [""] if marked and marked[-1].strip() else []  # one blank line: two part
        after = [""] if index + 1 < len(lines) and lines[index + 1].strip() else []
        marked += [*before, f"{'#' * level} {line.strip()}", *after]
    return marked


def _clean(line: str) -> str:
    """A line's words, spaces folded, case folded."""
    return " ".join(line.split()).casefold()
