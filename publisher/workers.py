"""Render worker processes: how many, forking them safely, the PDF workers' warm-up, and
running one job in a worker (or here) with what it logged coming back to the build.

Workers are forked: they start with this process's modules (WeasyPrint, when it was
imported here). A process may fork only while it runs no other thread, and a daemonic one
(as in `publisher serve`) may have no children: those render in their own process.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import logging
import logging.handlers
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import FrameType
from typing import Any

from .errors import PublisherError
from .output import Artifact, refused_write
from .renderers.base import Job, OutputFailed, RenderContext

# A job's outcome: its outputs (or why the one it makes failed), the seconds it took, and
# what it logged in a worker.
Rendered = tuple[list[Artifact] | OutputFailed, float, list[logging.LogRecord]]


def workers() -> int:
    """Render processes: PUBLISHER_JOBS when set (1 renders in this process, as on a shared
    machine where the other cores are busy), otherwise one per core this process may use.
    Any other value is refused, not passed over: the build would use every core unasked."""
    wanted = os.environ.get("PUBLISHER_JOBS", "").strip()
    if wanted and (not wanted.isdecimal() or int(wanted) < 1):
        raise PublisherError.at(
            f"PUBLISHER_JOBS={wanted!r} is not a number of render processes",
            hint="unset it (one per core), or set it to a whole number from 1"
            " (1 renders in publisher's own process)",
        )
    if wanted:
        return int(wanted)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this process may fork render workers now (see the module's docstring)."""
    return threading.active_count() == 1 and not multiprocessing.current_process().daemon


def new_pool(size: int, layout_languages: tuple[str, ...] | None = None) -> ProcessPoolExecutor:
    """A pool of `size` workers, forked now, all at once (ProcessPoolExecutor forks them at
    its first submit: here a call that does nothing). With `layout_languages`, PDF workers:
    each imports WeasyPrint and loads those languages' hyphenation dictionaries as it
    starts. Ctrl-C is held back while they fork: this process gets it just after, and each
    worker once it can end quietly (see _start_worker).

    The workers get this process's objects frozen (gc.freeze, as Python's documentation
    advises before a fork): their garbage collector never looks at them, so it neither
    spends time on them nor writes to them, and each write would copy a memory page the
    worker shares with this process. This process unfreezes its own at once (freezing and
    unfreezing move one list): it may run for long (`publisher serve`) and must go on
    collecting them. The young generations are collected first (half a millisecond): what
    is already garbage goes now, as it would have soon, instead of waiting, unfrozen among
    the old objects, for a full collection to free it and run its finalizers."""
    _lock_wakeup_pipes()
    fork = multiprocessing.get_context("fork")
    if layout_languages is None:
        pool = ProcessPoolExecutor(size, fork, _start_worker)
    else:
        pool = ProcessPoolExecutor(size, fork, _start_layout_worker, (layout_languages,))
    _notice_ctrl_c()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    gc.collect(1)
    gc.freeze()
    try:
        pool.submit(int)
    finally:
        gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return pool


@functools.cache
def _lock_wakeup_pipes() -> None:
    """CPython's fix for a race in ProcessPoolExecutor (gh-125451, in 3.12.8 and 3.13.1),
    where this Python lacks it: a lock of each wakeup pipe's own around its close, wakeup
    and clear.

    At the exit of a build stopped by Ctrl-C as a PDF worker started, concurrent.futures
    wrote to a pool's wakeup pipe as the pool's manager thread closed it, and Python printed
    "Exception ignored … OSError: [Errno 9] Bad file descriptor" with its traceback after
    the build's own "Aborted!"."""
    from concurrent.futures import process

    wakeup: Any = process._ThreadWakeup
    probe = wakeup()
    fixed = hasattr(probe, "_lock")
    probe.close()
    if fixed:
        return
    made = wakeup.__init__

    def init(self: Any) -> None:
        self._publisher_lock = threading.Lock()
        made(self)

    def locked(method: Callable[[Any], None]) -> Callable[[Any], None]:
        @functools.wraps(method)
        def call(self: Any) -> None:
            lock = getattr(self, "_publisher_lock", None)  # None: made before this
            with lock or contextlib.nullcontext():
                method(self)

        return call

    wakeup.__init__ = init
    for name in ("close", "wakeup", "clear"):
        setattr(wakeup, name, locked(getattr(wakeup, name)))


@contextlib.contextmanager
def ctrl_c_as_interrupt() -> Iterator[None]:
    """A pool whose worker died after this process had Ctrl-C was ended by it: the build
    stops as interrupted (click says "Aborted!"), not on an unexpected problem. Ctrl-C
    raises KeyboardInterrupt here too, but a library may swallow it: one raised while
    lxml's extension module is imported is lost, and the build went on to find its PDF
    worker gone."""
    try:
        yield
    except BrokenProcessPool:
        if _had_ctrl_c:
            raise KeyboardInterrupt from None
        raise


_had_ctrl_c = False


def _notice_ctrl_c() -> None:
    """From now on, Ctrl-C is noted (see ctrl_c_as_interrupt) before it raises
    KeyboardInterrupt as usual; a handler someone else installed is left alone."""
    global _had_ctrl_c
    _had_ctrl_c = False
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _note_ctrl_c)


