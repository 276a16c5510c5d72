"""A page of Notion's export ("Export → Markdown & CSV"): `Title <32 hex digits>.md`,
opening with its `# Title` heading and, for a database's row, the `Key: Value` lines of its
properties, which give the author, date, tags, summary, language and status by the names
people give those columns. `importers.notion` reads the whole export so; the Markdown
reader, a page copied into documents/ as exported.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath
from typing import Any

PAGE = re.compile(r"(?:^|/)([^/]+) ([0-9a-f]{32})\.md$")
TITLE = re.compile(r"\A\s*# (.+)\n")
_PROPERTY = re.compile(r"^([^:\n]{1,40}): (.*)$")

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
DRAFT = {"draft", "not started", "in progress", "to do", "idea", "ideas", "backlog", "writing"}


def page_front_matter(text: str, path: PurePosixPath | str) -> tuple[dict[str, Any], str] | None:
    """A Notion page's properties as a document's front matter, and the rest of its text,
    when `path` is named as Notion names a page and its `Key: Value` lines give any: the
    page copied into documents/ as exported, not imported (its Status and Owner were
    printed as the article's first paragraph)."""
    named = PAGE.search(str(path))
    if named is None:
        return None
    title, fields, rest = page(text, named[1])
    if not fields:
        return None
    meta: dict[str, Any] = {"title": title}
    if (day := page_date(fields.get("date", ""))) is not None:
        meta["date"] = day
    for key, field in (("authors", "authors"), ("tags", "tags")):
        if items := listed(fields.get(field, "")):
            meta[key] = items
    for key, field in (("summary", "summary"), ("lang", "language")):
        if fields.get(field):
            meta[key] = fields[field]
    if fields.get("status", "").lower() in DRAFT:
        meta["draft"] = True
    return meta, rest


def page(text: str, named: str) -> tuple[str, dict[str, str], str]:
    """The page's title (`named`, its file's, when it has no heading), the fields its
    properties give, and the rest of its Markdown."""
    match = TITLE.match(text)
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


def listed(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def page_date(value: str) -> dt.date | None:
    """Notion writes dates as "March 1, 2026" (with a time, "3:04 PM", when it has one),
    a mention as "@March 1, 2026", a range as "March 1, 2026 → March 3, 2026"."""
    from ..importers.textdates import parse_date  # not at import: importers import readers

    return parse_date(value.lstrip("@").split("→")[0].strip())
