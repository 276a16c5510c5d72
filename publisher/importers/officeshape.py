"""The title, date and author of a Word or OpenDocument statement that has no properties
for them, read from its first and last paragraphs as an editor types them: a bold first
paragraph (or a heading) is the title; a date line under it (a letter's "Madrid, 3 de
marzo de 2026" too, as in a .txt: `dateline`), or a line ending in a date ("Statement of
the Dockside Workers' Network, 12 March 2026", which becomes the subtitle), the date; a byline under it ("By Ana Ruiz", "Written by …") the author; a
short name line closing the text, or a name over the signer's role ("Branch Secretary"),
is the signature (its author, kept in the body as plain-text signatures are).
"""

from __future__ import annotations

import copy
import datetime as dt

import lxml.html

from ..readers.bold_title import TITLE_MAX, bold_title, reads_as_title
from ..sanitize import element_text
from .draft import Draft
from .scripts import detect_language
from .textdates import (
    authors,
    closing,
    contact_details,
    credit,
    date_ending,
    dateline,
    letter_dateline,
    parse_date,
    place_and_date,
    posted_on,
    role,
    signature,
    signed_over_role,
    signed_under_closing,
)

_HEADINGS = ("h1", "h2", "h3")


def shape_from_body(draft: Draft) -> None:
    """Fill what the file's properties left empty in `draft` from its body."""
    root = lxml.html.fragment_fromstring(draft.body_html or "<p></p>", create_parent="div")
    blocks = [child for child in root if isinstance(child.tag, str)]
    if not draft.title and blocks and (title := _title(blocks[0])):
        draft.title = title
        root.remove(blocks.pop(0))
        draft.unsure = [u for u in draft.unsure if "no title property" not in u]
        draft.found["title from the first line"] += 1
    # A date line and a byline where the text opens, in either order, under its title
    # however that was found (a property, or a bold first line the reader took): the date
    # (when the line says more, the subtitle too), the author
    for _ in range(2):
        line = element_text(blocks[0]) if blocks and blocks[0].tag == "p" else ""
        only_a_date = dateline(line)
        if not draft.authors and (said := _byline(line)):
            draft.authors = authors(said[0])
            draft.date = draft.date or said[1]
            draft.found["byline"] += 1
        elif (when := _date_of(line)) and (only_a_date or not draft.subtitle):
            draft.date = draft.date or when
            if not only_a_date:  # more than a date: the line says what this is
                draft.subtitle = line
        else:
            break
        root.remove(blocks.pop(0))
    signed, signed_on = _without_signing_date(_without_contact_details(_without_notes(blocks)))
    if signed_on:
        draft.date = draft.date or signed_on
        draft.found["closing date"] += 1
    last_text = _signing_text(signed)
    if not draft.authors and (
        name := (_closes(signed) and signed_under_closing(_closing_lines(signed)))
        or signed_over_role(_signer_lines(signed))
    ):
        draft.authors = authors(name)
        draft.found["signature"] += 1
    elif not draft.authors and last_text and not role(last_text):
        found = signature(last_text)
        if found and not parse_date(last_text):
            draft.authors = authors(found[0])
            draft.date = draft.date or found[1]
            draft.found["signature"] += 1
    if not draft.language:
        language = detect_language(root.text_content())
        draft.language = "" if language == "und" else language
    draft.body_html = "".join(
        lxml.html.tostring(child, encoding="unicode")
        for child in root
        if isinstance(child.tag, str)
    )


def _closing_lines(blocks: list[lxml.html.HtmlElement]) -> list[str]:
    """A letter's closing as lines, whether typed as paragraphs (Enter) or as lines of one
    (Shift+Enter): from the last closing paragraph ("In solidarity,") to the end, or the
    last paragraph's lines, under the closing paragraph before it if there is one."""
    if len(lines := _lines(blocks[-1])) > 1:
        before = element_text(blocks[-2]) if len(blocks) > 1 and blocks[-2].tag == "p" else ""
        return [before, *lines] if closing(before) else lines
    texts = [element_text(block) for block in blocks[-4:] if block.tag == "p"]
    starts = [i for i, text in enumerate(texts) if closing(text)]
    return texts[starts[-1] :] if starts else []


