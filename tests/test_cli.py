"""The command line: one clear message per user error, no traceback, and a fast start."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click
import lxml.html
import pytest
from bounded import run_publisher
from click.testing import CliRunner
from conftest import WORKSPACES, copy_workspace
from terminal import PUBLISHER, read_to_the_end, read_until, run_in_terminal, start_in_terminal

from publisher import __version__
from publisher.cli import main
from publisher.cli import terminal as progress_lines
from publisher.cli_examples import EXAMPLES
from publisher.config import load_config


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize(
    "args", [["-h"], ["build", "-h"], ["subscribers", "list", "-h"]], ids=" ".join
)
def test_dash_h_is_help(args: list[str]) -> None:
    """As --help: it was "No such option: -h"."""
    assert invoke(*args).output == invoke(*args[:-1], "--help").output
    assert invoke(*args).exit_code == 0


@pytest.mark.parametrize("command", [["deliveries"], ["subscribers", "list"]], ids=" ".join)
def test_dash_f_is_format_wherever_there_is_a_format(command: list[str]) -> None:
    """As on build and check: `deliveries 7 -f csv` said "No such option: -f"."""
    assert "-f, --format" in invoke(*command, "--help").output


def test_send_help_says_the_rate_and_connections_it_uses_when_not_given() -> None:
    help_text = " ".join(invoke("send", "--help").output.split())
    assert "default: [delivery] rate, else 10" in help_text
    assert "default: [delivery] connections, else 2" in help_text


def test_python_dash_m_publisher_is_the_same_command_line(tmp_path: Path) -> None:
    """Run as `python -m publisher` (a venv's interpreter named in a cron job, no scripts on
    PATH), it said "No module named publisher.__main__"."""
    ran = subprocess.run(
        [sys.executable, "-m", "publisher", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert __version__ in ran.stdout


def test_help_does_not_import_the_heavy_libraries() -> None:
    """Nor logging, pathlib or the print settings' machinery: a quarter of what --help took."""
    probe = (
        "import sys\nfrom publisher.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'pypandoc', 'feedgen', 'mjml', 'css_inline', 'lxml', 'rich',"
        " 'playwright', 'PIL', 'logging', 'publisher.printing', 'pathlib')"
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


def test_the_next_command_init_prints_works_when_pasted_into_a_shell(tmp_path: Path) -> None:
    """A newsletter's name has spaces, accents, quotes: the printed command still works."""
    name = "Boletín Obrero ✊ l'Écho"
    result = invoke("init", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    [command] = [
        line.removeprefix("Next: ")
        for line in result.output.splitlines()
        if line.startswith("Next: ")
    ]
    where = command.replace("&& publisher build", "&& pwd")
    pasted = subprocess.run(["bash", "-c", where], capture_output=True, text=True, check=False)
    assert pasted.returncode == 0, pasted.stderr
    assert Path(pasted.stdout.strip()) == tmp_path / name


def test_init_makes_its_folder_in_the_folder_given_with_dash_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As every command takes -C, and git -C: `publisher -C newsletters init news` made
    ./news, not newsletters/news."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsletters").mkdir()

    result = invoke("-C", "newsletters", "init", "news")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "newsletters" / "news" / "publisher.toml").is_file()
    assert not (tmp_path / "news").exists()
    assert "Next: cd newsletters/news && publisher build" in result.output


def test_init_refuses_to_overwrite_a_workspace(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    before = (root / "publisher.toml").read_text()
    result = invoke("init", str(root))
    assert result.exit_code == 1 and "already exists" in result.output
    assert (root / "publisher.toml").read_text() == before


def test_inside_a_workspaces_folder_the_workspace_is_named(
    workspace: Callable[[str], Path],
) -> None:
    """Run from documents/, as an editor who has just saved a file there would."""
    root = workspace("minimal")
    result = invoke("-C", str(root / "documents"), "build")
    assert result.exit_code == 1
    assert f"the workspace is {root}" in result.output and f"-C {root}" in result.output


def pasted(command: str) -> subprocess.CompletedProcess[str]:
    """`command` as a user pastes it into a shell, with this publisher on PATH."""
    path = os.pathsep.join([str(PUBLISHER.parent), os.environ["PATH"]])
    return subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": path},
    )


