"""The titles an editor may know a document by, read without pandoc: what the manifest's
hint offers when a document is named by its title rather than its file (pool.py).

Read only when a name found no document, and cheaply: a Markdown file's front matter; a
plain text's first line, as a text pasted from a blog opens with its title; a Word or
OpenDocument file's title property and its first paragraph; a web page's first <h1>
and its <title> (which often adds the site's name). Nothing here raises for a damaged
file: it has no title to offer.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from .readers.pandoc_formats import DocxReader, HtmlReader, OdtReader
from .readers.text import TextReader
from .sanitize import plain_text
from .textfiles import beginning

# A first line or paragraph is a title when it is no longer than a title runs.
TITLE_WORDS = 20
_TEXT_BYTES = 4096  # of a plain text: its first line is in them
_PAGE_BYTES = 65536  # of a web page: its <title> and first <h1> are in them
_PART_BYTES = 1 << 20  # of a Word or OpenDocument file's part, at most, inflated
_TITLE_ELEMENT = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def known_titles(path: Path, language: str) -> list[str]:
    """The titles `path` may be known by (none for a file that cannot be read)."""
    suffix = path.suffix.lower()
    try:
        if suffix in TextReader.extensions:
            found = [_first_line(beginning(path, _TEXT_BYTES))]
        elif suffix in HtmlReader.extensions:
            page = beginning(path, _PAGE_BYTES)
            found = [plain_text(m[1]) for m in (_H1.search(page), _TITLE_ELEMENT.search(page)) if m]
        elif suffix in DocxReader.extensions:
            found = [
                *_office(path, "docProps/core.xml", "title"),
                *_office(path, "word/document.xml", f"{_W}p"),
            ]
        elif suffix in OdtReader.extensions:
            found = [
                *_office(path, "meta.xml", "title"),
                *_office(path, "content.xml", f"{_TEXT_NS}h", f"{_TEXT_NS}p"),
            ]
        else:
            from .readers.markdown import front_matter_fields

            title = front_matter_fields(path, language)[0].get("title")
            found = [title] if isinstance(title, str) else []
    # a damaged zip, its data (zlib), an encrypted or unknown compression, or its XML
    except (
        OSError,
        EOFError,
        RuntimeError,
        zlib.error,
        zipfile.BadZipFile,
        ParseError,
        ValueError,
    ):
        return []
    return [title for title in found if title and len(title.split()) <= TITLE_WORDS]


def _first_line(text: str) -> str:
    """The first line with words, as a title is read: its markup (<strong>) off."""
    return plain_text(next((line for line in text.splitlines() if line.strip()), ""))


def _office(path: Path, part: str, *tags: str) -> Iterator[str]:
    """The text of the first element of `part` that is one of `tags` (matched by their
    local name when they have no namespace: dc:title) and holds text."""
    with zipfile.ZipFile(path) as archive:
        try:
            info = archive.getinfo(part)
        except KeyError:  # a file without properties
            return
        if info.file_size > _PART_BYTES:
            return
        with archive.open(info) as xml:
            for _, element in iterparse(xml):
                named = element.tag in tags or element.tag.rpartition("}")[2] in tags
                if named and (words := " ".join("".join(element.itertext()).split())):
                    yield words
                    return
