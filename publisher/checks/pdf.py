"""PDF checks: fonts embedded (poppler's pdffonts), page boxes consistent with each other,
PDF/UA-1's rules (the `pdfua` validator) when the file claims PDF/UA, what a print shop's
preflight asks of a file that claims PDF/X, and no text outside the trim box."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import tools
from .base import Result, Target


def pdfs(target: Target) -> list[Path]:
    """Every PDF of the issues (leaflets too: their fonts and boxes matter as much)."""
    return target.issue_files("*.pdf")


def leaflets(target: Target) -> list[Path]:
    """The leaflets as read (not the sheets imposed from them)."""
    return target.issue_files("*-leaflet.pdf")


def leaflet_one_sheet(target: Target) -> Iterator[Result]:
    """A leaflet is a one-sheet handout: one page, or two printed back to back. Most issues
    have none: that passes (not "nothing to check", which `check --strict` would fail);
    one a manifest calls for and that is missing fails as such (`missing_outputs`)."""
    import pikepdf

    if not leaflets(target) and not any(m.leaflet for m in target.manifests):
        yield Result("pass", "no leaflet in these issues")
    for path in leaflets(target):
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
        yield Result("pass" if 1 <= pages <= 2 else "fail", f"{pages} page(s)", path)


def fonts_embedded(target: Target) -> Iterator[Result]:
    command = tools.poppler("pdffonts")
    for path in pdfs(target):
        out = subprocess.run(
            [command, str(path)], capture_output=True, text=True, errors="replace", check=True
        ).stdout
        rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
        loose = [row[0] for row in rows if row[-5] != "yes"]
        if loose:
            yield Result(
                "fail",
                "not embedded: " + ", ".join(sorted(set(loose))),
                path,
            )
        else:
            yield Result("pass", f"{len(rows)} fonts, all embedded", path)


def page_boxes(target: Target) -> Iterator[Result]:
    """Per page: TrimBox ⊆ BleedBox ⊆ MediaBox, and every page trimmed to the same size."""
    import pikepdf

    for path in pdfs(target):
        problems: list[str] = []
        with pikepdf.open(path) as pdf:
            if not pdf.pages:
                problems.append("the PDF has no pages")
            sizes = set()
            for number, page in enumerate(pdf.pages, start=1):
                media = _box(page.MediaBox)
                bleed = _box(page.obj.get("/BleedBox", page.MediaBox))
                trim = _box(page.obj.get("/TrimBox", page.obj.get("/BleedBox", page.MediaBox)))
                if not (_inside(trim, bleed) and _inside(bleed, media)):
                    problems.append(
                        f"page {number}: TrimBox {trim} ⊄ BleedBox {bleed} ⊄ MediaBox {media}"
                    )
                sizes.add((round(trim[2] - trim[0]), round(trim[3] - trim[1])))
            if len(sizes) > 1:
                problems.append(f"pages have different trim sizes: {sorted(sizes)}")
        yield Result("fail" if problems else "pass", "; ".join(problems[:3]), path)


def pdf_ua_when_claimed(target: Target) -> Iterator[Result]:
    """A PDF that declares PDF/UA must meet its machine-checkable rules, as the `pdfua`
    validator reads them from the file (a figure without a description, a missing structure
    tree or language): its errors fail; its warnings are advice, said in the detail."""
    import pdfua
    import pikepdf

    for path in pdfs(target):
        with pikepdf.open(path) as pdf:
            metadata = str(pdf.open_metadata()) if "/Metadata" in pdf.Root else ""
            tagged = "/StructTreeRoot" in pdf.Root
        if "pdfuaid" not in metadata:
            yield Result("pass", "tagged" if tagged else "untagged (PDF/UA not declared)", path)
            continue
        findings = pdfua.validate(str(path)).findings
        errors = [f for f in findings if f.severity is pdfua.Severity.ERROR]
        advice = sorted({f.rule_id for f in findings if f.severity is pdfua.Severity.WARNING})
        if errors:
            articles = Articles.read(path)
            first = [f"{f.rule_id}{articles.at(f.location.page)}: {f.message}" for f in errors[:3]]
            more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
            yield Result("fail", "; ".join(first) + more, path)
        else:
            said = f"; advice: {', '.join(advice)}" if advice else ""
            yield Result("pass", f"PDF/UA-1: no errors{said}", path)


def pdfx_when_claimed(target: Target) -> Iterator[Result]:
    """A PDF that declares PDF/X (in its XMP metadata) has what a print shop's preflight
    looks for: a /GTS_PDFX output intent with an ICC profile, and a TrimBox and a BleedBox
    on every page. Fonts are the `fonts embedded` check's."""
    import pikepdf

    for path in pdfs(target):
        with pikepdf.open(path) as pdf:
            metadata = str(pdf.open_metadata()) if "/Metadata" in pdf.Root else ""
            if "GTS_PDFXVersion" not in metadata:
                yield Result("pass", "not PDF/X", path)
                continue
            problems = []
            intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
            if not intents:
                problems.append("no /GTS_PDFX output intent")
            elif "/DestOutputProfile" not in intents[0]:
                problems.append("the output intent has no ICC profile")
            unboxed = [
                str(number)
                for number, page in enumerate(pdf.pages, start=1)
                if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj
            ]
            if unboxed:
                problems.append("no TrimBox or BleedBox on page(s) " + ", ".join(unboxed[:5]))
            pages = len(pdf.pages)
        detail = "; ".join(problems) or f"output intent; TrimBox and BleedBox on all {pages} pages"
        yield Result("fail" if problems else "pass", detail, path)


