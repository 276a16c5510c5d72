"""The pages a build removed that readers may have kept or linked, said as warnings with
what keeps each address: an article moved to another issue or renamed, with the `aliases:`
to give its document; an issue whose manifest was renamed, with the one for its manifest;
an edition taken out; the rest listed as gone. Said once, when the build removes them."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pool import DocumentPool

log = logging.getLogger(__name__)


# Pages that list things, which come and go with what they list: not pages a reader keeps
_LISTINGS = ("tags/", "languages/", "pagefind/", "search/", "editions/", "page/")


def issue_numbers(renders: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Issue folder → the number of the issue its jobs were last rendered for, as the
    records say (those written before they kept it say nothing)."""
    return {
        _issue_folder(name): record["number"]
        for name, record in renders.items()
        if isinstance(record.get("number"), int)
    }


def _issue_folder(job_name: str) -> str:
    """The issue folder a render record's job writes to ("web 041-pay/…" → "041-pay")."""
    return job_name.partition(" ")[2].partition("/")[0]


def issues_redated(
    renders: Mapping[str, Mapping[str, Any]], before: Mapping[str, Mapping[str, Any]]
) -> set[str]:
    """The issue folders whose manifest's `updated:` date is new in the records of this
    build (`renders`) against those it loaded (`before`)."""

    def dates(records: Mapping[str, Mapping[str, Any]]) -> dict[str, set[str]]:
        by_folder: dict[str, set[str]] = {}
        for name, record in records.items():
            if revised := record.get("revised"):
                by_folder.setdefault(_issue_folder(name), set()).add(revised)
        return by_folder

    was = dates(before)
    return {folder for folder, now in dates(renders).items() if now - was.get(folder, set())}


def say_pages_gone(
    gone: list[str],
    current: set[str],
    editions_gone: Set[str] = frozenset(),
    issues: Path | None = None,
    numbers: Mapping[str, int] | None = None,
    before: Set[str] = frozenset(),
    documents: DocumentPool | None = None,
    redated: Set[str] = frozenset(),
) -> None:
    """Warn of the issue and article pages a build removed (readers' bookmarks and other
    sites' links to them now lead nowhere): an article that moved to another issue with
    the `aliases:` that keeps its old address, others with what would keep theirs. The
    pages of an edition no longer built (`editions_gone`, its folders) moved nowhere: an
    edition taken out of its issue is said once, one that went with its issue with it.
    An issue whose pages all moved to another folder is said once, with the manifest
    `aliases:` that keeps them all (`issues`: the folder of the manifests, to name it),
    when it is the same issue (`numbers`: the issues' by folder, old and new). A page moved
    only to one new in this build (`before`: the files built before it): an issue removed
    whose articles another one had too is gone, its articles moved nowhere. A page gone
    where its issue has one new page in its place (its document renamed, not still in
    `documents` for another to have taken its place): moved there. Each
    move names the document to give the alias (found in `documents` by its slug), in the
    words of its kind: a Word file has no front matter, but custom properties. Articles
    taken out of an issue still published: its manifest's `updated:` tells feed readers
    and search engines, unless this build's (`redated`: those folders) already does."""
    pages = [
        name.removesuffix("index.html")
        for name in gone
        if name.endswith("/index.html") and not name.startswith(_LISTINGS)
    ]
    for folder in sorted(editions_gone):
        if f"{folder.partition('/')[0]}/index.html" in current:  # its issue is still here
            pages = _say_edition_gone(folder, pages)
    in_editions_gone = tuple(f"{folder}/" for folder in editions_gone)
    by_place: dict[str, str] = {}  # "es/rent-strike": an article's page now, in its edition
    for name in sorted(current):
        if name in before or not name.endswith("/index.html") or name.startswith(_LISTINGS):
            continue  # not a page, or one there already: no page went to it
        if name.count("/") > 1:
            by_place.setdefault(_in_issue(name.removesuffix("index.html")), name)
    placed = {  # a page gone → the page of the same place in its issue now
        page: by_place[_in_issue(page)].removesuffix("index.html")
        for page in pages
        if page.count("/") > 1 and _in_issue(page) in by_place
    }
    taken: set[str | None] = set()  # the new places of a moved issue's pages: theirs
    for old_folder, new_folder in _issues_moved(pages, placed, current, numbers or {}).items():
        log.warning(
            "%s/ moved to %s/ with its pages (its manifest renamed?): links readers kept to"
            " them lead nowhere now; add `aliases: [/%s/]` to %s, and they lead to the new",
            old_folder,
            new_folder,
            old_folder,
            _manifest_named(issues, new_folder),
        )
        taken |= {placed.get(page) for page in pages if page.startswith(f"{old_folder}/")}
        pages = [page for page in pages if not page.startswith(f"{old_folder}/")]
    moved = [
        (page, placed[page])
        for page in pages
        if page in placed and placed[page] not in taken and not page.startswith(in_editions_gone)
    ]
    unplaced = [p for p in pages if p not in placed and not p.startswith(in_editions_gone)]
    moved += [  # one article for another, its document still there: swapped, not renamed
        (old, new)
        for old, new in _renamed_in_issue(unplaced, current, before)
        if not _still_in_pool(old, documents)
    ]
    for old, new in moved:
        log.warning(
            "%s moved to %s: links to its old address lead nowhere now; add %s, and the old"
            " address leads to the new",
            old,
            new,
            _alias_where(_document_of(new, documents), old),
        )
    moved_from = {old for old, _ in moved}
    others = sorted(page for page in pages if page not in moved_from)
    if others:
        log.warning(
            "%d page(s) readers may have kept or linked are gone: %s%s (a manifest or document"
            " renamed or removed?); a document moved or renamed keeps its old address with"
            " `aliases: [/OLD/ADDRESS/]` in its front matter, an issue whose manifest was"
            " renamed keeps its pages' with `aliases: [/OLD-FOLDER/]` in its manifest%s",
            len(others),
            ", ".join(others[:3]),
            ", …" if len(others) > 3 else "",
            _taken_down(others, current, redated),
        )


