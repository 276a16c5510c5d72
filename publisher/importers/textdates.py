"""Recognising date lines, weekday headers, bylines and signatures in English, Spanish and
French, and date lines in Arabic and Farsi.

dateparser reads the dates; the rules here only decide whether a whole line *is* a date
(or ends in one), so that prose mentioning "7 December 2022" is never mistaken for one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache, lru_cache

import regex

from ..i18n import SOLAR_MONTHS

LANGUAGES = ["en", "es", "fr", "ar", "fa"]
# Numbers day first, as most of the world writes them ("03/04/2026" is 3 April; a US
# reading is told to the editor: `month_first_reading`). Never a day counted from today
# ("3 hours ago · 2026", "Hace 2 días, 2026"): that was the day of the build, so the same
# text was dated differently each day, and not by SOURCE_DATE_EPOCH.
_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}
_WEEKDAY = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[ée]rcoles|"
    r"jueves|viernes|s[áa]bado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A date needs its day in figures too ("1er", "2nd", "٤" once translated): the headline
# "May Day 2026: …" is not asked of dateparser, whose first question in a process takes a
# third of a second (its languages' and time zones' patterns compiled), for no date.
_NUMBERS = re.compile(r"\d+")
_SENTENCE = re.compile(r"[.!?]\s+\S")
_POSTED = r"(?:posted|published|publicad[oa]|publié|publiée)"
_BYLINES = [
    re.compile(  # Posted on 2 March 2026 by Marta / Publicado el … por … / Publié le … par …
        rf"^{_POSTED}\s+(?:(?:on|el|le)\s+)?(?P<date>.+?)\s+(?:by|por|par)\s+(?P<name>.+)$",
        re.IGNORECASE,
    ),
    re.compile(  # Posted by Marta on 2 March 2026 / Publicado por … el … / Publié par … le …
        rf"^{_POSTED}\s+(?:by|por|par)\s+(?P<name>.+?)\s+(?:on|el|le)\s+(?P<date>.+)$",
        re.IGNORECASE,
    ),
]


@lru_cache(maxsize=2048)
def parse_date(text: str) -> dt.date | None:
    """The date `text` consists of, or None. Needs day, month and year. Arabic and Farsi
    lines may be written in their own digits, with the month names of the Levant, the
    Maghreb or Afghanistan, or in Iran's solar calendar ("۱۵ اسفند ۱۴۰۴")."""
    text = text.translate(_WESTERN_DIGITS).strip().rstrip(".")
    text = _AD_SUFFIX.sub(r"\1", _common_era_side(text))
    if len(text.split()) > 8 or len(text) > 60:
        return None
    if solar := _SOLAR_DATE.match(text):
        return _solar_hijri(solar)
    if not _YEAR.search(text) or len(_NUMBERS.findall(text)) < 2:
        return None  # no year, or no day written beside it: no date, dateparser not asked
    import dateparser

    if _ARABIC_SCRIPT.search(text):
        text = _with_standard_month_names(text)
    parsed = dateparser.parse(text, languages=LANGUAGES, settings=_SETTINGS)
    return parsed.date() if parsed else None


def month_first_reading(text: str, day: dt.date) -> str | None:
    """The date written in numbers in `text` that was read as `day`, day first, when it
    could be read month first too ("03/04/2026": 3 April or, in the US, March 4); None when
    there is none. A date with dots ("03.04.2026") is day first everywhere."""
    for found in _NUMERIC_DATE.finditer(text):
        first, second, year = int(found[1]), int(found[3]), int(found[4])
        if first != second and dt.date(year, second, first) == day:  # both 12 or under
            return found[0]
    return None


_NUMERIC_DATE = re.compile(r"(?<![\d/-])(0?[1-9]|1[0-2])([/-])(0?[1-9]|1[0-2])\2(\d{4})(?![\d/-])")


