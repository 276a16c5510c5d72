"""The lines a Word or LibreOffice file gives under its first paragraph in the Subtitle,
Author and Date paragraph styles, as a statement typed from a template has them under a
title typed in bold (`bold_title`). pandoc reads those styles as the subtitle, author and
date only under a title in the Title style, where the text opens: under a bold title they
were printed as the text's first paragraphs."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from .odt_styles import OFFICE, STYLE, TEXT
from .word_xml import W

if TYPE_CHECKING:
    from lxml.etree import _Element

ROLES = {"subtitle": "subtitle", "author": "author", "date": "date"}
_LOOKED_AT = 6  # paragraphs: a title, its subtitle, authors and date


def styled_under_first_paragraph(path: Path) -> list[tuple[str, str]]:
    """(role, words) of each paragraph right under the first one of the text of the .docx
    or .odt file `path` that is in the Subtitle, Author or Date style, in order (empty
    paragraphs skipped; a second subtitle or date is text); [] for a file that goes on
    otherwise, or cannot be read (its reader says why)."""
    opening = _odt_opening(path) if path.suffix.lower() == ".odt" else _docx_opening(path)
    found: list[tuple[str, str]] = []
    for style, words in opening[1:]:
        role = ROLES.get(style.lower())
        if role is None or (role != "author" and role in dict(found)):
            break
        found.append((role, words))
    return found


def _docx_opening(path: Path) -> list[tuple[str, str]]:
    """(style name, words) of the first non-empty paragraphs of a Word file's text; a style
    named by its name, not its id (a German Word's Subtitle has the id "Untertitel")."""
    try:
        with zipfile.ZipFile(path) as docx:
            text = _xml(docx.read("word/document.xml"))
            styled = "word/styles.xml" in docx.namelist()
            styles = _xml(docx.read("word/styles.xml")) if styled else None
    except (KeyError, OSError, EOFError, zlib.error, zipfile.BadZipFile):
        return []
    body = text.find(f"{{{W}}}body") if text is not None else None
    names = {
        style.get(f"{{{W}}}styleId"): name.get(f"{{{W}}}val", "")
        for style in (styles.iter(f"{{{W}}}style") if styles is not None else ())
        if (name := style.find(f"{{{W}}}name")) is not None
    }
    paragraphs = body.iterchildren(f"{{{W}}}p") if body is not None else iter(())
    opening = []
    for paragraph in paragraphs:
        words = " ".join("".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")).split())
        if words:
            style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
            style_id = style.get(f"{{{W}}}val", "") if style is not None else ""
            opening.append((names.get(style_id, style_id), words))
        if len(opening) == _LOOKED_AT:
            break
    return opening


def _odt_opening(path: Path) -> list[tuple[str, str]]:
    """(style name, words) of the first non-empty paragraphs of an OpenDocument file's text;
    a paragraph formatted by hand is in an automatic style, named by the style it is based
    on."""
    try:
        with zipfile.ZipFile(path) as odt:
            root = _xml(odt.read("content.xml"))
    except (KeyError, OSError, EOFError, zlib.error, zipfile.BadZipFile):
        return []
    if root is None:
        return []
    parents = {
        style.get(f"{{{STYLE}}}name"): style.get(f"{{{STYLE}}}parent-style-name")
        for style in root.iter(f"{{{STYLE}}}style")
    }
    text = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    paragraphs = text.iterchildren(f"{{{TEXT}}}p", f"{{{TEXT}}}h") if text is not None else ()
    opening = []
    for paragraph in paragraphs:
        words = " ".join("".join(str(t) for t in paragraph.itertext()).split())
        if words:
            style = paragraph.get(f"{{{TEXT}}}style-name", "")
            name = parents.get(style) or style
            opening.append((name.replace("_20_", " "), words))
        if len(opening) == _LOOKED_AT:
            break
    return opening


def _xml(data: bytes) -> _Element | None:
    """A part of an office file, parsed without entities or network; None for a damaged one."""
    from lxml import etree

    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
