"""`publisher check` with nothing changed since the last check of the same shows that
check's report again, told by stat as a no-op build is, without reading the outputs or
importing a validator; any change to the sources or outputs checks again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import minimal_with

from publisher.cli import main

STAMP = Path(".publisher") / "checked.json"
# A document whose link leads nowhere: the build warns at its line, and the check counts
# the warning (--strict fails on it), so the report has a finding to show again.
LINKING = "---\ntitle: Links\n---\n\nSee [the hospital report](hospital-report.md).\n"


def age(root: Path) -> None:
    """Every file as if written a minute ago: a stamp is only left over inputs older than
    a clock tick could hide a change in (uptodate.RACY_NS)."""
    past = time.time() - 60
    for path in [root, *root.rglob("*")]:
        os.utime(path, (past, past))


@pytest.fixture
def linking(tmp_path: Path) -> Path:
    root = minimal_with(tmp_path / "ws", {"links.md": LINKING})
    age(root)
    return root


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-C", str(root), "check", "-f", "feed", "--strict", *args])


def imported_checks(root: Path, *args: str) -> bool:
    """Whether `publisher check` imported the checks, in a process of its own."""
    code = (
        "import sys\n"
        "from publisher.cli import main\n"
        "try:\n"
        f"    main(['-C', {str(root)!r}, 'check', '-f', 'feed', '--strict', *{list(args)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('publisher.checks' in sys.modules, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stderr.strip().splitlines()[-1] == "True"


def test_a_check_with_nothing_changed_shows_its_report_again_without_checking(
    linking: Path,
) -> None:
    first = check(linking)
    assert "building first" in first.stderr  # nothing was built: the check built it
    assert (linking / STAMP).is_file()
    again = check(linking)
    assert not imported_checks(linking)  # the quick answer: no validator imported
    assert first.exit_code == again.exit_code == 1  # the warning fails --strict, again
    assert "the link to 'hospital-report.md'" in again.stdout
    assert again.stdout == first.stdout
    # What the check said on the way is said again, as the build said it
    assert "links.md:5: the link to 'hospital-report.md'" in again.stderr
    assert "building first" not in again.stderr  # it built nothing
    assert "nothing changed since the last check of the same" in again.stderr
    assert "nothing changed" not in first.stderr


def test_an_output_changed_since_is_checked_again(linking: Path) -> None:
    check(linking)
    assert check(linking, "--no-build").exit_code == 0  # the feeds pass
    assert (linking / STAMP).is_file()
    feed = linking / "dist" / "feed.atom"
    feed.write_bytes(feed.read_bytes().replace(b"</title>", b"\x0b</title>", 1))
    result = check(linking, "--no-build")
    assert "fail" in result.stdout and "feed.atom" in result.stdout, result.stdout


def test_a_source_changed_since_is_built_and_checked_again(linking: Path) -> None:
    check(linking)
    (linking / "documents" / "links.md").write_text(
        LINKING.replace("hospital-report.md", "https://example.org/report")
    )
    result = check(linking)
    assert result.exit_code == 0, result.output
    assert "hospital-report" not in result.output


def test_a_moved_workspace_shows_its_report_with_its_own_paths(
    linking: Path, tmp_path: Path
) -> None:
    check(linking)
    moved = Path(shutil.move(linking, tmp_path / "moved"))
    assert not imported_checks(moved, "--json")
    result = check(moved, "--json")
    (warning,) = [f for f in json.loads(result.stdout)["findings"] if f["status"] == "warn"]
    assert warning["file"] == "documents/links.md", warning
    assert str(linking) not in result.stderr and str(moved) in result.stderr, result.stderr


def test_a_check_whose_validator_could_not_run_is_not_remembered(
    linking: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the validator is installed, the next check is to run it."""
    CliRunner().invoke(main, ["-C", str(linking), "build", "-f", "web"])
    age(linking)
    monkeypatch.setenv("PATH", "/nowhere")  # no Java: the Nu HTML checker cannot run
    result = CliRunner().invoke(main, ["-C", str(linking), "check", "-f", "web", "--no-build"])
    assert "not run: Java is not installed" in result.stdout, result.stdout
    assert not (linking / STAMP).exists()


def test_a_damaged_stamp_is_checked_again_not_a_crash(linking: Path) -> None:
    """Edited by hand, or written by another version in another form: the report comes
    from the checks again."""
    first = check(linking)
    stamp = json.loads((linking / STAMP).read_text())
    stamp["answer"] = {"said": [[30, "a message"]], "findings": [{"format": "feed"}]}
    (linking / STAMP).write_text(json.dumps(stamp))
    again = check(linking)
    assert again.exception is None or isinstance(again.exception, SystemExit), again.exception
    assert again.exit_code == first.exit_code == 1
    assert again.stdout == first.stdout
    assert "a message" not in again.output


def test_a_check_written_to_a_report_in_the_workspace_is_remembered(linking: Path) -> None:
    """`publisher check > report.txt` in the workspace: the report, written as the check
    ran, was an input changed meanwhile, so no check was ever remembered."""
    report = linking / "report.txt"
    command = [sys.executable, "-m", "publisher", "-C", str(linking), "check", "-f", "feed"]
    said = []
    for _ in range(2):
        with report.open("w") as output:
            subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, check=False)
        said.append(report.read_text(encoding="utf-8"))
    assert "nothing changed since the last check" not in said[0]
    assert "nothing changed since the last check" in said[1]
    assert "links.md:5" in said[1]  # the finding, shown again
