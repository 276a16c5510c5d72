"""`publisher check`'s accessibility check of EPUBs: Ace by DAISY, every EPUB of a run in
one Node process and one browser. It must still judge each book on its own."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace

from publisher.build import build
from publisher.checks import run_checks
from publisher.checks.base import Target
from publisher.config import load_config

ISSUES = ("001-first", "002-second")


@pytest.fixture(scope="module")
def two_books(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two issues' EPUBs; the second's first chapter given an image nobody described and a
    heading with no text, which Ace reports as critical and serious, and its second article
    a paragraph too pale to read (serious)."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("ace") / "ws")
    manifest = root / "issues" / "001-first.yaml"
    second = manifest.read_text().replace("number: 1", "number: 2").replace("First", "Second")
    (root / "issues" / "002-second.yaml").write_text(second)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        build(root, formats=["epub"])
    epub = root / "dist" / "002-second" / "002-second.epub"
    broken = epub.with_suffix(".tmp")
    with zipfile.ZipFile(epub) as old, zipfile.ZipFile(broken, "w") as new:
        chapters = sorted(n for n in old.namelist() if re.search(r"ch\d+\.xhtml$", n))
        for info in old.infolist():
            data = old.read(info)
            if info.filename == chapters[0]:
                data = data.replace(b"</body>", b'<img src="../media/none.png"/><h2></h2></body>')
            elif b'id="second-article"' in data:  # pale words in an article, after its title
                data = re.sub(
                    rb'(id="second-article".*?</h2>)',
                    rb'\1<p style="color: #c0c0c0">Pale words.</p>',
                    data,
                    flags=re.DOTALL,
                )
            new.writestr(info, data)
    shutil.move(broken, epub)
    return root


def test_each_book_is_judged_on_its_own_in_one_run(two_books: Path) -> None:
    target = Target(load_config(two_books), two_books / "dist", ISSUES)
    findings = run_checks(target, ["epub"], only=("accessibility (Ace)",))
    by_book = {
        issue: [f for f in findings if f.where(two_books).startswith(f"dist/{issue}/")]
        for issue in ISSUES
    }
    assert [f.status for f in by_book["001-first"]] == ["pass"]
    failed = [f.detail for f in by_book["002-second"] if f.status == "fail"]
    assert any(d.startswith("critical:") and "alt" in d.lower() for d in failed), failed


def test_a_violation_names_the_chapter_and_the_article_it_is_in(two_books: Path) -> None:
    """Ace's own words say only "Element has insufficient color contrast": which of the
    issue's articles to look at is what an editor needs to know."""
    target = Target(load_config(two_books), two_books / "dist", ISSUES)
    findings = run_checks(target, ["epub"], only=("accessibility (Ace)",))
    failed = [f.detail for f in findings if f.status == "fail"]
    [pale] = [d for d in failed if "color-contrast" in d]
    assert pale.startswith(
        'serious: color-contrast in "The second article" (EPUB/text/ch002.xhtml): '
    )
    assert "#c0c0c0" in pale
    [undescribed] = [d for d in failed if d.startswith("critical:") and "alt" in d.lower()]
    assert ' in the chapter "Editorial" (EPUB/text/ch001.xhtml): ' in undescribed


def test_ace_stopped_midway_is_a_failure_not_a_validator_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ace's Node process killed (the out-of-memory killer, a kill by hand) was a warning
    that "Ace by DAISY (it did not run) is not installed: see its output", and exit 0."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    build(root, formats=["epub"])
    killed = tmp_path / "bin" / "node"  # a Node that the system kills as it starts
    killed.parent.mkdir()
    killed.write_text("#!/bin/sh\nkill -9 $$\n")
    killed.chmod(0o755)
    monkeypatch.setenv("PATH", f"{killed.parent}:{os.environ['PATH']}")
    target = Target(load_config(root), root / "dist", ("001-first",))
    (finding,) = run_checks(target, ["epub"], only=("accessibility (Ace)",))
    assert finding.status == "fail", finding
    assert "not installed" not in finding.detail and "signal 9" in finding.detail, finding
