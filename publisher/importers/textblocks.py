"""Plain text → blocks: the paragraphs of text copied off a web page, saved by Word or sent
by e-mail, with the clues (indentation, bullets, numbers, rules) that the heuristics in
`plaintext` read.

A block is a run of non-blank lines. Lines that hold only spaces or non-breaking spaces
count as blank. Bullet and numbered lines start a block of their own even without a
blank line before them, because pasted lists rarely have one; so does a line ending in
':' after a finished sentence, which introduces what follows it.

Line breaks mean one of three things, told apart by the shape of the lines:

- a hard wrap (e-mails, blogs copied at 72 columns): most lines that run on into the next
  end where the next word would not have fitted; wrapped lines, and lines most of that
  width wide that stop mid-sentence, are joined into one line;
- one paragraph per line (Word's "Save as Plain Text", pages copied without blank lines):
  a run holding a line longer than anyone wraps prose at is split into a block per line;
- a break made by hand in a run of short lines (an address, a verse, a footer): kept.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

from ..readers.broken_words import SENTENCE_END, WRAP_MAX, column_width, runs_on_in_a_column
from ..readers.typed_lists import (
    EMOJI_STYLE,
    LETTER_MARK,
    NUMBER_MARK,
    SYMBOL_FONT,
    letter_place,
    marks_beside_their_items,
)
from ..textfiles import is_web_page_source
from .aligned_columns import aligned_cells
from .textdates import byline_or_date

NBSP = "\u00a0"
# Word copies its bullets as "·" and a tab, or as its Symbol and Wingdings fonts' own
# characters (SYMBOL_FONT); a level down, as Courier New's "o" and a tab, and two levels
# down as Wingdings' square, "§" in other fonts, and a tab: read as "◦" and "▪", the
# bullets those levels show (`typed_lists.SUB_BULLETS`). Wingdings' arrowhead, the ➢ of
# Word's bullet library, comes as "Ø" so. Outlook's plain text pads them to the tab stop
# with spaces ("o   "): two or more, where a word "o" has one after it.
BULLET = re.compile(rf"^[•●▪◦‣∙·■□○◆◇➢➤►▸✓✔→*–—{SYMBOL_FONT}-]{EMOJI_STYLE}?\s+")
_WORD_SYMBOL = re.compile(rf"^([ \t{NBSP}]*)([o§Ø])(?=\t|[ {NBSP}]{{2,}})")
_WORD_BULLETS = {"o": "◦", "§": "▪", "Ø": "➢"}
NUMBERED = re.compile(rf"^{NUMBER_MARK}\s+")
# "(a)", "a)", "a.": a motion's resolutions, the sub-items of a numbered list Word copies
LETTERED = re.compile(rf"^{LETTER_MARK}\s+")
# "(i)", "ii)", "iii.": the points under a motion's lettered resolution, a list's third level
ROMAN = re.compile(r"^(?:\(([ivx]{1,5})\)|([ivx]{1,5})[.)])\s+")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
# A line of one mark, spaced out or not, between posts or sections: five or more of those
# that also underline headings or end a press release ("===", "###"); three or more of
# "-", "_" and "*" (Markdown's rules, "---", "* * *"; a signature's "-- " is two), of dashes
# typed as dashes ("———") and of box-drawing lines ("═══", "───") pasted from a terminal or
# a PDF. A heading's underline ("Our demands" / "---") is read before this (`_underlined`).
RULE = re.compile(r"^\s*(?:([=~•·#])(?:\s*\1){4,}|([-_*＊—–═─━])(?:\s*\2){2,})\s*$")
# A line of "=" or "-" right under a heading's, as plain text underlines headings (Markdown's
# and reStructuredText's headings; Mailchimp's plain-text part, its "** " before them)
_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
_MAILCHIMP_HEADING = re.compile(r"^\*\* (?=\S)")
_SPACED = re.compile(r"\S {2,}\S")  # words two spaces or more apart: a table's columns?
# A line of a passage quoted as mail quotes it: "> " before it, ">" alone between its
# paragraphs (">>", "> >" a level deeper, read as one level)
_QUOTED = re.compile(r"^[ \t]*>(?:[ \t>]*(?:[ \t]|$))")
# A table's row as Markdown writes it, its cells between pipes ("| Rent | £650 |"), a pipe
# inside a cell escaped ("\\|"); and the rule under its header row, a cell's alignment in it
_PIPED = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")
_MARKDOWN_RULE = re.compile(r":?-{3,}:?")
_HEADING_MAX = 120  # characters: a longer line is a paragraph, whatever is under it
# French typography keeps a non-breaking space before these and inside guillemets.
_KEEP_NBSP = re.compile(rf"{NBSP}(?=[:;!?»])|(?<=«){NBSP}")
# Prose is hard-wrapped at 60 to 80 columns (72 in e-mail); a line longer than WRAP_MAX
# is a paragraph written on one line, and a text whose lines are all shorter than WRAP_MIN
# is not wrapped prose at all (but a PDF's narrow column may be: `split_blocks`).
WRAP_MIN = 50
# A wrapped line ending in a hyphen after a letter or digit: wrappers (mail programs,
# Python's textwrap, list digests) break at spaces and at hyphens and never hyphenate, so
# the hyphen belongs to what goes on in the next line, a web address ("…/keep-the-" /
# "gate-until-…") or a compound, and is joined to it without a space.
_AT_HYPHEN = re.compile(r"(?<=[^\W_])-$")


@dataclass(frozen=True)
class Block:
    lines: tuple[str, ...]  # whitespace-normalised, without indentation, hard wraps joined
    indented: bool  # the first line started with spaces, tabs or non-breaking spaces
    gap: int  # longest run of truly empty lines before it (2+ can mark a section break)
    indent: int = 0  # width of the first line's indentation (a tab counts 4)
    rows: tuple[tuple[str, ...], ...] = ()  # a table's cells, row by row (`_table_rows`)
    header: bool = False  # its first row heads it, as Markdown's rule under it says
    heading: bool = False  # a line underlined with "=" or "-" (`_underlined`)
    quoted: bool = False  # in a passage quoted with "> " before each line (`_QUOTED`)

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1

    @property
    def bullet(self) -> bool:
        return bool(BULLET.match(self.lines[0]))

    @property
    def number(self) -> int | None:
        match = NUMBERED.match(self.lines[0])
        return int(match.group(1) or match.group(2)) if match else None

    @property
    def letter(self) -> int | None:
        """The item's place in a lettered list: 1 for "(a)", 2 for "b)"."""
        match = LETTERED.match(self.lines[0])
        return letter_place(match) if match else None

    @property
    def roman(self) -> int | None:
        """The item's place in a list numbered "(i)", "(ii)": 1, 2; None for other blocks."""
        match = ROMAN.match(self.lines[0])
        return roman_value(match.group(1) or match.group(2)) if match else None

    @property
    def rule(self) -> bool:
        return bool(RULE.match(self.text))


