"""An issue manifest changed the way its editor would change it by hand.

The composer edits `issues/*.yaml`, which stay the editor's files: a round trip through
ruamel.yaml keeps comments, key order, quoting and indentation, and a value is assigned only
when it differs from the one in the file, so every line the edit does not concern stays
byte for byte as it was. A comment belongs to the document or section on whose line it ends
or just above which it stands: it moves with it, and goes when it is removed. This module
only turns text into text; validating and writing are the caller's (the same loader as
`build`, then an atomic write).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.events import SequenceEndEvent
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    ScalarString,
)
from ruamel.yaml.tokens import CommentToken

from .controls import strip_controls
from .yaml_text import curly_quoted

# Where a key the file does not have yet goes: the order the README's example uses.
KEY_ORDER = (
    *("number", "title", "date", "language", "summary", "cover", "editorial", "sections"),
    *("pdf", "leaflet", "editions", "untranslated"),
)
LEAFLET_ORDER = ("document", "sides", "columns", "standfirst", "pull_quote")
LINE_WIDTH = 80  # a list longer than this on one line is written one item a line


@dataclass(frozen=True)
class SectionEdit:
    title: str
    documents: tuple[str, ...]  # as a manifest names them: a slug or a path in documents/
    origin: int | None = None  # its place among the file's sections; None: a new one


@dataclass(frozen=True)
class LeafletEdit:
    document: str
    sides: int | None = None  # None: the default, so no key
    columns: int | None = None
    standfirst: str = ""
    pull_quote: str = ""


@dataclass(frozen=True)
class IssueEdit:
    """What the composer's form says the issue is. Values that do not parse stay text, so
    the manifest loader names them in its own words."""

    number: int | str
    date: dt.date | str
    title: str = ""
    language: str = ""
    summary: str = ""
    editorial: str = ""
    sections: tuple[SectionEdit, ...] = ()
    leaflet: LeafletEdit | None = None
    # Language editions and what they do with an untranslated document; None: as the file
    # has them (the composer's form does not show them yet).
    editions: tuple[str, ...] | None = None
    untranslated: str | None = None


def edited(text: str | None, edit: IssueEdit) -> str:
    """`text` (a manifest, or None for a new one) with `edit` applied, changing nothing else
    but the control characters YAML refuses to read, taken out as the build reads them."""
    text = strip_controls(text)[0] if text else text
    newline = _newline(text or "")
    text = text.replace("\r\n", "\n") if text else text
    yaml = _round_trip()
    data = yaml.load(text) if text else None
    _lay_out(yaml, text or "", data)
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    _set(data, "number", edit.number, KEY_ORDER)
    _set(data, "title", edit.title, KEY_ORDER)
    _set(data, "date", edit.date, KEY_ORDER)
    _set(data, "language", edit.language, KEY_ORDER)
    _set(data, "summary", edit.summary, KEY_ORDER)
    _set(data, "editorial", _block(edit.editorial), KEY_ORDER)
    _follow_sections(data, edit.sections)
    _set_sections(data, edit.sections)
    _set_leaflet(data, edit.leaflet)
    if edit.editions is not None:
        _set_editions(data, edit.editions)
    if edit.untranslated is not None:
        _set(data, "untranslated", edit.untranslated, KEY_ORDER)
    out = io.StringIO()
    yaml.dump(data, out)
    return str(out.getvalue()).replace("\n", newline)


def as_written(text: str) -> Any:
    """The data of a manifest's `text` as the composer's round trip reads it, a date that
    does not exist (2026-02-30) as its text: a file the build refuses for it is still shown
    in the form, to mend there. Raises ruamel.yaml's errors for text that is no YAML."""
    return _round_trip().load(strip_controls(text)[0])


def _round_trip() -> YAML:
    yaml = YAML()  # round trip
    yaml.Constructor = _DatesAsWritten
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the editor wrote on one
    return yaml


