"""Parse YAML and TOML files into plain data plus the line of every key and list item.

Manifests, front matter and config are written by hand; when something in them is wrong
the error must point at the line, so parsing keeps a map from key paths to line numbers.
A file that does not parse is named at the line of the mistake, with the fix written out
by yaml_mistakes.py or toml_mistakes.py.
"""

from __future__ import annotations

import contextlib
import logging
import re
import tomllib
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import textfiles
from .controls import clean_text
from .day_hint import day_hint
from .errors import PublisherError
from .limits import YAML_MAX_ALIASES, YAML_MAX_DEPTH, YAML_MAX_NODES
from .toml_mistakes import TOML_HEADER, TOML_KEY, toml_hint, unclosed_quote
from .yaml_mistakes import (
    YAML_CHECK,
    mistake_at,
    text_read_as_a_key,
    unclosed_bracket,
    written_line,
)
from .yaml_text import KEY_VALUE, YAML_12_SCALARS, curly_quoted, quoted, yaml_loader

KeyPath = tuple[Hashable, ...]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceData:
    """A parsed mapping and where each of its parts came from."""

    path: Path
    data: dict[str, Any]
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1  # for front matter, the line the block starts on in the file

    def line(self, *key: Hashable) -> int:
        """Line of the deepest known prefix of `key` (falls back to the file's first line)."""
        for end in range(len(key), 0, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]] + self.first_line - 1
        return self.first_line

    def error(self, message: str, *key: Hashable, hint: str | None = None) -> PublisherError:
        return PublisherError.at(message, self.path, self.line(*key), hint)


