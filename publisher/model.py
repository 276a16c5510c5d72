"""The typed, immutable data that flows from reading to rendering.

Readers make Documents, assembly makes an Issue; renderers only read these.
Every HTML string in here has already passed through `sanitize.clean_html`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .printing import PrintSettings
from .urls import issue_folder

# A page break in a body (a writer's `\newpage`, a word processor's break): print breaks
# the page after it (partials/print-base.css), a screen shows nothing
PAGE_BREAK = '<div class="page-break"></div>'


@dataclass(frozen=True)
class Document:
    """One article, statement or leaflet text from the pool."""

    slug: str
    title: str
    body_html: str
    source: Path
    language: str
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    date: dt.date | None = None
    updated: dt.date | None = None  # corrected or revised since: always later than `date`
    tags: tuple[str, ...] = ()
    summary: str = ""
    images: tuple[str, ...] = ()  # paths relative to documents/, as used in body_html
    # files it links to, published as downloads (attachments.py): paths relative to documents/
    attachments: tuple[str, ...] = ()
    draft: bool = False  # marked unfinished by its author: issues leave it out
    aliases: tuple[str, ...] = ()  # its old addresses: the web archive writes redirects there
    # its address on the Hugo site it was copied from (`readers.metadata.hugo_addresses`):
    # redirected as an alias is, but unsaid where a page of the build is already
    addresses: tuple[str, ...] = ()
    # In a language edition: the original shown because no translation exists yet (the
    # outputs say so in the edition's language, and mark the text with its own `language`).
    untranslated: bool = False
    # The ids of its body the issue's assembly renamed, as read → as shown, because the
    # issue's pages already gave them (`issue_ids`): links from other documents follow
    renamed_ids: tuple[tuple[str, str], ...] = ()
    # front matter publisher has no use for (a generator's `aliases`, `layout` …), for templates
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def direction(self) -> str:
        return text_direction(self.language)

    @property
    def page_breaks(self) -> int:
        return self.body_html.count(PAGE_BREAK)

    @property
    def media(self) -> tuple[str, ...]:
        """What the web archive publishes of its own: its pictures and the files it links
        to (paths relative to documents/)."""
        return (*self.images, *self.attachments)


RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug"})
# Those written in the Arabic script: the importers tell a run of it by these, the theme
# sets it larger beside Latin (partials/arabic-size.css).
ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "sd", "ug", "ckb"})


def text_direction(language: str) -> str:
    """'rtl' for languages written right to left, else 'ltr' (for HTML's dir attribute)."""
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


@dataclass(frozen=True)
class Section:
    title: str
    documents: tuple[Document, ...]
    # In an edition, the language of a title left untranslated (the original's), else ""
    title_language: str = ""


@dataclass(frozen=True)
class Leaflet:
    """One document laid out as a handout: headline, standfirst, pull quote, body, footer."""

    document: Document
    sides: int = 1  # 1 or 2
    columns: int = 1
    standfirst: str = ""
    pull_quote: str = ""
    qr: str = ""  # where the QR code points (a petition, a donation page); "": the issue page
    pdf: PrintSettings = field(default_factory=PrintSettings)
    sides_line: int | None = None  # the manifest's line of `sides:` (None: not said there)


@dataclass(frozen=True)
class Issue:
    """A numbered issue: an editorial and ordered sections of documents."""

    slug: str
    number: int
    title: str
    date: dt.date
    language: str
    editorial_html: str
    sections: tuple[Section, ...]
    source: Path
    summary: str = ""
    cover: Path | None = None
    cover_alt: str = ""  # what the cover shows (the manifest's cover_alt), "" when unsaid
    pdf: PrintSettings = field(default_factory=PrintSettings)  # the manifest's print options
    leaflet: Leaflet | None = None
    # Language editions: every one is an Issue. `edition` is "" for the original, else the
    # edition's language (its outputs go to <slug>/<edition>/); `editions` lists every
    # language the issue is published in, the original's first.
    edition: str = ""
    original_language: str = ""
    editions: tuple[str, ...] = ()
    # In an edition, the language of a title (or summary) left untranslated (the
    # original's), else "": templates mark it (`in_its_language`) so it is read, and set
    # right to left, as written
    title_language: str = ""
    summary_language: str = ""
    # files of documents/ the editorial links to, published as downloads (attachments.py),
    # as paths relative to documents/: named when its links are pointed at the web archive
    # (`renderers.links.with_archive_links`), which leaves no relative link to find them by
    editorial_files: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # its old addresses (its manifest renamed): redirected
    revised: dt.date | None = None  # the manifest's `updated:` (an article taken down since)

    @property
    def folder(self) -> str:
        """Where this edition's outputs and pages live, relative to the output folder."""
        return issue_folder(self.slug, self.edition)

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(doc for section in self.sections for doc in section.documents)

    @property
    def direction(self) -> str:
        return text_direction(self.language)

    @property
    def updated(self) -> dt.date:
        """Its date, or the last day it or one of its articles was corrected after it
        (feeds tell readers of an issue changed since they read it)."""
        corrected = (doc.updated for doc in self.documents if doc.updated)
        return max((self.date, *corrected, *filter(None, [self.revised])))


@dataclass(frozen=True)
class Download:
    """A file written for an issue that other outputs link to (feed enclosures, web page)."""

    format: str
    path: Path  # relative to the output folder
    media_type: str
    size: int
    label: str  # what a link to it says (before translation): "PDF", "leaflet (PDF)"
    saved_as: str = ""  # the name to save it under (`Offer.saved_as`): the web page's links


@dataclass(frozen=True)
class Archive:
    """All issues, newest first, with the downloadable files already written for each."""

    issues: tuple[Issue, ...]  # the originals
    downloads: dict[str, tuple[Download, ...]]  # issue folder (Issue.folder) → files
    # issue slug → every edition of an issue published in several languages, original first
    editions: dict[str, tuple[Issue, ...]] = field(default_factory=dict)
    feeds: bool = True  # the feeds are built (by this build or one before): pages link them
    # What `first_pages` says of the texts of an archive made by `only`, which lacks the
    # issues before: their pages in the issue that published them first
    published_first: Mapping[Path, str] = field(default_factory=dict)

    def only(self, issue: Issue) -> Archive:
        """The archive as far as one edition's own pages need it (its sibling editions
        too: its pages link theirs; where an issue before published its texts)."""
        every = self.issues_of(issue)
        first = self.first_pages
        return Archive(
            (issue,),
            {i.folder: self.downloads.get(i.folder, ()) for i in every},
            {issue.slug: every} if len(every) > 1 else {},
            self.feeds,
            {doc.source: first[doc.source] for i in every for doc in i.documents},
        )

    @functools.cached_property
    def first_pages(self) -> dict[Path, str]:
        """Each text's page (its path, "001-first/rent-strike/") in the earliest issue that
        shows it, by date then number, an original before its editions: an article put in
        a later issue again is a copy of that page."""
        pages = dict(self.published_first)
        for edition in sorted(self.every_edition, key=lambda e: (e.date, e.number)):
            for doc in edition.documents:
                pages.setdefault(doc.source, f"{edition.folder}/{doc.slug}/")
        return pages

    def issues_of(self, issue: Issue) -> tuple[Issue, ...]:
        """Every edition of `issue`, the original first (just `issue` when it has none)."""
        return self.editions.get(issue.slug, (issue,))

    @property
    def every_edition(self) -> tuple[Issue, ...]:
        """The originals, each followed by its language editions."""
        return tuple(e for i in self.issues for e in self.issues_of(i))

    @property
    def by_edition_language(self) -> dict[str, tuple[Issue, ...]]:
        """Each edition language's issues as read in it, newest first: its editions, and
        the originals written in it (as an edition in their language would be: `es-MX`
        in `es`), which its reader wants as much. What that language's feeds carry and
        its home page lists; a language no issue has an edition in has none."""
        languages = dict.fromkeys(e.edition for i in self.issues for e in self.issues_of(i)[1:])
        return {
            language: tuple(
                e
                for issue in self.issues
                for e in self.issues_of(issue)
                if e.language == language
                or (not e.edition and e.language.split("-")[0] == language)
            )
            for language in languages
        }
