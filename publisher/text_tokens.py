"""An HTML body's tags and texts in order, each text with the language it is in and
whether it is code: what the passes that set a document's typography (quotation marks,
French's spaces, dashes, tied words) walk, changing text and never tags."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)")
_LANG = re.compile(r'\slang="([^"]*)"')
_VERBATIM = {"code", "pre", "kbd", "samp", "var"}
_VOID = {"br", "hr", "img", "wbr", "col", "input", "source"}
_BLOCKS = {
    "p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "blockquote", "div",
    "section", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary", "ul", "ol",
    "table", "tr", "figure", "br", "hr",
}  # fmt: skip


@dataclass(frozen=True)
class Token:
    """A tag or a text of a sanitised body, as written; a text with the language it is in."""

    written: str
    language: str | None = None  # a text's: its nearest `lang`, else the body's; None: a tag
    verbatim: bool = False  # a text in code
    block: bool = False  # a tag that starts or ends a block


def tokens(body: str, language: str) -> Iterator[Token]:
    """The tags and texts of `body` (sanitised HTML, or an XHTML body), in order, each text
    with the language it is in."""
    elements: list[tuple[str, str | None]] = []  # open tags and the lang each sets
    for match in _TOKEN.finditer(body):
        closing, tag, attributes, text = match.groups()
        if text is not None:
            here = next((lang for _, lang in reversed(elements) if lang), language)
            verbatim = any(tag in _VERBATIM for tag, _ in elements)
            yield Token(text, here, verbatim)
            continue
        tag = tag.lower()
        yield Token(match.group(0), block=tag in _BLOCKS)
        if tag in _VOID:
            continue
        if closing:
            while elements and elements.pop()[0] != tag:
                pass
        else:
            lang = _LANG.search(attributes)
            elements.append((tag, lang.group(1) if lang else None))
