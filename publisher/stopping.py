"""SIGTERM and SIGHUP taken as Ctrl-C while publisher has work in hand that must not be cut
off halfway: a copy the SMTP server holds but has not yet answered for, a confirmation or
welcome queued for a new subscriber, a build's staged outputs (which an interrupted build
removes, leaving the output folder as it was).

Left to Python, either signal ends the process at once: a service stop (systemd), `timeout`
or a shutdown sends SIGTERM, a closed terminal or dropped SSH session SIGHUP. As a
KeyboardInterrupt the work in hand is finished and recorded, or undone, as it is for Ctrl-C.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# How a report names what stopped the work.
STOPPING = {
    signal.SIGTERM: "SIGTERM (a service stop, timeout or shutdown)",
    signal.SIGHUP: "SIGHUP (the terminal or SSH session closed)",
}


@contextmanager
def stopping_signals_interrupt() -> Iterator[None]:
    """While in the block, SIGTERM and SIGHUP raise KeyboardInterrupt (naming the signal)
    in the main thread, as Ctrl-C does. A signal the process was told to ignore (nohup)
    stays ignored; off the main thread, where Python cannot take signals, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        number: signal.signal(number, _interrupt)
        for number in STOPPING
        if signal.getsignal(number) is signal.SIG_DFL
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class Stopped(KeyboardInterrupt):
    """Ctrl-C's KeyboardInterrupt for SIGTERM or SIGHUP: the signal is kept, for the exit
    status (128 + its number, as the shell reports a program the signal ended)."""

    def __init__(self, number: signal.Signals) -> None:
        super().__init__(STOPPING[number])
        self.signal = number


def _interrupt(number: int, frame: object) -> None:
    raise Stopped(signal.Signals(number))


def exit_status(stopped: KeyboardInterrupt) -> int:
    """128 + the signal that stopped the command: 130 for Ctrl-C, 143 for SIGTERM, 129 for
    SIGHUP, so a script or systemd tells an interruption from an error (1)."""
    return 128 + (stopped.signal if isinstance(stopped, Stopped) else signal.SIGINT)


# What stops a command from outside: Ctrl-C, and the signals taken as it.
_DEFERRABLE = (signal.SIGINT, *STOPPING)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP, arriving in the block, are acted on only once it is over
    (the first of them, as it would have been): for a step that cannot be undone halfway,
    as moving a build's outputs into the output folder, which an interruption left with
    new files beside old ones. A handler that only notes the signal, not a blocked signal
    mask: a mask holds only this thread, and the kernel hands the signal to another one
    (a progress bar's, a warm-up's), whose note the main thread then acts on in the block.
    Off the main thread, where Python takes no signals, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []

    def note(number: int, frame: object) -> None:
        arrived.append(number)

    previous = {
        number: signal.signal(number, note)
        for number in _DEFERRABLE
        if signal.getsignal(number) not in (signal.SIG_IGN, None)  # nohup's, or not Python's
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if arrived:
            signal.raise_signal(arrived[0])


@contextmanager
def signals_noted(wake: Callable[[], None]) -> Iterator[list[int]]:
    """Ctrl-C, SIGTERM and SIGHUP, arriving in the block, are added to the list it yields
    and `wake` is called, rather than stopping the block where it is: for a loop (a
    server's) that then finishes the work it has taken on before it stops, by raising
    `interruption` of the first. `wake` runs in a signal handler: it may only wake the
    loop (write to its pipe). Off the main thread, where Python takes no signals, nothing
    is ever noted."""
    arrived: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield arrived
        return

    def note(number: int, frame: object) -> None:
        arrived.append(number)
        wake()

    previous = {
        number: signal.signal(number, note)
        for number in _DEFERRABLE
        if signal.getsignal(number) not in (signal.SIG_IGN, None)  # nohup's, or not Python's
    }
    try:
        yield arrived
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def interruption(number: int) -> KeyboardInterrupt:
    """What Ctrl-C (SIGINT), SIGTERM or SIGHUP would have raised: for the exit status."""
    return Stopped(signal.Signals(number)) if number in STOPPING else KeyboardInterrupt()


def deaf_to_ctrl_c() -> None:
    """Ctrl-C, pressed again as an interrupted command ends, is ignored: there is nothing
    more to stop. Python, on its way out (joining a worker pool's thread, ending its
    processes), printed a traceback of KeyboardInterrupt for each press, or, once it had put
    back the default handler, died by the signal with no exit status of its own."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


class TimeUp(BaseException):
    """A time limit (`time_limit`) ran out. Not an Exception: a library's `except
    Exception` around a step of its work must not take it for that step's failure."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeUp in the block once it has run for `seconds`, and every second after
    if something catches it. For pure-Python work (WeasyPrint's layout) that no process
    can be told to stop: a signal (SIGALRM) runs between two of its steps. Off the main
    thread, where Python takes no signals, the block is not limited."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _time_up(number: int, frame: object) -> None:
    raise TimeUp
