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

import re
from pathlib import PurePosixPath
from urllib.parse import unquote

from ..pool import slugged
from ..readers.notion_pages import DRAFT, PAGE, TITLE, listed, page, page_date
from .exports import ExportFiles, LeftOut, PlatformExport, Post

# A link to another page of the export: (Title%20<id>.md), maybe in a folder
_PAGE_LINK = re.compile(r"\]\(((?:[^()\s]*/)?[^()/\s]*%20([0-9a-f]{32})\.md)\)")

_PICTURE = re.compile(r"!\[([^\]]*)\]\(([^()\s]+)\)")


def recognises(files: ExportFiles) -> bool:
    return any(PAGE.search(name) for name in files)


def read(files: ExportFiles) -> PlatformExport:
    from .. import pandoc

    export = PlatformExport("Notion", files=files)
    pages = {name: found for name in sorted(files) if (found := PAGE.search(name))}
    texts = {name: files.text(name) for name in pages}
    slugs = {found[2]: _slug(texts[name], found[1]) for name, found in pages.items()}
    for name, found in pages.items():
        title, fields, body = page(texts[name], found[1])
        if fields.get("status", "").lower() in DRAFT:
            export.left_out.append(LeftOut("page", title, f"Status is {fields['status']}"))
            continue
        body = _PAGE_LINK.sub(lambda m: f"]({slugs.get(m[2], m[1])}.md)", body)
        body = _PICTURE.sub(_without_placeholder_alt, body)
        export.posts.append(
            Post(
                title=title,
                body_html=pandoc.markdown_to_html(body),
                key=found[2],
                date=page_date(fields.get("date", "")),
                authors=listed(fields.get("authors", "")),
                tags=listed(fields.get("tags", "")),
                summary=fields.get("summary", ""),
                language=fields.get("language", ""),
                base=name.rpartition("/")[0],
            )
        )
    return export


def _slug(text: str, named: str) -> str:
    """The document a link to this page leads to: named as `platforms` names it, by title."""
    match = TITLE.match(text)
    title = match.group(1).strip() if match else named
    return slugged(title, max_length=60, word_boundary=True) or "post"


def _without_placeholder_alt(picture: re.Match[str]) -> str:
    """A picture whose alt text is only its file's name ("Untitled", Notion's for a picture
    without a caption) without it, as for any picture nobody described."""
    stem = PurePosixPath(unquote(picture[2])).stem
    return f"![]({picture[2]})" if picture[1].strip() in (stem, stem + ".png") else picture[0]
