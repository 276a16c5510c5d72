"""Hugo's shortcodes in Markdown → what they would show, so that a post copied from a Hugo
site does not mail `{{< figure src="…" >}}` to every subscriber.

Hugo runs a shortcode through a template of the site's theme; publisher has none of those,
so it writes what the built-in ones show, in Markdown, before pandoc reads the text:

- `figure` → the image with its caption, from `caption` or `title` only, as Hugo's (pandoc
  makes an image alone in a paragraph a figure, its description the caption: its `alt`
  is given apart), leading to its `link` when it has one;
- `youtube`, `vimeo`, `x` and `tweet`, `instagram` → the address of the video or post, as
  a link (an email cannot play an embed, and a page that could would fetch from the
  platform);
- `gist` → the address of the gist, as a link;
- `comment` → nothing, with what it wraps: the writer's note, which Hugo never shows;
- `ref` and `relref` → the path they name, which the issue's links then resolve as Hugo
  does (`renderers.links`: from documents/, the content root, or the page; with or
  without an extension; a bundle by its folder), with a warning for one they cannot;
- `highlight` → a fenced code block in its language;
- `details` → its summary in bold ("Details" without one), then what it wraps: open, as
  print and mail cannot fold it;
- `qr` → the QR code, as a picture (a leaflet's reader scans it), then the text it codes
  (`text`, else what it wraps), as a link when it is an address (a screen's reader taps it);
- `param` → the value the page's front matter gives the parameter it names (`{{< param
  "location" >}}`, a dotted `"venue.city"`, or one under the front matter's `params`),
  else the site's (its language's, or its `[params]`), as text, as Hugo's `.Param`;
- a theme's button or link (`{{< button href="…" >}}Sign{{< /button >}}`, or with `text=`
  and `link=`) → its words as a link to its address;
- a theme's list of the page's contents (`toc`) → nothing, without a word: every output
  draws its own;
- any other (a theme's `note`, `notice`, `gallery`…) → its tags taken away, what it wraps
  kept, with one warning naming the file, the lines and the shortcodes; a box on lines of
  its own keeps its title (an expand's label, a tab's name, a notice's heading) as a bold
  line above what it wraps, as `details` its summary.

Shortcodes inside fenced code blocks are left as written, and an escaped one
(`{{</* name */>}}`, as Hugo's own documentation writes them) is shown as written.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..embeds import VIDEO_PAGES, video_page
from .fenced_code import in_code
from .hugo_config import dotted, hugo_key, site_param
from .tag_words import named_title, named_words, tag_words

log = logging.getLogger(__name__)

_FENCED = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_OPENINGS = ("{{<", "{{%")
_CLOSINGS = (">}}", "%}}")
_TAG = re.compile(r"\{\{[<%]\s*(/?)\s*([\w.-]+)(.*?)\s*/?\s*[>%]\}\}", re.S)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_LONGEST = 2000  # characters in one shortcode: its parameters fit in a few lines
_WRAPPING = ("details", "qr")  # built-in ones whose closing tag shows nothing
# A theme's shortcode or a site's include drawing the page's contents from its headings
CONTENTS_LISTS = frozenset({"toc", "table-of-contents", "tableofcontents"})


def without_shortcodes(
    body: str,
    path: Path,
    first_line: int = 1,
    page: Mapping[str, Any] | None = None,
    printed: set[str] | None = None,
) -> str:
    """`body` (Markdown starting on line `first_line` of `path`, whose front matter is
    `page`) with Hugo's shortcodes written out as Markdown (see the module's docstring), in
    time linear in its length whatever it holds (thousands of "{{<" never closed, say);
    the front matter's keys it prints are added to `printed`."""
    if "{{<" not in body and "{{%" not in body:
        return body
    code = [(m.start(), m.end()) for m in _FENCED.finditer(body)]  # shown as written
    tags = [
        (start, end, _TAG.fullmatch(body, start, end))
        for start, end in _tags(body)
        if not in_code(start, code)
    ]
    closings = _closings(tags)
    unknown: dict[str, dict[int, None]] = {}  # name → the lines it is on, in order
    link_ends: dict[int, str] = {}  # a theme's button's closing tag → where its text leads
    block_ends: set[int] = set()  # the closing tags of boxes written on their text's lines
    tab_labels: list[str] = []  # the labels Hextra's tabs give their tabs still to come
    out, done, line, counted = [], 0, first_line, 0
    index = 0
    while index < len(tags):
        start, end, parsed = tags[index]
        text = body[start:end]
        index += 1
        if text[3:5] == "/*":  # {{</* name */>}}: Hugo's way to write a shortcode as text
            written = f"{{{{{text[2]} {text[5:-5].strip()} {text[-3]}}}}}"
            out.append(body[done:start] + written)
            done = end
            continue
        if parsed is None:
            continue
        closing, name, params = parsed.group(1), parsed.group(2).lower(), parsed.group(3)
        shown = None
        qr = named_words(tag_words(params) or []) if name == "qr" and not closing else None
        if qr is not None and "text" not in qr:
            close = _closing_of(name, index, closings)  # the text it codes is what it wraps
            if close is not None:
                coded = body[end : tags[close][0]].strip()
                shown = _qr_markdown(coded, qr.get("alt", ""))
                end, index = tags[close][1], close + 1
        elif name == "highlight" and not closing:
            close = _closing_of(name, index, closings)
            if close is not None:
                language = params.split()[0] if params.split() else ""
                inner = body[end : tags[close][0]].strip("\n")
                shown, end, index = f"```{language}\n{inner}\n```", tags[close][1], close + 1
        elif name == "comment" and not closing:  # the writer's note, which Hugo never shows
            close = _closing_of(name, index, closings)
            if close is not None:
                shown, end, index = "", tags[close][1], close + 1
            else:  # to its paragraph's end, as an HTML comment never closed
                paragraph = _PARAGRAPH_END.search(body, end)
                shown, end = "", paragraph.start() if paragraph else len(body)
                while index < len(tags) and tags[index][0] < end:
                    index += 1
                line += body.count("\n", counted, start)
                counted = start
                log.warning(
                    "%s:%d: a comment shortcode not closed: the rest of its paragraph is left"
                    " out of the outputs (close it with {{%% /comment %%}})",
                    *(path, line),
                )
        elif not closing:
            shown = _shown(name, params, page or {}, path, set() if printed is None else printed)
            if shown is None:
                close = _closing_of(name, index, closings)
                wrapped = body[end : tags[close][0]] if close is not None else None
                if link := _themes_link(params, wrapped):
                    shown, address = link
                    if address and close is not None:
                        link_ends[close] = address
        elif name in _WRAPPING:
            shown = ""  # what it wraps stays, as it is
        elif index - 1 in link_ends:
            shown = f"](<{link_ends[index - 1]}>)"
        if shown is None:
            line += body.count("\n", counted, start)
            counted = start
            label = f"{name} {params.strip()}" if name == "param" else name  # which one
            unknown.setdefault(label, {})[line] = None
            close = None if closing else _closing_of(name, index, closings)
            if name == "tabs":  # Hextra's: `{{< tabs items="English,Español" >}}`
                tab_labels = [] if closing else _items(params)
            placed = ""  # a tab's label, given by its place among Hextra's tabs
            if name == "tab" and not closing:
                placed, tab_labels = (tab_labels[0], tab_labels[1:]) if tab_labels else ("", [])
            if close is not None and alone_on_its_line(body, start, end):
                shown = title_line(_box_title(name, params) or placed)  # its title, in bold
            elif close is not None and alone_on_its_line(body, start, tags[close][1]):
                shown = title_line(_box_title(name, params) or placed)  # a block of its own
                block_ends.add(close)  # `{{< tab >}}Bring water.{{< /tab >}}`
            elif index - 1 in block_ends:
                shown = "\n\n"
        out.append(body[done:start] + (shown or ""))
        done = end
    out.append(body[done:])
    if unknown:
        named = "; ".join(f"{name} ({_lines(list(lines))})" for name, lines in unknown.items())
        log.warning(
            "%s: Hugo shortcodes publisher does not know, taken away (what they wrap is kept): %s",
            path,
            named,
        )
    return "".join(out)


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:10]))
    return f"line {shown}" + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")


