"""Web: the static archive — home page, a page per issue and per document, tag and language
pages, a search page (its index: `search`), a sitemap — all links relative, so `dist/`
works from any web server or bucket.

This is where the email's "view in browser" and "read online" links, the feeds' entry links
and the leaflets' QR codes land.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import posixpath
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar, NamedTuple
from urllib.parse import quote, urljoin

from ..attachments import editorial_media
from ..manifest import former_slugs
from ..model import Archive, Document, Issue, text_direction
from ..output import Artifact
from ..pool import transliterated_slug
from ..resources import cover_path, lead_image, media_path, published_image
from ..sanitize import plain_text
from ..urls import edition_home_folder, tag_path
from .base import ArchiveRenderer, Job, RenderContext
from .email.content import excerpt
from .images import publish_for_email, publish_style, share_image
from .indexes import Indexes, Placed, canonical_listings
from .old_addresses import (
    alias_page,
    issue_aliases,
    no_redirect,
    old_folders,
    outside,
    site_folder,
    warn_of_no_redirect,
)
from .search import search_bundle

log = logging.getLogger(__name__)


# What static hosts (GitHub Pages, Netlify, Cloudflare Pages) answer a missing address with
NOT_FOUND = "404.html"
# The most addresses, and bytes, search engines read from one sitemap (sitemaps.org): a
# bigger archive's sitemap.xml is an index of several, sitemap-1.xml, sitemap-2.xml …
SITEMAP_URLS = 50_000
SITEMAP_BYTES = 50 * 1024 * 1024
# The articles a topic's or a language's page lists, and the issues a home page does: the
# rest on its pages 2, 3 … (tags/pay/page/2/, as Hugo and WordPress address them).
PER_PAGE = 50
# The characters of a description search engines show under a result's title
DESCRIPTION_CHARS = 160


class Page(NamedTuple):
    path: str  # relative to the output folder, ends in index.html
    template: str
    values: dict[str, Any]

    @property
    def language(self) -> str | None:
        """The interface (navigation, dates) of an issue's pages speaks the issue's language,
        a search page its own."""
        issue = self.values.get("issue")
        return issue.language if issue else self.values.get("interface_language")

    @property
    def edition(self) -> str:
        """The edition language whose home page and feeds the page's menus link: an
        edition's pages', and that language's home and search pages'; "" for the site's."""
        issue: Issue | None = self.values.get("issue")
        return issue.edition if issue else str(self.values.get("edition_language", ""))

    @property
    def content_language(self) -> str | None:
        """An article's page is in the article's language (its <html lang>), whatever the
        issue's; the page's interface is then marked with the interface's own language."""
        doc = self.values.get("doc")
        return doc.language if doc else None


class Pager(NamedTuple):
    """Where one page of a long listing is among the listing's pages (`_paged`)."""

    number: int  # this page's, from 1
    pages: int  # how many the listing has
    start: int  # the items the pages before it list
    total: int  # the items of the whole listing
    folder: str  # the first page's, from the site's root ("tags/pay/", "" for home)

    def folder_of(self, number: int) -> str:
        return self.folder if number == 1 else f"{self.folder}page/{number}/"

    def link(self, number: int) -> str:
        """The link from this page to page `number` of the listing; "" for none."""
        if not 1 <= number <= self.pages or number == self.number:
            return ""
        here = self.folder_of(self.number) or "."
        return posixpath.relpath(self.folder_of(number) or ".", here) + "/"

    @property
    def newer(self) -> str:
        return self.link(self.number - 1)

    @property
    def older(self) -> str:
        return self.link(self.number + 1)


