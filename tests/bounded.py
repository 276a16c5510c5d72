"""Publisher code run in a child process bounded in time and memory, so that a regression
to a hang or a bomb fails one test instead of stopping the suite or the machine."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable

GB = 1024**3


def memory_limit(size: int) -> Callable[[], None]:
    """A preexec_fn: the child gets at most `size` bytes of address space."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return limit


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
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=memory_limit(memory),
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)
