"""Hyphenation dictionaries loaded from their parsed patterns, kept between runs.

WeasyPrint hyphenates with pyphen, which parses a language's `hyph_*.dic` the first time a
process hyphenates that language: 50 ms of CPU for en_GB, 25 ms for Spanish, in every
process that lays out a PDF, before or during its layout. Once `use_kept_copies` has run
(WeasyPrint's import does it, see weasy.py), pyphen gets each dictionary from `dictionary`:
the patterns it parsed before (a dict of strings to tuples of ints), kept with `marshal`
beside the compiled templates, in Jinja's private per-user folder, load in a tenth of
that time. A kept copy is used only while the dictionary file has the size and
modification time it was parsed from and pyphen's version is the same; otherwise pyphen
parses the file as usual and the copy is written again. Dictionaries with non-standard
hyphenation (patterns that change the letters, which marshal cannot keep) are always
parsed.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

_HyphDict: Any = None  # pyphen's class of dictionaries (set by use_kept_copies)


def use_kept_copies() -> None:
    """From now on, in this process, pyphen loads every dictionary through `dictionary`."""
    import pyphen

    global _HyphDict
    if _HyphDict is None:
        _HyphDict = pyphen.HyphDict
        pyphen.HyphDict = dictionary  # what pyphen.Pyphen calls for a dictionary not loaded


def parse(path: Path) -> Any:
    """The dictionary at `path` read and parsed by pyphen."""
    return _HyphDict(path)


def load(language: str) -> None:
    """Have pyphen hold the dictionary of `language` ('en-GB', 'es'), if it has one."""
    import pyphen

    if found := pyphen.language_fallback(language.replace("-", "_")):
        pyphen.Pyphen(lang=found)


def dictionary(path: Path | str) -> Any:
    """The dictionary at `path`, as pyphen's HyphDict(path) makes it."""
    return _kept(Path(path)) or _parsed_and_kept(Path(path))


def _kept(path: Path) -> Any | None:
    """The dictionary from its kept patterns, or None when there are none still valid."""
    try:
        # Read whole first: marshal.load reads a file in small pieces, six times slower.
        stamp, maxlen, patterns = marshal.loads(_copy_of(path).read_bytes())
    except (OSError, RuntimeError, ValueError, EOFError, TypeError):
        return None
    if stamp != _stamp(path):
        return None
    loaded = _HyphDict.__new__(_HyphDict)  # as HyphDict.__init__ leaves it
    loaded.patterns, loaded.cache, loaded.maxlen = patterns, {}, maxlen
    return loaded


def _parsed_and_kept(path: Path) -> Any:
    parsed = parse(path)
    try:
        data = marshal.dumps((_stamp(path), parsed.maxlen, parsed.patterns))
    except ValueError:  # non-standard hyphenation: objects marshal does not write
        return parsed
    except AttributeError:  # a pyphen that keeps its patterns otherwise: used as it is
        return parsed
    # No folder of one's own (see _copy_of), or an unwritable one: parsed again next time.
    with contextlib.suppress(OSError, RuntimeError):
        target = _copy_of(path)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".hyphenation-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)  # whole or not at all, as other processes read it
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    return parsed


def _stamp(path: Path) -> tuple[str, int, int, str]:
    import pyphen

    status = path.stat()
    return (str(path), status.st_size, status.st_mtime_ns, pyphen.__version__)


def _copy_of(path: Path) -> Path:
    """Where the parsed patterns of the dictionary at `path` are kept. RuntimeError when
    Jinja finds no folder safe to keep them (one another user owns or could write)."""
    import jinja2

    folder = Path(jinja2.FileSystemBytecodeCache().directory)
    name = hashlib.sha256(str(path).encode()).hexdigest()[:16]
    return folder / f"publisher-hyphenation-{path.stem}-{name}.marshal"
