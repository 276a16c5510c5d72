"""WordPress's export (Tools → Export): a WXR file, RSS 2.0 with the `wp:` namespace: the
site's authors, then one `<item>` per post, page and attachment with `content:encoded`,
`excerpt:encoded`, `wp:status`, `wp:post_type`, categories and tags, and `wp:postmeta`.

Given as the .xml alone or in a folder (or zip) with `wp-content/uploads/`, images whose
upload is present are copied; the others are listed. A classic-editor [gallery] shows the
uploads it names (or all those of its post) as figures, with their alt text and captions.
A large site's export comes in parts (`.000.xml`, `.001.xml`…): every part is read. Drafts, private and password-
protected posts and Jetpack paid-subscriber posts are left out and listed; a post for
Jetpack's subscribers only becomes a document in no issue, said in the report. WordPress.com
and Jetpack email each new post to the blog's subscribers, so a published post is an issue
unless its `_jetpack_dont_email_post_to_subs` meta says it was not sent. A block-editor
post's footnotes (its `footnotes` meta) are its notes, and a synced pattern (reusable
block) it shows is written out in it from the export's `wp_block` item. A Polylang or
WPML `language` term gives the post's language. A post's featured image (`_thumbnail_id`,
the attachment it names) is its lead image. Titles and term names come with their character
references (`&amp;`, `&#8220;`), read here as the site showed them.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ..errors import PublisherError
from ..tree_edits import body_html, body_tree
from .exports import ExportFiles, LeftOut, PlatformExport, Post, old_address, title_from_words
from .platform_html import html_words
from .wp_shortcodes import members_parts_left_out, shortcodes_left, shortcodes_shown

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}creator"
_EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}encoded"
_FOOTNOTES_BLOCK = re.compile(r"<!--\s*wp:footnotes\b.*?-->", re.DOTALL)
_GALLERY = re.compile(r"\[gallery\b([^\]]*)\]")
_CAPTION = re.compile(
    r"\[caption[^\]]*\]\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)?(.*?)\[/caption\]",
    re.DOTALL,
)


def recognises(files: ExportFiles) -> bool:
    return bool(_wxr_files(files))


def _wxr_files(files: ExportFiles) -> list[str]:
    """The export's WXR files: one, or several parts of one site (WordPress.com splits a
    large site's export into site.wordpress.<date>.000.xml, .001.xml…, in one zip)."""
    return sorted(
        name for name in files.named("*.xml") if b"wordpress.org/export/" in files.read(name)[:4096]
    )


def read(files: ExportFiles) -> PlatformExport:
    export = PlatformExport("WordPress", files=files)
    channels = []
    for name in _wxr_files(files):
        channel = files.xml(name).find("channel")
        if channel is None:
            raise PublisherError.at("not a WordPress export: no <channel>", files.path(name))
        channels.append((channel, {"wp": _wp_namespace(channel)}))
    uploads = _Uploads.of([p for channel, ns in channels for p in _attachments(channel, ns)])
    patterns = {key: text for channel, ns in channels for key, text in _patterns(channel, ns)}
    for channel, ns in channels:
        authors = {
            a.findtext("wp:author_login", "", ns): a.findtext("wp:author_display_name", "", ns)
            for a in channel.findall("wp:author", ns)
        }
        address = channel.findtext("wp:base_blog_url", "", ns) or channel.findtext("link") or ""
        site = _Site(address.strip(), authors, uploads, patterns)
        for item in channel.findall("item"):
            _item(item, ns, site, export)
    if any('class="sqs-' in post.body_html for post in export.posts):
        export.platform = "Squarespace"  # its blog, exported as WordPress reads it
    return export


@dataclass(frozen=True)
class _Site:
    """What a post of the export is read with: the site's address, its authors' names by
    login, its uploaded pictures."""

    address: str
    authors: dict[str, str]
    uploads: _Uploads
    patterns: dict[str, str]  # the content of each synced pattern (reusable block), by id

    def whole(self, address: str) -> str:
        """`address` made whole when written from the site's root (`/news/strike`, as
        Squarespace writes its posts' links and its files' `/s/leaflet.pdf`) or without its
        scheme (`//www.youtube.com/…`): out of the site, such an address leads nowhere."""
        if address.startswith("/") and self.address.startswith(("http://", "https://")):
            return urljoin(self.address, address)
        return address

    def addresses_whole(self, body: str) -> str:
        """`body` (a post's HTML) with every address in it made `whole`."""
        if not re.search(r"""(?:href|src)\s*=\s*["']?/""", body):
            return body
        root = body_tree(body)
        root.rewrite_links(self.whole, resolve_base_href=False)
        return body_html(root)


