"""Notion's export ("Export → Markdown & CSV", as downloaded: the zip, the zip inside it
that newer exports hold, or the folder unzipped). A page is `Title <32 hex digits>.md`,
its pictures and subpages in the folder `Title <id>/`; a database is `Name <id>.csv`
beside the folder of its rows, each a page.

Each page is a document: its `# Title` heading is the title; a database row's properties,
the `Key: Value` lines Notion writes under it, give the author, date, tags, summary and
language (by the names people give those columns); a row whose Status is a draft's is left
out and listed, as other platforms' drafts are. Pictures come from the export; a link to
another page of the export leads to that page's document. Nothing becomes an issue:
Notion sends no newsletter.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote

from ..pool import slugged
from .exports import ExportFiles, LeftOut, PlatformExport, Post
from .textdates import parse_date

_PAGE = re.compile(r"(?:^|/)([^/]+) ([0-9a-f]{32})\.md$")
_TITLE = re.compile(r"\A\s*# (.+)\n")
_PROPERTY = re.compile(r"^([^:\n]{1,40}): (.*)$")
# A link to another page of the export: (Title%20<id>.md), maybe in a folder
_PAGE_LINK = re.compile(r"\]\(((?:[^()\s]*/)?[^()/\s]*%20([0-9a-f]{32})\.md)\)")

_PICTURE = re.compile(r"!\[([^\]]*)\]\(([^()\s]+)\)")

# Column names people give database properties, lower-cased → the front matter's field
_FIELDS = {
    "author": "authors", "authors": "authors", "by": "authors", "written by": "authors",
    "created by": "authors", "writer": "authors",
    "date": "date", "published": "date", "publish date": "date", "publication date": "date",
    "created": "date", "created time": "date",
    "tags": "tags", "tag": "tags", "topics": "tags", "category": "tags", "categories": "tags",
    "summary": "summary", "excerpt": "summary", "description": "summary",
    "language": "language", "lang": "language",
    "status": "status",
}  # fmt: skip
_DRAFT = {"draft", "not started", "in progress", "to do", "idea", "ideas", "backlog", "writing"}


def recognises(files: ExportFiles) -> bool:
    return any(_PAGE.search(name) for name in files)


def read(files: ExportFiles) -> PlatformExport:
    from .. import pandoc

    export = PlatformExport("Notion", files=files)
    pages = {name: found for name in sorted(files) if (found := _PAGE.search(name))}
    texts = {name: files.text(name) for name in pages}
    slugs = {found[2]: _slug(texts[name], found[1]) for name, found in pages.items()}
    for name, found in pages.items():
        title, fields, body = _page(texts[name], found[1])
        if fields.get("status", "").lower() in _DRAFT:
            export.left_out.append(LeftOut("page", title, f"Status is {fields['status']}"))
            continue
        body = _PAGE_LINK.sub(lambda m: f"]({slugs.get(m[2], m[1])}.md)", body)
        body = _PICTURE.sub(_without_placeholder_alt, body)
        export.posts.append(
            Post(
                title=title,
                body_html=pandoc.markdown_to_html(body),
                key=found[2],
                date=_date(fields.get("date", "")),
                authors=_listed(fields.get("authors", "")),
                tags=_listed(fields.get("tags", "")),
                summary=fields.get("summary", ""),
                language=fields.get("language", ""),
                base=name.rpartition("/")[0],
            )
        )
    return export


def page_front_matter(text: str, path: PurePosixPath | str) -> tuple[dict[str, Any], str] | None:
    """A Notion page's properties as a document's front matter, and the rest of its text,
    when `path` is named as Notion names a page and its `Key: Value` lines give any: the
    page copied into documents/ as exported, not imported (its Status and Owner were
    printed as the article's first paragraph)."""
    named = _PAGE.search(str(path))
    if named is None:
        return None
    title, fields, rest = _page(text, named[1])
    if not fields:
        return None
    meta: dict[str, Any] = {"title": title}
    if (day := _date(fields.get("date", ""))) is not None:
        meta["date"] = day
    for key, field in (("authors", "authors"), ("tags", "tags")):
        if listed := _listed(fields.get(field, "")):
            meta[key] = listed
    for key, field in (("summary", "summary"), ("lang", "language")):
        if fields.get(field):
            meta[key] = fields[field]
    if fields.get("status", "").lower() in _DRAFT:
        meta["draft"] = True
    return meta, rest


def _page(text: str, named: str) -> tuple[str, dict[str, str], str]:
    """The page's title (`named`, its file's, when it has no heading), the fields its
    properties give, and the rest of its Markdown."""
    match = _TITLE.match(text)
    if match is None:
        return named, {}, text
    title, rest = match.group(1).strip(), text[match.end() :]
    block, _, after = rest.lstrip("\n").partition("\n\n")
    lines = [_PROPERTY.match(line) for line in block.splitlines()]
    fields = {}
    if lines and all(lines) and any(m[1].strip().lower() in _FIELDS for m in lines if m):
        for found in lines:
            assert found is not None
            field = _FIELDS.get(found[1].strip().lower())
            if field and field not in fields:
                fields[field] = found[2].strip()
        rest = after
    return title, fields, rest


def _slug(text: str, named: str) -> str:
    """The document a link to this page leads to: named as `platforms` names it, by title."""
    match = _TITLE.match(text)
    title = match.group(1).strip() if match else named
    return slugged(title, max_length=60, word_boundary=True) or "post"


def _without_placeholder_alt(picture: re.Match[str]) -> str:
    """A picture whose alt text is only its file's name ("Untitled", Notion's for a picture
    without a caption) without it, as for any picture nobody described."""
    stem = PurePosixPath(unquote(picture[2])).stem
    return f"![]({picture[2]})" if picture[1].strip() in (stem, stem + ".png") else picture[0]


def _listed(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _date(value: str) -> dt.date | None:
    """Notion writes dates as "March 1, 2026" (with a time, "3:04 PM", when it has one),
    a mention as "@March 1, 2026", a range as "March 1, 2026 → March 3, 2026"."""
    return parse_date(value.lstrip("@").split("→")[0].strip())
