"""Parse YAML and TOML files into plain data plus the line of every key and list item.

Manifests, front matter and config are written by hand; when something in them is wrong
the error must point at the line, so parsing keeps a map from key paths to line numbers.
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


# A `key: value` line, as a list item or not: the value is what may need quotes.
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[^\s:#'\"-][^:]*:)\s+(\S.*?)\s*$")


def _yaml_fix(written: str) -> str:
    """The hint for a YAML error on the line `written`: for the mistakes people who never
    chose YAML make most (a tab that indents; a Windows path in double quotes; a title with
    a colon, a quote or a bracket in it left unquoted, or a quote left open), the fix
    written out; else what to check."""
    if "\t" in written[: len(written) - len(written.lstrip())]:
        return "this line is indented with a tab: YAML indents with spaces only"
    if fixed := _backslashes_kept(written):
        return (
            "in double quotes a backslash starts an escape: use single quotes, or / between"
            f" folders: {fixed}"
        )
    if (found := _KEY_VALUE.match(written)) and not _parses(found.group(0).lstrip(" -")):
        key, value = found.groups()
        opened = value[0]
        if opened in "\"'" and value.count(opened) == 1:
            other = "'" if opened == '"' else '"'
            if value[-1] == other and value.count(other) == 1:  # "First issue': not a pair
                value = value[:-1]
            return f"close the quote: {key.strip()} {value}{opened}"
        # 'Don't stop': the quote inside ends the text; the other kind holds it
        paired = value[0] == value[-1] and value[0] in "\"'" and len(value) > 2
        if paired and _parses(_quoted(key.lstrip(" -"), value[1:-1])):
            return f"put the value in quotes: {_quoted(key, value[1:-1])}"
        if (closed := _flow_items_closed(value)) and _parses(f"{key.lstrip(' -')} {closed}"):
            return f"close the quote: {key.strip()} {closed}"
        if value[0] + value[-1] in _CURLY_PAIRS and _parses(_quoted(key.lstrip(" -"), value[1:-1])):
            return (
                f"put the value in straight quotes: {_quoted(key, value[1:-1])} (a word"
                " processor turns quotes curly: YAML reads only straight ones)"
            )
        quote = f"put the value in quotes: {_quoted(key, value)}"
        if (closed := _bracket_closed(value)) and _parses(f"{key.lstrip(' -')} {closed}"):
            # items with commas between them are a list; `[Draft` may be a title's text
            close = f"close the bracket: {key.strip()} {closed}"
            if "," in value:
                return f"{close} (or, if the bracket is part of the text, {quote})"
            return f"{quote} (or, if it is a list, {close})"
        if _parses(_quoted(key.lstrip(" -"), value)):
            return quote
    return _YAML_CHECK


def _bracket_closed(value: str) -> str | None:
    """A list (`[a, b`) whose closing bracket was left out, closed; None for any other
    value. (A brace opens a mapping, which no one who never chose YAML means to write.)"""
    if not value.startswith("[") or value.count("[") <= value.count("]"):
        return None
    return value + "]" * (value.count("[") - value.count("]"))


def _flow_items_closed(value: str) -> str | None:
    """A list written in brackets with an item's quote left open (`[strike, "vote]`), each
    item's quote closed; None when the value is no such list."""
    if not (value.startswith("[") and value.endswith("]")):
        return None
    items = [item.strip() for item in value[1:-1].split(",")]
    closed = [
        item + item[0] if item[:1] in ("'", '"') and item.count(item[0]) == 1 else item
        for item in items
    ]
    return "[" + ", ".join(closed) + "]" if closed != items else None


# The hint when no fix of the line YAML names is found
_YAML_CHECK = "check indentation and quote values that contain ':' or start with '[', '{' or '*'"


