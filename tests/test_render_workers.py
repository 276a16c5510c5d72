"""Render jobs run in worker processes, at a terminal as without one, and what they log is
said by the build's own process: in job order, above the progress bar (not run into it),
and to its log handlers. (The bar is redrawn by a thread, and a process that runs one may
not fork: the bar stops while the build forks its workers.)"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from interruptions import stalled_build
from plugin_support import format_installed, issue_format, plugin_written
from pooled_build import build_in_a_pool
from terminal import read_to_the_end, run_in_terminal, start_in_terminal

# A format that says where it was rendered, and notes it.
WHERE_MODULE = issue_format(
    "where",
    "where the issue was rendered",
    """
import logging
import multiprocessing

log = logging.getLogger("publisher.where")


class WhereRenderer(IssueRenderer):
    name = "where"

    def render(self, issue, ctx):
        worker = multiprocessing.parent_process() is not None
        where = "a render worker" if worker else "the build's own process"
        log.info("%s: rendered in %s", issue.slug, where)
        return [Artifact.text(Path(issue.slug) / "where.txt", where + "\\n")]
""",
)

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_a_build_at_a_terminal_renders_in_workers_and_notes_above_the_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    plugins = tmp_path / "site-packages"
    plugins.mkdir()
    monkeypatch.setenv("PYTHONPATH", str(plugins))
    monkeypatch.setenv("PUBLISHER_JOBS", "2")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    with format_installed(plugins, "where", WHERE_MODULE):
        shown = run_in_terminal("-C", str(root), "build", "--format", "where,epub", columns=100)

    assert (root / "dist" / "001-first" / "where.txt").read_text() == "a render worker\n"
    # What the terminal shows, line by line (a carriage return starts the line again).
    lines = re.split(r"[\r\n]", ESCAPES.sub("", shown))
    assert "note: 001-first: rendered in a render worker" in lines, shown
    assert any(re.match(r"(reading|where|epub) .*\d/\d", line) for line in lines), shown  # the bar
    assert "built 1 issue(s): 2 output(s) rendered" in shown


def test_ctrl_c_while_the_pdf_worker_starts_stops_the_build_without_a_traceback(
    tmp_path: Path,
) -> None:
    """Ctrl-C reaches every process of the terminal's: the build stops and says so, dist/ is
    left as it was (here: never made), and no worker adds a traceback of its own."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    build, leader = start_in_terminal(
        "-C", str(root), "build", env={"PUBLISHER_JOBS": "2"}, own_session=True
    )
    worker = wait_for_a_forked_child(build.pid)
    assert worker, "no PDF worker was forked"
    os.killpg(build.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
    shown = read_to_the_end(leader)
    assert build.wait(timeout=30) != 0
    assert "Traceback" not in shown, shown
    assert "Aborted" in shown
    assert not (root / "dist").exists()


# A format rendered in the build's own process that swallows Ctrl-C, as a library may (one
# raised while lxml's extension module is imported is lost): it says when it has started.
DEAF_MODULE = issue_format(
    "deaf",
    "a format that swallows Ctrl-C",
    """
import os
import time


class DeafRenderer(IssueRenderer):
    name = "deaf"

    def render(self, issue, ctx):
        Path(os.environ["DEAF_STARTED"]).touch()
        try:
            time.sleep(30)
        except KeyboardInterrupt:
            pass
        return [Artifact.text(Path(issue.slug) / "deaf.txt", "rendered\\n")]
""",
)


def test_ctrl_c_swallowed_in_the_builds_process_still_stops_the_build_as_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF worker ends at Ctrl-C; the build's own process, whose KeyboardInterrupt was
    lost in a library, then finds the worker gone: that is the interruption, said as such,
    not an unexpected problem with a crash log."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    plugins = tmp_path / "site-packages"
    plugins.mkdir()
    started = tmp_path / "deaf-started"
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(plugins), os.environ.get("PYTHONPATH", "")])
    )
    monkeypatch.setenv("DEAF_STARTED", str(started))
    with format_installed(plugins, "deaf", DEAF_MODULE):
        arguments = ("-C", str(root), "build", "--format", "pdf,deaf")
        build, leader = start_in_terminal(*arguments, env={"PUBLISHER_JOBS": "2"}, own_session=True)
        deadline = time.monotonic() + 30
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert started.exists(), "the deaf format never started"
        os.killpg(build.pid, signal.SIGINT)
        shown = read_to_the_end(leader)
    assert build.wait(timeout=30) == 130, shown  # 128 + SIGINT, as the shell would say
    assert "Aborted" in shown, shown
    assert "unexpected problem" not in shown and "Traceback" not in shown, shown
    assert not (root / "dist").exists()
    assert not list((root / ".publisher").glob("crash-*.log"))


