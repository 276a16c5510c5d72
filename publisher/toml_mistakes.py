"""A TOML file tomllib refused: the fix for the mistake on its line, written out.

publisher.toml is written by hand, often by someone who knows YAML's front matter better:
a text without quotes, `key: value`, a key or [table] given twice, curly quotes, a Windows
path in double quotes, True as Python writes it, two settings on one line.
"""

from __future__ import annotations

import re
import tomllib

from .yaml_mistakes import DOUBLE_QUOTED

# A line `key = value`, and a table's header: [table], or [[array]] for one of many
TOML_KEY = re.compile(r'^\s*"?([A-Za-z0-9_\-]+)"?\s*=\s*(.*?)\s*$')


TOML_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")


def toml_hint(lines: list[str], line: int, first_line: int) -> str:
    """The fix for the mistake on `line` (1-based), as an editor makes it: a key or a
    [table] given twice, curly quotes from a word processor, True written as Python does."""
    said = lines[line - 1] if 0 < line <= len(lines) else ""
    headers = {  # line → the header there, [[ of an array of tables kept
        n: found[1] + found[2]
        for n, text in enumerate(lines[: line - 1], 1)
        if (found := TOML_HEADER.match(text))
    }
    shown = line + first_line - 1
    header = TOML_HEADER.match(said)
    if header and header[1] == "[" and "[" + header[2] in headers.values():
        first = min(n for n, name in headers.items() if name == "[" + header[2]) + first_line - 1
        return (
            f"[{header[2]}] is given twice (lines {first} and {shown}): put its settings under one"
        )
    if any(quote in said for quote in "“”‘’„«»"):
        return (
            'put the text in straight quotes ("…"): a word processor turns quotes curly,'
            " and TOML reads only straight ones"
        )
    if fixed := _toml_slashes(said):
        return (
            "in double quotes a backslash starts an escape: use / between folders (or single"
            f" quotes): {fixed}"
        )
    if key := TOML_KEY.match(said):
        table_start = max(headers, default=0)
        for n in range(table_start + 1, line):
            if (other := TOML_KEY.match(lines[n - 1])) and other[1] == key[1]:
                return (
                    f"{key[1]!r} is given twice (lines {n + first_line - 1} and {shown}): keep one"
                )
        if key[2].strip("\"'") in ("True", "False", "TRUE", "FALSE", "Yes", "No", "yes", "no"):
            return "write true or false, in lower case and without quotes"
        if quoted := _toml_quoted(said, key):
            return f"put the text in quotes: {quoted}"
    if settings := _settings_on_one_line(said):
        return f"one setting to a line: put {' and '.join(settings)} on lines of their own"
    if found := _TOML_YAML_KEY.match(said):  # `title: "Our News"`, as YAML and front matter
        for value in (found[2], _toml_text(found[2])):
            if _is_toml(fixed := f"{found[1]} = {value}"):
                return f"TOML writes = between a key and its value: {fixed}"
    return "strings need quotes; tables look like [email]"


# A line `key: value`, as YAML writes it
_TOML_YAML_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*:\s*(.*?)\s*$")


# Where a second setting may start on a line: after spaces, a comma or a semicolon
_NEXT_SETTING = re.compile(r"[\s,;]+(?=[A-Za-z0-9_\-]+\s*=)")


def _settings_on_one_line(said: str) -> list[str] | None:
    """The settings written on one line (`page_size = "A4" bleed = "3mm"`, or apart by a
    comma, as a list of them is written in prose), each TOML on its own; None when the
    line is no such settings."""
    for found in _NEXT_SETTING.finditer(said):
        first, rest = said[: found.start()].strip(), said[found.end() :]
        if "=" not in first or not _is_toml(first):
            continue
        if _is_toml(rest):
            return [first, _toml_comment_apart(rest)[0].strip()]  # (a comment after it left out)
        if more := _settings_on_one_line(rest):
            return [first, *more]
    return None


def _toml_quoted(said: str, key: re.Match[str]) -> str | None:
    """The line `key = value` with its value in quotes, when that makes it TOML: a text
    written bare (`title = Our News`), any comment after it kept."""
    value, comment = _toml_comment_apart(key[2])
    if not value or value[0] in "\"'[{" or re.match(r"[+-]?\d", value):  # a number or date
        return None
    fixed = f"{said[: key.start(2)]}{_toml_text(value)}{comment}".strip()
    return fixed if _is_toml(fixed) else None


def _toml_comment_apart(value: str) -> tuple[str, str]:
    """A value as written and the comment after it (from the spaces before its `#`)."""
    found = re.search(r"\s+#", value)
    return (value[: found.start()], value[found.start() :]) if found else (value, "")


def _toml_text(value: str) -> str:
    """`value` as a TOML text: in double quotes, or single ones when it has a double."""
    return f"'{value}'" if '"' in value and "'" not in value else f'"{value}"'


def unclosed_quote(lines: list[str]) -> tuple[int, str] | None:
    """The first of `lines` (its number, 1-based) whose value opens a quote that nothing
    closes on its line, and the line with it closed. TOML said "Illegal character" of the
    line's end, or of a single quote "Expected" one at the end of the file, and the hint
    "strings need quotes" of a value in quotes. A text in quotes ends on its line (but a
    triple-quoted one); curly quotes have a hint of their own (`toml_hint`)."""
    for number, written in enumerate(lines, 1):
        if not (key := TOML_KEY.match(written)):
            continue
        value = key[2]
        quote = value[:1]
        if (
            quote not in ("'", '"')
            or value.startswith(quote * 3)
            or any(curly in written for curly in "“”‘’„")
            or _is_toml(written)
        ):
            continue
        text, comment = _toml_comment_apart(value[1:])  # `"teal-ish   # the accent`
        fixed = f"{written[: key.start(2)]}{quote}{text}{quote}{comment}".strip()
        if _is_toml(fixed):
            return number, fixed
    return None


def _is_toml(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


def _toml_slashes(written: str) -> str | None:
    """The line `written` with / for each backslash in its values in double quotes, when
    that makes it TOML: a Windows path (`logo = "documents\\Logo.JPG"`) is an escape `\\L`
    there, which TOML has not. None when that does not mend the line."""

    def slashed(found: re.Match[str]) -> str:
        return '"' + found.group(1).replace("\\", "/") + '"'

    if "\\" not in written:
        return None
    fixed = DOUBLE_QUOTED.sub(slashed, written).strip()
    return fixed if _is_toml(fixed) else None
