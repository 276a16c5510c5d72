"""The document pool: an index of documents/ by slug and path, built without converting anything.

Manifests are checked against this index before any pandoc call, so a typo fails at once.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import regex
from slugify import slugify

from .errors import near_misses
from .known_titles import known_titles
from .paths import composed, named_by, no_file
from .readers import EXTENSIONS, not_read
from .sites import hugo_site

log = logging.getLogger(__name__)


_TITLES_SHOWN = 3  # documents a title names, at most, in a hint


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


class UnresolvedReference(Exception):
    """A manifest names a document that cannot be used; `hint` says what to do instead."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


# Folders of a site copied whole into documents/ that hold no writing to publish: packages,
# and a static site generator's templates, partials, theme and built site (its `public/` or
# `_site/` holds a page of every post: each a second copy of a document)
NEVER_DOCUMENTS = frozenset({"node_modules"})
JEKYLL_MACHINERY = frozenset({"_layouts", "_includes", "_sass", "_site", "_data"})
HUGO_MACHINERY = frozenset({"layouts", "archetypes", "themes", "public", "resources"})


def in_site_machinery(root: Path, relative: Path, sites: dict[Path, bool] | None = None) -> bool:
    """Whether `relative` lies in a folder no site keeps its writing in: node_modules/,
    Jekyll's and Eleventy's `_layouts/`, `_includes/`… anywhere (no editor names a folder
    so), Hugo's `layouts/`, `archetypes/`, `themes/`, `public/` and `resources/` at the root
    of a Hugo site (`sites.hugo_site`: elsewhere a folder may well be called `public`), or
    is a file at that root (its repository's README.md), which Hugo never publishes either.
    `sites` keeps what was found of each folder, for a scan of many files."""
    folders = relative.parts[:-1]
    known = {} if sites is None else sites

    def site(depth: int) -> bool:
        folder = root.joinpath(*folders[:depth])
        if folder not in known:
            known[folder] = hugo_site(folder)
        return known[folder]

    for depth, name in enumerate(folders):
        if name in NEVER_DOCUMENTS or name in JEKYLL_MACHINERY:
            return True
        if name in HUGO_MACHINERY and site(depth):
            return True
    return site(len(folders))


