"""Names made unique among those already given: a document's file name, a heading's id."""

from __future__ import annotations


def unique(base: str, taken: set[str], first: int = 2) -> str:
    """`base`, or the first of `base-2`, `base-3`, … (from `first`) not in `taken`; the
    name returned is added to `taken`. Pandoc numbers a heading's id again from 1."""
    name, n = base, first
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name
