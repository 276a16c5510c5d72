"""Invisible characters pasted text carries, removed before anything parses it.

Word's Shift+Enter leaves a vertical tab, InDesign's and Pages' a LINE SEPARATOR (U+2028),
terminals leave ANSI colour codes, broken conversions leave BEL, U+FFFE or lone surrogates,
files joined together the byte order mark each began with, and text copied with its
pictures a boxed "OBJ" (U+FFFC) where each stood. None of the controls can
appear in XML (EPUB, feeds), some break the email template engine, a browser shows the
separators as spaces where WeasyPrint breaks the line, and a byte order mark before "# " or
"- " hides a Markdown heading or list. So every text that comes in (documents, front
matter, manifests, config, subscriber fields, imports) passes through here first.
Removing one is said as a warning naming the file and line: the editor may want to look.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .mojibake import repaired
from .parsed_data import each_string

log = logging.getLogger(__name__)

# Line, page and paragraph breaks typed as characters of their own: a break where lines
# carry structure (plain text being imported), a space elsewhere (inside YAML/TOML values,
# Markdown lines).
_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n\n"}
_SEPARATORS_AND_BOM = "\u2028\u2029\ufeff"  # U+FEFF: at a file's start, decoding took it
# Where a picture stood in text copied with it (from Notes, TextEdit, Pages, Word for Mac or
# a web page): the OBJECT REPLACEMENT CHARACTER, printed as a box with "OBJ" in it
_PICTURE_PLACE = "\ufffc"
_ANSI_ESCAPE = r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]"
_C0_C1 = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 but tab, LF, CR; DEL; C1
_NONCHARACTERS = r"\ufdd0-\ufdef"
_PLANE_ENDS = (  # U+xFFFE and U+xFFFF of every plane: non-characters too
    r"\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff"
    r"\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff"
    r"\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff"
    r"\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff"
    r"\U0010fffe\U0010ffff"
)
_SURROGATES = r"\ud800-\udfff"  # lone surrogates (from surrogateescape or broken JSON)
_CONTROL = f"[{_C0_C1}{_SEPARATORS_AND_BOM}{_PICTURE_PLACE}]|[{_NONCHARACTERS}]|[{_PLANE_ENDS}]|[{_SURROGATES}]"
_UNWANTED = re.compile(f"{_ANSI_ESCAPE}|{_CONTROL}")
# Every character _UNWANTED can start with, the plane ends as the range from U+FFFE up: one
# search of a clean text (almost every text) takes a sixteenth of _UNWANTED's (a class of
# single astral characters, or the alternatives, are slow: 0.17 s for a 1 MB document).
_MAYBE_UNWANTED = re.compile(
    rf"[{_C0_C1}{_SEPARATORS_AND_BOM}{_PICTURE_PLACE}{_NONCHARACTERS}{_SURROGATES}\ufffe-\U0010ffff]"
)

# What a copy from Word or a web page leaves inside words, unseen: the zero-width space (a
# hint where a line may break), the soft hyphen (where a word may be hyphenated) and the
# word joiner. Hints to a typesetter, kept in a text; in a name or a tag they make another
# name no one can see, and plain-text mail programs show some as hyphens or boxes. The
# zero-width non-joiner (U+200C) spells Farsi, and the joiner (U+200D) emoji: never these.
_BREAK_HINTS = re.compile("[\u200b\u00ad\u2060]")


def without_break_hints(text: str) -> str:
    """`text` without its zero-width spaces, soft hyphens and word joiners."""
    return _BREAK_HINTS.sub("", text)


# The left-to-right and right-to-left marks (U+200E, U+200F) order words beside letters
# written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko…); in a text with none of
# those letters they change nothing, and are what a copy from a chat or a web page left.
_DIRECTION_MARKS = re.compile("[\u200e\u200f]")
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def without_idle_direction_marks(text: str) -> str:
    """`text` without its direction marks when it has no right-to-left letter to order."""
    return text if _RIGHT_TO_LEFT.search(text) else _DIRECTION_MARKS.sub("", text)


_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "BACKSPACE",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\ufeff": "BYTE ORDER MARK",
    _PICTURE_PLACE: "OBJECT REPLACEMENT CHARACTER (a copied picture's place)",
}


@dataclass(frozen=True)
class Removed:
    """What `strip_controls` took out of a text: which characters, from which lines."""

    counts: Counter[str]
    lines: tuple[int, ...]  # 1-based, in the text as it was given

    def __bool__(self) -> bool:
        return bool(self.counts)

    def describe(self) -> str:
        parts = [f"{name} ×{n}" if n > 1 else name for name, n in sorted(self.counts.items())]
        return ", ".join(parts)


# A numeric reference in HTML: "&#14;", "&#x0E;", or "&#1" without its ";", which HTML
# parsers read all the same
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def control_references_as_characters(html: str) -> str:
    """`html` with its references to the characters `strip_controls` takes out (but C1's,
    which HTML parsers read as Windows-1252's) written as the characters, for it to take
    out and count: raw HTML in Markdown and the words of a text file keep them as written,
    and a parser makes each a character lxml refuses to write back (a list made of the
    paragraph ended the build in a traceback)."""
    if "&#" not in html:
        return html

    def character(match: re.Match[str]) -> str:
        code = int(match[1], 16) if match[1] else int(match[2])
        if code > 0x10FFFF or 0x80 <= code <= 0x9F or not _UNWANTED.fullmatch(chr(code)):
            return match[0]
        return chr(code)

    return _NUMERIC_REFERENCE.sub(character, html)


def strip_controls(text: str, line_breaks: bool = False) -> tuple[str, Removed]:
    """`text` without control characters; vertical tab, form feed and the line and
    paragraph separators become spaces, or line and paragraph breaks with `line_breaks`
    (then not counted as removed: a break typed in Word with Shift+Enter is meant)."""
    counts: Counter[str] = Counter()
    lines: set[int] = set()
    if not _MAYBE_UNWANTED.search(text) or not _UNWANTED.search(text):
        return text, Removed(counts, ())

    position, line = 0, 1  # matches come in order: count line breaks once, not per match

    def replace(match: re.Match[str]) -> str:
        nonlocal position, line
        line += text.count("\n", position, match.start())
        position = match.start()
        found = match.group()
        if line_breaks and found in _BREAKS:
            return _BREAKS[found]  # kept as what it was typed for: nothing to say
        counts[_name(found)] += 1
        lines.add(line)
        return " " if found in _BREAKS else ""

    return _UNWANTED.sub(replace, text), Removed(counts, tuple(sorted(lines)))


def clean_text(
    text: str, source: Path | str, first_line: int = 1, line_breaks: bool = False
) -> str:
    """`strip_controls`, with a warning naming the source and the first line affected;
    text garbled by a wrong encoding repaired first (its C1 bytes are the garbling's)."""
    cleaned, removed = strip_controls(repaired(text, source, first_line), line_breaks)
    if removed:
        line = removed.lines[0] + first_line - 1
        more = len(removed.lines) - 1
        where = f"{source}:{line}"
        log.warning(
            "%s: removed invisible control characters (%s)%s",
            where,
            removed.describe(),
            f", also on {more} more line(s)" if more else "",
        )
    return cleaned


def clean_mapping(data: dict[str, Any]) -> dict[str, Any]:
    """Parsed data (front matter, document properties) without control characters in any of
    its strings, however deep in lists and mappings."""
    return {
        key: each_string(value, lambda text: strip_controls(text)[0]) for key, value in data.items()
    }


def _name(found: str) -> str:
    if found.startswith("\x1b") and len(found) > 1:
        return "ANSI escape code"
    return _NAMES.get(found, f"U+{ord(found):04X}")


# LEFT-TO-RIGHT and RIGHT-TO-LEFT OVERRIDE make text display in another order than it is
# stored ("evil\u202etxt.exe" shows as "evilexe.txt"); embeddings and isolates, which RTL
# text legitimately uses, are left alone.
_BIDI_OVERRIDE = re.compile("[\u202d\u202e]")


def warn_bidi_override(value: str, where: str, what: str) -> None:
    """Warn when a title or name carries a bidi override: what readers see may not be
    what is written."""
    if _BIDI_OVERRIDE.search(value):
        log.warning(
            "%s: the %s contains a bidi override character (U+202D or U+202E), so it may"
            " display differently from what it says: check it",
            where,
            what,
        )