# Arabic-Indic (١٥) and Persian (۱۵) digits, as Arabic and Farsi texts write dates
_WESTERN_DIGITS = str.maketrans(
    {chr(base + n): str(n) for base in (0x0660, 0x06F0) for n in range(10)}
)
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
# "2026م" (miladi, of the common era), as Arabic dates often end
_AD_SUFFIX = re.compile(r"\b(\d{4})\s*م$")


def _common_era_side(text: str) -> str:
    """Of an Arabic date line giving the day in both calendars, "١٥ رمضان ١٤٤٧هـ الموافق
    ٤ مارس ٢٠٢٦م" ("corresponding to"), the side in ours: the one without هـ."""
    first, said, second = text.partition(" الموافق ")
    if not said:
        return text
    return second if _HIJRI_MARK.search(first) else first


# "1447هـ": a year of the Islamic calendar
_HIJRI_MARK = re.compile(r"\d{4}\s*هـ")
# Iran's and Afghanistan's solar calendar, Farvardin to Esfand (Mordad also Amordad)
_SOLAR_MONTHS = {name: number for number, name in enumerate(SOLAR_MONTHS, start=1)}
_SOLAR_MONTHS["امرداد"] = 5
# A whole date of it: perhaps its weekday, then day, month and year, perhaps marked solar
# ("ه.ش", "هجری شمسی", "خورشیدی"). The Islamic calendar's years are 14xx too.
_SOLAR_DATE = re.compile(
    r"^(?:(?:(?:یک|دو|سه|چهار|پنج)[\s\u200c]?)?شنبه|جمعه)?\s*،?\s*(?P<day>\d{1,2})\s+"
    rf"(?P<month>{'|'.join(_SOLAR_MONTHS)})\s+(?P<year>1[34]\d\d)"
    r"(?:\s*(?:ه\.?\s?ش\.?|هجری شمسی|خورشیدی))?$"
)


def _solar_hijri(found: re.Match[str]) -> dt.date | None:
    """The day of ours a solar date is (convertdate converts), if its month has that day."""
    from convertdate import persian

    year, month, day = int(found["year"]), _SOLAR_MONTHS[found["month"]], int(found["day"])
    if not 1 <= day <= persian.month_length(year, month):
        return None
    return dt.date(*persian.to_gregorian(year, month, day))


def _with_standard_month_names(text: str) -> str:
    """The Levant's and Iraq's month names (آذار), the Maghreb's (غشت) and Afghanistan's
    (مارچ) as the Arabic and Farsi names dateparser knows (مارس); "آذار/مارس", both names
    as Levantine papers print them, as one."""
    pattern, standard = _regional_month_names()
    text = pattern.sub(lambda m: standard[m[0]], text)
    return re.sub(r"(\S+)\s*/\s*\1(?!\S)", r"\1", text)


@cache
def _regional_month_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """From the Unicode CLDR's calendars, as Babel has them."""
    from babel.dates import get_month_names

    standard: dict[str, str] = {}
    for locale, language in (("ar_SY", "ar"), ("ar_MA", "ar"), ("ar_DZ", "ar"), ("fa_AF", "fa")):
        names = get_month_names("wide", locale=language)
        for number, name in get_month_names("wide", locale=locale).items():
            if name != names[number]:
                standard.setdefault(str(name), str(names[number]))
    alternatives = "|".join(map(re.escape, sorted(standard, key=len, reverse=True)))
    return re.compile(rf"(?<![\w\u0600-\u06FF])(?:{alternatives})(?![\w\u0600-\u06FF])"), standard


def weekday_header(text: str) -> dt.date | None:
    """'Sunday, February 22, 2026' or 'domingo, 22 de febrero de 2026': a blog's post header."""
    return parse_date(text) if _WEEKDAY.match(text.strip()) else None


