"""A bug in publisher (or in a plugin, or in the theme) ends in one line and a log file, never
a traceback on the terminal: exit 70 (EX_SOFTWARE). Users' mistakes (exit 1: a template
override's among them) and usage errors (exit 2) are left as they are."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from plugin_support import issue_format, plugin_written

PUBLISHER = str(Path(sys.executable).with_name("publisher"))  # the installed command


def run(root: Path, *args: str, plugins: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if plugins is not None:  # installed for this run only
        env["PYTHONPATH"] = os.pathsep.join([str(plugins), *sys.path])
    return subprocess.run(
        [PUBLISHER, "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=env,
    )


# A format plugin with a bug: its renderer adds a number to a title.
BUGGY_FORMAT = issue_format(
    "buggy",
    "a format with a bug",
    """
class BuggyRenderer(IssueRenderer):
    name = "buggy"

    def render(self, issue, ctx):
        return [Artifact.text(Path(issue.slug) / "buggy.txt", issue.title + 1)]
""",
)


def test_unexpected_exception_is_one_line_and_a_log(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    root = workspace("minimal")
    plugin_written(tmp_path, "buggy", BUGGY_FORMAT)
    done = run(root, "build", "-f", "buggy", plugins=tmp_path)
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
    assert "buggy_format.py" in text


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
