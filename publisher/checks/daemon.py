"""The validator service: EPUBCheck, the Nu HTML checker and Ace kept warm between commands.

Starting a JVM and compiling the validators' schemas costs EPUBCheck 5–15 CPU seconds and
the Nu checker 3–5, every time; a warm JVM checks one more EPUB in half a second and one
more page in a tenth. Ace's Node and browser start in a second, and its first book takes
half a second more than the next. So `publisher check` (through `service.py`) asks this
process, which outlives the command and ends by itself after some idle minutes, like
Gradle's daemon.

    python -m publisher.checks.daemon SOCKET IDLE_SECONDS EPUBCHECK_JAR

It listens on a Unix socket in a folder only its user can open, answers one JSON request
per connection, and ends when it has been idle for IDLE_SECONDS, when its socket file is
removed or replaced, or when asked to stop:

    {"tool": "epubcheck", "path": P}   → {"status": N, "report": EPUBCheck's --json report}
    {"tool": "nu", "jar": J, "paths": [P, …]}
                                       → {"messages": [{"path", "lastLine", "message"}, …]}
    {"tool": "ace", "node": N, "modules": M, "chromium": C, "paths": [P, …]}
                                       → {"answers": [{"epub", "report"} or {"epub", "error"}, …]}
    {"tool": "ping"}                   → {"pid": its process id}
    {"tool": "stop"}                   → {"stopping": true, "pid": its process id}

EPUBCheck runs in this process's JVM (JPype); nothing here forks after it starts but to
execute the Nu checker's server at once. That server is the Nu checker's documented server
mode, a second JVM (its bundled schema tools clash with EPUBCheck's on one class path),
bound to loopback on a free port; each page is posted to it, two at a time. Ace runs in
`ace.js`, a Node process that keeps its browser and reads lists of EPUBs on its stdin.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .tools import JVM_OPTIONS, java

NU_START_LIMIT = 120  # seconds for the Nu checker's server to answer once
MAX_REQUEST = 1 << 20  # bytes of one request (paths, not documents)
ACE_LIMIT = 600  # seconds for one EPUB, as for the other validators


class Daemon:
    def __init__(self, socket_path: Path, idle: float, epubcheck_jar: Path) -> None:
        self.socket_path = socket_path
        self.idle = idle
        self.epubcheck_jar = epubcheck_jar
        self.last_used = time.monotonic()
        self.busy = 0
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._epubcheck_lock = threading.Lock()
        self._epubchecker: Any = None
        self._nu_lock = threading.Lock()
        self._nu: dict[Path, tuple[subprocess.Popen[bytes], str]] = {}  # by jar: server, URL
        self._ace_lock = threading.Lock()
        # Ace's Node process, and the node, node_modules and browser it runs: one at a time
        self._ace: tuple[tuple[str, str, str], subprocess.Popen[bytes]] | None = None
        self._scratch = tempfile.mkdtemp(prefix="publisher-epubcheck-")

    # The requests
    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        tool = request.get("tool")
        if tool == "epubcheck":
            return self.epubcheck(Path(request["path"]))
        if tool == "nu":
            pages = [Path(p) for p in request["paths"]]
            return {"messages": self.nu(Path(request["jar"]), pages)}
        if tool == "ace":
            epubs = [Path(p) for p in request["paths"]]
            programs = (request["node"], request["modules"], request["chromium"])
            return {"answers": self.ace(programs, epubs)}
        if tool == "ping":
            return {"pid": os.getpid()}
        if tool == "stop":
            self.stopping.set()
            return {"stopping": True, "pid": os.getpid()}
        return {"error": f"unknown request {tool!r}"}

    def epubcheck(self, epub: Path) -> dict[str, Any]:
        with self._epubcheck_lock:  # one EPUB at a time: its report goes through one file
            checker = self._epubcheck_started()
            import jpype

            report_file = os.path.join(self._scratch, "report.json")
            arguments = jpype.JArray(jpype.JString)([str(epub), "-q", "--json", report_file])
            status = int(checker().run(arguments))
            with open(report_file, encoding="utf-8") as handle:
                report = json.load(handle)
            os.unlink(report_file)
            return {"status": status, "report": report}

    def _epubcheck_started(self) -> Any:
        if self._epubchecker is None:
            import jpype

            jpype.startJVM(*JVM_OPTIONS, classpath=[str(self.epubcheck_jar)], convertStrings=True)
            self._epubchecker = jpype.JClass("com.adobe.epubcheck.tool.EpubChecker")
        return self._epubchecker

    def nu(self, jar: Path, pages: list[Path]) -> list[dict[str, Any]]:
        url = self._nu_started(jar)
        with ThreadPoolExecutor(max_workers=2) as posts:
            answers = posts.map(lambda page: _nu_messages(url, page), pages)
            return [message for messages in answers for message in messages]

    def _nu_started(self, jar: Path) -> str:
        with self._nu_lock:
            if jar in self._nu and self._nu[jar][0].poll() is None:
                return self._nu[jar][1]
            port = _free_loopback_port()
            server = subprocess.Popen(
                [
                    *_ENDS_WITH_THIS_PROCESS,
                    java(),
                    *JVM_OPTIONS,
                    "-Dnu.validator.servlet.bind-address=127.0.0.1",
                    "-Dnu.validator.servlet.max-file-size=268435456",
                    "-cp",
                    str(jar),
                    "nu.validator.servlet.Main",
                    str(port),
                ],
                stdin=subprocess.PIPE,  # closed when this process ends, however it ends
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _wait_until_answering(f"http://127.0.0.1:{port}/", server)
            self._nu[jar] = (server, f"http://127.0.0.1:{port}/?out=json&level=error")
            return self._nu[jar][1]

    def ace(self, programs: tuple[str, str, str], epubs: list[Path]) -> list[dict[str, Any]]:
        """Ace's answer for each EPUB, in order, from its Node process (started if need be)."""
        with self._ace_lock:  # one list at a time: the answers come back in order
            server = self._ace_started(programs)
            assert server.stdin is not None and server.stdout is not None
            answers: list[dict[str, Any]] = []
            timed_out = threading.Event()
            too_long = threading.Timer(ACE_LIMIT * len(epubs), _killing(server, timed_out))
            too_long.start()
            try:
                server.stdin.write(json.dumps([str(e) for e in epubs]).encode() + b"\n")
                server.stdin.flush()
                for line in iter(server.stdout.readline, b""):
                    answer = json.loads(line) if line.startswith(b"{") else {}
                    if answer.get("done"):
                        return answers
                    if answer:
                        answers.append(answer)
            except BrokenPipeError:
                pass  # it ended: said below
            except BaseException:
                _stop(server)  # out of step with its answers: the next request starts anew
                raise
            finally:
                too_long.cancel()
            _stop(server)
            if timed_out.is_set():
                raise RuntimeError(f"Ace by DAISY took longer than {ACE_LIMIT} s a book")
            raise RuntimeError(f"Ace by DAISY stopped: {_how_it_ended(server)}")

    def _ace_started(self, programs: tuple[str, str, str]) -> subprocess.Popen[bytes]:
        if self._ace:
            running, server = self._ace
            if running == programs and server.poll() is None:
                return server
            _stop(server)  # ended, or another workspace's: one browser at a time
        node, modules, chromium = programs
        server = subprocess.Popen(
            [node, str(Path(__file__).with_name("ace.js"))],
            stdin=subprocess.PIPE,  # closed when this process ends: Ace's ends too
            stdout=subprocess.PIPE,
            cwd=self._scratch,  # the folder the service was started from may be removed
            env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium, "NODE_PATH": modules},
        )
        self._ace = (programs, server)
        return server

    # The service
    def serve(self) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()  # a dead daemon's (the client holds the start lock)
        listener.bind(str(self.socket_path))
        listener.listen(16)
        listener.settimeout(1.0)
        inode = self.socket_path.stat().st_ino
        print("ready", flush=True)  # the client that started it waits for this line
        sys.stdout.close()
        try:
            while not self.stopping.is_set() and not self._idle_too_long():
                if not _still_ours(self.socket_path, inode):
                    break
                try:
                    connection, _ = listener.accept()
                except TimeoutError:
                    continue
                with self._lock:
                    self.busy += 1
                threading.Thread(target=self._serve_one, args=(connection,), daemon=True).start()
        finally:
            with contextlib.suppress(OSError):
                listener.close()
                if _still_ours(self.socket_path, inode):
                    self.socket_path.unlink()
                shutil.rmtree(self._scratch)
            os._exit(0)  # at once: a started JVM's shutdown waits for its threads

    def _idle_too_long(self) -> bool:
        with self._lock:
            return self.busy == 0 and time.monotonic() - self.last_used > self.idle

    def _serve_one(self, connection: socket.socket) -> None:
        try:
            with connection, connection.makefile("rb") as incoming:
                line = incoming.readline(MAX_REQUEST)
                try:
                    answer = self.answer(json.loads(line))
                except Exception as exc:  # told to the client, which names the file checked
                    answer = {"error": f"{type(exc).__name__}: {exc}"}
                connection.sendall(json.dumps(answer).encode() + b"\n")
        except OSError:
            pass  # the client went away
        finally:
            with self._lock:
                self.busy -= 1
                self.last_used = time.monotonic()


