"""Jekyll's Liquid in Markdown (and Eleventy's, which reads it too) → what the page would
show, so that a post copied from a Jekyll site does not mail `{% include … %}` and
`{{ site.baseurl }}` to every subscriber, nor lose its pictures and links to them.

Jekyll runs a post through Liquid with the site's includes; publisher has none of those,
so it writes, before pandoc reads the text:

- `{% raw %}…{% endraw %}` → what it holds, as written;
- `{% comment %}…{% endcomment %}`, Liquid's `{% # … %}` and Nunjucks' `{# … #}` (in an
  Eleventy site) → nothing: a comment is not for readers. A comment block is left out of
  any Markdown, in a site or not: no other text is written so;
- `{% highlight python %}…{% endhighlight %}` → a fenced code block in its language;
- `{% post_url 2026-01-03-first-week %}` and `{% link _posts/….md %}` → the path they
  name, which the issue's links resolve to the post's document (`renderers.links`), a
  `{{ site.baseurl }}` written before them (as Jekyll's docs have it) and all;
- `{{ site.baseurl }}` and `{{ site.url }}` → the site's folder from the post's
  (`{{ site.baseurl }}/assets/x.jpg` → `../assets/x.jpg` from `_posts/`), as is an address
  from the site's root (`{{ "/faq/" | relative_url }}`, Eleventy's `{{ "/img/x.png" | url
  }}`, an include's `/assets/x.jpg`);
- `{{ page.location }}` → the post's front matter's value, `{{ site.email }}` the site's
  `_config.yml`'s (Eleventy's `{{ location }}`: its front matter's), as text, through
  the filters that only shape it (`date: "%B %-d, %Y"`, `upcase`, `default: "…"`…);
- eleventy-img's `{% image "./img/x.png", "alt", "sizes" %}` → the picture, its path from
  the site's root (where Eleventy runs);
- an include that draws the page's contents (`{% include toc %}`) → nothing, without a
  word: every output draws its own;
- an include that shows a picture (`{% include image.html url="…" description="…" %}`,
  minimal-mistakes' `figure image_path=… caption=…`) → the picture with its caption; one
  that shows a YouTube or Vimeo video → the video's address, as a link; a button's (`{%
  include button.html url="…" text="Sign" %}`) → its words as a link; a note's (`{%
  include note.html content="…" %}`, as documentation-theme-jekyll's) → its content, after
  its kind in bold ("**Note:**") or under its title;
- any other tag or variable → taken away, what a block tag wraps kept, with one warning
  naming the file, the lines and the tags.

Only a Jekyll post or draft (in `_posts/`, or named as one: `2026-01-10-title.md`), or a
text in a Jekyll or Eleventy site's folder (its `_config.yml`, `.eleventy.js`), is read
so: elsewhere `{{ … }}` means what it says. Liquid inside code and `{% raw %}` is left
as written.
"""

from __future__ import annotations

import bisect
import logging
import os
import re
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ..embeds import VIDEO_PAGES, video_page
from ..sites import ELEVENTY_CONFIGS, JEKYLL_CONFIGS
from .fenced_code import in_code
from .hexo_tags import BLOCKS as HEXO_BLOCKS
from .hexo_tags import hexo_block, hexo_link, hexo_tag
from .liquid_values import Variables, shown_value
from .shortcodes import CONTENTS_LISTS, title_line
from .tag_words import bracket_escaped, named_words, tag_words

log = logging.getLogger(__name__)

_SITE_MARKERS = (*JEKYLL_CONFIGS, *ELEVENTY_CONFIGS)
# Fenced code, and inline code: Liquid there is shown as written
_FENCED = re.compile(r"^(```|~~~).*?^\1[ \t]*$|(`{1,3})[^`].{0,2000}?\2", re.M | re.S)
# a tag's words may hold a `%` ("Turnout was 78%"), but not another tag's opening `{%`
_TAG = re.compile(r"\{%-?\s*(\w+|#)((?:[^%]|(?<!\{)%(?!\})){0,2000}?)-?%\}")
# Eleventy's Nunjucks comment (`{# … #}`), which may hold tags (`{# {% include x %} #}`) but
# no other `}` (`## Intro {#intro}` is a heading's id, never a comment's start), nor another
# comment's start, where the search for its end stops
_TAG_OR_COMMENT = re.compile(r"\{#(?:[^{}]|\{(?!#)|(?<=[%}])\}){0,2000}?#\}|" + _TAG.pattern)
# A comment block's tags, found in any Markdown (`_comments_left_out`)
_COMMENT_TAG = re.compile(r"\{%-?\s*(end)?comment\s*-?%\}")
_OUTPUT = re.compile(r"\{\{-?\s*([^{}]{0,500}?)\s*-?\}\}")
_SITE_ROOT = re.compile(r"^site\.(?:baseurl|url)$")
_ROOT_BEFORE_PATH = re.compile(r"\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}$")
_URL_FILTER = re.compile(r"""^(["'])(.*?)\1\s*\|\s*(?:relative_url|absolute_url|url|prepend:.*)$""")
_PICTURE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg)$", re.I)
_QUOTED = re.compile(r""""([^"]*)"|'([^']*)'""")
_PATHS = ("post_url", "link")
_BLOCKS = ("raw", "comment", "highlight", *HEXO_BLOCKS)
_POST_NAME = re.compile(r"^\d{4}-\d\d-\d\d-.+\.(?:md|markdown)$", re.I)  # _posts/2026-01-10-x.md


