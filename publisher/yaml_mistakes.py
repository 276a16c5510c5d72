"""A YAML file PyYAML refused: the line of the mistake and its fix, written out.

People who never chose YAML write its mistakes: a tab that indents, a Windows path in
double quotes, a colon, quote or bracket left in a title, a key with no colon or no space
after it, a line indented out of step, the text of `editorial: |` written under it without
its indent. PyYAML names the line where it gave up, often a line or more below; the fix
found here is checked by parsing the file with it made. One of these mistakes is YAML all
the same (`text_read_as_a_key`), and is refused from the parsed tree.
"""

from __future__ import annotations

import re
from typing import Any

from .yaml_text import (
    CURLY_PAIRS,
    KEY_VALUE,
    curly_quoted,
    in_brackets,
    parses,
    quoted,
    yaml_loader,
)


def mistake_at(text: str, index: int, first_line: int = 1) -> tuple[int, str]:
    """The line (from 0) of the mistake PyYAML gave up on at line `index`, and its fix: the
    line's own (`yaml_fix`), else a list item's dash with no space after it, a key with no
    colon or no space after it, or a key indented out of step, each of which PyYAML names
    lines later. `first_line`: the file's line where `text` starts (front matter's is 2),
    for a hint that names lines."""
    hint = yaml_fix(written_line(text, index))
    if dashed := dash_without_space(text, index):
        return dashed
    if hint == YAML_CHECK:
        if unindented := _block_text_not_indented(text, index, first_line):
            return unindented
        for mistake in (_colon_missing, _space_missing, _indent_out_of_step):
            if found := mistake(text, index):
                return found
    return index, hint


def yaml_fix(written: str) -> str:
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
    if (found := KEY_VALUE.match(written)) and not parses(found.group(0).lstrip(" -")):
        key, value = found.groups()
        opened = value[0]
        if opened in "\"'" and value.count(opened) == 1:
            other = "'" if opened == '"' else '"'
            if value[-1] == other and value.count(other) == 1:  # "First issue': not a pair
                value = value[:-1]
            return f"close the quote: {key.strip()} {value}{opened}"
        if _quoted_items(key, value):
            return f"put the list in brackets: {key.strip()} [{value}]"
        # 'Don't stop': the quote inside ends the text; the other kind holds it. Not
        # "Strike", "now": texts each in its quotes, a title's words as typed.
        paired = (
            value[0] == value[-1]
            and value[0] in "\"'"
            and len(value) > 2
            and not _QUOTED_PIECES.fullmatch(value)
        )
        if paired and parses(quoted(key.lstrip(" -"), value[1:-1])):
            return f"put the value in quotes: {quoted(key, value[1:-1])}"
        if (closed := _flow_items_closed(value)) and parses(f"{key.lstrip(' -')} {closed}"):
            return f"close the quote: {key.strip()} {closed}"
        if value[0] + value[-1] in CURLY_PAIRS and parses(quoted(key.lstrip(" -"), value[1:-1])):
            return (
                f"put the value in straight quotes: {quoted(key, value[1:-1])} (a word"
                " processor turns quotes curly: YAML reads only straight ones)"
            )
        if (mended := _empty_items_taken_out(value)) and parses(f"{key.lstrip(' -')} {mended}"):
            return f"take out the extra comma: {key.strip()} {mended}"
        quote = f"put the value in quotes: {quoted(key, value)}"
        if (closed := _bracket_closed(value)) and parses(f"{key.lstrip(' -')} {closed}"):
            # items with commas between them are a list; `[Draft` may be a title's text
            close = f"close the bracket: {key.strip()} {closed}"
            if "," in value:
                return f"{close} (or, if the bracket is part of the text, {quote})"
            return f"{quote} (or, if it is a list, {close})"
        if parses(quoted(key.lstrip(" -"), value)):
            return quote
    return YAML_CHECK


# Two texts or more, each in its quotes, commas between them: "Strike", "now"
_QUOTED_PIECES = re.compile(r'"[^"]*"(?:\s*,\s*"[^"]*")+|\'[^\']*\'(?:\s*,\s*\'[^\']*\')+')

