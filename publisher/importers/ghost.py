"""Ghost's JSON export (Settings → Labs → Export: `{"db": [{"meta", "data"}]}` with posts,
tags, users and the tables joining them) and its members CSV.

A post's body is its `html` when the export has it, else rendered here from `lexical`
(Ghost 5) or `mobiledoc` (Ghost 1–4), with its cards (a Markdown card's Markdown, a code
card, a button, a file): a card not read is named in the report. Drafts and scheduled
posts, and posts for paid members only (visibility paid or tiers), are left out and
listed; a newsletter sent by email only (status sent) is an issue as the published are,
the report saying so; pages become documents but not issues, and so do posts for
signed-in members (visibility members), said in the report: their readers had to sign in,
the web archive is open to all. A post was sent when Ghost recorded an email for it
(`emails`) or it went to a newsletter (`newsletter_id`, `email_recipient_filter` other
than none). Its old address is Ghost's default permalink, /<slug>/. Its feature image
(`feature_image`, its alt text and caption in `posts_meta`) is its lead image. A card Ghost
showed signed-in members only (its visibility) is left out of a public post, said in the
report, as a post for paid members is.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..errors import PublisherError
from .exports import ExportFiles, LeftOut, PlatformExport, Post, day_of
from .members import header_of, read_members_csv, recognise_columns


def recognises(files: ExportFiles) -> bool:
    return _export_file(files) is not None


def _export_file(files: ExportFiles) -> str | None:
    for name in files.named("*.json"):
        head = files.read(name)[:4096].decode("utf-8", "replace")
        if '"db"' in head or ('"meta"' in head and '"data"' in head and "ghost" in head.lower()):
            return name
    return None


def read(files: ExportFiles) -> PlatformExport:
    export = PlatformExport("Ghost", files=files)
    for name in files.named("*.csv"):
        text = files.text(name)
        if recognise_columns(header_of(text)) == "ghost":
            export.members += read_members_csv(text, files.where(name), "ghost")
    found = _export_file(files)
    assert found is not None
    document = files.json(found)
    data = _data(document)
    tags = {t.get("id"): t.get("name", "") for t in _rows(data, "tags")}
    users = {u.get("id"): u.get("name", "") for u in _rows(data, "users")}
    post_tags = _joined(_rows(data, "posts_tags"), "tag_id", tags)
    post_authors = _joined(_rows(data, "posts_authors"), "author_id", users)
    emailed = {e.get("post_id") for e in _rows(data, "emails")}
    post_meta = {m.get("post_id"): m for m in _rows(data, "posts_meta")}
    for post in _rows(data, "posts"):
        title = str(post.get("title") or post.get("slug") or "untitled")
        kind = post.get("type", "post")
        if post.get("status") not in ("published", "sent"):  # sent: by email only
            export.left_out.append(
                LeftOut(kind, title, f"{post.get('status', 'draft')}, not published")
            )
            continue
        if post.get("visibility") in ("paid", "tiers"):
            export.left_out.append(LeftOut(kind, title, "paid members only"))
            continue
        post_id, slug = post.get("id"), str(post.get("slug") or "")
        author = users.get(post.get("author_id"))
        meta = post_meta.get(post_id) or post  # Ghost 4 moved the feature image's words
        sent = kind == "post" and (
            post_id in emailed
            or (
                post.get("newsletter_id")
                and post.get("email_recipient_filter") not in (None, "none")
            )
        )
        body, unread = _body(post)
        body, gated = _public_parts(body)
        export.left_out += [
            LeftOut("card", f"{name} in {title}", "Ghost's, not read: its words are not imported")
            for name in dict.fromkeys(unread)
        ]
        export.posts.append(
            Post(
                title=title,
                body_html=body,
                key=str(post_id or slug),
                date=day_of(post.get("published_at") or post.get("created_at")),
                authors=post_authors.get(post_id) or ([author] if author else []),
                tags=[t for t in post_tags.get(post_id, []) if not t.startswith("#")],
                language=str(post.get("locale") or ""),
                summary=str(post.get("custom_excerpt") or ""),
                aliases=[f"/{slug}/"] if slug else [],
                sent=bool(sent),
                emailed=bool(sent),
                restricted="members only" if post.get("visibility") == "members" else "",
                image=str(post.get("feature_image") or ""),
                image_alt=str(meta.get("feature_image_alt") or ""),
                image_caption=str(meta.get("feature_image_caption") or ""),
                note="; ".join(
                    note
                    for note, said in ((_EMAIL_ONLY, post.get("status") == "sent"), (_GATED, gated))
                    if said
                ),
            )
        )
    return export


_EMAIL_ONLY = "sent by email only on Ghost, never on its site: the web archive publishes it"
_GATED = "its parts for Ghost's members only left out (the web archive is open to all)"

# Ghost 5 shows a card to some readers only (its visibility): its HTML for the web is then
# between these marks, which say to whom (`nonMember:false memberSegment:"status:free,…"`:
# signed-in members only; `nonMember:true memberSegment:""`: visitors only, who are public)
_GATE = re.compile(r"<!--kg-gated-block:(?:begin([^>]*)|end)-->")


def _public_parts(body: str) -> tuple[str, bool]:
    """`body` without the cards Ghost showed signed-in members only, and whether it had any:
    the web archive is open to all. The marks go; what visitors saw stays."""
    if "kg-gated-block" not in body:
        return body, False
    pieces, at, opened, gated = [], 0, None, False
    for mark in _GATE.finditer(body):
        if mark[1] is not None:  # a beginning: the next end closes it
            opened = mark
            continue
        if opened is None:
            continue
        pieces.append(body[at : opened.start()])
        if "nonMember:false" in opened[1]:
            gated = True
        else:
            pieces.append(body[opened.end() : mark.start()])
        at, opened = mark.end(), None
    return "".join(pieces) + body[at:], gated


def _gated_html(visibility: object, shown: str) -> str:
    """A card's HTML (`shown`) between the marks Ghost's web HTML puts around it when its
    `visibility` hides it from visitors: on the web to members only (`web.nonMember`
    false), or, as older Ghost wrote it, not on the web (`showOnWeb` false, `emailOnly`)."""
    if not isinstance(visibility, dict):
        return shown
    web = visibility.get("web")
    if isinstance(web, dict) and "nonMember" in web:
        hidden = web["nonMember"] is False
    else:
        hidden = visibility.get("showOnWeb") is False or visibility.get("emailOnly") is True
    return (
        f"<!--kg-gated-block:begin nonMember:false -->{shown}<!--kg-gated-block:end-->"
        if hidden
        else shown
    )


def _data(document: Any) -> dict[str, Any]:
    if isinstance(document, dict) and isinstance(document.get("db"), list) and document["db"]:
        document = document["db"][0]
    if isinstance(document, dict) and isinstance(document.get("data"), dict):
        data: dict[str, Any] = document["data"]
        return data
    raise PublisherError.at("not a Ghost export: no 'data' with posts")


def _rows(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    """The rows of one of the export's tables: a table that is no list, or a row that is no
    object, is none (an export edited by hand, or written by another tool, may hold such)."""
    rows = data.get(table)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _joined(rows: list[dict[str, Any]], key: str, names: dict[Any, str]) -> dict[Any, list[str]]:
    joined: dict[Any, list[str]] = {}
    for row in sorted(rows, key=lambda r: r.get("sort_order", 0)):
        if row.get(key) in names:
            joined.setdefault(row.get("post_id"), []).append(names[row[key]])
    return joined


def _body(post: dict[str, Any]) -> tuple[str, list[str]]:
    """The post's HTML, and what of its Lexical or Mobiledoc was not read (a card's name, or
    the body's when it is no JSON): said in the report, not silently empty."""
    if post.get("html"):
        return str(post["html"]), []
    unread: list[str] = []
    for key, render in (("lexical", lexical_html), ("mobiledoc", mobiledoc_html)):
        if post.get(key):
            try:
                document = json.loads(post[key])
                return render(document.get("root", document), unread), unread
            except (json.JSONDecodeError, TypeError, KeyError, IndexError, AttributeError):
                unread.append(f"{key} (not JSON)")
    return "", unread


