"""A Bluesky account's posts, as its repository export holds them (Settings > Account >
Export my data): one `.car` file, the account's records as DAG-CBOR blocks (read by
libipld), its commit (the CAR's root) naming the account's DID.

A post (`app.bsky.feed.post`) has its `text`, `createdAt`, `langs`, `facets` (links,
mentions and hashtags, by UTF-8 byte ranges of the text; a link's text is often cut short
for display, its `uri` whole), an `embed` (pictures with their `alt`; a link card; a
quoted post; a video) and, when it answers a post, `reply` with its `parent`'s address and
content id. A repost (`app.bsky.feed.repost`) is someone else's post.

Each post with words becomes a document (the material an issue is made from, as a
channel's posts are), titled by its first sentence, its hashtags its tags. A thread the
account wrote as replies to itself is one document, its posts in order, without their
counts ("1/3"). The export holds no pictures: each is linked at Bluesky's image address
with its description, so `--fetch-images` brings it. Replies to other people, reposts and
videos are counted and left out.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

from ..errors import PublisherError
from .exports import ExportFiles, PlatformExport, Post, day_of
from .social import (
    by_thread,
    headline,
    listed,
    paragraphs,
    thread_posts,
    video,
    without_thread_counts,
)

_POST = "app.bsky.feed.post"
_IMAGE_ADDRESS = "https://cdn.bsky.app/img/feed_fullsize/plain/{did}/{cid}@jpeg"


def recognises(files: ExportFiles) -> bool:
    return _repository(files) is not None


def _repository(files: ExportFiles) -> str | None:
    """The export's CAR file, known by its header (a CBOR map of its roots and version)."""
    for name in files.named("*.car"):
        head = files.read(name)[:64]
        if b"roots" in head and b"version" in head:
            return name
    return None


def read(files: ExportFiles) -> PlatformExport:
    import libipld  # the CAR and DAG-CBOR reader; only when a repository is given

    name = _repository(files)
    assert name is not None  # recognised
    try:
        header, blocks = libipld.decode_car(files.read(name))
    except (ValueError, RecursionError) as exc:
        raise PublisherError.at(
            f"not a readable repository export: {exc}", files.path(name)
        ) from None
    roots = header.get("roots") if isinstance(header, dict) else None
    commit = blocks.get(roots[0]) if isinstance(roots, list) and roots else None
    did = str(commit.get("did", "")) if isinstance(commit, dict) else ""
    keys = _record_keys(blocks, commit.get("data") if isinstance(commit, dict) else None)
    export = PlatformExport("Bluesky", files=files)
    left: Counter[str] = Counter()
    posts: dict[str, dict[str, Any]] = {}  # by content id
    for cid, record in blocks.items():
        kind = record.get("$type") if isinstance(record, dict) else None
        if kind == "app.bsky.feed.repost":
            left["repost(s) of other people's posts"] += 1
        elif kind == _POST and isinstance(record.get("text", ""), str):
            posts[libipld.encode_cid(cid)] = {**record, "_key": keys.get(cid, "")}
    parents = {key: _parent(post) for key, post in posts.items()}
    threads, others = by_thread(posts, parents, lambda post: str(post.get("createdAt", "")))
    left["replies to other people's posts"] += others
    thread_posts(export, threads, lambda key, thread: _post(key, thread, did, export), left)
    return export


def _record_keys(blocks: dict[bytes, Any], root: object) -> dict[bytes, str]:
    """Each record's key in the repository ("app.bsky.feed.post/3lbq2…", whose last part
    is in the post's address), from the repository's Merkle search tree: a node lists its
    entries in order, each key written as the part after what it shares with the one
    before (`p` bytes of it, then `k`), each entry's record (`v`), and the subtrees before
    it (`l`, the node's first) and after it (`t`)."""
    keys: dict[bytes, str] = {}
    pending: list[object] = [root]
    seen: set[bytes] = set()
    while pending:
        link = pending.pop()
        if not isinstance(link, bytes) or link in seen:
            continue
        seen.add(link)
        node = blocks.get(link)
        if not isinstance(node, dict):
            continue
        pending.append(node.get("l"))
        previous = b""
        for entry in listed(node.get("e")):
            if not isinstance(entry, dict) or not isinstance(entry.get("k"), bytes):
                continue
            shared = entry["p"] if isinstance(entry.get("p"), int) else 0
            previous = previous[:shared] + entry["k"]
            if isinstance(entry.get("v"), bytes):
                keys[entry["v"]] = previous.decode("utf-8", "replace")
            pending.append(entry.get("t"))
    return keys


def _parent(post: dict[str, Any]) -> str | None:
    """The content id of the post this one answers (one of the account's own when it is
    among them: a content id is the hash of the post), None when it answers none."""
    reply = post.get("reply")
    if not isinstance(reply, dict):
        return None
    parent = reply.get("parent")
    return str(parent.get("cid") or "?") if isinstance(parent, dict) else "?"