@dataclass(frozen=True)
class DocumentPool:
    root: Path
    files: tuple[Path, ...]  # relative to root, sorted
    # every name a manifest may use for a file (slug, stem, path without suffix) → files
    names: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    # entries named like documents that are no file to read (see `unreadable`) → why
    left_out: dict[Path, str] = field(default_factory=dict)
    language: str = ""  # the newsletter's: which of a document's translations it names

    @classmethod
    def scan(cls, root: Path, language: str = "") -> DocumentPool:
        """Index the files under `root` named like documents (hidden folders and
        housekeeping files aside: `is_housekeeping`); `language` is the newsletter's. An
        entry that is no file inside `root` is left out, with a warning: nothing reads it,
        not even to look for translations, and a manifest naming it is told why."""
        if not root.is_dir():
            return cls(root, ())
        files, left_out = [], {}
        sites: dict[Path, bool] = {}  # folder → whether it is a Hugo site's root
        for path in root.rglob("*"):
            relative = path.relative_to(root)
            if _left_alone(relative):
                continue
            if path.suffix.lower() not in EXTENSIONS:
                if path.is_symlink() and path.is_dir():  # not looked into (nor for ever)
                    log.warning(
                        "left out %s: it is a link to a folder, and documents are read from"
                        " folders inside documents/ only (move or copy that folder in)",
                        path,
                    )
                elif path.is_dir() and not os.access(path, os.R_OK | os.X_OK):
                    log.warning("left out %s: it is %s", path, CLOSED_FOLDER)
                    left_out[relative] = CLOSED_FOLDER
                continue
            if in_site_machinery(root, relative, sites):
                continue
            if why := unreadable(path, root):
                log.warning("left out %s: it is %s", path, why)
                left_out[relative] = why
            else:
                files.append(relative)
        files.sort()
        names: dict[str, list[Path]] = {}
        for file in files:
            for name in names_of(file):
                names.setdefault(name, []).append(file)
        return cls(
            root,
            tuple(files),
            {name: tuple(paths) for name, paths in names.items()},
            left_out,
            language,
        )

    def _by_full_path(self, ref: str) -> Path | None:
        """The path in documents/ of a file the manifest names by its full path, as a file
        manager copies it (`/home/ana/news/documents/pay.md`, `~/news/documents/pay.md`)."""
        full = Path(ref).expanduser() if ref.startswith("~/") else Path(ref)
        if not full.is_absolute():
            return None
        try:
            inside = full.resolve().relative_to(self.root.resolve())
        except (ValueError, OSError):
            return None
        return inside if (self.root / inside).is_file() else None

    def resolve(self, ref: str) -> Path:
        """Find the document a manifest means by `ref` (a slug, a stem or a path). Names
        are compared in Unicode's composed form (NFC): a file named on a Mac, or unzipped
        from a Mac's archive, spells "é" as "e" and an accent. A backslash separates
        folders, as on Windows."""
        ref = composed(ref.strip().replace("\\", "/"))
        if not ref:
            raise UnresolvedReference("empty document reference")
        candidate = Path(ref)
        if inside := self._by_full_path(ref):
            name = inside.with_suffix("").as_posix()
            raise UnresolvedReference(
                f"{ref!r} is documents/{inside.as_posix()}, named by where it is on this computer",
                f"name it {name!r}, from documents/: the manifest then works on any computer",
            )
        if candidate.is_absolute():
            raise _elsewhere(ref)
        if ".." in candidate.parts:
            raise UnresolvedReference(
                f"{ref!r} points outside documents/",
                "name documents by slug or by a path inside documents/, without '..'",
            )
        matches = self._named(candidate)
        if not matches and candidate.parts[:1] == (self.root.name,):
            # the path from the workspace, as a shell completes it: documents/pay.md
            matches = self._named(Path(*candidate.parts[1:]))
        if not matches:
            matches = self._in_a_language(candidate)
        if not matches:
            if _WEB_ADDRESS.match(ref):
                raise UnresolvedReference(
                    f"{ref!r} is a web address: an issue holds files from documents/",
                    "download it into documents/ (from Google Docs: File > Download >"
                    " Microsoft Word) and name it by its file name",
                )
            if _ELSEWHERE.match(ref):
                raise _elsewhere(ref)
            if unusable := [f for f in self.left_out if ref in names_of(f) | {composed(str(f))}]:
                why = self.left_out[unusable[0]]
                fix = "put the document itself in documents/, as a file"
                raise UnresolvedReference(
                    f"{ref!r} is documents/{unusable[0].as_posix()}, {why}",
                    NOT_PERMITTED if why in (CLOSED_FILE, CLOSED_FOLDER) else fix,
                )
            if closed := [f for f in self.left_out if candidate.is_relative_to(f)]:
                raise UnresolvedReference(
                    f"{ref!r} is in documents/{closed[0].as_posix()}, {self.left_out[closed[0]]}",
                    NOT_PERMITTED,
                )
            if other := self._in_another_format(ref):
                kind, hint = not_read(self.root / other)
                raise UnresolvedReference(
                    f"{ref!r} is documents/{other.as_posix()}, {kind}, which publisher cannot read",
                    hint,
                )
            words = ref.split()
            if len(words) > 1 and all(self._named(Path(word)) for word in words):
                raise UnresolvedReference(
                    f"no document {ref!r} in documents/",
                    f"these are {len(words)} documents: put commas between them:"
                    f" [{', '.join(words)}]",
                )
            names = {slug_for(f): f for f in self.files} | {f.as_posix(): f for f in self.files}
            raise UnresolvedReference(
                f"no document {ref!r} in documents/",
                # a long name shortened to its first words: convocatoria-huelga-general…
                near_misses(ref, names, also=sorted(n for n in names if n.startswith(f"{ref}-")))
                or self._titled(ref)
                or "'publisher list' shows the documents there are",
            )
        if len(matches) > 1 and (original := self._original_of(matches)):
            return original
        if len(matches) > 1:
            # the file named as written first: 'rent-strike.md' is the likelier meant
            named = sorted(matches, key=lambda m: composed(m.with_suffix("").as_posix()) != ref)
            *others, last = [m.as_posix() for m in named]
            raise UnresolvedReference(
                f"{ref!r} matches several documents: {', '.join(m.as_posix() for m in matches)}",
                f"name the one you mean by its file name: {', '.join(others)} or {last}",
            )
        return matches[0]

    def _titled(self, ref: str) -> str | None:
        """Which documents a manifest names by their title, as editors know them, and
        how to name them: those whose title (`known_titles`) is `ref`, else holds each of
        its words (two at least). Read only when a name found no document."""
        wanted = _words(ref)
        if not wanted:
            return None
        same, holding = [], []
        for file in self.files:
            titles = known_titles(self.root / file, self.language or "en")
            if title := next((t for t in titles if _words(t) == wanted), None):
                same.append((file, title))
            elif len(wanted) > 1 and (
                title := next((t for t in titles if set(wanted) <= set(_words(t))), None)
            ):
                holding.append((file, title))
        found = (same or holding)[:_TITLES_SHOWN]
        named = [f"{slug_for(file)} (titled {title!r})" for file, title in found]
        if not named:
            return None
        return f"name a document by its file name, not its title: {' or '.join(named)}"

    def empty(self, file: Path) -> bool:
        """Whether `file` (relative to the pool's root) holds nothing but white space, a
        file made and never written: in an issue it would be an article titled by its
        name, with no text. (A longer file is never only white space in practice.)"""
        path = self.root / file
        try:
            if path.stat().st_size > _EMPTY_AT_MOST:
                return False
            return not path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff").strip()
        except OSError:
            return False  # the reader says what is wrong with it

    def _original_of(self, matches: list[Path]) -> Path | None:
        """The one of `matches` that the others translate, when they are one document in
        several language folders (Hugo's `posts/x.md` and `es/posts/x.md`, or
        `content/en/posts/x.md` and `content/es/posts/x.md`): the one in no language
        folder, else the one in the newsletter's. A name (`x`) means the document, as it
        does in Hugo, and the editions take its translations."""
        from .languages import folder_language, outside_language_folder, same_language

        if len({outside_language_folder(m) for m in matches}) > 1:
            return None
        languages = {m: folder_language(m) for m in matches}
        original = [m for m in matches if languages[m] is None]
        if not original and self.language:
            original = [m for m in matches if same_language(languages[m] or "", self.language)]
        return original[0] if len(original) == 1 else None

    def _named(self, candidate: Path) -> list[Path]:
        """The files `candidate` names: by its path with its suffix (in any letter case
        when none is written in the case typed: Windows and macOS find `Minutes AGM.MD` by
        `Minutes AGM.md`), or by any of their names (slug, stem, path without suffix), in
        any letter case when none is in the case typed (`Rent-Strike` for `rent-strike`)."""
        if candidate.suffix.lower() not in EXTENSIONS:
            name = candidate.as_posix()
            if named := self.names.get(name):
                return list(named)
            folded = name.casefold()
            return sorted(
                {
                    f
                    for other, files in self.names.items()
                    if other.casefold() == folded
                    for f in files
                }
            )
        path = candidate.as_posix()
        same_name = self.names.get(candidate.with_suffix("").as_posix(), ())
        if exact := [f for f in same_name if composed(f.as_posix()) == path]:
            return exact
        return [f for f in self.files if composed(f.as_posix()).casefold() == path.casefold()]

    def _in_a_language(self, candidate: Path) -> list[Path]:
        """The files `candidate` names but for the language their names carry: `statement`
        for `statement.es.txt`, as the build advises naming a document whose language it
        read wrong, where no `statement` is."""
        from .languages import file_name_language

        if candidate.suffix.lower() in EXTENSIONS:
            return []
        wanted = composed(candidate.as_posix()).casefold()
        return [
            f
            for f in self.files
            if file_name_language(f)
            and composed(f.with_suffix("").with_suffix("").as_posix()).casefold() == wanted
        ]

    def _in_another_format(self, ref: str) -> Path | None:
        """A file of a kind no reader reads that `ref` names as it would a document of it
        ('statement', 'port-statement' and 'Port Statement' for documents/Port Statement.doc)
        or by its path, suffix and all, if there is one. Looked for only when `ref` names no
        document: every build need not look at every picture."""
        for relative in sorted(self._unread_files()):
            if ref in names_of(relative) | {composed(relative.as_posix())}:
                return relative
        return None

    def _unread_files(self) -> Iterator[Path]:
        """The files under the root, hidden folders and housekeeping files aside, of a kind
        no reader reads."""
        for path in self.root.rglob("*"):
            relative = path.relative_to(self.root)
            if _left_alone(relative):
                continue
            if path.suffix.lower() not in EXTENSIONS and path.is_file():
                yield relative


