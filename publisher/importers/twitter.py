"""An X (Twitter) account's posts, as its archive holds them (Settings > Your account >
Download an archive of your data): a zip of `Your archive.html`, `assets/` and `data/`, where
`data/tweets.js` (older: `tweet.js`; large archives also `tweets-part1.js`…) is JSON after
`window.YTD.tweets.part0 = `, `data/account.js` names the account, and
`data/tweets_media/` holds the pictures, each named `<post id>-<its name online>`. A post
longer than 280 characters (X Premium) is cut short in tweets.js, "…" and a link to itself;
`data/note-tweet.js` (`window.YTD.note_tweet.part0 = `) holds its whole text (`noteTweet`:
`core.text`, `core.urls`, `createdAt`) under an id of its own.

Each post has its `full_text` (with &amp; and its kin, and its links as t.co addresses),
`created_at`, `lang`, `entities` (the t.co addresses with the `expanded_url` they stand
for, hashtags, mentions), `extended_entities` (its pictures and videos) and, when it
answers a post, `in_reply_to_status_id_str` and `in_reply_to_user_id_str`.

Each post with words becomes a document (the material an issue is made from, as a
channel's posts are), titled by its first sentence (or its headline), its hashtags its
tags, each t.co address the address it stands for, its pictures after its words. A thread
the account wrote as replies to itself is one document, without its counts ("1/3", "🧵")
and the @names X opens each reply with (before where `display_text_range` starts).
Reposts (retweets), replies to other people and videos are counted and left out. An edited
post is in the archive once for each version (`edit_info`): only its last is read.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from email.utils import parsedate_to_datetime
from typing import Any

from ..errors import PublisherError
from .exports import ExportFiles, PlatformExport, Post
from .social import (
    by_thread,
    headline,
    listed,
    paragraphs,
    thread_posts,
    video,
    without_thread_counts,
)

# tweets.js, tweet.js (older archives), tweets-part1.js … (large ones)
_POSTS = re.compile(r"(?:^|/)(?:data/)?tweets?(?:-part\d+)?\.js$")
# note-tweet.js: the whole text of each post longer than 280 characters (X Premium)
_NOTES = re.compile(r"(?:^|/)(?:data/)?note-tweet(?:-part\d+)?\.js$")
_ASSIGNMENT = re.compile(rb"^\s*window\.YTD\.\w+\.part\d+\s*=\s*")


def recognises(files: ExportFiles) -> bool:
    return any(_POSTS.search(name) and _ASSIGNMENT.match(files.read(name)[:128]) for name in files)


def read(files: ExportFiles) -> PlatformExport:
    export = PlatformExport("X (Twitter)", files=files)
    username = ""  # for the posts' addresses
    for name in files.named("*account.js"):
        for item in _data(files, name):
            if isinstance(item, dict) and isinstance(item.get("account"), dict):
                username = str(item["account"].get("username", ""))
    posts: dict[str, dict[str, Any]] = {}
    left: Counter[str] = Counter()
    for name in sorted(n for n in files if _POSTS.search(n)):
        for item in _data(files, name):
            post = item.get("tweet", item) if isinstance(item, dict) else None
            if not isinstance(post, dict):
                continue
            if str(post.get("full_text", "")).startswith("RT @"):
                left["repost(s) of other people's posts"] += 1
            else:
                posts[str(post.get("id_str", len(posts)))] = post
    _read_whole(posts, _notes(files))
    latest = _last_versions(posts)
    posts = {key: post for key, post in posts.items() if latest.get(key, key) == key}
    parents = {key: _parent(post, latest) for key, post in posts.items()}
    earliest = dt.datetime.min.replace(tzinfo=dt.UTC)
    threads, others = by_thread(posts, parents, lambda post: _moment(post) or earliest)
    left["replies to other people's posts"] += others
    media_folder = next(iter(files.named("*data/tweets_media/*")), "").rpartition("/")[0]
    thread_posts(
        export,
        threads,
        lambda key, thread: _post(key, thread, media_folder, export, username),
        left,
    )
    return export


def _data(files: ExportFiles, name: str) -> list[Any]:
    """The JSON after `window.YTD.….part0 = `."""
    raw = files.read(name)
    assignment = _ASSIGNMENT.match(raw)
    if assignment is None:
        return []
    try:
        data = json.loads(raw[assignment.end() :].decode("utf-8-sig").rstrip().rstrip(";"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PublisherError.at(f"not readable: {exc}", files.path(name)) from None
    return data if isinstance(data, list) else []


def _notes(files: ExportFiles) -> list[dict[str, Any]]:
    """The long posts' whole texts (`noteTweet`: its `core.text` and `core.urls`, and when
    it was made, `createdAt`), from note-tweet.js."""
    found = []
    for name in sorted(n for n in files if _NOTES.search(n)):
        for item in _data(files, name):
            note = item.get("noteTweet") if isinstance(item, dict) else None
            if isinstance(note, dict) and isinstance(_entities(note, "core").get("text"), str):
                found.append(note)
    return found


def _read_whole(posts: dict[str, dict[str, Any]], notes: list[dict[str, Any]]) -> None:
    """Each long post cut short in tweets.js ("…" and a link to itself) given its whole
    text. Its note has an id of its own, so it is known as the archive's readers know it:
    made within the same minute, its words longer and starting with the post's."""
    for key, post in posts.items():
        shown, moment = _comparable(_shown(post)), _moment(post)
        for note in notes:
            made, whole = _instant(note.get("createdAt")), _comparable(note["core"]["text"])
            near = moment and made and abs((made - moment).total_seconds()) < 60
            if near and shown and len(whole) > len(shown) and whole.startswith(shown):
                posts[key] = _whole(post, note["core"])
                notes.remove(note)
                break


