"""HTML, DOCX and ODT files → HTML via pandoc, with metadata from the file's own properties."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from .. import pandoc
from .base import RawDocument


class HtmlReader:
    extensions: ClassVar[tuple[str, ...]] = (".html", ".htm")

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        converted = pandoc.to_html(path, "html", id_prefix=id_prefix)
        return RawDocument(converted.meta, converted.body_html)


class OfficeReader:
    extensions: ClassVar[tuple[str, ...]] = (".docx", ".odt")

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        converted = pandoc.to_html(path, path.suffix.lstrip("."), id_prefix=id_prefix)
        return RawDocument(converted.meta, converted.body_html)