def byline(text: str) -> tuple[str, dt.date] | None:
    """'Posted on 2 March 2026 by Marta', 'By Marta | 2 March 2026' or '2 March 2026 · By
    Marta', as blogs print it above or below a post → (name, date)."""
    text = text.strip().rstrip(".")
    for pattern in _BYLINES:
        match = pattern.match(text)
        if match and (when := parse_date(match["date"])) and _signed(match["name"]):
            return match["name"], when
    for separator in _SEPARATOR.finditer(text):
        before, after = text[: separator.start()], text[separator.end() :]
        if (by := _BY.match(before)) and (when := parse_date(after)):
            name = before[by.end() :]
        elif (by := _BY.match(after)) and (when := parse_date(before)):
            name = after[by.end() :]
        else:
            continue
        if _signed(name):
            return name, when
    return None


def credit(text: str) -> tuple[str, dt.date | None] | None:
    """A line that says who wrote a text, and perhaps when: a byline ("By Marta | 2 March
    2026", "Posted on … by …") or a name after its label ("By Marta Gil", "Published by
    …", "Fdo. …") → (name, date or None)."""
    if found := byline(text):
        return found
    return (name, None) if (name := author_line(text)) else None


def posted_on(text: str) -> dt.date | None:
    """'Published 3 March 2026', 'Posted on March 3, 2026', 'Publicado el 3 de marzo de
    2026', 'Publié le 3 mars 2026', 'Issued 3 March 2026', 'Date: 3 March 2026': a date
    line that says what the date is (what follows it on the line, ' · Updated …', is
    passed over)."""
    if not (found := _POSTED_ON.match(text.strip())):
        return None
    when = found["date"].rstrip(".")
    return parse_date(when) or parse_date(re.split(r"\s+[·|•]\s+", when)[0])


# What else a date line says its date is: a statement's or a press release's "Issued 4
# March 2026", "Released …", "Dated …", "Date: …", "Fecha: …", "Emitido el …", and in
# Arabic and Farsi "التاريخ: …" (the date), "بتاريخ …" (dated), "تاریخ: …"
_DATED = rf"(?:{_POSTED}|issued|released|dated|date|fecha|emitid[oa]|ال?تاريخ|بتاريخ|تاریخ)"
_POSTED_ON = re.compile(rf"^{_DATED}(?:\s+(?:on|el|le))?\s*:?\s+(?P<date>.+)$", re.IGNORECASE)


def date_ending(text: str) -> dt.date | None:
    """The date a line ends with after a comma, a bar, a middle dot or a dash ("Statement
    of the Tenants' Association, 23 November 2026")."""
    for separator in _SEPARATOR.finditer(text):
        if when := parse_date(text[separator.end() :]):
            return when
    return None


def dateline(text: str) -> dt.date | None:
    """The date of a line under a title that gives it and nothing a reader would miss: a
    date alone, a letter's place and date ("Madrid, 3 de marzo de 2026"), or "Published
    3 March 2026". (A line saying more, "Statement of …, 3 March 2026", is a subtitle.)"""
    return parse_date(text) or place_and_date(text) or posted_on(text)


def place_and_date(text: str) -> dt.date | None:
    """'Madrid, 3 de marzo de 2026', 'Paris, le 3 mars 2026': a letter's place and date line,
    under its title → the date (the place is no author)."""
    place, comma, when = text.strip().replace("،", ",").partition(",")
    if not comma or any(c.isdigit() for c in place) or not _name_like(place, 4):
        return None
    return parse_date(_ARTICLE.sub("", when.strip()))


_ARTICLE = re.compile(r"^(?:on|the|el|le|في)\s+", re.IGNORECASE)


def letter_dateline(text: str) -> dt.date | None:
    """'Paris, le 3 mars 2026', 'Fait à Paris, le 3 mars 2026', 'Madrid, a 3 de marzo de
    2026', 'Dado en Sevilla, a …': where and when a letter or statement was signed, as
    French and Spanish ones say it, its words making it no signer's name → the date. An
    English "Leeds, 3 March 2026" says nothing of the kind (it may be "Unite, 3 March 2026")."""
    place, comma, when = text.strip().partition(",")
    if comma and (_SIGNED_AT.match(place) or _SIGNED_ON.match(when.strip())):
        return place_and_date(text)
    return None