_LEXICAL_FORMATS = ((1, "strong"), (2, "em"), (4, "s"), (8, "u"), (16, "code"))
# Ghost's editor (Koenig) saves Lexical's text, heading, quote and line break nodes under
# names of its own; a TK node is a run of text marked "to come"
_TEXTS = ("text", "extended-text", "tk")
_HEADINGS = ("heading", "extended-heading")
_QUOTES = ("quote", "extended-quote", "aside")  # an aside: Ghost's alternative quote style
_LINE_BREAKS = ("linebreak", "extended-line-break")


def lexical_html(node: dict[str, Any], unread: list[str] | None = None) -> str:
    """Ghost 5's Lexical document → HTML: the node types an article uses; the type of
    each node not read is added to `unread`. A card shown to members only is marked so, as
    Ghost's own HTML marks it."""
    return _gated_html(node.get("visibility"), _lexical_node_html(node, unread))


def _lexical_node_html(node: dict[str, Any], unread: list[str] | None) -> str:
    kind = node.get("type")
    inner = "".join(lexical_html(child, unread) for child in node.get("children", []))
    if kind == "root":
        return inner
    if kind in _TEXTS:
        text = html.escape(node.get("text", ""))
        for bit, tag in _LEXICAL_FORMATS:
            if node.get("format", 0) & bit:
                text = f"<{tag}>{text}</{tag}>"
        return text
    if kind in _LINE_BREAKS:
        return "<br>"
    if kind == "tab":
        return "\t"
    if kind in ("link", "autolink"):
        return f'<a href="{html.escape(node.get("url", ""))}">{inner}</a>'
    if kind in _HEADINGS:
        tag = node.get("tag", "h2")
        return (
            f"<{tag}>{inner}</{tag}>"
            if tag in ("h2", "h3", "h4", "h5", "h6")
            else f"<h2>{inner}</h2>"
        )
    if kind in _QUOTES:
        return f"<blockquote><p>{inner}</p></blockquote>"
    if kind == "list":
        tag = "ol" if node.get("listType") == "number" else "ul"
        return f"<{tag}>{inner}</{tag}>"
    if kind == "listitem":
        return f"<li>{inner}</li>"
    if kind == "image":
        return _figure(str(node.get("src", "")), str(node.get("alt", "")), node.get("caption", ""))
    if kind == "horizontalrule":
        return "<hr>"
    if kind == "html":
        return str(node.get("html", ""))
    if kind == "paragraph":
        return f"<p>{inner}</p>"
    shown = card_html(str(kind), node)
    if shown is None and inner:
        return inner  # an element of a newer Ghost's: its words, at least
    if shown is None and unread is not None:
        unread.append(str(kind))
    return shown or ""