def _closings(tags: list[tuple[int, int, re.Match[str] | None]]) -> dict[str, list[int]]:
    """Shortcode name → the indexes in `tags` of its closing tags, in order."""
    found: dict[str, list[int]] = {}
    for index, (_, _, parsed) in enumerate(tags):
        if parsed is not None and parsed.group(1) == "/":
            found.setdefault(parsed.group(2).lower(), []).append(index)
    return found


def _tags(body: str) -> list[tuple[int, int]]:
    """(start, end) of each "{{< … >}}" and "{{% … %}}", in one pass: an opening without a
    closing before the next opening, or within _LONGEST characters, is no shortcode."""
    openings, closings = _Next(body, _OPENINGS), _Next(body, _CLOSINGS)
    found = []
    at = 0
    while (start := openings.at(at)) >= 0:
        close = closings.at(start + 3)
        if close < 0:
            break
        following = openings.at(start + 3)
        if (following < 0 or following > close) and close - start <= _LONGEST:
            found.append((start, close + 3))
            at = close + 3
        else:
            at = following if 0 <= following < close else close + 3
    return found


class _Next:
    """The next place of any of `needles` in `text` from a position, each found once: the
    positions asked for only grow, so the whole search is one pass over the text."""

    def __init__(self, text: str, needles: tuple[str, ...]) -> None:
        self.text = text
        self.found = {needle: -2 for needle in needles}  # -2: not looked for yet

    def at(self, start: int) -> int:
        for needle, place in self.found.items():
            if place != -1 and place < start:
                self.found[needle] = self.text.find(needle, start)
        places = [place for place in self.found.values() if place >= 0]
        return min(places, default=-1)


