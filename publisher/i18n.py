"""Interface strings and dates in the reader's language: gettext catalogues (Babel .po files
in publisher/locale/<lang>/LC_MESSAGES/publisher.po) and CLDR date formats.

The language follows what is being rendered (an Arabic issue gets Arabic navigation, dates
and a right-to-left layout), so templates call `_()` and `|long_date` without passing it.
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

import regex

from .numerals import in_digits, numbering_system

LOCALE_DIR = Path(__file__).with_name("locale")
SOURCE_LANGUAGE = "en"  # the templates are written in English
_current: ContextVar[str] = ContextVar("interface_language", default=SOURCE_LANGUAGE)
_newsletter: ContextVar[str] = ContextVar("newsletter_language", default="")
# publisher.toml's `calendar`: "solar-hijri" writes Farsi dates in Iran's calendar, as its
# readers date their days; "gregorian" writes every date in the Gregorian calendar.
CALENDARS = ("solar-hijri", "gregorian")
_calendar: ContextVar[str] = ContextVar("newsletter_calendar", default=CALENDARS[0])
# The Solar Hijri months as the CLDR names them in Farsi (Babel has only Gregorian months)
SOLAR_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip


def available_languages() -> list[str]:
    """Languages with a catalogue, plus the source language."""
    return sorted(
        {SOURCE_LANGUAGE, *(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())}
    )


def base_language(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def reading_language(code: str) -> str:
    """What a reader reads: 'en-GB' and 'en' are English, 'es-419' Spanish; a script
    is kept ('sr-Latn', 'zh-Hant'), as a reader of one may not read the other."""
    from babel.core import parse_locale

    try:
        parts = parse_locale(code.replace("_", "-"), sep="-")  # language, region, script, …
    except ValueError:  # not a tag Babel can take apart: its language subtag is still first
        return base_language(code)
    language, script = parts[0], parts[2]
    return f"{language}-{script}" if script else language


@contextmanager
def interface_language(code: str) -> Iterator[None]:
    """Render in `code` (a BCP 47 tag: catalogues by its language, dates by its region too)."""
    token = _current.set(code.replace("_", "-"))
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def newsletter_language(code: str) -> Iterator[None]:
    """Render for a newsletter written in `code` (its publisher.toml's `language`): the
    region a text in that language but of no region of its own is dated in (`_regional`),
    whatever the language of the edition around it."""
    token = _newsletter.set(code.replace("_", "-"))
    try:
        yield
    finally:
        _newsletter.reset(token)


@contextmanager
def newsletter_calendar(name: str) -> Iterator[None]:
    """Render for a newsletter whose dates are in the calendar `name` (one of CALENDARS)."""
    token = _calendar.set(name)
    try:
        yield
    finally:
        _calendar.reset(token)


def current_language() -> str:
    return _current.get()


def current_catalogue_language() -> str:
    return base_language(_current.get())


def babel_locale(code: str | None = None) -> str:
    """Babel's spelling of a BCP 47 tag: 'en-GB' → 'en_GB'."""
    return (code or current_language()).replace("-", "_")


def open_graph_locale(code: str, newsletter: str = "") -> str:
    """`code` as Open Graph names a locale, language_TERRITORY (es_ES): a bare language
    ("es") is flagged by Facebook's sharing debugger. Its own region, else the newsletter's
    for the same language (en in an en-GB newsletter: en_GB), else the one CLDR's likely
    subtags give (es → es_ES, ar → ar_EG); "" for a language Babel cannot place."""
    from babel.core import Locale, UnknownLocaleError, get_global

    likely = get_global("likely_subtags")
    language = base_language(code)
    same = [t for t in (code, newsletter) if t and base_language(t) == language]
    for tag in [*same, *(likely.get(babel_locale(t)) or "" for t in same), likely.get(language)]:
        try:
            locale = Locale.parse(babel_locale(tag)) if tag else None
        except (ValueError, UnknownLocaleError):
            continue
        if locale and locale.territory and locale.territory.isalpha():
            return f"{locale.language}_{locale.territory}"
    return ""


@cache
def _translations(language: str) -> gettext_module.NullTranslations:
    """The compiled catalogue for `language` (compiled in memory: no build step for .mo files)."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / "publisher.po"
    if not po.is_file():
        return gettext_module.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)


def gettext(message: str) -> str:
    return _translations(current_catalogue_language()).gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` as translated for `context` (msgctxt): the same English in two places
    that other languages word differently ("Welcome to %(title)s": a subscriber's, a
    new newsletter's first document)."""
    return _translations(current_catalogue_language()).pgettext(context, message)


def gettext_in(language: str, message: str) -> str:
    """`message` in `language` rather than the interface's: what sits inside a document's
    own text (its byline's separator), in the document's language."""
    return _translations(base_language(language)).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(current_catalogue_language()).ngettext(singular, plural, n)


def prepare(languages: Iterable[str]) -> None:
    """Load the catalogues and CLDR date formats of `languages` now: a build about to fork
    PDF workers, which date and label pages as the build's own outputs do, loads them once
    for all of its processes rather than once in each."""
    for language in languages:
        _translations(base_language(language))
        long_date(dt.date(2000, 1, 1), language)


def long_date(value: dt.date, language: str | None = None) -> str:
    """'May 1, 2026' (en), '1 May 2026' (en-GB), '1 de mayo de 2026', '1 mai 2026', '1 مايو 2026';
    in Farsi '۱۱ اردیبهشت ۱۴۰۵', Iran's calendar, unless the newsletter's `calendar` is
    Gregorian ('۱ مه ۲۰۲۶').
    A tag CLDR does not know is written as its language is ('de-XX' as 'de'), and one whose
    language it does not know either ('tlh') in English."""
    from babel import UnknownLocaleError
    from babel.dates import format_date

    tag = _regional(language) or current_language()
    if _calendar.get() == "solar-hijri" and _solar_hijri_dated(tag):
        return in_digits(_solar_hijri_date(value), tag)
    subtags = tag.replace("_", "-").split("-")
    for length in range(len(subtags), 0, -1):  # sr-Latn-XK, then sr-Latn, then sr
        try:
            locale = babel_locale("-".join(subtags[:length]))
            return in_digits(format_date(value, format="long", locale=locale), tag)
        except (UnknownLocaleError, ValueError, LookupError):
            continue
    return format_date(value, format="long", locale=SOURCE_LANGUAGE)


def _solar_hijri_dated(tag: str) -> bool:
    """Whether a text in `tag` is dated in Iran's calendar: Farsi, of Iran or of no region
    (Afghanistan names its months otherwise, and keeps the CLDR's Gregorian dates here)."""
    from babel.core import parse_locale

    try:
        language, region, *_ = parse_locale(tag.replace("_", "-"), sep="-")
    except ValueError:
        return False
    return language == "fa" and region in (None, "IR")


def _solar_hijri_date(value: dt.date) -> str:
    """'7 آذر 1405': the CLDR's Farsi long date ("d MMMM y") in the Solar Hijri calendar;
    convertdate counts the days, from the equinox as Iran's calendar does."""
    from convertdate import persian

    year, month, day = persian.from_gregorian(value.year, value.month, value.day)
    return f"{day} {SOLAR_MONTHS[month - 1]} {year}"


def number(value: int, language: str | None = None) -> str:
    """An integer (an issue's number) in the digits of `language` or the interface's."""
    return in_digits(str(value), language or current_language())


# The units a size is written in (decimal, as Jinja's filesizeformat has them), largest first
_SIZE_UNITS = (
    (1000**3, "digital-gigabyte"),
    (1000**2, "digital-megabyte"),
    (1000, "digital-kilobyte"),
)


def file_size(size: int, binary: bool = False, language: str | None = None) -> str:
    """A file's size as the interface language (or `language`) writes it: '46.7 kB' (en),
    '46,7 kB' (es), '46,7 ko' (fr), CLDR's units and decimal mark; under a kilobyte in
    words, '8 bytes', '8 octets'. Binary units, which CLDR does not name, are Jinja's
    ('45.6 KiB')."""
    from babel.core import UnknownLocaleError
    from babel.units import format_unit
    from jinja2.filters import do_filesizeformat

    if binary:
        return do_filesizeformat(size, binary=True)
    language = language or current_language()
    locale = babel_locale(language)
    digits = numbering_system(language)  # Farsi's 41٫8, and its digits below
    try:
        for base, unit in _SIZE_UNITS:
            if size >= base:
                written = format_unit(
                    size / base, unit, "short", "#,##0.0", locale, numbering_system=digits
                )
                break
        else:  # in words: CLDR's short English unit has no plural ("8 byte")
            written = format_unit(
                size, "digital-byte", "long", "#,##0", locale, numbering_system=digits
            )
        return in_digits(written, language)
    except (ValueError, LookupError, UnknownLocaleError):  # unknown to CLDR: as Jinja writes it
        return do_filesizeformat(size)


def _regional(language: str | None) -> str | None:
    """`language` as the issue's region writes it when it names none, else as the
    newsletter's does: an article in `en` in an en-GB newsletter is dated "18 February
    2026", as the rest of the issue, not in the American "February 18, 2026"; in its
    Spanish or Arabic edition too, whose own language says nothing of English's region."""
    if not language or "-" in language:
        return language
    for tag in (current_language(), _newsletter.get()):
        if base_language(tag) == language != tag:
            return tag
    return language


# Letters running against each direction, and the mark that restores it after them
_AGAINST = {"rtl": regex.compile(r"\p{bc=L}"), "ltr": regex.compile(r"[\p{bc=R}\p{bc=AL}]")}
_MARK = {"rtl": "\u200f", "ltr": "\u200e"}


def _closed(name: str, direction: str) -> str:
    """`name`, with a mark of `direction` (RLM, LRM) after it when it has letters running
    the other way: else what follows it joins its run. In an Arabic byline "Karim Benali،
    28 نوفمبر" ran as one left-to-right stretch, its day set between the names, and a
    second Latin name came before the first. Marks hold in the plain-text email and in any
    mail program, not only where HTML's isolation (<bdi>) is kept."""
    return name + _MARK[direction] if _AGAINST[direction].search(name) else name


def format_list(items: Iterable[str], language: str | None = None) -> str:
    """'A and B', 'A, B and C' (en), 'A y B' (es), 'A et B' (fr), 'A و B' (ar): names joined
    as the language joins them (CLDR list patterns), not with a bare comma; a name in
    letters running the other way keeps to its place (`_closed`)."""
    from babel import UnknownLocaleError
    from babel.lists import format_list as babel_format_list

    from .model import text_direction

    direction = text_direction(language or SOURCE_LANGUAGE)
    names = [_closed(name, direction) for name in items]
    try:
        return babel_format_list(names, locale=babel_locale(language))
    except (UnknownLocaleError, ValueError, LookupError):
        return babel_format_list(names, locale=SOURCE_LANGUAGE)