class _DatesAsWritten(RoundTripConstructor):
    """ruamel.yaml's round trip, reading a date or time that does not exist as the text
    written (it raised ValueError): the edit that mends it replaces it."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)


_DatesAsWritten.add_constructor(
    "tag:yaml.org,2002:timestamp", _DatesAsWritten.construct_yaml_timestamp
)


def _newline(text: str) -> str:
    """The file's own line break: a file from Notepad keeps its CRLF, so that a diff shows
    the lines the edit changed rather than every line."""
    first = re.search(r"\r?\n", text)
    return first.group() if first else "\n"


def _lay_out(yaml: YAML, text: str, data: Any) -> None:
    """`yaml` writing `data`, loaded from `text`, indented as `text` is."""
    lists: dict[int, tuple[int, int]] = {}
    mapping = _indentation(text.splitlines(), data, lists)
    sequence, offset = next(iter(lists.values()), (4, 2))  # new files: the README's
    yaml.indent(mapping=mapping or sequence - offset, sequence=sequence, offset=offset)

    class Emitter(_ListsAsWritten):
        layouts = lists

    yaml.Emitter = Emitter


def _indentation(lines: list[str], node: Any, lists: dict[int, tuple[int, int]]) -> int | None:
    """How `node` (loaded from `lines`) and what is in it are indented, where ruamel.yaml
    has their places: in `lists`, the (sequence, offset) of the first block list under a
    key at each column (`    - title: A` under `sections:` is an offset of 4 and a
    sequence of 6, `        - quotes` under `      documents:` 2 and 4); returned, how far
    the first mapping under a key is indented from it (None: the file has none; it is
    then indented as far as its lists' items are from their dash). The parser's places,
    not a guess from the lines: a comment line after `sections:` is no list's layout."""
    mapping = None
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            column = node.lc.key(key)[1]
            if _block_list(value) and value and column not in lists:
                line, start = value.lc.item(0)
                dash = lines[line].rfind("-", 0, start)
                if dash >= column:
                    lists[column] = (start - column, dash - column)
            elif isinstance(value, CommentedMap) and value and mapping is None:
                mapping = value.lc.key(next(iter(value)))[1] - column
            inner = _indentation(lines, value, lists)
            mapping = mapping if mapping is not None else inner
    elif isinstance(node, CommentedSeq):
        for value in node:
            inner = _indentation(lines, value, lists)
            mapping = mapping if mapping is not None else inner
    return mapping


class _ListsAsWritten(RoundTripEmitter):
    """ruamel.yaml's emitter, indenting each block list as the file indents those under a
    key at its column: ruamel.yaml has one indentation for all lists, and re-indented a
    file with its sections four spaces from `sections:` and their documents two from
    `documents:` on any edit, leaving its comments where they were."""

    # A key's column → the (sequence, offset) of the lists under keys there
    layouts: ClassVar[dict[int, tuple[int, int]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outer: list[tuple[int, int]] = []  # the layouts of the lists this one is in

    def expect_block_sequence(self) -> None:
        here = (self.best_sequence_indent, self.sequence_dash_offset)
        self.outer.append(here)
        self.best_sequence_indent, self.sequence_dash_offset = self.layouts.get(
            self.indent or 0, here
        )
        super().expect_block_sequence()

    def expect_block_sequence_item(self, first: bool = False) -> None:
        ends = not first and isinstance(self.event, SequenceEndEvent)
        super().expect_block_sequence_item(first)
        if ends:
            self.best_sequence_indent, self.sequence_dash_offset = self.outer.pop()


def _block(text: str) -> str:
    """Several lines are written as a literal block (`|`), as the README shows."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if "\n" in text:
        literal: str = LiteralScalarString(text + "\n")
        return literal
    return text


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    return bool(type(old) is type(new) and old == new) or (
        isinstance(old, int) and isinstance(new, int) and old == new
    )


def _set(data: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Assign when the value differs; an empty value removes an optional key."""
    empty = value is None or value == ""
    if key in data:
        if empty:
            del data[key]
        elif not _same(data[key], value):
            old = data[key]
            if isinstance(old, LiteralScalarString) and isinstance(value, str):
                value = LiteralScalarString(value.strip("\n") + "\n")  # still a `|` block
            elif isinstance(old, ScalarString) and isinstance(value, str) and "\n" not in value:
                value = type(old)(value)  # keep the quotes the editor used
            data[key] = _quoted_if_curly(value)
    elif not empty:
        data.insert(_position(data, key, order), key, _quoted_if_curly(value))


def _quoted_if_curly(value: Any) -> Any:
    """A text whole in curly quotes (a title that is a quotation) in straight ones too:
    written bare, the build takes them for a word processor's and leaves them out."""
    if isinstance(value, str) and not isinstance(value, ScalarString) and curly_quoted(value):
        return DoubleQuotedScalarString(value)
    return value


def _position(data: CommentedMap, key: str, order: tuple[str, ...]) -> int:
    """After the last key the file has that comes before `key` in `order`."""
    earlier = set(order[: order.index(key)]) if key in order else set(order)
    keys = list(data.keys())
    after = [index for index, existing in enumerate(keys) if existing in earlier]
    return after[-1] + 1 if after else 0


def _flow(items: tuple[str, ...]) -> CommentedSeq:
    """`[a, b]` when that fits on a line, as the README writes a short list; else one item a
    line, which an editor can read and a diff shows item by item."""
    seq = CommentedSeq(items)
    if _fits(items):
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
    return seq


def _fits(items: Sequence[object]) -> bool:
    """`[a, b]` fits on a section's `documents:` line."""
    return len("    documents: [" + ", ".join(map(str, items)) + "]") <= LINE_WIDTH


def _set_sections(data: CommentedMap, sections: tuple[SectionEdit, ...]) -> None:
    old = data.get("sections")
    if not sections:  # every section taken out: an issue of its editorial alone
        _set(data, "sections", None, KEY_ORDER)
        return
    if not isinstance(old, CommentedSeq):
        fresh = CommentedSeq(_new_section(s) for s in sections)
        _set(data, "sections", fresh if sections else None, KEY_ORDER)
        return
    if _only_titles_change(old, sections):
        for existing, section in zip(old, sections, strict=True):
            _set(existing, "title", section.title, ("title", "documents"))
        return
    # Every block list's comments, taken off as each item's own, before anything moves.
    placed_sections, after, head = _detach(data, "sections")
    lists = {
        index: _detach(existing, "documents")
        for index, existing in enumerate(old)
        if isinstance(existing, CommentedMap) and _block_list(existing.get("documents"))
    }
    pool: dict[str, list[_Placed]] = {}
    for placed_documents, _, _ in lists.values():
        for document in placed_documents:
            pool.setdefault(str(document.value), []).append(document)
    kept: list[_Placed] = []
    for section, origin in zip(sections, _origins(sections), strict=True):
        if origin is not None and origin < len(old) and _is_map(placed_sections[origin].value):
            item = placed_sections[origin]
            placed_sections[origin] = _Placed(None)  # a section given twice: one keeps it
            _set(item.value, "title", section.title, ("title", "documents"))
            _set_documents(item.value, section.documents, pool, lists.get(origin))
        else:
            item = _Placed(_new_section(section))
        kept.append(item)
    del old[:]
    old.ca.items.clear()
    old.extend(item.value for item in kept)
    _attach(data, "sections", head, kept, after)


def _origins(sections: tuple[SectionEdit, ...]) -> list[int | None]:
    """Where each section was in the file; an edit that says none (a script that does not
    know of them) means the section in the same place."""
    if all(section.origin is None for section in sections):
        return list(range(len(sections)))
    return [section.origin for section in sections]


def _only_titles_change(old: CommentedSeq, sections: tuple[SectionEdit, ...]) -> bool:
    """The same sections in the same places with the same documents: nothing to move."""
    return len(old) == len(sections) and all(
        section.origin in (index, None)
        and isinstance(existing, CommentedMap)
        and isinstance(existing.get("documents"), list)
        and [str(d) for d in existing["documents"]] == list(section.documents)
        for index, (existing, section) in enumerate(zip(old, sections, strict=True))
    )


def _set_documents(
    section: CommentedMap,
    names: tuple[str, ...],
    pool: dict[str, list[_Placed]],
    detached: tuple[list[_Placed], str, CommentToken | None] | None,
) -> None:
    """The section's list, each document with its comments from wherever it was."""
    documents = section.get("documents")
    placed = [pool[name].pop(0) if pool.get(name) else _Placed(name) for name in names]
    if detached is not None and isinstance(documents, CommentedSeq):
        del documents[:]
        documents.ca.items.clear()
        documents.extend(item.value for item in placed)
        _attach(section, "documents", detached[2], placed, detached[1])
    elif isinstance(documents, CommentedSeq):  # a flow list: [a, b] has no room for comments
        if [str(d) for d in documents] != list(names):
            if _fits(documents) and not _fits(names):  # grown too long: one document a line
                documents.fa.set_block_style()
            del documents[:]
            documents.extend(names)
    else:
        section["documents"] = _flow(names)


@dataclass
class _Placed:
    """An item of a block list with the comments that are its own: the whole lines right
    above it (so they move and go with it) and, for a name, the one at its line's end. A
    section keeps the comments inside it, its last line's included, in itself."""

    value: Any
    above: str = ""  # whole lines, as in the file, each ending in a line break
    end: CommentToken | None = None


def _is_map(value: Any) -> bool:
    return isinstance(value, CommentedMap)


def _block_list(value: Any) -> bool:
    return isinstance(value, CommentedSeq) and not value.fa.flow_style()


def _detach(parent: CommentedMap, key: str) -> tuple[list[_Placed], str, CommentToken | None]:
    """The block list `parent[key]`'s items with their comments taken off; the whole lines
    after its last item; the comment at the end of the `key:` line. ruamel.yaml keeps the
    lines between two items with the line before them, wherever that is."""
    seq = parent[key]
    if seq.fa.flow_style():  # `[{title: A, documents: [a]}]`: no line is an item's own
        return [_Placed(value) for value in seq], "", None
    slots = parent.ca.items.get(key) or [None, None, *(seq.ca.comment or [None, None])]
    head, above = _split(slots[2])
    above += _lines(slots[3])
    parent.ca.items.pop(key, None)
    seq.ca.comment = [None, None]  # not None: ruamel.yaml writes the `end` comments after it
    placed: list[_Placed] = []
    for index, value in enumerate(seq):
        own = seq.ca.items.pop(index, None) or [None, None]
        above += _lines(own[1])
        if _nested(value):
            holder, place, slot = _last_line(value)
            entry = holder.get(place)
            end, below = _split(entry[slot] if entry else None)
            if entry:
                entry[slot] = end
            placed.append(_Placed(value, above))
        else:
            end, below = _split(own[0])
            placed.append(_Placed(value, above, end))
        above = below
    return placed, above, head


def _attach(
    parent: CommentedMap, key: str, head: CommentToken | None, placed: list[_Placed], after: str
) -> None:
    """Put the comments `_detach` took off back, each item's with it in its new place."""
    seq = parent[key]
    if seq.fa.flow_style():
        return
    aboves = [item.above for item in placed[1:]] + [after]
    first = _joined(head, placed[0].above if placed else after)
    if first is not None:
        parent.ca.items[key] = [None, None, first, None]
    for index, (item, below) in enumerate(zip(placed, aboves, strict=True)):
        if _nested(item.value):
            holder, place, slot = _last_line(item.value)
            holder.setdefault(place, [None, None, None, None])
            end, _ = _split(holder[place][slot])
            holder[place][slot] = _joined(end, below)
        elif (token := _joined(item.end, below)) is not None:
            seq.ca.items[index] = [token, None, None, None]


def _nested(value: Any) -> bool:
    """A block mapping or list: its last line is one of its items'."""
    return (
        isinstance(value, CommentedMap | CommentedSeq) and bool(value) and not value.fa.flow_style()
    )


def _last_line(node: CommentedMap | CommentedSeq) -> tuple[dict[Any, Any], Any, int]:
    """Where ruamel.yaml keeps the comment at the end of `node`'s last line and the whole
    lines after it: with the last scalar (or one-line list) of its deepest last item."""
    place: Any = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
    value = node[place]
    if _nested(value):
        return _last_line(value)
    return node.ca.items, place, 2 if isinstance(node, CommentedMap) else 0


def _split(token: CommentToken | None) -> tuple[CommentToken | None, str]:
    """A comment after a line: the one on that line (if any), and the whole lines below."""
    if token is None:
        return None, ""
    text = str(token.value)
    if not text.startswith("#"):
        return None, text.removeprefix("\n")
    line, _, below = text.partition("\n")
    return CommentToken(line + "\n", CommentMark(token.column)), below


def _lines(tokens: list[CommentToken] | None) -> str:
    """Comments ruamel.yaml keeps before an item, as the whole lines they were."""
    return "".join(
        " " * token.column + token.value if token.value.startswith("#") else token.value
        for token in tokens or []
    )


def _joined(end: CommentToken | None, below: str) -> CommentToken | None:
    if end is None:
        return CommentToken("\n" + below, CommentMark(0)) if below else None
    return CommentToken(end.value + below, CommentMark(end.column))


def _follow_sections(data: CommentedMap, sections: tuple[SectionEdit, ...]) -> None:
    """Each edition's section titles moved, removed and added as their sections are, with
    their comments, as documents are: the build gives them to the sections by place. A new
    section's is "" (the build shows the original's title until a translation is written
    there). An edit that says no section's origin (a new issue; a script that does not know
    of them) leaves the titles alone."""
    origins = [section.origin for section in sections]
    editions, old = data.get("editions"), data.get("sections")
    count = len(old) if isinstance(old, list) else 0
    if not isinstance(editions, CommentedMap) or origins == list(range(count)):
        return
    if not origins:  # every section taken out: their titles with them
        for texts in editions.values():
            if isinstance(texts, CommentedMap):
                _set(texts, "sections", None, ())
        return
    if all(origin is None for origin in origins):
        return
    for texts in editions.values():
        titles = texts.get("sections") if isinstance(texts, CommentedMap) else None
        if not isinstance(titles, CommentedSeq):
            continue
        placed, after, head = _detach(texts, "sections")
        moved = []
        for origin in origins:
            if origin is not None and origin < len(placed):
                moved.append(placed[origin])
                placed[origin] = _Placed(placed[origin].value)  # given twice: comments once
            else:
                moved.append(_Placed(""))
        del titles[:]
        titles.ca.items.clear()
        titles.extend(item.value for item in moved)
        _attach(texts, "sections", head, moved, after)


def _new_section(section: SectionEdit) -> CommentedMap:
    title = _quoted_if_curly(section.title)
    return CommentedMap([("title", title), ("documents", _flow(section.documents))])


def _set_leaflet(data: CommentedMap, leaflet: LeafletEdit | None) -> None:
    if leaflet is None or not leaflet.document:
        _set(data, "leaflet", None, KEY_ORDER)
        return
    settings = {
        "sides": leaflet.sides,
        "columns": leaflet.columns,
        "standfirst": leaflet.standfirst,
        "pull_quote": leaflet.pull_quote,
    }
    old = data.get("leaflet")
    if isinstance(old, str) and not any(settings.values()):
        _set(data, "leaflet", leaflet.document, KEY_ORDER)  # `leaflet: slug`, as written
        return
    if not isinstance(old, CommentedMap):
        old = CommentedMap()
        _set(data, "leaflet", old, KEY_ORDER)
    _set(old, "document", leaflet.document, LEAFLET_ORDER)
    for key, value in settings.items():
        _set(old, key, value, LEAFLET_ORDER)


def _set_editions(data: CommentedMap, languages: tuple[str, ...]) -> None:
    """`editions: [es, fr]`, or in a file that gives the issue's words per edition the same
    mapping, keeping the words of the languages that stay."""
    old = data.get("editions")
    if not isinstance(old, CommentedMap):
        current = [str(e) for e in old] if isinstance(old, list) else [] if old is None else [old]
        if current != list(languages):
            _set(data, "editions", _flow(languages) if languages else None, KEY_ORDER)
        return
    if [str(key) for key in old] == list(languages):
        return
    if not languages:
        _set(data, "editions", None, KEY_ORDER)
        return
    kept = {str(key): value for key, value in old.items()}
    for key in list(old):
        del old[key]
    for language in languages:
        old[language] = kept.get(language)
