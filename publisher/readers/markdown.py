"""Markdown with front matter → HTML via pandoc's Markdown reader. The front matter, in
every form generators write it, is split off by publisher/front_matter.py.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, ClassVar

from .. import pandoc, textfiles
from ..arabic_shapes import read_in_order
from ..controls import clean_text
from ..errors import Problem, PublisherError
from ..front_matter import split_front_matter
from ..sanitize import NEVER_CLOSED_OPEN, formula_text
from .admonitions import admonitions_as_callouts, indented_admonitions_as_callouts
from .base import RawDocument
from .fenced_code import FENCED_CODE
from .liquid import without_liquid
from .merge_tags import without_merge_tags
from .notion_pages import page_front_matter
from .pad_marks import without_pad_marks
from .page_breaks import page_breaks_in_body_marked
from .pasted_tables import tab_separated_tables
from .reference_keys import say_reference_problems
from .shortcodes import without_shortcodes
from .typed_lists import markdown_as_meant, typed_lists
from .vault_queries import without_vault_queries
from .zola_shortcodes import without_zola_shortcodes

log = logging.getLogger(__name__)


class MarkdownReader:
    extensions: ClassVar[tuple[str, ...]] = (".md", ".markdown", ".mdx")

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        from ..importers.wp_shortcodes import shortcodes_as_text  # importers import readers

        text = document_text(path)
        front, body = split_front_matter(text, path)
        meta_source = front.parse(path) if front else None
        meta = meta_source.data if meta_source else {}
        if not front and (page := page_front_matter(body, path.name)) is not None:
            meta, body = page  # a Notion page, copied in as exported: its properties
        printed: set[str] = set()  # the front matter's keys its text prints
        first_line = text.count("\n", 0, len(text) - len(body)) + 1
        body = read_in_order(body, path, first_line)  # Arabic copied out of a PDF
        body = unclosed_comment_left_out(body, path, first_line)
        say_markup_left_out(body, path, first_line)
        say_links_typed_apart(body, path, first_line)
        body = without_merge_tags(body, path, first_line)  # *|FNAME|*: no one's name
        body = without_vault_queries(body, path, first_line)  # Obsidian's ```dataview
        if path.suffix.lower() == ".mdx":  # Astro's, Docusaurus's: Markdown with JSX
            from .mdx import markdown_of_mdx

            body = markdown_of_mdx(body, meta, path, first_line, printed)
        body = without_shortcodes(shallow_nesting(body, path), path, first_line, meta, printed)
        body = without_zola_shortcodes(body, path, first_line)  # before Liquid's `{{`, `{%`
        body = without_pad_marks(body)  # HedgeDoc's: before Liquid, whose `{%` they share
        body = shortcodes_as_text(body, path, first_line)  # WordPress', copied from its editor
        body = without_kramdown_attributes(without_liquid(body, path, first_line, meta, printed))
        body = indented_admonitions_as_callouts(admonitions_as_callouts(body))
        body = markdown_as_meant(more_marker_apart(tab_separated_tables(body)))
        said: list[str] = []
        html = pandoc.markdown_to_html(body, id_prefix=id_prefix, warnings=said)
        say_reference_problems(said, html, text, path)
        html = pandoc.page_breaks(page_breaks_in_body_marked(html))
        return RawDocument(meta, html, meta_source, frozenset(printed))


def editorial_markdown_html(text: str, id_prefix: str) -> str:
    """Markdown written outside any document (an issue's editorial, in its manifest or the
    composer) as HTML, read as a document's Markdown is: as its writer meant it, by
    pandoc's Markdown, and with its lists typed out as text made lists ("– the rota",
    "١. …"). Not yet sanitised."""
    return typed_lists(pandoc.markdown_to_html(markdown_as_meant(text), id_prefix=id_prefix))


# Hugo's, Jekyll's and WordPress's end of a post's summary on a line of its own: straight
# under a paragraph's line, CommonMark (Hugo's Goldmark) ends the paragraph there, and
# pandoc's Markdown did not: the text after it ran on in the summary's paragraph.
_MORE_LINE = re.compile(
    FENCED_CODE + r"|^[ \t]{0,3}(<!--more-->)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


def more_marker_apart(body: str) -> str:
    """`body` with a `<!--more-->` line a block of its own, between blank lines."""
    if "<!--" not in body:
        return body
    return _MORE_LINE.sub(lambda found: found.group(1) or f"\n{found.group(2)}\n", body)


# Kramdown's (Jekyll's Markdown) attribute lists, which pandoc would print: `{: .lead}` on
# a line of its own gives the block before it a class (or names a list of attributes:
# `{:refdef: style="…"}`); right after a span or a picture, `{: .muted}` gives it one.
# Hugo's Markdown (Goldmark) writes a block's the same way without the colon: `{.lead}`,
# `{#intro .lead}`, on the line under it (pandoc gives a line of its own no attributes).
# A one-item list marked `{:toc}` is where kramdown draws the page's contents: the issue's
# outputs have their own, and "• TOC" would be printed. Its extensions: `{::comment}…
# {:/comment}` (or `{:/}`) hides what it holds, from readers as an HTML comment would;
# `{::nomarkdown}…{:/}` and `{::options … /}` only say how to read the text.
# Fenced code is kept as written.
_KRAMDOWN = re.compile(
    FENCED_CODE + r"|\{::comment\}.*?\{:/(?:comment)?\}"  # an editor's note: not for readers
    r"|^[ \t]{0,3}(?:[*+-]|\d+\.)[ \t][^\n]*\n[ \t]{0,3}\{:\s*toc\s*\}[ \t]*(?:\n|$)"
    r"|^[ \t]{0,3}\{(?::|[.#][\w-])[^{}\n]*\}[ \t]*(?:\n|$)"  # a block's, or a list of them
    r"|(?<=\))\{:\s*([^{}\n]*)\}"  # a picture's or a link's: pandoc's attributes
    r"|(?<=[\]*_`])\{:[^{}\n]*\}"  # a span's
    r"|\{::\w+[^{}\n]*\}|\{:/\w*\}",  # an extension's marks, in a line
    re.MULTILINE | re.DOTALL,
)

_BLOCK_ATTRIBUTES = re.compile(r"^[ \t]{0,3}\{[.#]", re.MULTILINE)


def without_kramdown_attributes(body: str) -> str:
    """`body` without kramdown's `{: …}` attribute lists, but a picture's or a link's,
    which become pandoc's (`{.img-responsive width="300"}`: its width is kept), and
    without its comments, its contents' place and its extensions' marks."""
    if "{:" not in body and not _BLOCK_ATTRIBUTES.search(body):
        return body

    def written(found: re.Match[str]) -> str:
        if found.group(1):
            return found.group(1)
        return "{" + found.group(2) + "}" if found.group(2) else ""

    return _KRAMDOWN.sub(written, body)


_CODE_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~).*?^[ \t]{0,3}\1[ \t]*$", re.MULTILINE | re.DOTALL)
_COMMENT_OPEN = re.compile(r"<!--")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")


def unclosed_comment_left_out(body: str, path: Path, first_line: int) -> str:
    """`body` without the HTML comments that are never closed (`<!-- TODO: check with Ana`
    and no `-->`), each to the end of its paragraph, and a warning at each one's line:
    pandoc reads them as text, and the editor's private notes were printed in every
    output. Only their paragraphs go (a browser would hide all that follows): what comes
    after is text the editor meant to publish. Comments written in code are code."""
    if "<!--" not in body:
        return body
    code = [(m.start(), m.end()) for m in _CODE_FENCE.finditer(body)]
    kept: list[str] = []
    kept_from = position = counted_to = 0
    line, last_closing = first_line, body.rfind("-->")
    while opened := _COMMENT_OPEN.search(body, position):
        at, position = opened.start(), opened.end()
        if _in_code(body, at, code):
            continue
        closed = body.find("-->", position) if position <= last_closing else -1
        if closed != -1:
            position = closed + 3
            continue
        line, counted_to = line + body.count("\n", counted_to, at), at
        log.warning(
            "%s:%d: an HTML comment not closed: its paragraph is left out of the outputs"
            " (close it with -->)",
            *(path, line),
        )
        kept.append(before := body[kept_from:at])
        end = _PARAGRAPH_END.search(body, at)
        # a paragraph that was the comment goes with the blank line after it: two blank
        # lines in a row are a section break in plain text
        opens_it = not before.strip(" \t") or before.rstrip(" \t").endswith("\n\n")
        kept_from = position = (end.end() if opens_it else end.start()) if end else len(body)
    return "".join(kept) + (body[kept_from:] if kept_from < len(body) else "\n")


def say_markup_left_out(body: str, path: Path, first_line: int) -> None:
    """Warn, at its line, of HTML in `body` that the outputs show otherwise than written: a
    MathML formula (as its text, or left out: `sanitize.formulas_as_text`) and an element
    the sanitiser drops with its content that is never closed (its tag alone is left
    out, `sanitize.raw_text_closed`). HTML written in code is code."""
    if "<" not in body:
        return
    code = [(m.start(), m.end()) for m in _CODE_FENCE.finditer(body)]
    for found in NEVER_CLOSED_OPEN.finditer(body):
        if _in_code(body, found.start(), code):
            continue
        name, line = found[1].lower(), first_line + body.count("\n", 0, found.start())
        end = re.compile(rf"</{name}\s*>", re.I).search(body, found.end())
        if end is None and not found[3]:
            log.warning(
                "%s:%d: <%s> is never closed: the tag is left out and the text after it kept"
                " (close it with </%s>, or take it out)",
                *(path, line, name, name),
            )
        elif name == "math" and end is not None:
            text = formula_text(body[found.start() : end.end()])
            if text:
                log.warning(
                    "%s:%d: a formula in MathML shown as its text, %r: outputs show no MathML;"
                    " check it reads right",
                    *(path, line, text),
                )
            else:
                log.warning(
                    "%s:%d: a formula in MathML left out: outputs show no MathML; write it as"
                    " text (1/2) or show it as a picture",
                    *(path, line),
                )


# A link typed with a space between its words and its address ("[the petition]
# (https://…)"): Markdown reads no link there, and prints the brackets and the address
_LINK_APART = re.compile(r"\[([^\[\]\n]+)\][ \t]+\(((?:https?://|www\.|mailto:)[^()\s]*)\)")


def say_links_typed_apart(body: str, path: Path, first_line: int) -> None:
    """Warn, at its line, of each link typed with a space between `]` and `(`, with the
    link as it should be typed. Links written in code are code."""
    if "] (" not in body and "]\t(" not in body:
        return
    code = [(m.start(), m.end()) for m in _CODE_FENCE.finditer(body)]
    for found in _LINK_APART.finditer(body):
        if _in_code(body, found.start(), code):
            continue
        log.warning(
            "%s:%d: a link typed with a space before its address, %r: it is printed as typed;"
            " take the space out: [%s](%s)",
            *(path, first_line + body.count("\n", 0, found.start()), found[0], found[1], found[2]),
        )


def _in_code(body: str, at: int, fenced: list[tuple[int, int]]) -> bool:
    """Whether `at` is in fenced code, indented code, or between backticks on its line."""
    line_start = body.rfind("\n", 0, at) + 1
    return (
        any(start <= at < end for start, end in fenced)
        or body.startswith(("    ", "\t"), line_start)
        or body.count("`", line_start, at) % 2 == 1
    )


def document_text(path: Path, *, page: bool = False, line_breaks: bool = False) -> str:
    """A document's text as it is meant (UTF-8, or Unicode with a BOM, or a web `page` in
    the encoding it declares: `textfiles`), with LF line ends, no control characters (a
    line break typed as one, Word's Shift+Enter, a line's end with `line_breaks`)."""
    data = path.read_bytes()
    return clean_text(textfiles.decoded(data, path, page=page), path, line_breaks=line_breaks)


# Quotes or lists nested hundreds deep keep pandoc busy for minutes; nobody writes them.
QUOTE_DEPTH = 32
INDENT_COLUMNS = 64  # about 16 levels of list
_DEEP_QUOTE = re.compile(rf"^((?:[ \t]{{0,3}}>){{{QUOTE_DEPTH}}})(?:[ \t]{{0,3}}>)+", re.M)
_DEEP_INDENT = re.compile(rf"^[ \t]{{{INDENT_COLUMNS + 1},}}", re.M)


def shallow_nesting(body: str, path: Path) -> str:
    """`body` with quotes nested at most QUOTE_DEPTH deep and lines indented at most
    INDENT_COLUMNS (a warning says so)."""
    body, quotes = _DEEP_QUOTE.subn(r"\1", body)
    body, indents = _DEEP_INDENT.subn(" " * INDENT_COLUMNS, body)
    if quotes or indents:
        log.warning(
            "%s: quotes or lists nested too deep were flattened on %d line(s)",
            path,
            quotes + indents,
        )
    return body


def front_matter_fields(path: Path, language: str) -> tuple[dict[str, Any], list[Problem]]:
    """A Markdown document's fields (title, language, date, tags, draft…) read from its
    front matter by the build's rules, without pandoc, and the problems that stopped the
    reading (none); nothing for other formats, which need pandoc to be read."""
    from .metadata import document_fields, front_matter_as_read

    if path.suffix.lower() not in MarkdownReader.extensions:
        return {}, []
    try:
        front, _ = split_front_matter(document_text(path), path)
        parsed = front.parse(path) if front else None
        meta, source = front_matter_as_read(parsed.data if parsed else {}, parsed)
        return document_fields(meta, path, source, language), []
    except PublisherError as exc:
        return {}, exc.problems
