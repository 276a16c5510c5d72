"""Rich Text's letters written as bytes (`\\'c8`) in the code page they were typed in.
pandoc reads every such byte as Windows' Western code page (1252), only warning of any
other the file names (`\\ansicpg1256`): an Arabic file saved on Arabic Windows came out
"ÈíÇä", as did, without a warning, Arabic typed in an Arabic font on Western Windows
(the font names its character set: `\\fcharset178`). Each such byte becomes the letter it
is, written out, which pandoc reads as it is, and skips as it would the byte when it
stands in for a letter written by number (`\\u1576\\'c8`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Windows' character sets (\fcharsetN) and the code page each writes its letters in; only
# code pages of one byte a letter, so each byte stays one character to skip
CHARSET_CODE_PAGES = {
    161: 1253,  # Greek
    162: 1254,  # Turkish
    163: 1258,  # Vietnamese
    177: 1255,  # Hebrew
    178: 1256,  # Arabic
    186: 1257,  # Baltic
    204: 1251,  # Cyrillic
    222: 874,  # Thai
    238: 1250,  # Central European
}
_ONE_BYTE = {874, *range(1250, 1259)}
_WESTERN = 1252  # what pandoc reads
_DOCUMENTS_OWN = (0, 1)  # \fcharset0 (ANSI) and 1 (default): the file's \ansicpg

# A byte, a control word (its number, the space ending it), a control symbol, or a brace
_TOKEN = re.compile(r"\\'([0-9a-fA-F]{2})|\\([A-Za-z]+)(-?\d+)? ?|\\.|[{}]", re.DOTALL)


@dataclass
class _Group:
    font: int | None = None
    font_table: bool = False


@dataclass
class _Reading:
    code_page: int = _WESTERN
    default_font: int | None = None
    charsets: dict[int, int] = field(default_factory=dict)  # font → its \fcharset


def letters_decoded(text: str) -> tuple[str, int | None]:
    """`text`, an RTF file's, with each byte above ASCII in any code page but Western
    written as its letter; and the file's code page if it is one of several bytes a
    letter, whose letters are left to pandoc (which cannot read them)."""
    reading = _Reading()
    groups = [_Group()]
    pieces: list[str] = []
    start = 0
    position = 0
    while found := _TOKEN.search(text, position):
        position = found.end()
        group = groups[-1]
        byte, word, number = found.group(1), found.group(2), found.group(3)
        if byte:
            letter = _letter(int(byte, 16), reading, group.font)
            if letter:
                pieces += [text[start : found.start()], letter]
                start = position
        elif found[0] == "{":
            groups.append(_Group(group.font, group.font_table))
        elif found[0] == "}":
            if len(groups) > 1:
                groups.pop()
        elif word == "bin" and number:  # binary data: no bytes of it are letters
            position += max(int(number), 0)
        elif word and number is not None:
            _control_word_read(word, int(number), reading, group)
        elif word in ("fonttbl", "plain"):
            group.font_table = group.font_table or word == "fonttbl"
            group.font = reading.default_font if word == "plain" else group.font
    unread = reading.code_page if reading.code_page not in _ONE_BYTE else None
    return "".join([*pieces, text[start:]]), unread


def _control_word_read(word: str, number: int, reading: _Reading, group: _Group) -> None:
    """What a control word with a number says of the code page letters are in."""
    if word == "ansicpg":
        reading.code_page = number
    elif word == "deff":
        reading.default_font = group.font = number
    elif word == "f":
        group.font = number
    elif word == "fcharset" and group.font_table and group.font is not None:
        reading.charsets[group.font] = number


def _letter(byte: int, reading: _Reading, font: int | None) -> str:
    """The letter `byte` is in `font`, "" where pandoc reads it right or none can."""
    if byte < 0x80:
        return ""
    charset = reading.charsets.get(font, 0) if font is not None else 0
    if charset in _DOCUMENTS_OWN:
        code_page = reading.code_page
    else:
        code_page = CHARSET_CODE_PAGES.get(charset, _WESTERN)  # a symbol font's: as it is
    if code_page == _WESTERN or code_page not in _ONE_BYTE:
        return ""
    try:
        return bytes([byte]).decode(f"cp{code_page}")
    except UnicodeDecodeError:  # a byte the code page leaves unused
        return ""