def _renamed_in_issue(
    pages: list[str], current: set[str], before: Set[str]
) -> list[tuple[str, str]]:
    """(old, new) for each article page gone from an issue (or edition) folder still
    published that has exactly one article page new in this build: its document renamed,
    the manifest following."""

    def folder(page: str) -> str:
        return page.rstrip("/").rpartition("/")[0]

    new_pages: dict[str, list[str]] = {}
    for name in sorted(current - before):
        page = name.removesuffix("index.html")
        if name.endswith("/index.html") and not name.startswith(_LISTINGS) and page.count("/") > 1:
            new_pages.setdefault(folder(page), []).append(page)
    gone: dict[str, list[str]] = {}
    for page in pages:
        if page.count("/") > 1 and f"{folder(page)}/index.html" in current:
            gone.setdefault(folder(page), []).append(page)
    return [
        (old[0], new_pages[place][0])
        for place, old in gone.items()
        if len(old) == 1 and len(new_pages.get(place, ())) == 1
    ]


def _document_of(page: str, documents: DocumentPool | None) -> Path | None:
    """The one document of the build's pool whose slug is the last folder of `page`, named
    from the workspace (documents/rent-survey.docx); None when not one, or for an edition's
    page ("041-pay/es/x/"), whose document may be a translation named otherwise."""
    if documents is None or page.count("/") > 2:
        return None
    found = _files_of(page, documents)
    return (
        (documents.root / found[0]).relative_to(documents.root.parent) if len(found) == 1 else None
    )


def _still_in_pool(page: str, documents: DocumentPool | None) -> bool:
    """Whether the document `page` was made of is still in the pool (an article's page or
    its edition's: "041-pay/es/x/" is the page of x, or of its translation): taken out of
    its issue, not renamed."""
    return documents is not None and bool(_files_of(page, documents))


def _files_of(page: str, documents: DocumentPool) -> list[Path]:
    """The pool's files whose slug is the last folder of `page`."""
    from .pool import slug_for

    slug = page.rstrip("/").rpartition("/")[2]
    return [file for file in documents.names.get(slug, ()) if slug_for(file) == slug]


