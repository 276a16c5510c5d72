"""Leaflet: an issue's `leaflet:` document as a one-sheet handout (A5 by default, or any
page size, one or two sides), with the organisation's footer and a QR code, to the
manifest's `qr:` address or the issue's page, with the address printed under it.

The text is set to fill its sides: its type grows or shrinks (within SCALES) until it
just fits. One that runs over even in the smallest type is an error saying by how much
(lines, words), never an extra page; the build writes every other output, then fails
naming it (`renderers.base.OutputFailed`). With `impose = "2up"`, `"3up"` or `"4up"` the
copies for an A4 (or Letter) sheet come too.
Outputs: `<issue>/<issue>-leaflet.pdf` and `<issue>/<issue>-leaflet-2up.pdf` (-3up, -4up).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import lxml.html
from markupsafe import Markup

from ..errors import Problem, PublisherError
from ..formats import formats
from ..i18n import gettext_in
from ..imposition import GRIDS, copies_problem, copy_count, impose, more_copies
from ..model import PAGE_BREAK, Issue, Leaflet
from ..output import Artifact
from ..printing import PageSize, PrintOptions, PrintSettings, stacked, text_area_problem
from ..sanitize import plain_text
from ..tree_edits import without_last_words
from ..urls import readable
from .base import IssueRenderer, OutputFailed, RenderContext, bounded
from .missing_glyphs import bundled_fonts, document_text, warn_missing_glyphs
from .weasy import lay_out, printable, write_pdf

if TYPE_CHECKING:
    import weasyprint

log = logging.getLogger(__name__)

LEAFLET_DEFAULTS = PrintOptions(PageSize("A5", 148, 210), margins=(10, 10, 10, 10))
CSS_PX_PER_MM = 96 / 25.4
LINE_HEIGHT = 1.35  # leaflet.css: html { line-height } at the usual type size


class LeafletRenderer(IssueRenderer):
    name: ClassVar[str] = "leaflet"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        with bounded(issue, "leaflet", ctx):
            return self._render(issue, ctx)

    def _render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        if issue.leaflet is None:
            return []
        # its links already point at the web archive (links.with_archive_links)
        written = dataclasses.replace(issue.leaflet, document=printable(issue.leaflet.document))
        leaflet = _breaks_it_has_sides_for(written, issue.source)
        layers = (ctx.config.pdf, issue.pdf, leaflet.pdf, ctx.print_overrides)
        paper = stacked(LEAFLET_DEFAULTS, *layers, impositions=formats()[self.name].impositions)
        if all(layer.margins is None for layer in layers):
            paper = dataclasses.replace(paper, margins=(_default_margin(paper.page_size),) * 4)
        if problem := _no_room_for_text(paper, layers, issue) or _copies_problem(paper, issue, ctx):
            raise problem  # before the layout: the sheets cannot be made, whatever it is

        if _without_text(leaflet.document.body_html):
            log.warning(
                "%s: the leaflet's document has no text, only its front matter: the leaflet"
                " is its headline on an empty page; write its text, or give another document"
                " as 'leaflet:' in %s",
                leaflet.document.source,
                issue.source.name,
            )
        texts = [(issue.source, f"{leaflet.standfirst} {leaflet.pull_quote}")]
        texts.append((leaflet.document.source, document_text(leaflet.document)))
        warn_missing_glyphs(texts, bundled_fonts(ctx.config.style))
        document, scale = self._fit(issue, leaflet, paper, ctx)
        overflow = _overflow(document, leaflet, paper, scale)
        if overflow:
            cut = self._words_to_cut(issue, leaflet, paper, ctx, scale, overflow.words)
            columns = leaflet.columns == 1 and self._fits(
                issue, dataclasses.replace(leaflet, columns=2), paper, ctx, scale
            )
            sides = leaflet.sides == 1 and self._fits(
                issue, _on_two_sides(written), paper, ctx, scale
            )
            raise _overflow_error(leaflet, overflow, cut, columns, sides, paper, scale)
        if len(document.pages) < leaflet.sides:
            log.warning(
                "%s: the leaflet fits on one side even in its largest type; printing it one-sided",
                leaflet.document.source,
            )
        stem = Path(issue.folder) / f"{issue.slug}-leaflet"
        pdf = write_pdf(document, paper, f"{issue.slug}-leaflet", leaflet.document.direction)
        artifacts = [Artifact(stem.with_suffix(".pdf"), pdf)]
        if paper.impose not in (None, "none"):  # one of the leaflet's (resolve)
            try:
                sheets = impose(pdf, paper.impose)
            except PublisherError as exc:  # the leaflet's page is too large for the sheet
                problems = (
                    dataclasses.replace(p, file=p.file or issue.source) for p in exc.problems
                )
                raise OutputFailed(*problems) from None  # the other outputs are written
            artifacts.append(Artifact(stem.with_name(f"{stem.name}-{paper.impose}.pdf"), sheets))
            _say_more_copies_fit(paper, issue)
        return artifacts

    def _fit(
        self, issue: Issue, leaflet: Leaflet, paper: PrintOptions, ctx: RenderContext
    ) -> tuple[weasyprint.Document, float]:
        """The layout in the largest type (within SCALES) whose text still fits the sides:
        short text grows to fill its page, or both sides; long text shrinks to fit.

        Each try is a layout (a second of CPU for two columns), so the next size is aimed,
        not halved: from the length the last tries came out at (text area grows with the
        square of the type's size), between the largest size that fit and the smallest
        that did not. When even the smallest type runs over, that layout (the caller says
        how much to cut).
        """
        html = self._html(issue, leaflet, paper, ctx)
        smallest, largest = SCALES
        fitting: tuple[float, float, weasyprint.Document] | None = None  # scale, length, layout
        over: tuple[float, float] | None = None  # scale, length
        scale = 1.0
        for _ in range(FIT_TRIES):
            document = self._laid_out(html, issue, leaflet, paper, ctx, scale)
            length = _length(document, paper)
            if len(document.pages) <= leaflet.sides:
                if fitting is None or scale > fitting[0]:
                    fitting = (scale, length, document)
                if scale >= largest or length >= leaflet.sides - FULL_ENOUGH:
                    break
            else:
                if scale <= smallest:
                    return document, scale
                if over is None or scale < over[0]:
                    over = (scale, length)
            scale = _next_scale(fitting, over, leaflet.sides - FULL_ENOUGH / 2)
            if scale in {fitting[0] if fitting else None, over[0] if over else None}:
                break
        if fitting is None:  # every try ran over: the smallest type decides
            return self._laid_out(html, issue, leaflet, paper, ctx, smallest), smallest
        return fitting[2], fitting[0]

    def _words_to_cut(
        self,
        issue: Issue,
        leaflet: Leaflet,
        paper: PrintOptions,
        ctx: RenderContext,
        scale: float,
        guess: int,
    ) -> int | None:
        """How many words, cut from the end, make the text fit in its smallest type: the
        measured guess (lines over at the text's words per line) tried in a layout, raised
        while it still runs over, then narrowed between what ran over and what fit. Cutting
        words shortens paragraphs by less than their share of lines (a paragraph's last
        line goes only with its last word), so a guess alone fell short. None: cutting
        every word would not do (the headline, standfirst, pull quote or pictures)."""
        words = len(plain_text(leaflet.document.body_html).split())
        short, enough = 0, None  # the most words cut that ran over, the fewest that fit
        cut = step = min(guess, words)
        for _ in range(CUT_TRIES):
            body = without_last_words(leaflet.document.body_html, cut)
            trial = dataclasses.replace(
                leaflet, document=dataclasses.replace(leaflet.document, body_html=body)
            )
            html = self._html(issue, trial, paper, ctx)
            laid_out = self._laid_out(html, issue, trial, paper, ctx, scale)
            over = _overflow(laid_out, trial, paper, scale)
            if over is None:
                enough = cut
            elif cut >= words:
                return None
            elif enough is None:  # still over: on by its measure, or twice the last step
                step = max(over.words, step * 2)
                short, cut = cut, min(words, cut + step)
                continue
            else:
                short = cut
            if enough - short <= max(2, enough // 20):
                break  # near enough: "about"
            cut = (short + enough) // 2
        return enough if enough is not None else cut

    def _fits(
        self, issue: Issue, trial: Leaflet, paper: PrintOptions, ctx: RenderContext, scale: float
    ) -> bool:
        """Whether the leaflet as changed in `trial` (two columns, two sides) fits at
        `scale`, so a hint to change it is only given when a layout shows it fits: prose
        takes as much room in two columns as in one, or more (the gap between them), while
        short lines (a rota, a list) take half the height; a text longer than two pages
        runs over two sides too."""
        html = self._html(issue, trial, paper, ctx)
        laid_out = self._laid_out(html, issue, trial, paper, ctx, scale)
        return _overflow(laid_out, trial, paper, scale) is None

    def _laid_out(
        self,
        html: str,
        issue: Issue,
        leaflet: Leaflet,
        paper: PrintOptions,
        ctx: RenderContext,
        scale: float,
    ) -> weasyprint.Document:
        """The leaflet laid out with its type at `scale`."""
        stylesheet = self.render_template(
            ctx, "leaflet.css", paper=paper, language=issue.language, **_sizes(paper, scale)
        )
        template, product = f"{self.name}/leaflet.css", f"leaflet of {issue.slug}"
        return lay_out(html, stylesheet, template, ctx, paper, product, [leaflet.document])

    def _html(self, issue: Issue, leaflet: Leaflet, paper: PrintOptions, ctx: RenderContext) -> str:
        import segno

        target = leaflet.qr or ctx.issue_url(issue)
        # The <title> is what PDF/UA's reader says for the figure (WeasyPrint's /Alt of an SVG).
        qr = segno.make(target, error="m").svg_inline(
            omitsize=True,
            border=4,
            title=gettext_in(issue.language, "QR code: %(address)s")
            % {"address": readable(target)},
        )
        return self.render_template(
            ctx,
            "leaflet.html",
            issue=issue,
            leaflet=leaflet,
            doc=leaflet.document,
            # its sides' texts: WeasyPrint breaks no page in columns (leaflet.html)
            sides=[Markup(side) for side in leaflet.document.body_html.split(PAGE_BREAK)],
            paper=paper,
            issue_url=ctx.issue_url(issue),
            qr_url=target,
            qr_svg=Markup(qr),
        )


# The body type's size (and with it the standfirst's and pull quote's) as a share of its
# usual size for the page: a leaflet's text is set between these to fill its sides.
SCALES = (0.85, 1.3)
FIT_TRIES = 5  # layouts at most; most leaflets take two or three
FULL_ENOUGH = 0.06  # of a page left empty under the text: full (the aim is half that)
CUT_TRIES = 5  # layouts at most to find how much to cut, once a leaflet runs over


def _next_scale(
    fitting: tuple[float, float, object] | None, over: tuple[float, float] | None, aim: float
) -> float:
    """The next size to try for a text `aim` pages long: interpolated between the largest
    size that fit and the smallest that ran over, or, with only one of them, from the
    length growing with the square of the size. Rounded, so a repeat shows convergence."""
    smallest, largest = SCALES
    if fitting and over:
        (low, low_length, _), (high, high_length) = fitting, over
        share = (aim - low_length) / max(high_length - low_length, 1e-6)
        guess = low + (high - low) * min(max(share, 0.1), 0.9)
    else:
        scale, length = (fitting[0], fitting[1]) if fitting else over  # type: ignore[misc]
        guess = scale * math.sqrt(aim / max(length, 0.05))
    return round(min(max(guess, smallest), largest), 3)


def _length(document: weasyprint.Document, paper: PrintOptions) -> float:
    """How many pages the text and the footer under it take, run on: the pages before the
    one the text ends on, then the text on it and the footer's height (wherever it went)."""
    top = paper.margins[0] * CSS_PX_PER_MM
    height = paper.content_height_mm * CSS_PX_PER_MM
    length = 0.0
    for number, page in enumerate(document.pages):
        if "leaflet-end" in page.anchors:
            length += number + (page.anchors["leaflet-end"][1] - top) / height
        if "leaflet-footer" in page.anchors:
            length += (top + height - page.anchors["leaflet-footer"][1]) / height
    return length


def _sizes(paper: PrintOptions, scale: float) -> dict[str, float]:
    """The stylesheet's sizes at `scale`: type and leading grow and shrink together."""
    short = min(paper.page_size.width_mm, paper.page_size.height_mm)
    return {
        "type_pt": round(_type_pt(short) * scale, 2),
        "leading": round(_leading(scale), 3),
        "headline_pt": round(short * 0.17),
        "qr_mm": round(8 + short * 0.08),
    }


def _leading(scale: float) -> float:
    """1.35 at the usual size; tighter in small type, looser in large."""
    return LINE_HEIGHT + (scale - 1) * 0.4


@dataclasses.dataclass(frozen=True)
class Overflow:
    pages: float  # how many pages' worth of content runs past the last side
    lines: int  # the same, in lines of body text (a column's line counts once)
    words: int  # the same, in words of the text as it is set (a guess: see _words_to_cut)


class LeafletOverflow(OutputFailed):
    """A leaflet that runs over its sides: the other outputs are still built."""


def _overflow(
    document: weasyprint.Document, leaflet: Leaflet, paper: PrintOptions, scale: float
) -> Overflow | None:
    """How far the content (text, then the footer) runs past the last allowed side.

    Measured with the layout's anchors, in CSS px from the trimmed page's top: #leaflet-end
    where the text stops, #leaflet-footer where the footer sits at its page foot. Every page
    past `sides` adds what it holds; room left under the text on the last allowed side
    (when only the footer moved on) takes some back. Words: the lines at the text's own
    words per line (all its words over all the lines it is set in).
    """
    sides, columns = leaflet.sides, leaflet.columns
    pages = document.pages
    if len(pages) <= sides:
        return None
    top = paper.margins[0] * CSS_PX_PER_MM
    bottom = top + paper.content_height_mm * CSS_PX_PER_MM
    start_page, start_y = _anchor(pages, "leaflet-start")
    end_page, end_y = _anchor(pages, "leaflet-end")
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
    line = _type_pt(short) * scale * _leading(scale) * 96 / 72
    lines = max(1, math.ceil((text * columns + max(0.0, footer)) / line))
    # the body's own lines (not the headline's, standfirst's or pull quote's over it)
    body = (end_page - start_page) * (bottom - top) + end_y - start_y
    set_in = body * columns / line
    words = len(plain_text(leaflet.document.body_html).split())
    return Overflow(
        pages=max(0.0, text + footer) / (bottom - top),
        lines=lines,
        words=max(1, round(lines * words / max(set_in, 1.0))),
    )


def _copies_problem(paper: PrintOptions, issue: Issue, ctx: RenderContext) -> OutputFailed | None:
    """Copies (2up, 3up, 4up) of a page too large for an A4 or Letter sheet, with the fix that
    suits where the page size came from: the manifest's leaflet is told of at its line as
    the manifest is read; here are publisher.toml's, the issue's pdf: and --page-size."""
    if paper.impose not in GRIDS:
        return None
    size = paper.page_size
    if not (problem := copies_problem(paper.impose, size.width_mm, size.height_mm)):
        return None
    message, hint = problem
    if ctx.print_overrides.page_size is not None:
        hint = (
            f"--page-size {size.name} sets the leaflet's page too: build the leaflet without"
            f" it, or with --impose none"
        )
    return OutputFailed(Problem(message, issue.source, hint=hint))


def _say_more_copies_fit(paper: PrintOptions, issue: Issue) -> None:
    """A sheet that holds more copies than the leaflet's imposition puts on it, said with
    the imposition that fills it: a DL flyer set 2up wastes a third of every sheet."""
    assert paper.impose is not None
    size = paper.page_size
    if more := more_copies(paper.impose, size.width_mm, size.height_mm):
        log.info(
            "%s: %d copies of the %s leaflet fit on a sheet, where %s prints %d:"
            " impose: %s (--impose %s) saves paper",
            issue.source,
            copy_count(more),
            size.name,
            paper.impose,
            copy_count(paper.impose),
            more,
            more,
        )


# Where each layer of the leaflet's print settings is written (RenderContext order).
LAYER_NAMES = ("publisher.toml's [pdf]", "the issue's pdf:", "its leaflet: entry")


def _no_room_for_text(
    paper: PrintOptions, layers: tuple[PrintSettings, ...], issue: Issue
) -> OutputFailed | None:
    """Margins that leave no text on the leaflet's page fail the leaflet only: [pdf] and
    --margins are set for the issue too, whose larger page may well take them. Said of the
    leaflet's page, naming where its size and its margins are set."""
    if not (problem := text_area_problem(paper.page_size, paper.margins, "the leaflet's")):
        return None
    message, _, hint = problem.partition("\n")

    def set_in(setting: str) -> str:
        names = (*LAYER_NAMES, f"--{setting.replace('_', '-')}")  # the command line's
        named = zip(names, layers, strict=True)
        where = [name for name, layer in named if getattr(layer, setting) is not None]
        return where[-1] if where else "the leaflet's default"

    hint = f"page_size from {set_in('page_size')}, margins from {set_in('margins')}: {hint}"
    return OutputFailed(Problem(message, issue.source, hint=hint))


def _anchor(pages: list[Any], name: str) -> tuple[int, float]:
    """The page an anchor of the leaflet's template is on, and its height there (CSS px)."""
    return next((i, page.anchors[name][1]) for i, page in enumerate(pages) if name in page.anchors)


def _overflow_error(
    leaflet: Leaflet,
    overflow: Overflow,
    cut: int | None,
    columns: bool,
    sides: bool,
    paper: PrintOptions,
    scale: float,
) -> PublisherError:
    """What runs over, and the changes that fix it; `columns`, `sides`: two columns, two
    sides were tried and fit."""
    on = "one side" if leaflet.sides == 1 else "two sides"
    share = f"{overflow.pages:.0%}" if overflow.pages >= 0.01 else "under 1%"
    short = min(paper.page_size.width_mm, paper.page_size.height_mm)
    smallest = f"{_type_pt(short) * scale:.1f}".removesuffix(".0")
    if cut is None:
        hints = [
            "shorten the headline, standfirst or pull quote, or leave out a picture: even"
            " without its text the leaflet would run over"
        ]
    else:
        hints = [f"cut about {cut} word{'s' if cut > 1 else ''}"]
    if columns:
        hints.append("set columns: 2")
    if sides:
        hints.append("set sides: 2")
    hints.append(f"choose a larger page_size than {paper.page_size.name}")
    return LeafletOverflow(
        Problem(
            f"the leaflet does not fit on {on} of {paper.page_size.name}: even in its"
            f" smallest type ({smallest}pt) it runs over by about {overflow.lines}"
            f" line{'s' if overflow.lines > 1 else ''} ({share} of a page)",
            leaflet.document.source,
            hint="; or ".join(hints),
        )
    )


def _without_text(body: str) -> bool:
    """A body with neither words nor a picture: a document of front matter only, whose
    leaflet would print its headline alone."""
    fragment = lxml.html.fragment_fromstring(body, create_parent="div")
    return not fragment.text_content().strip() and not fragment.xpath(".//img | .//svg")


def _on_two_sides(leaflet: Leaflet) -> Leaflet:
    """`leaflet` as `sides: 2` would print it (`_breaks_it_has_sides_for`, unwarned)."""
    body = _with_breaks_for(leaflet.document.body_html, 2)
    trial = dataclasses.replace(leaflet.document, body_html=body)
    return dataclasses.replace(leaflet, sides=2, document=trial)


def _with_breaks_for(body: str, sides: int) -> str:
    """`body` with the page breaks `sides` sides can print: those after the first
    `sides - 1` left out, their text running on."""
    parts = body.split(PAGE_BREAK)
    return PAGE_BREAK.join(parts[:sides]) + "".join(parts[sides:])


def _breaks_it_has_sides_for(leaflet: Leaflet, manifest: Path) -> Leaflet:
    """`leaflet` without the page breaks its sides cannot print (a warning says so): none
    on one side, the first on two (its text has two sides when the manifest does not say,
    `assemble`). One side is the manifest's `sides: 1`: the warning names its line, where
    the editor changes it."""
    document = leaflet.document
    if document.page_breaks < leaflet.sides:
        return leaflet
    body = _with_breaks_for(document.body_html, leaflet.sides)
    if leaflet.sides == 1:  # as the manifest says (`sides_line`)
        log.warning(
            "%s: a leaflet on one side: the page break in %s is left out; set sides: 2"
            " to print what follows it on the back",
            f"{manifest}:{leaflet.sides_line}" if leaflet.sides_line else manifest,
            document.source.name,
        )
    else:
        log.warning(
            "%s: a leaflet has two sides: its page breaks after the first are left out",
            document.source,
        )
    return dataclasses.replace(leaflet, document=dataclasses.replace(document, body_html=body))


def _type_pt(short_side_mm: float) -> float:
    """Body text: 12pt on A4, 10pt on A5, 9pt on A6."""
    return round(6 + short_side_mm * 0.028, 1)


def _default_margin(size: PageSize) -> float:
    return round(min(size.width_mm, size.height_mm) * 0.07, 1)