def test_ctrl_c_pressed_again_and_again_stops_a_build_with_one_line(tmp_path: Path) -> None:
    """Ctrl-C pressed several times in quick succession (every 5 ms, until the build has
    ended): after "Aborted!" Python printed a traceback of KeyboardInterrupt for each press
    that came as it ended the worker pool's thread and processes, or died by the signal
    itself, with no exit status of its own."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    with stalled_build(root, tmp_path, "--format", "email,stall", jobs=2) as (running, _):
        assert running.stdout is not None
        deadline = time.monotonic() + 60  # not a measure: only how long to wait for a bug
        while running.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(running.pid, signal.SIGINT)  # the terminal's: every process of it
            time.sleep(0.005)
        shown = running.stdout.read()
    assert running.returncode == 130, shown  # 128 + SIGINT, as the shell would say
    assert shown.strip().splitlines()[-1] == "Aborted!", shown
    assert "Traceback" not in shown and "Exception ignored" not in shown, shown


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM])
def test_render_workers_end_with_a_build_killed_alone(tmp_path: Path, stop: signal.Signals) -> None:
    """htop, systemd or the OOM killer may end the build's own process only: its workers
    end with it, busy or not, instead of running on (100 MB each) and holding its output
    open, so that `publisher build | tee log` never finished."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    arguments = ("--format", "email,stall")
    with stalled_build(root, tmp_path, *arguments, jobs=2) as (running, worker):
        assert worker != running.pid, "the stall format was not rendered in a worker"
        running.send_signal(stop)
        running.communicate(timeout=60)  # its output ends: every process holding it ended
        assert ends(worker)


# A format that fails as a broken template fails a job, once the stall format has begun
# in the other worker: so that it fails while a worker is rendering, whichever job starts
# first (a broken template failed at once, before the other worker had forked, on a busy
# machine)
FAILING_FORMAT = issue_format(
    "fail",
    "a format that fails once the stall format has begun",
    """
import os
import time

from publisher.errors import PublisherError


class FailRenderer(IssueRenderer):
    name = "fail"

    def render(self, issue, ctx):
        stalled = Path(os.environ["STALLED_AT"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (stalled.exists() and stalled.read_text()):
            time.sleep(0.01)
        raise PublisherError.at("template error: Expected an expression", Path("book.html"), 1)
""",
)


def test_a_build_that_failed_ends_its_workers_instead_of_waiting_for_them(tmp_path: Path) -> None:
    """A job that fails the build (a broken template override; here a format that fails
    so) ends it at once: a worker still rendering (a PDF of thousands of footnotes being
    laid out; here a format that waits) is ended, not waited for until the editor kills
    the build."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    plugin_written(tmp_path, "fail", FAILING_FORMAT)
    with stalled_build(root, tmp_path, "--format", "fail,stall", jobs=2) as (running, worker):
        assert worker != running.pid, "the stall format was not rendered in a worker"
        said, _ = running.communicate(timeout=60)  # not a measure: the stall waits 120 s
        assert running.returncode == 1 and "book.html:1: template error" in said, said
        assert ends(worker)
    assert not (root / "dist").exists()


def ends(pid: int) -> bool:
    """Whether process `pid` ends (a zombie, ended but not yet reaped, has): a process
    closes its files as it exits, a moment before it is a zombie."""
    deadline = time.monotonic() + 60  # not a measure: only how long to wait for a bug
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except FileNotFoundError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.01)
    return False


def wait_for_a_forked_child(pid: int) -> int | None:
    """The PDF worker of build `pid`, once it is starting: the child that has begun loading
    Pango (importing WeasyPrint), which the build's own process never does. Not a child
    with the build's command line: one about to become pandoc shows it until it calls
    exec, long enough to be seen on a busy machine, and Ctrl-C would then come too early."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            with contextlib.suppress(OSError):
                if b"libpango" in Path(f"/proc/{child}/maps").read_bytes():
                    return int(child)
        time.sleep(0.005)
    return None


def test_what_a_job_logs_in_a_worker_is_logged_by_the_build(tmp_path: Path) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    built = build_in_a_fresh_process(root, tmp_path, ["where", "epub"])
    assert (root / "dist" / "001-first" / "where.txt").read_text() == "a render worker\n"
    assert "publisher.where INFO 001-first: rendered in a render worker" in built["said"]


