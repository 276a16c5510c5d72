"""A Facebook Page's or profile's posts and an Instagram account's, as Meta's "Download your
information" (Accounts Center) gives them in JSON.

Facebook: `this_profile's_activity_across_facebook/posts/profile_posts_1.json` for a Page,
`your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json` for a
profile (older downloads: `posts/your_posts_1.json`), numbered on when there are many, with
the photos in `posts/media/`. Each post has its `timestamp` (Unix seconds), its words in
`data[].post`, and what it carries in `attachments[].data[]`: a photo or video as `media`,
whose `uri` starts at the download's top folder; a shared link as `external_context`.

Instagram: `your_instagram_activity/content/posts_1.json` (older: `content/posts_1.json`),
with the pictures in `media/posts/`. Each post is its `media` (each with its `uri`,
`creation_timestamp` and, for a post of one picture, the caption as `title`); a post of
several pictures has its caption and time beside them. Reels (`content/reels.json`) are
videos: counted and left out.

Meta writes each string's UTF-8 bytes as if each byte were a character ("HÃ©lÃ¨ne" for
"Hélène"): they are put back.

Each post with words becomes a document (as a channel's posts do: the material an issue
is made from). Its words are read as pasted text is (`plaintext.recover`: a title line, a
statement's signature and date, bullets as lists, bare addresses as links); without a title
line, its first sentence names it. Its day is its own, unless its words are dated. A line of
hashtags at its end is its tags (Instagram's lines of a dot alone, which hold them apart
from the caption, go). Its photos come first, a link it shares last. A post without words
(a photo, a check-in, a link alone) is counted and left out, as is a video.

Meta offers the download as web pages first: those are refused, with how to ask for JSON.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from ..errors import PublisherError
from .exports import ExportFiles, LeftOut, PlatformExport, Post, title_from_words
from .plaintext import recover
from .social import HASHTAG, HASHTAG_LINE, listed, video

# profile_posts_1.json, your_posts_1.json, your_posts__check_ins__photos_and_videos_2.json
_FACEBOOK = re.compile(r"(?:^|/)posts/(?:profile_posts|your_posts\w*?)_(\d+)\.(json|html)$")
_INSTAGRAM = re.compile(r"(?:^|/)content/posts_(\d+)\.(json|html)$")
_VIDEO = re.compile(r"\.(?:mp4|mov|m4v|webm|avi)$", re.IGNORECASE)
_REELS = re.compile(r"(?:^|/)content/reels\.json$")  # Instagram's reels: videos alone


def recognises(files: ExportFiles) -> bool:
    return any(_FACEBOOK.search(name) or _INSTAGRAM.search(name) for name in files)


def read(files: ExportFiles) -> PlatformExport:
    facebook = any(_FACEBOOK.search(name) for name in files)
    platform, pattern = ("Facebook", _FACEBOOK) if facebook else ("Instagram", _INSTAGRAM)
    pages = sorted((n for n in files if pattern.search(n)), key=lambda n: _number(pattern, n))
    found = [name for name in pages if name.endswith(".json")]
    if not found:
        raise PublisherError.at(
            f"{platform}'s download as web pages, which does not keep the posts apart",
            files.origin,
            hint="download your information again with Format: JSON (Settings > Accounts"
            " Center > Your information and permissions > Download your information)",
        )
    export = PlatformExport(platform, files=files)
    wordless = 0
    for name in found:
        for entry in _entries(files, name):
            post = _post(entry, export) if facebook else _instagram_post(entry, export)
            if post is None:
                wordless += 1
            else:
                export.posts.append(post)
    if wordless:
        export.left_out.append(
            LeftOut(
                "posts",
                f"{wordless} post(s)",
                "no words to publish: a photo, a check-in or link alone",
            )
        )
    if reels := sum(len(_entries(files, name)) for name in files if _REELS.search(name)):
        export.left_out.append(LeftOut("video", f"{reels} reel(s)", "a video cannot be printed"))
    return export


def _number(pattern: re.Pattern[str], name: str) -> int:
    match = pattern.search(name)
    return int(match.group(1)) if match else 0


def _entries(files: ExportFiles, name: str) -> list[dict[str, Any]]:
    data = files.json(name)
    if isinstance(data, dict):  # {"status_updates_v2": [...]}, as some downloads wrap them
        data = next((value for value in data.values() if isinstance(value, list)), [])
    return (
        [_unmangled(entry) for entry in data if isinstance(entry, dict)]
        if isinstance(data, list)
        else []
    )


def _unmangled(value: Any) -> Any:
    """The strings as written: Meta gives each byte of their UTF-8 as a character of its
    own. One that cannot have been mangled so (a character above ÿ) is left as it is."""
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return value
    if isinstance(value, list):
        return [_unmangled(item) for item in value]
    if isinstance(value, dict):
        return {key: _unmangled(item) for key, item in value.items()}
    return value


def _post(entry: dict[str, Any], export: PlatformExport) -> Post | None:
    """A Facebook post."""
    attached = [
        item
        for attachment in listed(entry.get("attachments"))
        if isinstance(attachment, dict)
        for item in listed(attachment.get("data"))
        if isinstance(item, dict)
    ]
    media = [item["media"] for item in attached if isinstance(item.get("media"), dict)]
    words = "\n".join(
        str(item["post"])
        for item in listed(entry.get("data"))
        if isinstance(item, dict) and item.get("post")
    )
    if not words.strip():  # a photo's caption, when the post gave its words only there
        words = next((str(m["description"]) for m in media if m.get("description")), "")
    shared = "".join(
        _link(item["external_context"], words)
        for item in attached
        if isinstance(item.get("external_context"), dict)
    )
    moment = entry.get("timestamp")
    return _written(words, f"facebook/{moment}", _day(moment), media, export, shared)


def _instagram_post(entry: dict[str, Any], export: PlatformExport) -> Post | None:
    """An Instagram post: its pictures, and its caption beside them or on its one picture."""
    media = [m for m in listed(entry.get("media")) if isinstance(m, dict)]
    if not media and entry.get("uri"):
        media = [entry]
    words = str(entry.get("title") or next((m["title"] for m in media if m.get("title")), ""))
    moment = entry.get("creation_timestamp") or next(
        (m["creation_timestamp"] for m in media if m.get("creation_timestamp")), None
    )
    words = "\n".join(line for line in words.split("\n") if not _SPACER.match(line))
    return _written(words, f"instagram/{moment}", _day(moment), media, export)


# A line of a dot alone (or a blank Braille cell), with which Instagram captions hold their
# hashtags apart from their words
_SPACER = re.compile(r"^\s*[.\u2800•·_-]+\s*$")


def _written(
    words: str,
    key: str,
    day: dt.date | None,
    media: list[dict[str, Any]],
    export: PlatformExport,
    shared: str = "",
) -> Post | None:
    """The post of `words` (None when it has none but hashtags), its photos first and what
    it `shared` last."""
    words, tags = _without_hashtag_lines(words)
    if not words.strip():
        return None
    drafts = recover(words, split=False)
    draft = drafts[0] if drafts else None
    photos = "".join(_photo(m, day, export) for m in media)
    body = draft.body_html if draft else ""
    return Post(
        title=(draft.title if draft and draft.title else "") or title_from_words(words),
        body_html=photos + body + shared,
        key=key,
        date=(draft.date if draft and draft.date else None) or day,
        authors=list(draft.authors) if draft else [],
        tags=tags,
    )


def _link(shared: dict[str, Any], words: str) -> str:
    """A link the post shares, named as Facebook's card names it; "" if its words have it."""
    url = str(shared.get("url", ""))
    if not url.startswith(("https://", "http://")) or url in words:
        return ""
    name = str(shared.get("name") or url)
    return f'<p><a href="{html.escape(url)}">{html.escape(name)}</a></p>'


