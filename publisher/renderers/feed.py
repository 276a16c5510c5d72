"""Feeds: Atom and RSS 2.0 over the archive through feedgen, one entry per issue with its
full text, its documents' topics as categories and, as enclosures, every file of it readers
download (`Format.download`); ids are the issues' URLs, so they are stable. Each feed holds
the newest `[feed] entries` (20): the web archive keeps the rest.

Atom marks languages with xml:lang: an issue's entry speaks the issue's language, an article's
entry its document's, a language's feed that language; the HTML content keeps each article's
lang attribute. RSS has no per-item language: its channel keeps the newsletter's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import quote

from ..clock import day_instant
from ..i18n import gettext, interface_language
from ..model import Archive, Download, Issue
from ..output import Artifact
from ..templating import issue_name, own_name
from ..urls import edition_home_folder, tag_path
from .base import ArchiveRenderer, RenderContext
from .indexes import Indexes, Placed, issue_tags
from .old_addresses import alias_page

if TYPE_CHECKING:
    from feedgen.entry import FeedEntry
    from feedgen.feed import FeedGenerator

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class FeedRenderer(ArchiveRenderer):
    name: ClassVar[str] = "feed"

    def render(self, archive: Archive, ctx: RenderContext) -> list[Artifact]:
        """The issues' feeds (at the root), each language edition's (`editions/<lang>/`:
        its issues in that language, linking their pages and files), the articles' feeds."""
        language = ctx.config.language
        artifacts = self._issue_feeds(archive.issues, archive, "", language, ctx.config.title, ctx)
        for language, issues in archive.by_edition_language.items():
            title = f"{ctx.config.title} ({own_name(language)})"
            folder = edition_home_folder(language)
            artifacts += self._issue_feeds(issues, archive, folder, language, title, ctx)
        return [*artifacts, *self._article_feeds(archive, ctx)]

    def _issue_feeds(
        self,
        issues: tuple[Issue, ...],
        archive: Archive,
        folder: str,
        language: str,
        title: str,
        ctx: RenderContext,
    ) -> list[Artifact]:
        """Atom and RSS of `issues`, written in `folder` (relative to the site root)."""
        from feedgen.feed import FeedGenerator

        config = ctx.config
        feed = FeedGenerator()
        feed.id(config.base_url + folder)
        feed.title(title)
        feed.subtitle(config.description or config.title)
        feed.author({"name": config.organisation})
        feed.link(_links(config.base_url + folder, "feed.atom"))
        feed.language(language)
        feed.generator("publisher")
        feed.load_extension("dc", atom=False)  # RSS's <author> is an address: dc:creator
        issues = issues[: config.feed_entries]  # the newest (an archive lists them first)
        updated = max((_instant(i.updated, ctx) for i in issues), default=ctx.built_at)
        feed.updated(updated)
        feed.lastBuildDate(updated)
        languages = {ctx.issue_url(issue): issue.language for issue in issues}
        for issue in reversed(issues):  # feedgen prepends: newest ends up first
            downloads = archive.downloads.get(issue.folder, ())
            entry = feed.add_entry()
            entry.id(ctx.issue_url(issue))
            entry.title(_entry_title(issue))
            entry.link(href=ctx.issue_url(issue), rel="alternate")
            entry.published(_instant(issue.date, ctx))
            entry.updated(_instant(issue.updated, ctx))
            entry.author({"name": config.organisation})
            entry.dc.dc_creator(config.organisation)
            if issue.summary:
                entry.summary(issue.summary)
            content = self._content(issue, downloads, ctx)
            entry.content(_anchored(content, ctx.issue_url(issue)), type="html")
            _categorise(entry, issue_tags(issue))
            # Every download is an enclosure. RSS keeps only the last one: the first format's
            # (the main one), so they go in reverse format order.
            for download in reversed(downloads):
                entry.enclosure(
                    f"{config.base_url}{quote(download.path.as_posix())}",
                    download.size,
                    download.media_type,
                )
        atom = _atom(feed, languages)
        feed.link(_links(config.base_url + folder, "feed.rss"), replace=True)
        return [
            Artifact(Path(folder) / "feed.atom", atom),
            Artifact(Path(folder) / "feed.rss", feed.rss_str(pretty=True)),
        ]

    def _article_feeds(self, archive: Archive, ctx: RenderContext) -> list[Artifact]:
        """An Atom feed of articles per topic and per language, beside those pages: the
        site's, and each edition language's (editions/es/tags/huelgas/)."""
        title = ctx.config.title
        feeds = _listing_feeds(Indexes.of(archive), "", title, ctx.config.language)
        for language, issues in archive.by_edition_language.items():
            folder, edition_title = edition_home_folder(language), f"{title} ({own_name(language)})"
            feeds += _listing_feeds(Indexes.of_edition(issues), folder, edition_title, language)
        folders = frozenset(issue.slug for issue in archive.issues)
        contents: dict[str, str] = {}
        return [
            Artifact(
                Path(folder) / "feed.atom",
                self._article_feed(folder, title, language, placed, ctx, contents, folders),
            )
            for folder, title, language, placed in feeds
        ]

    def _article_feed(
        self,
        folder: str,
        title: str,
        language: str,
        placed: list[Placed],
        ctx: RenderContext,
        contents: dict[str, str],
        folders: frozenset[str] = frozenset(),
    ) -> bytes:
        """A feed of articles; `language` is the feed's own (a language's feed speaks it).
        `contents` keeps each article's entry HTML by its page's address, made once for
        every feed that carries it: a big archive's topic and language feeds each made
        their articles' again, eight times an article, most of a rebuild's time."""
        from feedgen.feed import FeedGenerator

        config = ctx.config
        placed = _newest_first(placed)
        feed = FeedGenerator()
        feed.id(config.base_url + folder)
        feed.title(title)
        feed.author({"name": config.organisation})
        feed.link(_links(config.base_url + folder, "feed.atom"))
        feed.language(language)
        feed.generator("publisher")
        feed.updated(max(_article_updated(item, ctx) for item in placed[: config.feed_entries]))
        languages = {}
        for item in reversed(placed[: config.feed_entries]):  # feedgen prepends: newest first
            url = ctx.document_url(item.issue, item.document.slug)
            known_as = _former_page(item, ctx.config.base_url, folders) or url
            languages[known_as] = item.document.language
            entry = feed.add_entry()
            entry.id(known_as)
            entry.title(item.document.title)
            entry.link(href=url, rel="alternate")
            entry.published(_instant(item.document.date or item.issue.date, ctx))
            entry.updated(_article_updated(item, ctx))
            for author in item.document.authors or (config.organisation,):
                entry.author({"name": author})
            if item.document.summary:
                entry.summary(item.document.summary)
            if url not in contents:  # the page's: the same article in the same issue
                html = self.render_template(
                    ctx, "article.html", issue=item.issue, doc=item.document
                )
                contents[url] = _anchored(html, url)
            entry.content(contents[url], type="html")
            _categorise(entry, item.document.tags)
        return _atom(feed, languages)

    def _content(self, issue: Issue, downloads: tuple[Download, ...], ctx: RenderContext) -> str:
        return self.render_template(ctx, "entry.html", issue=issue, downloads=downloads)