def _paged(
    folder: str,
    template: str,
    values: dict[str, Any],
    key: str,
    items: Sequence[Any],
    canonical: str = "",
) -> list[Page]:
    """The pages of a listing at `folder` of `items` (under `key`), PER_PAGE a page: a
    topic of 250 articles, or a home page of 300 issues, was one page of tens of thousands
    of pixels. Only the first page is another edition's page's alternate; the later ones
    keep its menu of the other languages (`language_menu`), for a reader to change there.
    A listing that is a copy of the one at `canonical` names its page of the same number
    as theirs: the copy is left out of the sitemap."""
    chunks = [items[at : at + PER_PAGE] for at in range(0, len(items), PER_PAGE)] or [items]
    pages = []
    for number, chunk in enumerate(chunks, 1):
        pager = Pager(number, len(chunks), (number - 1) * PER_PAGE, len(items), folder)
        menu = values.get("alternates", ())
        own = values if number == 1 else values | {"alternates": (), "language_menu": menu}
        if canonical:
            own = own | {"canonical": pager._replace(folder=canonical).folder_of(number)}
        pages.append(
            Page(
                f"{pager.folder_of(number)}index.html", template, own | {key: chunk, "pager": pager}
            )
        )
    return pages


class SitemapUrl(NamedTuple):
    url: str
    alternates: tuple[Alternate, ...]  # the page in the issue's other editions
    changed: dt.date | None  # <lastmod>


def _last_changed(page: Page) -> dt.date | None:
    """When the page last changed for its readers: an article's when it was published in
    its issue or corrected since (as its feed entry says), an issue's when the last of
    its articles was, a listing's (home, topics, languages) when the newest it lists was."""
    values = page.values
    issue: Issue | None = values.get("issue")
    if issue:
        doc: Document | None = values.get("doc")
        return _article_changed(Placed(issue, doc)) if doc else issue.updated
    listings: list[list[Placed]] = [
        values.get("placed", []),
        *values.get("tags", {}).values(),
        *values.get("languages", {}).values(),
    ]
    days = [_article_changed(placed) for listing in listings for placed in listing]
    issues: tuple[Issue, ...] = values.get("issues", ())
    return max([*days, *(issue.updated for issue in issues)], default=None)


def _article_changed(placed: Placed) -> dt.date:
    """The day an article's page in an issue last changed: the issue's, or its correction's."""
    return max(filter(None, (placed.issue.date, placed.document.updated)))


def opening_words(doc: Document) -> str:
    """What describes an article without a summary to search engines and link previews:
    its own first words (as its email excerpt opens, headings and footnote marks left out),
    cut at a word, not its issue's summary, which every such article shared, in the
    issue's language whatever the article's."""
    return plain_text(excerpt(doc.body_html, DESCRIPTION_CHARS))


def search_path(language: str, newsletter_language: str) -> str:
    """The search page whose interface speaks `language`: search/ in the newsletter's,
    search/es/ in Spanish."""
    return (
        "search/index.html" if language == newsletter_language else f"search/{language}/index.html"
    )


