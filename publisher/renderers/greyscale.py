"""Pictures in shades of grey, for black-only printing (`black_only`): a photocopier then
spends no colour toner, and what prints is what the editor saw on screen.

A raster picture is converted by Pillow. A drawing (SVG) stays a drawing: each colour it
paints with, in an attribute (`fill="#0f5c73"`), a style attribute or its stylesheet, is
replaced by the grey of the same luma, as Pillow computes it for a picture (ITU-R BT.601:
0.299 R + 0.587 G + 0.114 B), its opacity kept. Colours outside sRGB's family (lab(),
lch(), color(display-p3 …)), rare in drawings, are left as written. (A picture embedded in
a drawing as a data: URL is not printed at all: the workspace fetcher refuses it.)
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

import tinycss2  # WeasyPrint's CSS parser
from tinycss2.color4 import Color, parse_color

from ..resources import svg_parser

# The properties of SVG that paint with a colour (SVG 2, Filter Effects 1)
PAINTING = frozenset(
    {"fill", "stroke", "color", "stop-color", "flood-color", "lighting-color", "solid-color"}
)
_SVG = "{http://www.w3.org/2000/svg}"


def grey_picture(image: bytes) -> bytes:
    """A raster picture as a grey PNG (with its transparency), turned upright first."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(image)) as opened:
        picture = ImageOps.exif_transpose(opened)  # the PNG keeps no EXIF to turn it by
        out = io.BytesIO()
        has_alpha = "A" in picture.getbands() or "transparency" in picture.info
        picture.convert("LA" if has_alpha else "L").save(out, format="PNG")
        return out.getvalue()


def grey_drawing(svg: bytes) -> bytes:
    """A (sanitised) SVG with every colour it paints with in grey."""
    from lxml import etree

    root = etree.fromstring(svg, svg_parser())
    for element in root.iter(f"{_SVG}*"):
        for name in PAINTING & set(element.attrib):
            element.set(name, grey_value(element.get(name, "")))
        if style := element.get("style"):
            element.set("style", grey_declarations(style))
        if element.tag == f"{_SVG}style" and element.text:
            element.text = grey_stylesheet(element.text)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def grey_value(value: str) -> str:
    """A CSS value (`#0f5c73`, `url(#fade) red`, `none`) with its colours in grey."""
    return "".join(_greyed(tinycss2.parse_component_value_list(value)))


def grey_declarations(css: str) -> str:
    """A list of declarations (a style attribute, a rule's body), colours in grey."""
    declarations = tinycss2.parse_declaration_list(css, skip_comments=True, skip_whitespace=True)
    return "".join(_declaration(d) for d in declarations)


def grey_stylesheet(css: str) -> str:
    """A stylesheet (an SVG's <style>) with the colours of its rules in grey, also inside
    @media and @supports."""
    return "".join(_rule(rule) for rule in tinycss2.parse_stylesheet(css, skip_comments=True))


def _rule(rule: Any) -> str:
    if rule.type == "qualified-rule":
        return f"{tinycss2.serialize(rule.prelude)}{{{grey_declarations(rule.content)}}}"
    if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
        inner = "".join(_rule(r) for r in tinycss2.parse_rule_list(rule.content))
        return f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}"
    return str(rule.serialize())  # @font-face, @import (already gone), a parse error…


def _declaration(declaration: Any) -> str:
    if declaration.type != "declaration":
        return ""  # a parse error: dropped, as a browser drops it
    value = declaration.value
    if declaration.lower_name in PAINTING:
        value = tinycss2.parse_component_value_list("".join(_greyed(value)))
    important = " !important" if declaration.important else ""
    return f"{declaration.name}:{tinycss2.serialize(value)}{important};"


def _greyed(tokens: Iterable[Any]) -> Iterator[str]:
    for token in tokens:
        colour = parse_color(token) if token.type != "whitespace" else None
        srgb = isinstance(colour, Color) and colour.space in ("srgb", "hsl", "hwb")
        yield _grey(colour) if srgb else token.serialize()


def _grey(colour: Color) -> str:
    """The grey of `colour`'s luma (ITU-R BT.601 on its sRGB values, as Pillow's "L"),
    with its opacity."""
    red, green, blue = (min(max(c, 0.0), 1.0) * 255 for c in colour.to("srgb").coordinates)
    luma = round(0.299 * red + 0.587 * green + 0.114 * blue)
    if colour.alpha >= 1:
        return f"#{luma:02x}{luma:02x}{luma:02x}"
    return f"rgb({luma} {luma} {luma} / {colour.alpha:g})"
