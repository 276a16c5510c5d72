"""A PDF's text, as `publisher import` reads it: paragraphs of plain text, which the
plain-text importer then reads as it reads text copied out of a PDF (`pdftext`).

`pdflines` gives every line with its place on the page and its type size (PyMuPDF,
publisher's PDF engine for imposition already). What a reader would not call the text is
left out, and what the layout broke is mended:
- running headers and footers: lines in the top or bottom tenth of a page that recur,
  numbers aside, on another page, and page numbers alone there;
- a heading or title set on two lines is one line again (a line the plain-text reader
  can take for a title), known by its type: larger than the text's, or bold throughout;
  set in the type of another heading, it is a section's, underlined as plain text marks
  one (the first, under the byline, was read as a subtitle);
- a paragraph carried over a page break, or on into the next column, is one paragraph;
- footnotes leave the foot of their pages for the end, as "[1] …", and the numbers
  raised in the text become "[1]" references (which the plain-text reader makes notes);
- a link or an emphasis cut in two by a line's end is one (`pdflines` makes the text
  under a PDF's link a link, and words a line sets in bold or italics, not all of it,
  emphasis);
- words hyphenated at a line's end with a soft hyphen or U+2010 (which only typesetting
  inserts) are joined without it; those broken with '-' lose it when words are broken
  so more than once, as `pdftext` decides for pasted text (a compound wrapped at its
  hyphen keeps it).
A line is wrapped, not broken, when it reaches its column's side (found by the gutters
between columns): a signature's or an address's short lines stay lines. Pictures and
fonts stay behind.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
from collections import Counter
from pathlib import Path

from ..readers.broken_words import hyphenation
from .pdflines import LEADERS, NOTE, RAISED, Line, pdf_lines, rejoined
from .pdftext import LONGEST_FURNITURE, is_page_number

LARGER = 1.15  # a heading's type, at least, against the text's
LONGEST_HEADING = 200  # characters
# A footnote's first line: its raised number, or "1." / "1 " as some programs set it.
_NOTE_START = re.compile(rf"^(?:{NOTE}(\d{{1,3}}){NOTE}|(\d{{1,3}})[.)]?\s)\s*")
SHORT = 0.2  # of the column's width: a line ending further from its right side was broken
# A soft hyphen or U+2010 at a line's end, which only typesetting puts there; a '-' after
# letters, which may be typesetting's or a compound's.
_TYPESET_HYPHEN_END = re.compile(r"(?<=\w)[\u00ad\u2010]$")
_HYPHEN_END = re.compile(r"(?<=[^\W\d_]{2})-$")
_TAG = re.compile(r"<[^>]+>")  # the emphasis and links pdflines marks in a line
_TAGS_AT_END = re.compile(r"(?:</(?:strong|em|a)>)*$")
_CLOSING_LONGEST = len("</strong></em></a>")  # looked for at the end of a paragraph's text
_TAGS_AT_START = re.compile(r"(?:<(?:strong|em|a)\b[^>]*>)*")
_ENDS_SENTENCE = re.compile(r"[.!?:;…\"”»)\]؟]$")


def pdf_text(data: bytes, source: Path) -> tuple[str, int, str]:
    """The text of a PDF in paragraphs, each on one line but where the PDF broke a line
    short (an address, a signature); how many header, footer and page-number lines were
    left out; and what is damaged in the PDF ("" if nothing)."""
    pages, damage = pdf_lines(data, source)
    body = _body_size(pages)
    kept, left_out = _without_furniture(pages)
    kept, notes = _footnotes(kept)
    laid_out = []  # each page's columns and its blocks, those of one paragraph made one
    for blocks in kept:
        columns = _columns([line for block in blocks for line in block])
        laid_out.append((columns, _paragraph_blocks(blocks, body, columns)))
    hyphenates = _hyphenates([blocks for _, blocks in laid_out])
    sections = _section_heading_styles([block for _, blocks in laid_out for block in blocks], body)
    paragraphs: list[str] = []
    for page_number, (columns, blocks) in enumerate(laid_out):
        for number, block in enumerate(blocks):
            text = _block_text(block, body, columns, hyphenates)
            if _style(block, body) in sections:  # underlined, as plain text marks a heading
                text = f"{text}\n{'-' * len(text)}"
            if number == 0 and page_number and paragraphs and _carried_over(paragraphs[-1], text):
                paragraphs[-1] = _joined(paragraphs[-1], text, hyphenates)
            else:
                paragraphs.append(text)
    for mark, lines in notes.items():
        paragraphs.append(f"[{mark}] {_block_text(lines, body, [_page_width(lines)], hyphenates)}")
    text = rejoined("\n\n".join(paragraphs) + "\n")
    text = RAISED.sub(lambda m: f"[{m[1]}]" if m[1] in notes else m[1], text)
    return text, left_out, damage


def _without_furniture(pages: list[list[list[Line]]]) -> tuple[list[list[list[Line]]], int]:
    """The pages without their running headers, footers and page numbers, and how many
    such lines there were. What stands beside a header on its line is the header's too:
    the title of the article in progress, beside the paper's name, changes from page to
    page."""
    furniture = _furniture_shapes(pages) | {"#"}
    kept_pages = []
    left_out = 0
    for blocks in pages:
        feet = [
            line.box[3]
            for block in blocks
            for line in block
            if line.in_margin and _shape(line.text) in furniture
        ]
        kept_blocks = []
        for block in blocks:
            kept = [line for line in block if not _is_furniture(line, furniture, feet)]
            left_out += len(block) - len(kept)
            if kept:
                kept_blocks.append(kept)
        kept_pages.append(kept_blocks)
    return kept_pages, left_out


def _is_furniture(line: Line, shapes: set[str], feet: list[float]) -> bool:
    """Whether a line is a header's or a footer's: in the margins, of a shape that recurs
    or on the line of one that does (`feet`: where its page's such lines stand)."""
    beside = any(abs(line.box[3] - foot) < 1 for foot in feet)
    return line.in_margin and (beside or _shape(line.text) in shapes)


def _footnotes(
    pages: list[list[list[Line]]],
) -> tuple[list[list[list[Line]]], dict[str, list[Line]]]:
    """Footnotes taken out of the pages they end, by number, their own numbers left out: a
    block under the text whose lines start notes, each with a number raised in the text
    above it on its page. None are taken if numbers repeat (notes numbered per page)."""
    found: list[tuple[str, list[Line]]] = []
    taken: set[tuple[int, int]] = set()
    for page_number, blocks in enumerate(pages):
        raised: set[str] = set()
        for block_number, block in enumerate(blocks):
            if notes := _notes_in(block, raised):
                found += notes
                taken.add((page_number, block_number))
            else:
                raised.update(RAISED.findall(" ".join(line.text for line in block)))
    numbers = [number for number, _ in found]
    if not found or len(set(numbers)) < len(numbers):
        return pages, {}
    kept = [
        [block for b, block in enumerate(blocks) if (p, b) not in taken]
        for p, blocks in enumerate(pages)
    ]
    return kept, {number: lines for number, lines in found if lines}


def _notes_in(block: list[Line], raised: set[str]) -> list[tuple[str, list[Line]]]:
    """The notes a block holds, if it is one of footnotes: each line that starts with a
    raised number starts a note, the lines after it go on with it."""
    notes: list[tuple[str, list[Line]]] = []
    for line in block:
        start = _NOTE_START.match(line.text)
        number = (start[1] or start[2]) if start else ""
        if start and number in raised:
            rest = line.text[start.end() :]
            notes.append((number, [dataclasses.replace(line, text=rest)] if rest else []))
        elif notes:
            notes[-1][1].append(line)
        else:
            return []
    return notes


def _page_width(lines: list[Line]) -> Column:
    return min(line.box[0] for line in lines), max(line.box[2] for line in lines)


def _shape(text: str) -> str:
    """A header or footer line without what changes from page to page: its numbers."""
    if is_page_number(text):
        return "#"
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _furniture_shapes(pages: list[list[list[Line]]]) -> set[str]:
    """Shapes of short lines in the margins that recur on more than one page."""
    on_pages: Counter[str] = Counter()
    for blocks in pages:
        on_pages.update(
            {
                _shape(line.text)
                for block in blocks
                for line in block
                if line.in_margin and len(line.text) <= LONGEST_FURNITURE
            }
        )
    return {shape for shape, count in on_pages.items() if count >= 2}


def _body_size(pages: list[list[list[Line]]]) -> float:
    """The text's type size: the one most of its characters are set in."""
    sizes: Counter[float] = Counter()
    for blocks in pages:
        for block in blocks:
            for line in block:
                sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _hyphenates(pages: list[list[list[Line]]]) -> bool:
    """Whether the PDF's '-' at line ends are its typesetting's: when words are broken so
    often (see `readers.broken_words`), and the PDF does not mark its breaks with a hyphen
    of their own (U+2010 or a soft hyphen, as WeasyPrint and browsers do); otherwise such
    a line ends in a compound's hyphen ("inter-" / "union")."""
    blocks = [block for page in pages for block in page]
    if any(_TYPESET_HYPHEN_END.search(line.text) for block in blocks for line in block):
        return False
    broken = sum(
        1
        for block in blocks
        for line, after in itertools.pairwise(block)
        if _HYPHEN_END.search(line.text) and after.text[:1].islower()
    )
    return hyphenation(broken, sum(len(block) for block in blocks))


Column = tuple[float, float]  # its left and right sides
_STEP = 2.0  # points: the width of the upright strips a page is looked at in for gutters
_GUTTER = 8.0  # points: the narrowest gutter between columns


def _columns(lines: list[Line]) -> list[Column]:
    """The page's columns of text, left to right: split where a gutter runs down the page,
    an upright strip that few of its lines cross (a line across all columns, a title, may)."""
    if not lines:
        return [(0.0, 0.0)]
    left, right = min(line.box[0] for line in lines), max(line.box[2] for line in lines)
    steps = max(1, int((right - left) / _STEP))
    crossing = [0] * steps
    for line in lines:
        first, last = int((line.box[0] - left) / _STEP), int((line.box[2] - left) / _STEP)
        for step in range(first, min(last, steps)):
            crossing[step] += 1
    busy = max(crossing) * 0.25
    sides, gutter = [left], None
    for step, count in enumerate(crossing):
        if count <= busy and gutter is None:
            gutter = step
        elif count > busy and gutter is not None:
            if gutter > 0 and (step - gutter) * _STEP >= _GUTTER:
                sides += [left + gutter * _STEP, left + step * _STEP]
            gutter = None
    sides.append(right)
    return list(zip(sides[::2], sides[1::2], strict=True))


def _column_of(line: Line, columns: list[Column]) -> Column:
    """The column a line starts in (on the right in Arabic, Farsi or Hebrew); the page's
    whole width for one that runs on into the next column (a title across the page). A
    column's sides are where few of its lines still reach (`_columns`): a ragged line may
    end past them, in the gutter."""
    if line.right_to_left:
        for (start, end), before in zip(columns, [None, *columns[:-1]], strict=True):
            starts_in = start < line.box[2] <= end + 2 * _STEP
            if starts_in and (before is None or line.box[0] >= before[1]):
                return start, end
        return columns[0][0], columns[-1][1]
    for (start, end), after in zip(columns, [*columns[1:], None], strict=True):
        starts_in = start - 2 * _STEP <= line.box[0] < end
        if starts_in and (after is None or line.box[2] <= after[0]):
            return start, end
    return columns[0][0], columns[-1][1]


def _paragraph_blocks(
    blocks: list[list[Line]], body: float, columns: list[Column]
) -> list[list[Line]]:
    """Blocks that are lines of one paragraph made one: PyMuPDF sees a block in each line
    when tall type makes lines overlap (Arabic's, often), and a paragraph goes on at the
    top of the next column. A block goes on in the next when its last line was wrapped
    and the next starts a line under it in the same type (not a paragraph's space lower),
    or, neither a heading, at the top of the next column where the text runs on."""
    pitches = _line_pitches(blocks)
    merged: list[list[Line]] = []
    for block in blocks:
        if merged and _goes_on(merged[-1], block, body, columns, pitches):
            merged[-1] = [*merged[-1], *block]
        else:
            merged.append(block)
    return merged


def _line_pitches(blocks: list[list[Line]]) -> dict[float, float]:
    """How far under the one before a line of each type size is set on the page: the
    least step down, foot to foot, between lines of that size one after the other (a
    paragraph's space makes a longer one), of those not overlapping by most of their
    height."""
    pitches: dict[float, float] = {}
    lines = [line for block in blocks for line in block]
    for one, other in itertools.pairwise(lines):
        step = other.box[3] - one.box[3]  # at their feet: a raised number lifts a top
        height = one.box[3] - one.box[1]
        if one.size == other.size and height * 0.7 <= step < 2 * height:
            pitches[one.size] = min(step, pitches.get(one.size, step))
    return pitches


def _goes_on(
    block: list[Line],
    after: list[Line],
    body: float,
    columns: list[Column],
    pitches: dict[float, float],
) -> bool:
    """Whether `after` goes on from `block` (`_paragraph_blocks`). Lines set a line under
    a wrapped one in its type are its text's next, larger than the text's or not: in a
    text mostly in small print, the larger paragraphs' lines were taken for headings."""
    last, first = block[-1], after[0]
    step = first.box[3] - last.box[3]
    height = last.box[3] - last.box[1]
    pitch = pitches.get(last.size, 0.0)
    under = step >= 0 and (
        step <= pitch * 1.3 if pitch else first.box[1] - last.box[3] < height * 0.5
    )
    # higher up, in another column: on the right, or on the left in a right-to-left one
    apart = first.box[0] >= last.box[2] or first.box[2] <= last.box[0]
    next_column = first.box[1] < last.box[1] and apart
    same_type = first.size == last.size and (
        first.bold == last.bold or _plain(first.text)[:1].islower()  # a line in bold
    )
    if under and same_type:
        placed = True  # the text's next line, in any type, if the last was wrapped
    else:
        headings = _is_heading(block, body) or _is_heading(after, body)
        runs_on = under or (next_column and _runs_on(last.text, first.text))
        placed = runs_on and (same_type or not headings)
    if not placed:
        return False
    column = _column_of(last, columns)
    return _wrapped(last, column, _sides(block, columns)[column], first)


def _runs_on(before: str, after: str) -> bool:
    """Whether a text goes on in `after` from `before`: it begins in lower case, or, in
    a script with no capitals (Arabic, Farsi, Hebrew), `before` did not end a sentence."""
    first = after[:1]
    if first.islower():
        return True
    caseless = first.isalpha() and not first.isupper()
    return caseless and not _ENDS_SENTENCE.search(before.rstrip())


def _is_heading(lines: list[Line], body: float) -> bool:
    return all(line.size >= body * LARGER or line.bold for line in lines)


HeadingStyle = tuple[float, bool]  # a heading's type size, and whether it is bold


def _style(block: list[Line], body: float) -> HeadingStyle | None:
    """The type a heading is set in; None for a block that is no heading (a paragraph, a
    line longer than a heading)."""
    if not _is_heading(block, body) or sum(len(line.text) for line in block) > LONGEST_HEADING:
        return None
    return round(max(line.size for line in block), 1), all(line.bold for line in block)


def _section_heading_styles(blocks: list[list[Line]], body: float) -> set[HeadingStyle]:
    """The types the text's section headings are set in: those of two headings or more.
    Marked as headings, the first under the title and byline stays its section's heading:
    the plain-text reader took it for a subtitle. A subtitle, set once in its own type (and
    the title), stays for the reader to tell."""
    styles = Counter(_style(block, body) for block in blocks)
    return {style for style, count in styles.items() if style is not None and count >= 2}


def _wrapped(line: Line, column: Column, sides: Column, after: Line) -> bool:
    """Whether a line, in `column`, was wrapped, not broken, before `after`: it reaches the
    side of its column where its lines end (the right, or the left in Arabic, Farsi or
    Hebrew), or the first word of `after` would not have fitted in the room left there (a
    long word after a short line, in a narrow column set ragged). That side is its
    block's own in the column (`sides`: the leftmost and rightmost its lines there reach)
    when it comes near the column's, or else the column's less the block's indent at its
    other side: a quotation is indented on both. A line broken short, an address's or a
    signature's, leaves room for the next line's first word."""
    start, end = column
    short = (end - start) * SHORT
    left, right = sides
    if line.right_to_left:
        reaches = line.box[0] <= start + short
        indent = end - right  # at the other side
        side = left if left <= start + short else min(left, start + _indent(indent))
        room = line.box[0] - side
    else:
        reaches = line.box[2] >= end - short
        indent = left - start
        side = right if right >= end - short else max(right, end - _indent(indent))
        room = side - line.box[2]
    return reaches or room < _first_word_width(after)


def _sides(lines: list[Line], columns: list[Column]) -> dict[Column, Column]:
    """The leftmost and rightmost sides `lines` reach in each column they are in."""
    sides: dict[Column, Column] = {}
    for line in lines:
        column = _column_of(line, columns)
        left, right = sides.get(column, (line.box[0], line.box[2]))
        sides[column] = (min(left, line.box[0]), max(right, line.box[2]))
    return sides


def _indent(indent: float) -> float:
    """How far a block is taken to be indented at the side its lines end: as far as at
    the side they start, when that is more than measuring's slack."""
    return indent if indent >= 2 * _STEP else 0.0


def _plain(text: str) -> str:
    """A line's words, without the emphasis, links and note marks pdflines gives them."""
    return html.unescape(_TAG.sub("", text)).replace(NOTE, "")


def _first_word_width(line: Line) -> float:
    """About how wide a line's first word is set, with the space before it and two letters
    more: an estimate, from its share of the line's letters, of the line's width, that
    errs towards a word that did not fit (in a ragged column, no line need reach its side)."""
    text = _plain(line.text)
    if LEADERS.match(text):
        return 0.0  # a contents entry's dot leaders fill whatever room its words leave
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return (line.box[2] - line.box[0]) * (len(first) + 3) / max(len(text), 1)


def _block_text(lines: list[Line], body: float, columns: list[Column], hyphenates: bool) -> str:
    """A block's lines joined where they were wrapped (`_wrapped`); kept apart where the
    PDF broke them short. A heading is one line; a line of a paragraph set in bold
    throughout, its words in bold (a line only partly bold has them marked already)."""
    heading = _is_heading(lines, body)
    shown = [
        line.text if heading or not line.bold else f"<strong>{line.text}</strong>" for line in lines
    ]
    sides = _sides(lines, columns)
    text = shown[0]
    for (before, line), words in zip(itertools.pairwise(lines), shown[1:], strict=True):
        column = _column_of(before, columns)
        wrapped = heading or _wrapped(before, column, sides[column], line)
        text = _joined(text, words, hyphenates) if wrapped else f"{text}\n{words}"
    return text


def _joined(text: str, after: str, hyphenates: bool) -> str:
    """Two lines of a paragraph as one: a word broken at the first's end made whole, in
    bold or italics or a link across the break too. (Only the first's end is searched: a
    paragraph is joined a line at a time.)"""
    closing = _TAGS_AT_END.search(text, max(0, len(text) - _CLOSING_LONGEST))
    word = text[: closing.start()] if closing else text
    rest = _TAGS_AT_START.sub("", after, count=1)
    tags = text[len(word) :] + after[: len(after) - len(rest)]
    end = max(0, len(word) - 1)
    if _TYPESET_HYPHEN_END.search(word, end) and rest[:1].isalnum():
        return word[:-1] + tags + rest
    hyphen = _HYPHEN_END.search(word, end)
    if hyphen and hyphenates and rest[:1].islower():
        return word[:-1] + tags + rest
    if hyphen and rest[:1].isalpha():
        return word + tags + rest  # "front-" / "line": a compound wrapped at its hyphen
    return f"{text} {after}"


def _carried_over(before: str, after: str) -> bool:
    """A paragraph that goes on after a page break: it did not end, and the text runs on."""
    last = before.rstrip()
    return bool(last) and not _ENDS_SENTENCE.search(last) and _runs_on(last, after)