# "Fait à Paris", "Dado en Sevilla", "Hecho en Madrid", "En Madrid", "Done at Geneva" …
_SIGNED_AT = re.compile(
    r"^(?:fait(?:e|s)?|donné|dad[oa]|hech[oa]|firmad[oa]|done|given|signed)\s+(?:à|au|en|at|in)\s"
    r"|^en\s",
    re.IGNORECASE,
)
# … ", le 3 mars 2026", ", a 3 de marzo de 2026", ", el 3 de marzo de 2026"
_SIGNED_ON = re.compile(r"^(?:le|a|el)\s+\d", re.IGNORECASE)
# The closings statements signed as letters end with, on a line above the signer's name.
_CLOSING = re.compile(
    r"^(?:(?:yours )?in solidarity|solidarity|in unity|(?:yours )?(?:fraternally|sincerely|"
    r"faithfully)|yours(?: truly| ever)?|comradely|(?:with )?(?:best|kind|warm) (?:wishes|regards)|regards|"
    r"un saludo(?: solidario| fraternal| cordial)?|saludos(?: solidarios| fraternales| cordiales)?|"
    r"en solidaridad|(?:muy )?atentamente|cordialmente|fraternalmente|"
    r"salutations(?: syndicales| fraternelles| solidaires| cordiales| distinguées)?|"
    r"fraternellement|cordialement|solidairement|bien à vous|amitiés(?: syndicales)?|"
    r"signed|firmad[oa]|fdo\.?|signée?)\s*[,.!:]?$",
    re.IGNORECASE,
)


def closing(text: str) -> bool:
    """'In solidarity,', 'Un saludo solidario,', 'Salutations syndicales,': a letter's closing
    (with the emoji campaigns close with, "In solidarity ✊🏽", too)."""
    return bool(_CLOSING.match(" ".join(without_emoji(text).split())))


def without_emoji(text: str) -> str:
    """`text` without the emoji before and after its words ("✊ Solidarity", "Ana Ruiz ❤️",
    "🇵🇸 Free Palestine 🇵🇸"); "©" and "®" stay, as a name's part or a notice's."""
    return _EDGE_EMOJI.sub("", text.strip())


_EMOJI = r"[[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\uFE0F\u200D]--[©®™]]"
_EDGE_EMOJI = regex.compile(rf"(?V1)^(?:{_EMOJI}|\s)+|(?:{_EMOJI}|\s)+$")


def signed_under_closing(lines: Sequence[str]) -> str | None:
    """A letter's last lines, "In solidarity," then the signer's name (then perhaps their
    role or organisation): the name."""
    if not 2 <= len(lines) <= 4 or not closing(lines[0]):
        return None
    found = signature(lines[1])
    return found[0] if found and found[1] is None else None


def signed_over_role(lines: Sequence[str]) -> str | None:
    """A signer's name over their role or office ("Maria Lopez" / "Branch Secretary",
    "Secretary, Riverside Tenants Union"): the name, which the role is not."""
    if len(lines) != 2 or not role(lines[1]) or role(lines[0]):
        return None
    found = signature(lines[0])
    return found[0] if found and found[1] is None else None


def role(text: str) -> bool:
    """Whether a line names an office in an organisation ("Branch Secretary", "Chair of the
    Tenants Union", "Secretaria general", "Porte-parole"), as signers write under their
    name: it says what the signer is, and is no one's name."""
    head = text.split(",", 1)[0]
    return len(text.split()) <= 12 and not _SENTENCE.search(text) and bool(_ROLE.search(head))


