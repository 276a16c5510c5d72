"""A Mastodon account's posts, as its archive holds them (Preferences > Import and export >
Request your archive): a zip of `outbox.json`, `actor.json` and `media_attachments/`.

`outbox.json` is an ActivityPub collection: each `Create` activity's `object` is a post (a
`Note`) with its `content` (HTML), `published` time, `url`, `summary` (its content
warning), `contentMap` (its language), `tag` (hashtags, mentions), `attachment` (pictures,
with their description as `name`, at a path from the archive's top folder) and
`inReplyTo`; an `Announce` is a boost of someone else's post. Who may read a post is in its
`to` and `cc`: the public collection there makes it public (or unlisted); otherwise it went
to followers only, or to the people it mentions.

Each public post becomes a document (the material an issue is made from, as a channel's
posts are), titled by its first sentence, its hashtags its tags, its content warning its
subtitle. A thread the account wrote as replies to itself, as long statements are posted,
is one document, its posts in order. Replies to other people, boosts, posts for followers
or in private, polls and pictures posted without words are counted and left out; so are
videos and sounds.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

import lxml.html

from .exports import ExportFiles, LeftOut, PlatformExport, Post, day_of
from .social import HASHTAG_LINE, by_thread, headline, thread_posts, without_thread_counts

_PUBLIC = (
    "https://www.w3.org/ns/activitystreams#Public",
    "as:Public",
    "Public",
)


def recognises(files: ExportFiles) -> bool:
    return _outbox(files) is not None


def _outbox(files: ExportFiles) -> str | None:
    for name in (*files.named("outbox.json"), *files.named("*/outbox.json")):
        head = files.read(name)[:4096]
        if b'"orderedItems"' in head or b"activitystreams" in head:
            return name
    return None


def read(files: ExportFiles) -> PlatformExport:
    name = _outbox(files)
    assert name is not None  # recognised
    outbox = files.json(name)
    items = outbox.get("orderedItems") if isinstance(outbox, dict) else None
    export = PlatformExport("Mastodon", files=files)
    left: Counter[str] = Counter()
    own: dict[str, dict[str, Any]] = {}  # the account's public posts by id
    for activity in items if isinstance(items, list) else []:
        if not isinstance(activity, dict):
            continue
        post = activity.get("object")
        if activity.get("type") == "Announce":
            left["boost(s) of other people's posts"] += 1
        elif activity.get("type") != "Create" or not isinstance(post, dict):
            continue
        elif post.get("type") != "Note":
            left[f"{str(post.get('type', 'other')).lower()}(s)"] += 1
        elif not _public(post):
            left["post(s) for followers or in private"] += 1
        else:
            own[str(post.get("id"))] = post
    parents = {key: _parent(post) for key, post in own.items()}
    threads, others = by_thread(own, parents, lambda post: str(post.get("published", "")))
    left["replies to other people's posts"] += others
    base = name.rpartition("/")[0]  # where the pictures' paths start
    public_words = "not the account's own public words"
    thread_posts(export, threads, lambda _, thread: _post(thread, export, base), left, public_words)
    return export


def _parent(post: dict[str, Any]) -> str | None:
    parent = post.get("inReplyTo")
    return str(parent) if parent else None


def _public(post: dict[str, Any]) -> bool:
    """Public or unlisted: the public collection among those it was addressed to."""
    addressed = [*_one_or_many(post.get("to")), *_one_or_many(post.get("cc"))]
    return any(address in _PUBLIC for address in addressed)


def _one_or_many(value: object) -> list[Any]:
    """ActivityPub's one value or list of them (`to` may be one address), as a list."""
    if isinstance(value, str):
        return [value]
    return value if isinstance(value, list) else []