def liquid_site(path: Path) -> Path | None:
    """The Jekyll or Eleventy site `path` is in (the folder of its `_config.yml` or
    `.eleventy.js`, up to the workspace's; for a post or draft without one, the folder
    above `_posts`): only there does `{{ … }}` mean Liquid. A Hugo post, or any other
    text, that shows `{{ .Title }}` means it as written."""
    for folder in path.parents:
        if any((folder / marker).is_file() for marker in _SITE_MARKERS):
            return folder
        if (folder / "publisher.toml").is_file():
            break
    for folder in path.parents:
        if folder.name in ("_posts", "_drafts"):
            return folder.parent
    return None


def without_liquid(
    body: str,
    path: Path,
    first_line: int = 1,
    page: Mapping[str, Any] | None = None,
    printed: set[str] | None = None,
) -> str:
    """`body` (Markdown starting on line `first_line` of `path`, whose front matter is
    `page`) with Jekyll's Liquid written out as Markdown (see the module's docstring),
    when `path` is in a site that uses Liquid; the front matter's keys it prints are
    added to `printed`."""
    if "{%" not in body and "{{" not in body and "{#" not in body:
        return body
    site = liquid_site(path)
    if site is not None:
        # The site's root, from the post's folder: `{{ site.baseurl }}/assets/x.jpg` is there
        root = Path(os.path.relpath(site, path.parent)).as_posix()
    elif _POST_NAME.match(path.name):  # a post copied out of its site: Jekyll names posts so
        root = ""  # its addresses from the site's root kept so: resources finds them
    else:
        return _comments_left_out(body)
    eleventy = site is not None and any((site / marker).is_file() for marker in ELEVENTY_CONFIGS)
    variables = Variables(path, page or {}, site, eleventy, set() if printed is None else printed)
    unknown: dict[str, list[int]] = {}
    newlines = [i for i, c in enumerate(body) if c == "\n"]

    def line(at: int) -> int:
        return bisect.bisect_left(newlines, at) + 1

    pieces, start = [], 0
    for kept in [*_FENCED.finditer(body), None]:
        end = kept.start() if kept else len(body)
        where = partial(_shifted, line, start)
        pieces.append(_written_out(body[start:end], root, variables, where, unknown))
        if kept:
            pieces.append(kept.group(0))
            start = kept.end()
    if unknown:
        lines = sorted({line for found in unknown.values() for line in found})
        log.warning(
            "%s:%s: Liquid %s taken away (%s site would fill them in; publisher has no"
            " site to fill them from): check what is left reads well",
            path,
            ",".join(str(first_line + n - 1) for n in lines[:5]),
            ", ".join(sorted(unknown)),
            "Eleventy's" if eleventy else "Jekyll's",
        )
    return "".join(pieces)


def _comments_left_out(body: str) -> str:
    """`body` without its Liquid comment blocks (`{% comment %}…{% endcomment %}`), outside
    any site too: what they hold is the writer's note, never meant for readers, and no
    other text is written so. Comments in code are code; one never closed is left."""
    if "comment" not in body:
        return body
    code = [found.span() for found in _FENCED.finditer(body)]
    pieces, at, opened = [], 0, None
    for found in _COMMENT_TAG.finditer(body):
        if in_code(found.start(), code):
            continue  # shown as written
        if found[1] is None and opened is None:
            opened = found.start()
        elif found[1] and opened is not None:
            pieces.append(body[at:opened])
            at, opened = found.end(), None
    return "".join(pieces) + body[at:]


def _shifted(line: Callable[[int], int], offset: int, at: int) -> int:
    return line(offset + at)