@dataclass(frozen=True)
class _Line:
    text: str  # normalised
    indent: int  # width of the raw line's indentation
    cells: tuple[str, ...] = ()  # its text between tabs, normalised, when it has any
    raw: str = ""  # as typed, tabs and non-breaking spaces made spaces: where its words stand


@dataclass(frozen=True)
class _Run:
    """Consecutive non-blank lines, and the empty lines before them."""

    lines: tuple[_Line, ...]
    gap: int


def roman_value(numeral: str) -> int | None:
    """1 for "i", 4 for "iv", 9 for "ix"; None for letters that are no numeral ("iiv")."""
    values = [_ROMAN_VALUES[c] for c in numeral]
    total = sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))
    return total if _as_roman(total) == numeral else None


def _as_roman(number: int) -> str:
    tens, ones = divmod(number, 10)
    digits = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
    return "x" * tens + digits[ones] if number > 0 else ""


def normalise_line(line: str) -> str:
    """Fold runs of spaces; turn non-breaking spaces into spaces unless typography needs
    them; make Word's "o", "§" and "Ø" bullets the bullets they are."""
    line = _WORD_SYMBOL.sub(lambda m: m[1] + _WORD_BULLETS[m[2]], line, count=1)
    line = _KEEP_NBSP.sub("\x00", line).replace(NBSP, " ").replace("\x00", NBSP)
    line = line.replace("\u200b", "").replace("\ufeff", "").replace("\t", " ")
    return re.sub(r" {2,}", " ", line).strip()


