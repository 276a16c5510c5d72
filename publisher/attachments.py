"""Files an article links to (a report's PDF, a spreadsheet, slides, a recording) published
with the web archive, and linked there from every output.

"Read the full report (PDF)" linked the editor's copy in documents/: in an email, an EPUB
or a feed reader a relative link leads nowhere, so the link lost its address, with a
warning. Now a file inside documents/ that a document links to, of a kind readers download
rather than read as a page (ATTACHMENTS), is published beside the pictures
(`resources.media_path`) and `renderers.links` points the link at it. A link to a Word
or OpenDocument file is one to an article, as before: such a file in documents/ may be a
draft, with its comments and tracked changes, and is never published as it is.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from .paths import followed, is_file
from .resources import pool_images
from .urls import split_url

if TYPE_CHECKING:
    from .model import Issue

ATTACHMENTS = frozenset(
    {
        # documents to print or keep (not those the pool reads as articles: a Word file is
        # an article, or a draft, never published as the file it is)
        ".pdf", ".epub",
        # figures
        ".xls", ".xlsx", ".ods", ".csv",
        # slides
        ".ppt", ".pptx", ".odp",
        # recordings
        ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav",
        # several files at once
        ".zip",
    }
)  # fmt: skip

# A sanitised body's links (`sanitize.clean_html` quotes every attribute value)
_HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"', re.IGNORECASE)
_LINK = re.compile(r'<a\b[^>]*?\shref="([^"]*)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


# A link as Obsidian writes one (`[[report.pdf]]`, `![[report.pdf]]`: pandoc's class "wikilink")
_WIKILINK = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)("[^>]*\sclass="(?:[^"]*\s)?wikilink[\s"])')


def vault_links(body: str, document: Path, pool: Path) -> str:
    """`body` with each of its links to a download written as Obsidian writes them, by the
    file's name alone (`[[report.pdf]]`, the PDF in attachments/), leading to the one file
    of that name in the vault, as Obsidian finds it, when none is beside the document."""
    from .resources import in_vault

    vault: dict[str, list[Path]] = {}  # a file's name → the files of the pool so named

    def found(link: re.Match[str]) -> str:
        name = unquote(html.unescape(link[2]))
        if PurePosixPath(name).suffix.lower() not in ATTACHMENTS or "/" in name:
            return link[0]
        if is_file(document.parent / name):
            return link[0]
        if name not in vault:  # each name looked for once, as confine_images does a picture's
            vault[name] = in_vault(pool, name)
        if len(named := vault[name]) != 1:
            return link[0]
        relative = Path(os.path.relpath(named[0], document.parent)).as_posix()
        return link[1] + html.escape(quote(relative)) + link[3]

    return _WIKILINK.sub(found, body) if "wikilink" in body else body


def linked_files(body: str, folder: Path, pool: Path) -> tuple[str, ...]:
    """The files inside `pool` (documents/, as paths from it) that `body`, written in
    `folder`, links to and that are published as downloads, in the order linked."""
    root = followed(pool)
    found: dict[str, None] = {}
    for value in _HREF.findall(body):
        parts = split_url(html.unescape(value))
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = followed(folder / unquote(parts.path))
        inside = target.is_relative_to(root)
        if target.suffix.lower() in ATTACHMENTS and inside and is_file(target):
            found[target.relative_to(root).as_posix()] = None
    return tuple(found)


def editorial_media(issue: Issue) -> list[str]:
    """What an issue's editorial publishes of documents/ (as paths from it): its pictures
    and the files it links to."""
    return [*pool_images(issue.editorial_html), *issue.editorial_files]


def kind_of(path: PurePosixPath | Path) -> str:
    """What readers call a file of this kind: 'PDF', 'XLSX', 'MP3'."""
    return path.suffix.lstrip(".").upper()


def with_kinds_and_sizes(body: str, files: Mapping[str, tuple[str, int]], language: str) -> str:
    """`body` with each link to a published file (its address in `files`, with the file's
    kind and size) followed by them: "the full report (PDF, 186.2 kB)". A reader, on a phone
    most of all, knows what a link opens and how much it weighs before following it, as
    GOV.UK and WCAG's advice have it. Words that name the kind already get the size alone;
    a link the writer followed with its own "(PDF, 2 MB)" gets nothing."""
    from .i18n import file_size

    def noted(link: re.Match[str]) -> str:
        found = files.get(html.unescape(link[1]))
        if found is None:
            return link[0]
        kind, size = found
        after = body[link.end() : link.end() + 40]
        if re.match(rf"\s*\((?:[^)]*\b{kind}\b|[^)]*\d\s*[kKMG]i?[bBoO])", after):
            return link[0]
        words = html.unescape(_TAG.sub("", link[2]))
        said = re.search(rf"\b{kind}\b", words, re.IGNORECASE)
        note = (
            file_size(size, language=language)
            if said
            else f"{kind}, {file_size(size, language=language)}"
        )
        return f"{link[0]} ({html.escape(note)})"

    return _LINK.sub(noted, body)
