"""The title and subtitle of a LibreOffice file as its writer typed them: its first
paragraphs in the paragraph styles Title and Subtitle (Styles > Title, in Writer's sidebar
and its templates), and Author and Date under them, as in a Word file. pandoc reads those
as paragraphs like any other, so a file whose properties name no title was called by its
file name, its title the first words of its text."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from .odt_styles import OFFICE, STYLE, TEXT

_STYLES = {"Title": "title", "Subtitle": "subtitle", "Author": "author", "Date": "date"}


def odt_title_paragraphs(path: Path) -> dict[str, str]:
    """{"title": …, "subtitle": …, "author": …, "date": …} from the paragraphs styled so
    that open the text of the OpenDocument file `path` (the others only after a title), as
    pandoc reads a Word file's; {} when it opens otherwise."""
    try:
        with zipfile.ZipFile(path) as odt:
            content = odt.read("content.xml")
    except (KeyError, OSError, EOFError, zlib.error, zipfile.BadZipFile):
        return {}  # damaged: pandoc says what is wrong with it
    if b'style-name="Title"' not in content and b'parent-style-name="Title"' not in content:
        return {}
    from lxml import etree

    try:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    parents = {
        style.get(f"{{{STYLE}}}name"): style.get(f"{{{STYLE}}}parent-style-name")
        for style in root.iter(f"{{{STYLE}}}style")
    }
    text = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    found: dict[str, str] = {}
    for paragraph in text.iterchildren(f"{{{TEXT}}}p", f"{{{TEXT}}}h") if text is not None else ():
        words = " ".join("".join(str(t) for t in paragraph.itertext()).split())
        if not words:
            continue  # the empty paragraphs a writer leaves before the title
        style = paragraph.get(f"{{{TEXT}}}style-name", "")
        role = _STYLES.get(style) or _STYLES.get(parents.get(style) or "")
        if role is None or role in found or (role != "title" and "title" not in found):
            break
        found[role] = words
    return found
