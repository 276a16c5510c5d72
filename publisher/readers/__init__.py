"""Read: one reader per input kind, all producing the same sanitised Document.

A reader turns a file into raw metadata and HTML (through pandoc); `read_document`
validates the metadata and passes the body through the one sanitising policy.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..controls import clean_value, strip_controls
from ..model import Document
from ..resources import confine_images
from ..sanitize import clean_html, plain_text
from .base import RawDocument, Reader
from .markdown import MarkdownReader
from .metadata import document_fields
from .pandoc_formats import DocxReader, HtmlReader, OdtReader
from .text import TextReader

log = logging.getLogger(__name__)
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
    path: Path,
    slug: str,
    pool: Path,
    default_language: str,
    reader: Reader | None = None,
    strict: bool = False,
    shown_as: Path | None = None,
) -> Document:
    """`strict`: refuse front matter keys publisher does not know instead of keeping them;
    `shown_as`: the name to give in messages when `path` is a working copy (import)."""
    raw = (reader or EXTENSIONS[path.suffix.lower()]).read(path, id_prefix=f"{slug}-")
    # Text formats were cleaned line by line as they were read; office files and entities
    # (&#11;) can still bring control characters in.
    meta = clean_value(raw.meta)
    body_html, removed = strip_controls(raw.body_html)
    if removed:
        log.warning(
            "%s: removed invisible control characters (%s) written as character references"
            " or kept in the file's own format",
            shown_as or path,
            removed.describe(),
        )
    fields = document_fields(meta, path, raw.meta_source, default_language, strict)
    fields["title"] = fields["title"] or fallback_title(path)
    fields["summary"] = fields["summary"] or summary_before_more(body_html)
    body, images = confine_images(clean_html(body_html), pool, path)
    return Document(slug=slug, body_html=body, source=path, images=images, **fields)


_MORE = "<!--more-->"  # Hugo's, Jekyll's and WordPress's end of the summary


def summary_before_more(body_html: str) -> str:
    """The text before a `<!--more-->` marker, which blogs use as the post's summary."""
    before, marker, _ = body_html.partition(_MORE)
    return plain_text(before) if marker else ""


def fallback_title(path: Path) -> str:
    """The title of a document that names none: its file name, made readable."""
    return path.stem.replace("-", " ").replace("_", " ").capitalize()
