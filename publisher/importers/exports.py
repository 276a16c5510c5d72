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
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import PublisherError
from .members import Member

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
    aliases: list[str] = field(default_factory=list)  # old URL paths, for redirect pages
    sent: bool = False  # sent as a newsletter: becomes an issue
    number: int | None = None  # the platform's own issue number, if any
    base: str = ""  # the folder (in the export) its relative image paths start from
    slug: str = ""  # its document's name (made a slug), when its old address's is none to keep


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


# A post's last line of hashtags alone ("#strike #docks"), which Telegram and Facebook posts
# end with: its tags
HASHTAG_LINE = re.compile(r"^(?:\s*#\w+)+\s*$")
HASHTAG = re.compile(r"#(\w+)")


def listed(value: object) -> list[Any]:
    """A list a platform's JSON should hold here; anything else (a damaged export) as none."""
    return value if isinstance(value, list) else []


def paragraphs(text_html: str) -> str:
    """A post's text (escaped, its links made) as HTML: blank lines paragraphs, lines
    breaks, a closing paragraph of hashtags alone left out (they are the post's tags)."""
    found = [p.strip() for p in text_html.split("\n\n") if p.strip()]
    if len(found) > 1 and HASHTAG_LINE.match(found[-1]):
        found.pop()
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in found)


def video(when: object) -> LeftOut:
    """A video a post carried, listed: print has no place for it."""
    return LeftOut("video", f"video of {when or '?'}", "a video cannot be printed")


def headline(body: str) -> tuple[str, str]:
    """A social post's title and the rest of its HTML: a first paragraph of a few words over
    more is its headline ("Cleaners win back pay."), taken out; otherwise its first sentence
    names it, and stays."""
    import lxml.html

    root = lxml.html.fragment_fromstring(body or "<p></p>", create_parent="div")
    blocks = [" ".join(block.text_content().split()) for block in root]
    first = root[0] if len(root) else None
    is_headline = (
        first is not None
        and first.tag == "p"
        and first.find(".//img") is None
        and 0 < len(blocks[0].split()) <= _HEADLINE_WORDS
        and any(blocks[1:])
    )
    if first is None or not is_headline:
        return title_from_words("\n".join(blocks)), body
    root.remove(first)
    rest = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    title = blocks[0]
    return (title[:-1] if title.endswith(".") and not title.endswith("..") else title), rest


_HEADLINE_WORDS = 12


def thread_start(key: str, parents: Mapping[str, str | None]) -> str | None:
    """The first post of the thread the post `key` belongs to, given each of the account's
    posts' `parents` (the post it answers, or None): the one it answers, and the one that
    answers, and so on, while the account answered itself. None when the thread starts with
    an answer to someone else (a conversation, not a statement)."""
    seen = set()
    while key not in seen:
        seen.add(key)
        parent = parents[key]
        if not parent:
            return key
        if parent not in parents:
            return None
        key = parent
    return None


def by_thread(
    posts: Mapping[str, Any], parents: Mapping[str, str | None], when: Callable[[Any], Any]
) -> tuple[dict[str, list[Any]], int]:
    """An account's posts (by key) in threads, each keyed by its first post's and in the
    order of `when`; and how many posts answer someone else's (see `thread_start`)."""
    threads: dict[str, list[Any]] = {}
    others = 0
    for key, post in posts.items():
        first = thread_start(key, parents)
        if first is None:
            others += 1
        else:
            threads.setdefault(first, []).append(post)
    for thread in threads.values():
        thread.sort(key=when)
    return threads, others


def thread_posts(
    export: PlatformExport,
    threads: dict[str, list[Any]],
    make: Callable[[str, list[Any]], Post | None],
    left: Counter[str],
) -> None:
    """Each thread (by its first post's key) made one post by `make` (None: it has no
    words, counted as such), the posts in the order of their days; what `left` counted of
    the account's posts that were not its own words, and the wordless ones, listed."""
    wordless: Counter[str] = Counter()
    for key, thread in threads.items():
        if made := make(key, thread):
            export.posts.append(made)
        else:
            wordless["post(s)"] += 1
    export.posts.sort(key=lambda made: str(made.date or ""))
    export.left_out += counted(+left, "not the account's own words")
    export.left_out += counted(wordless, "no words to publish: a picture alone")


def counted(left: Counter[str], why: str, what: str = "posts") -> list[LeftOut]:
    """What was counted and left out, by kind, as the report lists it."""
    return [LeftOut(what, f"{count} {kind}", why) for kind, count in sorted(left.items())]


def without_thread_counts(body_html: str) -> str:
    """A thread's post without the count that opens or closes its paragraphs ("(2/3)",
    "2/", "🧵"), which the one document the thread becomes has no use for."""
    return _COUNT_OPENING.sub("<p>", _COUNT_CLOSING.sub("</p>", body_html))


_COUNT = r"(?:\(?\d{1,2}/\d{0,2}\)?|🧵)"
_COUNT_OPENING = re.compile(rf"<p>\s*{_COUNT}\s+")
_COUNT_CLOSING = re.compile(rf"\s+{_COUNT}\s*</p>")


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
            raise PublisherError.at(
                f"not valid JSON: {exc.msg}", self.path(name), exc.lineno
            ) from None

    def xml(self, name: str) -> Any:
        """The XML file `name` parsed without entities or network, so that it reads no file
        or address it names; not well-formed, it is named with its line."""
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            return etree.fromstring(self.read(name), parser)
        except etree.XMLSyntaxError as exc:
            raise PublisherError.at(
                f"not valid XML: {exc.msg}", self.path(name), exc.lineno
            ) from None
