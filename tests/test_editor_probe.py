"""What an editor who never writes YAML meets: `publisher serve` stopped with Ctrl+C at any
moment, the composer's answers when an issue cannot be saved yet, and the commands' output
read in a terminal. Each test is a defect found by trying the commands as an editor would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

CLI = "from publisher.cli import main; main()"


def interrupted_serve(root: Path, delay: float) -> tuple[int, str]:
    """`publisher serve` in `root`, sent Ctrl+C (SIGINT to its process group, as a
    terminal does) `delay` seconds after it says "building…"; its exit code and output."""
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "-C", str(root), "serve", "--port", "0", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    output = [process.stdout.readline()]
    assert output[0].startswith("building"), output
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    try:
        rest, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, "".join(output) + rest


@pytest.mark.parametrize("delay", [0.2, 0.4, 0.6, 0.8, 1.0, 1.3])
def test_ctrl_c_while_serve_starts_stops_it_without_a_traceback(
    workspace: Callable[[str], Path], delay: float
) -> None:
    """The first second of `serve` (its first build, the background builder warming up) is
    when an editor who started the wrong workspace presses Ctrl+C: it stops, saying so."""
    code, output = interrupted_serve(workspace("minimal"), delay)
    assert "Traceback" not in output
    assert "unexpected problem" not in output
    assert code in (0, 1), output
    assert output.rstrip().endswith(("stopped", "Aborted!")), output
