"""The numbers Word gives a file's paragraphs, where pandoc loses them, are kept as the
paragraphs' first words, so that a report's or a rulebook's text still refers to something
("as section 2 says", "under rule 4.2"):
- a numbered heading ("1 Our demands", "2.1 Pay"), which pandoc reads as a heading
  without its number;
- the paragraphs of a list numbered as no list in HTML can be: "Rule 1.", "1.1", "1.1.2",
  "Article 3:"; pandoc made it an ordered list counting 1, 2 at each level. Such a list's
  paragraphs are read as paragraphs, their numbers in their words.
A list numbered as HTML's are (1. a) (iv)) stays a list pandoc numbers.

Word numbers a paragraph by a list (`w:numPr`: the list `w:numId` and its level
`w:ilvl`) in its own properties or in its style's (the multilevel list Home > Multilevel
List links to the heading styles). The lists (`word/numbering.xml`) say how each level
counts (`w:start`, `w:numFmt`: decimal, roman, letters) and what it shows (`w:lvlText`:
"%1.%2" is the first level's count, a dot, the second's). Paragraphs of one list count
on together, headings and list items alike, and a level starts again after a higher
one. (A level's own restart rule, and a list's start overrides, are not read.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .style_chains import inherited
from .word_xml import W

if TYPE_CHECKING:
    from lxml.etree import _Element

_VAL = f"{{{W}}}val"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letters(n: int) -> str:
    """Word's letters: a … z, then aa … zz, then aaa."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_HTML_FORMATS = ("decimal", "lowerRoman", "upperRoman", "lowerLetter", "upperLetter")
_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
}


class Level:
    """How one level of a list counts and what it shows."""

    def __init__(self, element: _Element, depth: int) -> None:
        start = element.find(f"{{{W}}}start")
        self.start = _number(start.get(_VAL) if start is not None else None, 1)
        fmt = element.find(f"{{{W}}}numFmt")
        self.format = fmt.get(_VAL, "decimal") if fmt is not None else "decimal"
        text = element.find(f"{{{W}}}lvlText")
        self.text = text.get(_VAL, "") if text is not None else ""
        self.legal = element.find(f"{{{W}}}isLgl") is not None  # every count in decimal
        suffix = element.find(f"{{{W}}}suff")
        self.space = suffix is None or suffix.get(_VAL) != "nothing"
        # as an HTML list shows it: its own count alone, in a format HTML has, with "." or
        # ")" after it or in brackets ("1.", "b)", "(iv)"), or a bullet
        own = re.fullmatch(rf"%{depth + 1}[.)]?|\(%{depth + 1}\)", self.text)
        self.as_html = self.format in ("bullet", "none") or bool(
            own and self.format in _HTML_FORMATS
        )


def _value(element: _Element | None) -> str | None:
    """An element's `w:val`, None when it is not there or says nothing."""
    return (element.get(_VAL) or None) if element is not None else None


def _number(written: str | None, default: int) -> int:
    try:
        return int(written) if written is not None else default
    except ValueError:
        return default