def _closing_of(name: str, index: int, closings: dict[str, list[int]]) -> int | None:
    """The index of the first closing tag of `name` from the tag at `index` on."""
    later = closings.get(name, [])
    at = bisect.bisect_left(later, index)
    return later[at] if at < len(later) else None


def _themes_link(params: str, inner: str | None) -> tuple[str, str] | None:
    """A theme's button or link (Blowfish's and Congo's `{{< button href="…" >}}Sign{{<
    /button >}}`, Hextra's `{{< hextra/hero-button text="Sign" link="…" >}}`) as what it
    is to a reader, a link. Its opening, and the address its closing tag ends the link
    with ("" when it is whole); None for one that names no address, or wraps no text or
    more than a paragraph (`inner`: what it wraps, None when it is not closed)."""
    if (words := tag_words(params)) is None:
        return None
    named = named_words(words)
    address = next((named[k] for k in ("href", "link", "url") if named.get(k)), "")
    if not address or any(c in address for c in "<>\n"):
        return None
    if shown := named.get("text") or named.get("label"):
        return f"[{_markdown_text(shown)}](<{address}>)", ""
    if inner is None or not inner.strip() or "\n\n" in inner.strip():
        return None
    return "[", address


def _shown(
    name: str, params: str, page: Mapping[str, Any], path: Path, printed: set[str]
) -> str | None:
    """What a built-in shortcode shows, as Markdown; None for one publisher does not know."""
    if (words := tag_words(params)) is None:
        return None
    named = named_words(words)
    positional = [word for word in words if "=" not in word]

    def given(*keys: str) -> str:
        found = next((named[k] for k in keys if named.get(k)), "")
        return found or (positional[0] if positional else "")

    if name == "figure" and (src := named.get("src", "")):
        shown = named.get("caption") or named.get("title") or ""
        if link := named.get("link", ""):
            return _linked_figure(src, shown, named.get("alt", ""), link)
        return picture_markdown(src, shown, named.get("alt", ""), alt_is_caption=False)
    # The address itself is the link's text: it says where it leads in any language.
    if name in VIDEO_PAGES and (video := given("id")):
        return f"<{video_page(name, video)}>"
    if name in ("x", "tweet") and (post := given("id")) and (user := named.get("user")):
        return f"<https://x.com/{quote(user)}/status/{quote(post)}>"
    if name == "gist" and len(positional) >= 2:  # its user and its id (then a file of it)
        return f"<https://gist.github.com/{quote(positional[0])}/{quote(positional[1])}>"
    if name == "instagram" and (post := given("id")):
        return f"<https://www.instagram.com/p/{quote(post)}/>"
    if name in ("ref", "relref") and (target := given("path")):
        return target
    if name == "param" and (value := _param(page, path, given("name"), printed)) is not None:
        return escaped_markdown(value)
    if name == "details":  # open, as print and mail show it: its summary, then what it wraps
        return title_line(_box_title(name, params) or "Details")
    if name == "qr":
        return _qr_markdown(named.get("text", ""), named.get("alt", ""))
    if name in CONTENTS_LISTS:
        return ""  # a theme's list of the page's headings: the outputs draw their own
    return None