def test_the_pdf_is_laid_out_in_a_worker_warmed_while_documents_are_read(tmp_path: Path) -> None:
    """A cold build, and the editor's everyday rebuild after a document was edited: the PDF
    worker imports WeasyPrint (and the hyphenation dictionaries) while the documents are
    read; the build's own process renders the other outputs meanwhile, without ever
    importing it."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "minimal")
    cold = build_in_a_fresh_process(root, tmp_path / "cold", ["pdf", "where"])
    assert cold["rendered"] == ["pdf 001-first", "where 001-first"]
    assert cold["weasyprint imported"] is False
    assert (root / "dist" / "001-first" / "001-first.pdf").read_bytes().startswith(b"%PDF-")
    assert (root / "dist" / "001-first" / "where.txt").read_text() == "the build's own process\n"

    document = next((root / "documents").glob("*.md"))
    document.write_text(document.read_text() + "\nOne more paragraph.\n")
    again = build_in_a_fresh_process(root, tmp_path / "again", ["pdf", "where"])
    assert again["rendered"] == ["pdf 001-first", "where 001-first"]
    assert again["weasyprint imported"] is False
    assert (root / "dist" / "001-first" / "where.txt").read_text() == "the build's own process\n"


def build_in_a_fresh_process(root: Path, scratch: Path, formats: list[str]) -> dict[str, Any]:
    """`pooled_build.build_in_a_pool` with the `where` format installed."""
    plugins = scratch / "site-packages"
    plugins.mkdir(parents=True)
    with format_installed(plugins, "where", WHERE_MODULE):
        return build_in_a_pool(root, formats, env={"PYTHONPATH": str(plugins)})


def test_a_pools_wakeup_pipe_is_not_closed_while_a_wakeup_is_written() -> None:
    """The race behind "Exception ignored … Bad file descriptor" after a build stopped by
    Ctrl-C: at exit, concurrent.futures wakes each pool's manager thread through a pipe
    that the thread may be closing (CPython gh-125451). With a pool made by publisher, the
    close waits for the write in progress."""
    import threading
    from concurrent.futures import process

    from publisher.workers import new_pool

    new_pool(1).shutdown()
    pipe = process._ThreadWakeup()
    real_writer = pipe._writer
    writing, may_finish = threading.Event(), threading.Event()
    closed_while_writing: list[bool] = []

    class SlowWriter:
        def send_bytes(self, data: bytes) -> None:
            writing.set()
            may_finish.wait(10)

        def close(self) -> None:
            closed_while_writing.append(not may_finish.is_set())
            real_writer.close()

    pipe._writer = SlowWriter()
    waking = threading.Thread(target=pipe.wakeup)
    waking.start()
    assert writing.wait(10)
    closing = threading.Thread(target=pipe.close)
    closing.start()
    closing.join(0.3)  # long enough for an unlocked close to have happened
    may_finish.set()
    waking.join(10)
    closing.join(10)
    assert closed_while_writing == [False]


def test_forking_workers_leaves_the_builds_own_garbage_collection_as_it_was() -> None:
    """The workers get the build's objects frozen (their collector leaves them alone); the
    build's long-lived process (publisher serve) must go on collecting its own."""
    import gc

    from publisher.workers import new_pool

    frozen_before = gc.get_freeze_count()
    pool = new_pool(1)
    try:
        in_the_worker = pool.submit(gc.get_freeze_count).result(timeout=30)
    finally:
        pool.shutdown()
    assert gc.get_freeze_count() == frozen_before
    assert in_the_worker > 10_000  # the objects the build had made when it forked


def test_garbage_made_before_the_workers_fork_is_freed_then_not_kept_for_later() -> None:
    """Unfrozen, what was frozen joins the oldest objects, which only a full collection
    frees: garbage frozen with them would be finalized at some later, unrelated moment (a
    socket or pipe closed in the middle of something else)."""
    import gc
    import weakref

    from publisher.workers import new_pool

    finalized: list[str] = []

    class Cycle:
        pass

    garbage = Cycle()
    garbage.self = garbage  # type: ignore[attr-defined]  # only a collection frees a cycle
    weakref.finalize(garbage, finalized.append, "freed")
    del garbage
    gc.disable()  # no collection but the fork's own
    try:
        new_pool(1).shutdown()
        assert finalized == ["freed"]
    finally:
        gc.enable()
