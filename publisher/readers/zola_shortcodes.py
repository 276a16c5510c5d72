"""Zola's shortcodes (Tera's call syntax) in a post copied from a Zola site, as the site
showed them, so that `{{ youtube(id="…") }}` is not mailed to every subscriber:

- `{{ youtube(id="…") }}`, `{{ vimeo(id="…") }}`, `{{ streamable(id="…") }}` → the video's
  address, as a link (an email cannot play an embed); `{{ gist(url="…") }}` → the gist's;
- a theme's body shortcode (`{% note(kind="warning") %}…{% end %}`) → what it wraps,
  under its title in bold when it has one (`title="Bring water"`) on a line of its own;
- any other → taken away, with one warning naming the file, the lines and the shortcodes
  (an Eleventy site's Nunjucks calls, `{{ year() }}`, look the same: it names both).

And a link to another post by Zola's internal path (`[the minutes](@/blog/minutes.md)`)
leads to it, as a path from the content root (see `renderers.links`).

Their call syntax, a name and its arguments in brackets, is Zola's alone: Liquid's and
Hugo's look otherwise, so they are read wherever they are, but in code.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..embeds import video_page
from ..textfiles import line_at
from .fenced_code import FENCED_CODE
from .shortcodes import alone_on_its_line, title_line
from .tag_words import named_title

log = logging.getLogger(__name__)

_ARGUMENTS = r"\(((?:[^(){}\"']|\"[^\"]*\"|'[^']*'){0,1000})\)"
_CALL = re.compile(
    rf"{FENCED_CODE}|\{{\{{\s*([A-Za-z_]\w*){_ARGUMENTS}\s*\}}\}}"
    rf"|\{{%\s*([A-Za-z_]\w*){_ARGUMENTS}\s*%\}}|\{{%\s*end\s*%\}}",
    re.MULTILINE | re.DOTALL,
)
# Zola's internal link, `@/` and a path from content/: in a link's address or a reference
_INTERNAL_LINK = re.compile(r"(\]\(\s*<?|^[ \t]*\[[^\]\n]+\]:[ \t]*<?)@/", re.MULTILINE)
_NAMED = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([\w.-]+))""")
_PAGES = {"streamable": "https://streamable.com/{}"}


def without_zola_shortcodes(body: str, path: Path, first_line: int = 1) -> str:
    """`body` (Markdown starting on line `first_line` of `path`) with Zola's shortcodes
    written out and its internal links as paths (see the module's docstring)."""
    if "@/" in body:
        body = _INTERNAL_LINK.sub(r"\1/", body)
    if "(" not in body or ("{{" not in body and "{%" not in body):
        return body
    unknown: dict[str, list[int]] = {}

    def written(found: re.Match[str]) -> str:
        shown = ""  # what stands for one publisher does not know
        if found.group(1) is not None:  # code, as it is
            return found.group(0)
        if found.group(2):  # a call in the text
            if (known := _shown(found.group(2), found.group(3) or "")) is not None:
                return known
            name = found.group(2)
        elif found.group(4):  # a body's opening: what it wraps stays, and a box its title
            name = found.group(4)
            if alone_on_its_line(body, found.start(), found.end()):
                shown = title_line(named_title(_named(found.group(5) or "")))
        else:  # a body's `{% end %}`
            return ""
        unknown.setdefault(name, []).append(first_line + line_at(body, found.start()) - 1)
        return shown

    written_out = _CALL.sub(written, body)
    if unknown:
        log.warning(
            "%s: template calls publisher does not know (a Zola site's shortcodes, an"
            " Eleventy site's Nunjucks functions), taken away (what they wrap is kept): %s",
            path,
            "; ".join(
                f"{name} (line {', '.join(map(str, lines))})" for name, lines in unknown.items()
            ),
        )
    return written_out


def _named(arguments: str) -> dict[str, str]:
    """A call's arguments, by name (Tera names every one)."""
    return {key: a or b or c for key, a, b, c in _NAMED.findall(arguments)}


def _shown(name: str, arguments: str) -> str | None:
    """What one of Zola's own shortcodes shows, as Markdown; None for any other."""
    named = _named(arguments)
    if name in ("youtube", "vimeo") and (video := named.get("id")):
        return f"<{video_page(name, video)}>"
    if name in _PAGES and (video := named.get("id")):
        return f"<{_PAGES[name].format(video)}>"
    if name == "gist" and (url := named.get("url", "")).startswith("https://"):
        return f"<{url}>"
    return None