# A theme's box whose title is its first word given without a name (Relearn's and Hugo
# Book's `{{% expand "Read the statement" %}}`, `{{< tab "Español" >}}`), or its second,
# after its kind (Relearn's `{{% notice warning "Bring water" %}}`, LoveIt's `admonition`)
_TITLE_FIRST = frozenset({"details", "expand", "tab", "collapse", "accordion", "spoiler", "toggle"})
_TITLE_SECOND = frozenset({"notice", "admonition"})
_NOT_TITLES = frozenset({"open", "closed", "true", "false"})


def _box_title(name: str, params: str) -> str:
    """The title a theme's box shows above what it wraps (a note's "Bring water", an
    expand's "Read the full statement", a tab's "Español"): named `title`, `header`… (a
    Hugo `details`' `summary` first), or for boxes that give it unnamed, its place among
    the unnamed words; "" without one. A kind (`warning`) or an icon named first is none."""
    words = tag_words(params) or []
    named = named_words(words)
    if title := named_title(named) or (named.get("name", "") if name == "tab" else ""):
        return title  # Hextra's tab gives its label as `name=`
    unnamed = [word for word in words if "=" not in word and word.casefold() not in _NOT_TITLES]
    place = 0 if name in _TITLE_FIRST else 1 if name in _TITLE_SECOND else None
    return unnamed[place] if place is not None and len(unnamed) > place else ""


def _items(params: str) -> list[str]:
    """The labels of Hextra's tabs, in order: `items="English,Español"`."""
    items = named_words(tag_words(params) or []).get("items", "")
    return [item.strip() for item in items.split(",")] if items.strip() else []


def title_line(title: str) -> str:
    """A box's title as print and mail show a box open: a bold line of its own."""
    title = " ".join(title.split())
    return f"\n\n**{title}**\n\n" if title else ""


def alone_on_its_line(body: str, start: int, end: int) -> bool:
    """Whether `body[start:end]` (a tag, or a box from its opening tag to its closing tag's
    end) has its lines to itself: a box's. One inside a sentence (a tooltip's over a word)
    given a title line would cut the sentence in two."""
    return _starts_line(body, start) and _ends_line(body, end)


def _starts_line(body: str, at: int) -> bool:
    """Whether only spaces stand between the line's start and `at`: looked at back to the
    first other character only, so that a line of thousands of tags is read in time linear
    in its length (each run of spaces is looked at from the tags on either side of it)."""
    while at > 0 and body[at - 1] in " \t":
        at -= 1
    return at == 0 or body[at - 1] == "\n"


