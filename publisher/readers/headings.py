"""A document's leading heading against its title: the same words written twice (`# {{ title
}}` under front matter), or a web page whose <title> is its headline and the site's name
("Tenants win repairs | Riverside Tenants Union", Blogger's "Riverside News: Tenants win"),
as a browser's tab shows it; the headline over the article is the page's own title."""

from __future__ import annotations

import re

from ..dashes import dashed_text
from ..typography import curl_text

# What a site puts between the headline and its name, after the headline and before it;
# a colon only before (Blogger's "Blog: Post"): after a headline it opens a subtitle.
# The level-1 heading a body opens with (the blank around it too): a title written again
OPENING_HEADING = re.compile(r"\s*<h1\b[^>]*>(.*?)</h1>\s*", re.S)
_SITE_AFTER = re.compile(r"\s+(?:[|·•»/–—-]|::)\s+\S")
_SITE_BEFORE = re.compile(r"\S(?:\s+(?:[|·•«»/–—-]|::)|:)\s+$")


def same_words(one: str, other: str) -> bool:
    """Whether two titles are the same words, however cased, spaced, quoted or dashed."""
    return _words(one) == _words(other)


def site_around(title: str, headline: str) -> bool:
    """Whether `title` is `headline` with the site's name before or after it."""
    title, headline = _words(title), _words(headline)
    if not headline or len(title) <= len(headline):
        return False
    if title.startswith(headline) and _SITE_AFTER.match(title, len(headline)):
        return True
    return title.endswith(headline) and bool(
        _SITE_BEFORE.search(title[: len(title) - len(headline)])
    )


def _words(text: str) -> str:
    return curl_text(" ".join(dashed_text(text).split()), "en").casefold()
