"""Links between documents, and the links a PDF may hold: only the web, mail, telephone
numbers and the PDF's own anchors.

A relative link (`[see](other.md)`) leads nowhere in an email, an EPUB or a feed reader,
and WeasyPrint would resolve it against the documents/ folder, printing the editor's disk
path as a file: link. When an issue is assembled (`with_archive_links`), such a link in a
body or the editorial becomes the absolute web archive address of what it points to when
the archive publishes it (a document of the issue, an image it shows), and anything else
loses its href: the words stay, the link goes. In a PDF, `keep_safe_links` then checks the
whole page, templates included, as the last word.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple
from urllib.parse import SplitResult, quote, unquote, urlsplit

from .. import urls
from ..config import Config
from ..model import Document, Issue
from ..paths import followed
from ..resources import media_path, pool_images

_A = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\shref\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_LINK_ONLY = re.compile(
    r"""\s(?:rel|target|hreflang|type|download|ping|referrerpolicy)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""",
    re.IGNORECASE,
)
WEB_SCHEMES = ("http", "https", "mailto", "tel")


class Target(NamedTuple):
    """Where the web archive publishes a file, and the prefix of the ids on that page."""

    url: str
    id_prefix: str = ""


def issue_targets(issue: Issue, config: Config) -> dict[Path, Target]:
    """The files of an issue the web archive publishes (its documents and their images)."""
    pool = config.documents_dir.resolve()
    targets = {
        doc.source.resolve(): Target(
            urls.document_url(config.base_url, issue.folder, doc.slug), f"{doc.slug}-"
        )
        for doc in issue.documents
    }
    images = {image for doc in issue.documents for image in doc.images}
    images |= set(pool_images(issue.editorial_html))
    for image in images:
        url = config.base_url + quote(media_path(image).as_posix())
        targets[(pool / image).resolve()] = Target(url)
    return targets


def with_archive_links(issue: Issue, config: Config) -> Issue:
    """The issue with its documents' relative links (`[the survey](rent-survey.md)`)
    pointing at the web archive's page of what they name, or unlinked when it publishes
    nothing there: in an email, an EPUB or a feed reader, a relative link leads nowhere,
    and in a PDF it would name a file on the editor's disk. The editorial's paths are the
    workspace's, like its images' (`documents/rent-survey.md`)."""
    targets = issue_targets(issue, config)

    def linked(doc: Document) -> Document:
        body = absolute_links(doc.body_html, doc.source.parent, targets)
        return doc if body == doc.body_html else dataclasses.replace(doc, body_html=body)

    sections = tuple(
        dataclasses.replace(section, documents=tuple(linked(d) for d in section.documents))
        for section in issue.sections
    )
    leaflet = issue.leaflet and dataclasses.replace(
        issue.leaflet, document=linked(issue.leaflet.document)
    )
    editorial = absolute_links(issue.editorial_html, config.root, targets)
    return dataclasses.replace(issue, sections=sections, leaflet=leaflet, editorial_html=editorial)


def absolute_links(fragment: str, folder: Path, targets: Mapping[Path, Target]) -> str:
    """Relative links of a body written in `folder` → web archive URLs, or no href."""

    def decide(value: str, parts: SplitResult) -> str | None:
        if parts.scheme.lower() in WEB_SCHEMES or (value.startswith("#") and len(value) > 1):
            return None
        target = None
        if not parts.scheme and not parts.netloc and parts.path:
            target = targets.get(followed(folder / unquote(parts.path)))
        if target is None:
            return ""
        return target.url + (f"#{target.id_prefix}{parts.fragment}" if parts.fragment else "")

    return _rewrite_links(fragment, decide)


def keep_safe_links(page: str) -> str:
    """The page with every link that is not http(s), mailto, tel or an anchor on it unlinked."""
    ids = {_unquoted(m.group(1)) for m in _ID.finditer(page)}

    def decide(value: str, parts: SplitResult) -> str | None:
        web = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
        mail = parts.scheme.lower() in ("mailto", "tel")
        return None if web or mail or (value.startswith("#") and unquote(value[1:]) in ids) else ""

    return _rewrite_links(page, decide)


def _rewrite_links(markup: str, decide: Callable[[str, SplitResult], str | None]) -> str:
    """Each `<a href>` of `markup`, as `decide` says: kept (None), unlinked (''), or
    pointed at the URL it returns."""

    def rewrite(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if href is None:
            return tag
        value = html.unescape(_unquoted(href.group(1))).strip()
        url = decide(value, urlsplit(value))
        if url is None:
            return tag
        if not url:  # unlinked: without its href, a link's rel and target are not HTML
            return _LINK_ONLY.sub("", tag[: href.start()] + tag[href.end() :])
        return f'{tag[: href.start()]} href="{html.escape(url)}"{tag[href.end() :]}'

    return _A.sub(rewrite, markup)


def _unquoted(value: str) -> str:
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value
