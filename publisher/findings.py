"""A check's finding: what the report shows of a file that passed, warned or failed a
check. Apart from the checks, which import the build's modules, so that `publisher check`
can show remembered findings without them (uptodate.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Status = Literal["pass", "warn", "fail"]


@dataclass(frozen=True)
class Finding:
    format: str
    check: str
    status: Status
    detail: str = ""
    file: Path | None = None
    line: int | None = None
    # What the file was made from, when known: a web page's document, the manifest
    source: Path | None = None
    # The line of `source` the fault is written on, when known (a picture, a heading)
    source_line: int | None = None

    def file_name(self, root: Path) -> str | None:
        """The file, from `root` (the workspace) when it is in it: a path, for --json."""
        return _named(self.file, root)

    def source_name(self, root: Path) -> str | None:
        return _named(self.source, root)

    def as_row(self, root: Path) -> dict[str, Any]:
        """The finding as JSON keeps it (the check's stamp, its cache, --json): its files
        named from `root`, so that they move with it."""
        return {**self.__dict__, "file": self.file_name(root), "source": self.source_name(root)}

    @classmethod
    def from_row(cls, row: dict[str, Any], root: Path) -> Finding:
        """A finding kept `as_row` from `root`."""
        file, source = row["file"], row["source"]
        return cls(
            **{
                **row,
                "file": root / file if file else None,
                "source": root / source if source else None,
            }
        )

    def where(self, root: Path) -> str:
        """The file and line, as a report row and an editor name them ("dist/x.html:78"),
        and what it was made from, at its line when known: "… (documents/x.md:14)"."""
        name = self.file_name(root) or ""
        name = f"{name}:{self.line}" if name and self.line else name
        if not self.source:
            return name
        source = self.source_name(root)
        return f"{name} ({source}:{self.source_line})" if self.source_line else f"{name} ({source})"


_NOT_RUN = ("not run:", "could not run:", "nothing to check:")


def all_ran(findings: Iterable[Finding]) -> bool:
    """Whether every check ran: one whose validator is missing (or could not start) says
    so, and its findings are not to be remembered, as it is to run once installed."""
    return not any(f.detail.startswith(_NOT_RUN) for f in findings)


def _named(path: Path | None, root: Path) -> str | None:
    """`path` from `root` when it is in it, as given or resolved (the validator service
    answers with resolved paths); else whole."""
    if path is None:
        return None
    if path.is_relative_to(root):
        return str(path.relative_to(root))
    resolved = path.resolve()
    return (
        str(resolved.relative_to(root.resolve()))
        if resolved.is_relative_to(root.resolve())
        else str(path)
    )