@dataclass(frozen=True)
class _Attachment:
    """An uploaded picture, as its own <item>: what a [gallery] shows, or a post's featured
    image."""

    id: str
    parent: str  # the post it was uploaded to
    url: str
    alt: str
    caption: str
    order: int


@dataclass(frozen=True)
class _Uploads:
    """The export's uploaded pictures (of any part), by id and by the post they were uploaded
    to, in their order: found once, not searched again for each gallery."""

    by_id: dict[str, _Attachment]
    by_post: dict[str, list[_Attachment]]

    @classmethod
    def of(cls, pictures: list[_Attachment]) -> _Uploads:
        by_post: dict[str, list[_Attachment]] = {}
        for picture in sorted(pictures, key=lambda p: (p.order, p.id)):
            by_post.setdefault(picture.parent, []).append(picture)
        return cls({p.id: p for p in pictures}, by_post)


def _attachments(channel: Any, ns: dict[str, str]) -> list[_Attachment]:
    found = []
    for item in channel.findall("item"):
        if item.findtext("wp:post_type", "", ns) != "attachment":
            continue
        meta = _meta(item, ns)
        order = item.findtext("wp:menu_order", "0", ns)
        found.append(
            _Attachment(
                id=item.findtext("wp:post_id", "", ns),
                parent=item.findtext("wp:post_parent", "", ns),
                url=(item.findtext("wp:attachment_url", "", ns) or "").strip(),
                alt=meta.get("_wp_attachment_image_alt", ""),
                caption=(item.findtext(_EXCERPT) or "").strip(),
                order=int(order) if order.strip().lstrip("-").isdigit() else 0,
            )
        )
    return found


def _patterns(channel: Any, ns: dict[str, str]) -> list[tuple[str, str]]:
    """The synced patterns (reusable blocks before WordPress 6.3) of the export: its
    `wp_block` items, by id, each with its content."""
    return [
        (item.findtext("wp:post_id", "", ns), item.findtext(_CONTENT) or "")
        for item in channel.findall("item")
        if item.findtext("wp:post_type", "", ns) == "wp_block"
    ]


# A synced pattern placed in a post: `<!-- wp:block {"ref":123} /-->`
_PATTERN_PLACED = re.compile(r"<!--\s*wp:block\s+(\{[^>]*?\})\s*/-->")
_PATTERNS_PLACED = 500  # in one post at most: patterns each placing others many times over
_PATTERN_DEPTH = 16  # patterns placed in patterns placed in patterns…


def _patterns_placed(content: str, patterns: dict[str, str], missing: list[str]) -> str:
    """`content` (block-editor markup) with each synced pattern placed in it written out as
    its content, as WordPress shows it: the post holds only its id. A pattern placed in
    itself shows nothing there, as on the site; one the export lacks is added to
    `missing` (its id)."""
    budget = [_PATTERNS_PLACED]

    def placed(text: str, within: tuple[str, ...]) -> str:
        def written(found: re.Match[str]) -> str:
            try:
                ref = str(json.loads(found.group(1)).get("ref", ""))
            except (ValueError, AttributeError):
                return found.group(0)
            if ref not in patterns:
                missing.append(ref)
                return found.group(0)
            budget[0] -= 1
            deeper = ref not in within and len(within) < _PATTERN_DEPTH and budget[0] > 0
            return placed(patterns[ref], (*within, ref)) if deeper else ""

        return _PATTERN_PLACED.sub(written, text) if "wp:block" in text else text

    return placed(content, ())


def _meta(item: Any, ns: dict[str, str]) -> dict[str, str]:
    return {
        m.findtext("wp:meta_key", "", ns): m.findtext("wp:meta_value", "", ns)
        for m in item.findall("wp:postmeta", ns)
    }


def _wp_namespace(channel: Any) -> str:
    for namespace in channel.nsmap.values():
        if namespace and re.search(r"wordpress\.org/export/\d+\.\d+/$", namespace):
            return str(namespace)
    return "http://wordpress.org/export/1.2/"


