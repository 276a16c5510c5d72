"""Words a line's end broke ("heat-" / "ing"), as text copied out of a PDF's justified
columns has them, joined again: without the hyphen when the text breaks words so often (a
PDF's hyphenation), with it otherwise (a hard-wrapped e-mail may break "long-term" at its
hyphen, and never hyphenates). Used wherever such text is read: a plain text, Markdown,
`publisher import`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Prose is hard-wrapped at 60 to 80 columns (72 in e-mail); a line longer than this is a
# paragraph written on one line (`importers.textblocks`)
WRAP_MAX = 100

SENTENCE_END = (".", "!", "?", "…", '."', ".”", "!”", "?”", ".»", "!»", "?»", ".)")

# "heat-" at a line's end, "ing to keep …" on the next: the rest of the word (and what
# closes it) goes up, the next line keeps the rest. The hyphen may be the typesetter's own
# (U+2010), or a soft hyphen (U+00AD), as some PDFs' text is copied.
_BROKEN = re.compile(
    r"(?<=[^\W\d_]{2})(?P<hyphen>[-\u2010\u00ad])\n(?P<indent>[ \t]*)"
    r"(?P<rest>[a-zß-ÿ][^\W\d_]*[.,;:!?)»”’]*)(?P<space>[ \t]*)(?=(?P<end>\n|$)?)"
)
# A web address at a line's end: a hyphen there is its own, where a mail program or
# Python's textwrap broke it ("…/keep-the-" / "gate-until-…"), never typesetting's
_ADDRESS_END = re.compile(r"(?:https?://|www\.)\S*$")

# Words broken with '-' at line ends this often, and at one line of text in eight at least,
# are a PDF's hyphenation (its justified columns break a word every few lines); fewer,
# compounds wrapped at their hyphen ("long-term"), as a mail program wraps them.
HYPHENATED_BREAKS = 2
_LINES_PER_BREAK = 8


def hyphenation(broken: int, lines: int) -> bool:
    """Whether words broken with '-' at `broken` of `lines` lines' ends are a PDF's
    hyphenation, not compounds wrapped at their hyphen."""
    return broken >= HYPHENATED_BREAKS and _LINES_PER_BREAK * broken >= lines


def words_joined(text: str) -> tuple[str, int]:
    """Words broken at line ends, joined: without their hyphen in a text that breaks words
    often (a PDF's hyphenation, `HYPHENATED_BREAKS`), unless the text writes the word
    with it elsewhere too ("self-" / "employed" by a "self-employed"); with it otherwise
    ("long-term" wrapped at its hyphen). Only the first count is of words the PDF broke. A
    web address broken at a hyphen is left to be joined with the lines (`textblocks`),
    whole."""
    broken = [match for match in _BROKEN.finditer(text) if not _in_address(text, match)]
    lines = sum(1 for line in text.split("\n") if line.strip())
    hyphenated = hyphenation(len(broken), lines)
    widest = column_width(text.split("\n"))
    compounds = {found.casefold() for found in _COMPOUND.findall(text)} if hyphenated else set()

    def joined(match: re.Match[str]) -> str:
        if _in_address(text, match):
            return match[0]
        soft = match["hyphen"] == "\u00ad"  # only ever where a word may break
        whole = soft or (hyphenated and not _written_with_hyphen(match, text, compounds))
        word = match["rest"] if whole else f"-{match['rest']}"
        line_ends = match["end"] is not None  # nothing else on the word's line
        if line_ends or _cut_short(text, match, widest):
            return word + match["space"]
        return f"{word}\n{match['indent']}"

    return _BROKEN.sub(joined, text), len(broken) if hyphenated else 0


def _written_with_hyphen(broken: re.Match[str], text: str, compounds: set[str]) -> bool:
    """Whether the word broken at `broken`'s hyphen is one of the `compounds` `text` writes
    with their hyphen on one line ("self-employed"): a compound, not a word hyphenated."""
    start = max(text.rfind("\n", 0, broken.start()) + 1, broken.start() - _LONGEST_WORD)
    before = re.search(r"(?<![^\W\d_])[^\W\d_]++$", text[start : broken.start()])
    after = re.match(r"[^\W\d_]+", broken["rest"])
    if before is None or after is None:
        return False
    return f"{before[0]}-{after[0]}".casefold() in compounds


# A compound written with its hyphen on one line ("self-employed"), found from its first
# letter only, each part taken whole: a run of letters hundreds of thousands long (a picture
# pasted as base64) is gone through once, not from each of its letters
_COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]++-[^\W\d_]++")
_LONGEST_WORD = 100  # letters looked back at for a broken word's first part


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
    return 3 * broken_line < 2 * widest and broken_line + len(broken["rest"]) + rest <= WRAP_MAX


def column_width(lines: Iterable[str]) -> int:
    """The width of the column `lines` were set in: its widest line, a paragraph written on
    one line (longer than `WRAP_MAX`) aside; 0 for none."""
    return max((len(line) for line in lines if len(line) <= WRAP_MAX), default=0)


def runs_on_in_a_column(line: str, following: str, width: int) -> bool:
    """Whether `line` of a PDF's column (`width` wide) runs on into `following`: unless
    it ends a sentence well short of the column (a paragraph's last line), or stands short
    over a capital (a heading). Its length says less than in wrapped prose, as words
    broken at the line before may have gone up to it."""
    if line.endswith((*SENTENCE_END, ":")) and 4 * len(line) < 3 * width:
        return False
    return not (following[:1].isupper() and 2 * len(line) < width)
