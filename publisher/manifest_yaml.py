"""An issue manifest changed the way its editor would change it by hand.

The composer edits `issues/*.yaml`, which stay the editor's files: a round trip through
ruamel.yaml keeps comments, key order, quoting and indentation, and a value is assigned only
when it differs from the one in the file, so every line the edit does not concern stays
byte for byte as it was. This module only turns text into text; validating and writing are
the caller's (the same loader as `build`, then an atomic write).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

from .controls import strip_controls

# Where a key the file does not have yet goes: the order the README's example uses.
KEY_ORDER = (
    *("number", "title", "date", "language", "summary", "cover", "editorial", "sections"),
    *("pdf", "leaflet", "editions", "untranslated"),
)
LEAFLET_ORDER = ("document", "sides", "columns", "standfirst", "pull_quote")


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
    yaml = _yaml(text or "")
    data = yaml.load(text) if text else None
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
    return str(out.getvalue())


def _yaml(text: str) -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the editor wrote on one
    mapping, sequence, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$")
_ITEM_LINE = re.compile(r"^( *)- ")
_CHILD_LINE = re.compile(r"^( *)[^\s#-]")


def _indentation(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as ruamel.yaml counts them, read from the file: its
    first nested mapping and its first block list under a key. New files: the README's."""
    mapping, sequence, offset = 2, 4, 2
    lines = text.splitlines()
    found_mapping = found_sequence = False
    for before, after in itertools.pairwise(lines):
        key = _KEY_LINE.match(before)
        if key is None:
            continue
        parent = len(key.group(1))
        if (item := _ITEM_LINE.match(after)) and not found_sequence:
            offset = max(len(item.group(1)) - parent, 0)
            sequence, found_sequence = offset + 2, True
        elif (child := _CHILD_LINE.match(after)) and not found_mapping and len(child[1]) > parent:
            mapping, found_mapping = len(child.group(1)) - parent, True
    return mapping, sequence, offset


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
            data[key] = value
    elif not empty:
        data.insert(_position(data, key, order), key, value)


def _position(data: CommentedMap, key: str, order: tuple[str, ...]) -> int:
    """After the last key the file has that comes before `key` in `order`."""
    earlier = set(order[: order.index(key)]) if key in order else set(order)
    keys = list(data.keys())
    after = [index for index, existing in enumerate(keys) if existing in earlier]
    return after[-1] + 1 if after else 0


def _flow(items: tuple[str, ...]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _set_sections(data: CommentedMap, sections: tuple[SectionEdit, ...]) -> None:
    old = data.get("sections")
    if not isinstance(old, CommentedSeq):
        fresh = CommentedSeq(_new_section(s) for s in sections)
        _set(data, "sections", fresh if sections else None, KEY_ORDER)
        return
    for index, section in enumerate(sections):
        if index >= len(old) or not isinstance(old[index], CommentedMap):
            if index < len(old):
                old[index] = _new_section(section)
            else:
                old.append(_new_section(section))
            continue
        existing = old[index]
        _set(existing, "title", section.title, ("title", "documents"))
        documents = existing.get("documents")
        if isinstance(documents, CommentedSeq):
            if [str(d) for d in documents] != list(section.documents):
                flow = documents.fa.flow_style()
                documents.clear()
                documents.extend(section.documents)
                if flow:
                    documents.fa.set_flow_style()
        else:
            existing["documents"] = _flow(section.documents)
    del old[len(sections) :]


def _follow_sections(data: CommentedMap, sections: tuple[SectionEdit, ...]) -> None:
    """Each edition's section titles moved, removed and added as their sections are: the
    build gives them to the sections by place. A new section's is "" (the build shows the
    original's title until a translation is written there). An edit that says no section's
    origin (a new issue; a script that does not know of them) leaves the titles alone."""
    origins = [section.origin for section in sections]
    editions, old = data.get("editions"), data.get("sections")
    count = len(old) if isinstance(old, list) else 0
    if not isinstance(editions, CommentedMap) or origins == list(range(count)):
        return
    if all(origin is None for origin in origins):
        return
    for texts in editions.values():
        titles = texts.get("sections") if isinstance(texts, CommentedMap) else None
        if not isinstance(titles, CommentedSeq):
            continue
        given = list(titles)
        moved = [given[o] if o is not None and o < len(given) else "" for o in origins]
        titles.clear()
        titles.extend(moved)


def _new_section(section: SectionEdit) -> CommentedMap:
    return CommentedMap([("title", section.title), ("documents", _flow(section.documents))])


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