def _post(key: str, thread: list[dict[str, Any]], did: str, export: PlatformExport) -> Post | None:
    first = thread[0]
    parts = [_text(post) + _embedded(post, did, export) for post in thread]
    if len(thread) > 1:
        parts = [without_thread_counts(part) for part in parts]
    if not "".join(str(post.get("text", "")) for post in thread).strip():
        return None
    title, body = headline("".join(parts))
    tags = [
        str(feature.get("tag", ""))
        for post in thread
        for facet in listed(post.get("facets"))
        if isinstance(facet, dict)
        for feature in listed(facet.get("features"))
        if isinstance(feature, dict) and str(feature.get("$type", "")).endswith("#tag")
    ]
    tags += [str(tag) for post in thread for tag in listed(post.get("tags"))]
    languages = listed(first.get("langs"))
    return Post(
        title=title,
        body_html=body,
        key=key,
        date=day_of(str(first.get("createdAt", ""))),
        tags=list(dict.fromkeys(tag for tag in tags if tag)),
        language=str(languages[0]) if languages else "",
        source=_address(did, str(first.get("_key", ""))),
    )


def _address(did: str, key: str) -> str:
    """The post's address on Bluesky, from its key in the repository ("" if unknown)."""
    collection, _, rkey = key.partition("/")
    if not did or collection != _POST or not rkey:
        return ""
    return f"https://bsky.app/profile/{did}/post/{rkey}"


def _text(post: dict[str, Any]) -> str:
    """The post's words as HTML: its facets' links made links with their whole address,
    its mentions links to the profiles, blank lines paragraphs, a closing paragraph of
    hashtags alone left out (they are the document's tags)."""
    raw = str(post.get("text", "")).encode("utf-8")
    pieces, written = [], 0
    for start, end, href in _links(post, len(raw)):
        if start < written:
            continue  # facets that overlap: the first one wins
        pieces.append(html.escape(raw[written:start].decode("utf-8", "replace")))
        shown = _whole(raw[start:end].decode("utf-8", "replace"), href)
        pieces.append(f'<a href="{html.escape(href)}">{html.escape(shown)}</a>')
        written = end
    pieces.append(html.escape(raw[written:].decode("utf-8", "replace")))
    return paragraphs("".join(pieces))


def _whole(shown: str, href: str) -> str:
    """A link's words, or its whole address where Bluesky cut it short for display
    ("dockside.example.org/news/clea...")."""
    cut = shown.removesuffix("...").removesuffix("…")
    if cut != shown and href.split("://", 1)[-1].startswith(cut):
        return href
    return shown


def _links(post: dict[str, Any], size: int) -> list[tuple[int, int, str]]:
    """Each link or mention of the post's facets: its byte range and where it leads."""
    found = []
    for facet in listed(post.get("facets")):
        index = facet.get("index") if isinstance(facet, dict) else None
        if not isinstance(index, dict):
            continue
        start, end = index.get("byteStart"), index.get("byteEnd")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size):
            continue
        for feature in listed(facet.get("features")):
            kind = str(feature.get("$type", "")) if isinstance(feature, dict) else ""
            if kind.endswith("#link") and str(feature.get("uri", "")).startswith("http"):
                found.append((start, end, str(feature["uri"])))
                break
            if kind.endswith("#mention") and feature.get("did"):
                found.append((start, end, f"https://bsky.app/profile/{feature['did']}"))
                break
    return sorted(found)


def _embedded(post: dict[str, Any], did: str, export: PlatformExport) -> str:
    """What the post shows under its words: its pictures (at Bluesky's image address, with
    their descriptions), a link card as a link, a quoted post as a link to it; a video is
    listed."""
    embed = post.get("embed")
    if not isinstance(embed, dict):
        return ""
    kind = str(embed.get("$type", ""))
    if kind == "app.bsky.embed.recordWithMedia":
        media, record = embed.get("media"), embed.get("record")
        return _embedded({"embed": media}, did, export) + _embedded(
            {
                "embed": {
                    "$type": "app.bsky.embed.record",
                    **(record if isinstance(record, dict) else {}),
                }
            },
            did,
            export,
        )
    if kind == "app.bsky.embed.images":
        return "".join(_picture(image, did) for image in listed(embed.get("images")))
    if kind == "app.bsky.embed.external" and isinstance(embed.get("external"), dict):
        card = embed["external"]
        url = str(card.get("uri", ""))
        if url.startswith("http") and url not in str(post.get("facets", "")):
            name = html.escape(str(card.get("title") or url))
            return f'<p><a href="{html.escape(url)}">{name}</a></p>'
    if kind == "app.bsky.embed.record" and isinstance(embed.get("record"), dict):
        quoted = str(embed["record"].get("uri", ""))
        if quoted.startswith("at://") and "/app.bsky.feed.post/" in quoted:
            author, _, rkey = quoted[len("at://") :].partition("/app.bsky.feed.post/")
            url = f"https://bsky.app/profile/{author}/post/{rkey}"
            return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'
    if kind == "app.bsky.embed.video":
        export.left_out.append(video(str(post.get("createdAt", "?"))[:10]))
    return ""


def _picture(image: object, did: str) -> str:
    import libipld

    if not isinstance(image, dict) or not isinstance(image.get("image"), dict):
        return ""
    ref = image["image"].get("ref")
    try:
        cid = (
            libipld.encode_cid(ref)
            if isinstance(ref, (bytes, str))
            else str((ref or {}).get("$link", ""))
        )
    except ValueError:
        return ""
    if not cid or not did:
        return ""
    src = _IMAGE_ADDRESS.format(did=did, cid=cid)
    return f'<p><img src="{html.escape(src)}" alt="{html.escape(str(image.get("alt") or ""))}"></p>'
