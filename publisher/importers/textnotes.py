"""Numbered notes at the end of a pasted text, called by "[1]" marks in it: footnotes.

Google Docs' "Download → Plain text" writes a footnote's call as "[1]" where it stood and
the notes at the end ("[1]City Housing Report, 2025."), under a rule; a web page's
references copy so too, under a "Notes" or "References" heading, one note a paragraph or
one a line. A writer who typed raised digits calls a note "¹" and opens it "¹ Council
minutes". Read as paragraphs, their numbers linked nothing, and print set them at the end
of the text rather than at the foot of the page.

They become the footnotes pandoc makes of a Markdown document's: print sets each at the
foot of its page (`footnotes`), e-books pop them up, and the notes' heading and rule go.
Only notes numbered one after another, each called once in the text over them, become
footnotes: "[1] Accept the offer" under a motion, called nowhere, is an option, and "[1]"
called twice is a reference list's citation, which a footnote cannot be.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from .textblocks import Block

# Digits typed raised ("¹²"), and the digits they stand for
_RAISED = "[⁰¹²³⁴⁵⁶⁷⁸⁹]"
_UNRAISED = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# A note's number opening its line, its text after it (Google Docs writes no space):
# "[1]City Housing Report", "¹ City Housing Report"
_NOTE = re.compile(rf"^(?:\[(\d{{1,3}})\]|({_RAISED}{{1,3}}))\s*(\S.*)$", re.DOTALL)
# A call: "[1]" straight after a word or a mark ("2020.[1]"), or a space after it ("40% [1]");
# raised digits straight after one ("2020,¹"), but a unit's ("45 m²", "3 km²")
_UNIT = "".join(rf"(?<!\b{unit})" for unit in ("m", "cm", "mm", "km", "ft"))
CALL = re.compile(rf"(?<=[\w.,;:!?%)\"”’»])(?:\s?\[(\d{{1,3}})\]|{_UNIT}({_RAISED}{{1,3}}))")


def number(match: re.Match[str]) -> str:
    """The number a `CALL` or a note's opening calls, in plain digits ("¹²" is 12)."""
    return (match[1] or match[2]).translate(_UNRAISED)


# What may stand over the notes: their heading ("Notes", "NOTAS:"), a rule ("____")
_HEADINGS = frozenset(
    {
        *("notes", "endnotes", "footnotes", "references", "sources", "notes and references"),
        *("notas", "notas al pie", "referencias", "fuentes"),
        *("notes de bas de page", "références", "sources"),
        *("الهوامش", "هوامش", "المراجع", "المصادر", "ملاحظات"),
        *("یادداشت‌ها", "پانوشت‌ها", "پی‌نوشت‌ها", "منابع"),
    }
)


def notes_at_end(blocks: list[Block]) -> tuple[list[Block], dict[str, str]]:
    """`blocks` without the numbered notes at their end (and the heading or rule over
    them), and the notes by number; `blocks` as they are, and no notes, unless the notes
    are numbered one after another and each is called once in the text over them."""
    start = len(blocks)
    while start > 1 and _NOTE.match(blocks[start - 1].lines[0]):
        start -= 1
    noted, body = blocks[start:], blocks[:start]
    if len(body) > 1 and _headed_notes(body[-1]):  # "NOTAS:" on the line over the first
        noted, body = [dataclasses.replace(body[-1], lines=body[-1].lines[1:]), *noted], body[:-1]
    notes = _notes(noted)
    for _ in range(2):  # a heading over a rule, or a rule over a heading
        if len(body) > 1 and _over_notes(body[-1]):
            body = body[:-1]
    called = Counter(number(call) for block in body for call in CALL.finditer(block.text))
    if not notes or any(called[number] != 1 for number in notes):
        return blocks, {}
    return body, notes


def calls_marked(blocks: list[Block], notes: dict[str, str]) -> list[Block]:
    """`blocks` with each note's call written "⟦fn1⟧", as `publisher import` marks it: a
    mark no reading of the text's words changes, linked once the blocks are HTML."""

    def marked(line: str) -> str:
        return CALL.sub(lambda call: f"⟦fn{n}⟧" if (n := number(call)) in notes else call[0], line)

    return [dataclasses.replace(b, lines=tuple(map(marked, b.lines))) for b in blocks]


def footnotes_html(
    body: str, notes: dict[str, str], prefix: str, inline: Callable[[str], str]
) -> str:
    """`body` with its "⟦fn1⟧" marks calls, and the notes after it, as pandoc writes a
    Markdown document's footnotes (its ids after `prefix`, the note's text by `inline`)."""
    body = re.sub(
        r"⟦fn(\d+)⟧",
        lambda mark: (
            f'<a href="#{prefix}fn{mark[1]}" class="footnote-ref" id="{prefix}fnref{mark[1]}"'
            f' role="doc-noteref"><sup>{mark[1]}</sup></a>'
        ),
        body,
    )
    items = "\n".join(
        f'<li id="{prefix}fn{number}"><p>{inline(text)}<a href="#{prefix}fnref{number}"'
        f' class="footnote-back" role="doc-backlink">↩︎</a></p></li>'
        for number, text in notes.items()
    )
    return (
        f'{body}\n<section id="{prefix}footnotes" class="footnotes'
        f' footnotes-end-of-document" role="doc-endnotes">\n<hr>\n<ol>\n{items}\n</ol>\n</section>'
    )


def _notes(blocks: list[Block]) -> dict[str, str]:
    """The notes `blocks` hold, by number, if numbered one after another (1, 2, 3; or 4,
    5, the last notes of a longer text): a line opening with a number starts one, and a
    line that does not goes on with the note before it."""
    notes: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in (line for block in blocks for line in block.lines):
        if note := _NOTE.match(line):
            if number(note) in notes:
                return {}
            notes[number(note)] = lines = [note[3]]
        else:
            lines.append(line)
    first = int(next(iter(notes), "0"))
    if list(notes) != [str(number) for number in range(first, first + len(notes))]:
        return {}
    return {number: " ".join(lines) for number, lines in notes.items()}


def _over_notes(block: Block) -> bool:
    """Whether `block` is the notes' heading ("Notes", "REFERENCIAS:") or a rule."""
    return block.rule or (block.single_line and _heading(block.text))


def _headed_notes(block: Block) -> bool:
    """Whether `block` is the notes' heading over their first lines, with no gap between."""
    return len(block.lines) > 1 and _heading(block.lines[0]) and bool(_NOTE.match(block.lines[1]))


def _heading(line: str) -> bool:
    return line.strip().rstrip(":").casefold() in _HEADINGS