def _day(timestamp: object) -> dt.date | None:
    """The post's day where the editor is: Meta gives the moment, not its time zone."""
    try:
        return dt.datetime.fromtimestamp(float(str(timestamp))).date()
    except (ValueError, OverflowError, OSError):
        return None


def _without_hashtag_lines(words: str) -> tuple[str, list[str]]:
    """The words without the lines of hashtags alone they end with, and those hashtags."""
    lines = words.rstrip().split("\n")
    tags: list[str] = []
    while lines and (HASHTAG_LINE.match(lines[-1]) or not lines[-1].strip()):
        tags = HASHTAG.findall(lines.pop()) + tags
    return "\n".join(lines), list(dict.fromkeys(tags))


def _photo(media: dict[str, Any], day: dt.date | None, export: PlatformExport) -> str:
    """The photo's <img> (found in the download by its path), or "" for a video or a photo
    the download does not hold (each listed)."""
    uri = str(media.get("uri", ""))
    if _VIDEO.search(uri):
        export.left_out.append(video(day))
        return ""
    if not uri:
        return ""
    if export.files is None or export.files.find(uri) is None:
        why = "not in the download: import its zip or folder whole, not the posts' JSON alone"
        export.left_out.append(LeftOut("image", f"photo of {day or '?'}", why))
        return ""
    return f'<p><img src="{html.escape(uri)}" alt=""></p>'
