"""Settings tables declared once, and the one check every place that reads settings uses.

publisher.toml and its tables, issue manifests (and their `pdf:`/`leaflet:` blocks), front
matter, print, delivery and limit settings are all hand-written mappings. Each declares its
keys here as a `Table` (how each value is read, which are required, what an unknown key is
called); `check` reads a mapping against it and reports every problem at once, each at its
file:line with a fix, so the unknown-key, near-miss, wrong-type and missing-key messages are
written in one place. (A library was weighed: pydantic costs about 150 ms of CPU to import
and build models on every CLI run, msgspec stops at the first error; neither knows lines.)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from .errors import Problem, PublisherError, closest, near_misses

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from .sourcefile import SourceData

Parse = Callable[[Any], Any]  # a raw value → its typed value, or ValueError("message\nhint")


class Report(Protocol):
    """How a table's `make` reports a problem that involves several keys, at one of them."""

    def __call__(self, message: str, key: str, hint: str | None = None) -> None: ...


Make = Callable[[dict[str, Any], Report], Any]  # good values → the object a table stands for


def _as_dict(values: dict[str, Any], report: Report) -> Any:
    return values


@dataclass(frozen=True)
class Setting:
    """One key: how its value is read, or the table it holds."""

    parse: Parse | None = None
    table: Table | None = None  # a nested table ([email] in publisher.toml, pdf: in a manifest)
    required: str = ""  # the fix shown when the key is missing, e.g. 'title = "…"'; "": optional


@dataclass(frozen=True, eq=False)
class Table:
    """The keys of one settings table and what the checked values become."""

    settings: Mapping[str, Setting]
    noun: str = "setting"  # an unknown key is an "unknown {noun} 'x'"
    label: bool = True  # start a bad value's message with the key's name ("limits.html_depth: …")
    unknown: Literal["refuse", "keep"] = "refuse"  # keep: left for the caller (front matter)
    make: Make = _as_dict  # cross-key checks, and the typed object (e.g. DeliverySettings)
    # Keys people expect from other tools, and what to do instead (an issue's 'draft')
    expected_elsewhere: Mapping[str, str] = field(default_factory=dict)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.settings)

    def with_settings(self, **more: Setting) -> Table:
        """This table with more keys (publisher.toml's top level plus the registered tables)."""
        return dataclasses.replace(self, settings={**self.settings, **more})


class Problems:
    """The problems found in one file (or on the command line), reported together."""

    def __init__(self, source: SourceData | None = None, path: Path | None = None) -> None:
        self.source = source
        self.path = source.path if source is not None else path
        self.found: list[Problem] = []
        self.keys: list[tuple[Hashable, ...]] = []  # the key path each problem is at

    def add(self, message: str, *key: Hashable, hint: str | None = None) -> None:
        line = self.source.line(*key) if self.source is not None else None
        self.found.append(Problem(message, self.path, line, hint))
        self.keys.append(key)

    def raise_any(self) -> None:
        if self.found:
            raise PublisherError(*self.found)


def misspelt_keys(data: Mapping[Any, Any], known: Iterable[str]) -> set[str]:
    """The known keys that unknown keys of `data` are most likely typos of (`section:`
    for `sections`): a key told as unknown, with its near miss, is not also missing."""
    known = set(known)
    return {
        meant
        for key in data
        if str(key) not in known and (meant := closest(str(key), known)) is not None
    }


def check(
    table: Table,
    data: Mapping[Any, Any],
    problems: Problems,
    at: tuple[Hashable, ...] = (),
    name: Callable[[str], str] | None = None,
    toml: bool = False,
    top: Table | None = None,
) -> Any:
    """`data` read against `table`: its `make` of the good values; every problem is added to
    `problems` at the line of its key under `at`. `name` says how messages name a key (by
    default its dotted path, "email.from"); `toml` names nested tables the TOML way ([pdf]).
    `top`: the file's top-level table, when `table` is nested in it: in TOML a top-level
    key written below a [table] line is that table's, and is said to belong above it.
    """

    def named(key: str) -> str:
        return name(key) if name else dotted((*at, key))

    where = f" in [{dotted(at)}]" if toml and at else ""

    meant = misspelt_keys(data, table.settings) if table.unknown == "refuse" else set()
    if table.unknown == "refuse":
        for key in data:
            if str(key) not in table.settings:
                problems.add(
                    f"unknown {table.noun} {key!r}{where}",
                    *at,
                    key,
                    hint=table.expected_elsewhere.get(str(key))
                    or _above_the_tables(str(key), top, at)
                    or near_misses(str(key), set(table.settings))
                    or f"known {table.noun}s: {', '.join(sorted(table.settings))}",
                )
    values: dict[str, Any] = {}
    for key, setting in table.settings.items():
        value = data.get(key)
        if setting.table is not None:
            if value is not None and not isinstance(value, Mapping):
                shape = (
                    f"a table like [{named(key)}]"
                    if toml
                    else f"a mapping of {setting.table.noun}s"
                )
                problems.add(f"'{named(key)}' must be {shape}", *at, key)
                continue
            nested = (setting.table, value or {}, problems, (*at, key))
            values[key] = check(*nested, toml=toml, top=(top or table) if toml else None)
        elif value is None:
            if setting.required and key not in meant:  # a typo of it is told instead
                problems.add(f"'{named(key)}' is required", *at, hint=setting.required)
        elif setting.parse is None:
            values[key] = value  # read by the caller, which knows more (a manifest's documents)
        else:
            if not toml and setting.parse is flag and (said := yes_or_no(value)) is not None:
                value = said  # a manifest's `marks: yes`: YAML 1.2 leaves it a word
            try:
                values[key] = setting.parse(value)
            except ValueError as exc:
                message, _, hint = str(exc).partition("\n")
                prefix = f"{named(key)}: " if table.label else ""
                problems.add(prefix + message, *at, key, hint=hint or None)

    def report(message: str, key: str, hint: str | None = None) -> None:
        prefix = f"{named(key)}: " if table.label else ""
        problems.add(prefix + message, *at, key, hint=hint)

    return table.make(values, report)


