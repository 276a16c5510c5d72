"""What every reader returns: raw metadata and an unsanitised HTML body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from ..sourcefile import SourceData


@dataclass(frozen=True)
class RawDocument:
    """A reader's output before metadata is validated and the body sanitised."""

    meta: dict[str, Any]
    body_html: str
    meta_source: SourceData | None = None  # set when metadata came from hand-written front matter
    printed: frozenset[str] = frozenset()  # front matter keys its text prints (Hugo's param…)


class Reader(Protocol):
    extensions: ClassVar[tuple[str, ...]]

    def read(self, path: Path, id_prefix: str) -> RawDocument: ...
