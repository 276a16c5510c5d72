"""What `{{ page.location }}` and `{{ site.email }}` print in a post copied from a Jekyll
or Eleventy site, through the filters that only shape a value, for `liquid`.

Jekyll's `page` is the post's front matter (its `date`, when it gives none, from its file
name, as Jekyll dates a post), `site` the site's `_config.yml`, `site.data.contacts` its
`_data/contacts.yml`; Eleventy prints its front matter's keys by name (`{{ location }}`),
and its global data files' (`{{ metadata.email }}`, from `_data/metadata.json`). A value is printed as text: its `*` and `<` as
written. A variable nobody gives, a table, or a filter that needs the site
(`where`, `markdownify`…) leaves the output unknown (None): `liquid` takes it away and
says so."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..sites import JEKYLL_CONFIGS, read_configuration
from .shortcodes import escaped_markdown

_VARIABLE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")
_QUOTED = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)')\s*$""")
_POST_DATE = re.compile(r"^(\d{4}-\d\d-\d\d)-")
_UNKNOWN = object()  # what a variable nobody gives, or a filter publisher lacks, leaves


@dataclass(frozen=True)
class Variables:
    """Where a post's Liquid variables come from."""

    path: Path  # the post
    page: Mapping[str, Any]  # its front matter
    site: Path | None  # the site's folder, holding its _config.yml
    eleventy: bool  # an Eleventy site's: front matter keys by name, no `page.` or `site.`
    printed: set[str]  # the front matter's keys printed, added to as they are


def shown_value(expression: str, variables: Variables) -> str | None:
    """What `{{ expression }}` prints, as Markdown text; None when publisher cannot know."""
    variable, *filters = [part.strip() for part in expression.split("|")]
    value = _looked_up(variable, variables)
    for written in filters:
        name, _, argument = written.partition(":")
        apply = _FILTERS.get(name.strip())
        given = _argument(argument, variables) if argument.strip() else None
        if apply is None or given is _UNKNOWN:
            return None
        value = apply(value, given)
    printed = _printed(value)
    return None if printed is None else escaped_markdown(printed)


def _looked_up(variable: str, variables: Variables) -> Any:
    if not _VARIABLE.fullmatch(variable):
        return _UNKNOWN
    scope, _, key = variable.partition(".")
    if variables.eleventy:  # its front matter's keys, then its global data files'
        value = _printed_key(variables, variable)
        if value is _UNKNOWN and key and variables.site:
            value = _dotted(_data_file(variables.site, scope), key)
        return value
    if scope == "page" and key == "date" and "date" not in variables.page:
        named = _POST_DATE.match(variables.path.name)
        return _date(named[1], "%Y-%m-%d") if named else _UNKNOWN  # no such day: unknown
    if scope == "page" and key:
        return _printed_key(variables, key)
    if scope == "site" and key.startswith("data.") and variables.site:
        name, _, inside = key.removeprefix("data.").partition(".")
        return _dotted(_data_file(variables.site, name), inside) if inside else _UNKNOWN
    if scope == "site" and key and variables.site:
        return _dotted(_site_configuration(variables.site), key)
    return _UNKNOWN


def _printed_key(variables: Variables, key: str) -> Any:
    """The front matter's value at `key`, its top key counted as printed when it has one."""
    value = _dotted(variables.page, key)
    if value is not _UNKNOWN:
        variables.printed.add(key.split(".")[0])
    return value


def _dotted(table: Any, key: str) -> Any:
    """`table`'s value at the dotted `key`, as Liquid reads it (keys in their own case)."""
    value = table
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _UNKNOWN
        value = value[part]
    return _UNKNOWN if value is None or isinstance(value, Mapping) else value


def _argument(written: str, variables: Variables) -> Any:
    """A filter's argument: quoted text, a number, or a variable's value."""
    if quoted := _QUOTED.match(written):
        return quoted[1] if quoted[1] is not None else quoted[2]
    written = written.strip()
    if re.fullmatch(r"-?\d+(?:\.\d+)?", written):
        return written
    return _looked_up(written, variables)


def _printed(value: Any) -> str | None:
    """A value as Liquid prints it: a list's items one after the other, a bool in lower
    case, a date as ISO 8601 writes it."""
    if value is _UNKNOWN:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        items = [_printed(item) for item in value]
        return None if None in items else "".join(item or "" for item in items)
    if isinstance(value, (str, int, float, dt.date)):
        return str(value)
    return None


def _text(function: Callable[[str], str]) -> Callable[[Any, Any], Any]:
    def applied(value: Any, _: Any) -> Any:
        printed = _printed(value)
        return _UNKNOWN if printed is None else function(printed)

    return applied


def _date(value: Any, pattern: Any) -> Any:
    """A date by a strftime pattern, as Ruby's (`%-d`, `%e`, `%B` in English) is read by
    the C library Python uses: Jekyll's month names are English too."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return _UNKNOWN
    if not isinstance(value, dt.date) or not isinstance(pattern, str):
        return _UNKNOWN
    return value.strftime(pattern)


def _default(value: Any, given: Any) -> Any:
    empty = value is _UNKNOWN or value is False or value == "" or value == []
    return given if empty else value


def _joined(value: Any, separator: Any) -> Any:
    if not isinstance(value, list):
        return value
    items = [_printed(item) for item in value]
    return _UNKNOWN if None in items else str(separator or " ").join(map(str, items))


_FILTERS: dict[str, Callable[[Any, Any], Any]] = {
    "upcase": _text(str.upper),
    "downcase": _text(str.lower),
    "capitalize": _text(str.capitalize),
    "strip": _text(str.strip),
    "lstrip": _text(str.lstrip),
    "rstrip": _text(str.rstrip),
    # printed as text whatever the filter: escaping is done once, for Markdown
    "escape": _text(lambda text: text),
    "xml_escape": _text(lambda text: text),
    "escape_once": _text(html.unescape),
    "date": _date,
    "date_to_string": lambda value, _: _date(value, "%d %b %Y"),
    "date_to_long_string": lambda value, _: _date(value, "%d %B %Y"),
    "default": _default,
    "join": _joined,
    "append": lambda value, given: _text(lambda text: text + str(given))(value, None),
    "prepend": lambda value, given: _text(lambda text: str(given) + text)(value, None),
}


def _site_configuration(site: Path) -> Mapping[str, Any]:
    """The site's `_config.yml` (or .yaml, .toml), read again when it changes."""
    return _first_parsed(site / name for name in JEKYLL_CONFIGS)


def _data_file(site: Path, name: str) -> Mapping[str, Any]:
    """The site's data file `name` (`_data/contacts.yml`, Eleventy's `_data/metadata.json`,
    or under `src/`, Eleventy's usual input folder), read again when it changes."""
    return _first_parsed(
        folder / f"{name}{suffix}"
        for folder in (site / "_data", site / "src" / "_data")
        for suffix in (".yml", ".yaml", ".json", ".toml")
    )


def _first_parsed(paths: Iterable[Path]) -> Mapping[str, Any]:
    """The data of the first of `paths` that is a file ({} for none)."""
    for path in paths:
        try:
            changed = path.stat().st_mtime_ns
        except OSError:
            continue
        return _parsed(path, changed)
    return {}


@functools.lru_cache(maxsize=32)
def _parsed(path: Path, changed: int) -> Mapping[str, Any]:
    data = read_configuration(path, "its values are taken away where a post prints them")
    return data if isinstance(data, Mapping) else {}
