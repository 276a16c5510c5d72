"""What the builder tells the web server's threads: how many builds have finished, the
errors and warnings of the latest ones, and which issues there are to preview.

Browsers' event streams wait here for the next build; the builder never waits for them.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class IssueLink:
    """An issue as the preview index lists it."""

    slug: str
    number: int
    title: str
    date: dt.date


@dataclass(frozen=True)
class BuildEvent:
    """One finished build, as the event stream sends it to the pages."""

    build: int  # counts builds since the server started; pages remember the one they show
    stage: str
    ok: bool


class Status:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._last = BuildEvent(0, "", True)
        self._errors: dict[str, str] = {}  # stage → its error, until that stage builds again
        self._warnings: dict[str, tuple[str, ...]] = {}  # stage → its latest build's warnings
        self._closed = False
        self.issues: tuple[IssueLink, ...] = ()

    def finished(
        self, stage: str, error: str | None = None, warnings: tuple[str, ...] = ()
    ) -> None:
        """Record a build of `stage` (a failure when `error` is given) and what it warned
        of, and wake the pages. A failed build keeps the warnings of the last good one."""
        with self._changed:
            if error is None:
                self._errors.pop(stage, None)
                self._warnings[stage] = warnings
            else:
                self._errors[stage] = error
            self._last = BuildEvent(self._last.build + 1, stage, error is None)
            self._changed.notify_all()

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
        """What the latest good build of each stage warned of, each said once."""
        with self._changed:
            return list(dict.fromkeys(w for said in self._warnings.values() for w in said))

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
