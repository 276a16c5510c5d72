"""Text copied out of a PDF: what the PDF's layout leaves in it.

- Its running headers and footers, one per page ("Dockside Bulletin      3"), and page
  numbers alone on a line: a short line that recurs with only its number changing is
  left out, and so is one that recurs on a line of its own by a page number alone (a
  viewer copies the header and its number as two lines).
- Words broken at the end of a line ("heat-" / "ing"): joined again, without the hyphen
  when the text breaks words so more than once (a PDF's justified columns do), with it
  otherwise (a hard-wrapped e-mail may break "long-term" at its hyphen). A line cut short
  at the broken word takes the next line up whole, so that its paragraph runs on.
- The closing mark of a line in Arabic, Farsi or Hebrew ("!", ".", "؟", "،"), which the
  PDF draws at the line's left end and a copy gives first ("!نفسها، فعاش تضامن العمال"):
  put back at the line's end, as no line in those scripts begins with one.
"""

from __future__ import annotations

import re
from collections import Counter

from .textblocks import WRAP_MAX

_NUMBER = re.compile(
    r"^(page |página |p\. )?[-–—]?\s*\d{1,4}(\s*(of|de|sur|/)\s*\d{1,4})?\s*[-–—]?$", re.I
)
# A header or footer's words and its page number, set apart by a column's width of space
# (a heading "Demand 3" has one space, and stays).
_NUMBERED = re.compile(
    r"^\s*(?:\d{1,4}(?:\s{3,}|\t)\s*(?P<lead>\S.*?)|(?P<trail>\S.*?)(?:\s{3,}|\t)\s*\d{1,4})\s*$"
)
# "heat-" at a line's end, "ing to keep …" on the next: the rest of the word (and what
# closes it) goes up, the next line keeps the rest.
_BROKEN = re.compile(
    r"(?<=[^\W\d_]{2})-\n([ \t]*)([a-zß-ÿ][^\W\d_]*[.,;:!?)»”’]*)([ \t]*)(?=(\n|$)?)"
)
# A web address at a line's end: a hyphen there is its own, where a mail program or
# Python's textwrap broke it ("…/keep-the-" / "gate-until-…"), never typesetting's
_ADDRESS_END = re.compile(r"(?:https?://|www\.)\S*$")
LONGEST_FURNITURE = 80  # characters of a running header or footer
# Words broken with '-' at line ends this often, and at one line of text in eight at least,
# are a PDF's hyphenation (its justified columns break a word every few lines); fewer,
# compounds wrapped at their hyphen ("long-term"), as a mail program wraps them.
HYPHENATED_BREAKS = 2
_LINES_PER_BREAK = 8


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
    alone = [
        _header_words(line) if shape is None and _on_its_own(lines, index) else None
        for index, (line, shape) in enumerate(zip(lines, shapes, strict=True))
    ]
    counts = Counter(shape for shape in [*shapes, *alone] if shape)
    found = {index for index, shape in enumerate(shapes) if shape and counts[shape] >= 2}
    for index, words in enumerate(alone):
        if words and counts[words] >= 2:
            numbers = [i for i in _neighbours(lines, index) if shapes[i] == "#"]
            found.update([index, *numbers] if numbers else [])
    return found


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


def words_joined(text: str) -> tuple[str, int]:
    """Words broken at line ends, joined: without their hyphen in a text that breaks words
    often (a PDF's hyphenation, `HYPHENATED_BREAKS`), unless the text writes the word
    with it elsewhere too ("self-" / "employed" by a "self-employed"); with it otherwise
    ("long-term" wrapped at its hyphen). Only the first count is of words the PDF broke. A
    web address broken at a hyphen is left to be joined with the lines (`textblocks`),
    whole."""
    broken = [match for match in _BROKEN.finditer(text) if not _in_address(text, match)]
    lines = sum(1 for line in text.split("\n") if line.strip())
    hyphenated = len(broken) >= HYPHENATED_BREAKS and _LINES_PER_BREAK * len(broken) >= lines
    widest = max((len(line) for line in text.split("\n") if len(line) <= WRAP_MAX), default=0)

    def joined(match: re.Match[str]) -> str:
        if _in_address(text, match):
            return match[0]
        whole = hyphenated and not _written_with_hyphen(text, match)
        word = match[2] if whole else f"-{match[2]}"
        line_ends = match[4] is not None  # nothing else on the word's line
        if line_ends or _cut_short(text, match, widest):
            return word + match[3]
        return f"{word}\n{match[1]}"

    return _BROKEN.sub(joined, text), len(broken) if hyphenated else 0


def _written_with_hyphen(text: str, broken: re.Match[str]) -> bool:
    """Whether `text` writes the word broken at `broken`'s hyphen with that hyphen
    elsewhere, on one line ("self-employed"): a compound, not a word hyphenated."""
    start = text.rfind("\n", 0, broken.start()) + 1
    before = re.search(r"[^\W\d_]+$", text[start : broken.start()])
    after = re.match(r"[^\W\d_]+", broken[2])
    if not before or not after:
        return False
    compound = re.compile(rf"\b{re.escape(before[0])}-{re.escape(after[0])}\b", re.IGNORECASE)
    return bool(compound.search(text))


def _in_address(text: str, broken: re.Match[str]) -> bool:
    return bool(_ADDRESS_END.search(text, text.rfind("\n", 0, broken.start()) + 1, broken.start()))


def _cut_short(text: str, broken: re.Match[str], widest: int) -> bool:
    """Whether the line a word broke at is well short of the text's width (a PDF viewer's
    copy leaves "organi-" alone on a line, or a line cut short): the line after it then
    goes up whole, as the line break that stayed after the word would read as one made by
    hand (a paragraph's end), though the text runs on."""
    start = text.rfind("\n", 0, broken.start()) + 1
    end = text.find("\n", broken.end())
    broken_line = broken.start() - start
    rest = (len(text) if end < 0 else end) - broken.end()
    return 3 * broken_line < 2 * widest and broken_line + len(broken[2]) + rest <= WRAP_MAX