def _item(item: Any, ns: dict[str, str], site: _Site, export: PlatformExport) -> None:
    kind = item.findtext("wp:post_type", "post", ns)
    if kind not in ("post", "page"):
        return  # attachments are found through the posts that show them
    meta = _meta(item, ns)
    post_id = item.findtext("wp:post_id", "", ns)
    missing: list[str] = []  # synced patterns the export lacks
    content = _patterns_placed(item.findtext(_CONTENT) or "", site.patterns, missing)
    content, gated = members_parts_left_out(content)
    body = _paragraphs(_with_footnotes(content, meta.get("footnotes", "")), post_id, site.uploads)
    body = site.addresses_whole(body)
    # WordPress allows a post without a title (its address then its id): named, as
    # Blogger's are, by its first sentence
    title = html.unescape(item.findtext("title") or "").strip() or title_from_words(
        html_words(body)
    )
    status = item.findtext("wp:status", "", ns)
    if status != "publish":
        export.left_out.append(LeftOut(kind, title, f"{status or 'draft'}, not published"))
        return
    if item.findtext("wp:post_password", "", ns):
        export.left_out.append(LeftOut(kind, title, "protected by a password"))
        return
    if meta.get("_jetpack_newsletter_access") in ("paid_subscribers", "subscribers_paid"):
        export.left_out.append(LeftOut(kind, title, "paid subscribers only"))
        return
    terms: dict[str, list[str]] = {}
    for category in item.findall("category"):
        terms.setdefault(category.get("domain", ""), []).append(
            html.unescape(category.text or "").strip()
            if category.get("domain") != "language"
            else category.get("nicename", "")
        )
    tags = [
        t
        for t in terms.get("category", []) + terms.get("post_tag", [])
        if t and t != "Uncategorized"
    ]
    link = site.whole((item.findtext("link") or "").strip())
    creator = item.findtext(_DC) or ""
    excerpt = item.findtext(_EXCERPT) or ""
    featured = site.uploads.by_id.get(meta.get("_thumbnail_id", "").strip())
    export.posts.append(
        Post(
            title=title,
            body_html=body,
            key=post_id or title,
            date=_day(item.findtext("wp:post_date", "", ns)),
            authors=[site.authors.get(creator) or creator] if creator else [],
            tags=list(dict.fromkeys(tags)),
            language=(terms.get("language") or [""])[0],
            summary=excerpt.strip(),
            source=link,
            aliases=old_address(link),
            sent=kind == "post" and meta.get("_jetpack_dont_email_post_to_subs") != "1",
            restricted=(
                "subscribers only"
                if meta.get("_jetpack_newsletter_access") == "subscribers"
                else ""
            ),
            image=featured.url if featured else "",
            image_alt=featured.alt if featured else "",
            image_caption=featured.caption if featured else "",
            note="; ".join(
                filter(
                    None,
                    (
                        _GATED if gated else "",
                        _shortcodes_note(shortcodes_left(body)),
                        _patterns_note(missing),
                    ),
                )
            ),
        )
    )


_GATED = "its parts for the site's members only left out (the web archive is open to all)"


