"""Errors a user can cause, carrying where (file, line) and how to fix it (hint).

The CLI prints these without a traceback; anything else is a bug in publisher.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


@dataclass
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    message: str
    file: Path | None = None
    line: int | None = None
    hint: str | None = None

    def named_from(self, folder: Path) -> Problem:
        """The problem with its file named from `folder` (documents/notes.md), as a page
        says it to an editor who never typed the workspace's absolute path."""
        if self.file is None or not self.file.is_relative_to(folder):
            return self
        return Problem(self.message, self.file.relative_to(folder), self.line, self.hint)

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class PublisherError(Exception):
    """One or more problems with the user's input; nothing has been written."""

    def __init__(self, *problems: Problem) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type[PublisherError], tuple[Problem, ...]]:
        return (type(self), tuple(self.problems))  # from a worker process, problems and all

    @classmethod
    def at(
        cls,
        message: str,
        file: Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> PublisherError:
        return cls(Problem(message, file, line, hint))


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The one of `candidates` that `word` is most likely a typo of, if any is close."""
    return next(iter(_close_matches(word, candidates, 1)), None)


def near_misses(
    word: str,
    candidates: Iterable[str] | Mapping[str, object],
    n: int = 3,
    also: Iterable[str] = (),
) -> str | None:
    """A 'did you mean …?' hint, or None when nothing is close. `candidates` may map each
    name to what it names: of names for one thing (a document's slug and its file name),
    the closest alone is offered. `also`: candidates to offer after the close ones,
    however far they are (those `word` shortens)."""
    named = candidates if isinstance(candidates, Mapping) else {c: c for c in candidates}
    close: list[str] = []
    for name in [*_close_matches(word, named, max(len(named), 1)), *also]:
        if all(named[name] != named[other] for other in close):
            close.append(name)
    close = close[:n]
    if not close:
        return None
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


def _close_matches(word: str, candidates: Iterable[str], n: int) -> list[str]:
    """Up to `n` of `candidates` close to `word`, the closest first (difflib's measure)."""
    import difflib

    return difflib.get_close_matches(word, sorted(candidates), n=n, cutoff=0.6)