# A tweet's or Bluesky post's embed code, which quotes its words for where the script that
# draws it does not run (platform_html keeps the quote, drops the script).
_QUOTED_POST = re.compile(r'<blockquote[^>]*class="[^"]*(?:twitter-tweet|bluesky-embed)')
# Cards an article does without: a signup form, a paywall's mark, a list of the site's
# latest posts, a podcast's player (what the platform's HTML drops as furniture too)
_FURNITURE = frozenset({"signup", "paywall", "collection", "transistor"})


def card_html(kind: str, card: dict[str, Any]) -> str | None:
    """A card of the writer's (the same fields in Lexical and Mobiledoc): a bookmark or an
    embed as a link to what it shows (its caption under it), a gallery's pictures, a
    callout as a quote, a toggle as its heading and text, a Markdown card as what its
    Markdown says, a code card as preformatted text, a button or a file card as a link with
    its words, a recording or a video as a link to it, a product's and a header's words
    and button. Furniture is "";
    a card not read here is None, for the report to name."""
    if kind in _FURNITURE:
        return ""
    caption = str(card.get("caption", "") or "").strip()  # HTML, as Ghost shows it
    if kind == "embed" and _QUOTED_POST.search(str(card.get("html", ""))):
        # the post's embed code: its words, cleaned as the HTML's
        return str(card["html"]) + (f"<p>{caption}</p>" if caption else "")
    if kind in ("bookmark", "embed"):
        url = str(card.get("url", ""))
        metadata = card.get("metadata")
        title = metadata.get("title", "") if isinstance(metadata, dict) else ""
        if not url.startswith(("http://", "https://")):
            return ""
        link = f'<a href="{html.escape(url)}">{html.escape(str(title or url))}</a>'
        return f"<p>{link}<br>{caption}</p>" if caption else f"<p>{link}</p>"
    if kind == "gallery":
        images = card.get("images")
        return "".join(
            _figure(str(i.get("src", "")), str(i.get("alt", "")), str(i.get("caption", "")))
            for i in (images if isinstance(images, list) else [])
            if isinstance(i, dict)
        )
    if kind == "callout":
        emoji = html.escape(str(card.get("calloutEmoji", "") or ""))
        text = str(card.get("calloutText", "") or "")
        return f"<blockquote><p>{emoji} {text}</p></blockquote>" if text.strip() else ""
    if kind == "toggle":
        heading, content = str(card.get("heading", "") or ""), str(card.get("content", "") or "")
        return f"<h3>{heading}</h3>{content}" if heading.strip() or content.strip() else ""
    if kind in ("markdown", "card-markdown"):  # card-markdown: Ghost 1's name for it
        return _markdown_html(str(card.get("markdown", "") or ""))
    if kind in ("codeblock", "code"):  # code: Mobiledoc's name for it
        code = f"<pre><code>{html.escape(str(card.get('code', '') or ''))}</code></pre>"
        caption = str(card.get("caption", "") or "")
        return f"<figure>{code}<figcaption>{caption}</figcaption></figure>" if caption else code
    if kind == "button":
        return _link(card.get("buttonUrl"), card.get("buttonText"))
    if kind == "audio":  # a recording: a link to it by its title, as ghost_cards reads it
        return _link(card.get("src"), card.get("title"))
    if kind == "video":
        return _link(card.get("src"), _words(card.get("caption")) or card.get("fileName"))
    if kind == "product":
        title = _words(card.get("productTitle"))
        shown = f"<p><strong>{html.escape(title)}</strong></p>" if title else ""
        if isinstance(image := card.get("productImageSrc"), str) and image.strip():
            shown += _figure(image.strip(), title, "")
        shown += str(card.get("productDescription", "") or "")
        if card.get("productButtonEnabled", True):
            shown += _link(card.get("productUrl"), card.get("productButton"))
        return shown
    if kind == "header":
        shown = "".join(
            f"<{tag}>{html.escape(words)}</{tag}>"
            for tag, key in (("h2", "header"), ("h3", "subheader"))
            if (words := _words(card.get(key)))
        )
        if card.get("buttonEnabled", True):
            shown += _link(card.get("buttonUrl"), card.get("buttonText"))
        return shown
    if kind == "file":
        link = _link(card.get("src"), card.get("fileTitle") or card.get("fileName"))
        caption = html.escape(str(card.get("fileCaption", "") or "").strip())
        return link.replace("</a></p>", f"</a><br>{caption}</p>") if caption and link else link
    return None