def _shortcodes_note(left: list[str]) -> str:
    """What the report says of shortcodes printed as typed: a plugin drew them on the site."""
    if not left:
        return ""
    named = ", ".join(left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
    return f"printed as typed, drawn by a plugin of the site: {named}; write in what they showed"


def _patterns_note(missing: list[str]) -> str:
    """What the report says of synced patterns the export lacks (an export of the posts
    alone, not of "All content")."""
    if not missing:
        return ""
    ids = ", ".join(dict.fromkeys(missing))
    return (
        f"left out: the synced pattern (reusable block) it shows, id {ids}, is not in the"
        ' export; export "All content" (Tools → Export) to bring it'
    )


def _with_footnotes(content: str, footnotes: str) -> str:
    """Block-editor footnotes (WordPress 6.3 and after): the calls are in the content, the
    notes only in the post's `footnotes` meta (JSON: id, content), shown where its footnotes
    block stands. They are written there as WordPress shows them, each note an <li> whose
    link leads back to its call, which the cleaning makes a note (`pagenotes`)."""
    try:
        notes = json.loads(footnotes) if footnotes.strip() else []
    except json.JSONDecodeError:
        return content
    items = "".join(
        f'<li id="{html.escape(str(note["id"]))}">{note.get("content") or ""}'
        f' <a href="#{html.escape(str(note["id"]))}-link">↩︎</a></li>'
        for note in (notes if isinstance(notes, list) else [])
        if isinstance(note, dict) and note.get("id")
    )
    if not items:
        return content
    shown = f'<ol class="wp-block-footnotes">{items}</ol>'
    content, found = _FOOTNOTES_BLOCK.subn(lambda _: shown, content, count=1)
    return content if found else content + shown


def _paragraphs(text: str, post_id: str, uploads: _Uploads) -> str:
    """Classic-editor content keeps paragraphs as blank lines and line breaks as newlines
    (wpautop adds the <p> and <br> when showing it), captions as [caption] and galleries
    as [gallery] shortcodes; block-editor content has its own."""
    text = _CAPTION.sub(_figure, text)
    text = _GALLERY.sub(lambda match: _gallery(match.group(1), post_id, uploads), text)
    text = shortcodes_shown(text)
    if "<!-- wp:" in text:
        return text
    # as wpautop: a <p> typed among them changes nothing, a <pre>'s blank lines are its own
    parts = [
        part.strip()
        for piece in _PREFORMATTED_BLOCK.split(text)
        for part in (piece.split("\n\n") if not _PREFORMATTED.match(piece) else [piece])
        if part.strip()
    ]
    return "".join(_paragraph(part) for part in parts)


def _paragraph(part: str) -> str:
    """A part of classic content between blank lines: a paragraph, its lines kept apart
    (an address, a time and a place, a poem), as wpautop shows them; a line break is not
    added at a block's edge, nor a <p> around one, nor anything inside preformatted text,
    whose lines and indents are its own."""
    if _PREFORMATTED.search(part):
        return part if _BLOCK_START.match(part) else f"<p>{part}</p>"
    lines = [line.strip() for line in _one_line_tags(part).split("\n") if line.strip()]
    joined = lines[0]
    for before, line in itertools.pairwise(lines):
        edge = _BLOCK_END.search(before) or _BLOCK_START.match(line)
        joined += ("\n" if edge else "<br>\n") + line
    return joined if _BLOCK_START.match(joined) else f"<p>{joined}</p>"


def _one_line_tags(part: str) -> str:
    """A tag the writer wrapped onto the next line (`<a⏎href=…>`) written on one: wpautop
    keeps newlines inside tags out of its line breaks, and a <br> there breaks the tag."""
    return _TAG.sub(lambda tag: " ".join(tag.group().split("\n")), part)


# The elements wpautop sets apart from paragraphs (its $allblocks, those a post holds)
_BLOCKS = r"(?:address|blockquote|div|dl|dd|dt|figure|figcaption|h[1-6]|hr|li|ol|p|pre|table|tbody|td|th|thead|tr|ul)\b"
_BLOCK_START = re.compile(rf"</?{_BLOCKS}", re.I)
_BLOCK_END = re.compile(rf"</?{_BLOCKS}[^>]*>$", re.I)
_PREFORMATTED = re.compile(r"<pre\b", re.I)
_TAG = re.compile(r"</?[a-z][^>]*>", re.I)
_PREFORMATTED_BLOCK = re.compile(r"(<pre\b.*?</pre>)", re.I | re.S)


def _gallery(attributes: str, post_id: str, uploads: _Uploads) -> str:
    """[gallery ids="12,15"] (or [gallery]: every picture uploaded to the post, in their
    order) → a figure for each picture, its alt text and caption kept."""
    ids = re.search(r"""\b(?:ids|include)\s*=\s*["']?([\d,\s]+)""", attributes)
    if ids:
        by_id = uploads.by_id
        shown = [by_id[i] for i in re.findall(r"\d+", ids.group(1)) if i in by_id]
    else:
        shown = uploads.by_post.get(post_id, [])
    return "".join(
        f'<figure><img src="{html.escape(p.url)}" alt="{html.escape(p.alt)}">'
        + (f"<figcaption>{html.escape(p.caption)}</figcaption>" if p.caption else "")
        + "</figure>"
        for p in shown
        if p.url
    )


def _figure(match: re.Match[str]) -> str:
    """[caption]<a><img></a> The caption.[/caption] → a figure with its caption."""
    image, caption = match.group(1) or "", match.group(2).strip()
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>" if image else caption


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
