"""Web and email addresses written as text → links, in every output.

Editors write "sign at https://…" or "write to branch@…" in Word, in plain text or in
Markdown without making it a link: the web page, the email and the EPUB then showed an
address nobody could click, and print hyphenated it ("national-col-lective-agreement"),
where a reader cannot tell the break from a hyphen of the address. Here each address in a
sanitised body's text becomes a link, found by linkify-it (markdown-it's), with the class
pandoc gives the links it makes of `<https://…>` and `<branch@…>`: `uri` or `email`, which
the print and EPUB stylesheets keep from being hyphenated. A link the document made
already, whose words are its address, is given the class too.

Every address link is marked `dir="ltr"`: in an Arabic or Farsi sentence the bidirectional
algorithm otherwise moves an address's closing slash, or a dot at its end, to its other
end ("/https://example.org/bayan"). The attribute (not a stylesheet rule) is what email
clients, feed readers and e-readers all honour. English words beside an address in such a
sentence ("Facebook: https://…") are set apart with it (readers.directions).

What counts as an address: one with its scheme (http, https, mailto), one starting
`www.`, an email address, and a bare domain only with a path (`sindicato.es/afiliate`) or
a generic ending (`ourunion.org`): "README.md" or "notes.py" are file names, though .md and
.py are countries' domains. Code, headings and existing links are left alone, and so is
the typography around an address: a closing quote, guillemet or ellipsis after it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from ..sanitize import without_invisibles
from ..tree_edits import body_html, body_tree

if TYPE_CHECKING:
    from linkify_it import LinkifyIt

# Where an address stays the text it is: inside a link, code, a heading (the outputs' tables
# of contents link headings, and a link may not hold another), or what is not prose.
_LEFT_ALONE = {"a", "code", "pre", "kbd", "samp", "var", "h1", "h2", "h3", "h4", "h5", "h6"}
_LEFT_ALONE_CLASSES = ("math",)  # pandoc's TeX, in <span class="math">
_ADDRESS_CLASSES = {"uri", "email"}  # pandoc's, on the links it makes of addresses
# Marks that end a sentence or a quotation rather than an address; linkify-it already
# leaves out ASCII ones (. , ; : ! ? and an unmatched bracket).
_CLOSING = "…،؛؟۔*'\""
# What a paste from Word or a web page leaves unseen after an address (zero-width space,
# joiners, word joiner, byte-order mark, soft hyphen): linkify-it takes it into the link,
# whose address then leads nowhere. Inside an address a joiner stays (Persian words need it).
_UNSEEN = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# linkify-it finds no email address at all when one follows it, so for matching each is a
# space (the same length: the places found are the text's).
_UNSEEN_AT_WORD_END = re.compile(f"[{_UNSEEN}]+(?=\\W|$)")


def link_addresses(body: str) -> str:
    """`body` (sanitised HTML) with its addresses written as text made links, and links
    whose words are their address marked as such (unchanged when it has neither)."""
    if not _linkify().pretest(body):
        return body
    root = body_tree(body)
    changed = _mark_address_links(root)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or _left_alone(element):
            continue
        if element is not root and _linked_text(element, "tail", element.tail):
            changed = True
        if element.tag not in _LEFT_ALONE and _linked_text(element, "text", element.text):
            changed = True
    if not changed:
        return body
    return body_html(root)


def _left_alone(element: Any) -> bool:
    """Whether the text inside `element`'s ancestors is to stay text (its own text is
    judged by its tag, its tail by its parent's)."""
    return any(
        ancestor.tag in _LEFT_ALONE
        or any(c in (ancestor.get("class") or "").split() for c in _LEFT_ALONE_CLASSES)
        for ancestor in element.iterancestors()
    )


def _mark_address_links(root: Any) -> bool:
    """Links whose words are an address, with no class of their own, get pandoc's; every
    address link reads left to right."""
    changed = False
    for link in root.iter("a"):
        words = link.text_content().strip()
        if not link.get("class") and not len(link) and words:
            found = address_spans(words)
            if len(found) == 1 and (found[0][0], found[0][1]) == (0, len(words)):
                link.set("class", found[0][3])
        if _ADDRESS_CLASSES & set((link.get("class") or "").split()) and not link.get("dir"):
            link.set("dir", "ltr")
            changed = True
    return changed


def _linked_text(element: Any, slot: str, text: str | None) -> bool:
    """Make links of the addresses in `element`'s text or tail; whether there were any."""
    if not text:
        return False
    found = address_spans(text)
    if not found:
        return False
    import lxml.html

    links = []
    for n, (start, end, href, css_class) in enumerate(found):
        link = lxml.html.Element("a", {"href": href, "class": css_class, "dir": "ltr"})
        link.text = text[start:end]
        link.tail = text[end : found[n + 1][0] if n + 1 < len(found) else len(text)]
        links.append(link)
    before = text[: found[0][0]]
    # Each link is put beside an element, not by insert(), which counts its way to its
    # place each time: that took time as the square of the number of links.
    if slot == "text":
        element.text = before
        if len(element):
            first = element[0]
            for link in links:
                first.addprevious(link)
        else:
            element.extend(links)
    else:
        element.tail = before
        previous = element
        for link in links:
            previous.addnext(link)
            previous = link
    return True


def address_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, href, class) of each address in `text`."""
    linkify = _linkify()
    if not linkify.pretest(text):
        return []
    found = []
    seen = _UNSEEN_AT_WORD_END.sub(lambda unseen: " " * len(unseen[0]), text)
    for match in linkify.match(seen) or ():
        raw = match.raw
        while raw and (raw[-1] in _CLOSING or unicodedata.category(raw[-1]) in ("Pf", "Pi")):
            raw = raw[:-1]
        if not raw or (match.schema == "" and not _plausible_domain(raw)):
            continue
        href = match.url[: len(match.url) - (len(match.raw) - len(raw))]
        if match.schema == "" and "@" not in raw:  # linkify-it's guess is http:
            href = "https://" + raw
        css_class = "email" if href.startswith("mailto:") else "uri"
        found.append((match.index, match.index + len(raw), without_invisibles(href), css_class))
    return found


def _plausible_domain(raw: str) -> bool:
    """A bare domain (no scheme) that is meant as one: an email address, `www.`, a path,
    or a generic ending (.org, .com, …) rather than a country's that files share."""
    if "@" in raw or raw.casefold().startswith("www."):
        return True
    host, slash, _ = raw.partition("/")
    ending = host.rsplit(".", 1)[-1].casefold()
    return bool(slash) or ending in _GENERIC_ENDINGS


# linkify-it's generic endings but `.name` and `.web` (no ending at all): "first.name",
# "user.name" and "subscriber.name" in a form or a mail-merge tag are no one's site
_GENERIC_ENDINGS = frozenset(
    {"biz", "com", "edu", "gov", "net", "org", "pro", "xxx", "aero", "asia", "coop", "info"}
    | {"museum", "shop", "рф"}
)


@functools.cache
def _linkify() -> LinkifyIt:
    from linkify_it import LinkifyIt

    # Only the schemes the sanitiser lets links have (protocol-relative and ftp: go).
    return LinkifyIt(options={"fuzzy_link": True}).add("//", None).add("ftp:", None)
