"""Telegram Desktop's other export, "HTML" (its default): a chat as web pages, messages.html,
messages2.html…, read into the messages of its JSON export so that one reader serves both.

Each message is a `div.message.default`: its date in the `title` of `div.date.details`
("14.01.2026 09:32:00 UTC+01:00"), its words in `div.text` (line breaks as <br>, bold,
italic, links; a hashtag is a link to nowhere, its words as typed), a photo as `a.photo_wrap`, a
sticker, voice message, video, file (its `href` and name) or poll in `div.media_wrap`, the
channel's signature in `div.signature`, and a forwarded post's source in `div.forwarded div.from_name`. Service
messages (`div.message.service`: dates, pins) are not messages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import lxml.html
from lxml import etree

from ..errors import PublisherError
from .exports import ExportFiles
from .platform_html import first_match

_NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"
_PAGE = re.compile(r"(?:^|/)messages(\d*)\.html$")
_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})")
_STYLES = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "code": "code"}
_STYLES |= {"s": "strikethrough", "del": "strikethrough", "pre": "pre"}
_STYLES |= {"blockquote": "blockquote"}
# What a message without words holds, by the class of what `div.media_wrap` shows
_MEDIA = (
    ("sticker", "sticker"),
    ("media_voice_message", "voice_message"),
    ("media_audio_file", "audio_file"),
    ("video_file_wrap", "video_file"),
    ("animated_wrap", "animation"),
    ("media_poll", "poll"),
    ("media_file", "file"),
)


def page_names(files: ExportFiles, first: str) -> list[str]:
    """messages.html and the pages after it in its folder, in their order."""
    folder = first.rpartition("/")[0]
    pages = [
        (int(match.group(1) or 1), name)
        for name in files
        if name.rpartition("/")[0] == folder and (match := _PAGE.search(name))
    ]
    return [name for _, name in sorted(pages)]


def chat_name(files: ExportFiles, first: str) -> str:
    """The chat's name, as the header of its first page shows it."""
    page = lxml.html.document_fromstring(files.read(first))
    header = first_match(page, ".//div[@class='page_header']//div[contains(@class, 'text')]")
    return " ".join(header.text_content().split()) if header is not None else ""


def messages_of(files: ExportFiles, names: list[str]) -> list[dict[str, Any]]:
    """The pages' messages, each as the JSON export gives it."""
    found: list[dict[str, Any]] = []
    for name in names:
        try:
            page = lxml.html.document_fromstring(files.read(name))
        except (ValueError, etree.ParserError):
            raise PublisherError.at(
                "an empty or damaged page of the export",
                files.path(name),
                hint="export the chat again from Telegram Desktop",
            ) from None
        for message in page.iter("div"):
            if {"message", "default"} <= set(str(message.get("class", "")).split()):
                found.append(_message(message))
    return found


def _message(element: Any) -> dict[str, Any]:
    text = first_match(element, ".//div[@class='text']")
    photo = first_match(element, ".//a[contains(@class, 'photo_wrap')]")
    forwarded = first_match(
        element, ".//div[contains(@class, 'forwarded')]/div[@class='from_name']"
    )
    signature = first_match(element, ".//div[contains(@class, 'signature')]")
    message: dict[str, Any] = {
        "type": "message",
        "id": element.get("id", "").removeprefix("message"),
        "date": _date(element.xpath("string(.//div[contains(@class, 'date')]/@title)")),
        "text_entities": _runs(text) if text is not None else [],
    }
    if photo is not None:
        message["photo"] = photo.get("href", "")
    if forwarded is not None:
        message["forwarded_from"] = " ".join((forwarded.text or "").split())
    if signature is not None:
        message["author"] = " ".join(signature.text_content().split())
    media = " ".join(element.xpath(".//div[contains(@class, 'media_wrap')]//@class"))
    kind = next((kind for mark, kind in _MEDIA if mark in media), None)
    if kind == "poll":
        message["poll"] = {}
    elif kind and photo is None:
        message["media_type"] = kind
        message |= _file(element)
    return message


def _file(element: Any) -> dict[str, str]:
    """The file a message shows in `div.media_wrap` (a document, a video, a voice
    message), as the JSON export names it: its `file` (a link to it in the export, or
    Telegram's note that it was not included) and its name as the page shows it."""
    shown = first_match(element, ".//div[contains(@class, 'media_wrap')]//*[@href]")
    found = {"file": shown.get("href") if shown is not None else _NOT_INCLUDED}
    title = first_match(element, ".//*[contains(@class, 'media_file')]//div[@class='title bold']")
    if title is not None:  # a document's name (a voice message's title says what it is)
        found["file_name"] = " ".join(title.text_content().split())
    return found


def _runs(text: Any) -> list[dict[str, Any]]:
    """`div.text` as the JSON export's runs: line breaks as newlines, the page's own line
    ends and indents as the spaces a browser shows."""
    runs: list[dict[str, Any]] = []

    def add(words: str | None, kind: str, href: str) -> None:
        if words:
            run = {"type": kind, "text": re.sub(r"\s+", " ", words)}
            runs.append(run | ({"href": href} if href else {}))

    def walk(node: Any, kind: str, href: str) -> None:
        add(node.text, kind, href)
        for child in node:
            if child.tag == "br":
                runs.append({"type": "plain", "text": "\n"})
            elif isinstance(child.tag, str):
                inner, link = _STYLES.get(child.tag, kind), href
                if child.tag == "a" and child.get("href", "").startswith(
                    ("http://", "https://", "mailto:")
                ):
                    inner, link = "text_link", child.get("href", "")  # not a hashtag's ""
                walk(child, inner, link)
            add(child.tail, kind, href)

    walk(text, "plain", "")
    if runs:  # the page's line end after <div class="text"> and before </div>
        runs[0]["text"] = runs[0]["text"].lstrip()
        runs[-1]["text"] = runs[-1]["text"].rstrip()
    return [run for run in runs if run["text"]]


def _date(title: str) -> str:
    """ "14.01.2026 09:32:00 UTC+01:00" → "2026-01-14T09:32:00", as the JSON export dates."""
    match = _DATE.search(title)
    if not match:
        return ""
    day, month, year, hour, minute, second = (int(part) for part in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second).isoformat()
    except ValueError:
        return ""
