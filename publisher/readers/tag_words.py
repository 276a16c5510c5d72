"""The words of a shortcode's or a tag's parameters, as Hugo, Jekyll and Hexo split them
(`src="a b.jpg" caption='Dawn'`: quoted words whole), and words set back into Markdown:
what `shortcodes`, `liquid` and `hexo_tags` each read."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping


def tag_words(params: str) -> list[str] | None:
    """`params` split into words, quotes keeping a word whole; None when a quote is left
    open (not a tag to guess at)."""
    try:
        return shlex.split(params)
    except ValueError:
        return None


def named_words(words: Iterable[str]) -> dict[str, str]:
    """The words written `name=value`, by name."""
    return dict(word.split("=", 1) for word in words if "=" in word)


def bracket_escaped(words: str) -> str:
    """Words as Markdown text inside `[…]`: their brackets escaped."""
    return words.replace("[", "\\[").replace("]", "\\]")


# The names themes give a box's title (a note's heading, a tab's name, a fold's summary)
_TITLE_KEYS = ("summary", "title", "header", "heading", "label")


def named_title(named: Mapping[str, str]) -> str:
    """A box's title among its named words (`summary=` first, then `title=`, `header=`…);
    "" without one."""
    return next((named[key] for key in _TITLE_KEYS if named.get(key, "").strip()), "")
