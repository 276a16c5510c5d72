"""What a check is: a function from the built outputs to results (pass, warn or fail), which
the runner turns into findings by adding the format and the check's name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..config import Config

if TYPE_CHECKING:
    from ..manifest import IssueManifest

Status = Literal["pass", "warn", "fail"]


@dataclass(frozen=True)
class Result:
    """What a check function says of one file (or of the whole output when `file` is None)."""

    status: Status
    detail: str = ""
    file: Path | None = None
    line: int | None = None


@dataclass(frozen=True)
class Finding:
    format: str
    check: str
    status: Status
    detail: str = ""
    file: Path | None = None
    line: int | None = None
    # What the file was made from, when known: a web page's document, the issue's manifest
    source: Path | None = None
    # The line of `source` the fault is written on, when known (a picture, a heading)
    source_line: int | None = None

    def file_name(self, root: Path) -> str | None:
        """The file, from `root` (the workspace) when it is in it: a path, for --json."""
        return _named(self.file, root)

    def source_name(self, root: Path) -> str | None:
        return _named(self.source, root)

    def where(self, root: Path) -> str:
        """The file and line, as a report row and an editor name them ("dist/x.html:78"),
        and what it was made from, at its line when known: "… (documents/x.md:14)"."""
        name = self.file_name(root) or ""
        name = f"{name}:{self.line}" if name and self.line else name
        if not self.source:
            return name
        source = self.source_name(root)
        return f"{name} ({source}:{self.source_line})" if self.source_line else f"{name} ({source})"


def _named(path: Path | None, root: Path) -> str | None:
    if path is None:
        return None
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


@dataclass(frozen=True)
class Target:
    """The outputs to check: the output folder and the issues selected in it."""

    config: Config
    out_dir: Path
    issue_slugs: tuple[str, ...]
    other_issues: tuple[str, ...] = ()  # not selected: their folders are not checked
    # The selected issues' manifests, when known: the outputs they call for must be there
    manifests: tuple[IssueManifest, ...] = ()

    def issue_files(self, pattern: str) -> list[Path]:
        """Files of the selected issues matching `pattern` inside each issue folder and its
        language editions' folders (<slug>/<lang>/, `Issue.folder`)."""
        return sorted(
            p
            for slug in self.issue_slugs
            for where in (pattern, f"*/{pattern}")
            for p in (self.out_dir / slug).glob(where)
        )

    def archive_files(self, pattern: str) -> list[Path]:
        """Files of the whole output folder matching `pattern` (anywhere in it), but for
        those in the folders of issues not selected: `publisher check 41` checks the home
        page and issue 41's pages, not issue 40's."""
        others = [self.out_dir / slug for slug in self.other_issues]
        return sorted(
            p for p in self.out_dir.rglob(pattern) if not any(p.is_relative_to(o) for o in others)
        )


class ToolMissing(Exception):
    """A validator is not installed: reported as a warning with how to install it."""

    def __init__(self, tool: str, install: str) -> None:
        super().__init__(f"{tool} is not installed: {install}")


CheckFunction = Callable[[Target], Iterable[Result]]


@dataclass(frozen=True)
class Check:
    format: str
    name: str
    run: CheckFunction
    external: bool = False  # a validator program: the runner starts these first
