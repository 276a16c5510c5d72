"""Pandoc's endnotes → footnotes at the foot of the printed page.

Pandoc ends a body with `<section class="footnotes"><ol><li id="…fn1"><p>…</p></li>…`
and marks each call with `<a class="footnote-ref" href="#…fn1">`. For print, each note's
text moves to its call as `<span class="footnote">`, which the print stylesheet floats to
the page foot (`float: footnote`); the endnotes section then goes. A note holding block
content (a list, a quotation, a table) cannot live inside a line, so such a note, and its
call, stay as they are, at the end of the article; so does a note print found too long for
the page foot (WeasyPrint cannot run a footnote on over pages: see pdf.py).

Bodies are sanitised HTML serialised by html5ever (double-quoted attributes, no comments),
so these regular expressions see pandoc's markup exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_SECTION = re.compile(r'<section id="[^"]*" class="footnotes[^"]*">(.*?)</section>\s*', re.S)
_ITEM = re.compile(r'<li id="([^"]+)">(.*?)</li>\s*(?=<li id="|</ol>)', re.S)
_BACK_LINK = re.compile(r'<a href="[^"]*" class="footnote-back"[^>]*>.*?</a>', re.S)
_BLOCK = re.compile(r"<(?:ul|ol|blockquote|pre|table|div|figure|h[1-6]|hr|dl|section)\b")
_BACK_TO = re.compile(r'<a href="(#[^"]+)" class="footnote-back"')
_CALL = re.compile(r'<a href="#([^"]+)" class="footnote-ref"[^>]*>.*?</a>', re.S)


def without_back_links(body: str) -> str:
    """`body` without its notes' links back to their calls (the "↩︎" after each note): for
    text read apart from the page, a search result's excerpt, where there is no call."""
    return _BACK_LINK.sub("", body)


def footnotes_at_page_foot(body: str, at_end: Collection[str] = ()) -> str:
    """Move every inline-able pandoc endnote but those whose ids are `at_end` to its call,
    as a `span.footnote` whose `data-note` is the note's id (to find it in the layout).
    The calls are found and replaced in one pass over the body: a search of the whole body
    for each note's call took 3 s for a report of 4,000 notes, before any layout began."""
    section = _SECTION.search(body)
    if section is None:
        return body
    called = set(_CALL.findall(body))
    notes: dict[str, str] = {}  # a note's id: what its calls become
    kept: list[str] = []
    for number, (note_id, content) in enumerate(_ITEM.findall(section.group(1)), start=1):
        text = _BACK_LINK.sub("", content).strip()
        if _BLOCK.search(text) or note_id not in called or note_id in at_end:
            back = _BACK_TO.search(content)  # to its call, whose count print shows (data-call)
            call = f' data-call="{back.group(1)}"' if back else ""
            kept.append(f'<li id="{note_id}" value="{number}"{call}>{content}</li>')
            continue
        inline = re.sub(r"</p>\s*<p>", " ", text).removeprefix("<p>").removesuffix("</p>")
        notes[note_id] = f'<span class="footnote" data-note="{note_id}">{inline}</span>'
    body = _CALL.sub(lambda call: notes.get(call.group(1), call.group(0)), body)
    endnotes = f'<section class="footnotes"><ol>{"".join(kept)}</ol></section>' if kept else ""
    return _SECTION.sub(lambda _: endnotes, body, count=1)


def note_numbers(body: str) -> dict[str, int]:
    """Each pandoc note's id in `body`: its number, as its call prints it."""
    section = _SECTION.search(body)
    found = _ITEM.findall(section.group(1)) if section else []
    return {note_id: number for number, (note_id, _) in enumerate(found, start=1)}