_SPACES_TO_LINE_END = re.compile(r"[ \t]*(?:\n|\Z)")


def _ends_line(body: str, at: int) -> bool:
    """Whether only spaces stand between `at` and the line's end."""
    return _SPACES_TO_LINE_END.match(body, at) is not None


def _qr_markdown(text: str, alt: str) -> str:
    """Hugo's `qr` of `text`: the code, for print, then the text (linked if an address),
    for a screen; "" for no text."""
    if not text.strip():
        return ""
    coded = f"<{text}>" if re.match(r"https?://\S+$", text) else escaped_markdown(text)
    return f"{_qr_picture(text, alt)} {coded}"


def _qr_picture(text: str, alt: str) -> str:
    """A QR code of `text`, as Hugo's `qr` draws it (4 pixels a module), as a Markdown
    picture kept inside the text: the build saves it as a file of documents/media/ as it
    does any (`resources.inline_picture`)."""
    import base64
    import io

    import segno

    drawn = io.BytesIO()
    segno.make(text, error="m").save(drawn, kind="svg", scale=4, border=2, xmldecl=False)
    described = escaped_markdown(alt or f"QR code: {text}")
    return (
        f"![{described}](data:image/svg+xml;base64,{base64.b64encode(drawn.getvalue()).decode()})"
    )


# What Markdown may read as a mark or a tag in a value set into the text
_MARKDOWN_SIGNS = re.compile(r"[\\`*_{}\[\]<>#+!|~^$@-]")


def escaped_markdown(value: str) -> str:
    """`value` set into Markdown as text, as Hugo and MDX print a parameter: nothing in it
    read as a mark or a tag."""
    return _MARKDOWN_SIGNS.sub(r"\\\g<0>", value)


def _param(page: Mapping[str, Any], path: Path, key: str, printed: set[str]) -> str | None:
    """The parameter `key` ("location", "venue.city") of the page at `path` as Hugo prints
    it: from its front matter or its `params` table, else its site's (`hugo_config`),
    keys in any capitals as Hugo reads them; None when none gives it, or gives a table or
    a list."""
    if not key:
        return None
    for top, value in ((key, dotted(page, key)), ("params", dotted(hugo_key(page, "params"), key))):
        if value is not None:
            name = top.split(".")[0].casefold()
            printed.update(k for k in page if str(k).casefold() == name)
            break
    else:
        value = site_param(path, key)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (str, int, float, dt.date)):
        return str(value)
    return None


def picture_markdown(src: str, caption: str, alt: str, alt_is_caption: bool = True) -> str:
    """A picture in Markdown: alone in its paragraph, pandoc makes it a figure whose
    caption (under the picture) is `caption`, and whose alt text (what a screen reader
    says, or a reader without images) is `alt`, the caption when there is none. Without a
    caption, `alt` is shown as one only when `alt_is_caption`: Hugo's figure shows none."""
    if (caption or not alt_is_caption) and alt:
        return f'![{_markdown_text(caption)}]({src}){{alt="{_attribute(alt)}"}}'
    return f"![{_markdown_text(caption or alt)}]({src})"


def _linked_figure(src: str, caption: str, alt: str, link: str) -> str:
    """Hugo's figure with `link`: the picture leads there (as HTML: Markdown's figure holds
    no link), its caption under it when it has one."""
    shown = html.escape(caption)
    picture = f'<a href="{html.escape(link)}"><img src="{html.escape(src)}"' \
        f' alt="{html.escape(alt or caption)}"></a>'  # fmt: skip
    below = f"<figcaption>{shown}</figcaption>" if caption else ""
    return f"<figure>{picture}{below}</figure>" if caption else picture


def _attribute(text: str) -> str:
    """A value for a Markdown attribute in double quotes, as written."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _markdown_text(text: str) -> str:
    """A caption as Markdown shows it as written: brackets escaped."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
