"""Text files as editors' programs save them → the text they hold, or a clear refusal.

UTF-8, with or without a BOM, is read as it is. UTF-16 and UTF-32 with a BOM are read too:
the BOM says which they are, and Word's and Excel's "Unicode Text" and Notepad's "UTF-16"
save so. Any other bytes would be a guess (Windows-1252? Latin-1? Mac Roman?), and a wrong
guess garbles every accented letter of what is published and mailed, which cannot be
called back: such a file is refused, naming the line and column of its first byte that is
not UTF-8, with how to save it as UTF-8. UTF-16 without a BOM is refused by that name: its
NULs say what it is, though in Arabic, Cyrillic, Greek or Hebrew it may be valid UTF-8. (`publisher import` does guess, with
charset-normalizer: what it writes is for the editor to review, not yet published.) A file
whose first bytes say it is a Word file, an OpenDocument text, a PDF or a zip (renamed .md,
or sent so) is refused as what it is, with the name to give it.

A web page is read as browsers read it: one that is not UTF-8 in the encoding its
`<meta charset>` declares (a page saved from a browser or from Word keeps it).
"""

from __future__ import annotations

import bisect
import codecs
import functools
import html
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

from .errors import PublisherError

# Byte order marks and the codec each means; UTF-32 LE's begins with UTF-16 LE's: longest first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

SAVE_AS_UTF8 = (
    "save it as UTF-8 (Notepad: File > Save as, Encoding: UTF-8; Word: Save as Plain Text,"
    " then Unicode (UTF-8))"
)


def read_text(path: Path, hint: str = SAVE_AS_UTF8) -> str:
    """The text of the file at `path` with LF line ends (see the module's docstring)."""
    return decoded(path.read_bytes(), path, hint)


def written_text(source: Path) -> str:
    """A text document as written, for the lines of its warnings ("" for one that is no
    text, or cannot be read)."""
    if source.suffix.lower() not in (".md", ".markdown", ".txt", ".html", ".htm", ".yaml", ".yml"):
        return ""
    try:
        return read_text(source)
    except (OSError, PublisherError):
        return ""


def line_of(text: str, value: str, *, last: bool = False, start: int = 1) -> int | None:
    """The first (or `last`) line of `text` from its line `start` holding `value` as
    written, or URL-quoted or HTML-escaped as a link may be (for a warning: the document's
    HTML knows no lines)."""
    if (begin := _line_start(text, start)) is None:  # past the text's end
        return None
    find = text.rfind if last else text.find
    for written in dict.fromkeys((value, unquote(value), html.escape(value))):
        if written and (at := find(written, begin)) >= 0:
            return line_at(text, at)
    return None


def line_at(text: str, offset: int) -> int:
    """The line of `text` that character `offset` is on, counting from 1."""
    return bisect.bisect_right(_line_starts(text), offset)


def _line_start(text: str, line: int) -> int | None:
    """Where line `line` of `text` starts; None past its end."""
    starts = _line_starts(text)
    return starts[line - 1] if line <= len(starts) else None


@functools.lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    """Where each line of `text` starts: a document's warnings look up a line for each
    heading, link or picture, and counting lines from the text's start each time took as
    the square of their number (20,000 headings: 11 s)."""
    return [0, *(end.end() for end in re.finditer("\n", text))]


# An address written as a picture's: Markdown's ![…](x) and ![…](<x>), HTML's src="x",
# Obsidian's ![[x]]
_AS_PICTURE = r"""(?:!\[[^\]\n]*\]\(\s*<?|<img\b[^>]*?\bsrc\s*=\s*["']?|!\[\[)({})"""
# An address written whole, not as part of another ("x" of "xss", "/a.png" of "file:///a.png"),
# or after a template's value ({{ site.baseurl }}/a.png)
_WHOLE = r"""(?<![^\s(<"'=\[}])({})"""
_ENDED = r"""(?![^\s)>"'\]|])"""


def line_of_picture(text: str, address: str, *, start: int = 1) -> int | None:
    """The first line of `text` from its line `start` where a picture's `address` is
    written as a picture's (`line_of` finds it inside a title or another address), else
    written whole, as a reference's definition is; as written, URL-quoted or HTML-escaped."""
    if (begin := _line_start(text, start)) is None:  # past the text's end
        return None
    for shape in (_AS_PICTURE, _WHOLE):
        for written in dict.fromkeys((address, unquote(address), html.escape(address))):
            pattern = re.compile(shape.replace("{}", re.escape(written)) + _ENDED)
            if written and (found := pattern.search(text, begin)):
                return line_at(text, found.start(1))
    return None


def where(source: Path, line: int | None) -> str:
    """A warning's place: the file and the line, when it is known ("notes.md:7")."""
    return f"{source}:{line}" if line else str(source)


def beginning(path: Path, size: int) -> str:
    """The text of about the first `size` bytes of the file at `path`, as far as it decodes."""
    with path.open("rb") as handle:
        data = handle.read(size)
    return data.decode(_codec(data), "replace")


