"""Characters set in Windows' symbol fonts, as the symbols they show.

Outlook and Word type a smiley as "J" in Wingdings, an arrow as "à", a tick as "ü", Greek
as Latin letters in Symbol: the letter is a code in a font whose glyph there is the
symbol. A page Word or Outlook saved says so only by the font (`font-family:Wingdings`,
`mso-symbol-font-family`, `<font face>`), which publisher's outputs do not carry and
phones do not have: readers saw "Thanks for the collection J". Here the text set in
Symbol, Wingdings, Wingdings 2 and 3 or Webdings becomes the Unicode characters of those
glyphs: mammoth's table (the Unicode encoding of the fonts, proposal L2/11-052R), the
one pandoc's own applies to a .docx. A code with no symbol there is left as it was.

An OpenDocument file says the font by a style: LibreOffice keeps a Word file's symbols as
the font's code (often Word's Private Use one) in a span whose automatic style names the
font, and pandoc, reading the text alone, published "J" or an empty box.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from ..tree_edits import page_edited
from .odt_styles import FO, STYLE, StyleKey, style_of, style_properties

_FONT_NAMED = re.compile(r"wingdings|webdings|symbol", re.I)
# The fonts of the table, as a page names them (any case): the table is read only for them
_SYMBOL_FONTS = ("symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings")
_FAMILY = re.compile(r"(?:^|;)\s*(?:mso-symbol-)?font-family\s*:\s*([^;,]+)", re.I)
_PRIVATE_USE = 0xF000  # Word's code for the font's character c: U+F000 + c, as often as c
# The bytes that say an OpenDocument file's text (content.xml) may name one of the fonts
MARKS: dict[str, tuple[bytes, ...]] = {"odt": (b"Wingdings", b"Webdings", b'"Symbol"', b"'Symbol'")}
_SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"


def symbol_fonts_read(page: str) -> str:
    """`page` (HTML) with its symbol-font characters made Unicode (unchanged when it has
    none)."""
    return page_edited(page, symbols_mapped) if _FONT_NAMED.search(page) else page


def odt_symbols_mapped(root: Any, kind: str) -> int:
    """Map, in place, the text of `root` (an OpenDocument file's content.xml) set in a
    symbol font by the automatic style of its span or paragraph; how many characters
    changed. (`kind` is "odt": Word's runs pandoc maps itself.)"""
    faces = {
        face.get(f"{{{STYLE}}}name"): face.get(f"{{{_SVG}}}font-family")
        for face in root.iter(f"{{{STYLE}}}font-face")
    }
    fonts: dict[StyleKey, str] = {}
    for key, properties in style_properties(root, "text").items():
        named = properties.get(f"{{{STYLE}}}font-name")
        family = properties.get(f"{{{FO}}}font-family") or faces.get(named) or named
        if family:
            fonts[key] = _unquoted(family)

    def font_of(element: Any) -> str | None:
        key = style_of(element)
        return fonts.get(key) if key else None

    return symbols_mapped(root, font_of)


def symbols_mapped(tree: Any, font_of: Callable[[Any], str | None] | None = None) -> int:
    """Map, in place, the text under `tree` (an lxml element) set in a symbol font (an
    element's own family, by `font_of`: an HTML element's by default; else the one it
    inherits); how many characters changed. A walk with a stack, not recursion: a mail's
    HTML may nest thousands deep."""
    font_of = font_of or _font_of
    changed = 0
    stack: list[tuple[Any, str | None]] = [(tree, None)]
    while stack:
        element, inherited = stack.pop()
        font = font_of(element) or inherited
        table = _tables()[font] if font in _SYMBOL_FONTS else None
        if table and element.text:
            element.text, count = _mapped(element.text, table)
            changed += count
        for child in element:
            if table and child.tail:
                child.tail, count = _mapped(child.tail, table)
                changed += count
            stack.append((child, font))
    return changed


def _font_of(element: Any) -> str | None:
    """The font family `element` sets, in lower case; None when it sets none."""
    if not isinstance(element.tag, str):  # a comment
        return None
    named: str | None = element.get("face") if element.tag == "font" else None
    families: list[str] = _FAMILY.findall(element.get("style") or "")
    family = families[-1] if families else named
    return None if family is None else _unquoted(family)


def _unquoted(family: str) -> str:
    """A font family as CSS or OpenDocument names it ("'Wingdings 2'"), in lower case."""
    return family.strip().strip("'\"").strip().lower()


def _mapped(text: str, table: dict[int, int]) -> tuple[str, int]:
    out, changed = [], 0
    for character in text:
        code = ord(character)
        code = code - _PRIVATE_USE if _PRIVATE_USE + 0x20 <= code <= _PRIVATE_USE + 0xFF else code
        symbol = table.get(code)
        if symbol is not None and symbol != ord(character):
            out.append(chr(symbol))
            changed += 1
        else:
            out.append(character)
    return "".join(out), changed


@cache
def _tables() -> dict[str, dict[int, int]]:
    """Each symbol font's (lower-case name's) code → Unicode code point."""
    from mammoth.docx.dingbats import dingbats  # a table mammoth keeps as plain data

    tables: dict[str, dict[int, int]] = {}
    for (font, code), unicode in dingbats.items():
        tables.setdefault(font.lower(), {})[code] = unicode
    return tables