def introduces(line: str, previous: str) -> bool:
    """A line ending in ':' after a finished sentence announces what follows (a list, a
    quotation), so it starts a block rather than ending the paragraph before it. After an
    unfinished sentence it is only where an editor wrapped the paragraph."""
    return line.endswith(":") and previous.endswith(SENTENCE_END)


def indentation(raw: str) -> int:
    """How far a line is indented: where it sits tells a teaser from the text after a list."""
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" " + NBSP))


def split_blocks(text: str, typeset: bool = False) -> list[Block]:
    """The text's blocks; those of a passage quoted as mail quotes ("> " before each line)
    read from its text without the marks, and marked `quoted`. Bullets and numbers alone
    on their lines, as a PDF's text copies them, are put before their items' words. A
    `typeset` text (a PDF's, its words hyphenated at line ends) is wrapped at its
    column's width, however narrow (a leaflet's three columns)."""
    blocks: list[Block] = []
    lines = marks_beside_their_items(text).split("\n")
    for quoted, passage in itertools.groupby(lines, key=lambda line: bool(_QUOTED.match(line))):
        found = _unquoted_blocks("\n".join(_QUOTED.sub("", line) for line in passage), typeset)
        blocks += [dataclasses.replace(block, quoted=True) for block in found] if quoted else found
    return blocks


def _unquoted_blocks(text: str, typeset: bool) -> list[Block]:
    runs = _runs(text)
    texts = [[line.text for line in run.lines] for run in runs]
    if typeset:  # its column is as wide as its widest line
        width = column_width(line for run in texts for line in run) or None
    else:
        width = _wrap_width(texts)
    return [block for run in runs for block in _blocks(run, width, typeset)]


def _runs(text: str) -> list[_Run]:
    runs: list[_Run] = []
    current: list[_Line] = []
    gap = empty = 0
    for raw in text.split("\n"):
        line = normalise_line(raw)
        if line:
            spaced = raw.expandtabs(4).replace(NBSP, " ").rstrip()
            current.append(_Line(line, indentation(raw), _cells(raw, line), spaced))
            empty = 0
            continue
        if current:
            runs.append(_Run(tuple(current), gap))
            current, gap = [], 0
        # Lines of only non-breaking spaces are paste noise: they end a run of empty lines.
        empty = empty + 1 if not raw.strip(" \t") else 0
        gap = max(gap, empty)
    if current:
        runs.append(_Run(tuple(current), gap))
    return runs


def _wrap_width(runs: list[list[str]]) -> int | None:
    """The width the text was hard-wrapped at, or None when its line breaks were made by
    hand: a wrapped text's longest run-on line is 50 to 100 characters wide, and most other
    lines that run on into the next end where the next word would not have fitted."""
    breaks = [
        (line, following)
        for run in runs
        for line, following in itertools.pairwise(run)
        if not _breaks_anyway(line, following)
    ]
    widths = [len(line) for line, _ in breaks if len(line) <= WRAP_MAX]
    if not widths or max(widths) < WRAP_MIN:
        return None
    width = max(widths)
    # The widest line itself always looks wrapped: it is no evidence.
    others = len(breaks) - 1
    wrapped = sum(_next_word_too_long(line, following, width) for line, following in breaks) - 1
    return width if 2 * wrapped > others else None


def _next_word_too_long(line: str, following: str, width: int) -> bool:
    return len(line) <= WRAP_MAX and len(line) + 1 + len(following.split()[0]) > width