def _former_page(item: Placed, site: str, folders: frozenset[str]) -> str | None:
    """The address of the page an article had in this archive before it was renamed or
    moved, as the first of its `aliases` that was an article's page here (under one of
    the issues' `folders`) names it: feed readers know it by that id, and a new one shows
    an article they read as new. WordPress keeps a post's guid so."""
    for alias in item.document.aliases:
        path = (alias_page(alias, site) or "").removesuffix("index.html")
        if path.partition("/")[0] in folders and path.count("/") in (2, 3):  # ISSUE[/LANG]/DOC/
            return site + quote(path)
    return None


def _anchored(html: str, page: str) -> str:
    """`html` with its links within the page (a footnote's call and back-link, a link to a
    heading: `#strike-fn1`) leading to `page`, where those ids are: a feed reader resolves
    them against the feed's own address, and opened the feed file."""
    return _IN_PAGE.sub(lambda link: f'{link[1]}"{page}#', html)


_IN_PAGE = re.compile(r'(<a\b[^>]*?\shref=)"#')


def _links(page: str, feed_file: str) -> list[dict[str, str]]:
    """A feed's own address (`feed_file` beside `page`: the Atom's or the RSS's, each
    names itself) and the page it follows. feedgen gives RSS's channel <link> the last
    link's address: the page, as RSS wants, so it comes last. The self link's type tells a
    reader given both feeds which this is."""
    kind = "application/rss+xml" if feed_file.endswith(".rss") else "application/atom+xml"
    return [
        {"href": page + feed_file, "rel": "self", "type": kind},
        {"href": page, "rel": "alternate"},
    ]