# The Nu checker's server runs under a shell that waits for its stdin to close (this
# process ending, even killed) and then stops it: no server is left behind.
_ENDS_WITH_THIS_PROCESS = ("sh", "-c", '"$@" & trap "kill $!" EXIT; read -r _', "sh")


def _nu_messages(url: str, page: Path) -> list[dict[str, Any]]:
    media_type = "application/xhtml+xml" if page.suffix == ".xhtml" else "text/html"
    request = urllib.request.Request(
        url,
        data=page.read_bytes(),
        headers={"Content-Type": f"{media_type}; charset=utf-8"},
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        messages = json.load(response)["messages"]
    return [
        {"path": str(page), "lastLine": m.get("lastLine"), "message": m.get("message", "")}
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_answering(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + NU_START_LIMIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Nu HTML checker's server stopped (exit {process.returncode})")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5):
            return
        time.sleep(0.1)
    _stop(process)
    raise RuntimeError(f"the Nu HTML checker's server did not answer in {NU_START_LIMIT} s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    """End a Nu server or Ace's Node as this process's end would: its stdin closes, and it
    ends (the Nu server's shell stops it: killing the shell would leave the server running)."""
    assert server.stdin is not None
    with contextlib.suppress(BrokenPipeError):
        server.stdin.close()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _killing(process: subprocess.Popen[bytes], killed: threading.Event) -> Callable[[], None]:
    def kill() -> None:
        killed.set()
        process.kill()

    return kill


def _how_it_ended(process: subprocess.Popen[bytes]) -> str:
    if process.returncode is not None and process.returncode < 0:
        return f"killed by signal {-process.returncode}"
    return f"exit status {process.returncode}, no report (the service's log says why)"


def _still_ours(path: Path, inode: int) -> bool:
    try:
        return path.stat().st_ino == inode
    except FileNotFoundError:
        return False


if __name__ == "__main__":
    socket_path, idle, epubcheck_jar = sys.argv[1:4]
    Daemon(Path(socket_path), float(idle), Path(epubcheck_jar)).serve()