def _words(value: object) -> str:
    """A card's words (a caption's, a header's, given as HTML), as a reader sees them."""
    from .platform_html import html_words

    return html_words(str(value or ""))


def _link(url: object, words: object) -> str:
    """A paragraph linking `url` by `words` (by the address, when the card has none)."""
    if not isinstance(url, str) or not url.strip():
        return ""
    words = str(words or "").strip() or url
    return f'<p><a href="{html.escape(url.strip())}">{html.escape(words)}</a></p>'


def _markdown_html(markdown: str) -> str:
    """A Markdown card's Markdown, as HTML: read as a document's Markdown is."""
    from .. import pandoc

    return pandoc.markdown_to_html(markdown) if markdown.strip() else ""


def _figure(src: str, alt: str, caption: str) -> str:
    image = f'<img src="{html.escape(src)}" alt="{html.escape(alt)}">'
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>" if caption else image


def mobiledoc_html(doc: dict[str, Any], unread: list[str] | None = None) -> str:
    """Ghost 1–4's Mobiledoc → HTML: markup and list sections, image and HTML cards, and
    the writer's other cards (`card_html`); the name of each card not read is added to
    `unread`."""
    markups = doc.get("markups", [])
    cards = doc.get("cards", [])
    atoms = doc.get("atoms", [])
    out = []
    for section in doc.get("sections", []):
        if section[0] == 1:
            tag = _SECTION_TAGS.get(str(section[1]).lower(), "p")
            out.append(f"<{tag}>{_markers(section[2], markups, atoms)}</{tag}>")
        elif section[0] == 3:
            items = "".join(f"<li>{_markers(item, markups, atoms)}</li>" for item in section[2])
            out.append(f"<{section[1]}>{items}</{section[1]}>")
        elif section[0] == 10:
            name, payload = cards[section[1]]
            shown: str | None
            if name == "image":
                src, alt = str(payload.get("src", "")), str(payload.get("alt", ""))
                shown = _figure(src, alt, str(payload.get("caption", "") or ""))
            elif name == "html":
                shown = str(payload.get("html", ""))
            elif name == "hr":
                shown = "<hr>"
            elif isinstance(payload, dict):
                shown = card_html(str(name), payload)
                if shown is None and unread is not None:
                    unread.append(str(name))
            else:
                continue
            out.append(_gated_html(payload.get("visibility"), shown or ""))
    return "".join(out)


