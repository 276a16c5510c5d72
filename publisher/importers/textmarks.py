"""A line of pasted text as inline HTML: stray tags kept for the sanitiser, messaging
apps' *bold*, _italic_ and ~struck~ marks and Markdown's **bold** and [links](…) made so;
and a line's words without its tags or marks, as a title or a date is read from it.
"""

from __future__ import annotations

import bisect
import html
import re

import lxml.etree
import lxml.html

from ..readers.redirects import text_without_redirects
from ..sanitize import unknown_tags_as_text


def inline(text: str) -> str:
    """Text as it came, with stray inline tags kept (the sanitiser keeps harmless ones),
    WhatsApp's and Telegram's *bold*, _italic_ and ~struck~ marks and Markdown's **bold**
    made so. A lone '<' or '&' in prose stays text when the HTML is parsed. Addresses stay
    as written, but for those through a mail scanner's or a site's redirect, written as the
    address they lead to (`readers.redirects`); reading the document makes them links
    (`readers.addresses`)."""
    return _marked(text_without_redirects(text))


def html_written(lines: tuple[str, ...]) -> bool:
    """Whether a block's lines are HTML written out, as a site's editor shows a post's
    source ("<h2>Our demands</h2>", "<ul>", "<li>Repairs</li>", "</ul>"): its first line
    opens with a block's tag and its last ends with one. Joined with line breaks and set
    in a paragraph, as the lines of a text are, they made a list of breaks between its
    items (no list holds a break) and empty paragraphs round each block."""
    return bool(_OPENS_BLOCK.match(lines[0]) and _CLOSES_BLOCK.search(lines[-1]))


def written_html(lines: tuple[str, ...]) -> str:
    """The lines `html_written` tells of as the HTML they are (the sanitiser keeps its
    harmless tags); a page's <head> (its title, a tab's words, not the page's) left out."""
    return _HEAD.sub("", "\n".join(map(inline, lines)))


_BLOCK_TAG = (
    r"</?(?:h[1-6]|p|div|ul|ol|li|blockquote|table|thead|tbody|tfoot|tr|td|th|figure|"
    r"figcaption|section|article|aside|pre|dl|dt|dd|hr|html|head|body)\b[^<>]*>"
)
# (html, head and body too: a page's source pasted whole under a text, as it came)
_OPENS_BLOCK = re.compile(rf"\s*(?:{_BLOCK_TAG}|<!doctype\b)", re.IGNORECASE)
_HEAD = re.compile(r"<head\b.*?(?:</head>|(?=<body\b))", re.IGNORECASE | re.DOTALL)
_CLOSES_BLOCK = re.compile(rf"{_BLOCK_TAG}\s*$", re.IGNORECASE)


# WhatsApp's and Telegram's marks, which a message copied out of them keeps: *bold*,
# _italic_, ~struck~; a mark inside a word (snake_case, 5*3) is not one.
_MARKS = {"*": "strong", "_": "em", "~": "s"}


_MARK = re.compile(r"(?<![\w*_~])([*_~])(?=[^\s*_~])([^\n]*?[^\s*_~])\1(?![\w*_~])")
# Markdown's, Slack's and Discord's **bold** and __bold__, which text copied out of them (or
# out of a chatbot's answer) keeps
DOUBLED = re.compile(r"(?<![\w*_])(\*\*|__)(?=[^\s*_])([^\n]*?[^\s*_])\1(?![\w*_])")


