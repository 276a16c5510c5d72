"""PDF: the issue as a booklet through WeasyPrint (cover, contents with page numbers,
running headers, footnotes, colophon), tagged PDF/UA-1 (or PDF/A-3b), fonts embedded and
subset; with `impose = "booklet"` also the sheets to print, fold and staple.

The WeasyPrint plumbing (fetcher, layout, PDF options, page boxes) is in `weasy`, shared
with the leaflet renderer.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import ClassVar

from ..imposition import impose
from ..model import Issue
from ..output import Artifact
from ..printing import PageSize, PrintOptions, resolve
from .base import IssueRenderer, RenderContext
from .images import warn_low_resolution
from .weasy import lay_out, printable, write_pdf

ISSUE_DEFAULTS = PrintOptions(PageSize("A4", 210, 297), margins=(20, 18, 22, 18))


class PdfRenderer(IssueRenderer):
    name: ClassVar[str] = "pdf"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        paper = resolve(
            ISSUE_DEFAULTS,
            ctx.config.pdf,
            issue.pdf,
            ctx.print_overrides,
            impositions=("booklet",),
        )
        warn_low_resolution(issue, ctx.config.documents_dir, paper)
        # Links between documents already point at the web archive (links.with_archive_links)
        printed = dataclasses.replace(
            issue,
            sections=tuple(
                dataclasses.replace(s, documents=tuple(printable(d) for d in s.documents))
                for s in issue.sections
            ),
        )
        html = self.render_template(
            ctx,
            "issue.html",
            issue=printed,
            paper=paper,
            cover_url=issue.cover.as_uri() if issue.cover else None,
        )
        stylesheet = self.render_template(ctx, "print.css", paper=paper)
        document = lay_out(html, stylesheet, ctx, paper, f"issue {issue.folder}", issue.documents)
        pdf = write_pdf(document, paper, issue.slug)
        artifacts = [Artifact(Path(issue.folder) / f"{issue.slug}.pdf", pdf)]
        if paper.impose == "booklet":
            sheets = impose(pdf, "booklet", creep_mm=paper.creep)
            artifacts.append(Artifact(Path(issue.folder) / f"{issue.slug}-booklet.pdf", sheets))
        return artifacts