def _lines(block: lxml.html.HtmlElement) -> list[str]:
    """A paragraph's lines, as typed with Shift+Enter."""
    block = copy.deepcopy(block)
    for br in block.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [line.strip() for line in block.text_content().split("\n") if line.strip()]


def _without_notes(blocks: list[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement]:
    """`blocks` without the footnotes the reader sets after the text: the text is signed
    over them."""
    end = len(blocks)
    while end > 1 and "footnotes" in blocks[end - 1].get("class", "").split():
        end -= 1
    return blocks[:end]


def _without_contact_details(blocks: list[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement]:
    """`blocks` without the paragraphs of addresses and telephone numbers they close with."""
    end = len(blocks)
    while end > 2 and blocks[end - 1].tag == "p" and contact_details(element_text(blocks[end - 1])):
        end -= 1
    return blocks[:end]


def _without_signing_date(
    blocks: list[lxml.html.HtmlElement],
) -> tuple[list[lxml.html.HtmlElement], dt.date | None]:
    """`blocks` without the paragraph of the date the text was signed on, under or over
    the signer's name ("Collectif Logement Paris" / "Paris, le 3 mars 2026"), or alone
    when it says it is a letter's ("Fait à Paris, le 3 mars 2026"); and that date."""
    if not _closes(blocks):
        return blocks, None
    over = element_text(blocks[-2]) if blocks[-2].tag == "p" else ""
    last = element_text(blocks[-1])
    named_over = signature(over) and not parse_date(over)
    if when := letter_dateline(last) or (named_over and (parse_date(last) or place_and_date(last))):
        return blocks[:-1], when
    if when := letter_dateline(over) or (signature(last) and parse_date(over)):
        return [*blocks[:-2], blocks[-1]], when
    return blocks, None


def _closes(blocks: list[lxml.html.HtmlElement]) -> bool:
    """Whether the text has a paragraph to sign under, a last one after its first."""
    return len(blocks) >= 2 and blocks[-1].tag == "p"


def _signing_text(blocks: list[lxml.html.HtmlElement]) -> str:
    """The last paragraph's text, without lines of contact details under a name; "" when
    other lines stay (a name over its role: `_signer_lines`), as their words joined are no
    one's name ("Ana Ruiz Secretary")."""
    lines = _last_lines(blocks)
    return lines[0] if len(lines) == 1 else ""


def _signer_lines(blocks: list[lxml.html.HtmlElement]) -> list[str]:
    """The lines a text is signed with: the last paragraph's, or, when that is one line,
    under the one-line paragraph over it (a name and a role typed with Enter)."""
    lines = _last_lines(blocks)
    if len(lines) == 1 and blocks[-2].tag == "p" and len(over := _lines(blocks[-2])) == 1:
        return [*over, *lines]
    return lines


def _last_lines(blocks: list[lxml.html.HtmlElement]) -> list[str]:
    """The last paragraph's lines, without the contact details under a name."""
    if not _closes(blocks):
        return []
    lines = _lines(blocks[-1])
    while len(lines) > 1 and contact_details(lines[-1]):
        lines.pop()
    return lines


def _title(block: lxml.html.HtmlElement) -> str | None:
    """The first block's text when it reads as a title: a heading, or a short paragraph
    all in bold."""
    if block.tag in _HEADINGS:
        return text if reads_as_title(text := element_text(block)) else None
    return bold_title(block)


def _date_of(line: str) -> dt.date | None:
    """The date a line is ("Published 3 March 2026" too), or ends with after a comma, a bar
    or a dash; None otherwise."""
    if len(line) > TITLE_MAX:
        return None
    return parse_date(line) or posted_on(line) or date_ending(line)


def _byline(line: str) -> tuple[str, dt.date | None] | None:
    """A byline's name or names, and its date if it gives one ("By Ana Ruiz | 3 March
    2026", "Written by Ana Ruiz and Marc Dupont"), in a line short enough to be one."""
    return None if len(line) > TITLE_MAX else credit(line)
