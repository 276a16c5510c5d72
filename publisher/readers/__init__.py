"""Read: one reader per input kind, all producing the same sanitised Document.

A reader turns a file into raw metadata and HTML (through pandoc); `read_document`
validates the metadata and passes the body through the one sanitising policy.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..resources import confine_images
from ..sanitize import clean_html
from .base import RawDocument, Reader
from .markdown import MarkdownReader
from .metadata import document_fields
from .pandoc_formats import DocxReader, HtmlReader, OdtReader
from .text import TextReader

READERS: tuple[Reader, ...] = (
    MarkdownReader(),
    HtmlReader(),
    DocxReader(),
    OdtReader(),
    TextReader(),
)
EXTENSIONS: dict[str, Reader] = {ext: r for r in READERS for ext in r.extensions}

__all__ = ["EXTENSIONS", "READERS", "RawDocument", "Reader", "fallback_title", "read_document"]


def read_document(
    path: Path, slug: str, pool: Path, default_language: str, reader: Reader | None = None
) -> Document:
    raw = (reader or EXTENSIONS[path.suffix.lower()]).read(path, id_prefix=f"{slug}-")
    fields = document_fields(raw.meta, path, raw.meta_source, default_language)
    fields["title"] = fields["title"] or fallback_title(path)
    body, images = confine_images(clean_html(raw.body_html), pool, path)
    return Document(slug=slug, body_html=body, source=path, images=images, **fields)


def fallback_title(path: Path) -> str:
    """The title of a document that names none: its file name, made readable."""
    return path.stem.replace("-", " ").replace("_", " ").capitalize()
