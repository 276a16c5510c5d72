"""Rich Text's paragraph marks, page breaks and pictures as its writers mean them, where
pandoc reads them otherwise. TextEdit (macOS's word processor, and every Cocoa program's
RTF) ends each paragraph with a backslash before the line's end, which the RTF
specification makes a `\\par`; pandoc read a line break, so a whole TextEdit file was one
paragraph. A page break (`\\page`, Word's and TextEdit's) pandoc dropped, running the words
either side of it together ("ThreeFour"): it becomes a paragraph holding `\\newpage`, the
mark publisher prints as a page break (`pandoc.page_breaks`), as a Word file's is
(`page_breaks`). A picture in a TextEdit document makes it a package (`Rally.rtfd/`: the
text in `TXT.rtf`, each picture a file beside it, named by `\\NeXTGraphic`), which pandoc
printed as the picture's file name: it is the picture, beside its text. A control word
ends at the first character that is no letter or digit, and only a space ending it is
part of it; pandoc takes any such character as part of it: after WordPad's `\\u1606?` (a
letter by its number, and "?" to stand in for it) it skipped the character after the "?"
too, and after `\\b0,` the comma. A space ends each such word here, as pandoc reads it.
Word's tracked changes, saved as RTF, pandoc published as typed, a deletion (`\\deleted`)
struck through: deleted words are hidden text (`\\v`) here, which pandoc leaves out, as
it accepts a .docx's changes."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .rtf_code_pages import letters_decoded

# A control symbol or word: after a backslash that is not itself escaped (`\\` is one)
_UNESCAPED = r"(?<!\\)((?:\\\\)*)\\"
_PARAGRAPH_END = re.compile(_UNESCAPED + r"(?:\r\n|\n|\r)")
# \page alone: not \pagebb (a paragraph's "page break before", also in style definitions)
_PAGE = re.compile(_UNESCAPED + r"page(?![A-Za-z])(?:-?\d+)? ?")
# A control word (letters, then maybe a number) ended by a character pandoc would swallow:
# none of a space or line's end, a letter or digit, a brace, a backslash, a number to come
_UNDELIMITED_WORD = re.compile(_UNESCAPED + r"([A-Za-z]+(?:-?\d+)?)(?=[^A-Za-z0-9\s{}\\])(?!-\d)")
# TextEdit's picture: its file's name, its size, then the attachment character (¬)
_PICTURE = re.compile(
    r"\{\{\\NeXTGraphic (?P<name>[^{}]+?) \\width[^{}]*\}(?:\\'ac|\xac|\\uc0\\u65532 ?)?\}"
)
# Word's mark of a tracked deletion, and of its end (`\\deleted0`)
_DELETED = re.compile(_UNESCAPED + r"deleted(?![A-Za-z])(-?\d+)? ?")
# A tracked change's marks, a deletion's or an insertion's, not their ends
_CHANGE = re.compile(_UNESCAPED + r"(?:deleted|revised)(?![A-Za-z])(?!0)")
_HEX = re.compile(r"\\'([0-9a-fA-F]{2})")
_PLACED = re.compile(r"PUBLISHERPICTURE(\d+)X")  # where a picture stands, in pandoc's HTML


@dataclass(frozen=True)
class MarkedRtf:
    source: str | Path  # what pandoc is to read: the file, or its text with the marks made
    page_breaks: bool  # whether it has any
    pictures: tuple[str, ...] = ()  # TextEdit's pictures' file names, in order
    unread_code_page: int | None = None  # its letters' of several bytes each, if so
    tracked_changes: bool = False  # whether Word's tracked changes are in it


def rtf_marked(path: Path) -> MarkedRtf:
    """The RTF file `path` with each mark made what pandoc reads as meant, a picture as a
    word to put it in place of (`pictures_placed`), each letter written as a byte of a
    code page pandoc does not read written out (`letters_decoded`); the file itself when
    it has none. Text that is not UTF-8 is read as Latin-1, as pandoc reads it."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    written = text
    pictures: list[str] = []

    def placeholder(found: re.Match[str]) -> str:
        name = _HEX.sub(lambda m: bytes.fromhex(m[1]).decode("cp1252", "replace"), found["name"])
        pictures.append(name.strip())
        return f" PUBLISHERPICTURE{len(pictures) - 1}X "

    text = _PICTURE.sub(placeholder, text)
    changes = _CHANGE.search(text) is not None
    text = _DELETED.sub(r"\1\\v\2 ", text)
    text = _PARAGRAPH_END.sub(r"\1\\par\n", text)
    text, pages = _PAGE.subn(r"\1\\par \\\\newpage\\par ", text)
    text, unread = letters_decoded(text)
    text = _UNDELIMITED_WORD.sub(r"\1\\\2 ", text)
    if text == written:
        return MarkedRtf(path, False, unread_code_page=unread, tracked_changes=changes)
    return MarkedRtf(text, pages > 0, tuple(pictures), unread, changes)


def pictures_placed(body: str, pictures: tuple[str, ...]) -> str:
    """`body` with each picture where its word stands, its file beside the text."""
    if not pictures:
        return body

    def picture(found: re.Match[str]) -> str:
        source = html.escape(quote(pictures[int(found[1])]))
        return f'<img src="{source}" alt="">'

    return _PLACED.sub(picture, body)
