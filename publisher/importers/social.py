"""What posts from social accounts and channels (Telegram, Facebook, Instagram, Mastodon,
Bluesky, X) have in common, as their readers make them documents: a closing line of
hashtags that is their tags, a short first paragraph that is their headline, threads an
account wrote as replies to itself (one document, without the counts "1/3", "🧵"), and what
was counted and left out (reposts, replies to other people, videos)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from .exports import LeftOut, PlatformExport, Post, title_from_words

# A post's last line of hashtags alone ("#strike #docks"), which Telegram and Facebook posts
# end with: its tags
HASHTAG_LINE = re.compile(r"^(?:\s*#\w+)+\s*$")
HASHTAG = re.compile(r"#(\w+)")


def listed(value: object) -> list[Any]:
    """A list a platform's JSON should hold here; anything else (a damaged export) as none."""
    return value if isinstance(value, list) else []


def paragraphs(text_html: str) -> str:
    """A post's text (escaped, its links made) as HTML: blank lines paragraphs, lines
    breaks, a closing paragraph of hashtags alone left out (they are the post's tags)."""
    found = [p.strip() for p in text_html.split("\n\n") if p.strip()]
    if len(found) > 1 and HASHTAG_LINE.match(found[-1]):
        found.pop()
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in found)


def video(when: object) -> LeftOut:
    """A video a post carried, listed: print has no place for it."""
    return LeftOut("video", f"video of {when or '?'}", "a video cannot be printed")


def headline(body: str) -> tuple[str, str]:
    """A social post's title and the rest of its HTML: a first paragraph of a few words over
    more is its headline ("Cleaners win back pay."), taken out; otherwise its first sentence
    names it, and stays."""
    import lxml.html

    root = lxml.html.fragment_fromstring(body or "<p></p>", create_parent="div")
    blocks = [" ".join(block.text_content().split()) for block in root]
    first = root[0] if len(root) else None
    is_headline = (
        first is not None
        and first.tag == "p"
        and first.find(".//img") is None
        and 0 < len(blocks[0].split()) <= _HEADLINE_WORDS
        and any(blocks[1:])
    )
    if first is None or not is_headline:
        return title_from_words("\n".join(blocks)), body
    root.remove(first)
    rest = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    title = blocks[0]
    return (title[:-1] if title.endswith(".") and not title.endswith("..") else title), rest


_HEADLINE_WORDS = 12


def thread_start(key: str, parents: Mapping[str, str | None]) -> str | None:
    """The first post of the thread the post `key` belongs to, given each of the account's
    posts' `parents` (the post it answers, or None): the one it answers, and the one that
    answers, and so on, while the account answered itself. None when the thread starts with
    an answer to someone else (a conversation, not a statement)."""
    seen = set()
    while key not in seen:
        seen.add(key)
        parent = parents[key]
        if not parent:
            return key
        if parent not in parents:
            return None
        key = parent
    return None


def by_thread(
    posts: Mapping[str, Any], parents: Mapping[str, str | None], when: Callable[[Any], Any]
) -> tuple[dict[str, list[Any]], int]:
    """An account's posts (by key) in threads, each keyed by its first post's and in the
    order of `when`; and how many posts answer someone else's (see `thread_start`)."""
    threads: dict[str, list[Any]] = {}
    others = 0
    for key, post in posts.items():
        first = thread_start(key, parents)
        if first is None:
            others += 1
        else:
            threads.setdefault(first, []).append(post)
    for thread in threads.values():
        thread.sort(key=when)
    return threads, others


def thread_posts(
    export: PlatformExport,
    threads: dict[str, list[Any]],
    make: Callable[[str, list[Any]], Post | None],
    left: Counter[str],
    why: str = "not the account's own words",
) -> None:
    """Each thread (by its first post's key) made one post by `make` (None: it has no
    words, counted as such), the posts in the order of their days; what `left` counted of
    the account's posts that were not its own words, and the wordless ones, listed."""
    wordless: Counter[str] = Counter()
    for key, thread in threads.items():
        if made := make(key, thread):
            export.posts.append(made)
        else:
            wordless["post(s)"] += 1
    export.posts.sort(key=lambda made: str(made.date or ""))
    export.left_out += counted(+left, why)
    export.left_out += counted(wordless, "no words to publish: a picture alone")


def counted(left: Counter[str], why: str, what: str = "posts") -> list[LeftOut]:
    """What was counted and left out, by kind, as the report lists it."""
    return [LeftOut(what, f"{count} {kind}", why) for kind, count in sorted(left.items())]


def without_thread_counts(body_html: str) -> str:
    """A thread's post without the markers that open or close its paragraphs ("🧵 1/3",
    "(2/3)", "[2/3]", "2/", "3/n"), which the one document the thread becomes has no use
    for: left in, the first one's would open its title."""
    body_html = _COUNTS_ALONE.sub("", body_html)
    return _COUNT_OPENING.sub("<p>", _COUNT_CLOSING.sub("</p>", body_html))


_COUNT = r"(?:[(\[]?\d{1,2}/(?:\d{1,2}|n)?[)\]]?|🧵\ufe0f?)"
_COUNTS = rf"{_COUNT}(?:\s*{_COUNT})*"
_COUNT_OPENING = re.compile(rf"<p>\s*{_COUNTS}\s+")
_COUNT_CLOSING = re.compile(rf"\s+{_COUNTS}\s*</p>")
_COUNTS_ALONE = re.compile(rf"<p>\s*{_COUNTS}\s*</p>")
