"""Fonts cut to the letters a text needs: the EPUB's embedded faces and the web archive's
bundled fonts. Its own module, apart from the style they serve: style.py draws the logo
with renderers.images, which publishes these fonts."""

from __future__ import annotations

import io
from pathlib import Path


def subset_font(file: Path, text: str, flavor: str | None) -> bytes:
    """The font cut to the glyphs `text` needs (with every layout feature, so Arabic still
    joins and ligatures still form), as `flavor` ("woff2", "woff", None: as an OpenType
    file); ValueError when fontTools cannot cut it."""
    from fontTools import subset  # type: ignore[import-untyped]

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the licence and copyright stay with the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = flavor
    out = io.BytesIO()
    try:
        font = subset.load_font(str(file), options, dontLoadGlyphNames=True)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        subset.save_font(font, out, options)
    except Exception as exc:  # a font fontTools cannot read or write
        raise ValueError(str(exc) or type(exc).__name__) from None
    return out.getvalue()