# Offices as unions, associations and campaigns name them, in English, Spanish and French;
# singular, as a signer holds one ("Shop Stewards Network" is a group's name)
_ROLE = re.compile(
    r"\b(?:secretary|chair(?:person|woman|man)?|co-chair|(?:vice[- ])?president|treasurer|"
    r"conven[eo]r|organi[sz]er|co-?ordinator|spokes(?:person|woman|man)|officer|"
    r"representative|rep|steward|delegate|director|founder|editor|"
    r"secretari[oa]|president[ae]|tesorer[oa]|portavoz|coordinadora?|delegad[oa]|"
    r"representante|responsable|directora?|"
    r"secr[ée]taire|pr[ée]sidente?|tr[ée]sori(?:er|[èe]re)|porte-parole|coordinat(?:eur|rice)|"
    r"d[ée]l[ée]gu[ée]e?|repr[ée]sentante?|direct(?:eur|rice))\b",
    re.IGNORECASE,
)


def posted_by(text: str) -> str | None:
    """'Posted by Marta Gil at 10:42 AM', as Blogger signs a post (its date is above it):
    the author's name."""
    match = _POSTED_AT.match(text.strip())
    return match["name"] if match and _signed(match["name"]) else None


# "at 14:32", "a las 10:42", "à 9h05": the time of a day, as platforms write it
_TIME = r"\s+(?:at|a las|a la|à)\s+\d{1,2}[:.h]\d{2}"
_POSTED_AT = re.compile(
    rf"^{_POSTED}\s+(?:by|por|par)\s+(?P<name>.+?){_TIME}(?:\s*[ap]\.?\s?m\.?)?$",
    re.IGNORECASE,
)


def post_header(lines: tuple[str, ...], today: dt.date) -> tuple[str, dt.date | None, bool] | None:
    """A page's name over the time it posted, as Facebook prints a post ("Dockside Workers'
    Network" / "12 March at 14:32 ·"): (name, date, whether its year is a guess). Facebook
    leaves out the year of this year's posts: the latest such day up to `today` is taken.
    The date is None for a time it gives as "Yesterday" or "3 h"."""
    if len(lines) != 2 or len(lines[1]) > 120 or not (stamp := _STAMP.match(lines[1].strip())):
        return None
    if not _name_like(lines[0].strip(), 8):
        return None
    return lines[0].strip(), *posted_day(without_time(stamp["when"]), today)


def posted_day(day: str, today: dt.date) -> tuple[dt.date | None, bool]:
    """The day a post's time names, and whether its year is a guess: a platform leaves out
    the year of this year's posts, so the latest such day up to `today` is taken. None for
    a time it gives as "Yesterday" or "3 h"."""
    if when := parse_date(day):
        return when, False
    for year in (today.year, today.year - 1):
        if (when := parse_date(f"{day} {year}")) and when <= today:
            return when, True
    return None, False


def handle_header(text: str, today: dt.date) -> tuple[str, dt.date | None, bool] | None:
    """An account's name, handle and time as X, Bluesky, Threads or Mastodon print a post
    ("Ana Ruiz @anaruiz · Mar 3", its lines joined): (name, date, whether its year is a
    guess); the date None for a time given as "3h". None when `text` is no such head."""
    if not (head := _HANDLE_HEAD.fullmatch(text.strip())) or not _name_like(head["name"], 8):
        return None
    when = (head["when"] or "").strip()
    if not when or _RELATIVE.fullmatch(when):
        return head["name"].strip(), None, False
    day, guessed = posted_day(without_time(when), today)
    return (head["name"].strip(), day, guessed) if day else None


_STAMP = re.compile(r"^(?P<when>[^·]*\d[^·]*?)\s*·$")
_HANDLE_HEAD = re.compile(
    r"(?P<name>[^@·\n]{1,60}?)\s+@[\w.-]{1,60}(?:@[\w.-]{1,100})?"
    r"(?:\s*[·∙]?\s*(?P<when>[^·∙@\n]{1,40}))?"
)
_RELATIVE = re.compile(r"\d{1,2}\s*(?:s|m|min|h|d)|now|ahora|maintenant", re.IGNORECASE)