# Files programs and file managers keep beside the documents of a synced or shared folder,
# which nobody wrote: Word's owner file of a document open in it (`~$Statement.docx`, for as
# long as it is open: a second 'statement') and its temporary copies (`~WRL0001.tmp`),
# Windows' thumbnails and folder settings, and hidden files: a Mac's resource forks
# (`._Statement.docx`) and folder settings (`.DS_Store`), LibreOffice's lock files.
_HOUSEKEEPING = re.compile(r"~\$|~.*\.tmp$|\.|((eh)?thumbs\.db|desktop\.ini)$", re.IGNORECASE)


def is_housekeeping(path: Path) -> bool:
    """Whether `path` is a file no one wrote that a folder kept in sync holds beside the
    documents: never a document, nor a file to say anything about."""
    return bool(_HOUSEKEEPING.match(path.name))


def _left_alone(relative: Path) -> bool:
    """Whether the entry at `relative` (to documents/) is in a hidden folder or is a
    housekeeping file: looked at neither as a document nor as a file in another format."""
    return is_housekeeping(relative) or any(p.startswith(".") for p in relative.parts[:-1])


_EMPTY_AT_MOST = 64 * 1024  # bytes: a larger file is read by its reader, not for this

# A reference copied from a browser's address bar, or from a file manager's: a path from
# the home folder or a Windows drive (backslashes already turned into slashes)
_WEB_ADDRESS = re.compile(r"(https?|ftp)://|www\.", re.IGNORECASE)
_ELSEWHERE = re.compile(r"~/|[A-Za-z]:/")


