"""What installed packages register in publisher's entry-point groups (formats, settings
tables), loaded and checked the same way for every group."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from .errors import PublisherError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint, EntryPoints, SelectableGroups

T = TypeVar("T")


def registered(
    group: str, kind: type[T], origin: Callable[[EntryPoint], str]
) -> list[tuple[EntryPoint, T]]:
    """(entry point, object) for each entry point of `group`, in name order. One that cannot be
    loaded, or is not a `kind`, is named (by `origin`) in a clear error, not a traceback."""
    found: list[tuple[EntryPoint, T]] = []
    for entry in sorted(_installed(tuple(sys.path)).select(group=group), key=lambda e: e.name):
        try:
            loaded = entry.load()
        except Exception as exc:  # a broken plugin is named, not a traceback
            problem = f"{type(exc).__name__}: {exc}"
        else:
            if isinstance(loaded, kind):
                found.append((entry, loaded))
                continue
            problem = f"it is not a {kind.__module__}.{kind.__qualname__}"
        raise PublisherError.at(
            f"{origin(entry)} cannot be read: {problem}",
            hint=f"reinstall or uninstall the package that registers it ({group} entry points)",
        )
    return found


@cache
def _installed(path: tuple[str, ...]) -> EntryPoints | SelectableGroups:  # by Python version
    """Every entry point of the packages installed on `path` (sys.path): read once for all
    of publisher's groups, as each reading looks through every installed package (12 ms)."""
    from importlib.metadata import entry_points  # 60 ms: not on `publisher --help`'s path

    return entry_points()
