"""Leaflet: an issue's `leaflet:` document as a one-sheet handout (A4, A5 or A6, one or two
sides), with the organisation's footer and the issue's web address as a QR code.

A leaflet that does not fit its sides is an error saying by how much, never an extra
page. With `impose = "2up"` or `"4up"` the copies for an A4 sheet come too.
Outputs: `<issue>/<issue>-leaflet.pdf` and `<issue>/<issue>-leaflet-2up.pdf` (or -4up).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from markupsafe import Markup

from ..errors import PublisherError
from ..imposition import impose
from ..model import Issue, Leaflet
from ..output import Artifact
from ..printing import PageSize, PrintOptions, resolve
from .base import IssueRenderer, RenderContext
from .links import published_targets
from .weasy import lay_out, with_page_footnotes, with_web_links, write_pdf

if TYPE_CHECKING:
    import weasyprint

log = logging.getLogger(__name__)

LEAFLET_DEFAULTS = PrintOptions(PageSize("A5", 148, 210), margins=(10, 10, 10, 10))
CSS_PX_PER_MM = 96 / 25.4
LINE_HEIGHT = 1.35  # leaflet.css: html { line-height }


class LeafletRenderer(IssueRenderer):
    name: ClassVar[str] = "leaflet"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        if issue.leaflet is None:
            return []
        printed = with_page_footnotes(issue.leaflet.document)
        targets = published_targets(issue, ctx)
        leaflet = dataclasses.replace(issue.leaflet, document=with_web_links(printed, targets))
        layers = (ctx.config.pdf, issue.pdf, leaflet.pdf, ctx.print_overrides)
        paper = resolve(LEAFLET_DEFAULTS, *layers, impositions=("2up", "4up"))
        if all(layer.margins is None for layer in layers):
            paper = dataclasses.replace(paper, margins=(_default_margin(paper.page_size),) * 4)

        document = self._lay_out(issue, leaflet, paper, ctx)
        overflow = _overflow(document, paper, leaflet.sides, leaflet.columns)
        if overflow:
            raise _overflow_error(leaflet, overflow, paper)
        if len(document.pages) < leaflet.sides:
            log.warning(
                "%s: the leaflet fits on one side; printing it one-sided",
                leaflet.document.source,
            )
        stem = Path(issue.slug) / f"{issue.slug}-leaflet"
        pdf = write_pdf(document, paper, f"{issue.slug}-leaflet")
        artifacts = [Artifact(stem.with_suffix(".pdf"), pdf)]
        if paper.impose in ("2up", "4up"):
            try:
                sheets = impose(pdf, paper.impose)
            except PublisherError as exc:  # the leaflet's page is too large for the sheet
                problems = (
                    dataclasses.replace(p, file=p.file or issue.source) for p in exc.problems
                )
                raise PublisherError(*problems) from None
            artifacts.append(Artifact(stem.with_name(f"{stem.name}-{paper.impose}.pdf"), sheets))
        return artifacts

    def _lay_out(
        self, issue: Issue, leaflet: Leaflet, paper: PrintOptions, ctx: RenderContext
    ) -> weasyprint.Document:
        import segno

        short = min(paper.page_size.width_mm, paper.page_size.height_mm)
        url = ctx.issue_url(issue)
        qr = segno.make(url, error="m").svg_inline(omitsize=True, border=4)
        sizes = {
            "type_pt": _type_pt(short),
            "headline_pt": round(short * 0.17),
            "qr_mm": round(8 + short * 0.08),
        }
        html = self.render_template(
            ctx,
            "leaflet.html",
            issue=issue,
            leaflet=leaflet,
            doc=leaflet.document,
            paper=paper,
            issue_url=url,
            qr_svg=Markup(qr),
        )
        stylesheet = self.render_template(ctx, "leaflet.css", paper=paper, **sizes)
        product = f"leaflet of {issue.slug}"
        return lay_out(html, stylesheet, ctx, paper, product, [leaflet.document])


@dataclasses.dataclass(frozen=True)
class Overflow:
    pages: float  # how many pages' worth of content runs past the last side
    lines: int  # the same, in lines of body text (a column's line counts once)


def _overflow(
    document: weasyprint.Document, paper: PrintOptions, sides: int, columns: int
) -> Overflow | None:
    """How far the content (text, then the footer) runs past the last allowed side.

    Measured with the layout's anchors, in CSS px from the trimmed page's top: #leaflet-end
    where the text stops, #leaflet-footer where the footer sits at its page foot. Every page
    past `sides` adds what it holds; room left under the text on the last allowed side
    (when only the footer moved on) takes some back.
    """
    pages = document.pages
    if len(pages) <= sides:
        return None
    top = paper.margins[0] * CSS_PX_PER_MM
    bottom = top + paper.content_height_mm * CSS_PX_PER_MM
    end_page, end_y = next(
        (i, page.anchors["leaflet-end"][1])
        for i, page in enumerate(pages)
        if "leaflet-end" in page.anchors
    )
    text = footer = 0.0
    for number, page in enumerate(pages[sides:], start=sides):
        if number < end_page:
            text += bottom - top
        elif number == end_page:
            text += max(0.0, end_y - top)
        if "leaflet-footer" in page.anchors:
            footer += bottom - page.anchors["leaflet-footer"][1]
    if end_page == sides - 1:
        footer -= bottom - end_y
    short = min(paper.page_size.width_mm, paper.page_size.height_mm)
    line = _type_pt(short) * LINE_HEIGHT * 96 / 72
    return Overflow(
        pages=max(0.0, text + footer) / (bottom - top),
        lines=max(1, math.ceil((text * columns + max(0.0, footer)) / line)),
    )


def _overflow_error(leaflet: Leaflet, overflow: Overflow, paper: PrintOptions) -> PublisherError:
    sides = "one side" if leaflet.sides == 1 else "two sides"
    share = f"{overflow.pages:.0%}" if overflow.pages >= 0.01 else "under 1%"
    hints = ["cut the text"]
    if leaflet.columns == 1:
        hints.append("set columns: 2")
    if leaflet.sides == 1:
        hints.append("set sides: 2")
    hints.append(f"choose a larger page_size than {paper.page_size.name}")
    return PublisherError.at(
        f"the leaflet does not fit on {sides} of {paper.page_size.name}: it runs over by "
        f"about {overflow.lines} line{'s' if overflow.lines > 1 else ''} ({share} of a page)",
        leaflet.document.source,
        hint="; or ".join(hints),
    )


def _type_pt(short_side_mm: float) -> float:
    """Body text: 12pt on A4, 10pt on A5, 9pt on A6."""
    return round(6 + short_side_mm * 0.028, 1)


def _default_margin(size: PageSize) -> float:
    return round(min(size.width_mm, size.height_mm) * 0.07, 1)
