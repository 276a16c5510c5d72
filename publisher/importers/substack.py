"""Substack's export zip: `posts.csv` (one row per post: post_id '<number>.<slug>',
post_date, is_published, email_sent_at, type, audience, title, subtitle), the bodies as
`posts/<post_id>.html`, and the list as `email_list.<publication>.csv`.

Drafts (is_published false) and paid-only posts (audience only_paid or founding) are left
out and listed, and so are discussion threads; a podcast episode is its show notes, their
first line a link to its audio (podcast_url). A recording or video uploaded into a post
is listed as left out: its player keeps only an upload id, the file is on Substack alone.
A post with an email_sent_at was sent, so it
becomes an issue; a page (About) is a document in no issue, as WordPress's pages are. The
old address of each post is /p/<slug> on the publication's site.
"""

from __future__ import annotations

import csv
import html
import io
import re

from .exports import ExportFiles, LeftOut, PlatformExport, Post, day_of
from .members import read_members_csv

_PAID = ("only_paid", "founding", "paid")
_LIST = re.compile(r"(?:^|/)email_list\.([\w.-]+)\.csv$")
# Substack's player of a recording or video uploaded into a post: no address in the export
_UPLOADED = re.compile(
    r"<div\s+class=\"native-(audio|video)-embed\"[^>]*?\sdata-attrs=\"([^\"]*)\"[^>]*>\s*</div>"
)


def recognises(files: ExportFiles) -> bool:
    return bool(files.named("posts.csv") or files.named("*/posts.csv"))


def read(files: ExportFiles) -> PlatformExport:
    export = PlatformExport("Substack", files=files)
    publication = ""
    for name in files:
        match = _LIST.search(name)
        if match:
            publication = match.group(1)
            export.members += read_members_csv(files.text(name), files.where(name), "substack")
    site = f"https://{publication}.substack.com" if publication else ""
    (table,) = files.named("posts.csv") or files.named("*/posts.csv")[:1]
    folder = table.rpartition("/")[0]
    for row in csv.DictReader(io.StringIO(files.text(table), newline="")):
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        post_id = row.get("post_id", "")
        title = row.get("title") or post_id
        slug = post_id.partition(".")[2] or post_id
        if row.get("is_published", "").lower() != "true":
            export.left_out.append(LeftOut("post", title, "a draft: never published"))
            continue
        if row.get("audience", "").lower() in _PAID:
            export.left_out.append(LeftOut("post", title, "paid subscribers only"))
            continue
        kind = row.get("type") or "newsletter"
        if kind not in ("newsletter", "podcast", "page"):
            export.left_out.append(LeftOut("post", title, f"a {kind}, not an article"))
            continue
        body_name = "/".join(filter(None, (folder, "posts", f"{post_id}.html")))
        if body_name not in files:
            export.left_out.append(LeftOut("post", title, f"{body_name} is not in the export"))
            continue
        body = files.text(body_name)
        for found in _UPLOADED.finditer(body):
            what = "recording" if found[1] == "audio" else "video"
            export.left_out.append(
                LeftOut(
                    what,
                    f"{_label(found[2]) or f'a {what}'} in {title}",
                    f"uploaded to Substack, not in the export: download the {what} from"
                    " the post's page and link it",
                )
            )
        if kind == "podcast" and (audio := row.get("podcast_url")):
            body = f'<audio src="{html.escape(audio)}" title="{html.escape(title)}"></audio>{body}'
        export.posts.append(
            Post(
                title=title,
                subtitle=row.get("subtitle", ""),
                body_html=body,
                key=post_id,
                date=day_of(row.get("post_date", "")),
                source=f"{site}/p/{slug}" if site else "",
                aliases=[f"/p/{slug}"],
                sent=kind != "page" and bool(row.get("email_sent_at")),
                emailed=kind != "page" and bool(row.get("email_sent_at")),
                base=body_name.rpartition("/")[0],
            )
        )
    return export


def _label(attrs: str) -> str:
    """The label a Substack player's data-attrs (as written in its HTML) give it; "" for none."""
    from .substack_blocks import data_attrs

    label = data_attrs(html.unescape(attrs)).get("label")
    return " ".join(label.split()) if isinstance(label, str) else ""
