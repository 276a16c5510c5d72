"""MDX (Markdown with JSX, as Astro, Docusaurus and Next.js sites keep their posts) → the
Markdown it holds, for the Markdown reader.

- Its JavaScript is left out: `import` and `export` blocks, and `{/* comments */}`.
- A picture imported from a file and shown by a component (`import hero from
  './hero.jpg'`, then `<Image src={hero} alt="…" />`), or shown by a component from an
  address in the text (`<Image src="./hero.jpg" … />`, `<Figure src="./march.png"
  caption="…" />`, any component whose `src` is a picture's file), is a Markdown picture,
  with its caption.
- A video component (`<YouTube id="…" />` and its kin from astro-embed, mdx-embed and
  Docusaurus sites) is a link to the video's page.
- `{frontmatter.title}` (Astro's; Docusaurus' `{frontMatter.title}`) is the front matter's
  value, as text.
- Other components keep what they hold (the sanitiser takes out their tags: see
  `sanitize.unknown_tags_as_text`); one closed on itself (`<Newsletter />`) holds nothing
  and is left out, said with its line: left in, `<Figure/>` would open an HTML <figure>
  holding every paragraph after it; an expression left (`{props.total}`) is printed as
  written, and said once, with its line. A component holding paragraphs (Docusaurus'
  `<TabItem label="Español">`, a `<Callout title="…">`) shows its title as a bold line
  above them; its tags on lines of their own break paragraphs, as MDX reads them. A tag
  wrapped over several lines is one tag, its props whose values are JavaScript (`values=
  {[…]}`, `onClick={() => …}`) left out; old Docusaurus tabs' labels, named in `<Tabs
  values={[{label, value}…]}>`, are their `<TabItem value>`s'.
- Admonitions (`:::tip`) are the Markdown reader's, as in any Markdown (`admonitions`).
"""

from __future__ import annotations

import bisect
import logging
import re
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..embeds import VIDEO_PAGES
from .fenced_code import FENCED_CODE
from .shortcodes import escaped_markdown, picture_markdown, title_line
from .tag_words import named_title

log = logging.getLogger(__name__)

