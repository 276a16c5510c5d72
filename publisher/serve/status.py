"""What the builder tells the web server's threads: how many builds have finished, the
errors and warnings of the latest ones, and which issues there are to preview.

Browsers' event streams wait here for the next build; the builder never waits for them.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


@dataclass(frozen=True)
class EditionLink:
    """A language edition of an issue, as the preview index lists it under the issue."""

    language: str
    title: str  # "" when the edition has no title of its own
    page: str  # its web page: "/041-pay/es/"
    files: dict[str, str] = field(default_factory=dict, hash=False)  # format → its file


@dataclass(frozen=True)
class IssueLink:
    """An issue as the preview index lists it."""

    slug: str
    number: int
    title: str
    date: dt.date
    editions: tuple[EditionLink, ...] = ()


@dataclass(frozen=True)
class BuildEvent:
    """One finished build, as the event stream sends it to the pages."""

    build: int  # counts builds since the server started; pages remember the one they show
    stage: str
    ok: bool


class Warned(NamedTuple):
    """A warning a build logged, and the issue it is about (its manifest's name), if one."""

    issue: str | None
    text: str


class Status:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._last = BuildEvent(0, "", True)
        self._errors: dict[str, str] = {}  # stage → its error, until that stage builds again
        # stage → issue → what its latest good build of that issue warned of (None: what
        # its latest good build warned of about no issue in particular)
        self._warnings: dict[str, dict[str | None, tuple[str, ...]]] = {}
        self._closed = False
        self.issues: tuple[IssueLink, ...] = ()

    def finished(
        self,
        stage: str,
        error: str | None = None,
        warnings: Iterable[Warned] = (),
        rebuilt: Collection[str] | None = None,
    ) -> None:
        """Record a build of `stage` (a failure when `error` is given) and what it warned
        of, and wake the pages. A failed build keeps the warnings of the last good one.
        A build of the `rebuilt` issues only (None: of every one) keeps what others warned
        of: serve builds only the issues an edit concerns, and a warning stays listed until
        the issue it is about is built without it."""
        with self._changed:
            if error is None:
                self._errors.pop(stage, None)
                self._warnings[stage] = self._kept(stage, rebuilt, warnings)
            else:
                self._errors[stage] = error
            self._last = BuildEvent(self._last.build + 1, stage, error is None)
            self._changed.notify_all()

    def _kept(
        self, stage: str, rebuilt: Collection[str] | None, warnings: Iterable[Warned]
    ) -> dict[str | None, tuple[str, ...]]:
        """The stage's warnings after a build: what it warned of, and what each issue it did
        not rebuild warned of before (every build says again what is about no issue)."""
        before = self._warnings.get(stage, {})
        after: dict[str | None, tuple[str, ...]] = {
            issue: said
            for issue, said in before.items()
            if issue is not None and rebuilt is not None and issue not in rebuilt
        }
        for issue, text in warnings:
            after[issue] = tuple(dict.fromkeys((*after.get(issue, ()), text)))
        return after

    @property
    def last(self) -> BuildEvent:
        with self._changed:
            return self._last

    @property
    def errors(self) -> list[tuple[str, str]]:
        """(stage, error) for every stage whose latest build failed."""
        with self._changed:
            return list(self._errors.items())

    @property
    def warnings(self) -> list[str]:
        """What the latest good builds of each stage warned of, each said once."""
        with self._changed:
            every = (w for by_issue in self._warnings.values() for w in by_issue.values())
            return list(dict.fromkeys(w for said in every for w in said))

    @property
    def closed(self) -> bool:
        return self._closed

    def wait_for_build(self, seen: int, timeout: float) -> BuildEvent:
        """The latest build, once it is not `seen` (or after `timeout`, or on closing)."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._last.build != seen, timeout)
            return self._last

    def close(self) -> None:
        """Let every waiting event stream end: the server is stopping."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def has_outputs(dist: Path) -> bool:
    """Whether dist/ holds anything a build wrote, to serve while the latest build fails:
    a first build that failed left nothing, and "the last good outputs" are none."""
    try:
        return any(dist.iterdir())
    except OSError:  # no dist/ yet
        return False
