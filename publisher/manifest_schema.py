"""What each key of an issue manifest may hold: its tables (the manifest's, a section's, an
edition's, a leaflet's) and the checks of their values, each saying what to write instead.

manifest.py reads a manifest with them; the keys that need more than their value (the
sections against the document pool, the cover against the workspace) are read there.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .day_hint import day_hint
from .errors import near_misses
from .imposition import GRIDS, copies_problem
from .languages import NotALanguage, checked_language
from .limits import DEFAULT_LIMITS
from .printing import PRINT_KEYS, PRINT_TABLE
from .settings_schema import Parse, Report, Setting, Table, single_line
from .yaml_text import in_brackets

LEAFLET_EXAMPLE = "leaflet:\n    document: may-day-leaflet\n    page_size: A5\n    sides: 2"


def _section_titles(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ValueError(
            "an edition's 'sections' lists the section titles in its language, in order"
            "\nsections: [Declaraciones, Informes]"
        )
    return tuple(t.strip() for t in value)


UNTRANSLATED_CHOICES = ("note", "omit")


def _untranslated(value: Any) -> str:
    if value in UNTRANSLATED_CHOICES:
        return str(value)
    hint = near_misses(str(value), set(UNTRANSLATED_CHOICES)) or (
        "note: show the original, marked 'not yet translated'; omit: leave it out"
    )
    raise ValueError(f"'untranslated' must be note or omit, not {value!r}\n{hint}")


SECTION_SHAPE = "sections:\n    - title: News\n      documents: [my-article]"


_TOP_DOCUMENTS = f"documents are listed in a section: {SECTION_SHAPE}"


def number_for(path: Path) -> Setting:
    """`number`, its fix taken from the manifest's name where it starts with one
    (`042-may-day.yaml`: number: 42), as an editor who copied last week's file expects;
    else the one after the highest its neighbours' names give (the next issue's)."""
    named = number_in_name(path.name)
    example = f"number: {named if named is not None else _next_number(path.parent)}"

    def number(value: Any) -> int:
        if isinstance(value, str) and value.strip().isdigit():  # "42": YAML's text
            raise ValueError(
                f"'number' must be a whole number, not text in quotes\nremove the quotes:"
                f" number: {int(value)}"
            )
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"'number' must be a whole number\n{example}")
        return value

    return Setting(number, required=example)


def _next_number(issues_dir: Path) -> int:
    """One more than the highest number the manifests' names in `issues_dir` start with."""
    try:
        names = [entry.name for entry in issues_dir.iterdir()]
    except OSError:
        names = []
    numbers = [n for name in names if (n := number_in_name(name)) is not None]
    return max(numbers, default=0) + 1


def number_in_name(name: str) -> int | None:
    """The number a manifest's file name starts with (42 for 042-may-day.yaml), if any:
    what an editor who copied last week's file means its number to be."""
    named = re.match(r"\d+", name)
    return int(named[0]) if named else None


