"""What a check is: a function from the built outputs to results (pass, warn or fail), which
the runner turns into findings by adding the format and the check's name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..findings import Finding, Status, all_ran

__all__ = [
    "Check",
    "CheckFunction",
    "Finding",
    "Result",
    "Status",
    "Target",
    "ToolMissing",
    "all_ran",
]

if TYPE_CHECKING:
    from ..manifest import IssueManifest


@dataclass(frozen=True)
class Result:
    """What a check function says of one file (or of the whole output when `file` is None)."""

    status: Status
    detail: str = ""
    file: Path | None = None
    line: int | None = None


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
