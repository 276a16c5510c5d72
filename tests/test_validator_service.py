"""The validator service: one warm EPUBCheck and Nu checker shared by every process that
checks, started on demand, never two at once, and never left behind."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import WORKSPACES, copy_workspace

from publisher.build import build
from publisher.checks import service, tools

ASK_PID = "from publisher.checks import service; print(service.ping())"


@pytest.fixture
def private_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A service folder of this test's own (not the suite's shared service), short enough
    for a socket's path."""
    folder = Path(tempfile.mkdtemp(prefix="pv-")) / "validators"
    monkeypatch.setenv("PUBLISHER_VALIDATORS_DIR", str(folder))
    yield folder
    service.stop()
    shutil.rmtree(folder.parent)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"  # a zombie has ended


def wait_until(condition: object, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_processes_asking_at_the_same_moment_share_one_service(private_service: Path) -> None:
    # `publisher` runs the venv's python3, `python -m publisher` its python: the same one
    interpreters = [Path(sys.executable).with_name(name) for name in ("python", "python3")] * 2
    askers = [
        subprocess.Popen([str(python), "-c", ASK_PID], stdout=subprocess.PIPE, text=True)
        for python in interpreters
    ]
    pids = {int(asker.communicate(timeout=60)[0]) for asker in askers}
    assert len(pids) == 1
    assert service.ping() in pids  # and this process finds the same one
    assert (private_service.stat().st_mode & 0o777) == 0o700


def test_the_service_ends_after_its_idle_time(
    private_service: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBLISHER_VALIDATORS_IDLE", "1")
    pid = service.ping()
    assert alive(pid)
    assert wait_until(lambda: not alive(pid))
    assert list(private_service.glob("*.sock")) == []
    assert service.ping() != pid  # the next request starts a new one


def test_stopping_the_service_returns_once_it_has_ended_and_cleared_its_folder(
    private_service: Path,
) -> None:
    """The suite's teardown removed the folder while the service was still removing its
    socket from it: FileNotFoundError, now and then."""
    pid = service.ping()
    assert service.stop()
    assert not alive(pid)
    assert list(private_service.glob("*.sock")) == []
    assert not service.stop()  # nothing running now


def test_the_service_ends_when_its_socket_is_removed(private_service: Path) -> None:
    pid = service.ping()
    for socket_file in private_service.glob("*.sock"):
        socket_file.unlink()
    assert wait_until(lambda: not alive(pid))


# Stands in for `java … nu.validator.servlet.Main PORT`, first on the service's PATH: a
# server that answers on PORT (every page valid), started as the service starts the Nu checker's, for a
# tenth of the CPU seconds the real one spends compiling its schemas before it answers.
STAND_IN_JAVA = """#!PYTHON
import http.server, sys

class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def do_POST(self):  # every page valid
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"messages": []}')

    def log_message(self, *args):
        pass

http.server.HTTPServer(("127.0.0.1", int(sys.argv[-1])), Answer).serve_forever()
"""


def test_a_killed_service_is_replaced_and_leaves_no_nu_server_behind(
    private_service: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    java = private_service.parent / "bin" / "java"
    java.parent.mkdir()
    java.write_text(STAND_IN_JAVA.replace("PYTHON", sys.executable), encoding="utf-8")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", f"{java.parent}{os.pathsep}{os.environ['PATH']}")
    page = private_service.parent / "page.html"
    page.write_text("<!doctype html><title>t</title><p>checked", encoding="utf-8")
    assert service.nu_messages([page], private_service.parent / "vnu.jar") == []
    pid = service.ping()
    below = descendants(pid)
    assert any("nu.validator.servlet.Main" in command_line(p) for p in below), below

    os.kill(pid, signal.SIGKILL)
    assert wait_until(lambda: not any(alive(p) for p in below))
    assert service.ping() != pid


def hanging_up_once() -> threading.Thread:
    """A service's socket that takes one request and hangs up without answering, as a
    service killed, or ending at its idle time, does; its file stays behind. The thread
    ends once the socket is closed."""
    dying = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dying.bind(str(service._socket_path()))
    dying.listen(1)

    def hang_up() -> None:
        connection, _ = dying.accept()
        connection.close()
        dying.close()

    thread = threading.Thread(target=hang_up, daemon=True)
    thread.start()
    return thread


def test_a_service_dying_as_it_is_asked_is_replaced(private_service: Path) -> None:
    """Killed, or ending at its idle time, just as a request arrives: the request reaches
    a socket that hangs up without answering, and a new service answers it instead."""
    hanging_up_once()
    pid = service.ping()
    assert pid != os.getpid() and alive(pid)


def test_stopping_a_service_that_hangs_up_is_no_error(private_service: Path) -> None:
    hung_up = hanging_up_once()
    assert service.stop() is True
    hung_up.join(timeout=10)  # its socket closed (else a second connection would still be let in)
    assert service.stop() is False  # nothing answers there any more


def descendants(pid: int) -> list[int]:
    parents = {}
    for process in Path("/proc").glob("[0-9]*"):
        try:
            parents[int(process.name)] = int(
                (process / "stat").read_text().rsplit(")", 1)[1].split()[1]
            )
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = [], [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_a_folder_others_may_write_to_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv("PUBLISHER_VALIDATORS_DIR", str(shared))
    with pytest.raises(service.ServiceError, match="not a private folder"):
        service.ping()


def test_a_folder_too_deep_for_a_socket_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBLISHER_VALIDATORS_DIR", str(tmp_path / ("deep" * 30)))
    with pytest.raises(service.ServiceError, match="PUBLISHER_VALIDATORS_DIR to a shorter"):
        service.ping()


def test_an_idle_time_that_is_no_number_says_so(
    private_service: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBLISHER_VALIDATORS_IDLE", "ten minutes")
    with pytest.raises(service.ServiceError, match="'ten minutes' is not a number of seconds"):
        service.ping()


@pytest.fixture(scope="module")
def a_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("book") / "ws")
    build(root, formats=["epub"])
    [book] = (root / "dist").rglob("*.epub")
    return book


def ace(book: Path) -> list[dict[str, Any]]:
    workspace = book.parents[2]
    return service.ace([book], tools.node(), tools.ace_modules(workspace), tools.chromium())


def programs_below(pid: int, name: str) -> list[int]:
    return [p for p in descendants(pid) if name in command_line(p)]


def test_ace_keeps_its_node_and_browser_between_checks(private_service: Path, a_book: Path) -> None:
    """Starting Node, loading Ace and starting a browser took a second of every check."""
    first = ace(a_book)
    pid = service.ping()
    [node] = programs_below(pid, "ace.js")
    browsers = programs_below(pid, "chrom")
    assert browsers
    second = ace(a_book)
    assert programs_below(pid, "ace.js") == [node]
    assert set(programs_below(pid, "chrom")) >= {browsers[0]}
    assert first[0]["report"]["assertions"] == second[0]["report"]["assertions"]
    assert first[0]["epub"] == second[0]["epub"] == str(a_book.resolve())


def test_ace_ended_between_checks_is_started_again_and_its_browser_ends_too(
    private_service: Path, a_book: Path
) -> None:
    ace(a_book)
    pid = service.ping()
    [node] = programs_below(pid, "ace.js")
    browsers = programs_below(node, "chrom")
    os.kill(node, signal.SIGKILL)
    assert wait_until(lambda: not any(alive(p) for p in [node, *browsers]))
    assert "report" in ace(a_book)[0]
    assert programs_below(pid, "ace.js") != [node]


def test_a_killed_service_leaves_no_ace_or_browser_behind(
    private_service: Path, a_book: Path
) -> None:
    ace(a_book)
    pid = service.ping()
    below = descendants(pid)
    assert any("ace.js" in command_line(p) for p in below), below
    os.kill(pid, signal.SIGKILL)
    assert wait_until(lambda: not any(alive(p) for p in below))


def test_another_workspaces_ace_replaces_the_last_one(
    private_service: Path, a_book: Path, tmp_path: Path
) -> None:
    """A browser a workspace: each kept until the service ended, they added up."""
    ace(a_book)
    pid = service.ping()
    [first] = programs_below(pid, "ace.js")
    elsewhere = tmp_path / "node_modules"  # another workspace's packages (the same, linked)
    elsewhere.symlink_to(tools.ace_modules(a_book.parents[2]))
    [answer] = service.ace([a_book], tools.node(), elsewhere, tools.chromium())
    assert "report" in answer
    assert wait_until(lambda: not alive(first))
    assert len(programs_below(pid, "ace.js")) == 1


def test_ace_that_never_answers_is_stopped_at_its_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A browser stuck on a book held the service's Ace for good: every later check of an
    EPUB waited behind it."""
    from publisher.checks import daemon

    silent = tmp_path / "node"  # takes its request and never answers
    silent.write_text("#!/bin/sh\nexec sleep 600\n")
    silent.chmod(0o755)
    monkeypatch.setattr(daemon, "ACE_LIMIT", 1)
    service_here = daemon.Daemon(tmp_path / "s.sock", 60, tmp_path / "epubcheck.jar")
    programs = (str(silent), str(tmp_path), "chromium")
    raised: list[BaseException] = []

    def ask() -> None:
        try:
            service_here.ace(programs, [tmp_path / "book.epub"])
        except RuntimeError as error:
            raised.append(error)

    asking = threading.Thread(target=ask, daemon=True)
    asking.start()
    asking.join(timeout=30)
    assert service_here._ace is not None
    _, server = service_here._ace
    ended = server.poll() is not None
    server.kill()  # should it still run
    shutil.rmtree(service_here._scratch)
    assert not asking.is_alive(), "still waiting for Ace"
    assert "took longer than 1 s a book" in str(raised[0])
    assert ended