def test_the_command_named_from_inside_a_workspace_works_pasted_into_a_shell(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    """A workspace in a folder with a space and Arabic letters: the hint's `publisher -C
    /tmp/sp ace/Ñewsletter نشرة …` ran `publisher -C /tmp/sp` when pasted."""
    root = copy_workspace(workspace("minimal"), tmp_path / "sp ace" / "Ñewsletter نشرة")
    result = invoke("-C", str(root / "documents"), "list")
    assert result.exit_code == 1
    [command] = re.findall(r"(publisher -C .*) …", result.output)
    done = pasted(f"{command} list")
    assert done.returncode == 0, done.stderr
    assert "first-article" in done.stdout


def test_the_workspace_option_after_the_command_is_said_as_a_command_that_works(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    root = copy_workspace(workspace("minimal"), tmp_path / "sp ace" / "Ñewsletter نشرة")
    result = invoke("list", "-C", str(root))
    assert result.exit_code == 2
    [command] = re.findall(r"goes before the command: (publisher .*)", result.output)
    done = pasted(command)
    assert done.returncode == 0, done.stderr
    assert "first-article" in done.stdout


def test_a_workspace_folder_that_does_not_exist_is_said_to_be_missing(tmp_path: Path) -> None:
    result = invoke("-C", str(tmp_path / "newsleter"), "build")
    assert result.exit_code == 1 and "no such folder" in result.output


@pytest.mark.parametrize(
    "args",
    [("build", "-C", "ws"), ("check", "--workspace", "ws"), ("subscribers", "list", "-C", "ws")],
)
def test_the_workspace_option_after_the_command_says_it_goes_before(args: tuple[str, ...]) -> None:
    """As `git -C dir status`: click said only "No such option: -C"."""
    result = invoke(*args)
    assert result.exit_code == 2
    assert f"goes before the command: publisher {args[-2]} ws {' '.join(args[:-2])}" in (
        result.output
    ), result.output


def test_format_names_are_read_in_any_case(workspace: Callable[[str], Path]) -> None:
    result = invoke("-C", str(workspace("minimal")), "build", "--format", "PDF,Email")
    assert result.exit_code == 0, result.output
    assert "2 output(s) rendered" in result.output


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


@pytest.mark.parametrize("number", ["1", "001"])
def test_build_one_issue_by_number_and_one_format(
    workspace: Callable[[str], Path], number: str
) -> None:
    """By its number, as written or as the slug pads it."""
    root = workspace("minimal")
    result = invoke("-C", str(root), "build", number, "--format", "epub")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (root / "dist").rglob("*") if p.is_file()] == ["001-first.epub"]


def test_format_given_twice_builds_both(workspace: Callable[[str], Path]) -> None:
    """`-f epub -f email`, as --tag is repeated on send: the earlier was dropped."""
    root = workspace("minimal")
    result = invoke("-C", str(root), "build", "1", "-f", "epub", "--format", "email")
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (root / "dist").rglob("*") if p.is_file())
    assert "001-first.epub" in built and "email.eml" in built


def test_a_build_of_many_files_lists_a_line_per_folder_and_every_file_with_verbose(
    workspace: Callable[[str], Path],
) -> None:
    """A build of 80 issues listed 1,568 files, 1,100 of them the search index's."""
    root = workspace("minimal")
    result = invoke("-C", str(root), "build", "--format", "web,epub")
    assert result.exit_code == 0, result.output
    written = [p for p in (root / "dist").rglob("*") if p.is_file()]
    index = [p for p in written if p.parts[-3:-1] == ("pagefind", "fragment")]
    assert len(written) > 20 and index
    lines = [line.split() for line in result.output.splitlines()]
    assert ["pagefind/", f"{len(list((root / 'dist' / 'pagefind').rglob('*.*')))}", "file(s)"] in [
        line[:3] for line in lines
    ], result.output
    assert ["001-first/"] in [line[:1] for line in lines]
    assert "fragment" not in result.output and "build -v lists every file" in result.output

    result = invoke(
        "-C", str(root), "build", "--format", "web,epub", "--out", str(root / "again"), "-v"
    )
    assert result.exit_code == 0, result.output
    assert all(str(p.relative_to(root / "dist")) in result.output for p in index)
    assert "001-first/001-first.epub" in result.output


# A colour of the terminal's (SGR 30–37, 90–97: a foreground; 40–47, 100–107: a background)
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7])(?:;[0-9;]*)?m")


@pytest.mark.parametrize(
    "plain", [{"NO_COLOR": "1"}, {"TERM": "dumb"}], ids=["NO_COLOR", "TERM=dumb"]
)
def test_a_build_at_a_terminal_that_wants_no_colours_prints_none(
    workspace: Callable[[str], Path], plain: dict[str, str]
) -> None:
    """NO_COLOR (no-color.org) or a dumb terminal (an editor's shell, a screen reader's)
    still got the closing "built 1 issue(s)…" line in green: the tables of `check` and
    `list` had none."""
    root = workspace("minimal")
    build, leader = start_in_terminal("-C", str(root), "build", "--format", "email", env=plain)
    shown = read_to_the_end(leader)
    assert build.wait(timeout=120) == 0, shown
    assert "built 1 issue(s)" in shown
    assert not COLOUR.search(shown), repr(shown)


