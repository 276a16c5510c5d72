"""Outputs are written atomically: an interrupted build never leaves half a file in dist/."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_workspace
from interruptions import (
    PUBLISHER,
    HalfWritten,
    build_paused_in_commit,
    interrupt_while_placing,
    interrupt_while_staging,
    stalled_build,
)

from publisher.build import build
from publisher.errors import PublisherError
from publisher.output import atomic_write


def interrupt_in_the_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWritten(real(*a, **k)))


def interrupt_once_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every byte is in the temporary file when fsync is interrupted."""

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)


def interrupt_the_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)


@pytest.mark.parametrize(
    "interrupt", [interrupt_in_the_write, interrupt_once_written, interrupt_the_rename]
)
def test_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    interrupt: Callable[[pytest.MonkeyPatch], None],
) -> None:
    target = tmp_path / "issue.pdf"
    target.write_bytes(b"old complete file")
    with monkeypatch.context() as patch:
        interrupt(patch)
        with pytest.raises(KeyboardInterrupt):
            atomic_write(target, b"new file that never lands")
    assert target.read_bytes() == b"old complete file"
    assert os.listdir(tmp_path) == ["issue.pdf"]


def outputs(root: Path) -> dict[Path, bytes]:
    dist = root / "dist"
    return {p.relative_to(dist): p.read_bytes() for p in dist.rglob("*") if p.is_file()}


def whole(name: Path, data: bytes, versions: tuple[bytes | None, ...]) -> bool:
    """A PDF (whose bytes differ from build to build) is whole from %PDF to %%EOF; any
    other file is byte for byte one of the versions a complete build wrote."""
    if name.suffix == ".pdf":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    return data in versions


@pytest.mark.parametrize("interrupt", [interrupt_while_staging, interrupt_while_placing])
def test_a_build_interrupted_mid_way_leaves_only_whole_files(
    workspace: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    interrupt: Callable[[pytest.MonkeyPatch, Path], list[Path]],
) -> None:
    root = workspace("minimal")
    build(root)
    before = outputs(root)
    (root / "documents" / "first-article.md").write_text("---\ntitle: Changed\n---\n\nNew text\n")
    reference = copy_workspace(root, tmp_path / "reference")
    build(reference)
    new = outputs(reference)

    with monkeypatch.context() as patch:
        written = interrupt(patch, root / "dist")
        with pytest.raises(KeyboardInterrupt):
            build(root)
    after = outputs(root)
    assert written, "the interruption came after an output was written"
    assert set(after) == set(before)  # no temporary, partial or staged file is left
    for name, data in after.items():
        assert whole(name, data, (before[name], new.get(name))), name


@pytest.mark.parametrize("out", ["documents", ".", "issues/built", "templates"])
def test_an_output_folder_among_the_editors_own_files_is_refused_and_nothing_written(
    workspace: Callable[[str], Path], out: str
) -> None:
    """`--out documents` wrote the archive's index.html over a document of that name, and
    the next build read the outputs back as documents."""
    from publisher.errors import PublisherError

    root = workspace("minimal")
    (root / "templates").mkdir()
    (root / "documents" / "index.html").write_text("<h1>Our own page</h1>\n")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}

    with pytest.raises(PublisherError, match="a build would write over your files"):
        build(root, out_dir=root / out)

    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in root.iterdir()) == [
        "documents",
        "issues",
        "publisher.toml",
        "templates",
    ]


def test_a_file_where_the_output_folder_should_be_is_named_with_what_to_do(
    workspace: Callable[[str], Path],
) -> None:
    """Not "free some disk space": the disk is not full, a file is in the way."""
    from publisher.errors import PublisherError

    root = workspace("minimal")
    (root / "dist").write_text("notes\n")
    with pytest.raises(PublisherError) as refused:
        build(root)
    [problem] = refused.value.problems
    assert problem.file == root / "dist"
    assert "a file is where a folder must be" in (problem.hint or "")
    assert (root / "dist").read_text() == "notes\n"


