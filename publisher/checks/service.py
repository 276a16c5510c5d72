"""Asking the validator service (`daemon.py`) to run EPUBCheck, the Nu HTML checker or Ace.

The service is found by its socket and started when there is none, under a lock so that
processes checking at the same moment (the test workers, two terminals) share one. Its
socket's name is a digest of this Python, the service's code (with Ace's script) and
EPUBCheck's jar, so an upgrade never talks to an old service. It ends by itself after
`PUBLISHER_VALIDATORS_IDLE` seconds without a request (default 600); its log is beside
its socket, in `PUBLISHER_VALIDATORS_DIR` (default `$XDG_RUNTIME_DIR/publisher`, else
`<tmp>/publisher-<uid>`), a folder only its user may use.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import select
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .tools import epubcheck_jar

IDLE_DEFAULT = 600  # seconds
START_LIMIT = 60  # seconds for a new service to listen
TIME_LIMIT = 600  # seconds for one EPUB or one page, as for the other validators
SOCKET_PATH_LIMIT = 107  # bytes: Linux's sun_path holds 108, with the final NUL

_started: list[subprocess.Popen[bytes]] = []  # kept: a service outlives this process


class ServiceError(RuntimeError):
    """The service could not run a check (it could not start, crashed or took too long)."""


def epubcheck(path: Path) -> tuple[int, dict[str, Any]]:
    """EPUBCheck's exit status and its JSON report for one EPUB (0: no errors or warnings)."""
    answer = _ask({"tool": "epubcheck", "path": str(path.resolve())}, TIME_LIMIT)
    return answer["status"], answer["report"]


def nu_messages(pages: list[Path], vnu_jar: Path) -> list[dict[str, Any]]:
    """The Nu HTML checker's errors for `pages`: {"path", "lastLine", "message"} each."""
    paths = [str(p.resolve()) for p in pages]
    request = {"tool": "nu", "jar": str(vnu_jar.resolve()), "paths": paths}
    messages: list[dict[str, Any]] = _ask(request, TIME_LIMIT * len(pages))["messages"]
    return messages


def ace(epubs: list[Path], node: str, modules: Path, chromium: str) -> list[dict[str, Any]]:
    """Ace by DAISY's answer for each of `epubs`, in order: {"epub", "report"} (its JSON
    report) or {"epub", "error"} (what it said of the book)."""
    request = {
        "tool": "ace",
        "node": node,
        "modules": str(modules),
        "chromium": chromium,
        "paths": [str(p.resolve()) for p in epubs],
    }
    answers: list[dict[str, Any]] = _ask(request, TIME_LIMIT * len(epubs))["answers"]
    return answers


def ping() -> int:
    """The service's process id (started if need be)."""
    pid: int = _ask({"tool": "ping"}, 10)["pid"]
    return pid


