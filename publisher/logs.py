"""Keeping what publisher logs while something runs, to say it again later: a cached
document's warnings each time it is used, a build's notes when nothing changed since, what
an output rendered ahead said (only if it is used)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def kept(level: int, this_thread_only: bool = False) -> Iterator[list[logging.LogRecord]]:
    """The records publisher's loggers emit at `level` or above until the block ends; only
    this thread's with `this_thread_only` (not those of others working in parallel)."""
    records: list[logging.LogRecord] = []
    thread = threading.get_ident()

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not this_thread_only or record.thread == thread:
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