# Keys whose value is a list, in a manifest or front matter
_LIST_KEYS = {"documents", "tags", "categories", "authors", "author", "aliases", "editions"}


def _quoted_items(key: str, value: str) -> bool:
    """Whether `value` is two or more texts with commas between them, for a key that lists:
    `documents: "strike", "rents"` is YAML's one text and then a stray one."""
    items = in_brackets(value) if key.strip(" -:") in _LIST_KEYS else None
    return items is not None and len(items) > 1


def _bracket_closed(value: str) -> str | None:
    """A list (`[a, b`) whose closing bracket was left out, closed; None for any other
    value. (A brace opens a mapping, which no one who never chose YAML means to write.)"""
    if not value.startswith("[") or value.count("[") <= value.count("]"):
        return None
    return value + "]" * (value.count("[") - value.count("]"))


# A comma with only spaces between it and the bracket or comma before it: an empty item
_EMPTY_ITEM = re.compile(r"(?<=\[)\s*,\s*|(?<=,)\s*,")


def _empty_items_taken_out(value: str) -> str | None:
    """A list in brackets with two commas in a row (`[welcome,, rents]`) or one after its
    bracket, which YAML refuses as an empty item, without the extra commas; None for any
    other value."""
    if not (value.startswith("[") and value.endswith("]")):
        return None
    mended = _EMPTY_ITEM.sub("", value)
    return mended if mended != value else None


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
YAML_CHECK = "check indentation and quote values that contain ':' or start with '[', '{' or '*'"


# A value in double quotes, with any escapes (`\"`) in it
DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _backslashes_kept(written: str) -> str | None:
    """The line `written` with each value in double quotes that a backslash makes no YAML
    in single quotes, where a backslash is a backslash: a Windows path typed in double
    quotes, `"2026-05 May\\Report.md"`, is an escape `\\R` there, which YAML has not.
    None when that does not mend the line."""

    def single(found: re.Match[str]) -> str:
        value = found.group(0)
        if "\\" not in value or parses(f"x: {value}"):
            return value
        return "'" + found.group(1).replace("'", "''") + "'"

    fixed = DOUBLE_QUOTED.sub(single, written).strip()
    return fixed if fixed != written.strip() and parses(fixed) else None


# A list item without the space after its dash: `-strike-vote` (not `---`, not `-5`)
_DASH_NO_SPACE = re.compile(r"^(\s*)-([^\s\d-].*)$")


def dash_without_space(text: str, upto: int) -> tuple[int, str] | None:
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
    line = quoted(f"{key}:", inner) if (inner := curly_quoted(value)) else f"{key}: {value}"
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
        if undashed := _dash_taken_out(lines, index, found, upto):
            return index, undashed
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


def _dash_taken_out(lines: list[str], index: int, found: re.Match[str], upto: int) -> str | None:
    """The fix for `- documents:` written under `- title:`, more indented: the dash starts
    a list there, where the section's next key belongs. (Lined up with the dash above, as
    lining up would advise, it starts a section of its own.)"""
    above = next((line for line in reversed(lines[:index]) if line.strip()), "")
    if (
        not found.group(2)
        or not (other := _KEY_AT.match(above))
        or other.group(3) == found.group(3)
    ):
        return None
    column = len(other.group(1)) + len(other.group(2))
    if column <= len(found.group(1)) and _mends(
        lines, index, " " * column + lines[index].lstrip(" -"), upto
    ):
        key, under = found.group(3), other.group(3)
        return f"take out the '- ' in front of '{key}', so that it lines up under '{under}'"
    return None


# A key whose value is the block of text below it: `editorial: |`, `summary: >-`
_BLOCK_KEY = re.compile(r"^( *)((?:- +)?)([A-Za-z_][\w-]*):[ \t]+([|>][-+1-9]*)[ \t]*(?:#.*)?$")


# How many keys below a block of text may be where its text ends: each is a parse of the file
_BLOCK_ENDS_TRIED = 8