def _elsewhere(ref: str) -> UnresolvedReference:
    """A file named by where it is on the editor's computer: how to bring it in (a PDF or
    an e-mail is no document until `publisher import` makes one of it)."""
    path = PurePosixPath(ref)
    if path.suffix.lower() in EXTENSIONS:
        how = f"copy it into documents/ and name it {path.stem!r}"
    else:
        how = "make a document of it with 'publisher import', and name the one it writes"
    return UnresolvedReference(f"{ref!r} is a file on this computer, outside documents/", how)


# Entries of documents/ this user may not read: a NAS's or a shared drive's own permissions,
# a synced file that could not be downloaded. Left out, as the rest of documents/ is still
# to be listed and built; refused only where an issue names them.
CLOSED_FILE = "a file that cannot be read (permission denied)"
CLOSED_FOLDER = "a folder that cannot be read (permission denied)"
NOT_PERMITTED = (
    "ask whoever shares it to let you read it (in a synced folder: make it available on this"
    " computer)"
)


def unreadable(path: Path, root: Path) -> str | None:
    """Why `path` is no document to read, or None: a regular file inside `root`, or a link
    to one, that this user may read. Reading a named pipe or a device would wait or run
    forever, a link that loops or leads nowhere cannot be read, and one that leads out of
    documents/ would publish what the editor never put there."""
    if not stat.S_ISREG(os.lstat(path).st_mode):  # most files are: one look, no link followed
        if why := no_file(path):
            return why
        if not path.resolve().is_relative_to(root.resolve()):
            return "a link to a file outside documents/"
    return None if os.access(path, os.R_OK) else CLOSED_FILE


def names_of(file: Path) -> set[str]:
    """Every name a manifest may use for `file` (relative to documents/), composed (NFC):
    a slug it had before its letters were kept (`transliterated_slug`) too."""
    stem = named_by(file).stem
    slugs = (slug_for(file), transliterated_slug(file))
    return {composed(n) for n in (stem, *slugs, file.with_suffix("").as_posix())}


def slug_for(relative: Path) -> str:
    """Slug of a document: its file stem, made URL-safe (subfolders do not take part),
    except in a page bundle (Hugo's `my-post/index.md`, `my-post/index.es.md`), where
    the folder names the document, as a Mac program's package does (`paths.named_by`).
    A name in Arabic or Hebrew letters keeps them (`_KEPT_LETTERS`); others are
    transliterated to ASCII (ñandú → nandu), as they always were."""
    stem = _slugged_stem(relative)
    return slugged(stem) or stem


def slugged(name: str, **options: Any) -> str:
    """`name` (a file's stem, a title an import names a document by) as a slug, by the rule
    documents' addresses follow: Arabic or Hebrew letters kept, others transliterated;
    `options` are python-slugify's (max_length, …)."""
    if not _KEPT_LETTERS.search(name):
        return slugify(name, **options)
    # composed first: a Mac's name spells إ as ا and a mark, which would be dropped with the vowels
    return slugify(_UNWRITTEN.sub("", composed(name)), allow_unicode=True, **options)


# Arabic's and Hebrew's vowel marks and points, and tatweel (the stroke that draws a word
# out): written or not, the word is the same, and to python-slugify they are no letters,
# so each split its word ("ع-م-ال" for عُمَّال).
_UNWRITTEN = regex.compile(r"(?V1)[[\p{Mn}&&[\u0591-\u06FF\u0750-\u077F\u08A0-\u08FF]]\u0640]")


def transliterated_slug(relative: Path) -> str:
    """The slug a document had before Arabic and Hebrew names kept their letters
    ('drb-ml-lmyn' for إضراب-عمال-الميناء): manifests written then still name it so, and
    its page's old address is redirected to the new."""
    stem = _slugged_stem(relative)
    return slugify(stem) or stem


def _slugged_stem(relative: Path) -> str:
    stem = named_by(relative).stem
    base, dot, language = stem.partition(".")
    if base in _BUNDLE_PAGES and len(relative.parts) > 1:
        stem = relative.parent.name + (f".{language}" if dot else "")
    return stem


# Scripts that write no short vowels: transliterated, "عمال" (workers) and "عمل" (work) are
# both "ml", so their documents' addresses collided and said nothing. Their letters are kept
# (percent-encoded in a URL, as written in dist/), as WordPress and Hugo keep them.
_KEPT_LETTERS = regex.compile(r"[\p{Script=Arabic}\p{Script=Hebrew}]")


_BUNDLE_PAGES = {"index", "_index"}