_ESM_BLOCK = re.compile(r"^(?:import|export)\b.*?(?:\n[ \t]*\n|\Z)", re.MULTILINE | re.DOTALL)
_DEFAULT_IMPORT = re.compile(r"""^import\s+(\w+)\s+from\s+['"]([^'"]+)['"]""", re.MULTILINE)
_COMMENT_START = re.compile(r"\{\s*/\*")  # a comment: {/* … */}
_COMMENT_END = re.compile(r"\*/\s*\}")
_ATTRIBUTES = r"""((?:[^>"'{]|"[^"]*"|'[^']*'|\{[^}]*\})*?)"""
_COMPONENT = re.compile(rf"<([A-Z][\w.]*|img)\b{_ATTRIBUTES}/>")
_JSX_TAG = re.compile(r"<[A-Z][\w.]*\b[^<>]*>")
_EXPRESSION_VALUE = re.compile(r"""=\{\s*["'`]?([^{}"'`]*)["'`]?\s*\}""")
# Fenced code, kept apart (a split's odd parts): a tutorial's `import` lines are code
_CODE = re.compile(FENCED_CODE, re.MULTILINE | re.DOTALL)
_TAG_OR_CODE_SPAN = re.compile(r"<[^<>]*>|`[^`\n]*`")
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*(\w+)\s*\})""")
_FRONT_MATTER_VALUE = re.compile(r"\{\s*front[mM]atter\.(\w+)\s*\}")  # Astro's, Docusaurus'
_EXPRESSION = re.compile(r"(?<!\))\{[^{}\n]+\}")  # not a picture's {alt="…"}

_PICTURES = {"Image", "Picture", "Img", "img", "IdealImage", "ThemedImage", "Figure"}
_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)$", re.IGNORECASE)
_VIDEOS = {  # component → (the attributes that name the video, its page)
    "YouTube": (("id", "youTubeId", "videoId"), VIDEO_PAGES["youtube"]),
    "LiteYouTube": (("videoid", "videoId", "id"), VIDEO_PAGES["youtube"]),
    "Vimeo": (("id", "vimeoId"), VIDEO_PAGES["vimeo"]),
    "Tweet": (("id", "tweetLink"), "https://twitter.com/i/status/{}"),
}


def _comments_blanked(prose: str) -> str:
    """`prose` with each comment (`{/* … */}`) only the line ends it held, so that lines said
    stay right; in time linear in `prose`: a comment never closed is looked for once, not
    to the end again from each `{/*` after it."""
    parts, done = [], 0
    while (start := _COMMENT_START.search(prose, done)) is not None:
        end = _COMMENT_END.search(prose, start.end())
        if end is None:
            break  # nor does any after it close
        parts += [prose[done : start.start()], "\n" * prose.count("\n", start.start(), end.end())]
        done = end.end()
    return "".join(parts) + prose[done:]


def markdown_of_mdx(
    body: str, meta: Mapping[str, Any], path: Path, first_line: int, printed: set[str]
) -> str:
    """The Markdown an MDX document's `body` holds (see the module's docstring); `meta`:
    its front matter, whose keys the text prints are added to `printed`; `first_line`:
    the body's line in the file, for what is said."""
    parts = _CODE.split(body)  # prose, code, prose…: code (fenced) stays as it is
    imported = {n: s for prose in parts[::2] for n, s in _DEFAULT_IMPORT.findall(prose)}
    unknown: dict[str, list[int]] = {}  # a component left out → its lines

    def markdown(prose: str, line: int) -> str:
        prose = _ESM_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), prose)  # lines kept
        prose = _comments_blanked(prose)
        newlines = [i for i, c in enumerate(prose) if c == "\n"]

        def component(start: int, end: int) -> str | None:
            if not (found := _COMPONENT.fullmatch(prose, start, end)):
                return None  # a tag that opens what it holds
            shown = _component(found.group(1), found.group(2), imported)
            if shown is None:
                at = line + bisect.bisect_left(newlines, found.start())
                unknown.setdefault(found.group(1), []).append(at)
            return shown or ""

        prose = _spans_replaced(prose, _component_tags(prose), component)  # in linear time
        prose = _JSX_TAG.sub(lambda m: _EXPRESSION_VALUE.sub(r'="\1"', m.group(0)), prose)
        return _FRONT_MATTER_VALUE.sub(lambda m: _front_matter_value(m, meta, printed), prose)

    lines = [first_line + "".join(parts[:i]).count("\n") for i in range(0, len(parts), 2)]
    parts[::2] = [markdown(prose, line) for prose, line in zip(parts[::2], lines, strict=True)]
    body = "".join(parts)  # its lines still the file's, for what is said
    tags = [_component_tags(prose) for prose in parts[::2]]  # each prose's, found once
    if unknown:
        log.warning(
            "%s: MDX components publisher does not know, left out (the site draws them when"
            " it builds the page): %s",
            path,
            "; ".join(f"{name} (line {', '.join(map(str, at))})" for name, at in unknown.items()),
        )
    if left := _expression_in_prose(parts, tags):
        start, end = left
        line = first_line + body.count("\n", 0, start)
        log.warning(
            "%s:%d: %s and any other JavaScript expression is printed as written: an MDX"
            " site works it out when it builds the page; write the words it stands for",
            path,
            line,
            body[start:end],
        )
    depth = 0  # components open: one may hold fenced code, and go on after it
    for index, spans in zip(range(0, len(parts), 2), tags, strict=True):
        parts[index], depth = _boxes_opened(_tags_on_one_line(parts[index], spans), depth)
    return "".join(parts)


_TAG_START = re.compile(r"<(?:[A-Z][\w.]*|img\b)")
_LONGEST_TAG = 2000  # characters: a component's props fit in a few dozen lines
_SCRIPT_PROP = re.compile(r"\s[\w-]+\s*=\s*\{")  # a prop whose value is JavaScript
# Old Docusaurus tabs name their labels in the <Tabs> (`values={[{label: 'Apple', value:
# 'apple'}, …]}`), and a <TabItem> by its value alone
_TAB_LABEL = re.compile(
    r"""\{\s*label:\s*(["'])(.*?)\1\s*,\s*value:\s*(["'])(.*?)\3\s*\}"""
    r"""|\{\s*value:\s*(["'])(.*?)\5\s*,\s*label:\s*(["'])(.*?)\7\s*\}"""
)