def test_a_build_at_a_terminal_says_it_is_done_in_green(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    env = {"TERM": "xterm-256color", "NO_COLOR": ""}  # an empty NO_COLOR asks nothing
    build, leader = start_in_terminal("-C", str(root), "build", "--format", "email", env=env)
    shown = read_to_the_end(leader)
    assert build.wait(timeout=120) == 0, shown
    assert re.search(r"\x1b\[32mbuilt 1 issue\(s\)", shown), repr(shown)


def test_a_build_without_a_terminal_says_now_and_then_how_far_it_is(
    workspace: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI log (no terminal, so no progress bar) showed nothing for minutes of a long
    build. Here "now and then" is made "at every step"."""
    monkeypatch.setattr(progress_lines, "SAY_EVERY", 0.0)
    root = workspace("minimal")
    result = invoke("-C", str(root), "build", "--format", "email,epub")
    assert result.exit_code == 0, result.output
    steps = re.findall(r"^\[(\d+)/(\d+)\] (.+)$", result.output, re.MULTILINE)
    said = list(dict.fromkeys(step[2] for step in steps))  # a step is said again while it lasts
    assert said[-2:] == ["email 001-first", "epub 001-first"]
    assert [int(done) for done, _, _ in steps] == sorted(int(done) for done, _, _ in steps)


def test_a_build_without_a_terminal_says_which_issue_it_is_assembling(
    workspace: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between reading the last document and rendering, a 300-issue archive's build said
    nothing for a minute or more (the bar sat at `reading … 2416/2416`): its issues were
    being put together and their links resolved against the archive, a step of no name."""
    monkeypatch.setattr(progress_lines, "SAY_EVERY", 0.0)
    root = workspace("minimal")
    (root / "issues" / "002-again.yaml").write_text(
        "number: 2\ntitle: Again\ndate: 2026-02-10\nsections:\n"
        "  - title: News\n    documents: [first-article]\n"
    )
    result = invoke("-C", str(root), "build", "--format", "email")
    assert result.exit_code == 0, result.output
    steps = re.findall(r"^\[\d+/\d+\] (\w+) (.+)$", result.output, re.MULTILINE)
    said = list(dict.fromkeys(steps))  # a step is said again while it lasts
    assert [what for what, _ in said] == ["reading"] * 2 + ["assembling"] * 2 + ["email"] * 2
    assert sorted(issue for what, issue in said if what == "assembling") == [
        "001-first",
        "002-again",
    ]


def test_without_a_terminal_a_long_step_is_said_again_while_it_lasts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One step of two minutes (a big archive's web index, a long PDF) printed nothing
    in a CI log until the next began: the line comes by the clock, not only when a new
    step starts. Here "every 10 seconds" is made every 10 ms."""
    monkeypatch.setattr(progress_lines, "SAY_EVERY", 0.01)
    said = ""
    with progress_lines.RichProgress() as progress:
        progress.expect(2)
        with progress.task("web index"):
            deadline = time.monotonic() + 30
            while said.count("web index") < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
                said += capsys.readouterr().err
    assert said.splitlines()[:3] == ["[0/2] web index"] * 3


@pytest.mark.parametrize(
    ("folder", "ref"),
    [
        ("workspace", "issues/001-first.yaml"),  # as a shell's tab completion writes it
        ("workspace", "./issues/../issues/001-first.yaml"),
        ("issues", "001-first.yaml"),
        ("elsewhere", "{root}/issues/001-first.yaml"),
        ("elsewhere", "issues/001-first.yaml"),  # from the workspace given with -C
    ],
)
def test_build_one_issue_by_the_path_of_its_manifest(
    workspace: Callable[[str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    folder: str,
    ref: str,
) -> None:
    root = workspace("minimal")
    (root / "issues" / "002-second.yaml").write_text(
        (root / "issues" / "001-first.yaml").read_text().replace("number: 1", "number: 2")
    )
    monkeypatch.chdir({"workspace": root, "issues": root / "issues"}.get(folder, tmp_path))
    result = invoke("-C", str(root), "build", ref.format(root=root), "--format", "epub")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (root / "dist").rglob("*") if p.is_file()] == ["001-first.epub"]


def test_a_manifest_path_outside_the_workspace_is_no_issue_of_it(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    root, other = workspace("minimal"), tmp_path / "other"
    shutil.copytree(root, other)
    result = invoke("-C", str(root), "build", str(other / "issues" / "001-first.yaml"))
    assert result.exit_code == 1 and "no issue" in result.output, result.output
    assert not (root / "dist").exists() and not (other / "dist").exists()


# The next issue, started while this one still needs a fix or a send: a document it lists
# is not written yet, or its title's quote is not closed yet.
UNFINISHED = {
    "a document not written yet": (
        'title: "Next"\nnumber: 2\ndate: 2026-05-01\nsections:\n  - title: "News"\n'
        "    documents: [first-article, article-not-written-yet]\n",
        "002-next.yaml:6: no document 'article-not-written-yet'",
    ),
    "an unclosed quote": (
        'title: "Next\nnumber: 2\ndate: 2026-05-01\nsections:\n  - title: "News"\n'
        "    documents: [first-article]\n",
        "002-next.yaml:",
    ),
}


@pytest.mark.parametrize("manifest, problem", UNFINISHED.values(), ids=UNFINISHED.keys())
def test_an_unfinished_next_issue_leaves_the_others_to_build_and_warns_it_is_left_out(
    workspace: Callable[[str], Path], manifest: str, problem: str
) -> None:
    root = workspace("minimal")
    (root / "issues" / "002-next.yaml").write_text(manifest)

    built = invoke("-C", str(root), "build", "1", "-f", "email,web")

    assert built.exit_code == 0, built.output
    assert f"warning: {root / 'issues' / problem}" in built.output
    assert "left out issue 002-next until its manifest is fixed" in built.output
    assert (root / "dist" / "001-first" / "email.eml").is_file()
    assert not (root / "dist" / "002-next").exists()
    assert "002-next" not in (root / "dist" / "index.html").read_text()


@pytest.mark.parametrize("issues", [["2"], ["002-next"], []], ids=["by number", "by name", "all"])
def test_an_unfinished_issue_asked_for_is_an_error(
    workspace: Callable[[str], Path], issues: list[str]
) -> None:
    """Asked for by name or number, or with every issue: its problem stops the build."""
    root = workspace("minimal")
    manifest, problem = UNFINISHED["a document not written yet"]
    (root / "issues" / "002-next.yaml").write_text(manifest)

    built = invoke("-C", str(root), "build", *issues, "-f", "email")

    assert built.exit_code == 1
    assert f"error: {root / 'issues' / problem}" in built.output
    assert "no issue" not in built.output  # by its number: the file's 002- says which
    assert not (root / "dist").exists()


@pytest.mark.parametrize("epoch", ["-5", "1e9", "ten", "9" * 30])
def test_a_source_date_epoch_that_is_no_count_of_seconds_since_1970_is_refused(
    workspace: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    """SOURCE_DATE_EPOCH=-5 built an issue dated 1969: the reproducible-builds variable
    is `date +%s`, a count of seconds since 1970."""
    root = workspace("minimal")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = invoke("-C", str(root), "build", "-f", "email")
    assert result.exit_code == 1
    assert f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds" in result.output
    assert not (root / "dist").exists()


def test_a_quiet_build_says_only_its_warnings(workspace: Callable[[str], Path]) -> None:
    """`publisher build -q` from cron: its mail holds only what needs doing, not the notes,
    the files written and the line saying it was built."""
    root = workspace("minimal")
    manifest, problem = UNFINISHED["a document not written yet"]
    (root / "issues" / "002-next.yaml").write_text(manifest)

    quiet = invoke("-C", str(root), "build", "1", "-f", "email", "--quiet")
    again = invoke("-C", str(root), "build", "1", "-f", "email", "-q")  # nothing to do

    for result in (quiet, again):
        assert result.exit_code == 0, result.output
        assert all(
            line.startswith(("warning: ", "  hint: ")) for line in result.output.splitlines()
        )
        assert problem in result.output
        assert "left out issue 002-next until its manifest is fixed" in result.output
    assert (root / "dist" / "001-first" / "email.eml").is_file()


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
    assert "No. 1, 2026-01-10, 2 documents" in result.output


def test_list_shows_a_file_name_with_a_line_break_on_one_line_escaped_as_ls_does(
    workspace: Callable[[str], Path],
) -> None:
    """A name a script made with a newline in it split the listing's line in two."""
    root = workspace("minimal")
    (root / "documents" / "minutes\nmarch.md").write_text("Not in any issue\n")
    result = invoke("-C", str(root), "list")
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if "march" in line]
    assert line.split() == ["*", "minutes-march", "minutes\\nmarch.md"]


def test_list_counts_an_issue_of_one_document_as_one(workspace: Callable[[str], Path]) -> None:
    root = workspace("minimal")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace(", second-article]", "]"))
    result = invoke("-C", str(root), "list")
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("No. 1, 2026-01-10, 1 document")


@pytest.mark.parametrize("documents", [400, 0], ids=["more than a pipe holds", "a few lines"])
def test_a_reader_that_stops_early_is_no_error_and_exits_0(
    workspace: Callable[[str], Path], documents: int
) -> None:
    """`publisher list | head -1`: head reads a line and leaves, and publisher, still
    writing, stops quietly (no traceback, no crash log) and exits 0, as it does when its
    lines fit in the pipe before head leaves: a script with `set -o pipefail` does not
    fail on it. `| grep -q` may leave before publisher wrote anything, and its few lines
    go nowhere, quietly too."""
    from terminal import PUBLISHER

    root = workspace("minimal")
    for number in range(documents):
        name = f"{number:03}-a-statement-about-the-housing-crisis-and-what-the-council-must-do.md"
        (root / "documents" / name).write_text("Text.\n")
    child = subprocess.Popen(
        [PUBLISHER, "-C", root, "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stderr is not None
    if documents:
        assert child.stdout.readline().startswith(b"Documents (402)")
    child.stdout.close()
    errors = child.stderr.read().decode()
    child.wait(timeout=60)

    assert child.returncode == 0 and errors == ""
    assert not list((root / ".publisher").glob("crash-*.log"))


def test_init_writes_the_site_organisation_and_sender_where_the_config_reads_them(
    tmp_path: Path,
) -> None:
    root = tmp_path / "news"
    result = invoke(
        "init",
        str(root),
        "--title",
        "Harbour News: the bulletin",
        "--organisation",
        'Harbour Workers, "Local 7"',
        "--site-url",
        "news.harbour-workers.org/archive",
        "--sender",
        "news@harbour-workers.org",
    )

    assert result.exit_code == 0, result.output
    config = load_config(root)
    assert config.title == "Harbour News: the bulletin"
    assert config.organisation == 'Harbour Workers, "Local 7"'
    assert config.base_url == "https://news.harbour-workers.org/archive/"
    assert config.email_from.addr_spec == "news@harbour-workers.org"
    assert config.email_from.display_name == "Harbour News: the bulletin"
    assert config.email_reply_to is None
    assert "example.org" not in (root / "publisher.toml").read_text("utf-8")
    assert "base_url" not in result.output and "contact =" in result.output  # the postal address


def test_init_s_publisher_toml_shows_the_delivery_settings_a_send_needs(tmp_path: Path) -> None:
    """A first test copy failed with "check smtp_host … in [delivery]", a table the file
    init wrote did not have: it is there now, commented out, ready to fill in."""
    root = tmp_path / "news"
    assert invoke("init", str(root), "--title", "Harbour News").exit_code == 0
    config = root / "publisher.toml"
    text = config.read_text("utf-8")
    assert "\n# [delivery]\n" in text
    assert load_config(root).delivery.smtp_host == "localhost"  # commented out: the defaults

    # What an editor does: takes the "# " off the table's lines and fills in the values.
    filled = re.sub(r"(?m)^# (\[delivery\]|\w+ = )", r"\1", text)
    filled = filled.replace("smtp.your-provider.invalid", "smtp.harbour-workers.org")
    config.write_text(filled, "utf-8")
    delivery = load_config(root).delivery
    assert (delivery.smtp_host, delivery.port, delivery.smtp_security) == (
        "smtp.harbour-workers.org",
        587,
        "starttls",
    )
    assert delivery.smtp_username and delivery.secret_key_env == "PUBLISHER_SECRET_KEY"


@pytest.mark.parametrize(
    ("given", "tag", "opening"),
    [
        ("es", "es", "Este es el primer documento de tu fondo."),
        ("Spanish", "es", "Este es el primer documento de tu fondo."),
        ("fr_CA", "fr-CA", "Voici le premier document de votre fonds."),
        ("fa", "fa", "این نخستین سند مجموعهٔ شماست."),
    ],
)
def test_init_makes_a_newsletter_in_the_language_given_by_code_or_name(
    tmp_path: Path, given: str, tag: str, opening: str
) -> None:
    """A Spanish newsletter's interface, dates and hyphenation are Spanish from its first
    build, and so is its sample document and issue: nobody has to find `language` in
    publisher.toml, nor read English set right to left in a Farsi one."""
    root = tmp_path / "boletin"
    result = invoke("init", str(root), "--title", "Boletín", "--language", given)
    assert result.exit_code == 0, result.output
    assert load_config(root).language == tag
    welcome = (root / "documents" / "welcome.md").read_text()
    assert opening in welcome and "lang:" not in welcome  # in the newsletter's language
    assert "Welcome" not in welcome and "Boletín" in welcome  # its title too
    assert invoke("-C", str(root), "build", "-f", "web").exit_code == 0
    page = lxml.html.parse(str(root / "dist" / "index.html")).getroot()
    assert page.get("lang") == tag
    document = lxml.html.parse(str(root / "dist" / "001-first-issue" / "welcome" / "index.html"))
    assert opening in document.getroot().text_content()
    assert "Welcome" not in (root / "issues" / "001-first-issue.yaml").read_text()


# Letter is 8.5 × 11 in (ANSI), A4 210 × 297 mm (ISO 216): in PostScript points, 72 an inch
LETTER_POINTS, A4_POINTS = (612, 792), (595.28, 841.89)


@pytest.mark.parametrize(
    ("locale", "language", "points"),
    [
        ({"LANG": "en_US.UTF-8"}, "en", LETTER_POINTS),
        ({"LANG": "en_GB.UTF-8"}, "en", A4_POINTS),
        ({"LANG": "fr_CA.utf8"}, "fr", LETTER_POINTS),
        ({"LC_PAPER": "es_CL.UTF-8", "LANG": "es_ES.UTF-8"}, "es", LETTER_POINTS),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "en", A4_POINTS),
        # a locale naming no region: the newsletter's language's
        ({"LANG": "C.UTF-8"}, "es-MX", LETTER_POINTS),
        ({"LANG": "C.UTF-8"}, "en", A4_POINTS),
        # the machine's printer, not its readers' country, is what the pages come out of
        ({"LANG": "es_ES.UTF-8"}, "es-MX", A4_POINTS),
    ],
    ids=[
        "en_US",
        "en_GB",
        "fr_CA",
        "LC_PAPER es_CL over LANG es_ES",
        "LC_ALL de_DE over LANG en_US",
        "C, language es-MX",
        "C, language en",
        "es_ES, language es-MX",
    ],
)
def test_init_prints_on_the_paper_of_the_region_it_is_made_in(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    locale: dict[str, str],
    language: str,
    points: tuple[float, float],
) -> None:
    """In the Americas and the Philippines printers hold Letter; everywhere else A4."""
    import pikepdf

    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in locale.items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "news"
    result = invoke("init", str(root), "--title", "News", "--language", language)
    assert result.exit_code == 0, result.output
    letter = points == LETTER_POINTS
    assert ("PDF pages are Letter" in result.output) is letter
    assert ("[pdf] page_size in publisher.toml" in result.output) is letter
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # a build reads publisher.toml alone
    assert invoke("-C", str(root), "build", "-f", "pdf").exit_code == 0
    with pikepdf.open(root / "dist" / "001-first-issue" / "001-first-issue.pdf") as pdf:
        box = [float(value) for value in pdf.pages[0].mediabox]
    assert box[2:] == pytest.approx(points, abs=0.01)


@pytest.mark.parametrize(
    ("name", "tag"),
    [
        ("Farsi", "fa"),  # Persian, as Iranians name it in English
        ("فارسی", "fa"),  # in Persian
        ("Castellano", "es"),
        ("Brazilian Portuguese", "pt-BR"),
        ("Canadian French", "fr-CA"),
    ],
)
def test_init_knows_a_language_by_the_names_people_use(tmp_path: Path, name: str, tag: str) -> None:
    root = tmp_path / "news"
    result = invoke("init", str(root), "--title", "News", "--language", name)
    assert result.exit_code == 0, result.output
    assert load_config(root).language == tag


def test_init_in_a_language_publisher_has_no_words_for_says_its_sample_is_english(
    tmp_path: Path,
) -> None:
    root = tmp_path / "zeitung"
    assert invoke("init", str(root), "--title", "Zeitung", "--language", "de").exit_code == 0
    welcome = (root / "documents" / "welcome.md").read_text()
    assert "This is the first document in your pool." in welcome and "\nlang: en\n" in welcome
    assert invoke("-C", str(root), "build", "-f", "web").exit_code == 0


def test_init_refuses_a_site_url_or_sender_the_build_would_refuse(tmp_path: Path) -> None:
    for option, value, expected in [
        ("--site-url", "ftp://files.example.net/", "must be an absolute http(s) URL"),
        ("--site-url", "https://news.example.net/?page=1", "query or fragment"),
        # a scheme typed wrong is no host called "https": asked again, with the fix
        ("--site-url", "https//news.example.net", "did you mean https://news.example.net/?"),
        ("--site-url", "https:/news.example.net/", "did you mean https://news.example.net/?"),
        ("--site-url", "http;//news.example.net", "did you mean http://news.example.net/?"),
        ("--sender", "news@@example.net", "not an email address"),
        ("--sender", "Ana <ana@example.net>, Ben <ben@example.net>", "not an email address"),
        ("--title", "Two\nlines", "one line"),
        ("--language", "Dockish", "not a language code"),
    ]:
        result = invoke("init", str(tmp_path / "news"), option, value)
        assert result.exit_code == 2 and f"Invalid value for '{option}'" in result.output
        assert expected in result.output and "Traceback" not in result.output
        assert not (tmp_path / "news").exists()


def test_init_without_a_terminal_keeps_placeholders_and_names_the_lines_to_edit(
    tmp_path: Path,
) -> None:
    root = tmp_path / "news"
    result = invoke("init", str(root), "--title", "Harbour News")

    assert result.exit_code == 0, result.output
    lines = (root / "publisher.toml").read_text("utf-8").splitlines()
    named = {int(n): text for n, text in re.findall(r"line (\d+): (.*)", result.output)}
    assert {text.split(" =")[0] for text in named.values()} == {
        "base_url",
        "contact",
        "from",
        "reply_to",
    }
    assert all(lines[n - 1] == text and "example.org" in text for n, text in named.items())
    assert load_config(root).base_url == "https://harbour-news.example.org/"


def test_init_in_a_terminal_asks_and_asks_again_after_a_wrong_answer(tmp_path: Path) -> None:
    root = tmp_path / "news"
    typed = [
        "Harbour News",  # title
        "",  # organisation: the default shown, the title
        "ftp://harbour.example.net",  # refused
        "https://news.harbour-workers.org",
        "not an address",  # refused
        "Harbour Editors <editors@harbour-workers.org>",
        "Dockish",  # refused: no language's name
        "español",
    ]
    shown = run_in_terminal("init", str(root), typed="\n".join(typed) + "\n")

    assert "Newsletter title [Our Newsletter]:" in shown
    assert "Organisation [Harbour News]:" in shown
    assert "Error: base_url 'ftp://harbour.example.net' must be an absolute http(s) URL" in shown
    assert "Error: 'not an address' is not an email address" in shown
    config = load_config(root)
    assert (config.title, config.organisation) == ("Harbour News", "Harbour News")
    assert config.base_url == "https://news.harbour-workers.org/"
    assert str(config.email_from) == "Harbour Editors <editors@harbour-workers.org>"
    assert "Language (en, es, fr, ar… or its name) [en]:" in shown
    assert "Error: 'Dockish' is not a language code" in shown
    assert config.language == "es"


BARE_DOMAIN_SAID = (
    "https://riverside-tenants.org/ is the home page of riverside-tenants.org: the web"
    " archive would be the whole site there. If that is your organisation's website, give"
    " a folder of it (https://riverside-tenants.org/newsletter/) or an address of its own"
    " (https://news.riverside-tenants.org/)"
)


def test_init_in_a_terminal_asks_before_making_an_organisations_domain_the_archive(
    tmp_path: Path,
) -> None:
    """Volunteers give their organisation's website at "Site URL": the bare domain was
    taken as the archive's own address without a word."""
    root = tmp_path / "news"
    typed = [
        "Riverside News",
        "Riverside Tenants",
        "riverside-tenants.org",
        "n",  # not the whole site: asked again
        "riverside-tenants.org/newsletter",
        "news@riverside-tenants.org",
        "en",
    ]
    shown = run_in_terminal("init", str(root), typed="\n".join(typed) + "\n")

    assert BARE_DOMAIN_SAID in " ".join(shown.split())
    assert "Put the web archive at https://riverside-tenants.org/ itself? [y/N]:" in shown
    assert load_config(root).base_url == "https://riverside-tenants.org/newsletter/"


def test_init_given_an_organisations_domain_says_the_archive_is_the_whole_site(
    tmp_path: Path,
) -> None:
    root = tmp_path / "news"
    result = invoke("init", str(root), "--site-url", "www.riverside-tenants.org")
    assert result.exit_code == 0, result.output
    assert load_config(root).base_url == "https://www.riverside-tenants.org/"
    said = " ".join(result.output.split())
    assert (
        "https://www.riverside-tenants.org/ is the home page of www.riverside-tenants.org: the"
        " web archive would be the whole site there."
    ) in said
    assert "(https://www.riverside-tenants.org/newsletter/)" in said
    assert "(https://news.riverside-tenants.org/)" in said


@pytest.mark.parametrize(
    "folder", ["/dev/null/news", "/proc/news"], ids=["under a file", "where none can be made"]
)
def test_init_where_it_cannot_write_says_to_choose_another_folder(folder: str) -> None:
    """init has no --out, which its hint told the editor to use."""
    result = invoke("init", folder)
    assert result.exit_code == 1
    assert f"{folder}/publisher.toml: could not write this file" in result.output
    assert "choose another folder" in result.output and "--out" not in result.output


def test_ctrl_c_at_an_init_question_exits_130_and_makes_nothing(tmp_path: Path) -> None:
    """As any interrupted command (click's prompt said "Aborted!" and exited 1, as for a
    mistake)."""
    import signal

    root = tmp_path / "news"
    init, leader = start_in_terminal("init", str(root), typed="Harbour News\n", own_session=True)
    shown = read_until(leader, b"Organisation [Harbour News]:")
    # Ctrl-C, which the terminal sends its foreground job. Pressed again when the first came
    # as the prompt began to read, between Python's look for signals and the read itself,
    # which it then waited in: a person, still at the question, presses it again too.
    for _ in range(30):
        os.killpg(init.pid, signal.SIGINT)
        try:
            init.wait(timeout=2)
            break
        except subprocess.TimeoutExpired:
            continue
    shown += read_to_the_end(leader).encode()

    assert init.wait(timeout=60) == 130, shown
    assert b"Aborted!" in shown
    assert not root.exists()


def test_a_new_workspace_in_git_never_stages_the_subscriber_list(tmp_path: Path) -> None:
    root = tmp_path / "news"
    assert invoke("init", str(root)).exit_code == 0
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    assert invoke("-C", str(root), "subscribers", "add", "ana@example.net").exit_code == 0
    reader = sqlite3.connect(root / "subscribers.sqlite3")  # open: -wal and -shm beside it
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM subscribers").fetchone()
    (root / "subscribers.sqlite3-journal").write_bytes(b"")  # a rollback journal, by name
    for made in ("dist/index.html", ".publisher/crash-1.log"):
        (root / made).parent.mkdir(exist_ok=True)
        (root / made).write_text("made by publisher")
    try:
        assert (root / "subscribers.sqlite3-wal").exists()
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        reader.close()

    assert sorted(line.split()[-1] for line in status.splitlines()) == [
        ".gitignore",
        "documents/welcome.md",
        "issues/001-first-issue.yaml",
        "publisher.toml",
        "templates/README.md",
    ]


def test_init_keeps_an_existing_gitignore_and_adds_what_it_lacks(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    (root / ".gitignore").write_text("*.pdf\ndist/\n")
    result = invoke("init", str(root))
    assert result.exit_code == 0
    lines = (root / ".gitignore").read_text().splitlines()
    assert lines[:2] == ["*.pdf", "dist/"] and lines.count("dist/") == 1
    assert {".publisher/", "*.sqlite3", "*.sqlite3-*"} <= set(lines)
    [said] = [line for line in result.output.splitlines() if ".gitignore" in line]
    assert "already there" in said and "added .publisher/, *.sqlite3" in said


def test_init_in_a_folder_in_use_keeps_every_file_there_and_names_them(tmp_path: Path) -> None:
    """A Hugo site has documents/, a half-set-up folder an issue: init replaced them all
    with its samples and said "created" of each."""
    root = tmp_path / "site"
    mine = {
        "documents/welcome.md": b"---\ntitle: Our own welcome\n---\nMine.\n",
        "issues/001-first-issue.yaml": b"number: 7\n",
        "templates/README.md": b"notes\n",
    }
    for name, data in mine.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    result = invoke("init", str(root))
    assert result.exit_code == 0, result.output
    for name, data in mine.items():
        assert (root / name).read_bytes() == data
        [said] = [line for line in result.output.splitlines() if str(root / name) in line]
        assert "already there" in said and "created" not in said
    assert f"created {root / 'publisher.toml'}" in result.output


def test_init_leaves_a_gitignore_it_cannot_read_as_it_was_and_says_what_to_add(
    tmp_path: Path,
) -> None:
    """A .gitignore saved as UTF-16 by Windows Notepad lost its lines to init's own."""
    root = tmp_path / "news"
    root.mkdir()
    utf16 = "\ufeffnode_modules/\r\n*.log\r\n".encode("utf-16-le")
    (root / ".gitignore").write_bytes(utf16)
    result = invoke("init", str(root))
    assert result.exit_code == 0, result.output
    assert (root / ".gitignore").read_bytes() == utf16
    [said] = [line for line in result.output.splitlines() if ".gitignore" in line]
    assert "not UTF-8" in said and "dist/" in said and ".publisher/" in said
    assert "created" not in said


def every_command(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of `group` and of every command and subcommand under it."""
    paths = [path]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            paths += every_command(command, (*path, name))
        else:
            paths.append((*path, name))
    return paths


def test_every_commands_help_ends_with_examples_of_itself() -> None:
    paths = every_command(main)
    assert ("subscribers", "list") in paths and len(paths) > 15
    for path in paths:
        result = invoke(*path, "--help")
        assert result.exit_code == 0, result.output
        _, found, examples = result.output.rpartition("\nExamples:\n")
        assert found, f"'publisher {' '.join(path)} --help' ends without examples"
        lines = [line.strip() for line in examples.strip().splitlines()]
        assert 2 <= len(lines) <= 4 and lines[0].startswith("# "), result.output
        commands = lines[1::2]
        assert all(c.startswith(" ".join(("publisher", *path))) for c in commands), commands
        assert all(not line.startswith("#") for line in commands), lines  # kept as written


def test_examples_name_only_commands_and_options_that_exist() -> None:
    paths = {" ".join(path) for path in every_command(main)}
    assert set(EXAMPLES) <= paths, f"examples of no command: {set(EXAMPLES) - paths}"

    def options(command: click.Command) -> set[str]:
        return {o for p in command.params for o in p.opts + p.secondary_opts} | {"--help"}

    for examples in EXAMPLES.values():
        for _, line in examples:
            words = shlex.split(re.split(r" && | > ", line)[0])
            command: click.Command = main
            for word in words[1:]:  # after "publisher"
                if word.startswith("-"):
                    assert word in options(command), f"{line}: no {word} in {command.name}"
                elif isinstance(command, click.Group) and word in command.commands:
                    command = command.commands[word]
            assert not isinstance(command, click.Group) or line == "publisher", line


@pytest.mark.parametrize("command", [["import"], ["subscribers", "import"]])
@pytest.mark.parametrize("entry", ["named pipe", "link to /dev/zero"])
def test_a_file_to_read_that_is_a_named_pipe_or_a_device_is_refused_not_read_for_ever(
    command: list[str], entry: str, tmp_path: Path
) -> None:
    source = tmp_path / "received.csv"
    if entry == "named pipe":
        os.mkfifo(source)
    else:
        source.symlink_to("/dev/zero")
    workspace = shutil.copytree(WORKSPACES / "minimal", tmp_path / "ws")
    argv = ["-C", str(workspace), *command, str(source)]
    result = run_publisher(argv, {"PATH": "/usr/bin:/bin"}, seconds=30)
    assert result.returncode == 2, result.stderr  # a usage error, as for a missing file
    assert f"'{source}' is a named pipe or a device, not a file" in result.stderr


def test_init_says_where_the_theme_files_to_copy_are(tmp_path: Path) -> None:
    """templates/README.md said "see the default theme's README" without saying where it
    is: installed with pip, the theme is inside the package, not in any templates/."""
    from publisher.templating import default_theme_dir

    root = tmp_path / "news"
    assert invoke("init", str(root)).exit_code == 0
    readme = (root / "templates" / "README.md").read_text()
    assert f"{default_theme_dir()}" in readme
    assert (default_theme_dir() / "web" / "site.css").is_file()
    assert (default_theme_dir() / "README.md").is_file()


def test_the_readmes_command_line_names_every_option_of_build_and_each_choice() -> None:
    """It showed `--pdf-standard pdf/a-3b` only, while the command offers pdf/x-4 (the
    print shop's) too, and left `--force` out."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.partition("## Command line\n\n```\n")[2].partition("```")[0]
    synopsis = " ".join(
        line for line in block.splitlines() if line.startswith(("publisher build", " "))
    )
    build = main.commands["build"]
    for option in build.params:
        if isinstance(option, click.Option) and option.name != "help":
            assert any(re.search(rf"{name}\b", synopsis) for name in option.opts), option.opts
            if isinstance(option.type, click.Choice):
                for choice in option.type.choices:
                    assert choice in synopsis, (option.opts, choice)


@pytest.mark.parametrize("command", [["list"], ["check", "-f", "feed"]])
def test_every_command_says_a_warning_once_as_a_warning(
    workspace: Callable[[str], Path], tmp_path: Path, command: list[str]
) -> None:
    """`list`, `send` and the rest said publisher's warnings through Python's last resort,
    bare, among their output; `check` said what the documents folder left out twice, once
    bare, before the build that says it again."""
    root = workspace("minimal")
    (tmp_path / "elsewhere").mkdir()
    (root / "documents" / "linked").symlink_to(tmp_path / "elsewhere")

    done = run_publisher(["-C", str(root), *command], os.environ)  # Python's own stderr

    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "left out" in line]
    assert len(said) == 1 and said[0].startswith("warning: left out "), done.stderr
