"""Links that go through someone else's redirect → the address they lead to.

Text copied out of a received email carries the links as the recipient's mail scanner
rewrote them: Microsoft's Safe Links (`https://eur02.safelinks.protection.outlook.com/
?url=https%3A%2F%2F…&data=05%7C02%7C…&reserved=0`), Barracuda's Link Protect. A post copied
from Facebook or Instagram, a Google Doc, a YouTube description: the same, through their
sites' redirects. Published so, every subscriber's click would go through another
organisation's scanner (which logs it, and stops answering when its tenant changes), and
print would show a 300-character address the reader cannot type. Each such link here leads
to its address again, and a link showing the wrapped address as its words shows the address.

Only a redirect that carries its address in the query is undone, and only to a web or mail
address; a scanner's opaque token (Mimecast's, Proofpoint's) is left as it is. The address
a link leads to then loses the identifiers of a click or a reader a platform added to it
(`click_ids`: Facebook's `fbclid`, a newsletter's subscriber id). `publisher import` does
both in the text of a draft too, so the editor reviews the real address.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from ..click_ids import without_click_ids
from ..tree_edits import body_html, body_tree

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# (host, path) of a redirect → the query parameters its address may be in.
_REDIRECTS: tuple[tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(host, re.IGNORECASE), re.compile(path), names)
    for host, path, names in (
        (r"(?:[a-z0-9-]+\.)*safelinks\.protection\.outlook\.com", r"/?", ("url",)),
        (r"linkprotect\.cudasvc\.com", r"/url", ("a",)),
        (r"(?:www\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?", r"/url", ("q", "url")),
        (r"lm?\.(?:facebook|messenger|instagram)\.com", r"/(?:l\.php)?", ("u",)),
        (r"(?:www\.)?youtube\.com", r"/redirect", ("q",)),
        (r"slack-redir\.net", r"/link", ("url",)),
    )
)
_LEADS_TO = re.compile(r"^(?:https?://[^\s/?#]+|mailto:[^\s@]+@[^\s@]+$)", re.IGNORECASE)
# A link's address in sanitised HTML (html5ever's serialisation: attributes in double quotes),
# to parse a body only when one of them is a redirect
_HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')
_NESTED = 4  # a Safe Link around a Google redirect around a Facebook one is as deep as it goes


def without_redirects(body: str) -> str:
    """`body` (sanitised HTML) with each link through a known redirect, or with a click's
    identifiers, leading straight to its address (`straight_address`), and one whose words
    were the link's address showing that address. A link's words may be formatted (Google
    Docs underlines every link's, an editor bolds one): the body is edited as a tree, not
    as text."""
    if "://" not in body or not any(
        straight_address(html.unescape(href)) for href in _HREF.findall(body)
    ):
        return body
    root = body_tree(body)
    for link in root.iter("a"):
        href = link.get("href", "")
        if (address := straight_address(href)) is None:
            continue
        link.set("href", address)
        if link.text_content().strip() == href:
            _words_replaced(link, href, address)
    return body_html(root)


def _words_replaced(link: HtmlElement, old: str, new: str) -> None:
    """`link`'s words `old`, in whichever of its elements holds them, made `new`."""
    for element in link.iter():
        if element.text and old in element.text:
            element.text = element.text.replace(old, new)
        if element is not link and element.tail and old in element.tail:
            element.tail = element.tail.replace(old, new)


def text_without_redirects(text: str) -> str:
    """Plain `text` (a draft's, as pasted) with each address written in it that goes through
    a known redirect, or carries a click's identifiers, written as the address it leads to."""
    if "://" not in text:
        return text
    from .addresses import address_spans

    pieces, written = [], 0
    for start, end, href, _ in address_spans(text):
        if (address := straight_address(href)) is not None:
            pieces += [text[written:start], address]
            written = end
    return "".join(pieces) + text[written:] if pieces else text


def straight_address(url: str) -> str | None:
    """The address `url` leads to when it is not `url` itself: through the known redirects
    wrapped around it, and without the identifiers of a click or a reader in its query
    (`click_ids`); None when `url` leads straight there."""
    address = without_click_ids(redirected_to(url) or url)
    return None if address == url else address


def redirected_to(url: str) -> str | None:
    """The web or mail address behind `url` when it is a known redirect, through every
    redirect wrapped in it; None when it is none."""
    found = None
    for _ in range(_NESTED):
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
        except ValueError:  # "https://[x/…": no address at all
            break
        if parts.scheme.lower() not in ("http", "https"):
            break
        query = parse_qs(parts.query)
        names = next(
            (
                names
                for host_pattern, path, names in _REDIRECTS
                if host_pattern.fullmatch(host) and path.fullmatch(parts.path or "/")
            ),
            (),
        )
        inside = next((query[n][0] for n in names if query.get(n)), None)
        if inside is None or not _LEADS_TO.match(inside.strip()):
            break
        url = found = inside.strip()
    return found