def _straighten_quoted_values(root: Any, loader: Any, path: Path, first_line: int) -> None:
    """Values written whole in curly quotes, without them, each with a warning at its line.

    A word processor turns the quotes typed around `title: "Our first issue"` curly; YAML
    reads those as text, so the subject line, the web page and the feeds showed them (and
    `date: “2026-12-02”` was no date). Quotes inside straight ones are the text meant."""
    import yaml

    stack: list[tuple[str, Any]] = [("", root)]
    seen = set()  # aliases share a node: once each
    while stack:
        key, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((f"{name.value}:", value) for name, value in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(("-", item) for item in reversed(node.value))
        elif key and (inner := _curly_quoted(node)):
            log.warning(
                "%s: the value is in curly quotes, which YAML keeps as part of the text: read"
                " without them; put it in straight quotes: %s (to keep curly quotes, put them"
                " inside straight ones)",
                textfiles.where(path, node.start_mark.line + first_line),
                quoted(key, inner),
            )
            node.value = inner
            node.tag = loader.resolve(yaml.ScalarNode, inner, (True, False))


def _curly_quoted(node: Any) -> str | None:
    """The text inside a scalar written without YAML's quotes and whole in curly ones;
    None for any other."""
    return None if node.style else curly_quoted(node.value)  # plain: None, or "" (libyaml)


def dump_yaml(data: Any) -> str:
    """`data` as YAML that reads back as it is, as a person would write it: keys in their
    order, letters as themselves, and a text whole in curly quotes (a title that is a
    quotation) in straight quotes too, which keep them."""
    import yaml

    return str(yaml.dump(data, Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=100))


@cache
def _dumper() -> Any:  # a class of PyYAML's dumpers
    """PyYAML's safe dumper, double-quoting a text whole in curly quotes, and quoting a
    text that YAML 1.2 reads as a number or boolean ("1e5", "0o17"), as `yaml_loader`
    reads what is written: PyYAML quotes only those YAML 1.1 reads so."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def represent_str(self, data: str) -> Any:
            style = '"' if curly_quoted(data) else None
            return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, Dumper.represent_str)
    for kind, pattern, firsts in YAML_12_SCALARS:
        Dumper.add_implicit_resolver(f"tag:yaml.org,2002:{kind}", re.compile(pattern), firsts)
    return Dumper


def _refuse_unused_anchors(text: str, path: Path, first_line: int) -> None:
    """An anchor nothing refers to is a value that began with "&" unquoted: YAML took
    `title: &more news` for an anchor named "more" and the title "news", silently."""
    import yaml

    defined: dict[str, Any] = {}
    used = set()
    for event in yaml.parse(text, Loader=yaml_loader()):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            used.add(anchor)
        elif anchor:
            defined.setdefault(anchor, event.start_mark)
    for anchor, mark in defined.items():
        if anchor not in used:
            found = KEY_VALUE.match(written_line(text, mark.line))
            raise PublisherError.at(
                f"'&{anchor}' begins a value, so YAML takes '{anchor}' for an anchor's name"
                " and drops it from the text",
                path,
                mark.line + first_line,
                f"put the value in quotes: {quoted(*found.groups())}" if found else None,
            )


def parse_yaml(text: str, path: Path, first_line: int = 1) -> SourceData:
    import yaml

    pasted = bool(_PASTED_SPACE.search(text))
    if pasted or _BULLETED_LIST.search(text):
        text = _as_typed(text)
    # One parse (libyaml's when available): the node tree gives lines, the data is built from it.
    loader = yaml_loader()(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_yaml_tree(node, path, first_line)
            if pasted:
                _strip_keys(node)
            _straighten_quoted_values(node, loader, path, first_line)
            if ("|" in text or ">" in text) and (found := text_read_as_a_key(node)):
                index, message, fix = found
                raise PublisherError.at(message, path, index + first_line, fix)
            if "#" in text:
                _refuse_hashtags_read_as_comments(node, text, path, first_line)
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:  # the pure-Python parser on a deep nest (libyaml stops at 1000)
        raise _too_deep(path, first_line) from None
    except ValueError as exc:  # a well-formed but impossible value, e.g. date: 2026-02-30
        raise _impossible_value(text, path, first_line, exc) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if "end of stream" in problem or unclosed_bracket(exc):  # where it opened
            mark = getattr(exc, "context_mark", None) or mark
        line, hint = first_line, YAML_CHECK
        if mark is not None:
            index, hint = mistake_at(text, mark.line, first_line)
            line = index + first_line
        raise PublisherError.at(f"not valid YAML: {problem}", path, line, hint) from None
    finally:
        loader.dispose()
    if "&" in text:
        _refuse_unused_anchors(text, path, first_line)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PublisherError.at(
            "expected a mapping of 'key: value' lines", path, first_line, "see the README"
        )
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _walk_yaml(node, (), lines)
    return SourceData(path, data, lines, first_line)


# Spaces a word processor types where the editor meant an ordinary one: non-breaking (and
# before a colon, as French is typed: "title : …"), narrow and figure spaces. YAML reads
# them as text, so `title<nbsp>: Rents` was a key "title " and the article went untitled,
# and a list indented with them did not parse.
_PASTED = "\u00a0\u202f\u2007"
_PASTED_SPACE = re.compile(f"[{_PASTED}]")
_SPACE = f"[ {_PASTED}]"  # an ordinary space or one of those
# A list's "- " that a word processor made a bullet (or a Markdown habit a "* ").
_BULLETS = "*\u2022\u2013\u2014\u00b7\u2023\u25e6"
# Where they stand for YAML's own spaces: indenting a line, after a key's colon (one
# before it only makes the key longer: `_strip_keys` takes it off).
_INDENT = re.compile(
    f"^{_SPACE}+(?=[-{_BULLETS}][ \t]|[\\w-]+{_SPACE}*:)", re.MULTILINE
)  # before a key or a list's item: the lines of a text keep theirs
_TOML_INDENT = re.compile(f"^{_SPACE}+(?=[\\w.-]+{_SPACE}*=|\\[)", re.MULTILINE)
_AFTER_KEY = re.compile(f"^( *(?:- +)?[\\w-]+{_SPACE}*):[{_PASTED}]{_SPACE}*", re.MULTILINE)

# The lines after a key with no value that all begin with a bullet: a bulleted list (so
# a "•" in a block of text is left as written).
_BULLET = f"( *)[{_BULLETS}][ \t{_PASTED}]+"
_BULLETED_LIST = re.compile(
    f"^( *(?:- +)?[\\w-]+:[ \t]*\n)((?:{_BULLET}.*(?:\n|$))+)", re.MULTILINE
)


def _dashed(text: str) -> str:
    """`text` with its bulleted lists' bullets "- "."""
    bullet = re.compile(f"^{_BULLET}", re.MULTILINE)
    return _BULLETED_LIST.sub(lambda m: m[1] + bullet.sub(r"\1- ", m[2]), text)


_AROUND_EQUALS = re.compile(f"^( *[\\w.-]+){_SPACE}*={_SPACE}*", re.MULTILINE)


def _as_typed(text: str) -> str:
    """The first that is YAML of: `text` with the spaces that indent its lines made
    ordinary ones and its bulleted lists' bullets "- " (YAML would read a list indented
    with those spaces as keys of their own, and a bulleted one as one line of text);
    `text` as written (a key they start, at the line's start, is taken off by
    `_strip_keys`); either with the spaces after its keys' colons made ordinary too.
    Values are left as written: a French editorial keeps its non-breaking spaces before
    colons, a text its bullets."""
    import yaml

    def parses(candidate: str) -> bool:
        try:
            yaml.compose(candidate, Loader=yaml_loader())
        except (yaml.YAMLError, RecursionError):
            return False
        return True

    typed = _dashed(_INDENT.sub(lambda m: " " * len(m[0]), text))
    candidates = (typed, text, *(_AFTER_KEY.sub(r"\1: ", t) for t in (typed, text)))
    return next((candidate for candidate in candidates if parses(candidate)), text)


def _strip_keys(node: Any) -> None:
    """Mapping keys written without quotes, without the pasted spaces around them. Each
    node once: aliases share them (`_check_yaml_tree` has bounded the tree already)."""
    import yaml

    stack, seen = [node], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and not key.style:
                    key.value = key.value.strip(" " + _PASTED)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _check_yaml_tree(root: Any, path: Path, first_line: int) -> None:
    """Refuse an alias bomb, a deep nest or a repeated key before any value is built.

    Aliases share one node, so walking the tree expands them as building the data (or
    walking it later) would: the walk stops as soon as it passes a limit.
    """
    seen: set[int] = set()
    aliases = nodes = 0
    stack: list[tuple[Any, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + first_line
        nodes += 1
        if id(node) in seen:
            aliases += 1
        seen.add(id(node))
        if aliases > YAML_MAX_ALIASES:
            raise PublisherError.at(
                f"more than {YAML_MAX_ALIASES} values repeated through aliases (*name)",
                path,
                line,
                "aliases that repeat aliases multiply: write the values out instead",
            )
        if nodes > YAML_MAX_NODES:
            raise PublisherError.at(
                f"more than {YAML_MAX_NODES:,} values", path, line, "split the file"
            )
        if depth > YAML_MAX_DEPTH:
            raise _too_deep(path, line)
        children = _children(node, path, first_line)
        stack.extend((child, depth + 1) for child in reversed(children))


# After an unquoted value: a '#' with no space after it, as in a hashtag (#RentStrike, #14M)
_HASHTAG_COMMENT = re.compile(r"[ \t]+#\S")


def _refuse_hashtags_read_as_comments(root: Any, text: str, path: Path, first_line: int) -> None:
    """Refuse a text value cut short by a hashtag. YAML reads ` #` after an unquoted value
    as the start of a comment, so `title: Rent strike week four #RentStrike` published
    "Rent strike week four" with no word said; a comment meant as one starts `# ` (a space
    after the mark), a hashtag never does."""
    import yaml

    lines = text.split("\n")
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif not node.style and node.tag == "tag:yaml.org,2002:str":  # plain: unquoted
            end = node.end_mark
            written = lines[end.line] if end.line < len(lines) else ""
            if _HASHTAG_COMMENT.match(written, end.column):
                raise PublisherError.at(
                    f"{written[end.column :].strip()!r} after {node.value!r} is read as a"
                    " comment and left out",
                    path,
                    end.line + first_line,
                    _quote_hint(written, node.start_mark.column)
                    if node.start_mark.line == end.line
                    else "put the value in quotes to keep the '#' and what follows",
                )


def _quote_hint(written: str, start: int) -> str:
    """The line `written` with its value (from column `start`) in quotes, as a hint."""
    key, value = written[:start], written[start:].strip()
    if key.strip() == "-" or key.rstrip().endswith(":"):
        return f"put the value in quotes: {quoted(key, value)}"
    return "put the value in quotes to keep the '#' and what follows"


def _children(node: Any, path: Path, first_line: int) -> list[Any]:
    """A node's keys and values (or items); a key given twice in one mapping is an error."""
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if not isinstance(node, yaml.MappingNode):
        return []
    keys: dict[tuple[str, str], int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
            continue
        line, key = key_node.start_mark.line + first_line, (key_node.tag, key_node.value)
        if key in keys:
            raise PublisherError.at(
                f"{key_node.value!r} is given twice (lines {keys[key]} and {line})",
                path,
                line,
                "keep one of them: the second would silently replace the first",
            )
        keys[key] = line
    return [part for pair in node.value for part in pair]


def _too_deep(path: Path, line: int) -> PublisherError:
    return PublisherError.at(
        f"values nested more than {YAML_MAX_DEPTH} levels deep",
        path,
        line,
        "check the indentation: lists and mappings inside each other rarely go past 5 levels",
    )


def _impossible_value(text: str, path: Path, first_line: int, exc: ValueError) -> PublisherError:
    """The error for a date or time that does not exist, named with its key and value
    (YAML names neither: "day is out of range for month") and, for a day, what its month
    holds; day_hint gives the same hint for a day a manifest or front matter writes."""
    line, key, value = _impossible_value_at(text, first_line)
    said = f"{key} {value!r}" if key else repr(value) if value else "a value"
    if re.search(r"\b(?:hour|minute|second)\b", str(exc)):
        hint = "check the times: hours go from 0 to 23, minutes and seconds from 0 to 59"
    else:
        hint = day_hint(value, key or "date")
    return PublisherError.at(f"{said} is not a valid date: {exc}", path, line, hint)


def _impossible_value_at(text: str, first_line: int) -> tuple[int, str, str]:
    """The line, key ("" in a list) and value of the first date-shaped value that is no
    date or time: a day that does not exist (2026-02-30), or an hour, minute or second
    out of range (2026-01-05T25:99:00)."""
    import yaml

    for number, line in enumerate(text.split("\n")):
        for found in _TIMESTAMP.finditer(line):
            try:
                yaml.load(found.group(0), Loader=yaml_loader())
            except ValueError:
                keyed = KEY_VALUE.match(line)
                key = keyed.group(1).strip(" -:") if keyed else ""
                return number + first_line, key, found.group(0)
            except yaml.YAMLError:
                continue
    return first_line, "", ""


# What YAML reads as a date or a time stamp (its timestamp resolver), found inside a line.
_TIMESTAMP = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}"
    r"(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?"
    r"(?![\w:.-])"
)


def _walk_yaml(node: Any, prefix: KeyPath, lines: dict[KeyPath, int]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, key_node.value)
            lines[key] = key_node.start_mark.line + 1
            _walk_yaml(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = (*prefix, index)
            lines[key] = item.start_mark.line + 1
            _walk_yaml(item, key, lines)


_TOML_LINE = re.compile(r"at line (\d+)")
_TOML_POSITION = re.compile(r" \(at line \d+, column \d+\)| \(at end of document\)")


def parse_toml(text: str, path: Path, first_line: int = 1) -> SourceData:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if _PASTED_SPACE.search(text):  # as in YAML: around `=`, and indenting a line
            typed = _TOML_INDENT.sub(lambda m: " " * len(m[0]), text)
            typed = _AROUND_EQUALS.sub(r"\1 = ", typed)
            with contextlib.suppress(tomllib.TOMLDecodeError):
                return SourceData(path, tomllib.loads(typed), _toml_lines(typed), first_line)
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else text.rstrip("\n").count("\n") + 1  # at the end
        if unclosed := unclosed_quote(text.splitlines()[:line]):
            opened, fixed = unclosed
            raise PublisherError.at(
                "not valid TOML: a quote opens a text and nothing closes it on its line",
                path,
                opened + first_line - 1,
                f"close the quote: {fixed}",
            ) from None
        raise PublisherError.at(
            f"not valid TOML: {_TOML_POSITION.sub('', str(exc))}",
            path,
            line + first_line - 1,
            toml_hint(text.splitlines(), line, first_line),
        ) from None
    return SourceData(path, data, _toml_lines(text), first_line)


def _toml_lines(text: str) -> dict[KeyPath, int]:
    """tomllib keeps no positions: find each key's line from the table headers and key names.

    [[name]] headers count up, so keys inside the second [[sections]] map to ("sections", 1, …).
    """
    lines: dict[KeyPath, int] = {}
    table: KeyPath = ()
    arrays: dict[KeyPath, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if header := TOML_HEADER.match(raw):
            name = tuple(part.strip().strip('"') for part in header.group(2).split("."))
            if header.group(1) == "[[":
                arrays[name] = arrays.get(name, -1) + 1
                lines.setdefault(name, number)
                name = (*name, arrays[name])
            table = name
            lines.setdefault(table, number)
        elif key := TOML_KEY.match(raw):
            lines.setdefault((*table, key.group(1)), number)
    return lines


def parse_json(text: str, path: Path, first_line: int = 1) -> SourceData:
    """A JSON object (Hugo's JSON front matter), its top-level keys' lines found by name:
    the json module keeps no positions."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PublisherError.at(
            f"not valid JSON: {exc.msg}",
            path,
            exc.lineno + first_line - 1,
            "a comma between two values, none after the last; keys and texts in double quotes",
        ) from None
    if not isinstance(data, dict):
        raise PublisherError.at("not valid JSON front matter: not an object", path, first_line)
    lines: dict[KeyPath, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if (key := _JSON_KEY.match(raw)) and key.group(1) in data:
            lines.setdefault((key.group(1),), number)
    return SourceData(path, data, lines, first_line)


_JSON_KEY = re.compile(r'^\s*"((?:[^"\\]|\\.)*)"\s*:')


def parse_file(path: Path) -> SourceData:
    """Parse a .yaml/.yml or .toml file by its suffix."""
    text = clean_text(textfiles.read_text(path), path)
    if path.suffix.lower() == ".toml":
        return parse_toml(text, path)
    return parse_yaml(text, path)
