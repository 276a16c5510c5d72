"""A bug in publisher (or in a template) ends in one line and a log file, never a traceback
on the terminal: exit 70 (EX_SOFTWARE). Users' mistakes (exit 1) and usage errors (exit 2)
are left as they are."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

PUBLISHER = str(Path(sys.executable).with_name("publisher"))  # the installed command


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PUBLISHER, "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_unexpected_exception_is_one_line_and_a_log(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    (root / "templates" / "feed").mkdir(parents=True)
    (root / "templates" / "feed" / "article.html").write_text("{{ doc.title + 1 }}\n")
    done = run(root, "build", "-f", "feed")
    assert done.returncode == 70, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith("error: publisher stopped on an unexpected problem (TypeError: "), (
        lines[0]
    )
    log = Path(lines[0].rpartition("details are in ")[2])
    assert log.parent == root / ".publisher" and log.name.startswith("crash-")
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "TypeError" in text
    assert "article.html" in text


def test_a_name_mistyped_in_a_template_override_is_the_editors_error_at_its_line(
    workspace: Callable[[str], Path],
) -> None:
    """`{{ config.titl }}` in an override was reported as publisher's own crash (exit 70,
    a crash log; a traceback under `serve`), though a template syntax error is the editor's."""
    root = workspace("minimal")
    override = root / "templates" / "feed" / "article.html"
    override.parent.mkdir(parents=True)
    override.write_text("<h2>{{ doc.title }}</h2>\n<p>{{ config.titl }}</p>\n")
    done = run(root, "build", "-f", "feed")
    assert done.returncode == 1, done.stderr
    assert f"error: {override}:2: template error: " in done.stderr
    assert "'titl'" in done.stderr and "Traceback" not in done.stderr
    assert not list((root / ".publisher").glob("crash-*"))


def test_user_errors_keep_exit_1(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    done = run(root, "build", "no-such-issue")
    assert done.returncode == 1 and done.stderr.startswith("error: ")
    assert not (root / ".publisher").exists() or not list((root / ".publisher").glob("crash-*"))


def test_usage_errors_keep_exit_2(workspace: Callable[[str], Path]) -> None:
    done = run(workspace("minimal"), "build", "--no-such-option")
    assert done.returncode == 2 and "No such option" in done.stderr