def without_time(text: str) -> str:
    """'12 March at 14:32' → '12 March', as Facebook and Gmail give a day and its time
    ('a las 14:32', 'à 14:32')."""
    return _AT_TIME.sub("", text.strip())


_AT_TIME = re.compile(rf"{_TIME}.*$", re.IGNORECASE)


def author_line(text: str) -> str | None:
    """'By Marta Gil', 'Por …', 'Par …', 'Written by …', 'Author: …', 'Fdo. …' alone on a
    line: the author's name (or names, as written: `authors` tells them apart)."""
    text = text.strip()
    if name := posted_by(text):  # "Posted by Marta Gil at 10:42 AM": not her name's words
        return name
    if not (by := _BY.match(text)) or _YEAR.search(text):
        return None
    name = text[by.end() :].rstrip(".")  # after "Fdo.", a sentence's full stop is none
    if _SENTENCE.search(name) or _WEEKDAY.match(name):
        return None
    return name if _signed(name) else None


def authors(name: str) -> list[str]:
    """'Ana Ruiz and Marc Dupont', 'Ana Ruiz, Marc Dupont y Li Wei' → each name. Only names
    of two to four words each are told apart: "Tenants and Residents Association" and
    "Ana Ruiz, Secretary" are one, and so is an organisation's name with "and" in it. A
    site's account ("admin") is no one's name: none."""
    if site_account(name):
        return []
    parts = _named_apart(name)
    names = parts if parts and not _one_organisation(parts) else [name.strip()]
    return [_ARTICLE_FIRST.sub(lambda m: m[0].capitalize(), each) for each in names]


# An organisation named with its article, as a byline's sentence has it ("by the Tenants
# Union", "por la Coordinadora", "par l’Union syndicale"): alone, as the article's byline
# shows it, its first letter is a capital ("The Tenants Union", "La Coordinadora")
_ARTICLE_FIRST = re.compile(r"^(?:the|la|el|los|las|le|les)(?=\s+[A-ZÀ-Ý])|^l['’](?=[A-ZÀ-Ý])")


# A site's account, not a person: WordPress's first user is `admin`, and a blog run by one
# person often posts as it ("Posted on 2 March 2026 by admin"), as platforms export it.
_ACCOUNTS = frozenset(
    {"admin", "administrator", "site admin", "site administrator", "webmaster", "wpadmin"}
)


def site_account(name: str) -> bool:
    """Whether `name` is a site's account ("admin", "Administrator"), which signs no text."""
    return " ".join(name.split()).casefold() in _ACCOUNTS


def _signed(name: str) -> bool:
    """Whether a byline's `name` reads as who posted it: a person's or a group's name, or a
    site's account (which is then no author, but the line a byline all the same)."""
    return _names_like(name) or site_account(name)


def _named_apart(name: str) -> list[str]:
    """`name` split at its commas and "and", if each part is a name of two to four words."""
    parts = _AND.split(name.strip())
    if len(parts) > 1 and all(
        2 <= len(part.split()) <= 4 and _name_like(part, 4) for part in parts
    ):
        return parts
    return []


# Between co-authors: a comma, then the last named after "and" ("y", "e", "et", "&", and
# Arabic's and Farsi's "و" as a word of its own); in lower case, as "E" and "Y" are
# initials ("Marta E Gil"). Arabic's "و" joined to the name after it ("وسارة") is not
# told apart: as many names begin with the letter ("وليد").
_CONJUNCTION = r"(?:and|y|e|et|&|و)\s"
_AND = re.compile(
    rf"\s*[,،](?!\s*{_CONJUNCTION})\s*(?=.*\s{_CONJUNCTION})|[,،]?\s+{_CONJUNCTION}\s*"
)


