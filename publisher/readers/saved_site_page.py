"""A page saved from a website ("Save page as" on a blog's post) put in documents/ as it
is: the build reads a page whole, so the site's menu, its subscribe and share buttons, its
comments and its footer were published with the article, without a word. Such a page is
told by what a site's pages carry and a document does not: the site's name or address for
link previews (`og:site_name`, `og:url`, a canonical link) together with a site's furniture
(`<nav>`, `<footer>`, a menu, comments). It is named in a warning, with the command that
makes a document of its article alone (`publisher import`, whose reader finds the article).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..urls import split_url

log = logging.getLogger(__name__)

_SITE = re.compile(
    r"""<meta\s[^>]*property\s*=\s*["']og:(?:site_name|url)["'][^>]*>"""
    r"""|<link\s[^>]*rel\s*=\s*["']canonical["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""\s(?:content|href)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_FURNITURE = re.compile(
    r"<(?:nav|footer)\b|\s(?:class|id)\s*=\s*[\"'][^\"']*\b(?:menu|navbar|sidebar|comments?)\b",
    re.IGNORECASE,
)


def say_saved_from_a_site(page: str, path: Path) -> None:
    """Warn when `page` (a document's HTML) was saved from a website (module docstring)."""
    site = _SITE.search(page)
    if site is None or not _FURNITURE.search(page):
        return
    named = _CONTENT.search(site.group(0))
    value = named.group(1).strip() if named else ""
    name = split_url(value).hostname or value if "://" in value else value
    log.warning(
        "%s: a page saved from a website%s: its menus, buttons and comments are published"
        " with its article; 'publisher import %s' makes a document of the article alone,"
        " for you to review",
        path,
        f" ({name})" if name else "",
        path.name,
    )
