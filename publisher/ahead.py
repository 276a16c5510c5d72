"""Archive outputs rendered ahead: while workers lay out PDFs, the build renders the feeds
and web pages that link them, with a token where each size still to come goes, and fills
the tokens in once the files are made. (Those outputs came after the PDF, a sixth of a cold
build's time, with this process idle meanwhile.)

What was rendered ahead is used only when it is what rendering afterwards would give: the
archive asked for the same files and got the same sizes, each file to come was made, and
no token is left in the bytes. Otherwise it is rendered again, and what it logged ahead is
dropped. A size to come is not a number: a theme that does arithmetic with it, or
compares it, stops the render ahead (`SizeNotKnown`) instead of getting a wrong number.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from .i18n import current_language, file_size, interface_language
from .output import Artifact

SizeOf = Callable[[Path], int | None]  # an output's size in bytes, None when it is not built

_START, _END = "\ue000", "\ue001"  # Unicode's private use: a token is never mistaken for text


class SizeNotKnown(Exception):
    """A size to come was used as a number: this output is rendered after the PDFs instead.
    (Not a TypeError or ValueError: Jinja's `int` and `float` filters turn those into 0.)"""


class PendingSize:
    """The size of a file still being made: as text, a token; as a number, SizeNotKnown."""

    def __init__(self, token: str) -> None:
        self.token = token

    def __str__(self) -> str:
        return self.token

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        if spec:
            raise SizeNotKnown(spec)
        return self.token

    def human(self, binary: bool = False, language: str = "") -> str:
        """The token the filesizeformat filter writes ("1.2 MB", "1,2 Mo" once known)."""
        return f"{self.token[:-1]}{'b' if binary else 'h'}{language}{_END}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PendingSize) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)

    def _not_a_number(self, *_: object) -> Any:
        raise SizeNotKnown(self.token)

    __int__ = __float__ = __index__ = __bool__ = _not_a_number
    __lt__ = __le__ = __gt__ = __ge__ = _not_a_number
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _not_a_number
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = _not_a_number


def filesizeformat(value: object, binary: bool = False) -> str:
    """Jinja's filesizeformat in the interface language of the moment ("46.7 kB",
    "46,7 ko": i18n.file_size), which writes a size to come as its token."""
    if isinstance(value, PendingSize):
        return value.human(binary, current_language())
    return file_size(value, binary)  # type: ignore[arg-type]


@dataclass
class Ahead:
    """Outputs rendered ahead (job name → outputs, seconds, what they logged) and the
    sizes the archive was given for them: relative path → size, None, or a size to come."""

    rendered: dict[str, tuple[list[Artifact], float, list[logging.LogRecord]]] = field(
        default_factory=dict
    )
    given: dict[str, int | PendingSize | None] = field(default_factory=dict)
    _nonce: str = field(default_factory=lambda: f"{int.from_bytes(os.urandom(5)):013d}")

    def sizes(self, built_size: SizeOf, coming: Collection[str]) -> SizeOf:
        """Sizes for rendering ahead: a token for each file in `coming`, else `built_size`'s."""

        def size(relative: Path) -> int | None:
            name = str(relative)
            if name not in self.given:
                if name in coming:
                    self.given[name] = PendingSize(f"{_START}{self._nonce}:{len(self.given)}{_END}")
                else:
                    self.given[name] = built_size(relative)
            return cast("int | None", self.given[name])  # a size to come passes for one

        return size

    def filled(
        self, job_name: str, given_now: dict[str, int | None]
    ) -> tuple[list[Artifact], float, list[logging.LogRecord]] | None:
        """The job's outputs rendered ahead, with every size filled in; None when there are
        none, or rendering it now would not give the same (see the module's docstring)."""
        if job_name not in self.rendered or list(given_now) != list(self.given):
            return None
        sizes: dict[str, int] = {}  # a token's number → the size now
        for number, (name, before) in enumerate(self.given.items()):
            now = given_now[name]
            if isinstance(before, PendingSize):
                if now is None:
                    return None  # the file was not made after all
                sizes[str(number)] = now
            elif before != now:
                return None
        # a size as a number (`token`), or as the filesizeformat filter wrote it (`human`)
        written = re.compile(
            re.escape(f"{_START}{self._nonce}:").encode()
            + rb"(\d+)(?:([hb])([A-Za-z0-9-]*))?"
            + re.escape(_END.encode())
        )

        def size(found: re.Match[bytes]) -> bytes:
            number, kind, language = found.group(1).decode(), found.group(2), found.group(3)
            if number not in sizes:
                return found.group(0)  # left as it is: the output is rendered again
            if kind is None:
                return str(sizes[number]).encode()
            with interface_language(language.decode() or current_language()):
                return filesizeformat(sizes[number], binary=kind == b"b").encode()

        artifacts, seconds, logged = self.rendered[job_name]
        done = []
        for artifact in artifacts:
            data = written.sub(size, artifact.data)
            if self._nonce.encode() in data or _START.encode() in data:
                return None  # a token written some other way (escaped, cut short)
            done.append(dataclasses.replace(artifact, data=data))
        return done, seconds, logged
