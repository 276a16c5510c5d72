"""`publisher build` with nothing to do answers from its stamp, by stat, without importing
the build; anything that could change an output takes the full build again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import WORKSPACES, copy_workspace

import publisher
from publisher.cli import main

FORMATS = ["-f", "web,feed"]  # the quick formats: what is tested is the decision, not the render


def build(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["-C", str(root), "build", *FORMATS, *args])
    assert result.exit_code == 0, result.output
    return result.output


def age(root: Path) -> None:
    """Every input as if written a minute ago: a stamp is only kept when the inputs are
    older than a clock tick could hide a change in."""
    past = time.time() - 60
    for folder in ("documents", "issues", "templates"):
        for path in (root / folder).rglob("*"):
            os.utime(path, (past, past))
    os.utime(root / "publisher.toml", (past, past))


def built_in_full(output: str) -> bool:
    return "output(s) rendered" in output and " 0 output(s) rendered" not in output


@pytest.fixture
def stamped(tmp_path: Path) -> Path:
    """A built workspace whose last build had nothing to do, and stamped it."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    build(root)
    age(root)
    build(root)
    assert (root / ".publisher" / "up-to-date.json").is_file()
    return root


def quick_answer_imports(root: Path, formats: list[str] = FORMATS) -> set[str]:
    """The heavy modules a build command imported, in a process of its own."""
    code = (
        "import sys\n"
        "from publisher.cli import main\n"
        f"try:\n    main(['-C', {str(root)!r}, 'build', *{formats!r}])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "heavy = {'publisher.build', 'jinja2', 'weasyprint', 'rich', 'importlib.metadata'}\n"
        "print(json.dumps(sorted(heavy & set(sys.modules))), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", "import json\n" + code], capture_output=True, text=True, check=True
    )
    return set(json.loads(run.stderr.strip().splitlines()[-1]))


def test_nothing_to_do_is_answered_without_importing_the_build(stamped: Path) -> None:
    assert quick_answer_imports(stamped) == set()
    assert "0 output(s) rendered" in build(stamped)


def test_the_quick_answer_says_what_the_full_build_said(stamped: Path) -> None:
    (stamped / "documents" / "first-article.md").write_text(
        "---\ntitle: The first article\nweight: 3\n---\n\nBody.\n", encoding="utf-8"
    )
    first = build(stamped)
    age(stamped)
    full_no_op = build(stamped)
    quick = build(stamped)
    assert quick_answer_imports(stamped) == set()  # it was the quick answer
    assert "weight (" in full_no_op and "first-article.md)" in full_no_op
    assert quick == full_no_op
    assert built_in_full(first)


def test_an_edited_document_is_built(stamped: Path) -> None:
    document = stamped / "documents" / "second-article.md"
    document.write_text(document.read_text().replace("Second", "Changed"), encoding="utf-8")
    assert built_in_full(build(stamped))


def test_a_removed_output_is_built_again(stamped: Path) -> None:
    next((stamped / "dist").rglob("*.atom")).unlink()
    assert built_in_full(build(stamped))


def test_another_request_is_not_answered_from_the_stamp(stamped: Path) -> None:
    assert "publisher.build" in quick_answer_imports(stamped, ["-f", "web"])