def _categorise(entry: FeedEntry, tags: Iterable[str]) -> None:
    """Topics as categories: Atom's <category term>, RSS's <category>."""
    for tag in tags:
        entry.category({"term": tag})


def _newest_first(placed: list[Placed]) -> list[Placed]:
    """Articles by the day each was published, newest first, as feed readers and the
    issues' feeds give them: listed by issue then section, an article dated after the
    ones below it came between them. Those of one day keep their issue's order."""
    return sorted(placed, key=lambda item: item.document.date or item.issue.date, reverse=True)


def _article_updated(item: Placed, ctx: RenderContext) -> dt.datetime:
    """When an article last changed for its readers: published, then in its issue (never
    before), then corrected (its `updated`)."""
    document = item.document
    days = (document.date or item.issue.date, item.issue.date, document.updated)
    return _instant(max(day for day in days if day), ctx)


def _instant(day: dt.date, ctx: RenderContext) -> dt.datetime:
    """A day as Atom and RSS date it: noon in the newsletter's time zone."""
    return day_instant(day, ctx.config.time_zone)


def _entry_title(issue: Issue) -> str:
    """'No. 2: Número especial', in the issue's language like the entry it titles."""
    with interface_language(issue.language):
        return issue_name(issue)


def _listing_feeds(
    indexes: Indexes, folder: str, title: str, language: str
) -> list[tuple[str, str, str, list[Placed]]]:
    """(folder, title, language, articles) of the feeds of `indexes`' topics and languages,
    under `folder`; a topic's feed speaks `language`, a language's its own."""
    feeds = [
        (folder + tag_path(tag), f"{title}: {tag}", language, placed)
        for tag, placed in indexes.tags.items()
    ]
    return feeds + [
        (f"{folder}languages/{code}/", _articles_feed_title(title, code), code, placed)
        for code, placed in indexes.languages.items()
    ]


def _articles_feed_title(newsletter: str, code: str) -> str:
    """'Voces del Barrio: artículos en español', in that language: what the feed of the
    articles in one language holds, told apart from its edition's feed of issues."""
    with interface_language(code):
        return gettext("%(newsletter)s: articles in %(language)s") % {
            "newsletter": newsletter,
            "language": own_name(code),
        }


def _atom(feed: FeedGenerator, languages: dict[str, str]) -> bytes:
    """feedgen's Atom with what it cannot write itself: each entry's xml:lang (`languages`:
    entry id → language; feedgen has language for the feed only) and its links' attributes.

    feedgen 1.0.0 drops rel/type/length from entry links, losing the enclosures
    (lkiesow/python-feedgen#135): they are put back from feedgen's own link data."""
    from lxml import etree

    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(feed.atom_str())
    for entry, element in zip(feed.entry(), root.iterfind(f"{atom}entry"), strict=True):
        element.set(XML_LANG, languages[entry.id()])
        for link, link_element in zip(entry.link(), element.iterfind(f"{atom}link"), strict=True):
            for key in ("rel", "type", "hreflang", "title", "length"):
                if link.get(key):
                    link_element.set(key, str(link[key]))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
