"""Where a Hugo site's `permalinks` put its pages (`posts = "/:year/:month/:slug/"`): the
addresses its readers bookmarked and other sites linked, which the web archive redirects
from (`metadata.hugo_addresses`). Read from the site's configuration where Hugo finds it
(`hugo_config`)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .hugo_config import hugo_key, site_table

_KINDS = ("page", "section", "taxonomy", "term")  # Hugo 0.112's table per kind of page
_TOKEN = re.compile(r":(\w+)(\[[^\]]*\])?")
_DEFAULTS_KEPT = (
    "its pages' old addresses are taken to be Hugo's default, /SECTION/NAME/, not those its"
    " permalinks give"
)
_WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


@dataclass(frozen=True)
class HugoPage:
    """What a permalink pattern can name of a regular page."""

    title: str
    slug: str  # its front matter's, "" when it has none
    date: dt.date | None
    name: str  # its file's name without language and extension; a bundle's, its folder's
    sections: tuple[str, ...]  # its folders under content/ (its bundle's folder not one)


def permalink(site: Path, page: HugoPage) -> str | None:
    """The page's address by its section's pattern in the site's configuration (lower
    case, as Hugo writes it); None when no pattern is given for its section, or its
    pattern names what the page lacks (a date) or a token Hugo has and this does not."""
    section = page.sections[0].casefold() if page.sections else ""
    pattern = _by_section(site_table(site, "permalinks", _DEFAULTS_KEPT) or {}).get(section)
    if pattern is None:
        return None
    values: list[str] = []
    for token, cut in _TOKEN.findall(pattern):
        value = _value(token.lower(), cut, page)
        if value is None:
            return None
        values.append(value)
    filled = iter(values)
    address = _TOKEN.sub(lambda _: next(filled), pattern)
    address = "/" + "/".join(part for part in address.split("/") if part)
    if not address.rpartition("/")[2].count("."):  # /posts/x.html stays a file
        address = address.rstrip("/") + "/"
    return address.lower()


def urlize(text: str) -> str:
    """`text` as Hugo makes it part of an address: letters, digits, marks and `._~#+@-`
    kept, each run of spaces one hyphen, anything else left out, in lower case."""
    kept: list[str] = []
    space = False
    for index, char in enumerate(text):
        if _allowed(text, index, char):
            if space and char != "-":
                kept.append("-")
            space = False
            kept.append(char)
        elif kept and kept[-1] != "-" and char.isspace():
            space = True
    return "".join(kept).lower()


def _allowed(text: str, index: int, char: str) -> bool:
    if char in "./\\_#+~-@":
        return True
    if char == "%":  # an escape already written
        return bool(re.fullmatch(r"[0-9A-Fa-f]{2}", text[index + 1 : index + 3]))
    return unicodedata.category(char)[0] in "LM" or unicodedata.category(char) == "Nd"


def _value(token: str, cut: str, page: HugoPage) -> str | None:
    if token in _DATED:
        return _DATED[token](page.date) if page.date else None
    slug, title, name = urlize(page.slug), urlize(page.title), urlize(page.name)
    section = page.sections[0] if page.sections else ""
    named = {
        "title": title,
        "slug": slug or title,
        "filename": name,
        "contentbasename": name,
        "slugorfilename": slug or name,
        "slugorcontentbasename": slug or name,
        "section": section,
        "sectionslug": urlize(section),
    }
    if token in named and not cut:
        return named[token]
    if token in ("sections", "sectionslugs"):
        sections = [urlize(s) if token == "sectionslugs" else s for s in page.sections]
        return "/".join(_sliced(sections, cut))
    return None


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DATED: dict[str, Callable[[dt.date], str]] = {
    "year": lambda date: str(date.year),
    "month": lambda date: f"{date.month:02d}",
    "monthname": lambda date: _MONTHS[date.month - 1],  # in English, as Go names them
    "day": lambda date: f"{date.day:02d}",
    "weekday": lambda date: str(date.isoweekday() % 7),  # Sunday is 0, as in Go
    "weekdayname": lambda date: _WEEKDAYS[date.isoweekday() % 7],
    "yearday": lambda date: str(date.timetuple().tm_yday),
}


def _sliced(sections: list[str], cut: str) -> list[str]:
    """`sections` cut as Hugo's `:sections[1:]`, `[last]`, `[0]` or `[:2]` cuts them, out
    of range giving nothing rather than failing."""
    if not cut:
        return sections
    inside = cut.strip("[] ").lower()

    def index(text: str, default: int) -> int:
        if text == "last":
            return len(sections) - 1
        return int(text) if text.isdigit() else default

    if ":" not in inside:
        at = index(inside, len(sections))
        return sections[at : at + 1]
    low, _, high = inside.partition(":")
    return sections[index(low, 0) : index(high, len(sections))]


def _by_section(table: Mapping[str, Any]) -> dict[str, str]:
    """Regular pages' patterns by section, from the table as Hugo reads either form:
    `posts = "…"`, or (since Hugo 0.112) `[permalinks.page] posts = "…"`."""
    if any(isinstance(value, Mapping) for value in table.values()):
        table = hugo_key(table, "page") or {}
        if not isinstance(table, Mapping):
            return {}
    return {
        str(section).strip(" /").casefold(): pattern
        for section, pattern in table.items()
        if isinstance(pattern, str) and str(section).casefold() not in _KINDS
    }
