"""The title as most statements are typed in Word, LibreOffice or TextEdit: no title
property, no Title style, the first paragraph short and made bold. Read as the title when
the file names none, as `publisher import` has always guessed it, rather than left as a
bold paragraph under a title made of the file's name ("Statement final v2")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..sanitize import element_text

if TYPE_CHECKING:
    import lxml.html

TITLE_MAX = 160
WORD_PROCESSED = (".docx", ".odt", ".rtf")
_FIRST_PARAGRAPH = re.compile(r"\s*(<p\b[^>]*>.*?</p>)\s*", re.S)
# A paragraph holding pictures alone: a letterhead's logo above the title
_PICTURES_ALONE = re.compile(r"\s*<p\b[^>]*>\s*(?:<img\b[^>]*>\s*)+</p>", re.S)


def reads_as_title(text: str) -> bool:
    """Short enough for a title, and not a sentence or a lead-in ("Dear members,")."""
    return bool(text) and len(text) <= TITLE_MAX and not text.endswith((".", ",", ";", ":"))


def bold_title(block: lxml.html.HtmlElement) -> str | None:
    """`block`'s text when it is a paragraph all in bold that reads as a title (in one run
    or several: LibreOffice's italic words inside are runs of their own)."""
    text = element_text(block)
    plain = block.xpath(".//text()[normalize-space()][not(ancestor::strong or ancestor::b)]")
    return text if block.tag == "p" and not plain and reads_as_title(text) else None


def opening_bold_title(body_html: str) -> tuple[str, str] | None:
    """The title and the rest of the body, when the body opens with a bold title (under a
    logo, which stays) and goes on."""
    start = 0
    while pictures := _PICTURES_ALONE.match(body_html, start):
        start = pictures.end()
    first = _FIRST_PARAGRAPH.match(body_html, start)
    if first is None or "<strong" not in first.group(1) or not body_html[first.end() :].strip():
        return None
    import lxml.html  # only for a body that opens in bold

    title = bold_title(lxml.html.fragment_fromstring(first.group(1)))
    return (title, body_html[:start] + body_html[first.end() :]) if title else None


def without_lines_under_title(rest: str, lines: Sequence[str]) -> tuple[str, int]:
    """`rest`, the body under a bold title (`opening_bold_title`'s), without the paragraphs
    right under the title (under a logo) that read `lines`, in order, and how many of them
    there were: the file styled them as the title's subtitle, author and date."""
    start = 0
    while pictures := _PICTURES_ALONE.match(rest, start):
        start = pictures.end()
    end = start
    for taken, words in enumerate(lines):
        paragraph = _FIRST_PARAGRAPH.match(rest, end)
        if paragraph is None or _words(paragraph.group(1)) != words:
            return rest[:start] + rest[end:], taken
        end = paragraph.end()
    return rest[:start] + rest[end:], len(lines)


def _words(paragraph: str) -> str:
    import lxml.html

    return element_text(lxml.html.fragment_fromstring(paragraph))
