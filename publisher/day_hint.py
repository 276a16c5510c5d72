"""The hint for a day written otherwise than YYYY-MM-DD in a manifest or front matter: the
same day written so, when it can be told ("1 May 2026", "2026-5-1"), or both readings of
one that can be read two ways ("01/05/2026" is 1 May in Britain and 5 January in the US;
"01.05.2026" is 1 May wherever days are written with dots),
or what the month holds of one that does not exist ("2026-02-30" or "30/02/2026": February
2026 has 28 days). The day itself is never guessed into an issue: only the message suggests it."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")


def day_hint(value: object, key: str = "date") -> str:
    """'write it as YYYY-MM-DD: date: 2026-05-01', or the general rule."""
    readings = _readings(str(value).strip()) if isinstance(value, str) else []
    if len(readings) == 1:
        return f"write it as YYYY-MM-DD: {key}: {readings[0].isoformat()}"
    if len(readings) == 2:
        first, second = readings
        return (
            f"{value} is {_named(first)} or {_named(second)}: write {key}:"
            f" {first.isoformat()} or {key}: {second.isoformat()}"
        )
    if isinstance(value, str) and (why := _no_such_day(value.strip())):
        return f"{why}: write {key} as YYYY-MM-DD with a day that exists"
    return f"write it as YYYY-MM-DD, e.g. {key}: 2026-02-22"


def _readings(text: str) -> list[dt.date]:
    if found := _YEAR_FIRST.match(text):
        return _days((int(found[1]), int(found[2]), int(found[3])))
    if found := _NUMERIC.match(text):
        a, b, year = int(found[1]), int(found[2]), int(found[3])
        if "." in text:  # 04.12.2026: day first, as Germany and Russia write it; never the US
            return _days((year, b, a))
        return _days((year, b, a), (year, a, b))  # day first (most of the world), then US
    from .importers.textdates import parse_date  # (only when a day is written wrong)

    day = parse_date(text)  # a day in words, as an editor writes one in a statement
    return [day] if day else []


def _no_such_day(text: str) -> str | None:
    """Why a day written in numbers does not exist ("February 2026 has 28 days", "November
    2026 has 30 days" for 31/11/2026): YAML and Python say only "day is out of range for
    month", naming neither."""
    if found := _YEAR_FIRST.match(text):
        year, month, day = int(found[1]), int(found[2]), int(found[3])
    elif found := _NUMERIC.match(text):
        first, second, year = int(found[1]), int(found[2]), int(found[3])
        # day first, as most of the world and every dotted day writes it; the US's month
        # first when only that reading has a month
        us = "." not in text and second > 12 >= first
        month, day = (first, second) if us else (second, first)
    else:
        return None
    if not 1 <= month <= 12:
        return "a year has 12 months"
    if year < 1:
        return None
    length = calendar.monthrange(year, month)[1]
    if 1 <= day <= length:
        return None
    return f"{dt.date(year, month, 1).strftime('%B')} {year} has {length} days"


def _days(*parts: tuple[int, int, int]) -> list[dt.date]:
    days: list[dt.date] = []
    for year, month, day in parts:
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if found not in days:
            days.append(found)
    return days


def _named(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')}"
