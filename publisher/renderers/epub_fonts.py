"""The fonts an EPUB embeds: of the [style] fonts, only the faces its text is set in, each cut
down to the letters the book holds; and Noto Naskh Arabic when it has Arabic-script text,
which the [style] fonts (Latin ones) would leave to whatever the reading system has.

Whole faces cost: Noto Serif and Noto Sans, four files each, made a 100 KB issue 2.35 MB,
bold italic included when nothing was set in it. Fonts under the OFL (Noto, DejaVu) may
be subset; the subset keeps the font's name table, its licence among it. The web archive
cuts the fonts the workspace bundles the same way (`font_subsets.subset_font`).
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..style import Face, Font, Style, font_faces, installed_families
from .font_subsets import subset_font

if TYPE_CHECKING:
    from lxml.etree import _Element

log = logging.getLogger(__name__)

ARABIC_FAMILY = "Noto Naskh Arabic"  # as print-base.css sets Arabic and Farsi
_ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")

# What epub.css sets in bold or italic, and in the heading font (h1–h4).
_HEADINGS = {"h1", "h2", "h3", "h4"}
_BOLD = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "th", "dt"}
_ITALIC = {"em", "i", "cite", "var", "dfn", "blockquote", "figcaption", "address"}
_ITALIC_CLASSES = {"subtitle", "untranslated-note", "masthead-line"}
# Always in the book, whatever its articles hold: chapter headings (bold, in the heading
# font) and the title page, contents and colophon's text (regular).
_ALWAYS = {("heading", True, False), ("body", False, False)}

Setting = tuple[str, bool, bool]  # ("body" or "heading", bold, italic)


@dataclass(frozen=True)
class Embedded:
    """A face as the EPUB carries it: @font-face's family, weight and style, and its file
    (the subset, named as the original)."""

    family: str
    weight: int
    italic: bool
    file: Path


def embedded_fonts(style: Style, html: str, words: Iterable[str], folder: Path) -> list[Embedded]:
    """The faces of `style`'s fonts that the book (`html`, and `words` pandoc adds: its
    title page, labels) is set in, and Noto Naskh Arabic's when it has Arabic letters,
    subset to its letters in `folder`. None without [style] fonts: the reading system's."""
    if not style.fonts:
        return []
    import lxml.html

    root = lxml.html.document_fromstring(html)
    # the book's letters, those pandoc writes, and ASCII's with the spaces and hyphen a
    # reading system may set (a subset without them would fall back to another font)
    letters = set(str(root.xpath("string()"))) | {c for text in words for c in text}
    letters |= set(string.printable.strip()) | {" ", "\u00a0", "\u2010"}
    settings = _ALWAYS | set(_settings(root, False, False, False))
    fonts = {"body": style.body_font, "heading": style.heading_font or style.body_font}
    chosen: dict[Path, Embedded] = {}
    for role, bold, italic in sorted(settings):
        if font := fonts[role]:
            face = _nearest(font.faces, bold, italic)
            chosen.setdefault(face.file, Embedded(font.family, face.weight, face.italic, face.file))
    if _ARABIC_LETTERS.search("".join(letters)) and ARABIC_FAMILY in installed_families():
        arabic = Font(ARABIC_FAMILY, font_faces(ARABIC_FAMILY))
        for bold in sorted({bold for _, bold, _ in settings}):
            face = _nearest(arabic.faces, bold, False)  # Naskh has no italic
            chosen.setdefault(face.file, Embedded(ARABIC_FAMILY, face.weight, False, face.file))
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(sorted(letters))
    return [
        Embedded(e.family, e.weight, e.italic, _subset(e.file, text, folder))
        for e in chosen.values()
    ]


def _settings(element: _Element, heading: bool, bold: bool, italic: bool) -> Iterable[Setting]:
    """Each (font, bold, italic) some text of `element` is set in."""
    if not isinstance(element.tag, str):  # a comment
        return
    heading = heading or element.tag in _HEADINGS
    bold = bold or element.tag in _BOLD
    classes = set(str(element.get("class", "")).split())
    italic = italic or element.tag in _ITALIC or bool(classes & _ITALIC_CLASSES)
    if (element.text or "").strip():
        yield ("heading" if heading else "body", bold, italic)
    for child in element:
        yield from _settings(child, heading, bold, italic)
        if (child.tail or "").strip():
            yield ("heading" if heading else "body", bold, italic)


def _nearest(faces: tuple[Face, ...], bold: bool, italic: bool) -> Face:
    """The face a reading system sets text in for this weight and slant: of the same
    slant if the family has one (else it slants the upright), the nearest in weight."""
    slanted = [f for f in faces if f.italic == italic] or list(faces)
    return min(slanted, key=lambda f: abs(f.weight - (700 if bold else 400)))


def _subset(file: Path, text: str, folder: Path) -> Path:
    """The font cut to the glyphs `text` needs, in `folder` under the file's own name (and
    in its format); the whole file when fontTools cannot cut it."""
    target = folder / file.name
    try:
        flavor = {".woff": "woff", ".woff2": "woff2"}.get(file.suffix.lower())
        target.write_bytes(subset_font(file, text, flavor))
    except ValueError as exc:
        log.info("%s: embedded whole in the EPUB, not subset: %s", file.name, exc)
        target.write_bytes(file.read_bytes())
    return target
