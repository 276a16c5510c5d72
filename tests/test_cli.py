"""The command line: one clear message per user error, no traceback, and a fast start."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from publisher import __version__
from publisher.cli import main


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_help_does_not_import_the_heavy_libraries() -> None:
    probe = (
        "import sys\nfrom publisher.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'pypandoc', 'feedgen', 'mjml', 'css_inline', 'lxml', 'rich',"
        " 'playwright', 'PIL')"
        " if m in sys.modules]\nprint('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out
    assert "build" in out and "init" in out and "list" in out


def test_init_creates_a_workspace_that_builds_at_once(tmp_path: Path) -> None:
    target = tmp_path / "news"
    result = invoke("init", str(target), "--title", "Harbour News")
    assert result.exit_code == 0, result.output
    result = invoke("-C", str(target), "build")
    assert result.exit_code == 0, result.output
    issue = target / "dist" / "001-first-issue"
    assert (issue / "welcome" / "index.html").is_file()  # the article's own page
    assert sorted(p.name for p in issue.iterdir() if p.is_file()) == [
        "001-first-issue.epub",
        "001-first-issue.pdf",
        "email.eml",
        "email.html",
        "email.txt",
        "index.html",
    ]
    assert (target / "dist" / "feed.atom").is_file() and (target / "dist" / "index.html").is_file()


def test_init_refuses_to_overwrite_a_workspace(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    before = (root / "publisher.toml").read_text()
    result = invoke("init", str(root))
    assert result.exit_code == 1 and "already exists" in result.output
    assert (root / "publisher.toml").read_text() == before


def test_outside_a_workspace_says_how_to_make_one(tmp_path: Path) -> None:
    result = invoke("-C", str(tmp_path), "build")
    assert result.exit_code == 1
    assert "no publisher.toml here" in result.output and "publisher init" in result.output
    assert "Traceback" not in result.output


def test_unknown_issue_and_format_suggest_near_misses(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    result = invoke("-C", str(root), "build", "001-frist")
    assert result.exit_code == 1 and "did you mean '001-first'" in result.output
    result = invoke("-C", str(root), "build", "--format", "epbu")
    assert result.exit_code == 1 and "did you mean 'epub'" in result.output
    assert not (root / "dist").exists()


def test_build_one_issue_by_number_and_one_format(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    result = invoke("-C", str(root), "build", "1", "--format", "epub")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (root / "dist").rglob("*") if p.is_file()] == ["001-first.epub"]


def test_out_option_writes_elsewhere(workspace: Callable[[str], Path], tmp_path: Path) -> None:
    root = workspace("minimal")
    result = invoke(
        "-C", str(root), "build", "--format", "feed,web", "--out", str(tmp_path / "site")
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "feed.rss").is_file() and not (root / "dist").exists()


def test_list_shows_documents_and_issues(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    (root / "documents" / "unused.md").write_text("Not in any issue\n")
    result = invoke("-C", str(root), "list")
    assert result.exit_code == 0
    assert "first-article" in result.output and "001-first" in result.output
    unused_line = next(line for line in result.output.splitlines() if "unused" in line)
    assert unused_line.strip().startswith("*")
