"""Links between the posts of one export lead to the documents they became.

A post links older ones ("as we reported last week"): by its full address on the old site
(WordPress, Substack), by a path on it, or, in a Ghost export, by Ghost's placeholder for
the site (`__GHOST_URL__/welcome/`), which leads nowhere once out of Ghost: the build
published its words unlinked. A link to a post of the same export becomes a link to its
document (`welcome.md#section`), which every output turns into a link to the article's
page in the web archive; links elsewhere are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote

from ..tree_edits import body_html, body_tree
from ..urls import split_url
from .exports import GHOST_SITE, Post


class PostLinks:
    """The documents of an export's posts (their paths in documents/), by the addresses the
    posts had."""

    def __init__(self, written: Iterable[tuple[Post, str]]) -> None:
        self._documents: dict[str, str] = {}
        self._sites: set[str] = set()
        for post, document in written:
            old = split_url(post.source)
            if old.netloc:
                self._sites.add(_site(old.netloc))
                self._documents.setdefault(_key(old.path, old.query), document)
            for alias in post.aliases:
                self._documents.setdefault(_key(split_url(alias).path, ""), document)

    def relinked(self, body: str) -> str:
        """`body` (a post's HTML) with its links to posts of the export leading to their
        documents."""
        if not self._documents or "href" not in body:
            return body
        root = body_tree(body)
        changed = False
        for link in root.iter("a"):
            document = self.document_of(link.get("href") or "")
            if document is not None:
                link.set("href", document)
                changed = True
        return body_html(root) if changed else body

    def document_of(self, href: str) -> str | None:
        """The document (with the fragment `href` names) of the post `href` leads to, if
        it is one of the export's."""
        address = split_url(href.strip().replace(GHOST_SITE, "", 1))
        if address.scheme in ("http", "https"):
            if _site(address.netloc) not in self._sites:
                return None
        elif address.scheme or address.netloc or not address.path.startswith("/"):
            return None  # mailto:, another site, a path relative to the old page
        document = self._documents.get(_key(address.path, address.query))
        if document is None and address.query:  # ?utm_source=…: the post all the same
            document = self._documents.get(_key(address.path, ""))
        if document is None:
            return None
        return f"{document}#{address.fragment}" if address.fragment else document


def _key(path: str, query: str) -> str:
    """A post's address on its site, as links may spell it: with or without the last
    slash, percent-encoded or not; WordPress's `?p=42` kept."""
    path = "/" + unquote(path).strip("/")
    return f"{path}?{query}" if query else path


def _site(netloc: str) -> str:
    return netloc.lower().removeprefix("www.")
