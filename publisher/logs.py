"""Keeping what publisher logs while something runs, to say it again later: a cached
document's warnings each time it is used, a build's notes when nothing changed since, what
an output rendered ahead said (only if it is used)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# The issue (its manifest's file name, without the suffix) that what is logged now is about.
_concerning: ContextVar[str | None] = ContextVar("concerning", default=None)
_ISSUE = "publisher_issue"  # the LogRecord attribute that holds it


@contextmanager
def concerning(issue: str | None) -> Iterator[None]:
    """What is logged in the block is about `issue` alone (its outputs, its manifest):
    `publisher serve`, which builds only the issues an edit concerns, keeps listing it
    until that issue is built again. What is about no issue in particular every build
    says again."""
    token = _concerning.set(issue)
    try:
        yield
    finally:
        _concerning.reset(token)


def concerned_issue(record: logging.LogRecord) -> str | None:
    """The issue a record kept by `kept` is about (`concerning`), if any."""
    return getattr(record, _ISSUE, None)


@contextmanager
def kept(level: int, this_thread_only: bool = False) -> Iterator[list[logging.LogRecord]]:
    """The records publisher's loggers emit at `level` or above until the block ends; only
    this thread's with `this_thread_only` (not those of others working in parallel)."""
    records: list[logging.LogRecord] = []
    thread = threading.get_ident()

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not this_thread_only or record.thread == thread:
                # A worker's record is said here again (workers.log_here), where the
                # issue it is about is known.
                if concerned_issue(record) is None:
                    setattr(record, _ISSUE, _concerning.get())
                records.append(record)

    handler = Keep(level)
    logger = logging.getLogger("publisher")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


@contextmanager
def held() -> Iterator[list[logging.LogRecord]]:
    """`kept`, every record, and not shown meanwhile: the caller says them later, or not."""
    logger = logging.getLogger("publisher")
    handlers, propagate = logger.handlers[:], logger.propagate
    for handler in handlers:
        logger.removeHandler(handler)
    logger.propagate = False
    try:
        with kept(logging.NOTSET) as records:
            yield records
    finally:
        logger.handlers[:] = handlers
        logger.propagate = propagate
