"""Rich Text's paragraph and page marks as its writers mean them, where pandoc reads them
otherwise. TextEdit (macOS's word processor, and every Cocoa program's RTF) ends each
paragraph with a backslash before the line's end, which the RTF specification makes a
`\\par`; pandoc read a line break, so a whole TextEdit file was one paragraph. A page break
(`\\page`, Word's and TextEdit's) pandoc dropped, running the words either side of it
together ("ThreeFour"): it becomes a paragraph holding `\\newpage`, the mark publisher
prints as a page break (`pandoc.page_breaks`), as a Word file's is (`page_breaks`)."""

from __future__ import annotations

import re
from pathlib import Path

# A control symbol or word: after a backslash that is not itself escaped (`\\` is one)
_UNESCAPED = r"(?<!\\)((?:\\\\)*)\\"
_PARAGRAPH_END = re.compile(_UNESCAPED + r"(?:\r\n|\n|\r)")
# \page alone: not \pagebb (a paragraph's "page break before", also in style definitions)
_PAGE = re.compile(_UNESCAPED + r"page(?![A-Za-z])(?:-?\d+)? ?")


def rtf_marked(path: Path) -> tuple[str | Path, bool]:
    """What pandoc is to read for the RTF file `path`: the file itself when it has neither
    mark, else its text with each made what pandoc reads as meant; and whether it has a
    page break. Text that is not UTF-8 is read as Latin-1, as pandoc reads it."""
    data = path.read_bytes()
    if not (b"\\\n" in data or b"\\\r" in data or b"\\page" in data):
        return path, False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    text = _PARAGRAPH_END.sub(r"\1\\par\n", text)
    text, pages = _PAGE.subn(r"\1\\par \\\\newpage\\par ", text)
    return text, pages > 0