def _tags_on_one_line(prose: str, spans: list[tuple[int, int]]) -> str:
    """`prose` (its opening tags at `spans`, `_component_tags`) with each on one line, as
    Prettier wraps a long one over several, and without the props whose values are
    JavaScript (`values={[…]}`): neither pandoc nor a reader can make a tag of them, and
    the tag was printed as text ("<Tabs defaultValue=”apple” values={[ {label: ‘Apple’
    …"). A <TabItem> named by its value alone gets the label its <Tabs> gave that value."""
    if "<" not in prose:
        return prose
    labels: dict[str, str] = {}

    def flattened(start: int, end: int) -> str | None:
        tag = prose[start:end]
        if "\n" not in tag and "={" not in tag:
            return None
        for match in _TAB_LABEL.finditer(tag):
            label, value = (match[2], match[4]) if match[1] else (match[8], match[6])
            labels[value] = label
        return " ".join(_without_script_props(tag).split()) + "\n" * tag.count("\n")

    joined = _spans_replaced(prose, spans, flattened)
    if labels:
        joined = _TAB_ITEM.sub(lambda m: _labelled(m, labels), joined)
    return joined


def _component_tags(prose: str) -> list[tuple[int, int]]:
    """Where each component's opening tag is in `prose`, over lines and {expressions}
    holding ">" (`onClick={() => go()}`) too: in one pass, as each is looked for from
    where the last ended, or the "<" that showed it was none."""
    spans, done = [], 0
    for found in _TAG_START.finditer(prose):
        if found.start() < done:
            continue
        end = _tag_end(prose, found.end())
        if end > 0:
            spans.append((found.start(), end))
        done = abs(end)  # a tag's end, or where it was seen to be none
    return spans


def _without_script_props(tag: str) -> str:
    """`tag` without its props whose values are JavaScript no text can show (an object, an
    array, a call): those left are plain ones, as `_JSX_TAG` wrote them."""
    out, done = [], 0
    while found := _SCRIPT_PROP.search(tag, done):
        end = _tag_end(tag, found.end() - 1, closing="}")
        if end < 0:
            break
        out.append(tag[done : found.start()])
        done = end
    return "".join(out) + tag[done:]


def _tag_end(text: str, at: int, closing: str = ">") -> int:
    """Where the tag whose name ends at `at` ends (after its ">"), its quoted values and
    {expressions} read over; or, negated, where it was seen to be no tag: at a "<" that
    comes first (maybe another's start), or _LONGEST_TAG characters on. With `closing="}"`
    from a "{": where its expression ends."""
    quote, depth = "", 0
    last = min(len(text), at + _LONGEST_TAG)
    for index in range(at, last):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if closing == "}" and depth == 0:
                return index + 1
            depth = max(0, depth)
        elif depth == 0 and char == ">":
            return index + 1
        elif depth == 0 and char == "<":
            return -index
    return -last


_TAB_ITEM = re.compile(r"<TabItem\b([^<>]*)>")


def _labelled(found: re.Match[str], labels: dict[str, str]) -> str:
    """A <TabItem value="apple"> without a label, with the one its <Tabs> gave "apple"."""
    given = _plain_attributes(found[1])
    if given.get("label") or given.get("value") not in labels:
        return found[0]
    label = labels[given["value"]].replace('"', "&quot;")
    return f'<TabItem label="{label}"{found[1]}>'


# A line of a component's tags alone (`<Tabs>`, `  <TabItem value="es" label="Español">`,
# `</TabItem>`), or starting with one (`<Callout title="Join us">Meetings…`)
_TAG_LINE = re.compile(r"^[ \t]*(?:</?[A-Z][\w.]*\b[^<>]*>[ \t]*)+$")
_OPENING_AT_START = re.compile(r"^[ \t]*<([A-Z][\w.]*)\b([^<>]*)>")


