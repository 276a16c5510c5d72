"""Work the subscription pages hand off, done one job at a time after the answer has gone.

A page that answers "check your inbox" must take as long, and say the same, whether the
address was new, pending or already subscribed: looking it up, writing to the list and
talking to the SMTP server happen here, on one background thread, never in the request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from ..errors import PublisherError

log = logging.getLogger(__name__)


def logged(job: Callable[[], object], what: str) -> Callable[[], None]:
    """`job`, its failure logged with `what` it was doing: nobody is waiting for an answer."""

    def run() -> None:
        try:
            job()
        except PublisherError as exc:
            log.error("%s: %s", what, exc)
        except Exception:
            log.exception("%s failed", what)

    return run


class Outbox:
    def __init__(self) -> None:
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="publisher-outbox")

    def submit(self, job: Callable[[], object], what: str) -> None:
        """Run `job` later; its failure is logged with `what` it was doing, never raised."""
        self._worker.submit(logged(job, what))

    def wait(self, timeout: float = 30.0) -> None:
        """Until every job submitted so far has run (jobs run in order, one at a time)."""
        self._worker.submit(lambda: None).result(timeout)

    def close(self) -> None:
        self._worker.shutdown(wait=True)
