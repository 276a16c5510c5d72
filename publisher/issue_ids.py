"""An issue's ids, each given once on every page that shows its documents together.

Each document's ids are its slug and what follows (`strike-pay`: the heading "Pay" of
`strike.md`, as pandoc prefixes them), and within a document each is given once
(`readers.anchors`). Across an issue they can meet: the issue page, the EPUB chapter,
the email and the feed entry give each article its bare slug as id, so the heading
`strike-pay` of `strike.md` and the article `strike-pay.md` of the same issue both
gave `id="strike-pay"` (EPUBCheck's RSC-005, and the contents' link to the article led
to the heading). When the issue's documents are known together (assembly), a body's id
that an article, the templates or an earlier body of the issue already give becomes the
first free `<id>-1`, `<id>-2` …, and the body's own links to it follow; every other id
stays as it was read, so the addresses people share keep working. The document keeps
what it renamed (`Document.renamed_ids`), for links from other documents to it
(`renderers.links`), which name its ids as they were read.

Works on `sanitize.clean_html`'s output, where attribute values are always double-quoted.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Mapping
from urllib.parse import unquote

from .model import Document, Issue
from .slugs import unique

# Ids the default templates give on the pages that show an issue's articles together (the
# issue page, the EPUB, the email, the PDF), and pandoc's own in the EPUB (its chapter's
# notes); `section--<n>` and the articles' are the issue's own (`taken_by_pages`).
TEMPLATE_IDS = frozenset(
    {
        "main",
        "contents-title",
        "editorial",
        "footnotes",
        "issue--about",
        "issue--colophon",
        "issue--cover-end",
        "issue--editorial",
        "issue--editorial-title",
        "subscribe-email",
        "subscribe-homepage",
    }
)

_ID = re.compile(r'(\sid=")([^"]*)(")')
_FRAGMENT_LINK = re.compile(r'(\shref="#)([^"]+)(")')


def taken_by_pages(issue: Issue) -> set[str]:
    """The ids the pages give of their own around the issue's bodies: the templates', each
    article's (its slug, and its title's in the EPUB) and each section's."""
    articles = {doc.slug for doc in issue.documents}
    return {
        *TEMPLATE_IDS,
        *articles,
        *(f"{slug}--title" for slug in articles),
        *(f"section--{n}" for n in range(1, len(issue.sections) + 1)),
    }


def with_unique_ids(issue: Issue) -> Issue:
    """The issue with each id of its editorial and documents' bodies that the pages or an
    earlier body already give renamed (see the module's docstring)."""
    taken = taken_by_pages(issue)
    editorial, _ = _renamed_in(issue.editorial_html, taken)
    done: dict[str, Document] = {}  # by slug: a document shown twice is renamed once

    def unique(doc: Document) -> Document:
        if doc.slug not in done:
            body, renamed = _renamed_in(doc.body_html, taken)
            done[doc.slug] = doc if not renamed else _with_renamed(doc, body, renamed)
        return done[doc.slug]

    sections = tuple(
        dataclasses.replace(section, documents=tuple(unique(d) for d in section.documents))
        for section in issue.sections
    )
    if editorial == issue.editorial_html and all(done[d.slug] is d for d in issue.documents):
        return issue
    return dataclasses.replace(issue, editorial_html=editorial, sections=sections)


def _renamed_in(body: str, taken: set[str]) -> tuple[str, dict[str, str]]:
    """`body` with each of its ids in `taken` renamed to the first `<id>-<n>` free in
    `taken` and in the body, and its links to them following; and what was renamed (as
    text, unescaped). The body's ids are added to `taken`."""
    if ' id="' not in body:
        return body, {}
    # each once: one given twice within a body is the body's own (`readers.anchors`)
    own = dict.fromkeys(html.unescape(found[2]) for found in _ID.finditer(body))
    renamed: dict[str, str] = {}
    for found in own:
        if found in taken:
            renamed[found] = unique(found, taken | own.keys(), first=1)
        taken.add(renamed.get(found, found))
    if not renamed:
        return body, {}

    def rename_id(match: re.Match[str]) -> str:
        new = renamed.get(html.unescape(match[2]))
        return match[0] if new is None else f"{match[1]}{html.escape(new)}{match[3]}"

    def rename_link(match: re.Match[str]) -> str:
        new = renamed.get(unquote(html.unescape(match[2])))
        return match[0] if new is None else f"{match[1]}{html.escape(new)}{match[3]}"

    return _FRAGMENT_LINK.sub(rename_link, _ID.sub(rename_id, body)), renamed


def _with_renamed(doc: Document, body: str, renamed: Mapping[str, str]) -> Document:
    """`doc` with its body's ids renamed, remembering each id as it was read → its new one
    (composed with what an earlier assembly renamed: an edition of an issue)."""
    earlier = dict(doc.renamed_ids)
    composed = {read: renamed.get(now, now) for read, now in earlier.items()}
    for read, now in renamed.items():
        if read not in earlier.values():  # a name an earlier assembly gave: no link has it
            composed.setdefault(read, now)
    return dataclasses.replace(doc, body_html=body, renamed_ids=tuple(composed.items()))
