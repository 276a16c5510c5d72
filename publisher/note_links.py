"""Pandoc's footnote links named for screen readers on the web and in the email.

Pandoc marks a call `<a class="footnote-ref"><sup>1</sup></a>`, each note's way back
`<a class="footnote-back">↩︎</a>` and the notes `<section class="footnotes">`: a screen
reader said "link, 1", "link, right arrow curving left" and nothing of the list of notes.
They get the roles the EPUB gives them (epub-notes.lua: doc-noteref, doc-backlink), the
way back is named by its note ("Back to note 1"), and the notes as a whole ("Notes"), in
the language the notes are written in, as a table's box is ("Table": templating.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import i18n
from .tree_edits import body_html, body_tree

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def notes_named(html: str) -> str:
    """`html` (an article, a body) with its footnotes' calls, links back and notes marked
    with their roles and named."""
    if "footnote-ref" not in html and "footnote-back" not in html:
        return html
    root = body_tree(html)
    calls = {}
    for call in _with_class(root, "a", "footnote-ref"):
        call.set("role", "doc-noteref")
        calls[call.get("id")] = call
    for back in _with_class(root, "a", "footnote-back"):
        call = calls.get((back.get("href") or "").removeprefix("#"))
        if call is None:
            continue
        number = call.text_content().strip()
        label = i18n.gettext_in(_language(back), "Back to note %(number)s")
        back.set("role", "doc-backlink")
        back.set("aria-label", label % {"number": number})
    for notes in _with_class(root, "section", "footnotes"):
        notes.set("role", "doc-endnotes")
        notes.set("aria-label", i18n.gettext_in(_language(notes), "Notes"))
    return body_html(root)


def _with_class(root: HtmlElement, tag: str, name: str) -> list[HtmlElement]:
    return [e for e in root.iter(tag) if name in (e.get("class") or "").split()]


def _language(element: HtmlElement) -> str:
    """The language `element` is written in: its nearest lang, else the interface's."""
    found = element.xpath("string(ancestor-or-self::*[@lang][1]/@lang)")
    return str(found) or i18n.current_language()