def _note_ctrl_c(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C pressed again while the build handles the first one (ending its workers,
    removing its staging folder) is only noted: raised there, it cut that short, or was
    printed with its traceback by Python, which cannot raise it out of a finaliser."""
    global _had_ctrl_c
    _had_ctrl_c = True
    if not isinstance(sys.exc_info()[1], KeyboardInterrupt):
        signal.default_int_handler(signum, frame)


def prepare_layout(languages: tuple[str, ...]) -> None:
    """Import WeasyPrint and load the hyphenation dictionaries of `languages` (pyphen keeps
    them for the process), in a PDF worker or a thread, while the documents are read."""
    from .renderers import hyphenation
    from .renderers.weasy import import_weasyprint  # which has pyphen use kept copies

    import_weasyprint()
    for language in languages:
        hyphenation.load(language)


def run_job(job: Job, ctx: RenderContext) -> Rendered:
    """Render one job (in this process or a worker) and time it; an output that cannot be
    made comes back as its error, so the other jobs go on; a write the disk refused fails
    the build as a clear error. In a worker, what the job
    logged comes back too (not what a job that raised logged: its error fails the build)."""
    _taken()  # left by a job that raised
    started = time.perf_counter()
    try:
        artifacts: list[Artifact] | OutputFailed = job.renderer.run(job, ctx)
    except OutputFailed as exc:
        artifacts = exc
    except OSError as exc:  # a full disk or ulimit -f met by a temporary file
        if refused := refused_write(exc):
            raise refused from None
        raise
    return artifacts, time.perf_counter() - started, _taken()


def log_here(records: list[logging.LogRecord], said: set[tuple[int, str]]) -> None:
    """Log in this process what a job logged in its worker, but not what the build `said`
    already: each edition's PDF of a document finds the same missing glyph, each worker
    the same soft picture, and one line says it for all of them."""
    for record in records:
        key = (record.levelno, record.getMessage())
        if key not in said:
            said.add(key)
            logging.getLogger(record.name).handle(record)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now, busy or idle, as the build is interrupted or has failed.
    Ctrl-C reaches every process of the terminal's, and ends them; SIGTERM or SIGHUP may
    reach the build's own process only (systemd's stop, htop's kill), and a failure none,
    and its exit would wait for the job each worker is in: a PDF laid out for nothing."""
    processes: dict[int, multiprocessing.process.BaseProcess] = (
        getattr(pool, "_processes", None) or {}
    )
    for process in list(processes.values()):
        with contextlib.suppress(OSError):
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _start_worker() -> None:
    """A render worker's start. Ctrl-C, which reaches every process of the terminal's, ends
    it at once and quietly, busy or idle (as SIGINT ends a program that does not catch
    it): the build stops and says so, and a worker's traceback would only repeat it. So do
    SIGTERM and SIGHUP, which the build takes as Ctrl-C (stopping.py). What publisher logs
    goes back to the build."""
    _end_with_the_build()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is not signal.SIG_IGN:  # as under nohup
            signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held while it was forked
    _log_through_the_build()


def _end_with_the_build() -> None:
    """Have the kernel end this worker when the build's process ends, however it ends:
    `kill -9`, the OOM killer, or htop's SIGTERM to it alone. Left alone, a worker waits for
    jobs for ever (its own copy of the job queue's pipe keeps it open) and holds the
    build's stdout, so `publisher build | tee log` never ends.

    Linux's PR_SET_PDEATHSIG does it in the kernel, for any death of the thread that forked
    (the main thread: see can_fork), with nothing to run or poll here; SIGKILL, as a
    worker has nothing to finish once the build that takes its results is gone. A build
    that died before this ran is found by its pid having changed. Elsewhere nothing is
    done: there Ctrl-C and SIGTERM to the build still end its workers."""
    parent = multiprocessing.parent_process()
    if not sys.platform.startswith("linux") or parent is None:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0 and os.getppid() != parent.pid:
        os._exit(1)  # the build died while this was forked


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _start_layout_worker(languages: tuple[str, ...]) -> None:
    _start_worker()
    prepare_layout(languages)
    # WeasyPrint, now imported, stays for the worker's life: its collections pass it by.
    gc.collect(1)
    gc.freeze()


# In a render worker: what publisher logs while a job runs, kept to go back with its result.
_worker_log: queue.SimpleQueue[logging.LogRecord] | None = None


def _log_through_the_build() -> None:
    """A render worker's publisher records go back to the build, which logs them through
    its own handlers, in job order: written here, a note would cut through the progress
    bar, and the build's handlers (a caller's, a test's) would never see it."""
    global _worker_log
    _worker_log = queue.SimpleQueue()
    logger = logging.getLogger("publisher")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(logging.handlers.QueueHandler(_worker_log))  # message made, args dropped
    logger.propagate = False


def _taken() -> list[logging.LogRecord]:
    records = []
    while _worker_log is not None and not _worker_log.empty():
        records.append(_worker_log.get())
    return records
