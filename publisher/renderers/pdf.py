"""PDF: the issue as a booklet through WeasyPrint (cover, contents with page numbers,
running headers, embedded fonts, document metadata)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import ClassVar

from ..model import Issue
from ..output import Artifact
from ..templating import default_theme_dir
from .base import IssueRenderer, RenderContext

log = logging.getLogger(__name__)


class PdfRenderer(IssueRenderer):
    name: ClassVar[str] = "pdf"
    description: ClassVar[str] = "the issue as a print-ready PDF booklet"
    download_suffix: ClassVar[str] = ".pdf"
    download_type: ClassVar[str] = "application/pdf"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        import weasyprint

        html = self.render_template(
            ctx,
            "issue.html",
            issue=issue,
            page_size=ctx.config.page_size,
            cover_url=issue.cover.as_uri() if issue.cover else None,
        )
        fetcher = workspace_fetcher((ctx.config.root, default_theme_dir()))
        stylesheet = self.render_template(ctx, "print.css")
        document = weasyprint.HTML(
            string=html, base_url=str(ctx.config.documents_dir) + "/", url_fetcher=fetcher
        )
        pdf = document.write_pdf(
            stylesheets=[weasyprint.CSS(string=stylesheet, url_fetcher=fetcher)],
            pdf_identifier=issue.slug.encode(),
            uncompressed_pdf=False,
        )
        return [Artifact(self.download_path(issue), pdf)]


def workspace_fetcher(allowed: tuple[Path, ...]):
    """A URL fetcher that reads files inside `allowed` folders only: no network, no /etc.

    Anything else is refused with a warning; WeasyPrint then renders without that resource.
    """
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    roots = tuple(p.resolve() for p in allowed)

    class WorkspaceFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict[str, str] | None = None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or not any(path.is_relative_to(r) for r in roots):
                log.warning("not fetched, outside the workspace: %s", url)
                raise ValueError(f"refused to fetch {url}")
            if not path.is_file():
                log.warning("not fetched, not a regular file: %s", url)
                raise ValueError(f"refused to read {path}")
            return super().fetch(url, headers)

    return WorkspaceFetcher(allowed_protocols={"file"}, allow_redirects=False)
