"""A platform's export as downloaded (a zip, a folder or one file) and what every platform
reader makes of it: posts, list members, and what was left out and why.

The readers (`substack`, `ghost`, `wordpress`, `blogger`, `medium`, `mailchimp`, `listmonk`,
`notion`, `meta_downloads`, `mastodon`, `bluesky`, `twitter`, `telegram`, `feed`) only
parse; they never write. `recognise` tells them apart by shape (which files, which
columns), never by the name the editor gave the download.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from ..controls import strip_controls
from ..errors import PublisherError
from ..urls import split_url
from .members import Member
from .unreadable import json_error, xml_error
from .xml_ampersands import ampersands_written

log = logging.getLogger(__name__)

GHOST_SITE = "__GHOST_URL__"  # Ghost's placeholder for the site's address, in its exports
MAX_INFLATED = 512 * 1024 * 1024  # a zip's files, unpacked: an archive of years, not a bomb
MAX_FILES = 20_000
_TITLE_WORDS = 8
_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)")


@dataclass
class Post:
    """One post of the old archive, its body still the platform's HTML."""

    title: str
    body_html: str
    key: str  # unique within the export: the platform's id or slug
    date: dt.date | None = None
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str = ""
    summary: str = ""
    source: str = ""  # the original URL, when the export gives it
    aliases: list[str] = field(default_factory=list)  # old addresses, for redirect pages
    sent: bool = False  # sent as a newsletter: becomes an issue
    # the platform's records say it emailed it (not only that it was a newsletter's post):
    # its issue's manifest says so, and `publisher send` will not mail it again unasked
    emailed: bool = False
    number: int | None = None  # the platform's own issue number, if any
    base: str = ""  # the folder (in the export) its relative image paths start from
    slug: str = ""  # its document's name (made a slug), when its old address's is none to keep
    # who alone could read it, when the platform showed it to signed-in readers only: in no
    # issue, so not published on the open web until the editor puts it in one
    restricted: str = ""
    image: str = ""  # its lead picture (Ghost's feature image, WordPress's featured image)
    image_alt: str = ""
    image_caption: str = ""  # HTML, as the platform keeps it
    note: str = ""  # what the report says of it besides where it went


def old_address(link: str) -> list[str]:
    """A post's old address as its `aliases`: whole, host and all, so the build sees the
    folder a site installed in one (example.org/newsletter/) was under, and where the new
    archive is served beside it, that it cannot redirect it; none for the home page."""
    return [link] if split_url(link).path.strip("/") else []


def day_of(timestamp: object) -> dt.date | None:
    """The day of an ISO 8601 timestamp as the platforms write it ("2026-02-02T09:00:00Z",
    "…+01:00", "2026-01-14T09:32:00"), or None."""
    try:
        return dt.datetime.fromisoformat(str(timestamp).strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def title_from_words(text: str) -> str:
    """A title for a post that has none (Blogger and Telegram allow it): its first sentence,
    if short, else its first words."""
    text = " ".join(text.split())
    sentence = _SENTENCE.match(text)
    if sentence and len(sentence.group(1).split()) <= _TITLE_WORDS + 4:
        return sentence.group(1)
    words = text.split()
    if not words:
        return "untitled"
    return " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")


@dataclass(frozen=True)
class LeftOut:
    """Something found in the export and deliberately not imported."""

    kind: str  # post, page, image, file, subscriber …
    name: str
    why: str


@dataclass
class PlatformExport:
    platform: str
    posts: list[Post] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    files: ExportFiles | None = None  # for the images that came with the export


