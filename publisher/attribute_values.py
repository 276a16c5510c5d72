"""The values HTML allows the attributes the sanitiser keeps that hold a number, a date or
an address: a value a document's pasted HTML gives outside them is dropped (the element
stays), as a browser ignores it. Kept, each failed the Nu HTML checker on the web pages
("Bad value “last tuesday” for attribute “datetime”"), and EPUBCheck on the EPUB.
"""

from __future__ import annotations

import datetime as dt
import re

# HTML's "valid date string with optional time" and the other forms <time datetime> takes:
# a year, a month, a day, a month and day, a week, a time, a day and time with or without
# its offset from UTC, and a duration ("PT2H30M", "2h 30m")
_DATE = r"(?P<date>\d{4,}-\d\d-\d\d)"
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?"
_OFFSET = r"(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)"
_DATETIME = re.compile(
    rf"{_DATE}(?:[T ]{_TIME}{_OFFSET}?)?|\d{{4,}}(?:-(?:0[1-9]|1[0-2]))?|(?:--)?(?:0[1-9]|1[0-2])-\d\d"
    rf"|\d{{4,}}-W(?:0[1-9]|[1-4]\d|5[0-3])|{_TIME}|{_OFFSET}"
    r"|P(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,3})?S)?)?"
    r"|\s*(?:\d+(?:\.\d{1,3})?\s*[WDHMS]\s*)+"
)
_INTEGER = re.compile(r"\s*([+-]?\d{1,9})\s*")
_LIST_TYPES = frozenset({"1", "a", "A", "i", "I"})
_SCOPES = frozenset({"row", "col", "rowgroup", "colgroup"})
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_SPANS = {"colspan": (1, 1000), "rowspan": (0, 65534)}  # as the HTML standard bounds them


def valid_value(element: str, attribute: str, value: str) -> str | None:
    """`value` as HTML allows `attribute` on `element` to hold it, or None when it cannot
    (an attribute not named here: `value` as it is). An id's spaces are hyphens."""
    if attribute == "datetime":
        return value if is_datetime(value) else None
    if attribute == "cite":  # where the quotation came from: a web address
        return value.strip() if _WEB_ADDRESS.fullmatch(value.strip()) else None
    if attribute == "id":  # a name to link to; "has space" could never be linked to
        return "-".join(value.split()) or None
    if attribute == "reversed":  # a yes-or-no: there, whatever it says ("yes")
        return ""
    if attribute == "scope":
        return value.strip().lower() if value.strip().lower() in _SCOPES else None
    if attribute == "type" and element == "ol":
        return value.strip() if value.strip() in _LIST_TYPES else None
    if attribute == "start" or attribute in _SPANS or attribute in ("width", "height"):
        return _integer(attribute, value)
    return value


def is_datetime(value: str) -> bool:
    """Whether `value` is a date, a time or a duration as <time> may give one."""
    found = _DATETIME.fullmatch(value)
    if not found:
        return False
    try:  # a day that is in no calendar ("2026-02-30") is no date
        return not found["date"] or bool(dt.date.fromisoformat(found["date"]))
    except ValueError:
        return False


def _integer(attribute: str, value: str) -> str | None:
    if not (found := _INTEGER.fullmatch(value)):
        return None
    number = int(found[1])
    low, high = _SPANS.get(attribute, (0 if attribute != "start" else -(10**9), 10**9))
    return str(number) if low <= number <= high else None
