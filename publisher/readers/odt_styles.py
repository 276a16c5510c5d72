"""An OpenDocument file's automatic styles, as the passes that put its text right read them
(`hidden_text`, `symbol_fonts`, `page_breaks`): LibreOffice formats a span by a style of
the family "text", a paragraph or heading by one of the family "paragraph"; what a style
does to its letters (hidden, a font) is in its text properties, where a paragraph stands
(after a page break) in its paragraph properties."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"  # the document's parts
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"  # XSL-FO's properties
_FAMILIES = {f"{{{TEXT}}}span": "text", f"{{{TEXT}}}p": "paragraph", f"{{{TEXT}}}h": "paragraph"}
STYLED = tuple(_FAMILIES)  # the elements a style formats: spans, paragraphs, headings
StyleKey = tuple[str, str]  # a style's family and name


def style_properties(root: _Element, kind: str) -> dict[StyleKey, _Element]:
    """The properties of `kind` ("text", "paragraph") of each style of `root`
    (content.xml) that has them, by its family and name."""
    found: dict[StyleKey, _Element] = {}
    for style in root.iter(f"{{{STYLE}}}style"):
        properties = style.find(f"{{{STYLE}}}{kind}-properties")
        family, name = style.get(f"{{{STYLE}}}family"), style.get(f"{{{STYLE}}}name")
        if properties is not None and family and name:
            found[(family, name)] = properties
    return found


def style_of(element: _Element) -> StyleKey | None:
    """The family and name of the style that formats `element`, a span, paragraph or
    heading; None for another element, or one in no style."""
    family, name = _FAMILIES.get(str(element.tag)), element.get(f"{{{TEXT}}}style-name")
    return (family, name) if family and name else None