# A value in double quotes, with any escapes (`\"`) in it
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _backslashes_kept(written: str) -> str | None:
    """The line `written` with each value in double quotes that a backslash makes no YAML
    in single quotes, where a backslash is a backslash: a Windows path typed in double
    quotes, `"2026-05 May\\Report.md"`, is an escape `\\R` there, which YAML has not.
    None when that does not mend the line."""

    def single(found: re.Match[str]) -> str:
        value = found.group(0)
        if "\\" not in value or _parses(f"x: {value}"):
            return value
        return "'" + found.group(1).replace("'", "''") + "'"

    fixed = _DOUBLE_QUOTED.sub(single, written).strip()
    return fixed if fixed != written.strip() and _parses(fixed) else None


# A list item without the space after its dash: `-strike-vote` (not `---`, not `-5`)
_DASH_NO_SPACE = re.compile(r"^(\s*)-([^\s\d-].*)$")


def _dash_without_space(text: str, upto: int) -> tuple[int, str] | None:
    """The first line up to `upto` (from 0) that is a list item written without the space
    after its dash, and the fix: YAML reads `-strike-vote` as text running on from the
    line above, and says so only lines further down."""
    for index, written in enumerate(text.splitlines()[: upto + 1]):
        if found := _DASH_NO_SPACE.match(written):
            return index, f"put a space after the dash: - {found.group(2)}"
    return None