def _one_organisation(parts: list[str]) -> bool:
    """Whether names split at "and" are halves of one organisation's name: "Leeds Tenants
    and Residents Association" (English ends it with what it is), "Asociación de Vecinos y
    Vecinas de Lavapiés", "سندیکای کارگران و کشاورزان ایران" (Spanish, French, Arabic and
    Farsi begin with it). "Leeds Tenants Union and Unite Community" is two."""
    ends = [bool(_ORGANISATION_END.fullmatch(part.split()[-1])) for part in parts]
    begins = [bool(_ORGANISATION_BEGIN.fullmatch(part.split()[0])) for part in parts]
    return (ends[-1] and not all(ends)) or (begins[0] and not all(begins))


_ORGANISATION_END = re.compile(
    r"alliance|assembly|association|branch|campaign|centre|center|club|coalition|collective"
    r"|committee|co-?op|cooperative|council|federation|forum|foundation|front|group|guild"
    r"|league|movement|network|organi[sz]ation|party|society|syndicate|trust|union",
    re.IGNORECASE,
)
_ORGANISATION_BEGIN = re.compile(
    r"alianza|asamblea|asociación|associació|centro|colectivo|comité|confederación"
    r"|coordinadora|federación|frente|movimiento|partido|plataforma|red|sindicato|unión"
    r"|assemblée|association|collectif|confédération|coordination|fédération|front"
    r"|mouvement|parti|réseau|syndicat|union"
    r"|(?:ال)?(?:اتحاد|جمعية)|نقابة|رابطة|لجنة|حزب|شبكة|مجلس|تجمع"
    r"|اتحادیه|سندیکای?|انجمن|کانون|کمیته|شبکه|شورای",
    re.IGNORECASE,
)


def _names_like(text: str) -> bool:
    """A name, or the names of a few co-authors ("Ana Ruiz, Marc Dupont and Li Wei"), or
    of an organisation as long ("Asociación de Vecinos y Vecinas de Lavapiés")."""
    return _name_like(text, 6) or (len(text) <= _NAMES_MAX and bool(_named_apart(text)))


_NAMES_MAX = 200  # a byline's names, not a paragraph's (its commas would cost a scan each)


# What a byline opens with: "By", "Published by", "Issued by" (a press release's), and as
# zines and magazines credit a text, "Written by", "Words by", "Author:", "Escrito por",
# "Autora:", "Texto:", "Écrit par", "Texte :"; as a statement is signed, "Signed:",
# "Firmado:", "Fdo.:" (Spanish's "firmado"), "Signé :"; in Arabic "بقلم" (by the pen of),
# in Farsi "به قلم" and "نوشته"
_AUTHOR_LABEL = (
    rf"(?:by|por|par|(?:written|words|issued|signed) by|{_POSTED}\s+(?:by|por|par)"
    r"|escrito por|texto de|écrit par|texte de|firmad[oa] por|signée? par|fdo\.\s?:?"
    r"|(?:بقلم|به قلم|نوشته)\s?:?"
    r"|(?:authors?|words|autor(?:a|es)?|texto|auteur(?:e|s)?|autrice|texte|الكاتبة?|نویسنده"
    r"|signed|firmad[oa]|signée?)\s?:)"
)
_BY = re.compile(rf"^{_AUTHOR_LABEL}\s+", re.IGNORECASE)
_BYLINE_OPENING = re.compile(rf"^(?:{_DATED}\s*:?|{_AUTHOR_LABEL})\s", re.IGNORECASE)
# A day's number, "3" or "03", not part of a larger number or of "1,204"
_DAY = re.compile(r"(?<![\d,.])(?:0?[1-9]|[12]\d|3[01])(?![\d,.]?\d)")
_DATE_LINE_WORDS = 6  # "Wednesday, 23 September 2026", "lunes, 2 de marzo de 2026"


def byline_or_date(line: str) -> bool:
    """Whether `line` is a byline ("Posted on March 3, 2026 by Ana Ruiz", "By Ana Ruiz"), a
    date alone or one it says is its publication's ("Published 3 March 2026"). Cheap for
    most lines (reading a date is slow): only a line that opens as a byline does, or one
    of a few words with a day's number in it, is read."""
    if _BYLINE_OPENING.match(line):
        return bool(credit(line) or posted_on(line))
    return (
        len(line.split()) <= _DATE_LINE_WORDS
        and bool(_DAY.search(line.translate(_WESTERN_DIGITS)))  # Arabic's and Farsi's own too
        and bool(parse_date(line))
    )