def _boxes_opened(prose: str, depth: int = 0) -> tuple[str, int]:
    """`prose` with the components that hold paragraphs (Docusaurus' `<Tabs>` of
    `<TabItem label="…">`, a `<Callout title="…">`) drawn as they show: each title a bold
    line above what it holds, and their tags on lines of their own made paragraph breaks,
    what they hold unindented (MDX reads no indented code). The tags and what they held
    were one paragraph, "Strike on Monday. Huelga el lunes.", without a word of which
    tab was which language; indented, it would have been code. `depth`: how many
    components are open where it starts; returned, where it ends."""
    held: list[tuple[str, str, str]] = []  # inside a component since its last line of tags
    out: list[str] = []  # and what comes before and after each, once it is unindented

    def let_go() -> None:
        if held:
            unindented = textwrap.dedent("\n".join(line for _, line, _ in held)).split("\n")
            pieces = zip(held, unindented, strict=True)
            out.extend(before + line + after for (before, _, after), line in pieces)
            held.clear()

    for line in prose.split("\n"):
        whole = _TAG_LINE.match(line)
        opening = _OPENING_AT_START.match(line)
        before = after = ""
        if opening and (whole or line.rstrip().endswith(f"</{opening.group(1)}>")):
            before, after = title_line(_title(opening.group(2))) or "\n", "\n"  # a block
        if whole:
            let_go()
            out.append(before)
            depth = max(0, depth + line.count("<") - 2 * line.count("</") - line.count("/>"))
        elif depth:
            held.append((before, line, after))
        else:
            out.append(before + line + after)
    let_go()
    return "\n".join(out), depth


def _title(attributes: str) -> str:
    """The title a component shows above what it holds: its title=, label=, header=…"""
    return named_title(_plain_attributes(attributes))


def _plain_attributes(attributes: str) -> dict[str, str]:
    """A tag's attributes given in quotes, by name."""
    return {key: a or b for key, a, b, _ in _ATTRIBUTE.findall(attributes)}


def _front_matter_value(found: re.Match[str], meta: Mapping[str, Any], printed: set[str]) -> str:
    """`{frontmatter.key}` as the site prints it: the value as text (its `*` and `<` as
    written), a list's items joined by commas and a bool in lower case as JavaScript
    prints them; as written, to be said, when the front matter has no such key or gives
    a table."""
    if found.group(1) not in meta:
        return found.group(0)
    shown = _as_javascript_prints(meta[found.group(1)])
    if shown is None:
        return found.group(0)
    printed.add(found.group(1))
    return escaped_markdown(shown)


def _as_javascript_prints(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        items = [_as_javascript_prints(item) for item in value]
        return None if None in items else ",".join(item or "" for item in items)
    return None if isinstance(value, Mapping) else str(value)


def _component(name: str, attributes: str, imported: Mapping[str, str]) -> str | None:
    """What a self-closed component stands for in Markdown (None: publisher does not know
    it)."""
    given: dict[str, str] = {}
    for key, double, single, expression in _ATTRIBUTE.findall(attributes):
        given[key] = double or single or imported.get(expression, "")
    short = name.rsplit(".", 1)[-1]
    src = given.get("src", "")
    if src and (short in _PICTURES or _PICTURE_FILE.search(src.split("?")[0])):
        caption = given.get("caption") or given.get("title") or ""
        return picture_markdown(src, caption, given.get("alt", ""))
    if short in _VIDEOS:
        keys, page = _VIDEOS[short]
        video = next((given[key] for key in keys if given.get(key)), "")
        if video.startswith(("http://", "https://")):
            return f"<{video}>"
        if video:
            return f"<{page.format(video)}>"
    return None


def _expression_in_prose(
    parts: list[str], tags: list[list[tuple[int, int]]]
) -> tuple[int, int] | None:
    """Where the first {expression} of the prose (not in code, nor in a tag: `tags`, each
    prose's opening tags) is, in the text `parts` make: its start and end."""
    offset = 0
    for index, part in enumerate(parts):
        if index % 2 == 0:
            blanked = _tags_blank(part, tags[index // 2])
            prose = _TAG_OR_CODE_SPAN.sub(lambda m: _blank(m.group(0)), blanked)
            if found := _EXPRESSION.search(prose):
                return offset + found.start(), offset + found.end()
        offset += len(part)
    return None


def _tags_blank(prose: str, spans: list[tuple[int, int]]) -> str:
    """`prose` with its components' opening tags (at `spans`) blanked, their lines kept."""
    return _spans_replaced(prose, spans, lambda start, end: _blank(prose[start:end]))


def _spans_replaced(
    prose: str, spans: list[tuple[int, int]], written: Callable[[int, int], str | None]
) -> str:
    """`prose` with each of its `spans` (in order, apart) replaced by what `written` makes
    of it (its start and end); one it makes None of stays as it is."""
    pieces, done = [], 0
    for start, end in spans:
        if (replaced := written(start, end)) is not None:
            pieces += [prose[done:start], replaced]
            done = end
    return "".join(pieces) + prose[done:]


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)