def _alias_where(document: Path | None, old: str) -> str:
    """Where the alias that keeps `old` goes, as the document's kind holds it: front
    matter (which a plain text may not have yet), an HTML page's <meta>, or a Word or
    LibreOffice file's custom property."""
    kind = document.suffix.lower() if document else ""
    programs = {
        ".docx": "Word: File > Info > Properties > Advanced Properties > Custom",
        ".odt": "LibreOffice: File > Properties > Custom Properties",
    }
    if document is None:
        return f"`aliases: [/{old}]` to its document's front matter"
    if kind in programs:
        return f"a custom property `aliases` with /{old} to {document} ({programs[kind]})"
    if kind in (".html", ".htm"):
        return f'`<meta name="aliases" content="/{old}">` to {document}'
    if kind == ".txt":  # which has no front matter until the editor writes one
        return (
            f"`aliases: [/{old}]` to {document}'s front matter (if it has none, three lines"
            f" at its top: ---, aliases: [/{old}], ---)"
        )
    return f"`aliases: [/{old}]` to {document}'s front matter"


def _taken_down(pages: list[str], current: set[str], redated: Set[str]) -> str:
    """What to add when articles left an issue still published: their text stays in feed
    readers' copies of its entry, and search engines' of its page, until its date says
    it changed. Nothing for an issue whose `updated:` this build changed (`redated`)."""
    from .clock import build_time

    folders = {page.partition("/")[0] for page in pages if page.count("/") > 1}
    issues = sorted(folder for folder in folders - redated if f"{folder}/index.html" in current)
    if not issues:
        return ""
    return (
        f"; an article taken down: date it with `updated: {build_time().date()}` in the"
        f" manifest of {', '.join(issues)}, so feed readers and search engines fetch the"
        " issue again"
    )


def _issues_moved(
    pages: list[str], placed: dict[str, str], current: set[str], numbers: Mapping[str, int]
) -> dict[str, str]:
    """Each issue folder whose page is gone and whose other pages gone all have their place
    in one other issue's folder (a manifest renamed): old folder → new. One `aliases:` in
    its manifest keeps them all, where each article's own, in its document, keeps one.
    Not when the two issues' numbers differ: that is another issue (as `send` tells); one
    unknown (records written before they kept it) is taken as the same."""
    folders: dict[str, set[str]] = {}
    for page in pages:
        old = page.partition("/")[0]
        new = placed[page].partition("/")[0] if page in placed else None
        if page != f"{old}/":
            folders.setdefault(old, set()).add(new or "")
    return {
        old: only
        for old, (only, *others) in ((old, sorted(new)) for old, new in folders.items())
        if only
        and not others
        and f"{old}/" in pages
        and f"{only}/index.html" in current
        and numbers.get(old, numbers.get(only)) == numbers.get(only, numbers.get(old))
    }


def _manifest_named(issues: Path | None, folder: str) -> str:
    """The manifest of the issue published in `folder`, as the editor finds it."""
    from .manifest import is_manifest_name, manifest_slug

    found = sorted(issues.iterdir()) if issues is not None and issues.is_dir() else []
    for path in found:
        if is_manifest_name(path) and manifest_slug(path) == folder:
            return f"issues/{path.name}"
    return f"the manifest of {folder}"


def _in_issue(page: str) -> str:
    """Where a page is in its issue's folder: an article's slug, in its edition's folder
    ("041-pay/es/rent-strike/" → "es/rent-strike"): what an article moved keeps."""
    return page.strip("/").partition("/")[2]


def _say_edition_gone(folder: str, pages: list[str]) -> list[str]:
    """Say the pages of the edition in `folder` ("041-pay/es") gone, with the manifest
    alias that sends them on to the original's; the other pages, left to say."""
    theirs = sorted(page for page in pages if page.startswith(f"{folder}/"))
    if theirs:
        issue, _, language = folder.partition("/")
        log.warning(
            "the %s edition of %s was removed: its %d page(s) are gone (%s%s); links readers"
            " kept to them lead nowhere now, unless the issue's manifest has `aliases:"
            " [/%s/]`, which sends them on to the original's pages",
            language,
            issue,
            len(theirs),
            ", ".join(theirs[:3]),
            ", …" if len(theirs) > 3 else "",
            folder,
        )
    return [page for page in pages if page not in theirs]
