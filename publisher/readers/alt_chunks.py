"""A Word file's text kept in another format inside it (`w:altChunk`): read where it stands.

A web page's "Export to Word" (html-docx-js, and the editors and CMSs built on it) and
programs that assemble documents from HTML write a Word file whose text is one web page
(or a saved page, `.mht`) inside the file, which Word shows as its text. pandoc leaves
such a part out, silently: the file was read as empty, its title the file's name. Here
each part is marked where it stands in the copy `office_copy` makes for pandoc
(`chunks_marked`), and the marks are replaced by the part's text read as a web page's
(`chunks_read`). A part in another format (RTF, another Word file) is named as left out.
"""

from __future__ import annotations

import email
import email.policy
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from ..mhtml import page_part
from ..textfiles import decoded
from ..tree_edits import drop_keeping_tail
from .word_xml import W

if TYPE_CHECKING:
    from lxml.etree import _Element

MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"altChunk",)}
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELATIONSHIPS = "word/_rels/document.xml.rels"
# the mark standing for a part in pandoc's HTML: words pandoc leaves as they are
_MARK = "PUBLISHER-ALT-CHUNK-{}"
_MARKED = re.compile(r"(?:<p>)?PUBLISHER-ALT-CHUNK-([\w.-]+)(?:</p>)?")  # (a cell: no <p>)
_PAGES = (".htm", ".html", ".xhtml")
_SAVED_PAGES = (".mht", ".mhtml")


def chunks_marked(root: _Element, kind: str) -> int:
    """Each `w:altChunk` of `root` (a Word file's text) made a paragraph holding its mark;
    how many were."""
    marked = 0
    for chunk in list(root.iter(f"{{{W}}}altChunk")):
        paragraph = chunk.makeelement(f"{{{W}}}p", {})
        run = paragraph.makeelement(f"{{{W}}}r", {})
        text = run.makeelement(f"{{{W}}}t", {})
        text.text = _MARK.format(_safe(chunk.get(f"{{{_R}}}id", "")))
        run.append(text)
        paragraph.append(run)
        chunk.addprevious(paragraph)
        drop_keeping_tail(chunk)
        marked += 1
    return marked


def chunks_read(path: Path, body: str, read_page: Callable[[str], str]) -> tuple[str, list[str]]:
    """`body` (pandoc's HTML of the Word file `path`) with each part's mark replaced by its
    text (`read_page`: a web page's HTML → the body pandoc makes of it); and what to say of
    each part left out."""
    parts = _parts(path, set(_MARKED.findall(body)))
    said: list[str] = []

    def text_of(mark: re.Match[str]) -> str:
        name, data = parts.get(mark[1], ("", None))
        if data is None:
            said.append(f"a part of its text ({name or mark[1]}) is not in the file: left out")
            return ""
        suffix = posixpath.splitext(name)[1].lower()
        if suffix in _PAGES:
            return read_page(decoded(data, path, page=True))
        if suffix in _SAVED_PAGES and (page := _page_of(data)) is not None:
            return read_page(page)
        said.append(
            f"a part of its text kept as {posixpath.basename(name)!r}, which publisher cannot"
            " read, is left out: open the file in Word and save it again (File > Save As,"
            " Word Document) to make it Word's own text"
        )
        return ""

    return _MARKED.sub(text_of, body), said


def _parts(path: Path, wanted: set[str]) -> dict[str, tuple[str, bytes | None]]:
    """Each `wanted` relationship id of the file's text → its part's name and bytes (None
    for a part not in the file); the file's other parts (its pictures) are not read."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as docx:
            names = set(docx.namelist())
            if _RELATIONSHIPS not in names:
                return {}
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
            relationships = etree.fromstring(docx.read(_RELATIONSHIPS), parser)
            found: dict[str, tuple[str, bytes | None]] = {}
            for relationship in relationships.iter(f"{_PACKAGE}Relationship"):
                if (identifier := _safe(relationship.get("Id", ""))) not in wanted:
                    continue
                target = relationship.get("Target", "")
                name = posixpath.normpath(
                    target[1:] if target.startswith("/") else posixpath.join("word", target)
                )
                data = docx.read(name) if name in names else None
                found[identifier] = (name, data)
            return found
    except (KeyError, OSError, EOFError, zlib.error, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}


def _page_of(data: bytes) -> str | None:
    """The web page a saved page (MHTML: a mail message of the page and its pictures)
    holds, as text; None when it holds none."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    page = page_part(message) if isinstance(message, EmailMessage) else None
    content = page.get_content() if page is not None else None
    return content if isinstance(content, str) else None


def _safe(identifier: str) -> str:
    """A relationship id as its mark holds it: letters, digits, dots and dashes."""
    return re.sub(r"[^\w.-]", "_", identifier)