def _atom(atoms: list[Any], index: object) -> str:
    atom = atoms[index] if isinstance(index, int) and 0 <= index < len(atoms) else None
    if not isinstance(atom, list) or not atom:
        return ""
    if atom[0] == "soft-return":
        return "<br>"
    return html.escape(str(atom[1])) if len(atom) > 1 and isinstance(atom[1], str) else ""


# Mobiledoc's markup sections, as Ghost's editor wrote them (an aside: its alternative quote)
_SECTION_TAGS = {
    **{tag: tag for tag in ("p", "h2", "h3", "h4", "h5", "h6", "blockquote")},
    "h1": "h2",
    "aside": "blockquote",
}


def _markers(markers: list[Any], markups: list[Any], atoms: list[Any]) -> str:
    """A section's text, its markups opened and closed; an atom (a marker of kind 1) as
    what it shows: Shift+Enter's `soft-return` a line break, another its text."""
    text, open_tags = "", []
    for kind, opens, closes, value in markers:
        for index in opens:
            tag, attributes = markups[index][0], (markups[index][1:] or [[]])[0]
            pairs = zip(attributes[::2], attributes[1::2], strict=False)
            attrs = "".join(f' {k}="{html.escape(str(v))}"' for k, v in pairs if k == "href")
            text += f"<{tag}{attrs}>"
            open_tags.append(tag)
        text += html.escape(value) if kind == 0 else _atom(atoms, value) if kind == 1 else ""
        for _ in range(closes):
            text += f"</{open_tags.pop()}>"
    return text