class Numbering:
    """The lists of a Word file (word/numbering.xml) and the styles (word/styles.xml)
    that number their paragraphs, counting as the paragraphs come."""

    def __init__(self, numbering: _Element, styles: _Element | None) -> None:
        abstracts = {
            a.get(f"{{{W}}}abstractNumId"): {
                depth: Level(lvl, depth)
                for lvl in a.iter(f"{{{W}}}lvl")
                if (depth := _number(lvl.get(f"{{{W}}}ilvl"), 0)) >= 0
            }
            for a in numbering.iter(f"{{{W}}}abstractNum")
        }
        self.lists: dict[str, tuple[str, dict[int, Level]]] = {}
        for num in numbering.iter(f"{{{W}}}num"):
            abstract = num.find(f"{{{W}}}abstractNumId")
            key = abstract.get(_VAL) if abstract is not None else None
            if key in abstracts:
                self.lists[num.get(f"{{{W}}}numId", "")] = (str(key), abstracts[key])
        # each style's list and level, and the style it is based on (see `inherited`)
        self.style_lists: dict[str, str | None] = {}
        self.style_levels: dict[str, str | None] = {}
        self.based_on: dict[str, str] = {}
        self.heading_styles: set[str] = set()
        for style in styles.iter(f"{{{W}}}style") if styles is not None else ():
            sid = style.get(f"{{{W}}}styleId", "")
            name = style.find(f"{{{W}}}name")
            if name is not None and name.get(_VAL, "").lower().startswith("heading "):
                self.heading_styles.add(sid)
            if not sid:
                continue  # no paragraph can be in it
            self.style_lists[sid] = _value(style.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId"))
            self.style_levels[sid] = _value(style.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}ilvl"))
            if based := _value(style.find(f"{{{W}}}basedOn")):
                self.based_on[sid] = based
        self.counts: dict[str, list[int]] = {}

    def label(self, paragraph: _Element) -> tuple[str, bool, bool] | None:
        """The number `paragraph` shows (counting it), whether it is a heading's, and
        whether its list is one HTML can number; None for a paragraph in no list."""
        style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        own_style = style.get(_VAL, "") if style is not None else ""
        found_num = _value(paragraph.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId"))
        found_level = _value(paragraph.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}ilvl"))
        if own_style:  # what the paragraph does not say, its style (or one below it) may
            found_num = found_num or inherited(own_style, self.style_lists, self.based_on)
            found_level = found_level or inherited(own_style, self.style_levels, self.based_on)
        if found_num is None or found_num not in self.lists:
            return None  # in no list, or numId 0: numbering taken off
        key, levels = self.lists[found_num]
        level = _number(found_level, 0)
        if level not in levels:
            return None
        counts = self.counts.setdefault(key, [])
        del counts[level + 1 :]
        while len(counts) <= level:
            counts.append(levels[len(counts)].start - 1 if len(counts) in levels else 0)
        counts[level] += 1
        as_html = all(each.as_html for each in levels.values())
        return self._shown(levels, counts, level), own_style in self.heading_styles, as_html

    def _shown(self, levels: dict[int, Level], counts: list[int], level: int) -> str:
        this = levels[level]
        if this.format in ("bullet", "none"):
            return ""
        text = this.text
        for n, count in enumerate(counts):
            form = levels[n].format if n in levels and not this.legal else "decimal"
            text = text.replace(f"%{n + 1}", _FORMATS.get(form, str)(count))
        return text + (" " if this.space and text else "")


def numbers_written(root: _Element, numbering: Numbering) -> int:
    """Write its number at the start of each numbered heading of `root` (word/document.xml)
    and of each paragraph of a list HTML cannot number, that paragraph then in no list;
    how many there were."""
    written = 0
    for paragraph in root.iter(f"{{{W}}}p"):
        found = numbering.label(paragraph)
        if found is None or not (found[1] or not found[2]):
            continue
        properties = paragraph.find(f"{{{W}}}pPr")
        if properties is None:
            properties = paragraph.makeelement(f"{{{W}}}pPr")
            paragraph.insert(0, properties)
        if found[0]:
            run = paragraph.makeelement(f"{{{W}}}r")
            text = run.makeelement(f"{{{W}}}t")
            text.text = found[0]
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(text)
            properties.addnext(run)
        if not found[1]:  # a list's paragraph: one of no list now (numId 0), for pandoc
            _in_no_list(properties)
        written += 1
    return written


def _in_no_list(properties: _Element) -> None:
    numbers = properties.find(f"{{{W}}}numPr")
    if numbers is None:
        numbers = properties.makeelement(f"{{{W}}}numPr")
        style = properties.find(f"{{{W}}}pStyle")
        properties.insert(0 if style is None else 1, numbers)
    for child in list(numbers):
        numbers.remove(child)
    number = numbers.makeelement(f"{{{W}}}numId")
    number.set(_VAL, "0")
    numbers.append(number)
