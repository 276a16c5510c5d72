"""Front matter: the metadata block opening a document, split from its text, in the forms
generators write: YAML between `---` lines (Jekyll, Hugo, Eleventy, WordPress and Ghost
exporters, or the dashes a word processor's autocorrect makes of them), TOML between `+++`
lines (Hugo), a JSON object opening the file (Hugo), and Pelican's `Key: value` lines before
the first blank line. Text only, no pandoc: warnings that need a body's first line use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import PublisherError
from .sourcefile import KeyPath, SourceData, parse_json, parse_toml, parse_yaml


@dataclass(frozen=True)
class FrontMatter:
    kind: str  # "yaml", "toml", "json" or "pelican"
    text: str
    first_line: int  # of the text in the file

    def parse(self, path: Path) -> SourceData:
        if self.kind == "yaml":
            return parse_yaml(self.text, path, first_line=self.first_line)
        if self.kind == "toml":
            return parse_toml(self.text, path, first_line=self.first_line)
        if self.kind == "json":
            return parse_json(self.text, path, first_line=self.first_line)
        return _parse_pelican(self.text, path)


_FENCES = {"---": ("yaml", ("---", "...")), "+++": ("toml", ("+++",))}


# A typed '---' that a word processor's autocorrect made a dash ("—", "–-"), or typed with
# a dash or more too many ("----", as a rule is): opening a document, before a `key: value`
# line, it opens YAML front matter as '---' does (else the keys were printed as a table).
_TYPED_FENCE = re.compile(r"^(?:(?=.*[\u2013\u2014])[-\u2013\u2014]{1,3}|-{4,})$")
_YAML_LINE = re.compile(r"^(?:[A-Za-z][\w-]*:(?:\s|$)|\s|-\s|#|$)")  # key:, indented, - item


def split_front_matter(text: str, path: Path) -> tuple[FrontMatter | None, str]:
    """Return (front matter, body), or (None, text) when there is no front matter."""
    lines = text.split("\n")
    opening = lines[0].strip() if lines else ""
    if _JSON_OPENING.match(opening):
        end = _json_end(text, path)
        closing = text.find("\n", end)
        return FrontMatter("json", text[:end], 1), text[closing + 1 :] if closing >= 0 else ""
    if opening in _FENCES:
        kind, closings = _FENCES[opening]
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() in closings:
                return FrontMatter(kind, "\n".join(lines[1:index]), 2), "\n".join(
                    lines[index + 1 :]
                )
        raise PublisherError.at(
            f"front matter starts with '{opening}' but never ends",
            path,
            1,
            hint=f"close the metadata block with a line holding only '{closings[0]}'",
        )
    if _TYPED_FENCE.match(opening) and len(lines) > 1 and _PELICAN_LINE.match(lines[1]):
        for index, line in enumerate(lines[2:], start=2):
            if line.strip() in ("---", "...") or _TYPED_FENCE.match(line.strip()):
                return FrontMatter("yaml", "\n".join(lines[1:index]), 2), "\n".join(
                    lines[index + 1 :]
                )
            if not _YAML_LINE.match(line):
                break  # prose between dashes, not metadata
    if header := _pelican_header(lines):
        return FrontMatter("pelican", "\n".join(header), 1), "\n".join(lines[len(header) :])
    return None, text


def plain_text_front_matter(text: str, keys: Iterable[str]) -> tuple[FrontMatter | None, str]:
    """Front matter opening a plain text, as an editor adds one to a `.txt` to say its
    language, title or date: (front matter, text after it), or (None, `text`).

    Markdown's YAML (`---`, `key: value` lines, `---`): lines between two rules that are not
    all `key: value` lines (or a value's continuation), or whose keys are none of `keys` (in
    any capitals: "Nota: …"), are prose, and no front matter. Pelican's `Key: value` lines
    before the first blank line ("Title: …", "Lang: es"), as editors type them without the
    rules: only when each key is one of `keys`, so that a memo's "Date: …" / "To: …" /
    "From: …" lines stay its text."""
    lines = text.split("\n")
    known = {key.casefold() for key in keys}
    if lines[0].strip() != "---":
        header = _pelican_header(lines)
        if header and all(
            (key := _PELICAN_LINE.match(line)) is None or key[1].casefold() in known
            for line in header
        ):
            return FrontMatter("pelican", "\n".join(header), 1), "\n".join(lines[len(header) :])
        return None, text
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            block = lines[1:index]
            if any(
                (key := _PELICAN_LINE.match(kept)) and key[1].casefold() in known for kept in block
            ):
                return FrontMatter("yaml", "\n".join(block), 2), "\n".join(lines[index + 1 :])
            break
        if not _YAML_LINE.match(line):
            break
    return None, text


# Hugo's JSON front matter: `{` opening the file, then a key (not `{{<`, `{%`, `{: .lead}`)
_JSON_OPENING = re.compile(r'^\{\s*(?:"|$)')


def _json_end(text: str, path: Path) -> int:
    """Where the JSON object opening `text` ends (its `}`), or the error naming its line."""
    try:
        return json.JSONDecoder().raw_decode(text)[1]
    except json.JSONDecodeError:
        parse_json(text, path)  # raises, naming the line
        raise


# Pelican (Python-Markdown's meta extension): "Title: …" lines, then a blank line.
_PELICAN_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):(?:\s+(.*))?$")
_PELICAN_KEYS = {
    *("title", "date", "modified", "tags", "category", "slug", "author", "authors", "lang")
}
_PELICAN_LISTS = {"tags", "authors"}  # Pelican splits these on commas
_PELICAN_DATES = {"date", "modified"}


def _pelican_header(lines: list[str]) -> list[str]:
    """The leading `Key: value` block, if it starts with a key Pelican knows (so that a
    text opening with "Note: …" stays text)."""
    first = _PELICAN_LINE.match(lines[0]) if lines else None
    if not first or first.group(1).lower() not in _PELICAN_KEYS:
        return []
    for index, line in enumerate(lines):
        if not line.strip():
            return lines[:index]
        if not (_PELICAN_LINE.match(line) or line.startswith("    ")):
            return []  # prose, not metadata
    return lines


def _parse_pelican(text: str, path: Path) -> SourceData:
    data: dict[str, object] = {}
    lines: dict[KeyPath, int] = {}
    key = ""
    for number, line in enumerate(text.split("\n"), start=1):
        if match := _PELICAN_LINE.match(line):
            key = match.group(1).lower()
            data[key], lines[(key,)] = (match.group(2) or "").strip(), number
        elif key:  # an indented continuation line
            data[key] = f"{data[key]} {line.strip()}".strip()
    for key in _PELICAN_LISTS & data.keys():
        data[key] = [item.strip() for item in str(data[key]).split(",") if item.strip()]
    for key in _PELICAN_DATES & data.keys():
        data[key] = _day_typed(str(data[key]))
    return SourceData(path, data, lines, 1)


def _day_typed(written: str) -> object:
    """A date typed as people write one ("3 March 2026", "3 de marzo de 2026"), as Pelican
    reads it: the day it names, else `written` as it is (2026-03-03 is read with the rest of
    the metadata; a date that is none is refused there, at its line). YAML's dates are
    refused unless written 2026-03-03; these lines are no YAML."""
    from .importers.textdates import dateline

    if _ISO_DAY.match(written):
        return written
    return dateline(written) or written


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def body_line(text: str) -> int:
    """The first line of a document's text after its front matter: a title holding a
    picture's address ("Warn xss") is not where the picture is."""
    try:
        front_matter, body = split_front_matter(text, Path())
    except PublisherError:
        return 1
    return 1 if front_matter is None else text.count("\n") - body.count("\n") + 1
