"""The sending loop: K workers, each with its own SMTP connection and ledger connection,
working through its share of one send's rows at a shared, adjustable rate.

Per recipient: personalise (and sign) the copy, wait for a slot, MAIL and RCPT, then mark
the row `sending` and commit, send DATA, sync that commit before the end of the message,
record the reply and commit. The next copy is made while the server reads the current one.
Temporary refusals are retried with exponential backoff and jitter until the retry window
closes; a run of failures pauses the whole send. A 421 closing a connection that carried
messages is answered by reconnecting (and a per-connection limit learned); 421/454 on a new
connection halve the rate, once per request, and a run of successes restores it; a copy
whose connection was refused so goes again on the next one, without a retry's delay.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from ..stopping import stopping_signals_interrupt
from .copies import Template
from .dkim_signer import DkimSigner
from .ledger import Ledger, Recipient
from .settings import DeliverySettings
from .smtp import Connection, Outcome
from .store import Location
from .tokens import Tokens
from .verp import envelope_sender

_SLOWEST = 0.1  # messages per second: slowing down never goes below one every ten seconds
# Copies taken in a row after which a slowed-down rate steps up by a tenth of the full one.
_RECOVERY_RUN = 10
_RECOVERY_STEPS = 10
# Seconds between looks at the ledger while only retries, or rows another sender holds, are
# left. A worker of this send wakes its idle fellows whenever it settles a row or ends.
_IDLE_POLL = 1.0


class SendProgress(Protocol):
    def begin(self, total: int) -> None: ...
    def settled(self, state: str) -> None: ...
    def warn(self, message: str) -> None:
        """Say what the editor should know before any copy goes out."""


class _Quiet:
    def begin(self, total: int) -> None:
        pass

    def warn(self, message: str) -> None:
        pass

    def settled(self, state: str) -> None:
        pass


@dataclass(frozen=True)
class SendJob:
    """Everything one send needs that does not change while it runs."""

    database: Location
    send_id: int
    issue: str
    template: Template
    tokens: Tokens
    settings: DeliverySettings
    envelope_from: str
    password: str | None
    dkim: DkimSigner | None = None
    rate: float = 0.0  # messages per second, 0: unlimited
    connections: int = 1
    # the language editions' built emails, by language; `template` is the original's
    editions: Mapping[str, Template] = field(default_factory=dict)


@dataclass
class RunResult:
    paused: str | None = None  # why the send stopped itself, if it did
    interrupted: str = ""  # what stopped it from outside: "Ctrl-C", a signal; "" if nothing
    # messages per second after each slow-down and each return to the full rate (0: as fast
    # as the server takes)
    rate_changes: list[float] = field(default_factory=list)


class Pacer:
    """Hands out sending slots at `rate` per second to every worker together. The server
    asking us to slow down halves the rate, once per request however many connections hear
    it; a run of successes since then steps it back up to the full rate (AIMD)."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._configured = rate
        self._full = rate  # to come back to: the configured rate, or the pace when slowed
        self._next = 0.0
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._issued = 0
        self._slowed_at = 0  # slots handed out when the rate last halved
        self._successes = 0  # since then

    def wait(self, stop: threading.Event) -> int | None:
        """Block until this caller's slot: its number; None if the send is stopping."""
        with self._lock:
            self._issued += 1
            number = self._issued
            now = time.monotonic()
            if not self.rate:
                return None if stop.is_set() else number
            slot = max(now, self._next)
            self._next = slot + 1 / self.rate
        stopped = stop.wait(slot - now) if slot > now else stop.is_set()
        return None if stopped else number

    def slow_down(self, slot: int) -> float | None:
        """Halve the rate for a refusal of the copy that had `slot`; None when the rate
        already halved after that slot was handed out: the copies in flight then heard the
        same request (several connections, one overloaded server), which is not a new one."""
        with self._lock:
            if slot <= self._slowed_at:
                return None
            if not self.rate:  # as fast as the server takes: come back to this pace
                elapsed = max(time.monotonic() - self._started, 1e-3)
                self.rate = self._full = self._issued / elapsed
            self.rate = max(self.rate / 2, _SLOWEST)
            self._slowed_at, self._successes = self._issued, 0
            return self.rate

    def succeeded(self) -> float | None:
        """Count a copy the server took: after each run of them since the rate was halved,
        a step of the full rate back. The rate, when this brought it back to full."""
        with self._lock:
            if self.rate == self._configured:
                return None
            self._successes += 1
            if self._successes < _RECOVERY_RUN:
                return None
            self._successes = 0
            self.rate = min(self.rate + self._full / _RECOVERY_STEPS, self._full)
            if self.rate < self._full:
                return None
            self.rate = self._configured
            return self.rate