def _wrapped(line: str, following: str, width: int | None, typeset: bool) -> bool:
    """Whether the break after `line` is a hard wrap: in a wrapped text, the next word would
    not have fitted, or a line most of the width wide stops mid-sentence (wrapped by hand);
    in a text too short to tell its width, a long line's sentence runs on in lower case; in
    a `typeset` one, the line runs on in its column (`runs_on_in_a_column`)."""
    if len(line) > WRAP_MAX:
        return False
    if typeset and width:  # a PDF's column, its words moved up where one was broken
        return runs_on_in_a_column(line, following, width)
    if width is None:  # too few breaks to tell a width: a long line whose sentence runs on
        return len(line) >= WRAP_MIN and not line.endswith(SENTENCE_END) and _lower(following)
    return _next_word_too_long(line, following, width) or (
        3 * len(line) >= 2 * width and not line.endswith((*SENTENCE_END, ":"))
    )


def _lower(text: str) -> bool:
    return text[:1].islower()


def _breaks_anyway(line: str, following: str) -> bool:
    """Whether `following` starts a block whatever the width: a list item, a rule or an
    introduction starts one, and so does whatever comes after a rule."""
    return bool(
        list_item(following)
        or RULE.match(following)
        or RULE.match(line)
        or introduces(following, line)
    )


def list_item(line: str) -> bool:
    """Whether `line` starts with a list item's mark: a bullet, a number, a letter or a
    Roman numeral."""
    return any(mark.match(line) for mark in (BULLET, NUMBERED, LETTERED, ROMAN))


def _cells(raw: str, line: str) -> tuple[str, ...]:
    """The text between a line's tabs, as a spreadsheet's or a table's cells are copied (an
    empty cell, two tabs), when two pieces or more hold text and the line is no list item
    (Word copies a bullet, a number or a letter and a tab before the item's text); or
    between its pipes, as Markdown writes a table's row ("| Mill House | £650 |", a
    chatbot's answer or a README copied as text)."""
    if piped := _PIPED.match(raw):
        cells = tuple(normalise_line(c.replace("\\|", "|")) for c in _PIPE.split(piped[1]))
        return cells if len(cells) >= 2 else ()
    raw = raw.lstrip(" \t" + NBSP)
    if "\t" not in raw:  # most lines: no cells, and no second reading
        return ()
    cells = tuple(normalise_line(cell) for cell in raw.split("\t"))
    return cells if sum(map(bool, cells)) >= 2 and not list_item(line) else ()


def _blocks(run: _Run, width: int | None, typeset: bool) -> list[Block]:
    """A run's blocks: two lines or more of as many cells (a table's rows) one block, the
    lines between them blocks of text (`_text_blocks`)."""
    blocks: list[Block] = []
    gap = run.gap
    if is_web_page_source(run.lines[0].text) and _PAGE_ENDS.search(run.lines[-1].text):
        first = run.lines[0]  # a page's source pasted whole: one block, read as the HTML
        return [Block(tuple(line.text for line in run.lines), first.indent > 0, gap, first.indent)]
    if heading := _underlined(run.lines):
        first = run.lines[0]
        blocks.append(Block((heading,), first.indent > 0, gap, first.indent, heading=True))
        if len(run.lines) == 2:
            return blocks
        run, gap = _Run(run.lines[2:], 0), 0
    for is_table, lines in _table_rows(_with_aligned_cells(run.lines)):
        if is_table:
            # Markdown's rule under its header row ("|---|:---:|") heads the table with it
            header = all(_MARKDOWN_RULE.fullmatch(cell) for cell in lines[1].cells)
            lines = (lines[0], *lines[2:]) if header else lines
            rows = tuple(line.cells for line in lines)
            texts = tuple(line.text for line in lines)
            indent = lines[0].indent
            blocks.append(Block(texts, indent > 0, gap, indent, rows, header=header))
        else:
            blocks += _text_blocks(_Run(lines, gap), width, typeset)
        gap = 0
    return blocks


# A web page's source ends with </html>: from its start, its lines are no text's
_PAGE_ENDS = re.compile(r"</html>\s*$", re.IGNORECASE)