# Between a byline's name and date: a bar, a middle dot, a dash with spaces round it, a comma.
_SEPARATOR = re.compile(r"\s*[|·•,،]\s*|\s+[-–—]\s+")


def signature(text: str) -> tuple[str, dt.date | None] | None:
    """'Name or Organisation (ABBR), June 28, 2024' → (name, date); a bare short name → (name, None).
    A line with a colon is a label ('Photo credit: Marta Gil', 'Contact: …'), never a name;
    one that ends in '!' is a slogan ('Solidarity forever!'); one with a '<' holds a model
    letter's placeholder ('Yours, <NAME>'), for whoever sends it to sign. A name after a
    dash ('— Ana Ruiz') or a label ('By Ana Ruiz', 'Published by …'), or between emoji
    ('💪 Leeds Tenants Union'), or in a copyright notice ('© 2026 Leeds Tenants Union'), is
    the name alone; a closing alone ('Solidarity') names no one."""
    text = _COPYRIGHT.sub("", _SIGNING_DASH.sub("", without_emoji(text)))
    if name := author_line(text):
        return name, None
    if (
        closing(text)  # "Solidarity", "Saludos": no one's name
        or len(text) > 160
        or _SENTENCE.search(text)
        or ":" in text
        or "<" in text
        or text.endswith((".", ";", "?", "!"))
    ):
        return None
    for match in re.finditer(r"[,،]\s*", text):
        head, tail = text[: match.start()], text[match.end() :]
        if (when := parse_date(tail)) and _name_like(head, max_words=14):
            return head, when
    if _name_like(text, max_words=5) and not parse_date(text):
        return text, None
    return None


# The dash a name is signed after ("— Ana Ruiz", "-- Ana", "- Ana"), as quotations are
# attributed
_SIGNING_DASH = re.compile(r"^(?:[—–―]|--?)\s*(?=\w)")


# A copyright notice's words before the name: "©", "Copyright ©", "© 2025-2026"
_COPYRIGHT = re.compile(r"^(?:copyright\s*©?|©)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?", re.I)


def contact_details(text: str) -> bool:
    """Whether a line gives only addresses and telephone numbers ("info@branch.org | 0161
    555 0100", "Tel: +34 600 123 456 · www.branch.org"), as under a signature."""
    parts = [part for part in _CONTACT_SEPARATOR.split(text.strip()) if part]
    return bool(parts) and all(_CONTACT.fullmatch(part) for part in parts)


_CONTACT_SEPARATOR = re.compile(r"\s+[|·•/–—-]\s+|\s*[|·•]\s*|,\s+|\s{3,}")
_CONTACT = re.compile(
    r"((tel|t[ée]l|phone|tel[ée]fono|tfno|m[óo]vil|mobile?|portable|e-?mail|correo"
    r"|courriel|web|site|whatsapp|signal)\.?\s*:?\s*)?"
    r"([\w.+-]+@[\w-]+(\.[\w-]+)+|(https?://|www\.)\S+|\+?\d[\d ().-]{5,}\d)",
    re.I,
)


def capitalised(word: str) -> bool:
    """Whether a word starts as a name or a title does: with a capital, or in a script that
    has none (Arabic, Farsi, Hebrew), where every word could."""
    first = word[:1]
    return first.isupper() or (first.isalpha() and first.lower() == first.upper())


def _name_like(text: str, max_words: int) -> bool:
    words = text.split()
    capitalised_words = [w for w in words if capitalised(w) or w[:1] in "(«\"'"]
    return 0 < len(words) <= max_words and len(capitalised_words) >= max(1, len(words) // 2)
