"""Pandoc's endnotes → footnotes at the foot of the printed page.

Pandoc ends a body with `<section class="footnotes"><ol><li id="…fn1"><p>…</p></li>…`
and marks each call with `<a class="footnote-ref" href="#…fn1">`. For print, each note's
text moves to its call as `<span class="footnote">`, which the print stylesheet floats to
the page foot (`float: footnote`); the endnotes section then goes. A note holding block
content (a list, a quotation, a table) cannot live inside a line, so such a note, and its
call, stay as they are, at the end of the article.

Bodies are sanitised HTML serialised by html5ever (double-quoted attributes, no comments),
so these regular expressions see pandoc's markup exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SECTION = re.compile(r'<section id="[^"]*" class="footnotes[^"]*">(.*?)</section>\s*', re.S)
_ITEM = re.compile(r'<li id="([^"]+)">(.*?)</li>\s*(?=<li id="|</ol>)', re.S)
_BACK_LINK = re.compile(r'<a href="[^"]*" class="footnote-back"[^>]*>.*?</a>', re.S)
_BLOCK = re.compile(r"<(?:ul|ol|blockquote|pre|table|div|figure|h[1-6]|hr|dl|section)\b")
_CALL = '<a href="#{id}" class="footnote-ref"[^>]*>.*?</a>'


def footnotes_at_page_foot(body: str) -> str:
    """Move every inline-able pandoc endnote to its call, as a `span.footnote`."""
    section = _SECTION.search(body)
    if section is None:
        return body
    kept: list[str] = []
    for number, (note_id, content) in enumerate(_ITEM.findall(section.group(1)), start=1):
        text = _BACK_LINK.sub("", content).strip()
        call = re.compile(_CALL.format(id=re.escape(note_id)), re.S)
        if _BLOCK.search(text) or not call.search(body):
            kept.append(f'<li id="{note_id}" value="{number}">{content}</li>')
            continue
        inline = re.sub(r"</p>\s*<p>", " ", text).removeprefix("<p>").removesuffix("</p>")
        body = call.sub(_literally(f'<span class="footnote">{inline}</span>'), body)
    endnotes = f'<section class="footnotes"><ol>{"".join(kept)}</ol></section>' if kept else ""
    return _SECTION.sub(lambda _: endnotes, body, count=1)


def _literally(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for re.sub that is `text` as written: its backslashes are not escapes."""
    return lambda _: text
