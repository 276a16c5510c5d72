"""Publisher run in a child process bounded in time and memory, so that a regression to a
hang or a bomb fails one test instead of stopping the suite or the machine.

Children are forked from a zygote (`tests/zygote.py`) that has imported publisher once:
each is still its own process, started from the same clean state, through the real
entry point, with its own environment, files and limits.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

GB = 1024**3
ZYGOTE = Path(__file__).with_name("zygote.py")


class _Zygote:
    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def run(self, request: dict[str, object]) -> subprocess.CompletedProcess[str]:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._process = subprocess.Popen(
                    [sys.executable, str(ZYGOTE)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
                )
            assert self._process.stdin and self._process.stdout
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
        assert line, "the zygote died: see the test's captured stderr"
        answer = json.loads(line)
        argv = [str(a) for a in request["argv"]]  # type: ignore[attr-defined]
        return subprocess.CompletedProcess(
            argv, answer["returncode"], answer["stdout"], answer["stderr"]
        )

    def close(self) -> None:
        if self._process is not None and self._process.stdin:
            self._process.stdin.close()
            self._process.wait()


_zygote = _Zygote()
atexit.register(_zygote.close)


def run_publisher(
    argv: list[str],
    env: Mapping[str, str],
    *,
    cwd: Path | None = None,
    seconds: float = 60,
    memory: int = 2 * GB,
) -> subprocess.CompletedProcess[str]:
    """`publisher ARGV…` in a bounded child with exactly the environment `env`."""
    request = {"argv": argv, "env": dict(env), "cwd": str(cwd or Path.cwd())}
    return _zygote.run({**request, "seconds": seconds, "memory": memory})


def run_python(
    code: str, *argv: str, stdin: str = "", seconds: float = 30, memory: int = 2 * GB
) -> subprocess.CompletedProcess[str]:
    """Python `code` run as a script with arguments `argv`, in a bounded child."""
    request = {"code": code, "argv": list(argv), "env": dict(os.environ), "cwd": str(Path.cwd())}
    return _zygote.run({**request, "stdin": stdin, "seconds": seconds, "memory": memory})


def finishes_within(seconds: float, *lines: str) -> None:
    """Python `lines` run to the end in a child bounded at `seconds`: a time limit for work
    that must stay linear, which a test can hold without measuring time itself."""
    done = run_python("\n".join(lines) + "\n", seconds=seconds)
    assert done.returncode == 0, done.stderr[-2000:] or f"stopped ({done.returncode})"


def outcome_in_child(
    statement: str, *argv: str, stdin: str | None = None, seconds: float = 30, memory: int = 2 * GB
) -> dict[str, str]:
    """Run `statement` (Python, with `sys` and `Path` imported) in a bounded child:
    {'result': 'ok'}, or {'result': 'error', 'message': …} for a PublisherError."""
    code = (
        "import json, sys\nfrom pathlib import Path\n"
        "from publisher.errors import PublisherError\n"
        "try:\n"
        f"    {statement}\n"
        "    print(json.dumps({'result': 'ok'}))\n"
        "except PublisherError as exc:\n"
        "    print(json.dumps({'result': 'error', 'message': str(exc)}))\n"
    )
    done = run_python(code, *argv, stdin=stdin or "", seconds=seconds, memory=memory)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)