# A key and its value with the colon between them left out: `title "Our first issue"`
_KEY_NO_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)[ \t]+([^\s:#].*?)\s*$")


# How many lines above YAML's error the key may be (a value running on over a few lines):
# each is a parse of the file, so a long one is not parsed once per line
_COLON_LOOKBACK = 8


def _colon_missing(text: str, upto: int) -> tuple[int, str] | None:
    """The nearest line up to `upto` (from 0) that is a key whose colon was left out, and
    the fix: YAML reads `title "Our first issue"` as text and says so only at the next
    key's line ("could not find expected ':'"), or past the end."""
    if not (mendable := _nearest_mendable(text, upto, _KEY_NO_COLON)):
        return None
    index, (indent, key, value) = mendable
    # a value in a word processor's curly quotes: the line to write, in straight ones
    line = _quoted(f"{key}:", inner) if (inner := curly_quoted(value)) else f"{key}: {value}"
    return index, f"add a colon after '{key}': {indent.lstrip()}{line}"


# A key with its value written straight after the colon: `number:9` (not `- http://…`)
_KEY_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):([^\s/].*?)\s*$")


def _space_missing(text: str, upto: int) -> tuple[int, str] | None:
    """The nearest line up to `upto` (from 0) that is a key with no space after its colon,
    and the fix: YAML reads `number:9` as the text "number:9", and says so only at the
    next key's line ("mapping values are not allowed here")."""
    if not (mendable := _nearest_mendable(text, upto, _KEY_NO_SPACE)):
        return None
    index, (indent, key, value) = mendable
    return index, f"put a space after the colon: {indent.lstrip()}{key}: {value}"


# A line that starts a key (as a list's item or not): its indent, its dash, its key
_KEY_AT = re.compile(r"^( *)((?:- +)?)([A-Za-z_][\w-]*):(?:\s|$)")

# How many lines above YAML's error the line indented out of step may be, and how many
# indents are tried for it: each is a parse of the file
_INDENT_LOOKBACK = 2
_INDENTS_TRIED = 8


def _indent_out_of_step(text: str, upto: int) -> tuple[int, str] | None:
    """A key's line near `upto` (from 0) indented by more or fewer spaces than the keys it
    belongs with, and the fix: YAML names it, or the line after it, only as "did not find
    expected '-' indicator" or "mapping values are not allowed here". The fix is the
    indent of a key above (or of its dash) that mends the file or moves its first error
    further down, the nearest first."""
    lines = text.split("\n")
    nearest = min(upto, len(lines) - 1)
    for index in range(nearest, max(nearest - _INDENT_LOOKBACK - 1, -1), -1):
        if not (found := _KEY_AT.match(lines[index])):
            continue
        indent, body, key = len(found.group(1)), lines[index].lstrip(" "), found.group(3)
        tried = {indent}
        for above in range(index - 1, -1, -1):
            if not (other := _KEY_AT.match(lines[above])):
                continue
            dash, column = len(other.group(1)), len(other.group(1)) + len(other.group(2))
            for spaces in (column, dash):
                if spaces in tried or len(tried) > _INDENTS_TRIED:
                    continue
                tried.add(spaces)
                if _mends(lines, index, " " * spaces + body, upto):
                    what = f"the dash before '{key}'" if found.group(2) else f"'{key}'"
                    named = f"'{other.group(3)}'"
                    lined = f"the dash before {named}" if spaces == dash != column else named
                    move = (
                        f"indent {what} by {spaces} spaces"
                        if spaces
                        else f"start {what} at the beginning of the line"
                    )
                    return index, f"{move}, in line with {lined} above it"
    return None


def _nearest_mendable(
    text: str, upto: int, pattern: re.Pattern[str]
) -> tuple[int, tuple[str, ...]] | None:
    """The nearest line up to `upto` (from 0) that `pattern` reads as indent, key and value,
    and those, when writing it `indent key: value` mends the file or moves its first error
    further down: the line YAML's error is about, not merely one that looks wrong."""
    lines = text.split("\n")
    nearest = min(upto, len(lines) - 1)
    for index in range(nearest, max(nearest - _COLON_LOOKBACK, -1), -1):
        if not (found := pattern.match(lines[index])):
            continue
        indent, key, value = found.groups()
        if _mends(lines, index, f"{indent}{key}: {value}", upto):
            return index, (indent, key, value)
    return None


def _mends(lines: list[str], index: int, written: str, upto: int) -> bool:
    """Whether `lines` with line `index` written as `written` read as YAML, or fail only
    further down than line `upto` (from 0): the line was the mistake YAML's error is about."""
    still = _error_line("\n".join([*lines[:index], written, *lines[index + 1 :]]))
    return still is None or still > upto


def _error_line(text: str) -> int | None:
    """The line (from 0) where YAML first fails to read `text`; None when it reads it."""
    import yaml

    try:
        yaml.compose(text, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return mark.line if mark is not None else 0
    except RecursionError:
        return 0
    return None


# Quotes a word processor writes where the editor typed straight ones, around a whole value
_CURLY_PAIRS = {"“”", "‘’", "„“", "«»", "””"}


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
                _quoted(key, inner),
            )
            node.value = inner
            node.tag = loader.resolve(yaml.ScalarNode, inner, (True, False))


def _curly_quoted(node: Any) -> str | None:
    """The text inside a scalar written without YAML's quotes and whole in curly ones;
    None for any other."""
    return None if node.style else curly_quoted(node.value)  # plain: None, or "" (libyaml)


def curly_quoted(value: str) -> str | None:
    """The text inside `value` when it is whole in curly quotes (one quotation: no other
    quote of its pair inside), else None. Written bare in YAML, such a value is read
    without them: whoever writes YAML puts it in straight quotes."""
    if len(value) < 3 or value[0] + value[-1] not in _CURLY_PAIRS:
        return None
    inner = value[1:-1]
    return None if value[0] in inner or value[-1] in inner else inner.strip() or None


def dump_yaml(data: Any) -> str:
    """`data` as YAML that reads back as it is, as a person would write it: keys in their
    order, letters as themselves, and a text whole in curly quotes (a title that is a
    quotation) in straight quotes too, which keep them."""
    import yaml

    return str(yaml.dump(data, Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=100))


@cache
def _dumper() -> Any:  # a class of PyYAML's dumpers
    """PyYAML's safe dumper, double-quoting a text whole in curly quotes."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def represent_str(self, data: str) -> Any:
            style = '"' if curly_quoted(data) else None
            return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, Dumper.represent_str)
    return Dumper


def _unclosed_bracket(exc: Exception) -> bool:
    """Whether YAML gave up on a `[` or `{` never closed: it says so at the next key's line,
    or past the last one (front matter's closing `---`), not at the line of the bracket."""
    context, problem = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    return (
        str(getattr(exc, "context", "")).startswith("while parsing a flow")
        and context is not None
        and problem is not None
        and problem.line > context.line
    )


def _line(text: str, index: int) -> str:
    """Line `index` (from 0) of `text` as written, or "" past its end (a mark at the end)."""
    lines = text.splitlines()
    return lines[index] if index < len(lines) else ""


def _quoted(key: str, value: str) -> str:
    """The line `key value` with the value in quotes YAML reads as the text written."""
    if '"' not in value:
        return f'{key.strip()} "' + value.replace("\\", "\\\\") + '"'
    return f"{key.strip()} '" + value.replace("'", "''") + "'"


def _parses(line: str) -> bool:
    """Whether one line of a title's length is YAML on its own (libyaml: no recursion)."""
    import yaml

    if len(line) > 1000:
        return False
    try:
        yaml.load(line, Loader=_yaml_loader())
    except (yaml.YAMLError, RecursionError):
        return False
    except ValueError:
        pass  # well-formed, with a day that does not exist (0000-00-00): YAML all the same
    return True


@cache
def _yaml_loader() -> Any:  # a class of PyYAML's loaders
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
    for kind, pattern, firsts in _YAML_12_SCALARS:
        Loader.add_implicit_resolver(f"tag:yaml.org,2002:{kind}", re.compile(pattern), firsts)
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader


# YAML 1.2's core schema: its booleans, integers and floats, and the characters each begins with.
_YAML_12_SCALARS = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
)


def _refuse_unused_anchors(text: str, path: Path, first_line: int) -> None:
    """An anchor nothing refers to is a value that began with "&" unquoted: YAML took
    `title: &more news` for an anchor named "more" and the title "news", silently."""
    import yaml

    defined: dict[str, Any] = {}
    used = set()
    for event in yaml.parse(text, Loader=_yaml_loader()):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            used.add(anchor)
        elif anchor:
            defined.setdefault(anchor, event.start_mark)
    for anchor, mark in defined.items():
        if anchor not in used:
            found = _KEY_VALUE.match(_line(text, mark.line))
            raise PublisherError.at(
                f"'&{anchor}' begins a value, so YAML takes '{anchor}' for an anchor's name"
                " and drops it from the text",
                path,
                mark.line + first_line,
                f"put the value in quotes: {_quoted(*found.groups())}" if found else None,
            )


def parse_yaml(text: str, path: Path, first_line: int = 1) -> SourceData:
    import yaml

    pasted = bool(_PASTED_SPACE.search(text))
    if pasted or _BULLETED_LIST.search(text):
        text = _as_typed(text)
    # One parse (libyaml's when available): the node tree gives lines, the data is built from it.
    loader = _yaml_loader()(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_yaml_tree(node, path, first_line)
            if pasted:
                _strip_keys(node)
            _straighten_quoted_values(node, loader, path, first_line)
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
        if "end of stream" in problem or _unclosed_bracket(exc):  # where it opened
            mark = getattr(exc, "context_mark", None) or mark
        line = mark.line + first_line if mark is not None else first_line
        written = _line(text, mark.line) if mark is not None else ""
        hint = _yaml_fix(written)
        if mark is not None and (dashed := _dash_without_space(text, mark.line)):
            line, hint = dashed[0] + first_line, dashed[1]
        elif hint == _YAML_CHECK and mark is not None:
            for mistake in (_colon_missing, _space_missing, _indent_out_of_step):
                if found := mistake(text, mark.line):
                    line, hint = found[0] + first_line, found[1]
                    break
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
            yaml.compose(candidate, Loader=_yaml_loader())
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
        return f"put the value in quotes: {_quoted(key, value)}"
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
                yaml.load(found.group(0), Loader=_yaml_loader())
            except ValueError:
                keyed = _KEY_VALUE.match(line)
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
        if unclosed := _unclosed_quote(text.splitlines()[:line]):
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
            _toml_hint(text.splitlines(), line, first_line),
        ) from None
    return SourceData(path, data, _toml_lines(text), first_line)


# A line `key = value`, and a table's header: [table], or [[array]] for one of many
_TOML_KEY = re.compile(r'^\s*"?([A-Za-z0-9_\-]+)"?\s*=\s*(.*?)\s*$')
_TOML_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")


def _toml_hint(lines: list[str], line: int, first_line: int) -> str:
    """The fix for the mistake on `line` (1-based), as an editor makes it: a key or a
    [table] given twice, curly quotes from a word processor, True written as Python does."""
    said = lines[line - 1] if 0 < line <= len(lines) else ""
    headers = {  # line → the header there, [[ of an array of tables kept
        n: found[1] + found[2]
        for n, text in enumerate(lines[: line - 1], 1)
        if (found := _TOML_HEADER.match(text))
    }
    shown = line + first_line - 1
    header = _TOML_HEADER.match(said)
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
    if key := _TOML_KEY.match(said):
        table_start = max(headers, default=0)
        for n in range(table_start + 1, line):
            if (other := _TOML_KEY.match(lines[n - 1])) and other[1] == key[1]:
                return (
                    f"{key[1]!r} is given twice (lines {n + first_line - 1} and {shown}): keep one"
                )
        if key[2].strip("\"'") in ("True", "False", "TRUE", "FALSE", "Yes", "No", "yes", "no"):
            return "write true or false, in lower case and without quotes"
        if quoted := _toml_quoted(said, key):
            return f"put the text in quotes: {quoted}"
    if found := _TOML_YAML_KEY.match(said):  # `title: "Our News"`, as YAML and front matter
        for value in (found[2], _toml_text(found[2])):
            if _is_toml(fixed := f"{found[1]} = {value}"):
                return f"TOML writes = between a key and its value: {fixed}"
    return "strings need quotes; tables look like [email]"


# A line `key: value`, as YAML writes it
_TOML_YAML_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*:\s*(.*?)\s*$")


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


def _unclosed_quote(lines: list[str]) -> tuple[int, str] | None:
    """The first of `lines` (its number, 1-based) whose value opens a quote that nothing
    closes on its line, and the line with it closed. TOML said "Illegal character" of the
    line's end, or of a single quote "Expected" one at the end of the file, and the hint
    "strings need quotes" of a value in quotes. A text in quotes ends on its line (but a
    triple-quoted one); curly quotes have a hint of their own (`_toml_hint`)."""
    for number, written in enumerate(lines, 1):
        if not (key := _TOML_KEY.match(written)):
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
    fixed = _DOUBLE_QUOTED.sub(slashed, written).strip()
    try:
        tomllib.loads(fixed)
    except tomllib.TOMLDecodeError:
        return None
    return fixed


def _toml_lines(text: str) -> dict[KeyPath, int]:
    """tomllib keeps no positions: find each key's line from the table headers and key names.

    [[name]] headers count up, so keys inside the second [[sections]] map to ("sections", 1, …).
    """
    lines: dict[KeyPath, int] = {}
    table: KeyPath = ()
    arrays: dict[KeyPath, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if header := _TOML_HEADER.match(raw):
            name = tuple(part.strip().strip('"') for part in header.group(2).split("."))
            if header.group(1) == "[[":
                arrays[name] = arrays.get(name, -1) + 1
                lines.setdefault(name, number)
                name = (*name, arrays[name])
            table = name
            lines.setdefault(table, number)
        elif key := _TOML_KEY.match(raw):
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
