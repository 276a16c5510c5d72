"""What a browser draws of a page's folded text and of a quote's source, written out, as
print and mail show them and as pandoc keeps them (it reads a <details> as its words
alone, its summary a plain paragraph, and a <cite> as bare words):

- a <details> (WordPress's details block, a theme's "Read more") → its summary, in bold,
  as a paragraph of its own, then what it folds: open;
- a <cite> closing a quote (WordPress's quote and pull quote blocks) → a line of its own,
  "— Maria", under the quote's words, which it no longer reads as one of;
- a <cite> in a sentence (a book's, a report's title) → in italics, as browsers set it;
- a verse kept in a <pre> for its lines (WordPress's verse block), which would be printed
  as code, in a fixed-width box → a paragraph a stanza, its lines broken where they were;
- a pull quote drawn from a <div> by its class (Substack's `pullquote`) → a quote: its
  words set apart, not one more paragraph repeating the text's.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..tree_edits import drop_keeping_tail

_DASHES = ("—", "–", "-", "―", "~")
MARKS = ("<details", "<cite", "pullquote", "wp-block-verse")  # what a page holding any has


def drawn_blocks_written(root: lxml.html.HtmlElement) -> bool:
    """`root` with its folded text open and its quotes' sources written as such, in place;
    whether it had any."""
    changed = False
    for pulled in root.xpath(
        ".//div[contains(concat(' ', normalize-space(@class), ' '), ' pullquote ')]"
    ):
        pulled.tag = "blockquote"
        changed = True
    for verse in root.xpath(
        ".//pre[contains(concat(' ', normalize-space(@class), ' '), ' wp-block-verse ')]"
    ):
        _stanzas(verse)
        changed = True
    for details in list(root.iter("details")):
        changed = True
        summary = details.find("summary")
        if summary is not None:
            words = " ".join(summary.text_content().split())
            paragraph = lxml.html.Element("p")
            if words:
                etree.SubElement(paragraph, "strong").text = words
            paragraph.tail = summary.tail
            details.replace(summary, paragraph)
        details.drop_tag()  # what it folds stays, where it is
    for quote in root.iter("blockquote"):
        children = [child for child in quote if isinstance(child.tag, str)]
        cite = children[-1] if children and children[-1].tag == "cite" else None
        if cite is None or not cite.text_content().strip():
            continue
        cite.tag = "p"
        changed = True
        if not cite.text_content().lstrip().startswith(_DASHES):
            cite.text = "— " + (cite.text or "").lstrip()
    for cite in list(root.iter("cite")):  # a work's title in a sentence: set in italics
        cite.tag = "em"
        changed = True
    return changed


def _stanzas(verse: lxml.html.HtmlElement) -> None:
    """The verse `verse` (a <pre>) as paragraphs, one a stanza, in its place."""
    text = verse.text_content()  # its emphasis is lost: a verse is rarely marked so
    stanzas = [s.strip("\n") for s in re.split(r"\n[ \t]*\n", text) if s.strip()]
    for stanza in stanzas:
        paragraph = lxml.html.Element("p")
        lines = stanza.split("\n")
        paragraph.text = lines[0].strip()
        for line in lines[1:]:
            etree.SubElement(paragraph, "br").tail = line.strip()
        verse.addprevious(paragraph)
    drop_keeping_tail(verse)
