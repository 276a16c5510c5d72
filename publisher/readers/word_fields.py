"""Word's fields as pandoc should read them.

A field saved whole (`<w:fldSimple w:instr=" HYPERLINK &quot;…&quot; ">` around the runs
Word shows) is left out by pandoc with all its text: a caption's number (Insert Caption),
a mail merge's names, a link written by a converter. Spelled out as the begin, separate
and end marks Word writes for any other field, pandoc keeps what Word shows, and a
HYPERLINK or REF field is a link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .word_xml import W

if TYPE_CHECKING:
    from lxml.etree import _Element

MARKS: dict[str, tuple[bytes, ...]] = {"docx": (b"fldSimple",)}


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
