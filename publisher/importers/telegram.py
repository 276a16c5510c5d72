"""A Telegram channel's history, as Telegram Desktop exports it ("Export chat history"):
`ChatExport_<date>/result.json` beside `photos/` and `files/` in "Machine-readable JSON",
or messages.html, messages2.html… in "HTML", its default (read into the same messages by
`telegram_pages`).

`result.json` names the chat (`name`, `type`, `id`) and lists its `messages`: each has a
`date`, its words as `text_entities` (runs of plain, bold, italic, link, text_link with an
`href`, mention, hashtag, code, pre, blockquote…; older exports give `text` as a string or
a list of strings and such runs), and maybe a `photo` (a path in the export, or a note that
it was not included), a `file` (with its `file_name` and `mime_type`: a document, a picture
sent as a file, or a sticker, video or voice message as its `media_type` says), a `poll`,
the channel's signature of who wrote it (`author`) or whom it was `forwarded_from`.

Each post with words becomes a document (not an issue: a channel's posts are what an issue
is made from). Its first line, when bold alone, is its title; else its first sentence. A
line of hashtags alone at its end is its tags. Lines keep their breaks, blank lines make
paragraphs, two lines or more in a row that each start with a bullet make a list. Photos
sent with it in one album (messages without words in the same second, before or after it)
come first in it; a document sent with it (a PDF, a spreadsheet) is linked by its name and
copied with it, a picture sent as a file shown, a video or voice message listed. Messages without words (stickers, voice, polls…) are counted and left
out; service messages (pinned, renamed) are not news.

A post forwarded from another chat is not the channel's words: it is counted and left out,
as the other platforms' reposts are.

Only a channel's export is read: a group's or a person's chat is nobody's publication, and
an export of the whole account holds private chats. (The web pages do not say what kind of
chat they are: they are read as a channel's.)
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from ..attachments import ATTACHMENTS
from ..errors import PublisherError
from .exports import ExportFiles, LeftOut, PlatformExport, Post, day_of, title_from_words
from .social import HASHTAG, HASHTAG_LINE, counted
from .telegram_pages import chat_name, messages_of, page_names
from .telegram_text import is_block, lines_of, paragraphs

_CHANNELS = ("public_channel", "private_channel")
_NOT_INCLUDED = "(File not included"
_HTML_EXPORT = b'class="page_header"'


def recognises(files: ExportFiles) -> bool:
    return bool(_result(files) or _html_pages(files))


def _result(files: ExportFiles) -> str | None:
    """The export's JSON, known by its keys (Telegram names it result.json; people rename)."""
    for name in (*files.named("*.json"), *files.named("*/*.json")):
        head = files.read(name)[:4096]
        chat = b'"messages"' in head and b'"date_unixtime"' in head
        if chat or b'"personal_information"' in head:
            return name
    return None


def _html_pages(files: ExportFiles) -> list[str]:
    names = (*files.named("messages.html"), *files.named("*/messages.html"))
    return [name for name in names if _HTML_EXPORT in files.read(name)[:8192]]


def read(files: ExportFiles) -> PlatformExport:
    name = _result(files)
    if name is not None:
        chat = _channel(files, name)
        messages, key, title = chat.get("messages"), f"{chat.get('id')}", chat.get("name")
    else:  # the web pages Telegram Desktop exports by default
        name = _html_pages(files)[0]
        messages = messages_of(files, page_names(files, name))
        key, title = name.rpartition("/")[0] or files.origin.stem, chat_name(files, name)
    export = PlatformExport("Telegram", files=files)
    base = name.rpartition("/")[0]  # photo paths start from the export's folder
    posts, wordless = _posts_and_albums(
        messages if isinstance(messages, list) else [], export, base
    )
    own = [(m, e, p) for m, e, p in posts if not _forwarded(m, str(title or ""))]
    export.posts = [_post(m, e, "".join(p), key, base) for m, e, p in own]
    forwarded = Counter({"post(s) forwarded from other chats": len(posts) - len(own)})
    export.left_out += counted(+wordless, "no words to publish", "messages")
    export.left_out += counted(+forwarded, "not the channel's own words", "messages")
    return export


def _forwarded(message: dict[str, Any], channel: str) -> bool:
    """Whether the post is another chat's, forwarded (its sender hidden, too): left out, as
    the other platforms' reposts are; one the channel forwarded from itself is its own."""
    return "forwarded_from" in message and message["forwarded_from"] != channel


def _channel(files: ExportFiles, name: str) -> dict[str, Any]:
    """The export's chat, if it is a channel's (see the module's docstring)."""
    chat = files.json(name)
    if not isinstance(chat, dict) or "messages" not in chat:
        raise PublisherError.at(
            "an export of a whole Telegram account: its private chats too",
            files.origin,
            hint="export the one channel instead (its ⋮ menu → Export chat history, JSON)",
        )
    if chat.get("type") not in _CHANNELS:
        raise PublisherError.at(
            f"the history of a Telegram {str(chat.get('type', 'chat')).replace('_', ' ')},"
            " not a channel's posts",
            files.origin,
            hint="export the channel whose posts you publish (⋮ → Export chat history, JSON)",
        )
    return chat


Gathered = tuple[dict[str, Any], list[dict[str, Any]], list[str]]  # message, runs, photos, files