def _whole(post: dict[str, Any], core: dict[str, Any]) -> dict[str, Any]:
    """The post with its note's words and links (`shortUrl` for `expandedUrl`)."""
    urls = [
        {
            "url": u.get("shortUrl") or u.get("url"),
            "expanded_url": u.get("expandedUrl") or u.get("expanded_url"),
        }
        for u in listed(core.get("urls"))
        if isinstance(u, dict)
    ]
    text = html.escape(core["text"], quote=False)  # escaped as full_text is
    return post | {
        "full_text": text,
        "display_text_range": ["0", str(len(text))],
        "entities": {**_entities(post, "entities"), "urls": urls},
    }


def _comparable(text: str) -> str:
    """A post's words to compare with its note's: without addresses and the "…" that
    cuts it, single-spaced."""
    text = _ADDRESS.sub(" ", html.unescape(text)).replace("…", " ")
    return " ".join(text.split())


_ADDRESS = re.compile(r"https?://\S+")


def _instant(value: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _parent(post: dict[str, Any], latest: dict[str, str]) -> str | None:
    """The id of the post this one answers (its last version), None when none. (An archive
    holds only the account's own posts: one it answers that is among them is its own.)"""
    parent = post.get("in_reply_to_status_id_str")
    return latest.get(str(parent), str(parent)) if parent else None


def _last_versions(posts: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each edited post's id → the id of its last version the archive holds. tweets.js
    holds every version of an edited post, each with the ids of all of them in order
    (`edit_info`: `initial.editTweetIds` in the first, `edit.editControlInitial` in the
    others): only the last one is what the account last said."""
    latest: dict[str, str] = {}
    for post in posts.values():
        edits = _entities(post, "edit_info")
        control = _entities(edits, "initial") or _entities(
            _entities(edits, "edit"), "editControlInitial"
        )
        versions = [str(key) for key in listed(control.get("editTweetIds"))]
        held = [key for key in versions if key in posts]
        latest |= {key: held[-1] for key in versions if held}
    return latest


def _moment(post: dict[str, Any]) -> dt.datetime | None:
    try:
        return parsedate_to_datetime(str(post.get("created_at", "")))
    except (TypeError, ValueError, IndexError):
        return None


def _post(
    key: str,
    thread: list[dict[str, Any]],
    media_folder: str,
    export: PlatformExport,
    username: str,
) -> Post | None:
    parts = [_text(post) + _pictures(post, media_folder, export) for post in thread]
    if len(thread) > 1:
        parts = [without_thread_counts(part) for part in parts]
    if not any(_words(post).strip() for post in thread):
        return None
    title, body = headline("".join(parts))
    tags = [
        str(tag.get("text", ""))
        for post in thread
        for tag in listed(_entities(post, "entities").get("hashtags"))
        if isinstance(tag, dict)
    ]
    moment = _moment(thread[0])
    language = str(thread[0].get("lang") or "")
    return Post(
        title=title,
        body_html=body,
        key=key,
        date=moment.date() if moment else None,
        tags=list(dict.fromkeys(tag for tag in tags if tag)),
        language="" if language in ("und", "zxx", "qme", "qht") else language,
        source=f"https://x.com/{username}/status/{key}" if username and key.isdigit() else "",
    )


def _entities(post: dict[str, Any], field: str) -> dict[str, Any]:
    found = post.get(field)
    return found if isinstance(found, dict) else {}


def _words(post: dict[str, Any]) -> str:
    """The post's words: without its pictures' t.co addresses, and hashtags and all."""
    text = html.unescape(_shown(post))
    for media in _media(post):
        text = text.replace(str(media.get("url", "")) or "\0", "")
    return text


def _shown(post: dict[str, Any]) -> str:
    """The post's `full_text` from where X shows it (`display_text_range`): before that
    are the @names X puts at the start of a reply, which the account did not write."""
    shown = listed(post.get("display_text_range"))
    text = str(post.get("full_text", ""))
    start = int(shown[0]) if shown and str(shown[0]).isdigit() else 0
    return text[start:] if _REPLY_NAMES.fullmatch(text[:start]) else text


_REPLY_NAMES = re.compile(r"(?:@\w+\s*)*")


def _text(post: dict[str, Any]) -> str:
    """The post's words as HTML: each t.co address a link to the address it stands for,
    blank lines paragraphs, a closing paragraph of hashtags alone left out (they are the
    document's tags)."""
    text = _words(post)
    links = {
        str(url.get("url")): str(url.get("expanded_url") or url.get("url"))
        for url in listed(_entities(post, "entities").get("urls"))
        if isinstance(url, dict) and url.get("url")
    }
    pieces = re.split(f"({'|'.join(map(re.escape, links))})", text) if links else [text]
    made = "".join(
        f'<a href="{html.escape(links[piece])}">{html.escape(links[piece])}</a>'
        if piece in links
        else html.escape(piece)
        for piece in pieces
    )
    return paragraphs(made)


def _media(post: dict[str, Any]) -> list[dict[str, Any]]:
    extended = listed(_entities(post, "extended_entities").get("media"))
    return [
        m
        for m in extended or listed(_entities(post, "entities").get("media"))
        if isinstance(m, dict)
    ]


def _pictures(post: dict[str, Any], media_folder: str, export: PlatformExport) -> str:
    """The post's pictures, from the archive's tweets_media/ (else at their address online,
    for `--fetch-images`); a video is listed."""
    made = []
    for media in _media(post):
        online = str(media.get("media_url_https") or media.get("media_url") or "")
        if media.get("type") in ("video", "animated_gif"):
            day = _moment(post)
            export.left_out.append(video(day.date() if day else None))
            continue
        name = f"{post.get('id_str', '')}-{online.rpartition('/')[2]}"
        local = f"{media_folder}/{name}" if media_folder else ""
        src = local if export.files is not None and local in export.files else online
        if src:
            made.append(f'<p><img src="{html.escape(src)}" alt=""></p>')
    return "".join(made)
