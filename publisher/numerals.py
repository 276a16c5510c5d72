"""The digits a language's readers use, for the numbers publisher writes itself.

A Farsi reader writes and reads ۲۰۲۶, an Egyptian or a Saudi one ٢٠٢٦: the CLDR (through
Babel) names each locale's default numbering system: `arabext` (Persian digits) for Farsi
and Pashto, `arab` (Arabic-Indic) for the Arabic of Egypt, the Gulf, Iraq, the Levant and
Sudan and for Sorani, `latn` for the Arabic of the Maghreb and for `ar` without a region
(as CLDR 42 and later have it), and for English, Spanish, French. Babel writes dates and
sizes in Latin digits whatever the system (it changes only their separators), so the
digits are put in here; pages and notes are numbered by the CSS counter style of the same
digits, which WeasyPrint and Chromium both define.

Only the numbers publisher writes: an issue's number, dates, sizes, page numbers, the
numbers of notes. The digits an author typed are theirs, and so are the numbers of a list
they typed as "1.", "2.".
"""

from __future__ import annotations

import re
from functools import cache

# CLDR numbering system → its digit zero (the other nine follow it in Unicode) and the CSS
# counter style of the same digits. Systems without one in both engines stay Latin.
_SYSTEMS: dict[str, tuple[str, str]] = {
    "arab": ("\u0660", "arabic-indic"),
    "arabext": ("\u06f0", "persian"),
    "beng": ("\u09e6", "bengali"),
    "deva": ("\u0966", "devanagari"),
    "mymr": ("\u1040", "myanmar"),
    "tibt": ("\u0f20", "tibetan"),
}
_LATIN = "0123456789"


@cache
def _system(language: str) -> str:
    """The default numbering system of a BCP 47 tag, or of its language when CLDR does not
    know the whole tag ('fa-XX' as 'fa'); `latn` when it knows neither."""
    from babel import Locale, UnknownLocaleError

    subtags = language.replace("_", "-").split("-")
    for length in range(len(subtags), 0, -1):
        try:
            return Locale.parse("-".join(subtags[:length]), sep="-").default_numbering_system
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return "latn"


@cache
def _table(language: str) -> dict[int, int] | None:
    zero = _SYSTEMS.get(_system(language), (None, ""))[0]
    if zero is None:
        return None
    return str.maketrans(_LATIN, "".join(chr(ord(zero) + n) for n in range(10)))


def numbering_system(language: str) -> str:
    """The CLDR numbering system publisher writes `language`'s numbers in: its default, if
    publisher has its digits, else `latn` (so that separators and digits agree)."""
    system = _system(language)
    return system if system in _SYSTEMS else "latn"


def in_digits(text: str, language: str) -> str:
    """`text` (a number, a date, a size publisher wrote) with its digits in `language`'s."""
    table = _table(language)
    return text.translate(table) if table else text


def counter_style(language: str) -> str:
    """The CSS counter style that numbers pages, lists and notes in `language`'s digits."""
    return _SYSTEMS.get(_system(language), ("", "decimal"))[1]


# Pandoc's notes in a sanitised body: each call's number, and the list of the notes
_NOTE_CALL = re.compile(r'(<a href="#[^"]*" class="footnote-ref"[^>]*><sup>)(\d+)(</sup></a>)')
_NOTE_LIST = re.compile(r'(<section id="[^"]*" class="footnotes[^"]*">\s*(?:<hr>\s*)?<ol)>')


def with_note_numbers_in_digits(body: str, language: str) -> str:
    """`body` (sanitised HTML) with its notes' calls and their list numbered in `language`'s
    digits, as the web page, the email and the EPUB show them (the PDF numbers its notes
    itself, print-base.css)."""
    style = counter_style(language)
    if style == "decimal" or "footnote-ref" not in body:
        return body
    body = _NOTE_CALL.sub(lambda call: f"{call[1]}{in_digits(call[2], language)}{call[3]}", body)
    return _NOTE_LIST.sub(lambda notes: f'{notes[1]} style="list-style-type: {style}">', body)