def _written_out(
    text: str,
    root: str,
    variables: Variables,
    line: Callable[[int], int],
    unknown: dict[str, list[int]],
) -> str:
    """`text` (no code in it) written out; `root`: the site's root from the post's folder;
    `variables`: what `{{ page.x }}` and `{{ site.x }}` name; `line(at)`: the line of its
    `at`. Tags are found in one pass and each block's end by
    bisection, so thousands of blocks never closed take time linear in the text."""
    tags = list((_TAG_OR_COMMENT if variables.eleventy else _TAG).finditer(text))
    ends: dict[str, list[int]] = {}
    for index, found in enumerate(tags):
        ends.setdefault(found[1], []).append(index)
    pieces: list[tuple[str, int | None]] = []  # text, and where Liquid output may be in it
    at = index = 0
    while index < len(tags):
        found = tags[index]
        pieces.append((text[at : found.start()], at))
        at, index = found.end(), index + 1
        if found[1] in (None, "#"):  # a Nunjucks comment, or Liquid's `{% # … %}`: no one's
            continue
        name, params = found[1], found[2].strip()
        closers = ends.get(f"end{name}", []) if name in _BLOCKS else []
        after = bisect.bisect_right(closers, index - 1)
        if after < len(closers):  # a block and its end: written out whole
            end = tags[closers[after]]
            pieces.append((_block(name, params, text[found.end() : end.start()]), None))
            at, index = end.end(), closers[after] + 1
            continue
        if name in _PATHS and pieces[-1][1] is not None:
            # `{{ site.baseurl }}{% post_url x %}`: the tag names the post, baseurl and all
            before, start = pieces[-1]
            pieces[-1] = (_ROOT_BEFORE_PATH.sub("", before), start)
        shown = _tag(name, params, root)
        if shown is None:
            shown = hexo_tag(name, params, variables.path)
        if shown is None:
            unknown.setdefault(f"{{% {name} %}}", []).append(line(found.start()))
        pieces.append((shown or "", None))
    pieces.append((text[at:], at))

    def output(match: re.Match[str], offset: int) -> str:
        expression = match[1].strip()
        if _SITE_ROOT.match(expression):
            return root
        if filtered := _URL_FILTER.match(expression):
            return _from_root(filtered[2], root)
        if (shown := shown_value(expression, variables)) is not None:
            return shown
        shown = f"{{{{ {expression.split('|')[0].strip()} }}}}"
        unknown.setdefault(shown, []).append(line(offset + match.start()))
        return ""

    return "".join(
        piece if offset is None else _OUTPUT.sub(partial(output, offset=offset), piece)
        for piece, offset in pieces
    )


def _block(name: str, params: str, inner: str) -> str:
    """A raw block's text as written, a highlight's as a fenced block, a comment's nothing,
    Hexo's as `hexo_tags` shows them."""
    if name == "raw":
        return inner
    if name == "highlight":
        language = params.split()[0] if params else ""
        return f"```{language}\n{inner.strip(chr(10)).rstrip()}\n```"
    return hexo_block(name, params, inner) or ""


def _tag(name: str, params: str, root: str) -> str | None:
    """What a tag shows: a path's, a picture's or a video's include; None for any other."""
    if name == "link" and (hexo := hexo_link(params)) is not None:
        return hexo
    if name in _PATHS:
        return params.split()[0] if params else ""
    if name == "include":
        return _included(params, root)
    if name == "image":
        return _eleventy_image(params, root)
    return None


def _eleventy_image(params: str, root: str) -> str | None:
    """eleventy-img's shortcode (`"./img/x.png", "alt", "sizes"`) as a Markdown picture:
    its path is from the site's root, where Eleventy runs; None when its source is no
    quoted text (a variable publisher cannot know)."""
    given = [double or single for double, single in _QUOTED.findall(params)]
    if not given or not given[0]:
        return None
    src, alt = given[0], given[1] if len(given) > 1 else ""
    if "://" not in src:
        src = f"{root}/{src.removeprefix('./').lstrip('/')}"
    return f"![{bracket_escaped(alt)}]({src.replace(' ', '%20')})"


def _from_root(address: str, root: str) -> str:
    """An address from the site's root (`/faq/`) as one from the post's folder."""
    return f"{root}{address}" if address.startswith("/") else address


def _included(params: str, root: str) -> str | None:
    """What an include shows when it is a picture's, a video's, a button's or a note's;
    None for any other."""
    if not (words := tag_words(params)):
        return None
    name, given = words[0].lower(), named_words(words[1:])
    if name.removesuffix(".html") in CONTENTS_LISTS:  # minimal-mistakes' `include toc`
        return ""  # the outputs draw their own
    picture = next((v for v in given.values() if _PICTURE.search(v)), None)
    if picture:
        caption = next(
            (given[k] for k in ("caption", "description", "alt", "title") if given.get(k)), ""
        )
        return f"![{bracket_escaped(caption)}]({_from_root(picture, root).replace(' ', '%20')})"
    for platform in VIDEO_PAGES:
        if platform in name and (key := given.get("id") or given.get("video_id")):
            return f"<{video_page(platform, key)}>"
    address = given.get("url") or given.get("href") or given.get("link") or ""
    label = given.get("text") or given.get("label") or given.get("title")
    if label and address and not any(c in address for c in "<>\n"):  # a theme's button
        return f"[{bracket_escaped(label)}](<{_from_root(address, root)}>)"
    if content := given.get("content", "").strip():  # a theme's note, as Markdown
        kind = name.removesuffix(".html")
        if title := given.get("title", "").strip():
            return f"{title_line(title)}{content}"
        return f"**{kind.capitalize()}:** {content}" if kind in _KINDS else content
    return None


# The notes documentation-theme-jekyll and its kin include (`{% include note.html
# content="…" %}`), each showing its kind in bold before its content
_KINDS = frozenset({"note", "tip", "warning", "important", "caution", "danger"})
