"""What a screen reader user moves through an article by: its headings, each heard with its
level, and its links, listed by their words. A heading that skips a level ("Pay by grade"
at level 4 under "Results" at level 2) reads as part of a level that is not there (WCAG
1.3.1); a link whose words say nothing of where it leads ("click here", "aquí", "ici")
is one of a list of alike links (WCAG 2.4.4). Each is named with its line when the
document is read, with what to do: `publisher check` failed only the web page, at its
line in dist/, and said nothing of such links."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..textfiles import line_of, where, written_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

log = logging.getLogger(__name__)

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def say_skipped_levels(body: str, source: Path) -> None:
    """Warn of each heading of `body` more than one level below the heading before it (the
    first: below the highest level the document has), with its line when `source` is
    text. Going back up any number of levels is no skip."""
    if "<h" not in body:
        return
    from ..tree_edits import body_tree

    headings = [
        (int(h.tag[1]), " ".join(h.text_content().split()))
        for h in body_tree(body).iter(*_HEADINGS)
    ]
    if not headings:
        return
    text = written_text(source)
    highest = min(level for level, _ in headings)
    previous: int | None = None
    line = 1  # headings are found in the text in their order
    for level, words in headings:
        found = line_of(text, words, start=line) if text and words else None
        line = found or line
        allowed = (previous or highest - 1) + 1
        if level > allowed:
            log.warning(
                '%s: the heading "%s" is at level %d %s: screen reader users, who move'
                " through an article by its headings, hear a level skipped; make it level %d%s",
                where(source, found),
                words,
                level,
                f"under one at level {previous}" if previous else f"before any at level {highest}",
                allowed,
                _how_to_level(source, allowed),
            )
        previous = level


def say_tables_without_headers(body: str, source: Path) -> None:
    """Warn of each table of `body` with no header cell (<th>), by the words of its first
    row, at its line when `source` is text: its values are heard without their headings,
    and `publisher check` fails the PDF for it (PDF/UA, UA-15-003) naming no document."""
    if "<table" not in body:
        return
    from ..tree_edits import body_tree

    text = written_text(source)
    line = 1  # tables are found in the text in their order
    for table in body_tree(body).iter("table"):
        own = [cell for cell in table.iter("th", "td") if _table_of(cell) is table]
        if not own or any(cell.tag == "th" for cell in own):
            continue
        row = own[0].getparent()
        cells = [cell for cell in own if cell.getparent() is row]
        first = " ".join(own[0].text_content().split())
        found = line_of(text, first, start=line) if text and first else None
        line = found or line
        log.warning(
            '%s: the table that starts "%s" has no header row: screen reader users hear each'
            " value without its column's heading, and PDF/UA checks refuse it; give it a row"
            " of headings",
            where(source, found),
            " ".join(" ".join(cell.text_content().split()) for cell in cells),
        )


def _table_of(cell: HtmlElement) -> HtmlElement | None:
    """The table a cell is in (not one a table in it has)."""
    return next(cell.iterancestors("table"), None)


def _how_to_level(source: Path, level: int) -> str:
    """How a heading is given `level` in the kind of file `source` is (" (…)"), "" when
    not known."""
    suffix = source.suffix.lower()
    if suffix in (".md", ".markdown", ".txt", ".yaml", ".yml"):  # a manifest's editorial too
        return f" ({'#' * level} in Markdown)"
    if suffix in (".docx", ".doc", ".odt", ".rtf"):
        return f" (the Heading {level} style)"
    if suffix in (".html", ".htm"):
        return f" (<h{level}>)"
    return ""


# A link's words that say nothing of where it leads, in the interface's languages (English,
# Spanish, French, Arabic, Farsi) and a few more: as the whole of a link's words, casefolded,
# without the punctuation around them. Words that are more in another language ("hier",
# French for yesterday; "plus") are not among them, nor "link" alone, which a page that
# lists addresses may well say of each.
_VAGUE = frozenset(
    {
        *("here", "click here", "click", "this", "this link", "more", "read more"),
        *("learn more", "more info", "click here to read more", "go here"),
        *("aquí", "aqui", "haz clic aquí", "clic aquí", "pincha aquí", "pulsa aquí"),
        *("leer más", "más", "más información", "este enlace"),
        *("ici", "cliquez ici", "clique ici", "lire la suite", "en savoir plus", "ce lien"),
        *("klicken sie hier", "hier klicken", "weiterlesen", "clique aqui", "leia mais"),
        *("saiba mais", "clicca qui", "leggi di più"),
        *("هنا", "اضغط هنا", "انقر هنا", "اقرأ المزيد", "المزيد"),
        *("اینجا", "اینجا کلیک کنید", "کلیک کنید", "بیشتر بخوانید", "ادامه مطلب"),
    }
)
_AROUND = " .,:;!?…«»\"'()[]“”‘’¡¿،؛؟→›"


def say_vague_links(body: str, source: Path) -> None:
    """Warn of each link of `body` whose words say nothing of where it leads, with its line
    (found by its address) when `source` is text, and what to write instead."""
    if "<a" not in body:
        return
    from ..tree_edits import body_tree

    vague = [
        (link.get("href", ""), words)
        for link in body_tree(body).iter("a")
        if (words := " ".join(link.text_content().split())).strip(_AROUND).casefold() in _VAGUE
    ]
    text = written_text(source) if vague else ""
    for address, words in vague:
        log.warning(
            '%s: the link "%s" (%s) says nothing of where it leads to screen reader users,'
            " who hear a page's links listed by their words: link the words that say it"
            ' (not "click here": "the survey\'s method")',
            where(source, line_of(text, address) if text and address else None),
            words,
            address,
        )