def bom_codec(data: bytes) -> str | None:
    """The codec the byte order mark `data` begins with names; None when it has none."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _codec(data: bytes) -> str:
    return bom_codec(data) or "utf-8"


def decoded(data: bytes, path: Path, hint: str = SAVE_AS_UTF8, *, page: bool = False) -> str:
    """`data`, the bytes of the file at `path`, as text with LF line ends. `page`: the
    file is a web page, which may declare its encoding."""
    if found := not_text(data):
        kind, suffix, then = found
        raise PublisherError.at(
            f"{kind}, named {path.suffix}", path, hint=f"rename it {path.stem}{suffix}{then}"
        )
    codec = _codec(data)
    if codec == "utf-8" and (order := _utf16_byte_order(data)):
        raise PublisherError.at(
            f"not UTF-8 text: UTF-16 ({order}) saved without a byte order mark", path, hint=hint
        )
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        declared = _declared_encoding(data) if page and codec == "utf-8" else None
        if declared is None:
            raise _refusal(data, exc, codec, path, hint) from None
        try:
            text = data.decode(declared)
        except UnicodeDecodeError as again:
            line, column = _place(data, again.start)
            raise PublisherError.at(
                f"not {declared} text, though its <meta charset> says so: byte"
                f" 0x{data[again.start]:02X} at column {column}",
                path,
                line,
                hint,
            ) from None
    # Windows ends lines with CR LF; classic Mac OS, and Word's "Save as Plain Text" when
    # told "CR only", with CR alone (read as one line, the front matter was not found)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# What a web page's source opens with (after a byte order mark or blank lines)
_WEB_PAGE = re.compile(r"[\ufeff\s]*<(?:!doctype\s+html\b|html\b)", re.IGNORECASE)


def is_web_page_source(text: str) -> bool:
    """Whether `text` is a web page's source, saved or pasted as text: it is read as the
    page it is, by the build and by `publisher import`, not as lines of text."""
    return _WEB_PAGE.match(text) is not None


def not_text(data: bytes) -> tuple[str, str, str] | None:
    """What a file no text is by its first bytes, whatever its name says: a phrase, the
    suffix to give it, and what to do then; None for text. A Word file renamed .md (or sent
    so) was refused as text in another encoding, to be saved as UTF-8 from Notepad."""
    if data.startswith(b"%PDF-"):
        return "a PDF", ".pdf", ", then make a document of its text with 'publisher import'"
    if data.startswith(OLE):
        return "a Word 97-2003 document", ".doc", ", then save it as .docx from Word or LibreOffice"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            kind = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        names, kind = set(), b""
    if "word/document.xml" in names:
        return "a Word document", ".docx", ""
    if kind.startswith(b"application/vnd.oasis.opendocument.text"):
        return "an OpenDocument text", ".odt", ""
    return "a zip archive", ".zip", ", then unzip it"


# An OLE compound file's opening: what Word 97-2003 saves (and a password-protected DOCX)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# The HTML standard's prescan, simplified: a charset in the first 1,024 bytes.
_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)


def _utf16_byte_order(data: bytes) -> str | None:
    """The byte order of `data` if it is UTF-16 saved without its BOM, else None. There each
    character of the ASCII range (a space, a line end, front matter's keys) is its byte and
    a NUL, so NULs are many and on one side of each pair; UTF-8 text holds a stray one at
    most. Read as UTF-8, UTF-16 of Arabic, Cyrillic, Greek or Hebrew letters (no byte over
    0x7F) passed for text with control characters in it, and was published garbled."""
    sample = data[:4096]
    little, big = sample[1::2].count(0), sample[0::2].count(0)
    if little + big <= len(sample) // 16:
        return None
    if little >= 9 * big:
        return "little-endian"
    if big >= 9 * little:
        return "big-endian"
    return None  # NULs everywhere: UTF-32, or no text; read as it always was


def _place(data: bytes, index: int) -> tuple[int, int]:
    """Where byte `index` is, as an editor finds it: its line, and its column counted in
    characters (those before it on its line taken as UTF-8)."""
    start = data.rfind(b"\n", 0, index) + 1
    column = len(data[start:index].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, index) + 1, column


def _declared_encoding(data: bytes) -> str | None:
    """The codec of the encoding a page's <meta> declares, as browsers take it (the
    WHATWG Encoding standard reads "ISO-8859-1" and "ASCII" as Windows-1252), if Python
    knows it."""
    found = _META_CHARSET.search(data[:1024])
    if not found:
        return None
    try:
        codec = codecs.lookup(found.group(1).decode("ascii"))
    except LookupError:
        return None
    if not getattr(codec, "_is_text_encoding", True):  # "base64", "zlib": what bytes.decode refuses
        return None
    return "cp1252" if codec.name in ("iso8859-1", "latin-1", "ascii") else codec.name


def _refusal(
    data: bytes, exc: UnicodeDecodeError, codec: str, path: Path, hint: str
) -> PublisherError:
    if codec != "utf-8":  # a BOM, then bytes that do not follow it
        what = codec.removesuffix("-sig").upper()
        return PublisherError.at(
            f"not {what} text, though it begins as {what} does (bad bytes at offset {exc.start})",
            path,
            hint="save it again as UTF-8 from the program that made it",
        )
    line, column = _place(data, exc.start)
    return PublisherError.at(
        f"not UTF-8 text: byte 0x{data[exc.start]:02X} at column {column} (the file was"
        " saved in another encoding, such as Windows-1252)",
        path,
        line,
        hint,
    )
