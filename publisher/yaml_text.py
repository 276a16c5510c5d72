"""How publisher reads YAML, and writes a value so that YAML reads it back as the text meant.

The loader reads booleans and numbers as YAML 1.2 does; `quoted` and `curly_quoted` are
what the hints of sourcefile.py and yaml_mistakes.py write, and what the composer keeps.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# A `key: value` line, as a list item or not: the value is what may need quotes.
KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[^\s:#'\"-][^:]*:)\s+(\S.*?)\s*$")


# Quotes a word processor writes where the editor typed straight ones, around a whole value
CURLY_PAIRS = {"“”", "‘’", "„“", "«»", "””"}


def curly_quoted(value: str) -> str | None:
    """The text inside `value` when it is whole in curly quotes (one quotation: no other
    quote of its pair inside), else None. Written bare in YAML, such a value is read
    without them: whoever writes YAML puts it in straight quotes."""
    if len(value) < 3 or value[0] + value[-1] not in CURLY_PAIRS:
        return None
    inner = value[1:-1]
    return None if value[0] in inner or value[-1] in inner else inner.strip() or None


def quoted(key: str, value: str) -> str:
    """The line `key value` with the value in quotes YAML reads as the text written."""
    if '"' not in value:
        return f'{key.strip()} "' + value.replace("\\", "\\\\") + '"'
    return f"{key.strip()} '" + value.replace("'", "''") + "'"


def parses(line: str) -> bool:
    """Whether one line of a title's length is YAML on its own (libyaml: no recursion)."""
    import yaml

    if len(line) > 1000:
        return False
    try:
        yaml.load(line, Loader=yaml_loader())
    except (yaml.YAMLError, RecursionError):
        return False
    except ValueError:
        pass  # well-formed, with a day that does not exist (0000-00-00): YAML all the same
    return True


def in_brackets(value: str) -> list[Any] | None:
    """`value` as YAML reads it between brackets (`"strike", 'rents, day one'` → ["strike",
    "rents, day one"]), or None when that is no YAML."""
    import yaml

    try:
        items = yaml.load(f"[{value}]", Loader=yaml_loader())
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    return items if isinstance(items, list) else None


@cache
def yaml_loader() -> Any:  # a class of PyYAML's loaders
    """PyYAML's safe loader (libyaml's where it is installed), reading booleans and numbers
    as YAML 1.2 does, as ruamel (the composer's YAML) reads them too. YAML 1.1's quirks
    silently change what an editor wrote: `title: Yes` became "True", `lang: no`
    (Norwegian) False, `number: 041` issue 33 (octal), `time: 12:30` 750 (base 60).
    Now only true and false are booleans (a setting that wants one also takes yes, no, on
    and off: settings_schema.yes_or_no), digits are decimal whatever their leading zeros,
    0o and 0x mark octal and hexadecimal, and the rest stays the text written."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    replaced = {f"tag:yaml.org,2002:{kind}" for kind in ("bool", "int", "float")}

    class Loader(base):  # type: ignore[misc, valid-type]
        def construct_yaml_int(self, node: Any) -> int:
            text = str(self.construct_scalar(node))
            if text.startswith(("0o", "0x")):
                return int(text[2:], 8 if text[1] == "o" else 16)
            return int(text)

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in replaced]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    for kind, pattern, firsts in YAML_12_SCALARS:
        Loader.add_implicit_resolver(f"tag:yaml.org,2002:{kind}", re.compile(pattern), firsts)
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader


# YAML 1.2's core schema: its booleans, integers and floats, and the characters each begins with.
YAML_12_SCALARS = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
)
