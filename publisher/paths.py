"""Paths in a workspace as the editor's files name them (images, covers, logos, links,
documents): followed safely, matched as typed, and what an entry is when it is no file."""

from __future__ import annotations

import difflib
import functools
import os
import stat
import unicodedata
from collections.abc import Callable, Hashable
from pathlib import Path, PurePath, PurePosixPath
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


P = TypeVar("P", bound=PurePath)


# Packages a Mac program saves a document in, its text in a file of a fixed name and its
# pictures beside it: TextEdit's (`Rally.rtfd/TXT.rtf`) and the TextBundle that Bear,
# Ulysses, iA Writer and other Markdown editors export (`Rally.textbundle/text.md`,
# pictures in `assets/`). The package names the document.
TEXTEDIT_TEXT = "TXT.rtf"  # where TextEdit keeps a package's text
_PACKAGE_TEXTS = {
    ".rtfd": (TEXTEDIT_TEXT.lower(),),
    ".textbundle": ("text.md", "text.markdown", "text.txt"),
}


def named_by(path: P) -> P:
    """The path whose name names the document at `path`: itself, but for the text of a
    package (`Rally.rtfd/TXT.rtf`, `Rally.textbundle/text.md`) or a TextEdit package
    zipped to be sent (`Rally.rtfd.zip`), named by the package."""
    if path.name.lower() in _PACKAGE_TEXTS.get(path.parent.suffix.lower(), ()):
        return path.parent
    if is_zipped_textedit(path):
        return path.with_suffix("")
    return path


def is_textedit_text(path: PurePath) -> bool:
    """Whether `path` is the text of a TextEdit document with pictures (`Rally.rtfd/TXT.rtf`)."""
    return is_textedit_package(path.parent, look=False) and named_by(path) != path


def is_zipped_textedit(path: PurePath) -> bool:
    """Whether `path` names a TextEdit document with pictures zipped to be sent, as Mail
    and the Finder zip one (`Rally.rtfd.zip`)."""
    return path.suffix.lower() == ".zip" and is_textedit_package(path.with_suffix(""), look=False)


def is_textedit_package(path: PurePath, look: bool = True) -> bool:
    """Whether `path` is a document TextEdit saved with its pictures: a folder like
    `Rally.rtfd/`, its text in TXT.rtf, each picture beside it (`look`: on disk too)."""
    return path.suffix.lower() == ".rtfd" and (not look or Path(path).is_dir())


def followed(path: Path) -> Path:
    """`path` absolute, with its links followed as far as they lead, as the file on disk is
    spelled (see `composed`). A link that loops is left as it is, and is then no file
    (Path.resolve raises RuntimeError on it before Python 3.13: a looping link in a
    workspace crashed the build). A name no file can have (a NUL in it: `a%00.pdf` in a
    link) is left as it is too."""
    try:
        real = Path(os.path.realpath(path))
    except ValueError:
        return Path(os.path.abspath(path))
    return real if os.path.lexists(real) else _as_spelled_on_disk(real)


def is_file(path: Path) -> bool:
    """Whether `path` is a regular file, through links. Path.is_file raises where a name
    is too long for the system or a folder on the way may not be opened: a link naming
    such a file in a document stopped the build. It is no file to publish either way."""
    try:
        return path.is_file()
    except OSError:
        return False


def is_dir(path: Path) -> bool:
    """Whether `path` is a folder, through links; False, as `is_file`, where its name is too
    long for the system (a mangled link's address in the preview server dropped the
    connection) or a folder on the way may not be opened."""
    try:
        return path.is_dir()
    except OSError:
        return False


def no_file(path: Path) -> str | None:
    """What `path` is when it is no file to read, through links: "a folder, not a file", "a
    named pipe, not a file" (reading one waits for ever), "a link that loops"…; None for
    a file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a link to a file that is not there" if path.is_symlink() else "not there"
    except OSError as exc:
        return f"a link that cannot be followed ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    return "a named pipe, not a file" if stat.S_ISFIFO(mode) else "a device, not a file"


# Where an editor keeps the pictures and files publisher.toml and manifests name
KEPT_IN = ("documents/media", "documents", "style", ".")


def files_meant(written: str, root: Path, suffixes: tuple[str, ...]) -> list[str]:
    """The paths (from `root`, as `written` is) of the files with one of `suffixes` that a
    path naming no file most likely meant: in its folder, the name in other letter case
    (Logo.JPG for logo.jpg: Linux tells them apart) or almost so; else a file of that name
    in a folder where such files are kept (`KEPT_IN`), the folder left out."""
    path = PurePosixPath(written.strip().replace("\\", "/"))

    def names(folder: PurePosixPath) -> dict[str, str]:
        there = followed(root / folder)
        try:  # only the workspace's folders are looked in
            inside = there.is_relative_to(followed(root)) and is_dir(there)
            found = sorted(os.listdir(there)) if inside else []
        except OSError:
            found = []
        return {
            composed(name).lower(): name
            for name in found
            if PurePosixPath(name).suffix.lower() in suffixes and is_file(there / name)
        }

    beside = names(path.parent)
    wanted = composed(path.name).lower()
    if close := difflib.get_close_matches(wanted, list(beside), n=3, cutoff=0.6):
        return [str(path.parent / beside[name]) for name in close]
    return [
        str(PurePosixPath(folder) / name)
        for folder in KEPT_IN
        if PurePosixPath(folder) != path.parent
        and (name := names(PurePosixPath(folder)).get(wanted))
    ]


def composed(name: str) -> str:
    """`name` in Unicode's composed form (NFC). A file named on a Mac, or unzipped from a
    Mac's archive, spells "é" as "e" and an accent (NFD); editors type one character. The
    two look the same everywhere, and are different names on Linux."""
    return unicodedata.normalize("NFC", name)


def _as_spelled_on_disk(path: Path) -> Path:
    """`path` with each part that is not there replaced by the entry beside it whose name
    is the same when composed; `path` itself when there is none."""
    found = Path(path.anchor)
    for part in path.parts[1:]:
        candidate = found / part
        if not os.path.lexists(candidate):
            try:
                names = os.listdir(found)
            except OSError:
                return path
            match = next((n for n in names if composed(n) == composed(part)), None)
            if match is None:
                return path
            candidate = found / match
        found = candidate
    return Path(os.path.realpath(found))


def remembered_per_file(maxsize: int | None) -> Callable[[F], F]:
    """Remember `function(path, *args)` per file as it is now: a file replaced since (its
    modification time or size changed) is read again, as `publisher serve` sees pictures
    replaced while it runs. The stat's OSError (no such file) goes to the caller."""

    def decorate(function: F) -> F:
        @functools.lru_cache(maxsize)
        def by_version(path: Path, _mtime_ns: int, _size: int, *args: Hashable) -> Any:
            return function(path, *args)

        @functools.wraps(function)
        def remembered(path: Path, *args: Hashable) -> Any:
            version = path.stat()
            return by_version(path, version.st_mtime_ns, version.st_size, *args)

        return cast(F, remembered)

    return decorate