def _block_text_not_indented(text: str, upto: int, first_line: int) -> tuple[int, str] | None:
    """The first line of the text under a key such as `editorial: |` written without the
    indent that makes it the key's value, and the fix: YAML reads the text as keys and
    says "could not find expected ':'", which the hint for a missing colon answered with
    `Hello: there`. The text ends at a key in line with the block's own key: the first
    whose indenting mends the file."""
    lines = text.split("\n")
    start = next(
        (i for i in range(min(upto, len(lines) - 1), -1, -1) if _BLOCK_KEY.match(lines[i])), None
    )
    if start is None:
        return None
    found = _BLOCK_KEY.match(lines[start])
    assert found is not None
    key_indent = len(found.group(1)) + len(found.group(2))
    written = [i for i in range(start + 1, len(lines)) if lines[i].strip()]
    if not written:
        return None
    spaces = _indent(lines[written[0]])
    spaces = spaces if spaces > key_indent else key_indent + 2  # as its first line has it
    ends = [i for i in written if _indent(lines[i]) <= key_indent and _KEY_AT.match(lines[i])]
    for end in [*ends[:_BLOCK_ENDS_TRIED], len(lines)]:
        short = [i for i in written if i < end and _indent(lines[i]) < spaces]
        if not short:
            return None  # the text is indented: the mistake is another
        mended = list(lines)
        for i in short:
            mended[i] = " " * spaces + lines[i].lstrip(" ")
        if _reads(mended, upto):
            lines_from = f"lines {short[0] + first_line} to {short[-1] + first_line}"
            which = "this line" if len(short) == 1 else lines_from
            block = f"{found.group(3)}: {found.group(4)}"
            return short[0], _indent_the_text(which, spaces, block)
    return None


def _indent_the_text(which: str, spaces: int, block: str) -> str:
    return f"start {which} with {spaces} spaces: the text of '{block}' above is indented under it"


def text_read_as_a_key(root: Any) -> tuple[int, str, str] | None:
    """A line of prose read as a key because the text it belongs to, under `editorial: |`,
    was written without its indent: the line (from 0), the message and the fix. The file is
    YAML all the same when the text's first line has a colon in it (`We say: no.`), and its
    block is read as empty: the editorial went out blank and the manifest named an unknown
    key 'We say' with the keys it knows; in front matter the text was kept as a field no
    output shows. A key with a space in it is prose; a block left empty before a key such
    as `sections:` is the editor's choice."""
    import yaml

    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        if not isinstance(node, yaml.MappingNode):
            continue
        stack.extend(value for _, value in node.value)
        for (key, value), (after, _) in zip(node.value, node.value[1:], strict=False):
            emptied = isinstance(value, yaml.ScalarNode) and value.style in ("|", ">")
            prose = isinstance(after, yaml.ScalarNode) and not after.style
            if emptied and not value.value and prose and re.search(r"\s", after.value):
                block = f"{key.value}: {value.style}"
                message = f"'{after.value}' is read as a key: the text of '{block}' above is empty"
                which = "this line, and the text's lines after it,"
                fix = _indent_the_text(which, key.start_mark.column + 2, block)
                return after.start_mark.line, message, fix
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


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
    return _reads([*lines[:index], written, *lines[index + 1 :]], upto)


def _reads(lines: list[str], upto: int) -> bool:
    """Whether `lines` read as YAML, or fail only further down than line `upto` (from 0)."""
    still = _error_line("\n".join(lines))
    return still is None or still > upto


def _error_line(text: str) -> int | None:
    """The line (from 0) where YAML first fails to read `text`; None when it reads it."""
    import yaml

    try:
        yaml.compose(text, Loader=yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return mark.line if mark is not None else 0
    except RecursionError:
        return 0
    return None


def unclosed_bracket(exc: Exception) -> bool:
    """Whether YAML gave up on a `[` or `{` never closed: it says so at the next key's line,
    or past the last one (front matter's closing `---`), not at the line of the bracket."""
    context, problem = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    return (
        str(getattr(exc, "context", "")).startswith("while parsing a flow")
        and context is not None
        and problem is not None
        and problem.line > context.line
    )


def written_line(text: str, index: int) -> str:
    """Line `index` (from 0) of `text` as written, or "" past its end (a mark at the end)."""
    lines = text.splitlines()
    return lines[index] if index < len(lines) else ""
