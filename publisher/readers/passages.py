"""Paragraphs in another language in the same letters, marked with their language.

An English report followed by its Spanish translation, a French statement quoted whole in
a Spanish article: each such paragraph took its document's language, so print hyphenated
it by the other language's rules, its quotation marks were the document's, and a screen
reader read it in the document's voice. Each paragraph whose language py3langid is sure
of (`scripts.passage_language`), another than its document's, says so with `lang`: print
hyphenates it, `typography` sets its quotation marks and a screen reader speaks it in that
language. A name, a slogan or a heading in another language is too short for it to be sure
of, and stays in its document's; a text with no paragraph surely in its document's
language is wholly in another, which its document says (or, saying none, is read as:
`directions.language_told`), and no paragraph of it is marked. Paragraphs written the
other way are marked by `directions`, before this.
"""

from __future__ import annotations

from typing import Any

from ..i18n import base_language
from ..tree_edits import body_html, body_tree

# Blocks of text a paragraph of another language may be; one holding another block (a list
# item over its sub-list) is judged by those
_PASSAGES = ("p", "li", "dd", "td", "blockquote", "figcaption")
_BLOCKS = frozenset({*_PASSAGES, "ul", "ol", "dl", "div", "table", "section", "pre"})


def marked_languages(body: str, language: str) -> str:
    """`body` (sanitised HTML) with each paragraph in another language than `language`, in
    the same letters, marked with its `lang` (see the module's docstring); none when no
    paragraph is surely in `language`: the whole text is in another, and its document says
    which (`lang` in its front matter, or as its words tell: `directions.language_told`)."""
    from ..importers.scripts import CANDIDATES, passage_language

    own = base_language(language)
    if own not in CANDIDATES:
        return body
    root = body_tree(body)
    others, in_own = [], False
    for block in root.iter(*_PASSAGES):
        if _language_said(block) or any(child.tag in _BLOCKS for child in block):
            continue
        written_in = passage_language(block.text_content())
        if written_in and base_language(written_in) != own:
            others.append((block, written_in))
        in_own |= written_in is not None and base_language(written_in) == own
    if not (others and in_own):
        return body
    for block, written_in in others:
        block.set("lang", written_in)
    return body_html(root)


def _language_said(block: Any) -> bool:
    """Whether `block`, or a block around it, says its language already."""
    return block.get("lang") is not None or any(
        ancestor.get("lang") is not None for ancestor in block.iterancestors()
    )