def test_another_environment_is_not_answered_from_the_stamp(
    stamped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225601")  # the feeds' dates change
    assert built_in_full(build(stamped))


def test_force_always_builds_in_full(stamped: Path) -> None:
    assert built_in_full(build(stamped, "--force"))


def test_a_build_just_after_an_edit_leaves_no_stamp(stamped: Path) -> None:
    """The edit is newer than the build's start less a clock tick: another edit within the
    same tick would give the file the same time, and the stamp would hide it."""
    (stamped / "issues" / "001-first.yaml").write_text(
        (stamped / "issues" / "001-first.yaml").read_text().replace("First issue", "Issue one"),
        encoding="utf-8",
    )
    build(stamped)
    assert not (stamped / ".publisher" / "up-to-date.json").exists()


def test_the_build_after_one_that_did_work_is_answered_from_its_stamp(tmp_path: Path) -> None:
    """The first rebuild after any build that wrote something took the full slow path
    (86 s for a 300-issue archive, the second 0.3 s): only a build that rendered nothing
    left a stamp. It says what a full build with nothing to do says: the documents'
    warnings (`weight`), not what rendering said (the web pages' alias)."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "documents" / "first-article.md").write_text(
        '---\ntitle: The first article\nweight: 3\naliases: ["/?p=12"]\n---\n\nBody.\n',
        encoding="utf-8",
    )
    age(root)
    first = build(root)
    assert built_in_full(first) and "no redirect from alias" in first
    assert quick_answer_imports(root) == set()
    quick = build(root)
    (root / ".publisher" / "up-to-date.json").unlink()
    full_no_op = build(root)
    assert "weight (" in full_no_op and "0 output(s) rendered" in full_no_op
    assert "no redirect from alias" not in full_no_op
    assert quick == full_no_op


@pytest.mark.parametrize(
    "links",
    [{"loop": "."}, {"a/b": "../a", "b/a": "../b"}, {"loop": ".", "again": "."}],
    ids=["a link to its own folder", "two folders linked to each other", "two links back"],
)
def test_a_link_looping_back_in_documents_is_named_and_rebuilds_stay_quick(
    tmp_path: Path, links: dict[str, str]
) -> None:
    """`ln -s . documents/loop` made every rebuild with nothing to do stop on "Too many
    levels of symbolic links" (exit 70): the walk for the stamp followed the link 40 deep,
    and through two such links it would take for ever."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    for link, target in links.items():
        (root / "documents" / link).parent.mkdir(exist_ok=True)
        (root / "documents" / link).symlink_to(target)
    said = build(root)
    for link in links:
        named = [line for line in said.splitlines() if f"documents/{link}" in line]
        assert len(named) == 1 and "link to a folder" in named[0], said
    age(root)
    assert "0 output(s) rendered" in build(root)
    assert (root / ".publisher" / "up-to-date.json").is_file()
    assert quick_answer_imports(root) == set()


def test_a_copied_workspace_is_built_from_its_own_files(stamped: Path, tmp_path: Path) -> None:
    """Last year's newsletter copied as this year's (`cp -r`), then edited: its build said
    "0 output(s) rendered, 8 up to date … written in <the original>/dist", from the stamp
    the copy brought along, and built nothing of its own."""
    copy = tmp_path / "copy"
    shutil.copytree(stamped, copy)
    toml = copy / "publisher.toml"
    toml.write_text(toml.read_text().replace("Minimal Test Bulletin", "Brand New Paper"))
    manifest = copy / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("First issue", "Launch issue"))
    said = build(copy)
    assert built_in_full(said)
    assert f"written in {copy / 'dist'}" in " ".join(said.split())
    page = (copy / "dist" / "001-first" / "index.html").read_text(encoding="utf-8")
    assert "Brand New Paper" in page and "Launch issue" in page
    assert "Brand New Paper" not in (stamped / "dist" / "001-first" / "index.html").read_text()


def test_a_moved_workspace_still_has_nothing_to_do(stamped: Path, tmp_path: Path) -> None:
    """A workspace folder renamed, files untouched: the quick answer still holds, and it
    names the files and the output folder where they are now."""
    article = stamped / "documents" / "first-article.md"
    article.write_text(article.read_text() + "\n![A picket](picket.png)\n", encoding="utf-8")
    build(stamped)
    age(stamped)
    assert "documents/first-article.md" in build(stamped)  # the picture it left out
    moved = Path(shutil.move(stamped, tmp_path / "renamed"))
    assert quick_answer_imports(moved) == set()
    said = " ".join(build(moved).split())
    assert "0 output(s) rendered" in said and f"written in {moved / 'dist'}" in said
    assert f"{moved / 'documents' / 'first-article.md'}:" in said and str(stamped) not in said


def test_a_stamp_another_install_left_is_not_trusted(stamped: Path, tmp_path: Path) -> None:
    """Two versions of publisher on one workspace (an upgrade tried, then undone; another
    checkout): the stamp the other left named its folders, which had not changed, and this
    one answered "33 up to date", keeping the other version's outputs."""
    package = Path(publisher.__file__).parent
    other = tmp_path / "other-install"
    shutil.copytree(package, other / "publisher", ignore=shutil.ignore_patterns("__pycache__"))
    if (package.parent / "templates").is_dir():  # a checkout: the themes are beside the code
        shutil.copytree(package.parent / "templates", other / "templates")
    environment = os.environ | {"PYTHONPATH": str(other)}
    command = [sys.executable, "-c", "from publisher.cli import main; main()", "-C", str(stamped)]
    other_builds = [  # the other install's build (not from this one's stamp), then its no-op
        subprocess.run(
            [*command, "build", *FORMATS],
            env=environment,
            cwd=tmp_path,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for _ in range(2)
    ]
    assert built_in_full(other_builds[0]), other_builds[0]
    stamp = json.loads((stamped / ".publisher" / "up-to-date.json").read_text())
    assert str(other / "publisher") in stamp["inputs"]  # the other install wrote it
    assert "publisher.build" in quick_answer_imports(stamped)


def test_a_build_logged_to_a_file_in_the_workspace_has_nothing_to_do(
    stamped: Path, tmp_path: Path
) -> None:
    """`publisher build > build.log` in the workspace: the log, new and written as the
    build ran, was an input changed meanwhile, so every such build was a full one."""
    log, imported = stamped / "build.log", tmp_path / "imported.json"
    code = (
        "import json, sys\n"
        "from publisher.cli import main\n"
        f"try:\n    main(['-C', {str(stamped)!r}, 'build', *{FORMATS!r}])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "heavy = {'publisher.build', 'jinja2', 'weasyprint', 'rich'}\n"
        f"open({str(imported)!r}, 'w').write(json.dumps(sorted(heavy & set(sys.modules))))\n"
    )
    for _ in range(2):
        with log.open("w") as output:
            subprocess.run([sys.executable, "-c", code], stdout=output, stderr=output, check=True)
        assert json.loads(imported.read_text()) == []
        assert "0 output(s) rendered, 4 up to date" in log.read_text()
