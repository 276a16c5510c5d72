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

import html
import re

import lxml.html
from lxml import etree

from ..tree_edits import drop_keeping_tail, with_class

_DASHES = ("—", "–", "-", "―", "~")
MARKS = ("<details", "<cite", "pullquote", "wp-block-verse")  # what a page holding any has


def drawn_blocks_written(root: lxml.html.HtmlElement) -> bool:
    """`root` with its pull quotes, verses, folded text and cited sources and titles
    written out, in place (see the module's docstring); whether it had any."""
    done = [edit(root) for edit in (_pull_quotes, _verses, _folds_open, _sources, _titles)]
    return any(done)


def _classed(root: lxml.html.HtmlElement, tag: str, name: str) -> list[lxml.html.HtmlElement]:
    found = root.xpath(with_class(name, tag))
    return list(found)


def _pull_quotes(root: lxml.html.HtmlElement) -> bool:
    pulled = _classed(root, "div", "pullquote")
    for quote in pulled:
        quote.tag = "blockquote"
    return bool(pulled)


def _verses(root: lxml.html.HtmlElement) -> bool:
    verses = _classed(root, "pre", "wp-block-verse")
    for verse in verses:
        _stanzas(verse)
    return bool(verses)


def _folds_open(root: lxml.html.HtmlElement) -> bool:
    folds = list(root.iter("details"))
    for details in folds:
        summary = details.find("summary")
        if summary is not None:
            words = " ".join(summary.text_content().split())
            paragraph = lxml.html.Element("p")
            if words:
                etree.SubElement(paragraph, "strong").text = words
            paragraph.tail = summary.tail
            details.replace(summary, paragraph)
        details.drop_tag()  # what it folds stays, where it is
    return bool(folds)


def _sources(root: lxml.html.HtmlElement) -> bool:
    """Each quote's closing <cite> a line "— Maria" of its own."""
    changed = False
    for quote in root.iter("blockquote"):
        children = [child for child in quote if isinstance(child.tag, str)]
        cite = children[-1] if children and children[-1].tag == "cite" else None
        if cite is None or not cite.text_content().strip():
            continue
        cite.tag = "p"
        changed = True
        if not cite.text_content().lstrip().startswith(_DASHES):
            cite.text = "— " + (cite.text or "").lstrip()
    return changed


def _titles(root: lxml.html.HtmlElement) -> bool:
    """Each <cite> left (a work's title, in a sentence) in italics."""
    cited = list(root.iter("cite"))
    for cite in cited:
        cite.tag = "em"
    return bool(cited)


def _stanzas(verse: lxml.html.HtmlElement) -> None:
    """The verse `verse` (a <pre>) as paragraphs, one a stanza, in its place: its lines
    ended by new lines or by <br> (as newer WordPress writes them), its emphasis kept."""
    words = html.escape(verse.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in verse
    )
    words = _BREAK.sub("\n", words)
    for stanza in re.split(r"\n[ \t]*\n", words):
        lines = [line.strip() for line in stanza.strip("\n").split("\n")]
        if any(lines):  # a block in a line (rare) ends its paragraph, and is kept
            for made in lxml.html.fragments_fromstring(f"<p>{'<br>'.join(lines)}</p>"):
                verse.addprevious(made)
    drop_keeping_tail(verse)


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
