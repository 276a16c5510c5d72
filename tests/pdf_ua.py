"""What a PDF/UA-1 validator checks of a file's structure, read from the file itself rather
than from the flags the renderer wrote: veraPDF is not installable here, so the
machine-checkable rules come from the `pdfua` package and the tree is walked with pikepdf.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfua
import pikepdf


@dataclass
class Structure:
    """The structure tree as a screen reader meets it."""

    roles: list[str] = field(default_factory=list)  # every element's /S, in reading order
    figures_without_alt: list[str] = field(default_factory=list)  # "page N"
    marked: dict[int, set[int]] = field(default_factory=dict)  # page index → MCIDs in the tree
    problems: list[str] = field(default_factory=list)


def validator_errors(path: Path) -> list[str]:
    """The errors the `pdfua` validator finds (warnings are advice, not conformance)."""
    report = pdfua.validate(str(path))
    return [
        f"{f.rule_id} page {f.location.page}: {f.message}"
        for f in report.findings
        if f.severity is pdfua.Severity.ERROR
    ]


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _walk(
    element: pikepdf.Object, page: int | None, pages: dict[tuple[int, int], int], found: Structure
) -> None:
    if "/Pg" in element:
        page = pages.get(element.Pg.objgen)
    role = str(element.get("/S", ""))
    found.roles.append(role)
    if role == "/Figure" and "/Alt" not in element and "/ActualText" not in element:
        found.figures_without_alt.append(f"page {None if page is None else page + 1}")
    for kid in _kids(element):
        if isinstance(kid, int):  # a marked-content id on the element's page
            if page is None:
                found.problems.append(f"MCID {kid} of {role} has no page")
            else:
                found.marked.setdefault(page, set()).add(int(kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            on = pages.get(kid.Pg.objgen) if "/Pg" in kid else page
            if on is not None:
                found.marked.setdefault(on, set()).add(int(kid.MCID))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _walk(kid, page, pages, found)


def structure(path: Path) -> Structure:
    """Walk the tree and check what ties it to the pages: every page's marked content is
    reachable from the tree, and the ParentTree leads back from each page to its elements."""
    found = Structure()
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            found.problems.append("no StructTreeRoot")
            return found
        tree = root.StructTreeRoot
        pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        for top in _kids(tree):
            _walk(top, None, pages, found)
        if "/ParentTree" not in tree:
            found.problems.append("no ParentTree")
            return found
        parents = pikepdf.NumberTree(tree.ParentTree)
        for number, page in enumerate(pdf.pages, start=1):
            in_content = {
                int(op.operands[1].MCID)
                for op in pikepdf.parse_content_stream(page)
                if str(op.operator) == "BDC"
                and isinstance(op.operands[1], pikepdf.Dictionary)
                and "/MCID" in op.operands[1]
            }
            unreachable = in_content - found.marked.get(number - 1, set())
            if unreachable:
                found.problems.append(f"page {number}: MCIDs {sorted(unreachable)} not in the tree")
            if in_content and "/StructParents" not in page.obj:
                found.problems.append(f"page {number}: marked content but no /StructParents")
                continue
            if in_content:
                back = parents.get(int(page.obj.StructParents))
                missing = [m for m in in_content if back is None or m >= len(back)]
                if missing:
                    found.problems.append(f"page {number}: ParentTree lacks MCIDs {missing}")
    return found


@dataclass
class Tagged:
    """One structure element as a screen reader meets it: its role, the elements in it in
    reading order, and the annotations (links) it holds, each as its object's number."""

    role: str
    kids: list[Tagged] = field(default_factory=list)
    annotations: list[int] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)  # /ID, /Lang…: their values

    def walk(self) -> Iterator[Tagged]:
        """This element and every element inside it, in reading order."""
        yield self
        for kid in self.kids:
            yield from kid.walk()


def tagged(path: Path) -> Tagged:
    """The structure tree of the PDF at `path`, from its StructTreeRoot."""
    with pikepdf.open(path) as pdf:
        return _tagged(pdf.Root.StructTreeRoot, "")


def _tagged(element: pikepdf.Object, role: str) -> Tagged:
    found = Tagged(role)
    for name in ("/ID", "/Lang", "/Alt"):
        if name in element:
            found.attributes[name] = str(element[name])
    for kid in _kids(element):
        if not isinstance(kid, pikepdf.Dictionary):
            continue
        if kid.get("/Type") == "/OBJR":
            found.annotations.append(kid.Obj.objgen[0])
        elif "/S" in kid:
            found.kids.append(_tagged(kid, str(kid.S)))
    return found


def annotations(path: Path) -> list[int]:
    """The object number of every link annotation on the pages."""
    with pikepdf.open(path) as pdf:
        return [
            annotation.objgen[0]
            for page in pdf.pages
            for annotation in page.get("/Annots", [])
            if annotation.get("/Subtype") == "/Link"
        ]


def read_aloud(path: Path) -> list[str]:
    """The text of the structure tree, piece by piece in reading order, as poppler reads
    it (pikepdf cannot decode the subset fonts' text)."""
    listing = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    pieces = (line.strip() for line in listing.splitlines())
    return [piece[1:-1] for piece in pieces if piece[:1] == '"']


def text_drawn_as_artifacts(path: Path) -> list[int]:
    """For each page, how many text objects (BT … ET) are drawn inside /Artifact marked
    content: what a screen reader passes over (running headers, page numbers)."""
    counts = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            open_marks: list[bool] = []  # for each open BMC/BDC: is it an artifact?
            count = 0
            for op in pikepdf.parse_content_stream(page):
                operator = str(op.operator)
                if operator in ("BMC", "BDC"):
                    open_marks.append(str(op.operands[0]) == "/Artifact")
                elif operator == "EMC" and open_marks:
                    open_marks.pop()
                elif operator == "BT" and any(open_marks):
                    count += 1
            counts.append(count)
    return counts