def _underlined(lines: tuple[_Line, ...]) -> str | None:
    """The heading a run starts with, underlined by the line under it: a short line of
    text, the underline as long as it (give or take two), or text going on under it, or
    Mailchimp's "** " before it. Under a name alone ("Ana Ruiz", then a shorter or longer
    rule and a blank line) a rule is the one between two posts."""
    if len(lines) < 2 or not _UNDERLINE.match(lines[1].text):
        return None
    line, underline = lines[0].text, lines[1].text.strip()
    if (
        lines[0].cells
        or len(line) > _HEADING_MAX
        or BULLET.match(line)
        or NUMBERED.match(line)
        or _UNDERLINE.match(line)
    ):
        return None
    mailchimp = _MAILCHIMP_HEADING.match(line)
    as_long = abs(len(underline) - len(line)) <= 2
    if line.endswith((",", ";", *SENTENCE_END)) and not (
        line.endswith(_ASKED) and (as_long or mailchimp)
    ):
        return None
    if mailchimp or len(lines) > 2 or as_long:
        return line[mailchimp.end() :] if mailchimp else line
    return None


# A bulletin's headings ask and call ("What can you do?", "Strike!"): underlined as long as
# it (or after Mailchimp's "** "), such a line is one, where a sentence's full stop is not
_ASKED = ("?", "!", "?”", "!”", "?»", "!»")


def _with_aligned_cells(lines: tuple[_Line, ...]) -> tuple[_Line, ...]:
    """`lines` with the cells of the tables among them set out with spaces: runs of lines
    with two spaces or more between their words (`aligned_columns`)."""
    if not any(_SPACED.search(line.raw) for line in lines):  # most texts: no second reading
        return lines
    out: list[_Line] = []
    for spaced, group in itertools.groupby(lines, key=_spaced_row):
        rows = list(group)
        cells = aligned_cells([line.raw for line in rows]) if spaced else None
        if cells is None:
            out += rows
        else:
            out += [
                dataclasses.replace(line, cells=row) for line, row in zip(rows, cells, strict=True)
            ]
    return tuple(out)


def _spaced_row(line: _Line) -> bool:
    """Whether a line may be a row of a table set out with spaces: words two spaces apart,
    no tab's cells, no list item's mark."""
    return (
        not line.cells
        and bool(_SPACED.search(line.raw))
        and not (BULLET.match(line.text) or NUMBERED.match(line.text))
    )


def _table_rows(lines: tuple[_Line, ...]) -> list[tuple[bool, tuple[_Line, ...]]]:
    """The lines cut where a table starts and ends: (is it a table, its lines)."""
    pieces: list[tuple[bool, tuple[_Line, ...]]] = []
    for width, same in itertools.groupby(lines, key=lambda line: len(line.cells)):
        group = tuple(same)
        is_table = width >= 2 and len(group) >= 2
        if pieces and not is_table and not pieces[-1][0]:
            pieces[-1] = (False, pieces[-1][1] + group)
        else:
            pieces.append((is_table, group))
    return pieces


def _text_blocks(run: _Run, width: int | None, typeset: bool) -> list[Block]:
    """One block per line when the lines are paragraphs, else a block per list item, rule
    or introduction with the lines between them."""
    lines = _unwrapped(run.lines, width, typeset)
    if any(len(line.text) > WRAP_MAX for line in lines):
        groups = [[line] for line in lines]
    else:
        groups = _grouped(lines)
    return [
        Block(tuple(line.text for line in group), group[0].indent > 0, gap, group[0].indent)
        for group, gap in zip(groups, [run.gap] + [0] * (len(groups) - 1), strict=True)
    ]


def _unwrapped(lines: tuple[_Line, ...], width: int | None, typeset: bool) -> list[_Line]:
    """The lines as their writer ended them: a hard-wrapped line joined to the one before."""
    joined = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if (
            _wrapped(previous.text, line.text, width, typeset)
            and not _breaks_anyway(previous.text, line.text)
            and not byline_or_date(line.text)  # under a title as wide as the text's lines
        ):
            space = "" if _AT_HYPHEN.search(previous.text) and line.text[:1].isalnum() else " "
            joined[-1] = _Line(f"{joined[-1].text}{space}{line.text}", joined[-1].indent)
        else:
            joined.append(line)
    return joined


def _grouped(lines: list[_Line]) -> list[list[_Line]]:
    groups = [[lines[0]]]
    for previous, line in itertools.pairwise(lines):
        if _breaks_anyway(previous.text, line.text):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups
