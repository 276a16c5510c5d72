"""A web page saved as one file, with its pictures → the page's draft and those pictures.

Browsers save a page with everything it shows in one file: Chrome and Edge as MHTML
("Webpage, Single File", `.mhtml`; Word's "Single File Web Page" is MHTML too, `.mht`),
the page and each picture as the parts of one MIME message (RFC 2557); Safari as a web
archive (`.webarchive`, its default), a property list of the page and its resources. Each
resource is named by the address it came from. publisher could not import them ("save it as
.html"), and saving the page as HTML instead leaves its pictures behind, in a folder beside
it or online. Here the file is read with Python's own `email` and `plistlib`; its page is
imported as any saved page is (`webpage.recover_page`), and a picture it shows is taken
from the file when it is there, never fetched.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import plistlib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin

from ..errors import PublisherError
from ..mhtml import page_part
from ..urls import split_url
from .draft import Draft
from .webpage import recover_page, saved_pictures

_SAVE_AGAIN = "save the page again (in Chrome: Save page as… > Webpage, Single File)"


@dataclass(frozen=True)
class SavedPage:
    html: bytes  # in UTF-8 with its byte order mark when the file says its encoding
    address: str  # where the page came from ("" when the file does not say)
    resources: Mapping[str, bytes]  # absolute address (or cid:…) → bytes


def recover_saved_page(data: bytes, path: Path) -> tuple[list[Draft], dict[str, bytes]]:
    page = _webarchive(data, path) if path.suffix.lower() == ".webarchive" else _mhtml(data, path)

    def saved(address: str) -> bytes | None:
        return page.resources.get(address) or page.resources.get(urljoin(page.address, address))

    def beside(relative: PurePosixPath) -> bytes | None:  # a Word page's `Doc_files/…`
        wanted = "/" + relative.as_posix()
        found = [u for u in page.resources if unquote(split_url(u).path).endswith(wanted)]
        return page.resources[found[0]] if len(found) == 1 else None

    def at_address(src: str) -> bytes | None:  # never a relative one: `beside`'s
        return saved(src) if split_url(src).scheme in ("http", "https", "cid") else None

    drafts, media = recover_page(page.html, path, beside)
    for draft in drafts:
        draft.body_html = saved_pictures(draft, at_address, media)
    return drafts, media


def _in_utf8(html: bytes, encoding: str | None) -> bytes:
    """The page in UTF-8, marked so (a byte order mark comes before any <meta charset>),
    when the file says what it was written in; as it is otherwise, to be guessed."""
    try:
        codec = codecs.lookup(encoding or "").name
    except LookupError:
        return html
    return codecs.BOM_UTF8 + html.decode(codec, errors="replace").encode("utf-8")


def _mhtml(data: bytes, path: Path) -> SavedPage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    page = _page(message, path)
    address = str(page.get("Content-Location", ""))
    resources: dict[str, bytes] = {}
    for part in message.walk():
        content = part.get_payload(decode=True) if not part.is_multipart() else None
        if part is page or not isinstance(content, bytes):
            continue
        if part.get("Content-Location"):
            resources[urljoin(address, str(part["Content-Location"]))] = content
        if part.get("Content-ID"):
            resources[f"cid:{str(part['Content-ID']).strip('<>')}"] = content
    html = page.get_payload(decode=True)
    return SavedPage(
        _in_utf8(html if isinstance(html, bytes) else b"", page.get_content_charset()),
        address,
        resources,
    )


def _webarchive(data: bytes, path: Path) -> SavedPage:
    """Safari's web archive: {WebMainResource: {WebResourceData, WebResourceURL,
    WebResourceTextEncodingName…}, WebSubresources: [{WebResourceData, WebResourceURL}…]}."""
    try:
        archive = plistlib.loads(data)
        main = archive["WebMainResource"]
        html = main["WebResourceData"]
    except (plistlib.InvalidFileException, ValueError, KeyError, TypeError, OverflowError):
        archive, html = None, None
    if not isinstance(html, bytes) or not isinstance(archive, dict):
        raise PublisherError.at(
            "not a web archive Safari can open: it holds no page (cut short?)",
            path,
            hint="save the page again (in Safari: File > Save As > Web Archive)",
        )
    resources = {
        str(item.get("WebResourceURL", "")): item["WebResourceData"]
        for item in archive.get("WebSubresources", ())
        if isinstance(item, dict) and isinstance(item.get("WebResourceData"), bytes)
    }
    encoding = main.get("WebResourceTextEncodingName")
    return SavedPage(
        _in_utf8(html, encoding if isinstance(encoding, str) else None),
        str(main.get("WebResourceURL", "")),
        resources,
    )


def _page(message: EmailMessage, path: Path) -> EmailMessage:
    """The message's page (`page_part`), refused when it holds none."""
    if message.get_content_type() != "text/html" and message.get_content_maintype() != "multipart":
        raise PublisherError.at(
            "not a web page saved as one file (MHTML): it holds no page",
            path,
            hint=_SAVE_AGAIN,
        )
    page = page_part(message)
    if page is None:
        raise PublisherError.at(
            "a web page saved as one file (MHTML) without its page: it was cut short?",
            path,
            hint=_SAVE_AGAIN,
        )
    return page
