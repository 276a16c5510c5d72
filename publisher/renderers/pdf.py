"""PDF: the issue as a booklet through WeasyPrint (cover, contents with page numbers,
running headers, footnotes, colophon), tagged PDF/UA-1 (or PDF/A-3b), fonts embedded and
subset; with `impose = "booklet"` also the sheets to print, fold and staple.

The cover is one page at every paper size: its sizes are an A4 cover's scaled to the text
block (`cover_scale` in print.css), and, when that still runs over (a long summary, a
small custom page), scaled down further until it fits, measured on the cover laid out
alone.

The WeasyPrint plumbing (fetcher, layout, PDF options, page boxes) is in `weasy`, shared
with the leaflet renderer.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..footnotes import note_numbers
from ..formats import formats
from ..imposition import impose
from ..model import Issue
from ..output import Artifact
from ..printed_links import with_link_addresses
from ..printing import PageSize, PrintOptions, resolve
from .base import IssueRenderer, RenderContext, bounded
from .images import CSS_PX_PER_MM, warn_low_resolution
from .missing_glyphs import bundled_fonts, issue_texts, warn_missing_glyphs
from .weasy import lay_out, notes_taller_than, printable, write_pdf

if TYPE_CHECKING:
    import weasyprint

log = logging.getLogger(__name__)

ISSUE_DEFAULTS = PrintOptions(PageSize("A4", 210, 297), margins=(20, 18, 22, 18))
# The text block the cover's sizes are written for (print.css): A4's, with the margins above.
COVER_TEXT_MM = (
    ISSUE_DEFAULTS.page_size.width_mm - ISSUE_DEFAULTS.margins[1] - ISSUE_DEFAULTS.margins[3],
    ISSUE_DEFAULTS.content_height_mm,
)
COVER_FIT_TRIES = 4  # cover-only layouts at most, after the one that ran over
SMALLEST_COVER = 0.25  # of the A4 cover's sizes; its text stops at print.css's least sizes
# Of the text block: a footnote taller is printed after its article's text. WeasyPrint
# cannot run a note on over pages: one taller than the page was cut off above its top, and
# one nearly as tall took its call's line, and the headings above it, to pages of their own.
LONGEST_NOTE = 0.5


class PdfRenderer(IssueRenderer):
    name: ClassVar[str] = "pdf"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        with bounded(issue, "PDF", ctx):  # 10,000 footnotes kept WeasyPrint at it for over 5 min
            return self._render(issue, ctx)

    def _render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        paper = resolve(
            ISSUE_DEFAULTS,
            ctx.config.pdf,
            issue.pdf,
            ctx.print_overrides,
            impositions=formats()[self.name].impositions,
        )
        warn_low_resolution(issue, ctx.config.documents_dir, paper)
        warn_missing_glyphs(issue_texts(issue), bundled_fonts(ctx.config.style))
        document = self._lay_out_issue(issue, printed_issue(issue), ctx, paper)
        long_notes = notes_taller_than(document, LONGEST_NOTE)
        if long_notes:
            warn_long_notes(issue, long_notes)
            printed = printed_issue(issue, frozenset(long_notes))
            document = self._lay_out_issue(issue, printed, ctx, paper)
        pdf = write_pdf(document, paper, issue.slug, issue.direction)
        artifacts = [Artifact(Path(issue.folder) / f"{issue.slug}.pdf", pdf)]
        if paper.impose == "booklet":
            right_to_left = issue.direction == "rtl"
            sheets = impose(pdf, "booklet", creep_mm=paper.creep, right_to_left=right_to_left)
            artifacts.append(Artifact(Path(issue.folder) / f"{issue.slug}-booklet.pdf", sheets))
        return artifacts

    def _lay_out_issue(
        self, issue: Issue, printed: Issue, ctx: RenderContext, paper: PrintOptions
    ) -> weasyprint.Document:
        """The issue laid out with its cover on one page: at the page's scale, or, when the
        cover ran over at it, at the scale `_fitted_cover_scale` finds."""
        cover_url = issue.cover.as_uri() if issue.cover else None
        values = {"issue": printed, "paper": paper, "cover_url": cover_url}
        html = self.render_template(ctx, "issue.html", **values)
        scale = page_scale(paper)
        document = self._lay_out(html, ctx, paper, scale, issue)
        length = cover_length(document, paper)
        if length <= 1:
            return document
        cover = self.render_template(ctx, "issue.html", cover_only=True, **values)
        scale = self._fitted_cover_scale(cover, ctx, paper, scale, length, issue)
        return self._lay_out(html, ctx, paper, scale, issue)

    def _lay_out(
        self, html: str, ctx: RenderContext, paper: PrintOptions, cover_scale: float, issue: Issue
    ) -> weasyprint.Document:
        stylesheet = self.render_template(
            ctx,
            "print.css",
            paper=paper,
            cover_scale=cover_scale,
            direction=issue.direction,
            language=issue.language,  # its digits number the pages
        )
        template, product = f"{self.name}/print.css", f"issue {issue.folder}"
        return lay_out(html, stylesheet, template, ctx, paper, product, issue.documents)

    def _fitted_cover_scale(
        self,
        cover: str,
        ctx: RenderContext,
        paper: PrintOptions,
        scale: float,
        length: float,
        issue: Issue,
    ) -> float:
        """A scale under `scale` (at which the cover was `length` pages long) at which the
        cover fits on one page, tried on `cover`, the cover alone.

        Its height shrinks about as its sizes do, so each try aims a little under the scale
        that would just fill the page. The least sizes of its text (print.css) can keep it
        from fitting: then the smallest scale, and a warning naming the issue."""
        for _ in range(COVER_FIT_TRIES):
            if scale <= SMALLEST_COVER:
                break
            scale = max(SMALLEST_COVER, round(scale * 0.95 / length, 3))
            length = cover_length(self._lay_out(cover, ctx, paper, scale, issue), paper)
            if length <= 1:
                return scale
        log.warning(
            "%s: the cover runs onto a second %s page even in its smallest type:"
            " shorten the issue's summary or title",
            issue.source,
            paper.page_size.name,
        )
        return scale


def printed_issue(issue: Issue, at_end: frozenset[str] = frozenset()) -> Issue:
    """The issue as print lays it out (`printable`), the notes whose ids are `at_end` after
    their article's text; the editorial's links with their addresses printed, as the
    articles' are. Links between documents already point at the web archive
    (links.with_archive_links)."""
    return dataclasses.replace(
        issue,
        editorial_html=with_link_addresses(issue.editorial_html),
        sections=tuple(
            dataclasses.replace(s, documents=tuple(printable(d, at_end) for d in s.documents))
            for s in issue.sections
        ),
    )


def warn_long_notes(issue: Issue, note_ids: list[str]) -> None:
    """Name each document's note that is printed after its text, not at the page foot."""
    for document in issue.documents:
        for note_id, number in note_numbers(document.body_html).items():
            if note_id in note_ids:
                log.warning(
                    "%s: footnote %d is longer than half a page, and is printed after the"
                    " article's text (a footnote cannot run on over pages)",
                    document.source,
                    number,
                )


def page_scale(paper: PrintOptions) -> float:
    """The cover's sizes for this text block: the A4 cover's, scaled to fit a smaller one
    across and down (never up: a larger page has more room round the same cover)."""
    width = paper.page_size.width_mm - paper.margins[1] - paper.margins[3]
    across, down = width / COVER_TEXT_MM[0], paper.content_height_mm / COVER_TEXT_MM[1]
    return round(min(1.0, across, down), 3)


def cover_length(document: weasyprint.Document, paper: PrintOptions) -> float:
    """How many pages the cover takes, from where it ends (#issue--cover-end): 0.5 when it ends
    halfway down the first page; 0 for a cover that does not mark its end (a theme's own
    issue.html)."""
    top = paper.margins[0] * CSS_PX_PER_MM
    height = paper.content_height_mm * CSS_PX_PER_MM
    for number, page in enumerate(document.pages):
        if "issue--cover-end" in page.anchors:
            y: float = page.anchors["issue--cover-end"][1]
            return number + (y - top) / height
    return 0.0