# A link as Markdown writes it, to a web or mail address: "[the petition](https://…)", as
# text written in a Markdown editor or a chatbot's answer keeps it (a picture's "![…](…)"
# is none)
MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\(((?:https?://|mailto:)[^\s()<>\"]+)\)")


# What is never read for marks: a Markdown link's address, and an address typed bare
_ADDRESSED = re.compile(rf"{MARKDOWN_LINK.pattern}|(?:https?://|www\.)[^\s<>\"]+")
# Where an address stands while the marks round it are read: noncharacters, which no text
# holds (`controls` takes them out)
_HELD = re.compile("\ufdd0(\\d+)\ufdd1")


def _marked(text: str) -> str:
    """(A model letter's "<Name>" is a placeholder to keep, not a tag: see sanitize.) An
    address is never read for marks ("https://…/_draft_/…" lost its underscores), but
    the marks round it are ("*Sign: https://…*"): it is held out of the text meanwhile. A
    bare address ends before the marks after it when its line opened one of them earlier
    ("_see https://…/info_": the link went to "…/info_")."""
    text = _HELD.sub("", text)
    openings: dict[str, int] = {}  # where each mark first opens
    for opening in _SINGLE_OPENING.finditer(text):
        openings.setdefault(opening[1], opening.start())
    held: list[str] = []

    def hold(found: re.Match[str]) -> str:
        address, after = found[0], ""
        if found[2]:  # a Markdown link
            address = f'<a href="{html.escape(found[2])}">{_styled(found[1])}</a>'
        elif (bare := address.rstrip("*_~")) != address and openings.get(
            address[len(bare)], len(text)
        ) < found.start():
            address, after = bare, address[len(bare) :]
        held.append(address)
        return f"\ufdd0{len(held) - 1}\ufdd1{after}"

    styled = _styled(_ADDRESSED.sub(hold, text))
    return unknown_tags_as_text(_HELD.sub(lambda found: held[int(found[1])], styled))


def _styled(text: str) -> str:
    marked = _paired(text, _DOUBLED_OPENING, _DOUBLED_CLOSINGS, {"**": "strong", "__": "strong"})
    return _paired(marked, _SINGLE_OPENING, _SINGLE_CLOSINGS, _MARKS)


# `DOUBLED`'s and `_MARK`'s openings, and the closing of each of their marks
_DOUBLED_OPENING = re.compile(r"(?<![\w*_])(\*\*|__)(?=[^\s*_])")
_DOUBLED_CLOSINGS = {m: re.compile(rf"(?<=[^\s*_]){re.escape(m)}(?![\w*_])") for m in ("**", "__")}
_SINGLE_OPENING = re.compile(r"(?<![\w*_~])([*_~])(?=[^\s*_~])")
_SINGLE_CLOSINGS = {m: re.compile(rf"(?<=[^\s*_~]){re.escape(m)}(?![\w*_~])") for m in "*_~"}


def _paired(
    text: str, opening: re.Pattern[str], closings: dict[str, re.Pattern[str]], tags: dict[str, str]
) -> str:
    """`text` with each mark `opening` finds, up to the first closing of it on its line,
    made the element `tags` names for it: what `DOUBLED.sub` or `_MARK.sub` makes, in time
    linear in `text`. (From each opening that nothing closed, the pattern looked for a
    closing to the line's end: 8 s for a line of 60 kB of "_a ".)"""
    closed_at = {
        mark: [c.start() for c in closing.finditer(text)] for mark, closing in closings.items()
    }
    line_ends = [end.start() for end in re.finditer("\n", text)]
    pieces, done, at = [], 0, 0
    while found := opening.search(text, at):
        mark, start = found[1], found.end()
        ends = closed_at[mark]
        closing = bisect.bisect_left(ends, start)
        line_end = bisect.bisect_left(line_ends, start)
        if closing == len(ends) or (
            line_end < len(line_ends) and line_ends[line_end] < ends[closing]
        ):
            at = found.start() + 1
            continue
        end, tag = ends[closing], tags[mark]
        pieces += [text[done : found.start()], f"<{tag}>{text[start:end]}</{tag}>"]
        done = at = end + len(mark)
    return "".join([*pieces, text[done:]])


# A heading marked as Markdown marks it ("## Our demands"), as text written in a Markdown
# editor, a chat or a chatbot's answer keeps it; "#HuelgaGeneral", a hashtag, has no space
MARKDOWN_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*?)(?:[ \t]+#+)?$")


def unmarked(text: str) -> str:
    """A line wholly in one messaging mark (`*COMMUNIQUÉ*`, `**Our demands**`) without it,
    and without a Markdown heading's mark (`## Our demands`)."""
    line = text.strip()
    if heading := MARKDOWN_HEADING.match(line):
        line = heading[2]
    match = DOUBLED.fullmatch(line) or _MARK.fullmatch(line)
    return match[2] if match else line if heading else text


def untagged(text: str) -> str:
    """A line's words without the tags round or in them ("<b>Strike!</b>", "<em>Published 4
    March 2026</em>", as copied out of a page's source or a site's editor), as its title or
    date is read; a model letter's "<Name>" stays, as the words it is."""
    if "<" not in text:
        return text
    # A document's own tags ("<html><head>…", HTML source pasted as text) hold no words,
    # and lxml finds no fragment in a line of them
    markup = _DOCUMENT_TAGS.sub("", unknown_tags_as_text(text))
    try:
        line = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, lxml.etree.ParserError):  # a control character, which no HTML
        return text  # holds, or no fragment ("<!DOCTYPE" cut short): no tags to take out
    return " ".join(line.text_content().split())


_DOCUMENT_TAGS = re.compile(r"<!doctype[^>]*>?|</?(?:html|head|body)\b[^>]*>", re.IGNORECASE)