def _post(thread: list[dict[str, Any]], export: PlatformExport, base: str) -> Post | None:
    """The thread as one post; None when it has no words (a picture alone, which X's and
    Bluesky's importers leave out too: a document titled "untitled" around a photo)."""
    first = thread[0]
    texts = [_content(post, len(thread) > 1) for post in thread]
    if not any(_words(text) for text in texts):
        return None
    parts = [text + _pictures(post, export) for text, post in zip(texts, thread, strict=True)]
    title, body = headline("".join(parts))
    tags = [
        str(tag.get("name", "")).lstrip("#")
        for post in thread
        for tag in _one_or_many(post.get("tag"))
        if isinstance(tag, dict) and tag.get("type") == "Hashtag"
    ]
    languages = first.get("contentMap")
    language = next(iter(languages), "") if isinstance(languages, dict) and languages else ""
    return Post(
        title=title,
        body_html=body,
        key=str(first.get("id")),
        date=day_of(str(first.get("published", ""))),
        subtitle=str(first.get("summary") or ""),
        tags=list(dict.fromkeys(tag for tag in tags if tag)),
        language=str(language),
        source=str(first.get("url") or ""),
        base=base,
    )


def _words(content: str) -> str:
    """The words of a post's HTML (`_content`), "" for none."""
    if not content:
        return ""
    return str(lxml.html.fragment_fromstring(content, create_parent="div").text_content()).strip()


def _content(post: dict[str, Any], in_thread: bool) -> str:
    """The post's HTML, a last paragraph of hashtags alone left out (they are the document's
    tags), and in a thread without the count that opens or closes a post ("(2/3)", "2/",
    "🧵") and the mentions Mastodon opens a reply with, which the one document has no use
    for. (The parts of an address Mastodon hides, `invisible`, and cuts short, `ellipsis`,
    are spans the sanitiser unwraps: the whole address is shown.)"""
    content = str(post.get("content") or "")
    if not content.strip():
        return ""
    root = lxml.html.fragment_fromstring(content, create_parent="div")
    paragraphs = root.findall("p")
    if len(paragraphs) > 1 and HASHTAG_LINE.match(paragraphs[-1].text_content()):
        root.remove(paragraphs[-1])
    if in_thread and post.get("inReplyTo") and paragraphs:
        _without_opening_mentions(paragraphs[0])
    content = "".join(lxml.html.tostring(child, encoding="unicode") for child in root) or (
        f"<p>{html.escape(root.text or '')}</p>"
    )
    return without_thread_counts(content) if in_thread else content


def _without_opening_mentions(paragraph: lxml.html.HtmlElement) -> None:
    """The paragraph without the mentions (h-cards) before its first words: those Mastodon
    fills a reply with, the people its post mentioned, not words the account wrote."""
    while (
        not (paragraph.text or "").strip()
        and len(paragraph)
        and "h-card" in (paragraph[0].get("class") or "").split()
    ):
        mention = paragraph[0]
        paragraph.text = (paragraph.text or "") + (mention.tail or "").lstrip()
        paragraph.remove(mention)


def _pictures(post: dict[str, Any], export: PlatformExport) -> str:
    """The post's pictures, each with its description; a video or a sound is listed."""
    made = []
    for attachment in _one_or_many(post.get("attachment")):
        if not isinstance(attachment, dict):
            continue
        kind = str(attachment.get("mediaType") or "")
        url = str(attachment.get("url") or "")
        if not kind.startswith("image/"):
            what = kind.partition("/")[0] or "attachment"
            export.left_out.append(
                LeftOut(what, url.rpartition("/")[2] or "?", f"a {what} cannot be printed")
            )
            continue
        relative = not url.startswith(("https://", "http://"))
        if relative and (export.files is None or export.files.find(url) is None):
            why = "not in the archive: import the archive's zip or folder whole"
            export.left_out.append(LeftOut("image", url.rpartition("/")[2] or "?", why))
            continue
        alt = html.escape(str(attachment.get("name") or ""))
        made.append(f'<p><img src="{html.escape(url.lstrip("/"))}" alt="{alt}"></p>')
    return "".join(made)