# Coordinates may be negative: a word above the page's top or left of its left edge.
_WORD = re.compile(
    r'<word xMin="(-?[\d.]+)" yMin="(-?[\d.]+)" xMax="(-?[\d.]+)" yMax="(-?[\d.]+)">([^<]*)</word>'
)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)


def text_inside_trim(target: Target) -> Iterator[Result]:
    """No word's box crosses the trim box (text cut off by the guillotine or the printer)."""
    import pikepdf

    command = tools.poppler("pdftotext")
    for path in pdfs(target):
        with pikepdf.open(path) as pdf:
            trims = [(_box(p.obj.get("/TrimBox", p.MediaBox)), _box(p.MediaBox)) for p in pdf.pages]
        # poppler writes a title's or subject's character beyond the BMP (an emoji) as the
        # two halves of its surrogate pair, which is not UTF-8: read as any other character
        # it cannot read, since only the words' boxes matter here.
        xml = subprocess.run(
            [command, "-bbox", str(path), "-"],
            capture_output=True,
            text=True,
            errors="replace",
            check=True,
        ).stdout
        outside = []
        articles = None  # read once a word is found outside, to say which article it is in
        for number, (match, (trim, media)) in enumerate(
            zip(_PAGE.finditer(xml), trims, strict=False), start=1
        ):
            height = float(match.group(2))
            # pdftotext measures from the media box's top-left corner, y downwards.
            left, right = trim[0] - media[0], trim[2] - media[0]
            top, bottom = media[3] - trim[3], media[3] - trim[1]
            for word in _WORD.finditer(match.group(3)):
                x0, y0, x1, y1 = (float(v) for v in word.groups()[:4])
                if (
                    x0 < left - 0.5
                    or x1 > right + 0.5
                    or y0 < top - 0.5
                    or y1 > min(bottom, height) + 0.5
                ):
                    articles = articles or Articles.read(path)
                    at = articles.at(number, media[3] - (y0 + y1) / 2)  # from the foot
                    outside.append(f"{at.lstrip()}: {word.group(5)!r}")
        yield Result("fail" if outside else "pass", ", ".join(outside[:5]), path)


@dataclass(frozen=True)
class Articles:
    """Where each article of a PDF begins, by its outline: an issue's sections hold its
    articles' entries, and an entry with none below it (the contents, the editorial) is
    one. A fault found on a page is mended in its article's document, which the page number
    alone leaves the editor to look for."""

    # title (None: a section's, or the colophon's), page, y
    starts: tuple[tuple[str | None, int, float], ...]
    heights: tuple[float, ...]  # each page's

    @classmethod
    def read(cls, path: Path) -> Articles:
        import pikepdf

        with pikepdf.open(path) as pdf:
            return cls.of(pdf)

    @classmethod
    def of(cls, pdf: Any) -> Articles:
        import pikepdf

        numbers = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        items: list[tuple[str | None, Any]] = []  # (title, outline entry); None: a section
        with pdf.open_outline() as outline:
            top = list(outline.root)
            if len(top) == 1 and top[0].children:  # the issue's own title, over its sections
                top = list(top[0].children)
            for entry in top:
                items.append((None if entry.children else entry.title, entry))
                items += [(child.title, child) for child in entry.children]
        names = pdf.Root.get("/Names", {}).get("/Dests")
        colophon = pikepdf.NameTree(names).get("issue--colophon") if names else None
        starts = []
        for title, to in [*((title, item.destination) for title, item in items), (None, colophon)]:
            if isinstance(to, pikepdf.Array) and len(to) and to[0].objgen in numbers:
                y = float(to[3]) if len(to) > 3 and to[1] == "/XYZ" else float("inf")
                starts.append((title, numbers[to[0].objgen], y))
        heights = tuple(_box(page.MediaBox)[3] for page in pdf.pages)
        return cls(tuple(starts), heights)

    def at(self, page: int | None, y: float | None = None) -> str:
        """' on page N, in “Article”': the one whose text is at height `y` (from the page's
        foot), else each the page holds (“One” or “Other”); '' for no page."""
        if page is None:
            return ""
        if y is None:
            titles = [start[0] for i, start in enumerate(self.starts) if self._holds(i, page)]
        else:
            before = [start for start in self.starts if (start[1], -start[2]) <= (page, -y)]
            titles = [before[-1][0]] if before else []
        said = " or ".join(f"“{title}”" for title in titles if title)
        return f" on page {page}" + (f", in {said}" if said else "")

    def _holds(self, index: int, page: int) -> bool:
        """Whether the article begun by start `index` runs onto `page`: from its start to
        the next start, not onto a page the next opens (in its first sixth, as after a
        page break)."""
        title, first, _ = self.starts[index]
        if title is None or page < first:
            return False
        if index + 1 == len(self.starts):
            return page <= len(self.heights)
        _, last, y = self.starts[index + 1]
        if last > first and y > self.heights[last - 1] * 5 / 6:
            last -= 1
        return page <= last


def _box(box: object) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in box)  # type: ignore[attr-defined]
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return all(inner[i] >= outer[i] - 0.01 for i in (0, 1)) and all(
        inner[i] <= outer[i] + 0.01 for i in (2, 3)
    )
