"""A Word or OpenDocument file as pandoc should read it: a copy whose text (Word's
word/document.xml, OpenDocument's content.xml) has what pandoc gets wrong put right
first: a Word file's text kept as a web page inside it marked where it stands
(`alt_chunks`), its simple fields spelled out as pandoc reads fields and its table of
contents taken out (`word_fields`), the numbers of a Word or LibreOffice file's headings
written into them (`word_numbers`, `odt_numbers`), its text boxes' text moved into the
text (`text_boxes`), the emoji and other text Word writes twice read once
(`word_alternates`), its text inside direction marks or custom XML unwrapped
(`word_wrappers`), its line breaks and tabs written as pandoc reads them (`word_breaks`),
its hidden text (`hidden_text`) and the prompts of a Word template's empty fields
(`word_placeholders`) taken out, an OpenDocument file's fields made the words they show
(`odt_fields`), its tables in tables made paragraphs (`odt_tables`) and its characters in
a symbol font the symbols they show (`symbol_fonts`), its pictures' descriptions where
pandoc reads them (`alt_text`), and page breaks marked as a Markdown writer marks them
(`page_breaks`). A file needing none of it is read as it is, with no copy made."""

from __future__ import annotations

import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import (
    alt_chunks,
    alt_text,
    hidden_text,
    odt_fields,
    odt_numbers,
    odt_tables,
    page_breaks,
    symbol_fonts,
    text_boxes,
    word_alternates,
    word_breaks,
    word_fields,
    word_numbers,
    word_placeholders,
    word_wrappers,
)

if TYPE_CHECKING:
    from lxml.etree import _Element

_PARTS = {"docx": "word/document.xml", "odt": "content.xml"}
# What is put right, how (in the text's XML, of a "docx" or an "odt"), and the bytes that
# say a file may need it (a file without them is not parsed)
Fix = tuple[str, Callable[["_Element", str], int], dict[str, tuple[bytes, ...]]]
_FIXES: tuple[Fix, ...] = (
    ("alt chunks", alt_chunks.chunks_marked, alt_chunks.MARKS),
    ("simple fields", word_fields.simple_fields_spelled_out, word_fields.MARKS),
    ("contents lines", word_fields.contents_removed, word_fields.CONTENTS_MARKS),
    ("text boxes", text_boxes.boxes_moved, text_boxes.MARKS),
    ("alternates", word_alternates.fallbacks_read, word_alternates.MARKS),
    ("wrappers", word_wrappers.wrappers_unwrapped, word_wrappers.MARKS),
    ("breaks", word_breaks.breaks_written, word_breaks.MARKS),
    ("hidden runs", hidden_text.hidden_runs_removed, hidden_text.MARKS),
    ("empty fields", word_placeholders.prompts_removed, word_placeholders.MARKS),
    ("symbol fonts", symbol_fonts.odt_symbols_mapped, symbol_fonts.MARKS),
    ("fields", odt_fields.fields_shown, odt_fields.MARKS),
    ("tables", odt_tables.tables_put_right, odt_tables.MARKS),
    ("page breaks", page_breaks.page_breaks_marked, page_breaks.MARKS),
    ("numbers", odt_numbers.heading_numbers_shown, odt_numbers.MARKS),
    ("described pictures", alt_text.odt_descriptions_read, alt_text.MARKS),
)


def prepared(path: Path, scratch: Path) -> tuple[Path, Counter[str]]:
    """`path`, or its copy in the folder `scratch` put right for pandoc; and what was put
    right, counted ("text boxes": 2)."""
    kind = path.suffix.lower().lstrip(".")
    part = _PARTS[kind]
    done: Counter[str] = Counter()
    try:
        with zipfile.ZipFile(path) as office:
            text = office.read(part)
            styles = _part(office, page_breaks.STYLE_PARTS[kind][0])  # read once, for both
            lists = _word_lists(office, text, styles) if kind == "docx" else None
            page_styles = _page_breaking_styles(styles, kind)
    except (KeyError, OSError, EOFError, zlib.error, zipfile.BadZipFile):
        return path, done  # damaged: pandoc says what is wrong with it
    wanted = [fix for fix in _FIXES if any(mark in text for mark in fix[2].get(kind, ()))]
    if not wanted and lists is None and not page_styles:
        return path, done
    from lxml import etree

    try:
        root = etree.fromstring(text, _parser())
    except etree.XMLSyntaxError:
        return path, done
    # a style's "Page break before" written on its paragraphs, where the breaks are marked
    if page_styles and page_breaks.styled_breaks_written(root, kind, page_styles):
        marking = [fix for fix in _FIXES if fix[1] is page_breaks.page_breaks_marked]
        wanted += [fix for fix in marking if fix not in wanted]
    # first: Word counts every paragraph where it stands, boxed or hidden
    numbering = word_numbers.Numbering(*lists) if lists is not None else None
    if numbering is not None and (count := word_numbers.numbers_written(root, numbering)):
        done["numbers"] = count
    for name, fix, _ in wanted:
        if count := fix(root, kind):
            done[name] = count
    if not done:
        return path, done
    changed = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    copy = scratch / f"prepared.{kind}"
    with zipfile.ZipFile(path) as office, zipfile.ZipFile(copy, "w") as out:
        for member in office.infolist():  # (each as it was stored: an ODT's mimetype first)
            out.writestr(member, changed if member.filename == part else office.read(member))
    return copy, done


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _part(office: zipfile.ZipFile, name: str) -> bytes:
    """A part of the file, or nothing when it has none."""
    return office.read(name) if name in office.namelist() else b""


def _page_breaking_styles(styles: bytes, kind: str) -> dict[str, page_breaks.Sides]:
    """The paragraph styles of a Word or OpenDocument file (`styles`, its styles part) that
    break a page (`page_breaks`), read only when they say a page breaks somewhere."""
    if not any(mark in styles for mark in page_breaks.STYLE_PARTS[kind][1]):
        return {}
    from lxml import etree

    try:
        return page_breaks.breaking_styles(etree.fromstring(styles, _parser()), kind)
    except etree.XMLSyntaxError:
        return {}


def _word_lists(
    office: zipfile.ZipFile, text: bytes, styles: bytes
) -> tuple[_Element, _Element | None] | None:
    """A Word file's lists and styles (word/numbering.xml, `styles`: word/styles.xml)
    parsed, when a paragraph or a style may be numbered by them; else None."""
    if "word/numbering.xml" not in office.namelist():
        return None
    if b"w:numPr" not in text and b"w:numPr" not in styles:
        return None
    from lxml import etree

    try:
        numbering = etree.fromstring(office.read("word/numbering.xml"), _parser())
        return numbering, (etree.fromstring(styles, _parser()) if styles else None)
    except etree.XMLSyntaxError:
        return None
