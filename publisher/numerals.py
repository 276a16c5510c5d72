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
numbers of notes and of numbered lists (an author types "1.", "2." because Markdown, like
Word's numbering, makes a list so: the numbers are the list's). The digits an author typed
in the text are theirs.
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


def typed_counter_style(number: str) -> str:
    """The CSS counter style that counts in the digits `number` is typed in: "arabic-indic"
    for "١٢", "decimal" for "12" or for digits no counter style of both engines has. A
    list an author numbered "١." "٢." keeps those digits, whatever its language's."""
    zero = chr(ord(number[0]) - int(number[0])) if number[:1].isdecimal() else "0"
    return next((style for digit, style in _SYSTEMS.values() if digit == zero), "decimal")


COUNTER_STYLES = tuple(style for _, style in _SYSTEMS.values())


def in_counter_digits(number: str, style: str) -> str:
    """`number` in the digits the counter style `style` (one of COUNTER_STYLES) counts in:
    where no CSS counts, as pandoc's plain text, a list keeps the digits it shows."""
    zero = next((digit for digit, named in _SYSTEMS.values() if named == style), "0")
    return number.translate(str.maketrans(_LATIN, "".join(chr(ord(zero) + n) for n in range(10))))


# Pandoc's notes in a sanitised body: each call's number
_NOTE_CALL = re.compile(r'(<a href="#[^"]*" class="footnote-ref"[^>]*><sup>)(\d+)(</sup></a>)')


def with_note_numbers_in_digits(body: str, language: str) -> str:
    """`body` (sanitised HTML) with its notes' calls, and its numbered lists (its notes'
    among them), numbered in `language`'s digits, as the web page, the email and the EPUB
    show them (the PDF numbers its notes itself, print-base.css)."""
    if counter_style(language) != "decimal" and "footnote-ref" in body:
        body = _NOTE_CALL.sub(lambda c: f"{c[1]}{in_digits(c[2], language)}{c[3]}", body)
    if "<ol" not in body or (counter_style(language) == "decimal" and "lang=" not in body):
        return body
    return with_lists_in_digits(body, language)


def with_lists_in_digits(body: str, language: str) -> str:
    """`body` with each numbered list counted in the digits of its language (the nearest
    `lang` around it, else `language`), by an inline style (Gmail drops stylesheets): a
    Farsi list "۱. ۲." as the issue's pages and notes, where it read "1. 2.", while an
    English list quoted in it keeps 1, 2. A list in letters or Roman numerals (type="a",
    "i", or a style of its own) keeps them."""
    from .tree_edits import body_html, body_tree

    root = body_tree(body)
    counted = False
    for numbered in root.iter("ol"):
        style = counter_style(
            str(numbered.xpath("string(ancestor-or-self::*[@lang][1]/@lang)")) or language
        )
        own = numbered.get("style", "").strip().rstrip(";")
        if style == "decimal" or numbered.get("type", "1") != "1" or "list-style" in own:
            continue
        numbered.set(
            "style", f"{own}; list-style-type: {style}" if own else f"list-style-type: {style}"
        )
        counted = True
    return body_html(root) if counted else body


_LANG = re.compile(r'\slang="([A-Za-z0-9-]+)"')


def list_counter_styles(html: str) -> dict[str, str]:
    """Each language marked in `html` (lang="…") whose lists count in other digits than
    0–9, with their CSS counter style: the EPUB's stylesheet numbers its lists so, since
    pandoc drops the style `with_lists_in_digits` gave them."""
    styles = {language: counter_style(language) for language in set(_LANG.findall(html))}
    return {language: style for language, style in sorted(styles.items()) if style != "decimal"}
