"""Markdown with YAML front matter → HTML via pandoc's Markdown reader."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from .. import pandoc
from ..errors import PublisherError
from ..sourcefile import parse_yaml
from .base import RawDocument


class MarkdownReader:
    extensions: ClassVar[tuple[str, ...]] = (".md", ".markdown")

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        text = read_utf8(path)
        front, body = split_front_matter(text, path)
        meta_source = parse_yaml(front[0], path, first_line=front[1]) if front else None
        html = pandoc.markdown_to_html(body, id_prefix=id_prefix)
        return RawDocument(meta_source.data if meta_source else {}, html, meta_source)


def read_utf8(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise PublisherError.at(
            f"not UTF-8 text (bad byte at offset {exc.start})",
            path,
            hint="save the file as UTF-8, or bring it in with 'publisher import'",
        ) from None


def split_front_matter(text: str, path: Path) -> tuple[tuple[str, int] | None, str]:
    """Return ((yaml, first line number), body) or (None, text) when there is no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return ("\n".join(lines[1:index]), 2), "\n".join(lines[index + 1 :])
    raise PublisherError.at(
        "front matter starts with '---' but never ends",
        path,
        1,
        hint="close the metadata block with a line holding only '---'",
    )