def stop() -> bool:
    """Ask the service to end now, and wait (up to 10 s) until it has: its socket and scratch
    folder gone, so that its folder may be removed. False when none was running (one that
    goes away as it is asked was ending anyway)."""
    path = _socket_path()
    connection = _connect(path)
    if connection is None:
        return False
    answer: dict[str, Any] = {}
    with connection, contextlib.suppress(_Gone):
        answer = _exchange(connection, {"tool": "stop"}, 10, path)
    pid = answer.get("pid")
    deadline = time.monotonic() + 10
    while isinstance(pid, int) and _running(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return True


def _running(pid: int) -> bool:
    """Whether the process `pid` has not ended (a zombie, ended but not yet reaped, has)."""
    try:
        os.kill(pid, 0)
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except ProcessLookupError:
        return False
    except (OSError, IndexError):  # no /proc to tell a zombie: alive as far as we know
        return True
    return state != "Z"


def _ask(request: dict[str, Any], limit: float) -> dict[str, Any]:
    """The service's answer. A service found running may be one that is dying (killed, or
    ending at its idle time, as the request arrives): then a new one is started and asked
    once more. One this call started that goes away is an error."""
    path = _socket_path()
    for attempt in range(3):
        found = _connect(path)
        try:
            with found or _start(path) as connection:
                answer = _exchange(connection, request, limit, path)
            break
        except _Gone:
            if found is None or attempt == 2:
                raise
            time.sleep(0.1)  # a dying service may still hold its socket for a moment
    if "error" in answer:
        raise ServiceError(answer["error"])
    return answer


class _Gone(ServiceError):
    """The service went away without answering."""


def _exchange(
    connection: socket.socket, request: dict[str, Any], limit: float, path: Path
) -> dict[str, Any]:
    connection.settimeout(limit)
    try:
        connection.sendall(json.dumps(request).encode() + b"\n")
        with connection.makefile("rb") as incoming:
            line = incoming.readline()
    except TimeoutError:
        raise ServiceError(f"the validator service did not answer in {limit:.0f} s") from None
    except (ConnectionResetError, BrokenPipeError):
        line = b""
    if not line:
        raise _Gone(f"the validator service stopped without answering: {_log_tail(path)}")
    answer: dict[str, Any] = json.loads(line)
    return answer


def _connect(path: Path) -> socket.socket | None:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(str(path))
    except OSError:  # no service, or a dead one's socket
        connection.close()
        return None
    return connection


def _start(path: Path) -> socket.socket:
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if connection := _connect(path):  # another process started it meanwhile
            return connection
        idle = _idle_seconds()
        with open(path.with_suffix(".log"), "ab") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "publisher.checks.daemon",
                    str(path),
                    idle,
                    str(epubcheck_jar()),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,  # not stopped by the terminal's Ctrl-C of this command
            )
        _started.append(process)
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], START_LIMIT)
        if not ready or process.stdout.readline() != b"ready\n":
            process.kill()
            raise ServiceError(f"the validator service did not start: {_log_tail(path)}")
        process.stdout.close()
        connection = _connect(path)
        if connection is None:
            raise ServiceError(f"the validator service does not listen: {_log_tail(path)}")
        return connection


def _idle_seconds() -> str:
    given = os.environ.get("PUBLISHER_VALIDATORS_IDLE", str(IDLE_DEFAULT))
    try:
        if float(given) >= 0:
            return given
    except ValueError:
        pass
    raise ServiceError(f"PUBLISHER_VALIDATORS_IDLE={given!r} is not a number of seconds")


def _socket_path() -> Path:
    identity = hashlib.sha256()
    # The interpreter resolved: `publisher` runs `python3`, `python -m publisher` `python`.
    interpreter = Path(sys.executable).resolve()
    code = [Path(__file__).with_name(name) for name in ("daemon.py", "ace.js")]
    for part in (interpreter, *code, epubcheck_jar()):
        identity.update(str(part).encode())
        with contextlib.suppress(OSError):
            identity.update(str(part.stat().st_mtime_ns).encode())
    path = _folder() / f"validators-{identity.hexdigest()[:16]}.sock"
    if len(os.fsencode(path)) > SOCKET_PATH_LIMIT:
        raise ServiceError(
            f"{path.parent} is too deep for a socket (at most {SOCKET_PATH_LIMIT} bytes with"
            " its name): set PUBLISHER_VALIDATORS_DIR to a shorter folder"
        )
    return path


def _folder() -> Path:
    """The service's folder, made private; one that others could write to is refused."""
    configured = os.environ.get("PUBLISHER_VALIDATORS_DIR")
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if configured:
        folder = Path(configured)
    elif runtime and Path(runtime).is_dir():
        folder = Path(runtime) / "publisher"
    else:
        folder = Path(tempfile.gettempdir()) / f"publisher-{os.getuid()}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise ServiceError(
            f"{folder} is not a private folder of this user: remove it, or set"
            " PUBLISHER_VALIDATORS_DIR to one"
        )
    return folder


def _log_tail(path: Path) -> str:
    """The end of the service's log: why it did not start, or stopped."""
    try:
        text = path.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "no message"
    return text.strip()[-500:] or "no message"
