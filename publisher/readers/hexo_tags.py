"""Hexo's tag plugins in a post copied from a Hexo site (its `_config.yml` and
`source/_posts/`), as the site showed them, for `liquid`, which reads the rest of their
Nunjucks as Jekyll's Liquid:

- `{% blockquote Author, Source %}…{% endblockquote %}` and `{% pullquote %}` → a quote,
  the author and source under it;
- `{% codeblock lang:python %}…{% endcodeblock %}` (or `code`) → a fenced code block in
  its language;
- `{% post_link hello-world Our first post %}` → a link to that post, with its words (the
  post's name without them); `{% post_path hello-world %}` → the path alone;
- `{% asset_img map.png The route %}`, `{% asset_link %}`, `{% asset_path %}` → the
  picture, link or path in the post's own folder (`source/_posts/<post>/`);
- `{% img /images/march.jpg 600 "The march" "Marchers on the bridge" %}` → the picture;
- `{% link Our union https://union.example.org true Its site %}` → a link with its words
  (Jekyll's `{% link path %}`, a path alone, is told apart by its one word);
- `{% iframe https://… 100% 300 %}` → the framed page's address, as a link (a player's
  frame: its video's page), as an email cannot show a frame.

Hexo's `youtube`, `vimeo` and `gist` are `pad_marks`' (HedgeDoc writes them alike).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..embeds import page_of
from .tag_words import bracket_escaped, tag_words

BLOCKS = ("codeblock", "code", "blockquote", "pullquote")
_ADDRESS = re.compile(r"^(?:https?://|/|\./|\.\./)|\.(?:jpe?g|png|gif|webp|svg)$", re.I)
_SIZE = re.compile(r"^\d+(?:px|%)?$")
# What Hexo's `link` takes for its address: a word with a scheme, or starting "www."
_LINK_ADDRESS = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]{2,8}:|www\.)\S")


def hexo_block(name: str, params: str, inner: str) -> str | None:
    """What a Hexo block shows, as Markdown; None for a block it does not have."""
    if name in ("codeblock", "code"):
        language = next((w[5:] for w in params.split() if w.startswith("lang:")), "")
        return f"```{language}\n{inner.strip(chr(10)).rstrip()}\n```"
    if name not in ("blockquote", "pullquote"):
        return None
    lines = [f"> {line}".rstrip() for line in inner.strip("\n").split("\n")]
    said = " ".join(w for w in params.split() if not w.startswith(("http://", "https://")))
    if name == "blockquote" and said:
        lines += [">", f"> — {said}"]
    return "\n" + "\n".join(lines) + "\n"


def hexo_tag(name: str, params: str, post: Path) -> str | None:
    """What a Hexo tag shows, as Markdown; None for a tag it does not have, or one whose
    words cannot be read."""
    if not (words := tag_words(params)):
        return None
    first, rest = words[0], " ".join(words[1:])
    if name == "post_link":
        return f"[{bracket_escaped(rest or first)}]({first})"
    if name == "post_path":
        return first
    own = f"{post.stem}/{first}"  # the post's asset folder, beside it
    if name == "asset_img":
        return f"![{bracket_escaped(rest)}]({own})"
    if name == "asset_link":
        return f"[{bracket_escaped(rest or first)}]({own})"
    if name == "asset_path":
        return own
    if name == "img":
        return _picture(words)
    if name == "iframe" and (_LINK_ADDRESS.match(first) or first.startswith("//")):
        return f"<{page_of(first)}>"  # a map, a form, a player: what it shows, as a link
    return None


def _picture(words: list[str]) -> str | None:
    """`{% img [class …] src [width [height]] ["title" ["alt"]] %}` as a Markdown picture."""
    at = next((i for i, word in enumerate(words) if _ADDRESS.search(word)), None)
    if at is None:
        return None
    # Hexo's title and alt come quoted inside one quoted word: '"The march" "Marchers"'
    given = [part for word in words[at + 1 :] for part in _inner_words(word)]
    described = [w for w in given if not _SIZE.match(w)]
    alt = described[1] if len(described) > 1 else described[0] if described else ""
    return f"![{bracket_escaped(alt)}]({words[at]})"


def _inner_words(word: str) -> list[str]:
    """The quoted words inside one quoted word (`"The march" "Marchers"`), else the word
    (one whose quote is left open too)."""
    inner = tag_words(word) if '"' in word else None
    return [word] if inner is None else inner


def hexo_link(params: str) -> str | None:
    """Hexo's `{% link text url [external] [title] %}` as a Markdown link (its words up to
    the first address are its text, as Hexo reads them; the address when there are none);
    None for Jekyll's `{% link path %}`, whose one word is no address."""
    words = tag_words(params) or []
    at = next((i for i, word in enumerate(words) if _LINK_ADDRESS.match(word)), None)
    if at is None:
        return None
    address = words[at] if not words[at].startswith("www.") else f"https://{words[at]}"
    rest = words[at + 1 :]
    title = " ".join(rest[1:] if rest and rest[0] in ("true", "false") else rest)
    titled = ' "{}"'.format(title.replace('"', '\\"')) if title else ""
    text = " ".join(words[:at]) or words[at]
    return f"[{bracket_escaped(text)}](<{address}>{titled})"