class Sender:
    def __init__(self, job: SendJob, progress: SendProgress | None = None) -> None:
        self.job = job
        self.progress = progress or _Quiet()
        self.pacer = Pacer(job.rate)
        self.stop = threading.Event()
        self.result = RunResult()
        self._lock = threading.Lock()
        self._failures_in_a_row = 0
        self._taken = False  # the server has taken a copy in this run
        self._last_failure = ""
        self._error: BaseException | None = None
        self._changed = threading.Condition()  # notified when a row is settled or a worker ends
        self._changes = 0
        self._working = 0  # workers that have not yet ended
        self._all_ended = threading.Event()

    def run(self) -> RunResult:
        job = self.job
        ledger = Ledger(job.database, job.settings.database_timeout)
        try:
            self.progress.begin(ledger.open_count(job.send_id)[0])
        finally:
            ledger.close()
        workers = [
            threading.Thread(
                target=self._work_then_end, args=(index,), daemon=True, name=f"send-{index}"
            )
            for index in range(job.connections)
        ]
        self._working = len(workers)
        for worker in workers:
            worker.start()
        # Waited for by an event, not Thread.join: on Python 3.11 a join that Ctrl-C
        # interrupts marks the thread ended while it still runs (threading's bpo-45274
        # handling), so the join after it returned at once and the process left with the
        # copy that worker was sending `unknown`.
        try:
            with stopping_signals_interrupt():
                while not self._all_ended.wait(0.2):
                    pass
        except KeyboardInterrupt as stopped:
            # Each worker finishes the transaction it is in, records it, and stops.
            self.result.interrupted = str(stopped) or "Ctrl-C"
            self._stop()
            self._all_ended.wait()
        if self._error is not None:
            raise self._error
        return self.result

    def _work(self, index: int) -> None:
        job = self.job
        ledger = Ledger(job.database, job.settings.database_timeout)
        connection = Connection(job.settings, job.password)
        # The next copy is looked up and made (and signed) while the server reads this one:
        # its row is `sending` by then, so the lookup cannot return it again.
        ahead = ThreadPoolExecutor(1, thread_name_prefix=f"send-{index}-next")
        upcoming: Future[tuple[Recipient, bytes] | None] | None = None

        def next_copy() -> tuple[Recipient, bytes] | None:
            found = ledger.next_due(job.send_id, time.time(), index, job.connections)
            return (found, self._compose(found)) if found else None

        def before_end() -> None:
            nonlocal upcoming
            if upcoming is None:  # a retried transaction comes here twice
                upcoming = ahead.submit(next_copy)
            ledger.make_durable()

        try:
            while not self.stop.is_set():
                copy = upcoming.result() if upcoming else next_copy()
                upcoming = None
                if copy is None:
                    now, seen = time.time(), self._changes
                    remaining, due = ledger.open_count(job.send_id, index, job.connections)
                    if not remaining:
                        return
                    ledger.reclaim_abandoned()  # rows of a sender that died (PostgreSQL)
                    self._idle(seen, min(max(due - now, 0.01), _IDLE_POLL))
                    continue
                recipient, message = copy
                slot = self.pacer.wait(self.stop)
                if slot is None:
                    return
                outcome = connection.transmit(
                    envelope_sender(job.settings, recipient.subscriber_id, job.envelope_from),
                    recipient.address,
                    message,
                    before_data=partial(ledger.claim, job.send_id, recipient),
                    before_end=before_end,
                )
                self._settle(ledger, recipient, outcome, slot)
        except BaseException as exc:
            with self._lock:
                self._error = self._error or exc
            self._stop()
        finally:
            ahead.shutdown()  # a copy made ahead and not sent leaves its row queued
            connection.close()
            ledger.close()
            self._changed_now()  # its rows, if any were left, are another worker's to take

    def _work_then_end(self, index: int) -> None:
        """A worker's thread: its share of the send, then its count taken off, whatever
        happened, so that the send is over once every worker has ended."""
        try:
            self._work(index)
        finally:
            with self._lock:
                self._working -= 1
                if not self._working:
                    self._all_ended.set()

    def _idle(self, seen: int, seconds: float) -> None:
        """Wait up to `seconds`, less if another worker settles a row or ends (a PostgreSQL
        worker with nothing reserved waits for rows its fellows hold) or the send stops.
        `seen`: the count of changes when the ledger was last read, so none is missed."""
        with self._changed:
            self._changed.wait_for(lambda: self._changes != seen or self.stop.is_set(), seconds)

    def _changed_now(self) -> None:
        with self._changed:
            self._changes += 1
            self._changed.notify_all()

    def _stop(self) -> None:
        self.stop.set()
        self._changed_now()

    def _compose(self, recipient: Recipient) -> bytes:
        """The recipient's copy, of the edition their row was queued with: every worker
        shares the templates, which a copy leaves as they were. The unsubscribe token is
        the issue's, whatever the edition."""
        job = self.job
        token = job.tokens.unsubscribe(recipient.subscriber_id, job.issue)
        template = job.editions[recipient.edition] if recipient.edition else job.template
        message = template.personalise(recipient.address, recipient.message_id, token)
        return job.dkim.sign(message) if job.dkim else message

    def _settle(self, ledger: Ledger, recipient: Recipient, outcome: Outcome, slot: int) -> None:
        """Write the outcome to the ledger; keep count of failures in a row; adjust the rate
        (`slot`: the pacer's for this copy)."""
        job, settings = self.job, self.job.settings
        state, text, due = outcome.state, outcome.text, 0.0
        if state == "deferred":
            now = time.time()
            backoff = settings.retry_delay * 2**recipient.attempts * random.uniform(0.5, 1.5)
            window_ends = (recipient.first_attempt_at or now) + settings.retry_window
            if now >= window_ends:
                state = "failed"
                text = f"{text} (still refused when the retry window closed)"
            elif outcome.connection_refused:  # the server never saw it: the next connection
                due = now
            else:  # a backoff past the window's end: the last try is as it closes
                due = min(now + backoff, window_ends)
        if state != "skipped":  # claim() has already written a skipped row
            ledger.record(
                job.send_id,
                recipient,
                state,
                outcome.code,
                text,
                next_attempt_at=due,
                suppress=outcome.suppress,
            )
        rate = self.pacer.slow_down(slot) if outcome.slow_down else None
        if state == "sent":
            rate = self.pacer.succeeded()
        if rate is not None:
            with self._lock:
                self.result.rate_changes.append(rate)
        self._count(state, recipient, outcome)
        self.progress.settled(state)
        self._changed_now()

    def _count(self, state: str, recipient: Recipient, outcome: Outcome) -> None:
        """Keep count of failures in a row, and pause the send after too many: a server
        or account that refuses us. Once the server has taken a copy in this run, two
        failures say nothing of that and do not count: an address refused for good (a 5xx
        to RCPT: a list sorted by domain has runs of them at a closed domain), and a
        deferred copy refused again, which retrying until the retry window closes is for
        (the last few copies of a send are all retries, and a handful of greylisted
        readers paused it again and again). A run with nothing taken counts them; a new
        connection refused always counts, its copy being retried at once: a server that
        refuses every one pauses the send."""
        if state in ("sent", "skipped"):
            with self._lock:
                self._failures_in_a_row = 0
                self._taken = self._taken or state == "sent"
            return
        retried = recipient.attempts and not outcome.connection_refused
        if (retried or outcome.suppress) and self._taken:
            return
        with self._lock:
            self._failures_in_a_row += 1
            reply = f"{outcome.code or ''} {outcome.text}".strip()
            self._last_failure = f"{recipient.address}: {reply}"
            if self._failures_in_a_row >= self.job.settings.pause_after_failures:
                if self.result.paused is None:
                    self.result.paused = (
                        f"paused after {self._failures_in_a_row} failures in a row"
                        f" (the last: {self._last_failure})"
                    )
                self._stop()
