"""Outputs parsed the way a reader's software reads them, for tests that look inside:
the EPUB's XHTML, the PDF's structure tree with the text under each element, HTML trees."""

from __future__ import annotations

import gzip
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import pikepdf

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM = "{http://www.w3.org/2005/Atom}"


def marked_ancestor(element: lxml.etree._Element) -> lxml.etree._Element:
    """The nearest element (itself included) that says which language it is in."""
    while element.get("lang") is None:
        element = element.getparent()
    return element


def holding(root: lxml.etree._Element, phrase: str) -> lxml.etree._Element:
    """The innermost element whose own text holds `phrase`."""
    found = [e for e in root.iter() if isinstance(e.tag, str) and phrase in (e.text or "")]
    assert found, phrase
    return found[-1]


def epub_chapters(path: Path) -> dict[str, lxml.etree._Element]:
    with zipfile.ZipFile(path) as epub:
        return {
            name: lxml.etree.fromstring(epub.read(name))
            for name in epub.namelist()
            if name.endswith(".xhtml")
        }


def to_unicode(font: pikepdf.Object) -> dict[int, str]:
    """A font's ToUnicode CMap (bfchar and bfrange entries) as code → text."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    codes: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            codes[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, text in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            start = int.from_bytes(bytes.fromhex(text), "big")
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                codes[code] = chr(start + offset)
    return codes


def marked_text(page: pikepdf.Page) -> dict[int, str]:
    """The text of each marked-content sequence (MCID) of a page, decoded through ToUnicode
    (WeasyPrint's fonts are Identity-H: two bytes a glyph)."""
    fonts = {name: to_unicode(font) for name, font in page.Resources.Font.items()}
    texts: dict[int, str] = {}
    mcids: list[int | None] = []
    cmap: dict[int, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            properties = operands[1] if op == "BDC" else None
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            mcids.append(int(mcid) if mcid is not None else (mcids[-1] if mcids else None))
        elif op == "EMC":
            mcids.pop()
        elif op == "Tf":
            cmap = fonts[str(operands[0])]
        elif op in ("Tj", "TJ") and mcids and mcids[-1] is not None:
            strings = operands[0] if op == "TJ" else [operands[0]]
            raw = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
            glyphs = (int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2))
            texts[mcids[-1]] = texts.get(mcids[-1], "") + "".join(cmap.get(g, "") for g in glyphs)
    return texts


def structure(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Dictionary, str]]:
    """Every structure element with the text its subtree holds (through its MCIDs)."""
    pages = {page.obj.objgen: marked_text(page) for page in pdf.pages}

    def walk(element: pikepdf.Dictionary, page: tuple[int, int] | None) -> str:
        page = element.Pg.objgen if "/Pg" in element else page
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        text = ""
        for kid in kids:
            if isinstance(kid, int):
                text += pages[page].get(kid, "")
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                text += walk(kid, page)
        found.append((element, text))
        return text

    found: list[tuple[pikepdf.Dictionary, str]] = []
    for top in pdf.Root.StructTreeRoot.K:
        walk(top, None)
    return iter(found)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def published_files(dist: Path) -> dict[str, bytes]:
    """Every output file, every member of every EPUB ("book.epub!EPUB/x.xhtml"), and the text
    of every search index fragment, gzipped as published ("x.pf_fragment!text"), as bytes."""
    found: dict[str, bytes] = {}
    for path in dist.rglob("*"):
        if not path.is_file():
            continue
        found[str(path.relative_to(dist))] = path.read_bytes()
        if path.suffix == ".pf_fragment":
            found[f"{path.relative_to(dist)}!text"] = gzip.decompress(path.read_bytes())
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as epub:
                for name in epub.namelist():
                    found[f"{path.name}!{name}"] = epub.read(name)
    return found


def pdf_link_uris(path: Path) -> list[str]:
    """The URI of every link annotation of a PDF, page by page."""
    with pikepdf.open(path) as pdf:
        return [
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and "/URI" in annot.A
        ]


def pdf_text(path: Path) -> str:
    """The PDF's text as poppler reads it, in logical order (marks of direction removed)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return "".join(c for c in text if c not in "\u202a\u202b\u202c\u202d\u202e\u200e\u200f")
