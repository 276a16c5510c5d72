"""Work the subscription pages hand off, done one job at a time after the answer has gone.

A page that answers "check your inbox" must take as long, and say the same, whether the
address was new, pending or already subscribed: looking it up, writing to the list and
talking to the SMTP server happen here, on one background thread, never in the request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from ..errors import PublisherError
from .store import DatabaseBusy

log = logging.getLogger(__name__)


class TryLater(Exception):
    """Raised by a job whose mail the server did not take for now (a 4xx reply, greylisting,
    the server down): the visitor was told a link is on its way, so the outbox runs the job
    again rather than drop it."""


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
    """One background thread for the pages' work; a job that raises TryLater, or finds the
    list held by another program past database_timeout, is run again after `retry_delay`
    seconds, doubling, until `retry_window` has passed since its first run, as a send
    retries a copy ([delivery] retry_delay, retry_window)."""

    def __init__(self, retry_delay: float, retry_window: float) -> None:
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="publisher-outbox")
        self._delay, self._window = retry_delay, retry_window
        self._timers: set[threading.Timer] = set()
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, job: Callable[[], object], what: str) -> None:
        """Run `job` later; its failure is logged with `what` it was doing, never raised."""
        self._run(job, what, 0, time.monotonic())

    def _run(self, job: Callable[[], object], what: str, retries: int, first: float) -> None:
        def attempt() -> None:
            try:
                job()
            except TryLater as exc:
                self._again(job, what, retries, first, str(exc))
            except DatabaseBusy as exc:  # a send or an import writing to the list
                problem = exc.problems[0]
                self._again(job, what, retries, first, f"{problem.file}: {problem.message}")

        with self._lock:
            if not self._closed:
                self._worker.submit(logged(attempt, what))

    def _again(
        self, job: Callable[[], object], what: str, retries: int, first: float, why: str
    ) -> None:
        delay = self._delay * 2**retries
        if time.monotonic() + delay - first > self._window:
            log.warning("%s: given up after %d tries: %s", what, retries + 1, why)
            return
        log.warning("%s: %s; trying again in %g s", what, why, round(delay, 1))
        timer = threading.Timer(delay, self._fire, (job, what, retries + 1, first))
        timer.daemon = True
        with self._lock:
            if self._closed:
                return
            self._timers.add(timer)
        timer.start()

    def _fire(self, job: Callable[[], object], what: str, retries: int, first: float) -> None:
        with self._lock:
            self._timers.discard(threading.current_thread())
        self._run(job, what, retries, first)

    def wait(self, timeout: float = 30.0) -> None:
        """Until every job submitted so far has run (jobs run in order, one at a time)."""
        self._worker.submit(lambda: None).result(timeout)

    def close(self) -> None:
        """Runs the jobs queued already; retries still waiting are dropped with the process
        (their addresses stay pending: asking again sends a fresh link)."""
        with self._lock:
            self._closed = True
            for timer in self._timers:
                timer.cancel()
        self._worker.shutdown(wait=True)