class ExportFiles:
    """The files of an export by their path inside it ('posts/1.a.html'), read on demand."""

    def __init__(self, origin: Path, names: dict[str, Callable[[], bytes]]) -> None:
        self.origin = origin
        self._readers = names

    @classmethod
    def open(cls, path: Path) -> ExportFiles:
        if path.is_dir():
            return cls._folder(path)
        if zipfile.is_zipfile(path):
            return cls._zip(path)
        return cls(path, {path.name: path.read_bytes})

    @classmethod
    def _folder(cls, root: Path) -> ExportFiles:
        names: dict[str, Callable[[], bytes]] = {}
        for file in sorted(root.rglob("*")):
            if file.is_file() and not file.is_symlink():
                names[file.relative_to(root).as_posix()] = file.read_bytes
            if len(names) > MAX_FILES:
                raise PublisherError.at(f"more than {MAX_FILES:,} files in this folder", root)
        return cls(root, names)

    @classmethod
    def _zip(cls, path: Path) -> ExportFiles:
        files = cls._zipped(path, zipfile.ZipFile(path))
        inner = list(files)
        if len(inner) == 1 and inner[0].lower().endswith(".zip"):  # Notion's zip in a zip
            return cls._zipped(path, zipfile.ZipFile(io.BytesIO(files.read(inner[0]))))
        return files

    @classmethod
    def _zipped(cls, path: Path, archive: zipfile.ZipFile) -> ExportFiles:
        entries = [i for i in archive.infolist() if not i.is_dir()]
        if len(entries) > MAX_FILES or sum(i.file_size for i in entries) > MAX_INFLATED:
            raise PublisherError.at(
                "this zip unpacks to more files or bytes than an export holds",
                path,
                hint=f"at most {MAX_FILES:,} files and {MAX_INFLATED // 2**20} MB unpacked",
            )
        names: dict[str, Callable[[], bytes]] = {}
        for info in entries:
            name = PurePosixPath(info.filename)
            if name.is_absolute() or ".." in name.parts or name.parts[0] == "__MACOSX":
                continue
            names[name.as_posix()] = partial(archive.read, info)
        return cls(path, names)

    def adding(self, names: dict[str, Callable[[], bytes]]) -> ExportFiles:
        """These files and `names` (a file the editor named beside the export)."""
        return ExportFiles(self.origin, self._readers | names)

    def __contains__(self, name: str) -> bool:
        return name in self._readers

    def __iter__(self) -> Iterator[str]:
        return iter(self._readers)

    def __len__(self) -> int:
        return len(self._readers)

    def read(self, name: str) -> bytes:
        return self._readers[name]()

    def text(self, name: str) -> str:
        """A text file of the export, as the platforms write them: UTF-8 (with or without BOM)."""
        try:
            return self.read(name).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PublisherError.at(
                f"{name} is not UTF-8 text (byte {exc.start})", self.origin
            ) from None

    def named(self, pattern: str) -> list[str]:
        """The files whose path matches a glob pattern ('posts/*.html', '**/*.csv')."""
        return [n for n in self._readers if PurePosixPath(n).match(pattern)]

    def find(self, suffix: str) -> str | None:
        """The export's file whose path ends with `suffix` (an image path from a URL)."""
        suffix = suffix.lstrip("/")
        return next((n for n in self._readers if n == suffix or n.endswith("/" + suffix)), None)

    def where(self, name: str) -> str:
        return f"{self.origin.name}/{name}" if name != self.origin.name else name

    def path(self, name: str) -> Path:
        """The file `name` as the editor gave it: the file itself, or in the zip or folder."""
        return self.origin if name == self.origin.name else self.origin / name

    def json(self, name: str) -> Any:
        """The JSON file `name`, parsed; not valid JSON, it is named with its line."""
        import json

        try:
            return json.loads(self.text(name))
        except json.JSONDecodeError as exc:
            raise json_error(exc, self.path(name)) from None

    def xml(self, name: str) -> Any:
        """The XML file `name` parsed without entities or network, so that it reads no file
        or address it names; not well-formed, it is named with its line. Control characters
        a post was typed with are taken out first (`controls.strip_controls`), and
        ampersands the platform did not write as XML needs are written so
        (`xml_ampersands`), each with a warning."""
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        data = self.read(name)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            error = exc
        try:  # a platform writes UTF-8
            cleaned, removed = strip_controls(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise xml_error(error, data, self.path(name)) from None
        cleaned, written = ampersands_written(cleaned)
        if not removed and not written.lines:
            raise xml_error(error, data, self.path(name)) from None
        try:  # read as WordPress's own importer does
            root = etree.fromstring(cleaned.encode("utf-8"), parser)
        except etree.XMLSyntaxError as exc:
            raise xml_error(exc, data, self.path(name)) from None
        if removed:
            log.warning(
                "%s:%d: %d control character(s) that XML allows nowhere (pasted into a"
                " post from Word) taken out to read it (%s); a vertical tab or form feed"
                " became a space",
                self.path(name),
                removed.lines[0],
                removed.counts.total(),
                removed.describe(),
            )
        if written.lines:
            log.warning(
                "%s:%d: %s where XML allows none, read as the platform meant them: the"
                " export is not well-formed XML",
                self.path(name),
                written.lines[0],
                written.describe(),
            )
        return root
