"""A Hugo site's configuration, read where Hugo finds it, for what a copied post still
needs of it: its `permalinks` (`hugo_permalinks`) and its `params` (`shortcodes`' param).

Hugo reads config/_default/ first, where a file named for a table (`permalinks.toml`,
`params.yaml`) holds that table alone; else hugo.toml (or .yaml, .json; config.* before
Hugo 0.110) beside content/. Keys are read in any capitals, as Hugo reads them."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..languages import file_name_language, folder_language
from ..sites import HUGO_CONFIGS, hugo_site, read_configuration

_ALONE_SUFFIXES = (".toml", ".yaml", ".yml", ".json")


def site_table(site: Path, name: str, unread: str) -> Mapping[str, Any] | None:
    """The site's table `name` from the first of its configuration files that gives it;
    None when none does. A file that does not parse is named with its line, and `unread`
    (what is done without it), once while it stays as it is."""
    return _table(name, _written(site, name), unread)


def site_of(path: Path) -> Path | None:
    """The root of the Hugo site whose content/ holds `path`, when it was copied with its
    configuration; None for any other document."""
    for folder in path.parents:
        if folder.name.casefold() == "content":
            return folder.parent if hugo_site(folder.parent) else None
    return None


def site_param(path: Path, key: str) -> Any:
    """The site's parameter `key` ("location", "venue.city") for the page at `path`, as
    Hugo's `.Param` falls back to it: its language's (`[languages.es.params]`, the page's
    language by its file name or its folder under content/), else the site's `[params]`;
    None when the page is no Hugo site's or neither gives it."""
    site = site_of(path)
    if site is None:
        return None
    unread = "param shortcodes naming the site's parameters are taken away"
    relative = path.relative_to(site)
    language = file_name_language(path) or folder_language(relative)
    tables = [site_table(site, "params", unread)]
    if language is not None:
        languages = site_table(site, "languages", unread)
        tables.insert(0, hugo_key(hugo_key(languages, language), "params"))
    return next((v for table in tables if (v := dotted(table, key)) is not None), None)


def dotted(table: Any, key: str) -> Any:
    """`table`'s value at the dotted `key` ("venue.city"), each part in any capitals; None
    where a part is missing."""
    value = table
    for part in key.split("."):
        value = hugo_key(value, part)
    return value


def hugo_key(data: Any, name: str) -> Any:
    """`data[name]`, its key in any case, as Hugo reads its configuration's and a page's
    keys; None when `data` is no table or has no such key."""
    if not isinstance(data, Mapping):
        return None
    wanted = name.casefold()
    return next((value for key, value in data.items() if str(key).casefold() == wanted), None)


def _written(site: Path, name: str) -> tuple[tuple[str, int], ...]:
    """The configuration files the site has that may give the table `name`, with when
    each was changed: what a cached table was read from."""
    default = site / "config" / "_default"
    alone = [default / f"{name}{suffix}" for suffix in _ALONE_SUFFIXES]
    found = []
    for path in (*alone, *(default / n for n in HUGO_CONFIGS), *(site / n for n in HUGO_CONFIGS)):
        try:
            found.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            continue
    return tuple(found)


@functools.lru_cache(maxsize=16)
def _table(
    name: str, written: tuple[tuple[str, int], ...], unread: str
) -> Mapping[str, Any] | None:
    for file_name, _ in written:
        path = Path(file_name)
        data = read_configuration(path, unread)
        table = data if path.stem == name else hugo_key(data, name)
        if isinstance(table, Mapping):
            return table
    return None
