"""Pictures a Word file shows that are not inside it: Insert > Pictures > "Link to File"
keeps only the picture's address (a file on a shared drive, a web address), and a file
written by another program may name a part outside the package. pandoc reads only the
pictures inside the file and leaves the others out without a word; here they are named,
with what to do, so that the editor does not find them missing from the issue."""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..resources import shortened
from ..urls import split_url

_PART = "word/document.xml"
_RELATIONSHIPS = "word/_rels/document.xml.rels"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DESCRIBED = (
    "ancestor::*[local-name()='inline' or local-name()='anchor'][1]/*[local-name()='docPr']"
)


def pictures_not_in_file(path: Path) -> list[str]:
    """What to say of each picture of a Word file's text that is not inside the file:
    '"Picture 2" is linked to http://…: …', in the order of the text."""
    try:
        with zipfile.ZipFile(path) as docx:
            parts = set(docx.namelist())
            if _RELATIONSHIPS not in parts:
                return []
            body, relationships = docx.read(_PART), docx.read(_RELATIONSHIPS)
    except (KeyError, OSError, EOFError, zlib.error, zipfile.BadZipFile):
        return []  # damaged: the reading says so
    if b"blip" not in body:
        return []
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        targets = _targets(etree.fromstring(relationships, parser))
        blips = etree.fromstring(body, parser).iter(f"{_A}blip")
    except etree.XMLSyntaxError:
        return []
    said = []
    for blip in blips:
        embedded, linked = blip.get(f"{_R}embed"), blip.get(f"{_R}link")
        inside = _inside(targets.get(embedded or ""), parts)
        if inside or not (target := targets.get(linked or embedded or "")):
            continue  # in the file (Word's "Insert and Link" keeps a copy), or nothing named
        said.append(f"the picture {_name(blip)!r} left out: {_why(*target, linked)}")
    return said


def _targets(relationships: Any) -> dict[str, tuple[str, bool]]:
    """Each relationship's id → its target, and whether it is outside the package."""
    return {
        r.get("Id", ""): (r.get("Target", ""), r.get("TargetMode") == "External")
        for r in relationships.iter(f"{_PACKAGE}Relationship")
    }


def _inside(target: tuple[str, bool] | None, parts: set[str]) -> bool:
    """Whether a relationship's target is a part of the file (relative to word/, or to the
    package's root when it starts with /), as pandoc finds it."""
    if target is None or target[1]:
        return False
    name = target[0]
    part = posixpath.normpath(name[1:] if name.startswith("/") else posixpath.join("word", name))
    return part in parts


def _name(blip: Any) -> str:
    """The picture as the editor knows it: its description (alt text), else Word's name."""
    for described in blip.xpath(_DESCRIBED):
        if name := described.get("descr") or described.get("name"):
            return str(name)
    return "without a name"


def _as_path(target: str) -> str:
    r"""A file's address as the editor knows the file: file:///C:/Users/ana/march.jpg as
    C:/Users/ana/march.jpg, a shared drive's as \\office\Photos\march.jpg."""
    parts = split_url(target)
    if parts.scheme.lower() != "file":
        return unquote(target)
    path = unquote(f"//{parts.netloc}{parts.path}" if parts.netloc else parts.path)
    return path[1:] if re.match(r"/(?:[A-Za-z]:|\\\\)", path) else path


def _why(target: str, external: bool, linked: str | None) -> str:
    """Why a picture is not in the file, and what to do: for its `target`, a file or an
    address outside the package (`external`) or a link (`linked`: Word's "Link to File")."""
    shown = shortened(_as_path(target))
    if split_url(target).scheme.lower() in ("http", "https"):
        return (
            f"it is linked to {shown}, and pictures are not fetched from the web: download it"
            " and insert it into the document (in Word: Insert > Pictures > This Device)"
        )
    if external or linked:
        return (
            f"a picture linked to {shown} is not in the file: insert it into the document"
            ' (in Word: Insert > Pictures, without "Link to File")'
        )
    return (
        f"the picture it names ({shown}) is not inside the file: insert the picture into the"
        " document again in Word"
    )