def _posts_and_albums(
    messages: list[Any], export: PlatformExport, base: str
) -> tuple[list[Gathered], Counter[str]]:
    """The messages with words, each with the photos and files of its album (those without
    words in its second, before or after it), and the count of the rest by kind."""
    posts: list[Gathered] = []
    album: list[tuple[str, str]] = []  # kind, HTML: waiting for a post in their second
    album_date: object = None
    wordless: Counter[str] = Counter()
    for message in messages:
        if not isinstance(message, dict) or message.get("type") != "message":
            continue
        entities, date = _entities(message), message.get("date")
        worded = bool("".join(str(e.get("text", "")) for e in entities).strip())
        shown = _photo(message, export, base) or _file(message, export, base, worded)
        if album and album_date != date:  # no post in their second: on their own
            wordless.update(kind for kind, _ in album)
            album = []
        if worded:
            posts.append((message, entities, [*(s for _, s in album), *filter(None, [shown])]))
            album = []
        elif shown and not album and posts and posts[-1][0].get("date") == date:
            posts[-1][2].append(shown)  # the rest of the album the post opened
        elif shown:
            album, album_date = [*album, (_kind(message), shown)], date
        else:
            wordless[_kind(message)] += 1
    wordless.update(kind for kind, _ in album)
    return posts, wordless


def _entities(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The message's runs of text, from `text_entities` or the older `text`."""
    runs = message.get("text_entities")
    if not isinstance(runs, list):
        text = message.get("text", "")
        runs = text if isinstance(text, list) else [text]
    found = []
    for run in runs:
        run = {"type": "plain", "text": run} if isinstance(run, str) else run
        if isinstance(run, dict) and isinstance(run.get("text", ""), str):
            found.append(run)
    return found


def _photo(message: dict[str, Any], export: PlatformExport, base: str) -> str:
    """The photo's <img>, or "" when it has none here (each such photo is listed)."""
    path = message.get("photo")
    if not isinstance(path, str) or not path:
        return ""
    if why := _missing(path, export, base, "Photos"):
        export.left_out.append(LeftOut("image", f"photo of {message.get('date', '?')}", why))
        return ""
    return f'<p><img src="{html.escape(path)}" alt=""></p>'


def _file(message: dict[str, Any], export: PlatformExport, base: str, worded: bool) -> str:
    """What shows the file sent with the message: a picture sent as a file is shown, a
    document readers download (a PDF, a spreadsheet: `ATTACHMENTS`) linked by its name, to
    be copied with the post; "" for a sticker and for what cannot be printed (a video, a
    voice message: listed by its name when sent with words, else counted as what the
    message was) or is not in the export (listed)."""
    path, kind = message.get("file"), str(message.get("media_type") or "")
    if not isinstance(path, str) or not path or kind == "sticker":
        return ""
    mime = str(message.get("mime_type") or "")
    name = str(message.get("file_name") or "")
    name = name or ("" if path.startswith(_NOT_INCLUDED) else PurePosixPath(path).name)
    name = name or f"file of {message.get('date', '?')}"
    unprinted = _NOT_PRINTED.get(kind) or ("video" if mime.startswith("video/") else "")
    if unprinted:
        if worded:
            export.left_out.append(LeftOut(unprinted, name, f"a {unprinted} cannot be printed"))
    elif why := _missing(path, export, base, "Files"):
        export.left_out.append(LeftOut("file", name, why))
    elif mime.startswith("image/"):
        return f'<p><img src="{html.escape(quote(path))}" alt=""></p>'
    elif PurePosixPath(name).suffix.lower() in ATTACHMENTS:
        return f'<p><a href="{html.escape(quote(path))}">{html.escape(name)}</a></p>'
    else:
        export.left_out.append(LeftOut("file", name, "not a kind published to download"))
    return ""


_NOT_PRINTED = {
    "video_file": "video",
    "video_message": "video",
    "animation": "video",
    "voice_message": "voice message",
}


def _missing(path: str, export: PlatformExport, base: str, tick: str) -> str:
    """Why the export's file at `path` is not to be had ("" when it is, or may be): Telegram
    leaves out what the exporting settings did not tick, and writes a note in its place. A
    file named but not beside a JSON given alone stays in the post, as in the folder's
    import: its words the same whatever came with it, an import of the JSON alone after
    the folder's changes no document (it took their pictures out); the cleaner lists it."""
    if path.startswith(_NOT_INCLUDED):
        return f"not in the export: tick {tick} when exporting"
    return ""


def _kind(message: dict[str, Any]) -> str:
    if "poll" in message:
        return "poll(s)"
    image = message.get("photo") or str(message.get("mime_type", "")).startswith("image/")
    kind = message.get("media_type") or ("photo" if image else "file" if "file" in message else "")
    return str(kind or "message").replace("_", " ") + "(s)"


def _post(
    message: dict[str, Any], entities: list[dict[str, Any]], photos: str, chat: str, base: str
) -> Post:
    lines = lines_of(entities)
    title = ""
    first = next((line for line in lines if line), None)
    if first and all(kind == "bold" for kind, _, _ in first) and len(lines) > 1:
        title = " ".join("".join(text for _, text, _ in first).split())
        lines = lines[lines.index(first) + 1 :]
    tags: list[str] = []
    while lines and not lines[-1]:
        lines.pop()
    last = lines[-1] if lines else []
    if not is_block(last) and HASHTAG_LINE.match("".join(text for _, text, _ in last)):
        tags = HASHTAG.findall("".join(text for _, text, _ in lines.pop()))
    body = photos + paragraphs(lines)  # as Telegram shows it: photos first
    if not title:
        words = [line for line in lines if not is_block(line)]
        title = title_from_words(" ".join("".join(t for _, t, _ in line) for line in words))
    by = message.get("author") or ""
    return Post(
        title=title,
        body_html=body,
        key=f"{chat}/{message.get('id')}@{message.get('date')}",
        date=day_of(str(message.get("date", ""))),
        authors=[str(by)] if by else [],
        tags=list(dict.fromkeys(tags)),
        base=base,
    )
