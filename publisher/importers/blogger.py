"""Blogger's export: the blog as one Atom feed, from Google Takeout (or Blogger's "Back up
content") as `Takeout/Blogger/Blogs/<blog>/feed.atom`, or an older backup `blog-*.xml`.

Takeout's feed (Blogger's 2018 schema) says each entry's kind and state in `blogger:type`
(POST, PAGE, COMMENT) and `blogger:status` (LIVE, DRAFT, SOFT_TRASHED), and its old
address in `blogger:filename`. The older backup says the kind in a `<category>` of the
`g/2005#kind` scheme, a draft in `app:control`, the address in `<link rel="alternate">`,
and holds the blog's settings and template as entries too; the blog's public feed, saved
from /feeds/posts/default, is the same without the kinds. Either way labels are the other
categories.

Each published post becomes a document and an issue (Blogger emailed each new post to the
blog's followers until 2021, and the issues are what the web archive and feeds carry), a
page a document only. Drafts and posts in the bin are left out and listed; readers'
comments are counted, not imported.

Blogger's editors write no paragraphs: a <div> per line, <div><br></div> for a blank one,
or text and <br> alone; with "convert line breaks" on, newlines alone. The lines between
blank lines become a paragraph (`readers.lines`, when the post is cleaned).
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from ..errors import PublisherError
from ..urls import split_url
from .exports import ExportFiles, LeftOut, PlatformExport, Post, day_of, title_from_words
from .platform_html import html_words, inner_html

_ATOM = "{http://www.w3.org/2005/Atom}"
_BLOGGER = "{http://schemas.google.com/blogger/2018}"
_APP_DRAFT = "{http://purl.org/atom/app#}control/{http://purl.org/atom/app#}draft"
_KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
_KINDS = {"post": "POST", "page": "PAGE", "comment": "COMMENT"}  # the older backup's names
_BLOG_ID = b"tag:blogger.com,1999:blog-"
_NO_NAME = ("", "Unknown", "Anonymous")  # what Blogger writes for an author without a profile
_STATUS = {"DRAFT": "a draft: never published", "SOFT_TRASHED": "in Blogger's bin"}
_UNTITLED = re.compile(r"/blog-post(?:_\d+)?\.html$")  # Blogger's name for a post without a title


def recognises(files: ExportFiles) -> bool:
    return bool(_feeds(files))


def _feeds(files: ExportFiles) -> list[str]:
    return [
        name
        for name in (*files.named("*.atom"), *files.named("*.xml"))
        if b"<feed" in (head := files.read(name)[:4096]) and _BLOG_ID in head
    ]


def read(files: ExportFiles) -> PlatformExport:
    export = PlatformExport("Blogger", files=files)
    feeds = _feeds(files)
    if len(feeds) > 1:
        raise PublisherError.at(
            f"this export holds {len(feeds)} blogs: {', '.join(feeds)}",
            files.origin,
            hint="unzip it and import one blog's feed.atom at a time, into its own workspace",
        )
    comments = 0
    for entry in files.xml(feeds[0]).iter(f"{_ATOM}entry"):
        kind = _kind(entry)
        if kind == "COMMENT":
            comments += 1
        elif kind in ("POST", "PAGE"):
            _entry(entry, kind, export)
    if comments:
        export.left_out.append(
            LeftOut("comments", f"{comments} reader comment(s)", "comments are not imported")
        )
    return export


def _kind(entry: Any) -> str:
    kind = entry.findtext(f"{_BLOGGER}type")
    if kind:
        return str(kind).strip().upper()
    for category in entry.iter(f"{_ATOM}category"):
        if category.get("scheme") == _KIND_SCHEME:
            return _KINDS.get(category.get("term", "").rpartition("#")[2], "")
    # The blog's public feed (/feeds/posts/default, saved) says neither: its entries are
    # posts, and a comment (its comments feed) says what it replies to
    replying = entry.find("{http://purl.org/syndication/thread/1.0}in-reply-to") is not None
    return "COMMENT" if replying else "POST"


def _entry(entry: Any, kind: str, export: PlatformExport) -> None:
    body = _paragraphs(entry.findtext(f"{_ATOM}content") or "")
    title = " ".join((entry.findtext(f"{_ATOM}title") or "").split()) or title_from_words(
        html_words(body)
    )
    status = (entry.findtext(f"{_BLOGGER}status") or "LIVE").strip().upper()
    if (entry.findtext(_APP_DRAFT) or "").strip() == "yes":
        status = "DRAFT"
    if status != "LIVE":
        why = _STATUS.get(status, f"{status.lower()}, not published")
        export.left_out.append(LeftOut(kind.lower(), title, why))
        return
    link = next(
        (a.get("href", "") for a in entry.iter(f"{_ATOM}link") if a.get("rel") == "alternate"),
        "",
    )
    old_path = (entry.findtext(f"{_BLOGGER}filename") or "").strip() or split_url(link).path
    author = (entry.findtext(f"{_ATOM}author/{_ATOM}name") or "").strip()
    labels = [
        (category.get("term") or "").strip()
        for category in entry.iter(f"{_ATOM}category")
        if category.get("scheme") != _KIND_SCHEME
    ]
    export.posts.append(
        Post(
            title=title,
            body_html=body,
            key=(entry.findtext(f"{_ATOM}id") or title).strip(),
            date=day_of(entry.findtext(f"{_ATOM}published") or ""),
            authors=[author] if author not in _NO_NAME else [],
            tags=list(dict.fromkeys(label for label in labels if label)),
            summary=(entry.findtext(f"{_BLOGGER}metaDescription") or "").strip(),
            source=link,
            aliases=[old_path] if old_path not in ("", "/") else [],
            sent=kind == "POST",
            slug=title if _UNTITLED.search(old_path) else "",  # not "blog-post"
        )
    )


def _paragraphs(markup: str) -> str:
    """A post's lines gathered into paragraphs (see the module's docstring); the jump
    break (`<a name="more">`, where the blog's home page cut the post) taken out."""
    if not markup.strip():
        return ""
    if "\n" in markup and not re.search(r"<(?:br|p|div)\b", markup, re.I):
        markup = markup.replace("\n", "<br>")  # "convert line breaks" was on: lines as typed
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    for anchor in root.xpath("//a[@name='more' and not(node())]"):
        anchor.drop_tag()
    return inner_html(root)
