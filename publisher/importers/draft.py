"""A draft: one document recovered from an input file (every importer makes them), and the
Markdown file it becomes for an editor to review: YAML front matter plus a body that pandoc
writes from the sanitised HTML (so escaping, lists and lang/dir spans are pandoc's)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..sanitize import clean_html
from ..sourcefile import dump_yaml


@dataclass
class Draft:
    """One document recovered from an input file, before it is written to the pool."""

    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    date: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    language: str = ""
    body_html: str = ""
    found: Counter[str] = field(default_factory=Counter)
    unsure: list[str] = field(default_factory=list)


def headings_too_long(title: str, subtitle: str, limit: int) -> tuple[str, str, list[str]]:
    """A title and subtitle as the build reads them (at most `limit` characters: a longer
    one is a paragraph set as a heading, or styled as Word's Title): each too long is ""
    and, in their order, among the paragraphs to open the text with (its words as
    written, spaces folded); one that fits stays."""
    long = [" ".join(words.split()) for words in (title, subtitle) if len(words) > limit]
    kept = [words if len(words) <= limit else "" for words in (title, subtitle)]
    return kept[0], kept[1], long


_WRITER = "markdown-smart-raw_html-native_divs-native_spans-header_attributes"
# The headings' ids are never written, and making each one unique took pandoc as the square
# of their number: 8,000 alike ("Share") took 11 s. A page's own ids are still read.
_READER = "html-auto_identifiers"
_BARE_LINKS = Path(__file__).with_name("bare-links.lua")  # a captioned picture's alt text kept
_SINGLE_EMPHASIS = Path(__file__).with_name("single-emphasis.lua")  # no `****bold****`
_UNCAPTIONED = Path(__file__).with_name("uncaptioned-pictures.lua")  # alt text is no caption
_HEADING_LINKS = Path(__file__).with_name("heading-links.lua")  # a contents' links still lead
# pandoc's paragraph between two lists (or a list and code) that would read as one, when it
# may not write the HTML comment pandoc's manual advises: a blank line in every output
_LIST_END = re.compile(r"^([ >]*)&nbsp;$", re.MULTILINE)
# A page break (a Word file's), written as a Markdown writer types one
_PAGE_BREAK = re.compile(r"^([ >]*)::: page-break\n[ >]*:::$", re.MULTILINE)
_FOOTNOTE_DIV = re.compile(r"^:{3,} footnote-definitions\n(.*?)^:{3,}\n?", re.MULTILINE | re.DOTALL)


# pandoc's notes (a Word or OpenDocument file's, a web page's): the roles by which pandoc's
# HTML reader knows them, which the sanitiser takes off. Without them, a note was imported
# as a superscript link to a numbered list at the end ("[^1^](#-fn1)") and never printed as
# a footnote.
_NOTE_ROLES = tuple(
    (
        re.compile(rf'<{tag}\b(?=[^>]*\sclass="(?:[^"]*\s)?{css_class}[\s"])'),
        f'<{tag} role="{role}"',
    )
    for tag, css_class, role in (
        ("a", "footnote-ref", "doc-noteref"),
        ("a", "footnote-back", "doc-backlink"),
        ("section", "footnotes", "doc-endnotes"),
    )
)


def body_markdown(body_html: str) -> str:
    from .. import pandoc

    html = clean_html(body_html)
    for pattern, tag in _NOTE_ROLES:
        html = pattern.sub(tag, html)
    markdown = pandoc.convert_text(
        html,
        _READER,
        _WRITER,
        [
            "--wrap=none",
            f"--lua-filter={_BARE_LINKS}",
            f"--lua-filter={_SINGLE_EMPHASIS}",
            f"--lua-filter={_UNCAPTIONED}",
            f"--lua-filter={_HEADING_LINKS}",
        ],
    )
    markdown = _FOOTNOTE_DIV.sub(lambda m: m.group(1), markdown)
    markdown = _LIST_END.sub(r"\1<!-- end of list -->", markdown)
    markdown = _PAGE_BREAK.sub(r"\1\\newpage", markdown)
    markdown = re.sub(r"⟦fndef(\d+)⟧ ?", r"[^\1]: ", markdown)
    # blank lines only: a picture that is no figure may end the text in "\ " (_UNCAPTIONED)
    return re.sub(r"⟦fn(\d+)⟧", r"[^\1]", markdown).strip("\n") + "\n"


def front_matter(meta: dict[str, Any]) -> str:
    kept = {key: value for key, value in meta.items() if value not in (None, "", [], {})}
    return "---\n" + dump_yaml(kept) + "---\n\n"
