"""Text copied out of a PDF: what the PDF's layout leaves in it.

- Its running headers and footers, one per page ("Dockside Bulletin      3"), and page
  numbers alone on a line: a short line that recurs with only its number changing is
  left out, and so is one that recurs on a line of its own by a page number alone (a
  viewer copies the header and its number as two lines).
- Words broken at the end of a line ("heat-" / "ing"): joined again (`readers.broken_words`,
  which plain text and Markdown in documents/ are read with too).
- The closing mark of a line in Arabic, Farsi or Hebrew ("!", ".", "؟", "،"), which the
  PDF draws at the line's left end and a copy gives first ("!نفسها، فعاش تضامن العمال"):
  put back at the line's end, as no line in those scripts begins with one.
"""

from __future__ import annotations

import re
from collections import Counter

from ..readers.broken_words import words_joined

_NUMBER = re.compile(
    r"^(page |página |p\. )?[-–—]?\s*\d{1,4}(\s*(of|de|sur|/)\s*\d{1,4})?\s*[-–—]?$", re.I
)
# A header or footer's words and its page number, set apart by a column's width of space
# (a heading "Demand 3" has one space, and stays).
_NUMBERED = re.compile(
    r"^\s*(?:\d{1,4}(?:\s{3,}|\t)\s*(?P<lead>\S.*?)|(?P<trail>\S.*?)(?:\s{3,}|\t)\s*\d{1,4})\s*$"
)
_DIGITS = re.compile(r"\d+")
LONGEST_FURNITURE = 80  # characters of a running header or footer
# Sentence marks first on a line, before a letter of a right-to-left script
_LEADING_STOP = re.compile(
    r"^([ \t]*)([!.?؟،؛:…,;]+)[ \t]*(?=[\u0590-\u05ff\u0600-\u08ff\ufb1d-\ufefc])(.*?)[ \t]*$",
    re.M,
)


def from_pdf(text: str) -> tuple[str, int, int, int]:
    """`text` without page furniture, with words broken at line ends joined and the
    closing marks of right-to-left lines at their ends; how many lines were left out,
    how many words joined and how many marks moved."""
    text, removed = _without_page_furniture(text)
    text, joined = words_joined(text)
    text, moved = closing_marks_at_ends(text)
    return text, removed, joined, moved


def closing_marks_at_ends(text: str) -> tuple[str, int]:
    """`text` with each right-to-left line's closing mark, given first, at its end; how
    many were moved."""
    return _LEADING_STOP.subn(r"\1\3\2", text)


def _without_page_furniture(text: str) -> tuple[str, int]:
    lines = text.split("\n")
    furniture = _furniture_lines(lines)
    if not furniture:
        return text, 0
    kept: list[str] = []
    for number, line in enumerate(lines):
        if number not in furniture:
            kept.append(line)
        elif (
            kept
            and not kept[-1].strip()
            and number + 1 < len(lines)
            and not lines[number + 1].strip()
        ):
            kept.pop()  # the empty lines round it were one gap between paragraphs
    return "\n".join(kept), len(furniture)


def _furniture_lines(lines: list[str]) -> set[int]:
    """Where the page furniture stands: the lines that recur with only their number
    changing, and a header's words copied on a line of their own without their number,
    when they recur and stand next to a page number alone (which goes with them)."""
    shapes = [_furniture_shape(line) for line in lines]
    numbers = [
        (at, int(_DIGITS.findall(line)[0]))
        for at, (line, shape) in enumerate(zip(lines, shapes, strict=True))
        if shape == "#"
    ]
    if _counts_not_pages(numbers, lines):  # a post's counts of likes and comments
        shapes = [None if shape == "#" else shape for shape in shapes]  # its furniture's
    alone = [
        _header_words(line) if shape is None and _on_its_own(lines, index) else None
        for index, (line, shape) in enumerate(zip(lines, shapes, strict=True))
    ]
    counts = Counter(shape for shape in [*shapes, *alone] if shape)
    found = {index for index, shape in enumerate(shapes) if shape and counts[shape] >= 2}
    for index, words in enumerate(alone):
        if words and counts[words] >= 2:
            beside = [i for i in _neighbours(lines, index) if shapes[i] == "#"]
            found.update([index, *beside] if beside else [])
    return found


def _counts_not_pages(numbers: list[tuple[int, int]], lines: list[str]) -> bool:
    """Whether numbers alone on their lines (each with its line's index), in order, are no
    PDF's page numbers, which count up, once or twice a page (its header and its footer):
    one comes back after another ("12" / "3" / "Share" over a post and under it, its likes
    and comments), or more than twice; or one is under a greater one with no text between
    them ("12" / "3" under a post's byline alone), as no page's number is under the last
    page's. (A year over the first page's number, "2025" / "1", may be.)"""
    seen: dict[int, tuple[int, int]] = {}  # each number: how often so far, and where last
    for at, (line, number) in enumerate(numbers):
        times, last = seen.get(number, (0, at))
        if times == 2 or (times == 1 and at - last > 1):
            return True
        seen[number] = (times + 1, at)
        if at and _smaller_straight_under(numbers[at - 1], (line, number), lines):
            return True
    return False


def _smaller_straight_under(
    above: tuple[int, int], below: tuple[int, int], lines: list[str]
) -> bool:
    """Whether the number `below` (its line's index, its value) is smaller than the number
    `above`, no year, with no text between them."""
    return _YEAR_LEAST > above[1] > below[1] and not any(
        text.strip() for text in lines[above[0] + 1 : below[0]]
    )


_YEAR_LEAST = 1000


def _on_its_own(lines: list[str], index: int) -> bool:
    """Whether no line of text touches `lines[index]`: a paragraph's lines do."""
    return all(
        not lines[i].strip() or is_page_number(lines[i])
        for i in (index - 1, index + 1)
        if 0 <= i < len(lines)
    )


def _header_words(line: str) -> str | None:
    """A line's words as a running header's shape, when it is short and no sentence."""
    text = " ".join(line.split())
    if not text or len(text) > LONGEST_FURNITURE or text.endswith((".", ",", ";", ":", "!", "?")):
        return None
    return text.casefold()


def _neighbours(lines: list[str], index: int) -> list[int]:
    """The nearest lines with text above and below `lines[index]`, across empty lines."""
    above = next((i for i in range(index - 1, -1, -1) if lines[i].strip()), None)
    below = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
    return [i for i in (above, below) if i is not None]


def is_page_number(line: str) -> bool:
    """A page number alone: "3", "- 3 -", "Page 3 of 12", "página 3"."""
    return bool(_NUMBER.match(" ".join(line.split())))


def _furniture_shape(line: str) -> str | None:
    """What a header, footer or page number line is without its number; None for a line
    that cannot be one."""
    text = " ".join(line.split())
    if not text or len(text) > LONGEST_FURNITURE:
        return None
    if is_page_number(text):
        return "#"
    if match := _NUMBERED.match(line):
        words = " ".join((match["lead"] or match["trail"]).split())
        if not words.endswith((".", ",", ";", ":", "!", "?")):
            return words.casefold()
    return None
