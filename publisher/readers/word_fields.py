"""Word's fields as pandoc should read them.

- A field saved whole (`<w:fldSimple w:instr=" HYPERLINK &quot;…&quot; ">` around the
  runs Word shows) is left out by pandoc with all its text: a caption's number (Insert
  Caption), a mail merge's names, a link written by a converter. Spelled out as the
  begin, separate and end marks Word writes for any other field, pandoc keeps what Word
  shows, and a HYPERLINK or REF field is a link.
- A table of contents (a TOC field, References > Table of Contents) is left out: its
  lines end in the Word file's page numbers, which no output has ("Our demands 2" printed
  on page 4), and the web page, the EPUB and the PDF make contents of their own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .word_xml import W

if TYPE_CHECKING:
    from lxml.etree import _Element

MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"fldSimple",)}
CONTENTS_MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"TOC",)}
_CONTENTS = re.compile(r"\s*TOC\b")  # the instruction of a table of contents' field


def simple_fields_spelled_out(root: _Element, kind: str) -> int:
    """Each simple field of `root`, a Word file's text, written as the complex field it
    stands for, its runs kept between the marks; how many there were."""
    if kind != "docx":
        return 0
    fields = list(root.iter(f"{{{W}}}fldSimple"))
    for field in fields:  # an outer field's runs, inner fields among them, move as they are
        instruction = _field_run("instrText", field.get(f"{{{W}}}instr", ""))
        shown = [child for child in field if child.tag != f"{{{W}}}fldData"]
        marked = [_field_run("begin"), instruction, _field_run("separate"), *shown]
        for run in [*marked, _field_run("end")]:
            field.addprevious(run)
        parent = field.getparent()
        if parent is not None:
            parent.remove(field)
    return len(fields)


def _field_run(mark: str, instruction: str = "") -> _Element:
    """A run holding one of a complex field's marks: `<w:fldChar w:fldCharType="begin"/>`
    and its like, or the field's instruction (mark "instrText")."""
    from lxml import etree

    run = etree.Element(f"{{{W}}}r")
    if mark == "instrText":
        text = etree.SubElement(run, f"{{{W}}}instrText")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = instruction
    else:
        etree.SubElement(run, f"{{{W}}}fldChar").set(f"{{{W}}}fldCharType", mark)
    return run


def contents_removed(root: _Element, kind: str) -> int:
    """Take each table of contents Word made out of `root`, a Word file's text: what its
    field shows, from its first mark to its last; how many of its lines there were."""
    if kind != "docx":
        return 0
    return sum(_field_removed(begin, end) for begin, end in _contents_fields(root))


def _contents_fields(root: _Element) -> list[tuple[_Element, _Element]]:
    """The runs holding the begin and end marks of each outermost TOC field of `root`."""
    found: list[tuple[_Element, _Element]] = []
    open_fields: list[tuple[_Element, list[str]]] = []  # each field's begin run, instruction
    for mark in root.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText"):
        if mark.tag == f"{{{W}}}instrText":
            if open_fields:
                open_fields[-1][1].append(mark.text or "")
            continue
        kind, run = mark.get(f"{{{W}}}fldCharType"), mark.getparent()
        if kind == "begin" and run is not None:
            open_fields.append((run, []))
        elif kind == "end" and open_fields and run is not None:
            begin, instruction = open_fields.pop()
            if not open_fields and _CONTENTS.match("".join(instruction)):
                found.append((begin, run))
    return found


def _field_removed(begin: _Element, end: _Element) -> int:
    """Remove the field from the run `begin` to the run `end` (the paragraphs between them
    whole, a first or last paragraph left empty too); how many lines of text it showed.
    A field whose ends are not in paragraphs side by side is left as it is."""
    first, last = _paragraph_of(begin), _paragraph_of(end)
    if first is None or last is None:
        return 0
    between = [] if first is last else list(_siblings_up_to(first, last))
    if first is not last and (not between or between[-1] is not last):
        return 0
    lines = sum(1 for p in [first, *between] if any(t.text for t in p.iter(f"{{{W}}}t")))
    if first is last:
        _remove_between(first, begin, end)
    else:
        _remove_between(first, begin, None)
        _remove_between(last, None, end)
    for paragraph in [first, *between]:
        emptied = paragraph is not first and paragraph is not last
        if emptied or not _has_content(paragraph):
            parent = paragraph.getparent()
            if parent is not None:
                parent.remove(paragraph)
    return lines


def _paragraph_of(run: _Element) -> _Element | None:
    """The paragraph `run` stands in directly, as a field's marks around paragraphs do."""
    paragraph = run.getparent()
    return paragraph if paragraph is not None and paragraph.tag == f"{{{W}}}p" else None


def _siblings_up_to(first: _Element, last: _Element) -> list[_Element]:
    """The elements after `first` up to `last`, `last` among them when it is a sibling."""
    found = []
    for sibling in first.itersiblings():
        found.append(sibling)
        if sibling is last:
            break
    return found


def _remove_between(paragraph: _Element, begin: _Element | None, end: _Element | None) -> None:
    """Remove the runs of `paragraph` from `begin` to `end`, both ends too: from its start
    when `begin` is None, to its end when `end` is None."""
    children = [child for child in paragraph if child.tag != f"{{{W}}}pPr"]
    start = children.index(begin) if begin is not None else 0
    stop = children.index(end) if end is not None else len(children) - 1
    for child in children[start : stop + 1]:
        paragraph.remove(child)


def _has_content(paragraph: _Element) -> bool:
    """Whether a paragraph still holds anything but its properties."""
    return any(child.tag != f"{{{W}}}pPr" for child in paragraph)
