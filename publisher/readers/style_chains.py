"""A style's setting as a word processor resolves it: the style's own, or else that of the
first style it is based on that says it (Word's `w:basedOn`, OpenDocument's
`style:parent-style-name`). Word's numbering and both page-break passes read styles so."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")


def inherited(name: str, own: Mapping[str, T | None], based_on: Mapping[str, str]) -> T | None:
    """What the style `name` says of something, in `own`, or else the first style it is
    based on that says it (a loop of bases ends the search)."""
    seen: set[str] = set()
    while name in own and name not in seen:
        seen.add(name)
        if (value := own[name]) is not None:
            return value
        name = based_on.get(name, "")
    return None