def _above_the_tables(key: str, top: Table | None, at: tuple[Hashable, ...]) -> str | None:
    """The fix for a top-level setting TOML read as the [table]'s it was written under."""
    setting = top.settings.get(key) if top is not None else None
    if setting is None or setting.table is not None:
        return None
    return (
        f"{key} belongs above the first [table] line: below [{dotted(at)}], TOML reads it as"
        " part of that table; move it to the top of the file"
    )


def dotted(path: tuple[Hashable, ...]) -> str:
    """A key path as people read it: pdf.page_size, sections[1].title."""
    return "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in path
    ).removeprefix(".")


class SettingsTables(Mapping[str, Any]):
    """Registered tables' values by name, with a repr in name order: builds fingerprint it."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values = dict(sorted((values or {}).items()))

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"SettingsTables({self._values!r})"

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))


# Readers shared by the tables: each returns the typed value or raises ValueError("message\nhint").


def single_line(value: Any) -> str:
    """Text on one line (it may end up in a mail header); may be empty."""
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text\nput the value in quotes")
    if "\n" in value or "\r" in value:
        raise ValueError(f"{value!r} is not a single line\nremove the line break")
    return value.strip()


def text(value: Any) -> str:
    """Non-empty text on one line."""
    line = single_line(value)
    if not line:
        raise ValueError(f"{value!r} is empty\nwrite it between the quotes")
    return line


# Besides true and false: what YAML 1.1 read as them, which YAML 1.2 (and publisher's
# reading of it, yaml_text.yaml_loader) leaves as words. TOML has its own true and
# false, and a quoted "yes" there stays a mistake to point at.
_WORDS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def yes_or_no(value: Any) -> bool | None:
    """True or false as a person writes it (true, yes, on; false, no, off); else None."""
    if isinstance(value, bool):
        return value
    return _WORDS.get(value.strip().lower()) if isinstance(value, str) else None


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false\nwrite true or false, without quotes")
    return value


def whole_number(least: int) -> Parse:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            message = f"{value!r} is not a whole number of at least {least}"
            raise ValueError(message + _without_quotes(value))
        return value

    return parse


def number(least: float) -> Parse:
    def parse(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < least:
            message = f"{value!r} is not a number of at least {least:g}"
            raise ValueError(message + _without_quotes(value))
        return float(value)

    return parse


def _without_quotes(value: Any) -> str:
    """The hint for a number written in quotes ("5"), which TOML and YAML read as text."""
    if not isinstance(value, str):
        return ""
    try:
        float(value)
    except ValueError:
        return ""
    return f"\nremove the quotes around {value.strip()}"


def choice(options: tuple[str, ...], noun: str = "value") -> Parse:
    """One of `options`, in any case."""

    def parse(value: Any) -> str:
        word = single_line(value).lower() if isinstance(value, str) else value
        if word not in options:
            raise ValueError(f"unknown {noun} {value!r}\nuse one of {', '.join(options)}")
        return str(word)

    return parse


def then(first: Parse, *more: Callable[[Any], object]) -> Parse:
    """`first`, then checks on its result, each raising ValueError; the value is `first`'s
    whatever they return (compose the functions to transform it further)."""

    def parse(value: Any) -> Any:
        result = first(value)
        for check_more in more:
            check_more(result)
        return result

    return parse


@cache
def registered_tables(group: str = "publisher.settings") -> Mapping[str, Table]:
    """The tables other parts of publisher (and plugins) register through an entry-point group,
    by table name: publisher.toml reads them without importing their packages itself."""
    from .plugins import registered

    def origin(entry: EntryPoint) -> str:
        return f"the [{entry.name}] table registered as {entry.value}"

    return {entry.name: table for entry, table in registered(group, Table, origin)}
