"""A link's address on paper: a footnote under the words that link.

On a screen "sign the petition" leads to the petition; on a printed page, or a leaflet
handed out at a rally, the words were all there was, and the address was lost. For print,
each link to the web, a mail address or a telephone number whose words do not already show
where it leads is followed by a footnote with the address, as pandoc's `links-as-notes`
does for LaTeX and a print stylesheet's `a::after { content: attr(href) }` for a page. The
address is printed as a reader types it: without `https://`, its letters as letters
(`urls.readable`), a mail address or number without `mailto:` or `tel:`.

A link inside a note is followed by its address in brackets, within the note (a note has
no notes); a link in a heading, or with no words (a linked picture), is left as it is.

A paragraph that prints a long address is set ragged (`holds-long-address`): an address
breaks only after a slash or a hyphen of its own, never hyphenated, so a justified line
before its break was stretched into wide gaps ("More   information   at   https://…/").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .tree_edits import body_html, body_tree
from .urls import readable

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_SCHEMES = "(?:https?://|mailto:|tel:)"  # the links an address is printed for
_PRINTED = re.compile(rf"""<a\b[^>]*\shref=["']?{_SCHEMES}""", re.IGNORECASE)
_SCHEME = re.compile(f"^{_SCHEMES}", re.IGNORECASE)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def with_link_addresses(body: str) -> str:
    """`body` (an article's HTML, pandoc's notes still at its end) with the address of each
    link that does not show it printed after the link, as a footnote (`span.footnote`)."""
    if not _PRINTED.search(body):
        return body
    root = body_tree(body)
    for link in list(root.iter("a")):
        address = _printed_address(link.get("href") or "")
        if not address or not _words_hide_address(link, address) or _left_as_is(link):
            continue
        _add_after(link, address, in_note=_in_note(link))
    _ragged_around_long_addresses(root)
    return body_html(root)


# An address this long (in characters) or longer, set in a justified paragraph, can leave
# the line before it with a few words spread across an A5 leaflet's column or an A4 page
_LONG_ADDRESS = 30


def _ragged_around_long_addresses(root: HtmlElement) -> None:
    """Mark each paragraph that prints a long address in its text (not in a footnote,
    which is set ragged already) to be set ragged."""
    for link in root.iter("a"):
        printed = {"uri", "email"} & set((link.get("class") or "").split())
        if not printed or len(link.text_content().strip()) < _LONG_ADDRESS:
            continue
        for ancestor in link.iterancestors():
            if "footnote" in (ancestor.get("class") or "").split():
                break
            if ancestor.tag == "p":
                classes = (ancestor.get("class") or "").split()
                if "holds-long-address" not in classes:
                    ancestor.set("class", " ".join([*classes, "holds-long-address"]))
                break


def _printed_address(href: str) -> str:
    """`href` as a reader types it from paper; "" for a link that is no address."""
    if not _SCHEME.match(href):
        return ""
    scheme, _, after = href.partition(":")
    if scheme.lower() in ("mailto", "tel"):
        return unquote(after.partition("?")[0]).strip()
    shown = readable(_SCHEME.sub("", href, count=1))
    host, slash, rest = shown.partition("/")
    return host if slash and not rest else shown


def _words_hide_address(link: HtmlElement, address: str) -> bool:
    """Whether the link's words, as printed, leave out where it leads."""
    words = link.text_content().strip()
    return bool(words) and _bare(address) not in _bare(words)


def _bare(text: str) -> str:
    """An address or words without what readers leave out when they compare them."""
    text = _SCHEME.sub("", text.strip().lower())
    return text.removeprefix("www.").rstrip("/")


def _left_as_is(link: HtmlElement) -> bool:
    """A link in a heading: a note there would print in the contents and the bookmarks."""
    return any(isinstance(a.tag, str) and a.tag.lower() in _HEADINGS for a in link.iterancestors())


def _in_note(link: HtmlElement) -> bool:
    return any("footnotes" in (a.get("class") or "").split() for a in link.iterancestors())


def _add_after(link: HtmlElement, address: str, *, in_note: bool) -> None:
    """The address after `link`, before the words that followed it."""
    import lxml.html

    note = lxml.html.Element(
        "span", {"class": "link-address" if in_note else "footnote link-address"}
    )
    shown = lxml.html.Element("a", {"href": link.get("href") or "", "class": "uri", "dir": "ltr"})
    shown.text = address
    note.append(shown)
    if in_note:
        note.text, shown.tail = " (", ")"
    note.tail, link.tail = link.tail, None
    link.addnext(note)
