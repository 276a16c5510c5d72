"""Web: the static archive — home page, a page per issue and per document, tag and language
pages, a sitemap — all links relative, so `dist/` works from any web server or bucket.

This is where the email's "view in browser" and "read online" links, the feeds' entry links
and the leaflets' QR codes land.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar, NamedTuple
from urllib.parse import unquote, urlsplit

from ..model import Archive, text_direction
from ..output import Artifact
from ..resources import cover_path, lead_image, media_path, pool_images, published_image
from ..urls import tag_path
from .base import ArchiveRenderer, Job, RenderContext
from .images import publish_for_email, publish_style
from .indexes import Indexes

log = logging.getLogger(__name__)


class Page(NamedTuple):
    path: str  # relative to the output folder, ends in index.html
    template: str
    values: dict[str, Any]

    @property
    def language(self) -> str | None:
        """The interface (navigation, dates) of an issue's pages speaks the issue's language."""
        issue = self.values.get("issue")
        return issue.language if issue else None

    @property
    def content_language(self) -> str | None:
        """An article's page is in the article's language (its <html lang>), whatever the
        issue's; the page's interface is then marked with the interface's own language."""
        doc = self.values.get("doc")
        return doc.language if doc else None


class WebRenderer(ArchiveRenderer):
    name: ClassVar[str] = "web"

    def jobs(self, archive: Archive) -> list[Job]:
        """One job per issue (its page, its articles' pages and their images), one for the
        pages over all issues: a changed article re-renders its issue's pages and the index."""
        jobs = [
            Job(self, f"web {issue.slug}", archive.only(issue), "issue") for issue in archive.issues
        ]
        return [*jobs, Job(self, "web index", archive, "index")]

    def run(self, job: Job, ctx: RenderContext) -> list[Artifact]:
        if job.part == "issue":
            pages = self._issue_pages(job.subject)
            return [
                *(self._page(ctx, page) for page in pages),
                *self._images(job.subject, ctx),
                *self._covers(job.subject, ctx),
            ]
        return self._index(job.subject, ctx)

    def render(self, archive: Archive, ctx: RenderContext) -> list[Artifact]:
        return [artifact for job in self.jobs(archive) for artifact in self.run(job, ctx)]

    def _index(self, archive: Archive, ctx: RenderContext) -> list[Artifact]:
        pages = [Page("index.html", "index.html", {"archive": archive})]
        pages += self._index_pages(Indexes.of(archive))
        site = ctx.config.base_url
        every_page = [*pages, *self._issue_pages(archive)]
        urls = [site + page.path.removesuffix("index.html") for page in every_page]
        redirects = self._redirect_pages(archive, {page.path for page in every_page})
        return [
            *(self._page(ctx, page) for page in [*pages, *redirects]),
            Artifact.text("site.css", self.render_template(ctx, "site.css")),
            Artifact.text("sitemap.xml", self.render_template(ctx, "sitemap.xml", urls=urls)),
            Artifact.text("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {site}sitemap.xml\n"),
            *publish_style(ctx.config.style),
        ]

    @staticmethod
    def _issue_pages(archive: Archive) -> list[Page]:
        pages = []
        for issue in archive.issues:
            downloads = archive.downloads.get(issue.slug, ())
            pages.append(
                Page(
                    f"{issue.slug}/index.html",
                    "issue.html",
                    {"issue": issue, "downloads": downloads},
                )
            )
            docs = issue.documents
            for i, doc in enumerate(docs):
                neighbours = {
                    "previous": docs[i - 1] if i else None,
                    "next": docs[i + 1] if i + 1 < len(docs) else None,
                }
                values = {"issue": issue, "doc": doc, "downloads": downloads, **neighbours}
                pages.append(Page(f"{issue.slug}/{doc.slug}/index.html", "document.html", values))
        return pages

    @staticmethod
    def _index_pages(indexes: Indexes) -> list[Page]:
        pages = [
            Page("tags/index.html", "tags.html", {"tags": indexes.tags}),
            Page("languages/index.html", "languages.html", {"languages": indexes.languages}),
        ]
        for tag, placed in indexes.tags.items():
            pages.append(
                Page(f"{tag_path(tag)}index.html", "listing.html", {"tag": tag, "placed": placed})
            )
        for code, placed in indexes.languages.items():
            values = {"language_code": code, "placed": placed}
            pages.append(Page(f"languages/{code}/index.html", "listing.html", values))
        return pages

    @staticmethod
    def _redirect_pages(archive: Archive, taken: set[str]) -> list[Page]:
        """A page at each old address a document lists in its front matter's `aliases`
        (an archive brought over from another platform), sending readers and search
        engines on to the document's page: the newest issue's, when several carry it."""
        pages: list[Page] = []
        redirected: set[str] = set()
        for issue in archive.issues:
            for doc in issue.documents:
                for alias in doc.aliases:
                    path = alias_page(alias)
                    if path in redirected:
                        continue  # the same document in an older issue
                    if path is None or path in taken:
                        why = "not a path on this site" if path is None else "already a page"
                        log.warning("%s: no redirect from alias %r: %s", doc.source, alias, why)
                        continue
                    redirected.add(path)
                    values = {"target": f"{issue.slug}/{doc.slug}/", "doc": doc}
                    pages.append(Page(path, "redirect.html", values))
        return pages

    def _page(self, ctx: RenderContext, page: Page) -> Artifact:
        language = page.language or ctx.config.language
        content_language = page.content_language or language
        html = self.render_template(
            ctx,
            page.template,
            root="../" * (len(PurePosixPath(page.path).parts) - 1),
            page_url=ctx.config.base_url + page.path.removesuffix("index.html"),
            language=language,
            direction=text_direction(language),
            page_language=content_language,
            page_direction=text_direction(content_language),
            **page.values,
        )
        return Artifact.text(page.path, html)

    @staticmethod
    def _images(archive: Archive, ctx: RenderContext) -> list[Artifact]:
        """Publish the images the articles use (already confined to documents/; SVG
        sanitised, one that cannot be is left out with a warning naming who used it)."""
        used = {
            image: doc.source
            for issue in archive.issues
            for doc in issue.documents
            for image in doc.images
        }
        for issue in archive.issues:
            used |= dict.fromkeys(pool_images(issue.editorial_html), issue.source)
            for doc in issue.documents:
                if image := lead_image(doc, ctx.config.documents_dir):
                    used.setdefault(image, doc.source)
        images = (
            (image, published_image(ctx.config.documents_dir, image, used[image]))
            for image in sorted(used)
        )
        return [Artifact(Path(media_path(image)), data) for image, data in images if data]

    @staticmethod
    def _covers(archive: Archive, ctx: RenderContext) -> list[Artifact]:
        """Each issue's cover (its Open Graph image too), and the email's copies of the
        covers and lead images: the email links them here."""
        artifacts = []
        for issue in archive.issues:
            if issue.cover and (path := cover_path(issue)):
                data = published_image(issue.cover.parent, issue.cover.name, issue.source)
                if data:
                    artifacts.append(Artifact(Path(path), data))
            artifacts += publish_for_email(issue, ctx.config.documents_dir)
        return artifacts


_ALIAS_SEGMENT = re.compile(r"^[\w\-.~!$&'()*+,;=:@ ]+$")  # a file name, once decoded


def alias_page(alias: object) -> str | None:
    """The file an old address's redirect is written to, relative to the output folder
    ('/p/my-post' → 'p/my-post/index.html', '/2024/old.html' as it is), or None for one
    that cannot be a file here: not text, the home page, a query string, or a path that
    would leave the output folder."""
    if not isinstance(alias, str):
        return None
    parts = urlsplit(alias.strip())
    if parts.query or not parts.path.strip("/"):
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if any(s in (".", "..") or not _ALIAS_SEGMENT.match(s) for s in segments):
        return None
    path = "/".join(segments)
    return path if path.endswith((".html", ".htm")) else f"{path}/index.html"
