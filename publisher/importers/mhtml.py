"""A web page saved as one file (MHTML: `.mhtml`, `.mht`) → the page's draft, with the
pictures saved inside it.

Chrome and Edge save "Webpage, Single File" as MHTML, and Word saves "Single File Web
Page" as `.mht`: the page and every picture it shows, as the parts of one MIME message
(RFC 2557), each named by the address it came from (`Content-Location`). publisher could
not import them ("save it as .html"), and saving the page as HTML instead leaves its
pictures behind, in a folder beside it or online. Here the message is read with Python's
email parser; its page is imported as any saved page is (`webpage.recover_page`), and a
picture it shows is taken from the message when it is there, never fetched.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from ..errors import PublisherError
from .draft import Draft
from .fetch import picture_name
from .webpage import recover_page


def recover_mhtml(data: bytes, path: Path) -> tuple[list[Draft], dict[str, bytes]]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    page = _page(message, path)
    base = str(page.get("Content-Location", ""))
    parts = {
        urljoin(base, str(part["Content-Location"])): part
        for part in message.walk()
        if part is not page and part.get("Content-Location") and not part.is_multipart()
    }
    by_id = {
        f"cid:{str(part['Content-ID']).strip('<>')}": part
        for part in message.walk()
        if part.get("Content-ID") and not part.is_multipart()
    }

    def saved(address: str) -> bytes | None:
        part = by_id.get(address) or parts.get(urljoin(base, address))
        content = part.get_payload(decode=True) if part is not None else None
        return content if isinstance(content, bytes) else None

    def beside(relative: PurePosixPath) -> bytes | None:  # a Word page's `Doc_files/…`
        wanted = "/" + relative.as_posix()
        found = [u for u in parts if unquote(urlsplit(u).path).endswith(wanted)]
        return saved(found[0]) if len(found) == 1 else None

    html = page.get_payload(decode=True)
    drafts, media = recover_page(html if isinstance(html, bytes) else b"", path, beside)
    for draft in drafts:
        draft.body_html = _saved_pictures(draft, saved, media)
    return drafts, media


def _page(message: EmailMessage, path: Path) -> EmailMessage:
    """The message's page: its `start` part, or its first HTML part."""
    if message.get_content_type() == "text/html":
        return message
    if message.get_content_maintype() != "multipart":
        raise PublisherError.at(
            "not a web page saved as one file (MHTML): it holds no page",
            path,
            hint="save the page again (in Chrome: Save page as… > Webpage, Single File)",
        )
    start = str(message.get_param("start", "", header="content-type") or "").strip("<>")
    pages = [
        part
        for part in message.walk()
        if part.get_content_type() == "text/html"
        and (not start or str(part.get("Content-ID", "")).strip("<>") == start)
    ]
    if not pages:
        raise PublisherError.at(
            "a web page saved as one file (MHTML) without its page: it was cut short?",
            path,
            hint="save the page again (in Chrome: Save page as… > Webpage, Single File)",
        )
    page = pages[0]
    assert isinstance(page, EmailMessage)
    return page


def _saved_pictures(
    draft: Draft, saved: Callable[[str], bytes | None], media: dict[str, bytes]
) -> str:
    """The draft's body with each picture shown by its web address taken from the saved
    page (into `media`, as `media/<name>`) when the page holds it."""
    import lxml.html

    if "<img" not in draft.body_html:
        return draft.body_html
    root = lxml.html.fragment_fromstring(draft.body_html, create_parent="div")
    changed = False
    for image in root.iter("img"):
        src = image.get("src", "")
        data = saved(src) if urlsplit(src).scheme in ("http", "https", "cid") else None
        name = picture_name(src, data) if data else None
        if data is None or name is None:
            continue
        key, number = f"media/{name}", 1
        while key in media and media[key] != data:  # another picture of the same name
            number += 1
            key = f"media/{number}-{name}"
        media[key] = data
        image.set("src", key)
        draft.found["pictures saved with the page"] += 1
        changed = True
    if not changed:
        return draft.body_html
    html: str = lxml.html.tostring(root, encoding="unicode")
    return html.removeprefix("<div>").removesuffix("</div>")
