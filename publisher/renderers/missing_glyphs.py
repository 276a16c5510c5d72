"""Characters no font has, named before a PDF prints them as empty boxes.

WeasyPrint sets text with Pango, which takes each character from the first font of the
stylesheet's list that has it, else from any font fontconfig knows: a character is drawn
when an installed font (or one bundled with the workspace's style) has it. Chinese in a
workspace without fonts-noto-cjk, or the Wingdings smiley Outlook makes of ":)", would
otherwise print as boxes that no check of the PDF's text sees (its text layer still holds
the characters): only a reader would. The fonts' character sets come from fontconfig's
`fc-list` and `fc-query`, once per process; without them nothing is said.
"""

from __future__ import annotations

import bisect
import html
import logging
import re
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import regex

from ..model import Document, Issue
from ..style import Style
from ..textfiles import where, written_text

log = logging.getLogger(__name__)

_TAG = re.compile(r"<[^>]*>")
# Latin with its accents, punctuation, currency signs and arrows (pandoc's "↩︎" back from a
# note): the fonts publisher's set-up installs draw them all, so a text of nothing else is
# not looked up.
_EVERYWHERE = re.compile(r"[\x00-\u024f\u2000-\u20cf\u2190-\u21ff\ufe0e\ufe0f]*")
# Characters that are not drawn but steer how others are: variation selectors, the
# Mongolian free variation selectors, the combining grapheme joiner.
_STEERING = re.compile(r"[\ufe00-\ufe0f\U000e0100-\U000e01ef\u180b-\u180f\u034f]")
_NOT_DRAWN = ("Cc", "Cf", "Zs", "Zl", "Zp")  # controls, format characters, spaces
_SHOWN = 3  # characters a warning writes out; the rest are counted
_SHOWN_LINES = 6  # lines a warning names; the rest are counted
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}]")


def issue_texts(issue: Issue) -> list[tuple[Path, str]]:
    """What an issue's PDF prints from its manifest and its documents, by source file."""
    manifest = [issue.title, issue.summary, issue.editorial_html]
    texts = [(issue.source, " ".join([*manifest, *(s.title for s in issue.sections)]))]
    return texts + [(doc.source, document_text(doc)) for doc in issue.documents]


def document_text(doc: Document) -> str:
    return " ".join([doc.title, doc.subtitle, doc.summary, *doc.authors, doc.body_html])


def bundled_fonts(style: Style) -> list[Path]:
    """The font files of the workspace's style, which Pango draws from beside installed ones."""
    return [face.file for font in style.fonts if font.bundled for face in font.faces]


def warn_missing_glyphs(texts: Iterable[tuple[Path, str]], bundled: Iterable[Path] = ()) -> None:
    """Warn, once per file, of the characters of each (source file, text or HTML) that no
    installed font and no `bundled` font file has, naming the lines that hold them."""
    by_source: dict[Path, list[str]] = {}
    for source, text in texts:
        by_source.setdefault(source, []).append(text)
    fonts = tuple(sorted(set(bundled)))
    for source, pieces in by_source.items():
        missing = missing_glyphs(" ".join(pieces), fonts)
        if missing:
            _warn(source, missing)


def missing_glyphs(text: str, bundled: tuple[Path, ...] = ()) -> list[str]:
    """The characters of `text` (plain, or HTML) that no font has, in code point order."""
    plain = html.unescape(_TAG.sub(" ", text))
    if _EVERYWHERE.fullmatch(plain):
        return []
    starts, ends = _coverage(bundled)
    if not starts:  # fontconfig's tools are missing: nothing can be said
        return []
    return sorted(
        c
        for c in set(plain)
        if ord(c) > 0x24F
        and unicodedata.category(c) not in _NOT_DRAWN
        and not _STEERING.match(c)
        and not _covered(ord(c), starts, ends)
    )


def _warn(source: Path, missing: list[str]) -> None:
    """One warning for the file, at the first line holding a missing character, naming
    every line that holds one: the characters are often in several passages (greetings
    in Chinese, Korean and Japanese), each for the editor to look at."""
    written = written_text(source)
    missing = sorted(missing, key=lambda c: _first_written(written, c))  # as they are read
    lines = _lines_holding(written, set(missing))
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:_SHOWN])
    more = f" and {len(missing) - _SHOWN} more" if len(missing) > _SHOWN else ""
    log.warning(
        "%s: no font has %s%s%s: the PDF prints %s as empty boxes; %s",
        where(source, lines[0] if lines else None),
        shown,
        more,
        f", on lines {_listed(lines)}" if len(lines) > 1 else "",
        "it" if len(missing) == 1 else "them",
        _remedy(missing),
    )


def _first_written(written: str, character: str) -> int:
    """Where `character` is first written in `written`; past its end if nowhere."""
    at = written.find(character)
    return at if at >= 0 else len(written) + ord(character)


def _lines_holding(written: str, characters: set[str]) -> list[int]:
    """The numbers of the lines of `written` (a source file's text) holding any of
    `characters`, from 1."""
    return [
        number
        for number, line in enumerate(written.split("\n"), start=1)
        if not characters.isdisjoint(line)
    ]


def _listed(lines: list[int]) -> str:
    """ "6, 10 and 12"; past _SHOWN_LINES, the rest counted ("and 9 more")."""
    if len(lines) > _SHOWN_LINES:
        shown = ", ".join(map(str, lines[:_SHOWN_LINES]))
        return f"{shown} and {len(lines) - _SHOWN_LINES} more"
    return ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"


def _remedy(missing: list[str]) -> str:
    if any(_CJK.match(c) for c in missing):
        return "install fonts for Chinese, Japanese and Korean (Debian: fonts-noto-cjk)"
    one = len(missing) == 1
    if all(unicodedata.category(c) == "Co" for c in missing):
        what = "it is a private character" if one else "they are private characters"
        return (
            f"{what} of one font, like Word's Symbol and Wingdings:"
            f" type the character {'it' if one else 'each'} stands for"
        )
    first = f"{ord(missing[0]):x}"
    it = "it" if one else "them"
    return f"install a font that has {it} (fc-list ':charset={first}' lists those that do)"


def _covered(code: int, starts: list[int], ends: list[int]) -> bool:
    at = bisect.bisect_right(starts, code) - 1
    return at >= 0 and code <= ends[at]


@cache
def _coverage(bundled: tuple[Path, ...]) -> tuple[list[int], list[int]]:
    """The code points the installed scalable fonts and the `bundled` font files have
    together, as sorted, merged ranges (starts, ends); empty without fontconfig's tools."""
    commands = [["fc-list", ":scalable=true", "--format", "%{charset}\n"]]
    commands += [["fc-query", "--format", "%{charset}\n", str(path)] for path in bundled]
    ranges: list[tuple[int, int]] = []
    for command in commands:
        try:
            listing = subprocess.run(
                command, capture_output=True, text=True, check=True, timeout=60
            ).stdout
        except (OSError, subprocess.SubprocessError):
            if command[0] == "fc-list":
                return [], []
            continue  # a bundled file fontconfig cannot read: the style check names it
        for token in listing.split():
            low, _, high = token.partition("-")
            try:
                ranges.append((int(low, 16), int(high or low, 16)))
            except ValueError:  # not a range: no character set to add
                continue
    starts: list[int] = []
    ends: list[int] = []
    for first, last in sorted(ranges):
        if ends and first <= ends[-1] + 1:
            ends[-1] = max(ends[-1], last)
        else:
            starts.append(first)
            ends.append(last)
    return starts, ends
