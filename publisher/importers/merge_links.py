"""Links whose address holds a Mailchimp merge tag for the reader
(`https://example.org/statement?ref=*|UNIQID|*`, the click tracker's
`…/track/click?u=…&id=…&e=*|UNIQID|*`): Mailchimp put each reader's own value there when
it sent the email, and the tag itself is the address of nothing. Such a link is the
writer's: it keeps its words and leads where it led, without the parameter holding the
tag; one with the tag in the address itself keeps its words, unlinked.

A link made of the campaign's own tags (`*|UNSUB|*`, `*|ARCHIVE|*`, a share link passing
`*|URL:ARCHIVE_LINK_SHORT|*` to a social site, a forward's `*|FORWARD|*`) is Mailchimp's
furniture, not touched here: `platform_html` drops it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlunsplit

import lxml.html

from ..urls import split_url
from .exports import LeftOut

# A merge tag, its bars written or percent-encoded as a browser or Mailchimp may leave them
_TAG = re.compile(r"\*(?:\||%7C)([A-Z0-9_:]+)(?:\||%7C)\*", re.I)
# Tags standing for the campaign itself or the list's own pages, not for the reader
_CAMPAIGNS_OWN = re.compile(
    r"ARCHIVE|SUBJECT|UNSUB|FORWARD|UPDATE_PROFILE|ABOUT_LIST|LIST:|REWARDS|SHARE", re.I
)


@dataclass(frozen=True)
class MergeLink:
    """A link that held a reader's merge tag: its address as written, and the address it
    keeps ("" when its words stay unlinked)."""

    written: str
    kept: str

    @property
    def tags(self) -> list[str]:
        return [f"*|{name}|*" for name in dict.fromkeys(_TAG.findall(self.written))]


def without_reader_tags(href: str) -> str | None:
    """`href` without the query parameters holding a reader's merge tag, "" when such a tag
    is elsewhere in it (its path, its host); None when it holds none, is no web address,
    or holds one of the campaign's own tags (furniture)."""
    names = _TAG.findall(href)
    if not names or any(_CAMPAIGNS_OWN.search(name) for name in names):
        return None
    parts = split_url(href.strip())
    if parts.scheme not in ("http", "https"):
        return None
    if _TAG.search(f"{parts.netloc}{parts.path}{parts.fragment}"):
        return ""
    query = "&".join(p for p in parts.query.split("&") if not _TAG.search(unquote(p)))
    return urlunsplit(parts._replace(query=query))


def unmerge_links(root: lxml.html.HtmlElement) -> list[MergeLink]:
    """Takes the reader's merge tags out of the links under `root`; what was done."""
    done = []
    for link in list(root.iter("a")):
        written = link.get("href", "")
        kept = without_reader_tags(written)
        if kept is None:
            continue
        if kept:
            link.set("href", kept)
        else:
            link.drop_tag()
        done.append(MergeLink(written, kept))
    return done


def merge_tag_left_out(link: MergeLink, title: str) -> LeftOut:
    """The report's line for a link whose reader's merge tag was taken out."""
    became = f"the link kept to {link.kept}" if link.kept else "the link's words kept, unlinked"
    why = f"each reader's own value in the email sent, in a link in {title!r}: {became}"
    return LeftOut("merge tag", " ".join(link.tags), why)
