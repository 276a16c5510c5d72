"""What a translation records of its original (`original_hash: sha256:…`), and whether
that is still the original as it is: a hash of the words a translator translates, so that
saving the original again, or editing a key that changes no word, outdates no translation.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zipfile
from pathlib import Path

from . import textfiles
from .errors import PublisherError


def original_hash(path: Path) -> str:
    """What a translation records of its original: short enough to copy, long enough that
    an edit never collides by chance. It follows the text, not the file's bytes (`_content`):
    saving the original again unchanged outdates no translation."""
    return _digest(_content(path))


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()[:16]


def _content(path: Path) -> bytes:
    """What of the original a translation follows: a text file's text with its line ends,
    byte order mark, trailing spaces and final blank lines set aside (a Windows checkout,
    an editor trimming lines, `echo >>`), and an office file's text and properties without
    what saving it again changes (`_office_content`). Other files, their bytes."""
    if path.suffix.lower() in _OFFICE_CONTENT:
        return _office_content(path)
    data = path.read_bytes()
    try:
        text = textfiles.decoded(data, path)
    except PublisherError:
        return data
    return _translated(_normalised(text), path)


def _normalised(text: str) -> str:
    lines = unicodedata.normalize("NFC", text).split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip()


def _translated(text: str, path: Path) -> bytes:
    """What a translator translates of a text: with front matter, its words (title,
    subtitle, summary) and the body, not the keys that change no word (an alias added as
    the article was renamed, the day of a correction, a tag), which outdated every
    translation; without, the text as it is."""
    from .front_matter import split_front_matter
    from .readers.metadata import ALIASES

    try:
        front, body = split_front_matter(text, path)
        data = front.parse(path).data if front else None
    except PublisherError:
        data = None
    if not isinstance(data, dict):
        return text.encode("utf-8")
    keys = (*ALIASES["title"], *ALIASES["subtitle"], *ALIASES["summary"])
    words = {key: data[key] for key in keys if key in data}
    head = json.dumps(words, ensure_ascii=False, sort_keys=True, default=str)
    return f"{head}\0{body.strip()}".encode()


def _whole_text(path: Path) -> str:
    """The hash of the original's whole text, front matter and all, as versions before
    `_translated` recorded it: valid while the original is unchanged, so upgrading
    outdates no translation."""
    if path.suffix.lower() in _OFFICE_CONTENT:
        return original_hash(path)
    data = path.read_bytes()
    try:
        return _digest(_normalised(textfiles.decoded(data, path)).encode("utf-8"))
    except PublisherError:
        return _digest(data)


# The parts of an office file that hold its text: not docProps/ or meta.xml, which Word and
# LibreOffice rewrite on every save (the time, the editing minutes, the revision count).
_OFFICE_CONTENT = {
    ".docx": ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"),
    ".odt": ("content.xml",),
}


# Word's marks of which editing session touched a paragraph, renumbered as it saves
_EDITING_SESSIONS = re.compile(rb'\s[\w]+:rsid\w*="[^"]*"')


def _office_content(path: Path) -> bytes:
    """An office file's text parts and the properties the build publishes (its title,
    summary, tags, language), as `_content` has them; a damaged one's bytes."""
    from .readers.pandoc_formats import docx_properties, odt_properties

    docx = path.suffix.lower() == ".docx"
    try:
        with zipfile.ZipFile(path) as office:
            names = set(office.namelist())
            parts = [office.read(n) for n in _OFFICE_CONTENT[path.suffix.lower()] if n in names]
        properties = docx_properties(path) if docx else odt_properties(path)
    except (zipfile.BadZipFile, PublisherError):
        return path.read_bytes()
    parts = [_EDITING_SESSIONS.sub(b"", part) for part in parts]
    return b"\0".join([*parts, json.dumps(properties, sort_keys=True).encode("utf-8")])


def records(recorded: str, original: Path) -> bool:
    """Whether `recorded` is the hash of `original` as it is: as `original_hash` has it, of
    its whole text (`_whole_text`), or of its bytes, as versions up to 0.1.0 recorded it
    (their hash lines stay right while the original is unchanged)."""
    hashes = (original_hash(original), _whole_text(original), _digest(original.read_bytes()))
    return recorded in hashes