def _aliases(value: Any) -> tuple[str, ...]:
    """The issue's old addresses, as a document's are written: one, or a list."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise ValueError(
            "'aliases' must be an address or a list of addresses"
            "\naliases: [/002-second/] (the issue's folder before its manifest was renamed)"
        )
    return tuple(i.strip() for i in items)


def _title(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("'title' must be text\ntitle: \"Against the war drive\"")
    if "\n" in value.strip() or "\r" in value:  # it becomes the email's Subject header
        raise ValueError("'title' must be a single line\nremove the line break")
    if len(value) > DEFAULT_LIMITS.title_length:  # it is the email's subject, too
        raise ValueError(
            f"'title' is {len(value):,} characters long; at most"
            f" {DEFAULT_LIMITS.title_length} make a title"
            "\nput the rest in the summary or the editorial"
        )
    return value.strip()


def _date(value: Any, key: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"'{key}' must be a date, got {value!r}\n{day_hint(value, key)}")


def _updated(value: Any) -> dt.date:
    """The day the issue last changed after it went out (an article corrected or taken
    down): its feed entry and sitemap <lastmod> take it, so feed readers and search
    engines fetch it again rather than keep what was taken down."""
    return _date(value, "updated")


def _language(value: Any) -> str:
    try:
        return checked_language(value)
    except NotALanguage as exc:
        raise ValueError(f"{exc}\n{exc.hint}") from None


def _paragraphs(key: str) -> Parse:
    def parse(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"'{key}' must be text (use '|' for several paragraphs)")
        if _FILE_NAME.match(value):
            raise ValueError(
                f"'{key}' is the text itself, not a file: {value.strip()!r} would be"
                " published as it is\npaste the text below 'editorial: |', indented, or list"
                " the document in a section"
            )
        return value

    return parse


# A value that is only a document's file name (`editorial: editorial.md`): a sentence that
# ends with one has spaces
_FILE_NAME = re.compile(
    r"\s*\S{1,150}\.(?:md|markdown|txt|text|docx?|odt|rtf|html?)\s*\Z", re.IGNORECASE
)


def _documents(value: Any) -> list[Any]:
    """The documents a section lists: a YAML list, or names written on one line with commas
    between them (`documents: welcome, strike-vote`), as tags may be; a name with a comma
    or a space in it in quotes there (`welcome, "Rent strike, day one.docx"`), as in a
    list in brackets, the quotes no part of it."""
    if isinstance(value, str):
        if re.match(r"\s*-[^\s\d-]", value):  # `-welcome` on each line: one text to YAML
            raise ValueError(
                "section 'documents' lists them without a space after each dash\n"
                "write each as '- name', with a space after the dash"
            )
        value = _names_on_one_line(value)
    if not isinstance(value, list) or not value:
        raise ValueError("section 'documents' must list at least one document")
    return value


def _names_on_one_line(value: str) -> list[str]:
    """Names written on one line with commas, read as YAML reads them between brackets:
    quotes (either kind) taken off, a comma in quotes part of the name; else, when that is
    no list of names (`2026-01-10` is a day there), the text between the commas. (A '#' in a
    name written in quotes would start a comment there.)"""
    names = None if "#" in value else in_brackets(value)
    if not (names is not None and all(isinstance(name, str) for name in names)):
        names = value.split(",")
    return [name.strip() for name in names if name.strip()]


def _section_title(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("section 'title' is required")
    return value.strip()


def _one_or_two(value: Any) -> int:
    if value not in (1, 2) or isinstance(value, bool):
        raise ValueError(f"must be 1 or 2, not {value!r}")
    return int(value)


def _plain(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text\nput the value in quotes")
    return value.strip()


def _web_address(value: Any) -> str:
    """An http(s) address a phone can open: what a QR code may point to."""
    text = value.strip() if isinstance(value, str) else ""
    refused = ValueError(
        f"'qr' must be a web address, not {value!r}\nqr: https://example.org/petition"
    )
    try:
        parts = urlsplit(text)
    except ValueError:  # a host with a stray bracket, "https://[example.org/"
        raise refused from None
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise refused
    return text


def _leaflet_plan(values: dict[str, Any], report: Report) -> dict[str, Any]:
    """The leaflet's layout, with its print settings as `pdf`: a one-sheet layer."""
    if values.get("impose") == "booklet":
        report(
            "a leaflet is one sheet: it cannot be imposed as a booklet",
            "impose",
            hint="use 2up (A5 on A4), 3up (DL on A4) or 4up (A6 on A4), or put impose: booklet"
            " under pdf:",
        )
    print_values = {key: values.pop(key) for key in PRINT_KEYS if key in values}
    settings = PRINT_TABLE.make(print_values, report)
    if settings.impose in GRIDS and settings.page_size:  # told here, not after the layout
        size = settings.page_size
        if problem := copies_problem(settings.impose, size.width_mm, size.height_mm):
            report(problem[0], "impose", hint=problem[1])
    return {**values, "pdf": settings}


MANIFEST_TABLE = Table(
    {
        "number": Setting(required="number: 1"),  # read with its file: see number_for
        "title": Setting(_title),  # optional: the cover then shows number and date
        "date": Setting(_date, required="write it as YYYY-MM-DD, e.g. date: 2026-02-22"),
        "updated": Setting(_updated),
        "language": Setting(_language),
        "editorial": Setting(_paragraphs("editorial")),
        "summary": Setting(_paragraphs("summary")),
        "sections": Setting(),  # read with the document pool: see _sections
        "cover": Setting(),  # read with the workspace: see _cover
        "cover_alt": Setting(single_line),  # what it shows, as a document's image_alt:
        "pdf": Setting(table=PRINT_TABLE),
        "leaflet": Setting(),  # a slug or a mapping: see _leaflet
        "editions": Setting(),  # read with the issue's language: see _editions
        "untranslated": Setting(_untranslated),
        "aliases": Setting(_aliases),
        "sent_by": Setting(_plain),
    },
    noun="key",
    label=False,  # each message names its key in its own words
    expected_elsewhere={
        "draft": "an issue has no draft flag: move its manifest out of issues/ (to a"
        " drafts/ folder beside it, say) until it is ready; a document can be one,"
        " with draft: true in its front matter",
        "documents": _TOP_DOCUMENTS,
    },
)


SECTION_TABLE = Table(
    {
        "title": Setting(_section_title, required="a section has a title: - title: News"),
        "documents": Setting(_documents, required="documents: [my-article]"),
    },
    noun="section key",
    label=False,
)


EDITION_TABLE = Table(
    {
        "title": Setting(_title),
        "summary": Setting(_paragraphs("summary")),
        "editorial": Setting(_paragraphs("editorial")),
        "sections": Setting(_section_titles),
    },
    noun="edition key",
)


LEAFLET_TABLE = Table(
    {
        "document": Setting(required=LEAFLET_EXAMPLE),
        "sides": Setting(_one_or_two),
        "columns": Setting(_one_or_two),
        "standfirst": Setting(_plain),
        "pull_quote": Setting(_plain),
        "qr": Setting(_web_address),
        **PRINT_TABLE.settings,
    },
    noun="leaflet key",
    make=_leaflet_plan,
)
