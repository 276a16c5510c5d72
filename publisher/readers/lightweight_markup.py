r"""reStructuredText (Pelican's and Sphinx's posts), Org (Emacs), AsciiDoc (Antora's
handbooks) and LaTeX (a report written in Overleaf) documents → HTML via pandoc, with
their metadata as those tools write it.

A Pelican site's posts are often .rst: a title over a field list (`:date:`, `:tags:`,
`:authors:`, `:summary:`), which pandoc reads as the document's metadata; Pelican splits
`:authors:` at commas, as it is done here. An Org file says `#+TITLE:`, `#+AUTHOR:`,
`#+DATE: <2026-03-05 Thu>` (a timestamp, read as its day) and `#+FILETAGS: :a:b:` (tags,
which pandoc leaves out). AsciiDoc's header gives `= Title`, an author line and
`:revdate:`; LaTeX's preamble `\title{}`, `\author{A \and B}` and `\date{}`.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import ClassVar

from .. import pandoc
from ..textfiles import line_at
from .base import RawDocument
from .markdown import document_text

log = logging.getLogger(__name__)


class RstReader:
    extensions: ClassVar[tuple[str, ...]] = (".rst",)

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        text = document_text(path)
        _say_includes(_RST_INCLUDE, text, path)
        converted = pandoc.to_html(text, "rst", id_prefix=id_prefix)
        meta = dict(converted.meta)  # (values as HTML, as every reader's: metadata.py reads them)
        if isinstance(authors := meta.get("author"), list | str):
            listed = authors if isinstance(authors, list) else [authors]
            meta["author"] = [n.strip() for a in listed for n in re.split(r"[,;]", a) if n.strip()]
        return RawDocument(meta, converted.body_html)


class OrgReader:
    extensions: ClassVar[tuple[str, ...]] = (".org",)

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        text = document_text(path)
        _say_includes(_ORG_INCLUDE, text, path)
        converted = pandoc.to_html(text, "org", id_prefix=id_prefix)
        meta = dict(converted.meta)
        date = html.unescape(str(meta.get("date", "")))
        if day := _ORG_TIMESTAMP.match(date):
            meta["date"] = day.group(1)
        if tags := _FILETAGS.search(text):
            meta["tags"] = [tag for tag in tags.group(1).split(":") if tag.strip()]
        return RawDocument(meta, converted.body_html)


class AsciidocReader:
    extensions: ClassVar[tuple[str, ...]] = (".adoc", ".asciidoc")

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        text = document_text(path)
        _say_includes(_ASCIIDOC_INCLUDE, text, path)
        text = _ASCIIDOC_INCLUDE.sub("", text)  # pandoc would stop at the missing file
        converted = pandoc.to_html(text, "asciidoc", id_prefix=id_prefix)
        meta = dict(converted.meta)
        if "date" not in meta and "revdate" in meta:  # the header's `v1.0, 2026-03-05`
            meta["date"] = meta.pop("revdate")
        return RawDocument(meta, converted.body_html)


class LatexReader:
    extensions: ClassVar[tuple[str, ...]] = (".tex",)

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        text = document_text(path)
        _say_includes(_LATEX_INCLUDE, text, path)
        text = _LATEX_INCLUDE.sub("", text)  # pandoc would look for the file
        converted = pandoc.to_html(text, "latex", id_prefix=id_prefix)
        return RawDocument(dict(converted.meta), converted.body_html)


# <2026-03-05 Thu>, [2026-03-05 Thu 10:20]: an active or inactive timestamp
_ORG_TIMESTAMP = re.compile(r"^[<\[](\d{4}-\d{2}-\d{2})(?:\s[^>\]]*)?[>\]]$")
_FILETAGS = re.compile(r"^#\+FILETAGS:\s*(\S+)\s*$", re.IGNORECASE | re.MULTILINE)


# Another file's text taken in where the directive stands (Sphinx's shared snippets):
# pandoc runs sandboxed, reading no file but the document, and leaves the directive out
_RST_INCLUDE = re.compile(r"^[ \t]*\.\.\s+(?:literal)?include::\s*(\S.*?)\s*$", re.MULTILINE)
_ORG_INCLUDE = re.compile(r"^[ \t]*#\+INCLUDE:\s*(\S.*?)\s*$", re.IGNORECASE | re.MULTILINE)
_ASCIIDOC_INCLUDE = re.compile(r"^include::([^\[\n]+)\[[^\]\n]*\][ \t]*$", re.MULTILINE)
_LATEX_INCLUDE = re.compile(r"\\(?:input|include|subfile)\{([^}\n]+)\}")


def _say_includes(pattern: re.Pattern[str], text: str, path: Path) -> None:
    for found in pattern.finditer(text):
        log.warning(
            "%s:%d: %s left out: a document is read alone, never a file it names; put that"
            " file's text in the document",
            path,
            line_at(text, found.start()),
            found.group(1).strip('"'),
        )
