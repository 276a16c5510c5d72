"""Block tags a pasted text leaves about, from a post's source copied in part
("<blockquote>The strike began…" and no end tag): each set outside the paragraph its
lines make, and each one the text never closes ended with its own paragraph. Left as they
came, they made empty paragraphs round it, and the rest of the text one quotation, one
list item or one block of code, in the build and in `publisher import` alike."""

from __future__ import annotations

import re
from collections import Counter

# The elements that hold other blocks, which an HTML parser keeps open to the text's end
# (a <p>, <li>, <dt> or <td> ends at the next of its kind; a heading: `sanitize.headings_ended`)
_HOLDERS = (
    "blockquote|div|section|article|aside|header|footer|nav|main|center|ul|ol|dl|table"
    "|figure|pre|details"
)
# A paragraph's lines as `<p>…</p>` set them: the block tags its first line opens with and
# its last line ends with (a list's item among them; a paragraph's own <p> and </p> typed
# again too)
_OPENING = re.compile(
    rf"((?:(?:\s|<br\s*/?>)*<(?:p|li|dt|dd|{_HOLDERS})\b[^<>]*>)+)(?:\s|<br\s*/?>)*", re.IGNORECASE
)  # with the line breaks between its lines (`<br>`), which go with the tags
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_END_TAG = re.compile(rf"</(?:p|li|dt|dd|{_HOLDERS})\s*>", re.IGNORECASE)
HOLDER_START = re.compile(rf"<(?:{_HOLDERS})\b", re.IGNORECASE)
_HOLDER_TAG = re.compile(rf"<(/?)({_HOLDERS})\b[^<>]*>", re.IGNORECASE)
_PARAGRAPH_START = re.compile(r"<p\b[^<>]*>", re.IGNORECASE)
_DROPPED = re.compile(r"</?p\b[^<>]*>|<br\s*/?>", re.IGNORECASE)


def set_apart(part: str) -> str:
    """`part`, when a paragraph whose lines open or end with block tags, with those tags
    outside it ("<p><blockquote>The strike…</p>": "<blockquote><p>The strike…</p>"), and
    its own <p> or </p> typed again left out (a <p dir="rtl"> typed is its own start tag);
    any other part as it is."""
    if not (part.startswith("<p>") and part.endswith("</p>")):
        return part
    lines = part[len("<p>") : -len("</p>")]
    start, end = 0, len(lines)
    before, own = "", "<p>"
    if opening := _OPENING.match(lines):
        before, start = _DROPPED.sub("", opening[1]).strip(), opening.end()
        typed = _PARAGRAPH_START.findall(opening[1])
        own = typed[-1] if typed else own  # with its dir="rtl" or lang="es"
    end, ending = _end_tags(lines, start)
    if start == 0 and end == len(lines):
        return part
    kept = f"{own}{lines[start:end]}</p>" if end > start else ""
    return before + kept + "".join(ending)


def _end_tags(lines: str, start: int) -> tuple[int, list[str]]:
    """Where the block end tags `lines` ends with begin (with the breaks and spaces between
    and before them; its length when it ends with none), and those to keep, in order.
    Read from the last back: a search for their run from its start is quadratic."""
    ending: list[str] = []
    end = probe = len(lines)
    while probe > start:
        if lines[probe - 1].isspace():
            probe -= 1
            continue
        tag = lines.rfind("<", start, probe)
        if not lines.endswith(">", start, probe) or tag < 0:
            break
        if _END_TAG.fullmatch(lines, tag, probe):
            ending += [] if _DROPPED.match(lines, tag) else [lines[tag:probe]]
            end = -1  # one found: all from `probe` on goes
        elif not _BREAK.fullmatch(lines, tag, probe):
            break
        probe = tag
    return (probe if end < 0 else end), ending[::-1]


def left_open_closed(parts: list[str]) -> list[str]:
    """`parts` (a text's blocks as HTML, in order) with each block tag that no later part
    closes closed at the end of the part that opened it (`end_tags_owed`)."""
    ends = end_tags_owed(parts)
    return [part + end for part, end in zip(parts, ends, strict=True)]


def end_tags_owed(parts: list[str]) -> list[str]:
    """For each of `parts` (a text's paragraphs, in order), the end tags of the block tags
    it opens that no later part closes, innermost first. One closed outside it (a <div>
    opened round a <blockquote> never closed) did not close it either."""
    open_tags: list[tuple[int, int, str]] = []  # each holder open: its part, place, name
    unclosed: list[tuple[int, int, str]] = []
    open_by_name: Counter[str] = Counter()
    for index, part in enumerate(parts):
        for tag in _HOLDER_TAG.finditer(part):
            name = tag[2].lower()
            if not tag[1]:
                open_tags.append((index, tag.start(), name))
                open_by_name[name] += 1
                continue
            if not open_by_name[name]:  # an end tag with no start tag: the parser drops it
                continue
            while (inner := open_tags.pop())[2] != name:  # each entry popped once: linear
                unclosed.append(inner)
                open_by_name[inner[2]] -= 1
            open_by_name[name] -= 1
    ends: list[list[str]] = [[] for _ in parts]
    for index, _, name in sorted(unclosed + open_tags, reverse=True):  # innermost first
        ends[index].append(f"</{name}>")
    return ["".join(end) for end in ends]


def blocks_kept_apart(parts: list[str]) -> list[str]:
    """`parts` with stray block tags set apart from their paragraphs and closed where they
    were left open (`set_apart`, `left_open_closed`)."""
    return left_open_closed([set_apart(part) for part in parts])