def test_an_output_folder_linked_to_itself_is_named_with_what_to_do(
    workspace: Callable[[str], Path],
) -> None:
    """`ln -s dist dist` (a link made in the wrong folder) crashed the build: "unexpected
    problem (RuntimeError: Symlink loop from '…/dist')", exit 70 and a crash log."""
    root = workspace("minimal")
    (root / "dist").symlink_to("dist")
    done = subprocess.run(
        [PUBLISHER, "-C", str(root), "build", "--format", "email"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert f"{root / 'dist'}:" in done.stderr
    assert "links to itself" in done.stderr and "unexpected problem" not in done.stderr
    assert os.readlink(root / "dist") == "dist"


def test_an_output_folder_that_cannot_be_made_is_refused_before_anything_is_rendered(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """`--out /proc/x` was found out after the email was rendered, with the hint "free
    some disk space" for a folder that cannot be made there at all."""
    from publisher.errors import PublisherError

    root = workspace("minimal")
    with caplog.at_level("INFO", "publisher"), pytest.raises(PublisherError) as refused:
        build(root, formats=["email"], out_dir=Path("/proc/publisher-out"))
    [problem] = refused.value.problems
    assert problem.file == Path("/proc/publisher-out")
    assert "disk space" not in (problem.hint or "") and "--out" in (problem.hint or "")
    assert "email HTML" not in caplog.text  # what rendering the email notes


# A command run as a user who may not write where the folder's permissions say so: root
# (the tests' user in a container) may write anywhere, unless it gives up that power.
AS_A_USER = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
)


def test_an_output_folder_made_read_only_is_said_before_anything_is_rendered(
    workspace: Callable[[str], Path],
) -> None:
    """`chmod a-w dist` (or a folder another user owns): the build rendered everything, for
    minutes, then said "dist: could not write this file" of a folder."""
    root = workspace("minimal")
    build(root, formats=["email"])
    (root / "documents" / "first-article.md").write_text("---\ntitle: Changed\n---\n\nNew\n")
    before = everything_in(root / "dist")
    (root / "dist").chmod(0o555)
    try:
        done = subprocess.run(
            [*AS_A_USER, PUBLISHER, "-C", str(root), "build", "--format", "email"],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        (root / "dist").chmod(0o755)
    assert done.returncode == 1, done.stdout + done.stderr
    said = done.stdout + done.stderr
    assert f"{root / 'dist'}: could not write in this folder: Permission denied" in said, said
    assert "email HTML" not in said  # what rendering the email notes
    assert everything_in(root / "dist") == before


def test_a_file_size_limit_met_while_rendering_is_a_clear_error_not_a_crash(
    workspace: Callable[[str], Path],
) -> None:
    """`ulimit -f` (or a full disk, a quota) met by a temporary file a renderer writes, here
    the EPUB's stylesheet: "unexpected problem (OSError: [Errno 27] File too large)" and a
    crash log, instead of the message a full disk gets when an output is written."""
    root = workspace("minimal")
    done = subprocess.run(
        [PUBLISHER, "-C", str(root), "build", "--format", "epub"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)),
    )
    assert done.returncode == 1, done.stderr
    assert "could not write" in done.stderr and "File too large" in done.stderr, done.stderr
    assert "unexpected problem" not in done.stderr
    assert not (root / "dist").exists()


def everything_in(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, hidden ones (a staging folder's) too."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_a_build_stopped_by_a_service_stop_or_a_closed_terminal_leaves_dist_as_it_was(
    workspace: Callable[[str], Path], tmp_path: Path, stop: signal.Signals
) -> None:
    """SIGTERM (systemd, timeout, a shutdown) or SIGHUP (the terminal or SSH session closed)
    stops a build as Ctrl-C does: said so, naming the signal (it said only click's
    "Aborted!", as for Ctrl-C, which the editor had not pressed), and dist/ as it was, no
    staging folder of outputs left in it for `rsync dist/` to publish."""
    root = workspace("minimal")
    build(root, formats=["email"])
    before = everything_in(root / "dist")
    with stalled_build(root, tmp_path, "--force", "--format", "email,stall") as (running, _):
        running.send_signal(stop)  # the build's own process only, as systemd or htop do
        shown = running.communicate(timeout=120)[0]
    assert running.returncode == 128 + stop, shown  # as the shell reports a program it ended
    why = {
        signal.SIGTERM: "SIGTERM (a service stop, timeout or shutdown)",
        signal.SIGHUP: "SIGHUP (the terminal or SSH session closed)",
    }[stop]
    assert shown.strip().splitlines()[-1] == f"Aborted! Stopped by {why}", shown
    assert "Traceback" not in shown, shown
    assert everything_in(root / "dist") == before


@pytest.mark.parametrize(
    "stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda stop: stop.name
)
def test_a_build_stopped_while_moving_its_outputs_into_dist_moves_them_all_first(
    workspace: Callable[[str], Path], tmp_path: Path, stop: signal.Signals
) -> None:
    """Ctrl-C, a service stop or a closed terminal in the last moment of a build, as its
    outputs were being moved into dist/, left the new files moved so far beside the old
    ones of the previous build. The move is now finished, then the build stops as asked."""
    root = workspace("minimal")
    build(root, formats=["email", "web"])
    toml = root / "publisher.toml"
    toml.write_text(toml.read_text().replace("Minimal Test Bulletin", "Minimal Test Gazette"))
    reference = copy_workspace(root, tmp_path / "reference")
    build(reference, formats=["email", "web"])
    with build_paused_in_commit(root, tmp_path, "--format", "email,web") as (running, resume):
        os.killpg(running.pid, stop)  # as the terminal sends Ctrl-C: to every process of it
        resume.touch()
        shown = running.communicate(timeout=120)[0]
    assert running.returncode == 128 + stop, shown
    assert "Aborted" in shown and "Traceback" not in shown, shown
    assert everything_in(root / "dist") == everything_in(reference / "dist")
    again = subprocess.run(
        [PUBLISHER, "-C", str(root), "build", "--format", "email,web"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "0 output(s) rendered" in again.stdout, again.stdout + again.stderr


def test_outputs_left_by_a_killed_build_are_removed_by_the_next_even_with_nothing_to_render(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    """kill -9 (or the OOM killer) leaves the build no moment to tidy up: its staging folder
    of outputs is removed by the next build of that folder, one that renders nothing too."""
    root = workspace("minimal")
    build(root, formats=["email"])
    before = everything_in(root / "dist")
    with stalled_build(root, tmp_path, "--force", "--format", "email,stall") as (running, _):
        running.kill()
        running.communicate(timeout=120)
    assert list((root / "dist").glob(".staging-*"))  # what the killed build left
    again = subprocess.run(
        [PUBLISHER, "-C", str(root), "build", "--format", "email"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "0 output(s) rendered" in again.stdout
    assert everything_in(root / "dist") == before


def test_a_second_build_of_a_workspace_waits_for_the_first_and_says_so(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    """Two builds at once wrote over each other's outputs: the one started first, finishing
    last, put back the text the editor had just corrected. The second now waits, saying
    why, and builds once the first is over."""
    root = workspace("minimal")
    build(root, formats=["email"])
    with stalled_build(root, tmp_path, "--force", "--format", "email,stall") as (first, _):
        second = subprocess.Popen(
            [PUBLISHER, "-C", str(root), "build", "--format", "email"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert second.stdout is not None
        waiting = second.stdout.readline()  # what it says first
        assert f"another build of this workspace is running (pid {first.pid})" in waiting
        assert second.poll() is None  # it waits
        first.terminate()
        first.communicate(timeout=120)
        rest = second.communicate(timeout=120)[0]
    assert second.returncode == 0, rest
    assert "built 1 issue(s)" in rest


def test_a_file_with_a_name_as_long_as_the_disk_allows_is_written(tmp_path: Path) -> None:
    """The temporary file a write goes through is named after the file: a name of 250
    characters (the file system allows 255) was refused as too long."""
    target = tmp_path / ("n" * 250 + ".pdf")
    atomic_write(target, b"%PDF-")
    assert target.read_bytes() == b"%PDF-" and os.listdir(tmp_path) == [target.name]


def test_a_name_too_long_for_the_disk_is_said_with_what_to_do_not_to_free_space(
    tmp_path: Path,
) -> None:
    target = tmp_path / ("n" * 260 + ".pdf")
    with pytest.raises(PublisherError) as error:
        atomic_write(target, b"%PDF-")
    message = str(error.value)
    assert message.startswith(f"{target}: could not write this file: File name too long")
    assert "shorter name" in message and "disk space" not in message


def test_an_output_folder_whose_path_is_too_long_says_so_not_to_shorten_a_name(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    """Folders within folders past the 4,096 bytes a path may have, each name short enough:
    the hint was to give the manifest or document a shorter name."""
    root = workspace("minimal")
    out = tmp_path.joinpath(*["a-folder-of-the-archive-" * 8] * 22)
    with pytest.raises(PublisherError) as refused:
        build(root, formats=["email"], out_dir=out)
    [problem] = refused.value.problems
    assert "File name too long" in problem.message
    assert "shorter path" in (problem.hint or "") and "manifest" not in (problem.hint or "")
