"""Arabic copied out of a PDF → the letters it spells, in reading order.

A PDF draws Arabic, Farsi and Urdu as shaped glyphs, and many PDF writers let a copy hand
those on as Unicode's presentation forms (U+FB50–FDFF, U+FE70–FEFC): each letter in the
shape its neighbours give it ("ﻟ", lām joined on its left), often in the order the glyphs
are drawn, right to left, so that a copied line reads backwards. Published so, the words
are drawn right only where a font still has those old forms, a search finds none of them,
a screen reader spells them out, and a backward line reads backwards everywhere.

Here the forms become the letters they are (their compatibility decomposition, NFKC: "ﻟ"
is "ل"), a line in drawn order put in reading order first. A line is in drawn order when
more of its words begin with a final form or end with an initial one than the other way
round, as no word written in reading order does. Reordering is the bidirectional
algorithm's (python-bidi), which undoes itself: digits and Latin words keep their order,
brackets their sides; in a line mostly of Latin letters only the Arabic phrase is turned.
A line that also holds Markdown or HTML is not reordered (its marks would move), only
reported, for the editor to copy again.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")
_MARKUP = re.compile(r"[<>*_`#\[\]|\\{}]|^\s*(?:[-+]|\d+[.)])\s")


class Shapes(NamedTuple):
    reordered: tuple[int, ...]  # lines (counted from 1) put in reading order
    left: tuple[int, ...]  # lines in drawn order holding markup, left in that order


def letters_in_reading_order(text: str) -> tuple[str, Shapes]:
    """`text` with its Arabic presentation forms made letters, each line of them in drawn
    order put in reading order first; and what was done."""
    if not FORMS.search(text):
        return text, Shapes((), ())
    lines = text.split("\n")
    reordered, left = [], []
    for index, line in enumerate(lines):
        runs = FORMS.findall(line)
        if not runs:
            continue
        if _in_drawn_order([run for run in runs if len(run) > 1]):
            if _MARKUP.search(line):
                left.append(index + 1)
            else:
                from bidi import get_display

                from .readers.directions import direction_of

                # A line mostly of Latin letters is an English sentence quoting an Arabic
                # phrase: only the phrase was drawn right to left, and only it is turned.
                base = "L" if direction_of(line) == "ltr" else "R"
                line = get_display(line, base_dir=base)
                reordered.append(index + 1)
        lines[index] = as_letters(line)
    return "\n".join(lines), Shapes(tuple(reordered), tuple(left))


def read_in_order(text: str, source: Path | str, first_line: int = 1) -> str:
    """`letters_in_reading_order`, telling the editor (file and line) what was put right
    in the text, and what could not be."""
    text, shapes = letters_in_reading_order(text)
    if shapes.reordered:
        count = len(shapes.reordered)
        log.warning(
            "%s:%d: %s of Arabic copied in the order a PDF draws it, right to left, put in"
            " reading order; correct the file too",
            source,
            shapes.reordered[0] + first_line - 1,
            "1 line" if count == 1 else f"{count} lines",
        )
    for line in shapes.left:
        log.warning(
            "%s:%d: a line of Arabic in the order a PDF draws it, right to left, reads"
            " backwards; it holds Markdown or HTML that reordering would move: copy the"
            " text again from the original, or type it",
            source,
            line + first_line - 1,
        )
    return text


def as_letters(text: str) -> str:
    """`text` with each presentation form made the letter (or letters) it shows."""
    return FORMS.sub(lambda run: unicodedata.normalize("NFKC", run.group()), text)


def _in_drawn_order(words: list[str]) -> bool:
    """Whether more words begin in a final form or end in an initial one (drawn, right to
    left) than begin in an initial form or end in a final one (read)."""
    drawn = read = 0
    for word in words:
        first, last = _shape(word[0]), _shape(word[-1])
        drawn += (first == "FINAL") + (last == "INITIAL")
        read += (first == "INITIAL") + (last == "FINAL")
    return drawn > read


def _shape(character: str) -> str:
    """'INITIAL', 'MEDIAL', 'FINAL' or 'ISOLATED': the form a presentation form is."""
    name = unicodedata.name(character, "")
    return name.removesuffix(" FORM").rsplit(" ", 1)[-1] if name.endswith(" FORM") else ""
