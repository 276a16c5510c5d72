"""`publisher import` of a whole newsletter from another platform: its export, as
downloaded, becomes documents, issue manifests, images in the pool, and the list.

Each sent post becomes a document and an issue of its own (numbered by the platform, else
by date after the workspace's last issue), so the web archive and feeds carry the old
archive; its old address is kept as the document's `aliases`, for the web archive's
redirect pages, and a link from another post of the export leads to its document
(`post_links`). The issue is in the post's language (`language:` when it is not the
workspace's), its section titled in that language from publisher's interface catalogue.
Importing the same export again writes nothing: a post already imported is known by the
hash of its content (front matter `imported:`), its manifest by name. When it comes again
changed (edited on the platform since), or with pictures its document lacks (fetched this
time, or in the folder its JSON was first given without), that document, known by the
post's key and title, is written again, unless the editor has edited it since
(`index.unedited`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any
from urllib.parse import unquote

import lxml.html

from ..config import load_config
from ..errors import Problem, PublisherError
from ..i18n import base_language, gettext, interface_language
from ..jobs import Progress, Silent
from ..languages import NotALanguage, language_tag
from ..limits import DEFAULT_LIMITS
from ..output import atomic_write
from ..pool import DocumentPool, slug_for, slugged
from ..slugs import unique
from ..sourcefile import dump_yaml, parse_file
from ..workers import workers
from . import (
    blogger,
    bluesky,
    feed,
    ghost,
    listmonk,
    mailchimp,
    mastodon,
    medium,
    member_lists,
    meta_downloads,
    notion,
    substack,
    telegram,
    twitter,
    wordpress,
)
from .crossposts import SAME_WORDS, PoolWords, words_of
from .draft import headings_too_long
from .exports import ExportFiles, LeftOut, PlatformExport, Post, title_from_words
from .index import EDITED, imported_documents, stamped, unedited
from .kinds import MARKDOWN_SUFFIXES, MESSAGE_SUFFIXES, OFFICE_SUFFIXES, PDF_SUFFIXES, TEXT_SUFFIXES
from .members import MAPPINGS, Member, merged
from .merge_links import merge_tag_left_out
from .platform_html import CleanBody, Fetch, clean_post_html, html_words, without_picture
from .post_links import PostLinks

READERS: tuple[ModuleType, ...] = (
    substack,
    ghost,
    wordpress,
    blogger,
    medium,
    mailchimp,
    listmonk,
    notion,
    meta_downloads,
    mastodon,
    bluesky,
    twitter,
    telegram,
    feed,
    member_lists,
)


@dataclass(frozen=True)
class Written:
    """One post and where it went."""

    post: Post
    document: Path
    issue: Path | None
    status: str  # imported, unchanged, dry run
    images: int = 0
    language: str | None = None  # the post's, when the platform or its text tells


@dataclass
class SubscriberCounts:
    by_status: dict[str, int] = field(default_factory=dict)  # added or newly suppressed
    unchanged: int = 0
    refused: list[Problem] = field(default_factory=list)
    duplicates: list[tuple[Member, str]] = field(default_factory=list)


@dataclass
class PlatformReport:
    source: Path
    platform: str
    written: list[Written] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    online_images: list[tuple[str, str]] = field(default_factory=list)  # post title, URL
    unfetched: list[tuple[str, str, str]] = field(default_factory=list)  # title, URL, why
    undescribed: list[tuple[str, str]] = field(default_factory=list)  # post title, image
    undescribed_leads: list[tuple[str, str]] = field(default_factory=list)  # lead images
    image_words: dict[str, tuple[str, str]] = field(default_factory=dict)  # URL: alt, caption
    members_found: int = 0
    mapped: list[tuple[str, str]] = field(default_factory=list)  # platform column → ours
    subscribers: SubscriberCounts | None = None
    dry_run: bool = False
    language: str = "en"  # the workspace's (publisher.toml)
    site: str = ""  # the workspace's base_url, where the web archive is served
    new_workspace: bool = False  # nothing imported and no issue but publisher init's before


# What the plain importer reads (or refuses as needing no import): one document, no export.
_ONE_DOCUMENT = (*TEXT_SUFFIXES, *OFFICE_SUFFIXES, *MARKDOWN_SUFFIXES)
# What an editor's inbox holds loose and no platform's export does (Notion's has Markdown,
# Medium's and X's a page, at their top).
_LOOSE_DOCUMENTS = (*TEXT_SUFFIXES, *OFFICE_SUFFIXES, *PDF_SUFFIXES, *MESSAGE_SUFFIXES)


Found = tuple[ModuleType, ExportFiles]  # the reader of an export, and its files


def recognise(path: Path) -> Found | None:
    """The reader for an export (zip, folder, JSON, WXR or members CSV), or None for a
    file that is no platform's export (a text or office file for the plain importer, or a
    folder of them)."""
    if (path.suffix and path.suffix.lower() in _ONE_DOCUMENT) or _holds_documents(path):
        return None
    try:
        files = ExportFiles.open(path)
    except OSError as exc:
        raise PublisherError.at(f"cannot open this export: {exc.strerror}", path) from None
    for reader in READERS:
        if reader.recognises(files):
            return reader, files
    return None


def _holds_documents(path: Path) -> bool:
    """Whether `path` is a folder of documents, not an export: one with a statement or a
    note loose in it, beside an export unzipped in a subfolder or a members CSV, is an
    editor's inbox, whose documents are imported and exports named, none taken for all."""
    if not path.is_dir():
        return False
    loose = (p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    return any(p.suffix and p.suffix.lower() in _LOOSE_DOCUMENTS for p in loose)


def with_campaign_reports(
    named: list[tuple[Path, Found | None]],
) -> list[tuple[Path, Found | None]]:
    """What `recognise` found for each file named, Mailchimp's campaign report (no export
    of its own, nor a document) going with each Mailchimp export named beside it, which
    takes the campaigns' send dates from it as it does in a folder. Named without one, it
    is refused, saying what to name with it."""
    reports = [
        path for path, found in named if found is None and mailchimp.is_campaign_report(path)
    ]
    if not reports:
        return named
    if not any(found is not None and found[0] is mailchimp for _, found in named):
        raise PublisherError.at(
            "Mailchimp's campaign report: it holds the campaigns' send dates, not the campaigns",
            reports[0],
            hint="name it with the campaign pages (publisher import campaign.html"
            " campaigns.csv), or import the folder holding them all",
        )
    added = {f"named-{n}/campaigns.csv": path.read_bytes for n, path in enumerate(reports)}
    return [
        (path, (mailchimp, found[1].adding(added)) if found and found[0] is mailchimp else found)
        for path, found in named
        if path not in reports
    ]


def import_export(
    path: Path,
    workspace: Path,
    dry_run: bool = False,
    subscribe: Subscribe | None = None,
    fetch: Fetch | None = None,
    found: Found | None = None,
    since: dt.date | None = None,
    progress: Progress | None = None,
) -> PlatformReport:
    """Import the export at `path` into `workspace`; `subscribe(members)` puts the list in
    the subscriber database and returns its SubscriberCounts (None: the list is not touched);
    `fetch` brings the pictures only online (when the editor asks: `--fetch-images`);
    `found` is what `recognise(path)` gave, when the caller has asked it already; with
    `since`, posts dated before it are counted and left out (`--since`); `progress` is
    told of each post written."""
    found = found or recognise(path)
    if found is None:
        raise PublisherError.at(
            "not an export this importer knows",
            path,
            hint="give the file or folder as the platform made it: Substack's zip, Ghost's"
            " JSON (and members CSV), WordPress's WXR (.xml), Blogger's Takeout zip or feed.atom,"
            " Medium's zip,"
            " Mailchimp's audience zip or"
            " campaign HTML, listmonk's subscribers CSV or JSON, Notion's Markdown & CSV zip,"
            " Telegram's ChatExport folder (JSON), Facebook's or Instagram's download"
            " (JSON), Mastodon's or X's archive, Bluesky's .car, or a newsletter's feed"
            " saved as a file",
        )
    reader, files = found
    export: PlatformExport = reader.read(files)
    report = PlatformReport(path, export.platform, left_out=list(export.left_out), dry_run=dry_run)
    if since is not None:
        recent = [post for post in export.posts if post.date is None or post.date >= since]
        earlier = len(export.posts) - len(recent)
        export.posts = recent
        if earlier:
            name = f"{earlier} post(s) before {since.isoformat()}"
            report.left_out.append(LeftOut("posts", name, "earlier than --since"))
    config = load_config(workspace)
    report.language, report.site = config.language, config.base_url
    _write_posts(export, workspace, report, fetch, progress or Silent())
    members, report.members_found = [m for m in export.members if m.address], len(export.members)
    for platform in dict.fromkeys(m.platform for m in export.members):
        report.mapped += MAPPINGS.get(platform, ())
    report.left_out += [
        LeftOut("subscriber", m.where, "no email address") for m in export.members if not m.address
    ]
    if members and subscribe is not None:
        kept, duplicates = merged(members)
        if dry_run:  # what the list would gain, before it meets the list's own history
            counts = SubscriberCounts(dict(Counter(m.status for m in kept)))
        else:
            counts = subscribe(kept)
        counts.duplicates = duplicates
        report.subscribers = counts
    return report


Subscribe = Callable[[list[Member]], SubscriberCounts]


def subscribe_into(workspace: Path) -> Subscribe:
    """Puts members in the workspace's subscriber list (publisher.toml's [delivery]
    database), in one transaction; no one suppressed there or in the export becomes active."""

    def subscribe(members: list[Member]) -> SubscriberCounts:
        from ..delivery.list_import import import_members
        from ..delivery.manage import subscriber_list

        with subscriber_list(workspace) as (_config, db):
            done = import_members(db, members)
        return SubscriberCounts(done.by_status(), done.unchanged, done.rejected)

    return subscribe


def _write_posts(
    export: PlatformExport,
    workspace: Path,
    report: PlatformReport,
    fetch: Fetch | None,
    progress: Progress,
) -> None:
    documents, issues = workspace / "documents", workspace / "issues"
    imported = imported_documents(documents)
    known = {doc.sha256: doc.path for doc in imported}
    same_post = {
        (doc.origin.partition("#")[2], _same_title(doc.title)): doc.path
        for doc in imported
        if "#" in doc.origin
    }
    pool_words = PoolWords(sorted(set(known.values())))  # read only if a channel's post comes
    taken = (
        {slug_for(p) for p in DocumentPool.scan(documents).files} if documents.is_dir() else set()
    )
    numbers, manifests = _issue_numbers(issues)
    report.new_workspace = not known and len(manifests) <= 1  # publisher init writes one
    next_number = max(numbers, default=0) + 1
    steps: list[Written | _NewDocument] = []
    for post in sorted(export.posts, key=lambda p: (p.date or dt.date.min, p.key)):
        post = _title_fitted(post)
        body = clean_post_html(post.body_html, export.files, post.base, fetch)
        lead, shown_caption = _lead_image(post, body, export.files, fetch)
        if post.image_caption.strip():
            why = f"the caption of the lead image of {post.title}: a lead image shows none"
            report.left_out.append(LeftOut("caption", html_words(post.image_caption), why))
        if shown_caption and shown_caption != html_words(post.image_caption):
            why = f"the lead image of {post.title}, shown once as its lead, not again in its"
            why += " text: a lead image shows no caption"
            report.left_out.append(LeftOut("caption", shown_caption, why))
        report.online_images += [(post.title, url) for url in body.online]
        report.unfetched += [(post.title, url, why) for url, why in body.unfetched]
        report.image_words |= body.words
        report.undescribed += [(post.title, name) for name in body.undescribed if name != lead]
        if lead and lead in body.undescribed:  # its words go in image_alt:, not in ![…]
            report.undescribed_leads.append((post.title, lead))
        report.left_out += [
            LeftOut("file", name, f"{why}: its link in {post.title!r} left as words")
            for name, why in dict.fromkeys(body.missing)  # linked twice: listed once
        ]
        report.left_out += [merge_tag_left_out(link, post.title) for link in body.merge_links]
        if body.conditional:
            why = f"what it sent some subscribers only, in {post.title!r}: what the others were"
            report.left_out.append(LeftOut("condition", body.conditional, why + " sent is kept"))
        said = _text_of(body.html)
        language = _language(post, said)
        digest = _digest(post)
        existing, changed = known.get(digest), False
        if existing is None and (again := _written_before(post, same_post)) is not None:
            # the same post, edited on the platform since, or with pictures it lacked
            existing, changed = again, True
        if existing is not None:
            manifest = manifests.get(existing.stem)
            if not changed and not _gained_pictures(body, existing):
                steps.append(Written(post, existing, manifest, "unchanged", language=language))
            elif unedited(existing):
                slug = existing.stem
                steps.append(
                    _NewDocument(
                        post, body, slug, existing, manifest, 0, digest, language, True, lead
                    )
                )
            else:
                steps.append(
                    _kept_as_edited(post, body, existing, manifest, export, report, language)
                )
            continue
        words, cut = words_of(said), said.rstrip().endswith(("…", "..."))
        if not post.sent and (same := pool_words.holding(words, cut)) is not None:
            steps.append(Written(post, same, None, SAME_WORDS))
            continue
        slug = _unique_slug(post, taken)
        target = documents / f"{slug}.md"
        pool_words.add(target, words)
        issue, number = None, 0
        if post.sent and post.date is not None and not post.restricted:
            number = post.number if post.number and post.number not in numbers else next_number
            numbers.add(number)
            next_number = max(numbers) + 1
            stem, n = slug, 2
            while stem in manifests:  # another issue's manifest: never overwritten
                stem, n = f"{slug}-{n}", n + 1
            issue = manifests[stem] = issues / f"{stem}.yaml"
        steps.append(
            _NewDocument(post, body, slug, target, issue, number, digest, language, lead=lead)
        )
    links = PostLinks(
        (step.post, step.document.relative_to(documents).as_posix())
        for step in steps
        if step.document.is_relative_to(documents)
    )
    progress.expect(sum(isinstance(step, _NewDocument) for step in steps))

    def done(step: Written | _NewDocument) -> Written:
        if not isinstance(step, _NewDocument):
            return step
        with progress.task(f"writing {step.slug}"):
            return _written(step, links, export, report)

    # Side by side, as the build reads documents: each post is a pandoc process (2,000
    # WordPress posts took a minute and a half one after another); in order all the same
    with ThreadPoolExecutor(max_workers=workers()) as threads:
        report.written += list(threads.map(done, steps))


def _written(
    step: _NewDocument, links: PostLinks, export: PlatformExport, report: PlatformReport
) -> Written:
    """Write the document of `step` (its links to the export's posts leading to their
    documents), its pictures and its issue, unless on a dry run; what became of it."""
    post, body, slug = step.post, step.body, step.slug
    text = _document_text(
        replace(post, aliases=_redirected(post.aliases, step.issue, report.site)),
        links.relinked(body.html),
        slug,
        report.source,
        step.digest,
        step.language,
        step.lead,
    )
    if not report.dry_run:
        _write_media(body, body.images | body.downloads, export, step.document.parent, slug)
        atomic_write(step.document, text.encode("utf-8"))
        if step.issue is not None and not step.update:
            issue_language = step.language or report.language
            values = _manifest(post, slug, step.number, issue_language, report)
            atomic_write(step.issue, values.encode("utf-8"))
    status = "dry run" if report.dry_run else "updated" if step.update else "imported"
    return Written(post, step.document, step.issue, status, len(body.images), step.language)


def _write_media(
    body: CleanBody, names: dict[str, str], export: PlatformExport, folder: Path, slug: str
) -> None:
    """The pictures and files `names` (media file name → export file or fetched URL) of a
    post, in `folder`/media/`slug`/."""
    for name, source_name in names.items():
        data = body.fetched.get(source_name)
        if data is None:
            assert export.files is not None
            data = export.files.read(source_name)
        atomic_write(folder / "media" / slug / name, data)


def _title_fitted(post: Post) -> Post:
    """`post`, its title or subtitle too long for one (a paragraph in the title box, over
    the `title_length` the build reads) opening its text (`headings_too_long`), a title
    that goes made of that paragraph's first words, and said in the report: else its
    document and its issue were written with a title the next build refuses."""
    limit = DEFAULT_LIMITS.title_length
    title, subtitle, long = headings_too_long(post.title, post.subtitle, limit)
    if not long:
        return post
    notes = [
        f"its {which} too long for one ({len(words):,} characters): the text's opening"
        for which, words in (("title", post.title), ("subtitle", post.subtitle))
        if len(words) > limit
    ]
    return replace(
        post,
        title=title_from_words(long[0]) if len(post.title) > limit else title,
        subtitle=subtitle,
        body_html="".join(f"<p>{html.escape(words)}</p>\n" for words in long) + post.body_html,
        note="; ".join(filter(None, (post.note, *notes))),
    )


def _identity(post: Post) -> tuple[str, str]:
    """What tells a post again when its content differs (its pictures were not in the
    export or not fetched the first time): its key and its title, as a document records
    them (a key alone may be another site's post's)."""
    return post.key, _same_title(post.title)


def _written_before(post: Post, same_post: dict[tuple[str, str], Path]) -> Path | None:
    """The document an import wrote of this post before, told by its key and title: an
    untitled post named by its first words now was written "untitled" before."""
    found = same_post.get(_identity(post))
    untitled = same_post.get((post.key, "untitled"))
    if found is None and untitled is not None:
        named = post.title == title_from_words(html_words(post.body_html))
        return untitled if named else None
    return found


def _same_title(title: str) -> str:
    """A title as compared to tell a post again: its spaces single, its character
    references read (an import before they were wrote WordPress's `&amp;` as it found it)."""
    return " ".join(html.unescape(title).split())


def _gained_pictures(body: CleanBody, document: Path | None) -> bool:
    """Whether the post now has pictures (or files to download) its document, written
    before, lacks."""
    if document is None:
        return False
    folder = document.parent / "media" / document.stem
    return any(not (folder / name).exists() for name in body.images | body.downloads)


def _redirected(aliases: list[str], issue: Path | None, site: str) -> list[str]:
    """The post's old addresses that want a redirect: not the one its issue is published at
    (Ghost's /<slug>/, or WordPress's with "Post name" permalinks, when the issue is named
    by the same slug), where the post is still found, and where the build would warn, on
    every build, that a page is there already."""
    if issue is None:
        return aliases
    from ..manifest import manifest_slug
    from ..renderers.old_addresses import alias_page

    own = f"{manifest_slug(issue)}/index.html"
    return [alias for alias in aliases if alias_page(alias, site) != own]


def _kept_as_edited(
    post: Post,
    body: CleanBody,
    document: Path,
    manifest: Path | None,
    export: PlatformExport,
    report: PlatformReport,
    language: str | None,
) -> Written:
    """A post whose document the editor has edited since its import: the document is kept
    as they left it, the pictures it lacked are put beside it for them to place, and the
    report says so."""
    folder = document.parent / "media" / document.stem
    gained = {name: src for name, src in body.images.items() if not (folder / name).exists()}
    if not report.dry_run:
        _write_media(body, gained, export, document.parent, document.stem)
    report.left_out += [
        LeftOut(
            "image",
            name,
            f"saved in media/{document.stem}/, not placed: {document.name} was {EDITED}",
        )
        for name in gained
    ]
    return Written(post, document, manifest, f"not updated: {EDITED}", language=language)


@dataclass(frozen=True)
class _NewDocument:
    """A post to write as a new document (and issue), once every post's place is known:
    links between them lead to their documents (`post_links`)."""

    post: Post
    body: CleanBody
    slug: str
    document: Path
    issue: Path | None
    number: int  # the issue's (0 for none)
    digest: str
    language: str | None
    update: bool = False  # the document of the same post, written before without its pictures
    lead: str = ""  # its lead picture's name among body.images


def _lead_image(
    post: Post, body: CleanBody, files: ExportFiles | None, fetch: Fetch | None
) -> tuple[str, str]:
    """The post's lead picture (`post.image`), placed with its body's (`body.images`), so that
    it is copied, fetched or listed as they are: its name there, or "" if it was not had.
    The same picture in the body (WordPress's featured image, often put in the text too)
    is taken out of it, not printed twice; the words of its caption there are returned."""
    if not post.image.strip():
        return "", ""
    image = f'<img src="{html.escape(post.image)}" alt="{html.escape(post.image_alt)}">'
    lead = clean_post_html(image, files, post.base, fetch)
    body.online += lead.online
    body.unfetched += lead.unfetched
    body.words |= lead.words
    body.fetched |= lead.fetched
    for placed, found in lead.images.items():
        name, stem, suffix, n = placed, PurePosixPath(placed).stem, PurePosixPath(placed).suffix, 2
        while body.images.get(name, found) != found:  # another picture of the post's
            name, n = f"{stem}-{n}{suffix}", n + 1
        caption = ""
        if name in body.images:  # the body shows it too
            body.html, caption = without_picture(body.html, f"media/{name}")
            body.undescribed = [n for n in body.undescribed if n != name]  # the lead's say
        body.images[name] = found
        if placed in lead.undescribed and name not in body.undescribed:
            body.undescribed.append(name)
        return name, caption
    return "", ""


def _digest(post: Post) -> str:
    lead = (post.image, post.image_alt) if post.image else ()  # else as digested before it
    content = "\x00".join((post.key, post.title, post.subtitle, post.body_html, *lead))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


_PAGE_SUFFIX = re.compile(r"\.(?:html?|php|aspx?)$", re.I)
# The slug a platform gives a post whose title has no Latin letters to make one of:
# Substack's `<id>.post` (/p/post), Ghost's `untitled`, `untitled-2`…
_PLACEHOLDER_SLUG = re.compile(r"(?:post|untitled)(?:-\d+)?", re.I)


def _unique_slug(post: Post, taken: set[str]) -> str:
    old = next((a.strip("/").rpartition("/")[2] for a in post.aliases if a.strip("/")), "")
    old = post.slug or _PAGE_SUFFIX.sub("", old)  # /2015/05/march.html: the slug is march
    if _PLACEHOLDER_SLUG.fullmatch(old) and slugged(post.title):
        old = ""  # a name that says nothing: the title's
    # as WordPress writes an Arabic or Hebrew post's address: /%d8%b9%d9%85%d8%a7%d9%84/
    base = slugged(unquote(old) or post.title, max_length=60, word_boundary=True) or "post"
    return unique(base, taken)


def _text_of(body_html: str) -> str:
    """A post's words, as its (cleaned) HTML shows them."""
    return str(
        lxml.html.fragment_fromstring(body_html or "<p></p>", create_parent="div").text_content()
    )


def _language(post: Post, text: str) -> str | None:
    """The post's language: the platform's (Ghost's locale, Polylang's or WPML's term),
    else the one its title and `text` are written in."""
    from .scripts import detect_language

    for candidate in (post.language, detect_language(f"{post.title}\n{text}")):
        if candidate and candidate != "und":
            try:
                return language_tag(candidate)
            except NotALanguage:
                continue
    return None


def _document_text(
    post: Post,
    body_html: str,
    slug: str,
    source: Path,
    digest: str,
    language: str | None,
    lead: str = "",
) -> str:
    from .draft import body_markdown, front_matter
    from .scripts import mark_fragments
    from .textdates import site_account

    in_media = re.sub(r'(src|href)="media/', rf'\1="media/{slug}/', body_html)
    marked, _ = mark_fragments(in_media, language or "")
    meta = {
        "title": " ".join(post.title.split()),
        "subtitle": " ".join(post.subtitle.split()),
        "authors": [name for name in post.authors if not site_account(name)],
        "date": post.date,
        "lang": language,
        "tags": post.tags,
        "summary": post.summary,
        "image": f"media/{slug}/{lead}" if lead else "",
        "image_alt": post.image_alt if lead else "",
        "source": post.source,
        "aliases": post.aliases,
        "imported": {"from": f"{source.name}#{post.key}", "part": 1, "sha256": digest},
    }
    return stamped(front_matter(meta) + (body_markdown(marked) if marked.strip() else "\n"))


def _manifest(post: Post, slug: str, number: int, language: str, report: PlatformReport) -> str:
    """The issue of one post, in `language`: said only when it is not the workspace's; and
    who emailed it already (`sent_by`), when the platform did."""
    values: dict[str, Any] = {
        "number": number,
        "title": " ".join(post.title.split())[:300],
        "date": post.date,
    }
    if post.emailed:
        values["sent_by"] = report.platform
    if base_language(language) != base_language(report.language):
        values["language"] = language
    if post.summary:
        values["summary"] = post.summary
    values["sections"] = [{"title": _section_title(language), "documents": [slug]}]
    return dump_yaml(values)


def _section_title(language: str) -> str:
    """The section's title, "Articles", in the issue's language: publisher's interface
    catalogue (publisher/locale) has the words, as for "Contents" and "Read online"."""
    with interface_language(language):
        return gettext("Articles")


def _issue_numbers(issues: Path) -> tuple[set[int], dict[str, Path]]:
    """The numbers the workspace's manifests use, and the manifests by file stem."""
    numbers: set[int] = set()
    manifests: dict[str, Path] = {}
    for path in sorted(issues.glob("*")) if issues.is_dir() else []:
        if path.suffix not in (".yaml", ".yml", ".toml"):
            continue
        manifests[path.stem] = path
        try:
            number = parse_file(path).data.get("number")
        except PublisherError:
            continue  # `publisher build` reports it
        if isinstance(number, int):
            numbers.add(number)
    return numbers, manifests