class WebRenderer(ArchiveRenderer):
    name: ClassVar[str] = "web"

    def jobs(self, archive: Archive) -> list[Job]:
        """One job per issue and language edition (its page, its articles' pages and their
        images), one for the pages over all issues, one for the search index: a changed
        article re-renders its issue's pages, the index and the search index."""
        jobs = [
            Job(self, f"web {edition.folder}", archive.only(edition), "issue")
            for edition in archive.every_edition
        ]
        return [
            *jobs,
            Job(self, "web index", archive, "index"),
            Job(self, "web search", archive, "search"),
        ]

    def run(self, job: Job, ctx: RenderContext) -> list[Artifact]:
        if job.part == "issue":
            archive: Archive = job.subject
            issue = archive.issues[0]
            pages = [
                self._page(ctx, page, archive) for page in self._issue_pages(archive, (issue,))
            ]
            if not issue.edition:
                return [*pages, *self._images(archive, ctx), *self._covers(archive, ctx)]
            # A language edition shares its original's cover and images: the original's job
            # publishes those, this one only what its translations add.
            original = archive.issues_of(issue)[0]
            return [
                *pages,
                *self._images(archive, ctx, skip=self._used_images(original, ctx)),
                *publish_for_email(issue, ctx.config.documents_dir, besides=original),
            ]
        if job.part == "search":
            return search_bundle(job.subject, ctx.config) if ctx.config.web_search else []
        return self._index(job.subject, ctx)

    def render(self, archive: Archive, ctx: RenderContext) -> list[Artifact]:
        return [artifact for job in self.jobs(archive) for artifact in self.run(job, ctx)]

    def _index(self, archive: Archive, ctx: RenderContext) -> list[Artifact]:
        pages = self._home_pages(archive, ctx.config.language)
        site_indexes = Indexes.of(archive)
        editions = {
            language: Indexes.of_edition(issues)
            for language, issues in archive.by_edition_language.items()
        }
        canonical = canonical_listings(site_indexes, editions)
        pages += self._index_pages(site_indexes, canonical=canonical)
        pages += self._edition_index_pages(editions, canonical)
        site = ctx.config.base_url
        every_page = [*pages, *self._issue_pages(archive, archive.every_edition)]
        urls = [
            SitemapUrl(
                site + quote(page.path.removesuffix("index.html")),
                page.values.get("alternates", ()),
                _last_changed(page),
            )
            for page in every_page
            if "canonical" not in page.values  # a copy of another page: that one is listed
        ]
        files = [
            *self._search_pages(archive, ctx),
            Artifact.text("site.css", self.render_template(ctx, "site.css")),
            *self._sitemaps(ctx, urls),
            _robots_txt(site),
            *publish_style(ctx.config.style, functools.cache(lambda: _site_letters(archive, ctx))),
        ]
        taken = {page.path for page in every_page} | {file.path.as_posix() for file in files}
        formers = former_slugs(issue.source for issue in archive.issues)  # dd-ldrb for عدد
        redirects = self._redirect_pages(archive, taken | {NOT_FOUND}, site, formers)
        documents = ctx.config.documents_dir
        redirects += _transliterated_pages(archive, documents, taken, redirects, site, formers)
        not_found = Page(NOT_FOUND, "404.html", {})  # in no sitemap, nor the search index
        every = [*pages, *redirects, not_found]
        return [*(self._page(ctx, page, archive) for page in every), *files]

    def _sitemaps(self, ctx: RenderContext, urls: list[SitemapUrl]) -> list[Artifact]:
        """sitemap.xml listing `urls`; past what search engines read of one sitemap
        (SITEMAP_URLS, SITEMAP_BYTES), an index of sitemap-1.xml, sitemap-2.xml … each
        within both: the rest of a big archive was never read."""

        def within_limits(chunk: list[SitemapUrl]) -> list[tuple[list[SitemapUrl], str]]:
            xml = self.render_template(ctx, "sitemap.xml", urls=chunk)
            if len(chunk) > 1 and len(xml.encode()) > SITEMAP_BYTES:
                half = len(chunk) // 2
                return [*within_limits(chunk[:half]), *within_limits(chunk[half:])]
            return [(chunk, xml)]

        chunks = [urls[at : at + SITEMAP_URLS] for at in range(0, len(urls), SITEMAP_URLS)]
        parts = [part for chunk in chunks or [[]] for part in within_limits(chunk)]
        if len(parts) == 1:
            return [Artifact.text("sitemap.xml", parts[0][1])]
        names = [f"sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
        sitemaps = [
            (ctx.config.base_url + name, max((u.changed for u in chunk if u.changed), default=None))
            for name, (chunk, _) in zip(names, parts, strict=True)
        ]
        index = self.render_template(ctx, "sitemap-index.xml", sitemaps=sitemaps)
        return [
            Artifact.text("sitemap.xml", index),
            *(Artifact.text(name, xml) for name, (_, xml) in zip(names, parts, strict=True)),
        ]

    @staticmethod
    def _home_pages(archive: Archive, language: str) -> list[Page]:
        """The home page, and one for each edition language (`editions/es/`, beside its
        feeds) listing every issue read in that language: a reader of the Spanish editions
        finds them all, as the menus of their pages promise. Each is the others' alternate;
        the home page, every original as written, is the newsletter language's only when
        that language has no such page of its own (one address per language)."""
        editions = archive.by_edition_language
        homes = [(e, edition_home_folder(e)) for e in editions]
        if language not in editions:
            homes.insert(0, (language, ""))
        alternates = (
            (*(Alternate(*home) for home in homes), Alternate("x-default", "")) if editions else ()
        )
        values = {"archive": archive, "alternates": alternates}
        pages = _paged("", "index.html", values, "issues", archive.issues)
        for edition, issues in editions.items():
            speaks = {"interface_language": edition, "edition_language": edition}
            folder = edition_home_folder(edition)
            pages += _paged(folder, "index.html", values | speaks, "issues", issues)
        return pages

    def _search_pages(self, archive: Archive, ctx: RenderContext) -> list[Artifact]:
        """The search page (not in the sitemap) and its starter, and one in each other
        language the archive's pages speak (search_path), which their menus link: a
        Spanish edition's reader searches in Spanish. None when `[web]` says
        `search = false`, for a site with no script at all."""
        if not ctx.config.web_search:
            return []
        languages = {issue.language for issue in archive.every_edition} | {ctx.config.language}
        editions = archive.by_edition_language
        pages = [
            Page(
                search_path(language, ctx.config.language),
                "search.html",
                {
                    "interface_language": language,
                    "edition_language": language if language in editions else "",
                },
            )
            for language in sorted(languages)
        ]
        script = self.render_template(ctx, "search.js")
        return [
            *(self._page(ctx, page, archive) for page in pages),
            Artifact.text("search.js", script),
        ]

    @staticmethod
    def _issue_pages(archive: Archive, issues: Iterable[Issue]) -> list[Page]:
        """The pages of these issues (or editions), each with its `alternates`: the same page
        in the issue's other editions (the page itself included, as hreflang wants)."""
        pages = []
        for issue in issues:
            downloads = archive.downloads.get(issue.folder, ())
            siblings = archive.issues_of(issue)
            alternates = _alternates(siblings, "") if len(siblings) > 1 else ()
            pages.append(
                Page(
                    f"{issue.folder}/index.html",
                    "issue.html",
                    {"issue": issue, "downloads": downloads, "alternates": alternates},
                )
            )
            docs = issue.documents
            for i, doc in enumerate(docs):
                neighbours = {
                    "previous": docs[i - 1] if i else None,
                    "next": docs[i + 1] if i + 1 < len(docs) else None,
                }
                values: dict[str, Any] = {"issue": issue, "doc": doc, "downloads": downloads}
                values["opening"] = opening_words(doc)
                values |= neighbours
                if len(siblings) > 1:
                    values |= _translations(siblings, issue, doc)
                values |= _reprinted(archive, issue, doc)
                pages.append(Page(f"{issue.folder}/{doc.slug}/index.html", "document.html", values))
        return pages

    @staticmethod
    def _used_images(issue: Issue, ctx: RenderContext) -> set[str]:
        """The images and files an issue's own pages publish (an edition's job leaves them
        to it)."""
        used = {image for doc in issue.documents for image in doc.media}
        used |= set(editorial_media(issue))
        leads = (lead_image(doc, ctx.config.documents_dir) for doc in issue.documents)
        return used | {image for image in leads if image}

    @staticmethod
    def _index_pages(
        indexes: Indexes,
        folder: str = "",
        speaks: dict[str, str] | None = None,
        canonical: dict[str, str] | None = None,
    ) -> list[Page]:
        """The topic and language pages of `indexes`, under `folder` (an edition language's,
        whose interface `speaks` gives; the site's by default); a listing `canonical`
        gives (its folder from the site's root → another's) is a copy of that one."""
        speaks, canonical = speaks or {}, canonical or {}
        pages = [
            Page(f"{folder}tags/index.html", "tags.html", {"tags": indexes.tags} | speaks),
            Page(
                f"{folder}languages/index.html",
                "languages.html",
                {"languages": indexes.languages} | speaks,
            ),
        ]
        for tag, placed in indexes.tags.items():
            topic: dict[str, Any] = {"tag": tag, "named_by": placed[0].document} | speaks
            at = folder + tag_path(tag)
            pages += _paged(at, "listing.html", topic, "placed", placed, canonical.get(at, ""))
        for code, placed in indexes.languages.items():
            language: dict[str, Any] = {"language_code": code} | speaks
            at = f"{folder}languages/{code}/"
            pages += _paged(at, "listing.html", language, "placed", placed, canonical.get(at, ""))
        return pages

    @classmethod
    def _edition_index_pages(
        cls, editions: dict[str, Indexes], canonical: dict[str, str]
    ) -> list[Page]:
        """Each edition language's topic and language pages (editions/es/tags/, its menus'
        "Temas" and "Idiomas"), in that language, listing its issues' articles as it shows
        them (`editions`: language → its `Indexes.of_edition`): its readers were sent to
        the site's, in the newsletter's language."""
        pages = []
        for edition, indexes in editions.items():
            speaks = {"interface_language": edition, "edition_language": edition}
            folder = edition_home_folder(edition)
            pages += cls._index_pages(indexes, folder, speaks, canonical)
        return pages

    @staticmethod
    def _redirect_pages(
        archive: Archive, taken: set[str], site: str, formers: dict[Path, str]
    ) -> list[Page]:
        """A page at each old address a document or a translation lists in its front
        matter's `aliases` (an archive brought over from another platform, a multilingual
        Hugo site), sending readers and search engines on to its page: the newest issue's,
        when several carry it, in the edition it is translated for. And at an issue's old
        folder (its manifest's `aliases`), for its page and each of its articles'. `site`
        (base_url) says where dist/ is served: an old address is found under it; `formers`,
        the issues' former slugs (`manifest.former_slugs`), are old folders too."""
        pages: list[Page] = []
        redirected: set[str] = set()
        for issue in archive.every_edition:  # newest first, each original before its editions
            for doc in issue.documents:
                for alias in (*doc.aliases, *doc.addresses):  # its Hugo address: unsaid
                    path = alias_page(alias, site)
                    if path in redirected:
                        continue  # claimed already: in a newer issue, or in the original edition
                    why = outside(alias, site) or no_redirect(path, taken, archive)
                    if why or path is None:
                        if alias in doc.aliases:  # a Hugo address of its own: silent
                            warn_of_no_redirect(doc.source, alias, why)
                        continue
                    redirected.add(path)
                    values = {"target": f"{issue.folder}/{doc.slug}/", "title": doc.title}
                    pages.append(Page(path, "redirect.html", values))
            for path, target, article in issue_aliases(issue, site, formers):
                if path in redirected or no_redirect(path, taken, archive):
                    continue  # a document's own alias, or a page of the site, comes first
                redirected.add(path)
                title = article.title if article else issue.title or f"{issue.number}"
                pages.append(Page(path, "redirect.html", {"target": target, "title": title}))
        return pages

    def _page(self, ctx: RenderContext, page: Page, archive: Archive) -> Artifact:
        language = page.language or ctx.config.language
        content_language = page.content_language or language
        root = "../" * (len(PurePosixPath(page.path).parts) - 1)
        if page.path == NOT_FOUND:  # served at any address: links from the site's folder
            root = site_folder(ctx.config.base_url)
        html = self.render_template(
            ctx,
            page.template,
            root=root,
            page_url=""
            if page.path == NOT_FOUND  # the page of no address
            else ctx.config.base_url + quote(page.path.removesuffix("index.html")),
            language=language,
            direction=text_direction(language),
            page_language=content_language,
            page_direction=text_direction(content_language),
            search_page=search_path(language, ctx.config.language).removesuffix("index.html"),
            feeds=archive.feeds,
            edition=page.edition,
            home_link=_home_link(page, root),
            feed_folder=edition_home_folder(page.edition) if page.edition else "",
            # where the page's topic and language pages are: its edition language's own
            edition_folder=edition_home_folder(page.edition) if page.edition else "",
            share=share_image(
                page.values.get("issue"),
                page.values.get("doc"),
                ctx.config.style,
                ctx.config.documents_dir,
                ctx.config.base_url,
            ),
            **page.values,
        )
        return Artifact.text(page.path, html)

    @staticmethod
    def _images(
        archive: Archive, ctx: RenderContext, skip: set[str] | frozenset[str] = frozenset()
    ) -> list[Artifact]:
        """Publish the images the articles use (already confined to documents/; SVG
        sanitised, one that cannot be is left out with a warning naming who used it), and
        the files they link to."""
        used = {
            image: doc.source
            for issue in archive.issues
            for doc in issue.documents
            for image in doc.media
        }
        for issue in archive.issues:
            used |= dict.fromkeys(editorial_media(issue), issue.source)
            for doc in issue.documents:
                if image := lead_image(doc, ctx.config.documents_dir):
                    used.setdefault(image, doc.source)
        images = (
            (image, published_image(ctx.config.documents_dir, image, used[image]))
            for image in sorted(set(used) - skip)
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


# Letters a bundled web font keeps whatever the text holds now: Latin with its accents,
# punctuation and currency signs, for the next article's "ç" or "€" (each page of a site
# built before it was written loads the one font file of the build after)
_WEB_FONT_LETTERS = "".join(
    chr(code)
    for start, end in ((0x20, 0x17F), (0x2010, 0x205E), (0x20A0, 0x20C0))
    for code in range(start, end + 1)
)


def _site_letters(archive: Archive, ctx: RenderContext) -> str:
    """Every letter the site's pages may set in a bundled font: the articles', the issues'
    and the newsletter's own words, and _WEB_FONT_LETTERS."""
    config = ctx.config
    texts = [config.title, config.description, config.organisation, config.style.masthead]
    for issue in archive.every_edition:
        texts += [issue.title, issue.summary, issue.editorial_html]
        texts += [section.title for section in issue.sections]
        for doc in issue.documents:
            texts += [doc.title, doc.subtitle, doc.summary, doc.body_html, *doc.authors]
    return "".join(sorted(set(_WEB_FONT_LETTERS).union(*texts)))


def _robots_txt(site: str) -> Artifact:
    """robots.txt, naming the sitemap. Crawlers read it only at the host's root: a site in
    a folder (base_url https://example.org/news/) is told where its line goes instead, as
    its own robots.txt, published at /news/robots.txt, is read by none."""
    sitemap = f"{site}sitemap.xml"
    if site_folder(site) != "/":
        log.info(
            "robots.txt is read only at the host's root, %s, not in this site's folder: add"
            " the line 'Sitemap: %s' there, or submit that sitemap in Google Search Console"
            " and Bing Webmaster Tools",
            urljoin(site, "/robots.txt"),
            sitemap,
        )
    return Artifact.text("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {sitemap}\n")


def _home_link(page: Page, root: str) -> str:
    """The page's link to its home page (`root`: the way up to the site's): its edition
    language's, or the site's; "./" on the home page itself."""
    home = edition_home_folder(page.edition) if page.edition else ""
    return "./" if page.path == f"{home}index.html" else (root + home or "./")


class Alternate(NamedTuple):
    """The same page in another edition: `<link rel="alternate" hreflang>`, the switcher."""

    language: str  # an edition's language, or "x-default" (the original's page)
    path: str  # relative to the site root, ends in "/"


def _alternates(editions: tuple[Issue, ...], doc_slug: str) -> tuple[Alternate, ...]:
    """The page (the issue's, or its document `doc_slug`'s) in each edition that has it,
    and x-default: the original's. An edition without the document (`untranslated: omit`)
    is left out, so every alternate resolves; a page no other edition has gets none."""
    found = []
    for edition in editions:
        if doc_slug and doc_slug not in {doc.slug for doc in edition.documents}:
            continue
        path = f"{edition.folder}/{doc_slug}/" if doc_slug else f"{edition.folder}/"
        found.append(Alternate(edition.language, path))
    return _with_default(found)


def _with_default(found: Sequence[Alternate]) -> tuple[Alternate, ...]:
    """`found` and x-default, the first's page; none for a page alone in its language."""
    return (*found, Alternate("x-default", found[0].path)) if len(found) > 1 else ()


def _translations(editions: tuple[Issue, ...], issue: Issue, doc: Document) -> dict[str, Any]:
    """What the page of `doc` in `issue` (one of `editions`) takes from the others: every
    edition's page of it for its menu (`language_menu`), but as hreflang `alternates` only
    its translations' pages, each by the language it is written in (a Spanish article in
    the English issue is "es"); and, on a copy of a text an edition before shows already
    (the original not translated yet, or already in this edition's language), that page
    as its `canonical`: the same words at two addresses were two pages to index, the
    English one announced as Spanish."""
    texts: dict[Path, Alternate] = {}  # each text's first page: the original's
    for edition in editions:
        for shown in edition.documents:
            if shown.slug == doc.slug and shown.source not in texts:
                same = edition.language.split("-")[0] == shown.language.split("-")[0]
                language = edition.language if same else shown.language
                texts[shown.source] = Alternate(language, f"{edition.folder}/{doc.slug}/")
    values = {
        "alternates": _with_default(list(texts.values())),
        "language_menu": _alternates(editions, doc.slug),
    }
    original = texts[doc.source].path
    return values if original == f"{issue.folder}/{doc.slug}/" else values | {"canonical": original}


def _reprinted(archive: Archive, issue: Issue, doc: Document) -> dict[str, str]:
    """A `canonical` for the page of an article an earlier issue published first (a
    statement put in a later issue again): that first page, which alone is in the
    sitemap, rather than two indexable copies of the same words. Copies within one
    issue's editions are `_translations`' to name."""
    first = archive.first_pages.get(doc.source, "")
    return {"canonical": first} if first.partition("/")[0] not in ("", issue.slug) else {}


def _transliterated_pages(
    archive: Archive,
    documents: Path,
    taken: set[str],
    redirects: list[Page],
    site: str,
    formers: dict[Path, str],
) -> list[Page]:
    """A redirect at each article's address from before Arabic and Hebrew file names kept
    their letters (041-pay/drb-ml-lmyn/ → 041-pay/إضراب-عمال-الميناء/), in each edition and
    in the issue's old folders too (dd-ldrb/drb-ml-lmyn/): readers' bookmarks, other sites'
    links and search engines still find it. Where a page or a redirect of the build is
    already, none."""
    old_slugs: dict[str, str] = {}
    for issue in archive.issues:
        for doc in issue.documents:
            try:
                before = transliterated_slug(doc.source.relative_to(documents))
            except ValueError:
                continue  # not in documents/
            if before != doc.slug:
                old_slugs[doc.slug] = before
    pages = []
    written = taken | {page.path for page in redirects}
    for issue in archive.every_edition:
        shared = Counter(old_slugs.get(doc.slug) for doc in issue.documents)
        for doc in issue.documents:
            old = old_slugs.get(doc.slug, "")
            if not old or shared[old] > 1:
                continue  # two articles' old address: the build refused it, no page was there
            for folder in (f"{issue.folder}/", *old_folders(issue, site, formers)):
                if (path := f"{folder}{old}/index.html") not in written:
                    written.add(path)
                    values = {"target": f"{issue.folder}/{doc.slug}/", "title": doc.title}
                    pages.append(Page(path, "redirect.html", values))
    return pages
