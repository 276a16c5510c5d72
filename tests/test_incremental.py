"""Incremental builds: work whose inputs did not change is not done again, and what is
served from the cache is never stale. Reproducible outputs with SOURCE_DATE_EPOCH."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from conftest import WORKSPACES, BuiltInPlace, built_in_place, copy_workspace
from interruptions import PUBLISHER, interrupt_while_placing, interrupt_while_staging
from pooled_build import build_in_a_pool

from publisher.build import build
from publisher.printing import PrintSettings, parse_page_size
from publisher.workers import workers

ISSUE_ONE = "number: 1\ntitle: One\ndate: 2026-01-10\nsections:\n  - title: News\n    documents: [first-article]\n"
ISSUE_TWO = "number: 2\ntitle: Two\ndate: 2026-01-17\nsections:\n  - title: News\n    documents: [second-article]\n"


def with_two_issues(root: Path) -> None:
    (root / "issues" / "001-first.yaml").write_text(ISSUE_ONE)
    (root / "issues" / "002-second.yaml").write_text(ISSUE_TWO)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltInPlace:
    """The minimal workspace with two issues, built once from cold; kept aside as built."""
    return built_in_place(WORKSPACES / "minimal", tmp_path_factory, with_two_issues)


@pytest.fixture
def two_issues(first_build: BuiltInPlace) -> Path:
    """The two-issue workspace as its first build left it (outputs, cache and records)."""
    return first_build.restored()


def outputs(root: Path) -> dict[str, bytes]:
    dist = root / "dist"
    return {
        str(p.relative_to(dist)): p.read_bytes() for p in sorted(dist.rglob("*")) if p.is_file()
    }


def test_an_unchanged_workspace_renders_nothing(
    two_issues: Path, first_build: BuiltInPlace
) -> None:
    first = first_build.report
    assert first.rendered and not first.skipped
    before = {p: p.stat().st_mtime_ns for p in (two_issues / "dist").rglob("*") if p.is_file()}
    again = build(two_issues)
    assert again.rendered == [] and sorted(again.skipped) == sorted(first.rendered)
    assert {
        p: p.stat().st_mtime_ns for p in (two_issues / "dist").rglob("*") if p.is_file()
    } == before


def test_one_changed_document_re_renders_its_issue_the_feeds_and_the_index(
    two_issues: Path,
) -> None:
    document = two_issues / "documents" / "second-article.md"
    document.write_text(document.read_text() + "\nA sentence added at the last minute.\n")
    report = build(two_issues)
    assert sorted(report.rendered) == sorted(
        [
            "pdf 002-second",
            "leaflet 002-second",
            "email 002-second",
            "epub 002-second",
            "web 002-second",
            "web index",
            "web search",
            "feed",
        ]
    )
    assert all(name.endswith("001-first") for name in report.skipped)
    page = (two_issues / "dist" / "002-second" / "second-article" / "index.html").read_text()
    assert "A sentence added at the last minute." in page  # never stale


def test_a_rebuild_writes_only_the_files_whose_bytes_changed(two_issues: Path) -> None:
    """A one-line edit re-renders the pages over every issue (home, topics, sitemap, the
    search index), most of them as they were: those stay in dist/ untouched (a deploy or
    rsync sees only real changes), and only the files that changed are written and said
    to be. The build said every page the jobs rendered was written, thousands for a big
    archive, and wrote each of them, fsync and all, to move in nothing."""
    dist = two_issues / "dist"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in dist.rglob("*") if p.is_file()}
    document = two_issues / "documents" / "second-article.md"
    document.write_text(document.read_text() + "\nA sentence added at the last minute.\n")

    report = build(two_issues, formats=["web", "feed"])

    assert {"web 002-second", "web index", "web search", "feed"} <= set(report.rendered)
    now = {p: p.read_bytes() for p in dist.rglob("*") if p.is_file()}
    changed = {p for p, data in now.items() if p not in before or before[p][0] != data}
    assert dist / "002-second" / "second-article" / "index.html" in changed
    assert set(report.written) == changed
    assert dist / "tags" / "test" / "index.html" not in changed  # re-rendered, as it was
    for path in now.keys() - changed:
        assert path.stat().st_mtime_ns == before[path][1], path


def test_a_changed_template_re_renders_only_its_format(two_issues: Path) -> None:
    override = two_issues / "templates" / "email" / "email.css"
    override.parent.mkdir(parents=True)
    theme = Path(__file__).resolve().parents[1] / "templates" / "default" / "email" / "email.css"
    override.write_text(theme.read_text() + "\n.byline { letter-spacing: 0.01em; }\n")
    report = build(two_issues)
    assert sorted(report.rendered) == ["email 001-first", "email 002-second"]


def test_print_options_on_the_command_line_re_render_only_the_pdf(two_issues: Path) -> None:
    """`publisher build 1 --page-size A5`, then `publisher build 1`: each laid out the PDF
    again, as it must, but rendered the email and the EPUB again too, which print options
    do not shape."""
    issue_formats = ["pdf", "email", "epub"]
    a5 = PrintSettings(page_size=parse_page_size("A5"))
    with_a5 = build(two_issues, ["1"], issue_formats, print_overrides=a5)
    assert with_a5.rendered == ["pdf 001-first"]
    without = build(two_issues, ["1"], issue_formats)
    assert without.rendered == ["pdf 001-first"]


def test_force_renders_everything(two_issues: Path, first_build: BuiltInPlace) -> None:
    assert sorted(build(two_issues, force=True).rendered) == sorted(first_build.report.rendered)


@pytest.mark.parametrize("interrupt", [interrupt_while_staging, interrupt_while_placing])
def test_an_interrupted_build_is_completed_by_the_next_one(
    two_issues: Path,
    monkeypatch: pytest.MonkeyPatch,
    interrupt: Callable[[pytest.MonkeyPatch, Path], list[Path]],
    tmp_path: Path,
) -> None:
    """Interrupted after part of its output was written (in staging, or already in dist/),
    a build leaves the next one what it needs to finish the job."""
    changed = two_issues / "documents" / "first-article.md"
    changed.write_text(changed.read_text().replace("\n\n", "\n\nA new first line.\n\n", 1))
    clean = tmp_path / "clean"
    shutil.copytree(two_issues, clean, ignore=shutil.ignore_patterns("dist", ".publisher"))
    build(clean)

    with monkeypatch.context() as patch:
        written = interrupt(patch, two_issues / "dist")
        with pytest.raises(KeyboardInterrupt):
            build(two_issues)
    assert written
    report = build(two_issues)
    assert report.rendered
    assert not [p for p in (two_issues / "dist").rglob("*.part")]
    mine, reference = outputs(two_issues), outputs(clean)
    assert mine.keys() == reference.keys()
    assert {k for k in mine if not k.endswith(".pdf") and mine[k] != reference[k]} == set()


def test_the_cache_is_safe_to_delete_or_damage(two_issues: Path) -> None:
    reference = outputs(two_issues)
    cache = two_issues / ".publisher" / "cache"
    conversions = sorted((cache / "documents").rglob("*.json"))
    for entry in conversions:
        entry.write_bytes(entry.read_bytes()[:10])  # torn writes: converted again, not trusted
    assert build(two_issues).rendered == [] and outputs(two_issues) == reference
    assert all(entry.read_text().endswith("}") for entry in conversions)  # rewritten whole
    (cache / "renders.json").write_text("{not json")  # no record of what was rendered
    assert len(build(two_issues).rendered) == len(build(two_issues, force=True).rendered)
    shutil.rmtree(cache)
    assert build(two_issues).skipped == []
    assert without_pdfs(outputs(two_issues)) == without_pdfs(reference)


def without_pdfs(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not name.endswith(".pdf")}


def test_a_picture_two_issues_show_is_published_once_and_rebuilds_stay_quiet(
    two_issues: Path,
) -> None:
    """Both issues' web pages make the picture's copy: the build places it once, a later
    build that re-renders one issue leaves the other's record true (nothing rendered the
    time after), and the picture stays while either issue shows it."""
    from PIL import Image

    media = two_issues / "documents" / "media"
    media.mkdir()
    Image.new("RGB", (400, 300), (30, 90, 160)).save(media / "picket.png")
    first = two_issues / "documents" / "first-article.md"
    second = two_issues / "documents" / "second-article.md"
    for article in (first, second):
        article.write_text(article.read_text() + "\n![The picket](media/picket.png)\n")
    picture = two_issues / "dist" / "media" / "media" / "picket.png"

    assert build(two_issues).rendered
    assert picture.is_file()
    assert build(two_issues).rendered == []

    first.write_text(first.read_text() + "\nOne more line.\n")
    assert "web 001-first" in build(two_issues).rendered
    assert build(two_issues).rendered == []

    second.write_text(second.read_text().replace("![The picket](media/picket.png)", ""))
    assert "web 002-second" in build(two_issues).rendered
    assert picture.is_file()
    assert build(two_issues).rendered == []


def test_pages_of_a_document_taken_out_of_an_issue_are_removed(two_issues: Path) -> None:
    page = two_issues / "dist" / "002-second" / "second-article" / "index.html"
    assert page.is_file()
    (two_issues / "issues" / "002-second.yaml").write_text(
        ISSUE_TWO.replace("second-article", "first-article")
    )
    build(two_issues)
    assert not page.exists()
    assert (two_issues / "dist" / "002-second" / "first-article" / "index.html").is_file()


def test_the_files_a_build_removes_are_listed_for_a_deploy_that_does_not_delete(
    two_issues: Path,
) -> None:
    """An FTP upload or an rsync without --delete left a taken-down article's page online:
    the build named one of its files. `build -v` lists them all, and every build adds them
    to .publisher/removed-files.txt (outside dist/, so no upload publishes it), which keeps
    them until they are made again or the file is deleted after a deploy."""
    from click.testing import CliRunner

    from publisher.cli import main

    before = set(outputs(two_issues))
    (two_issues / "issues" / "002-second.yaml").write_text(
        ISSUE_TWO.replace("second-article", "first-article")
    )
    result = CliRunner().invoke(main, ["-C", str(two_issues), "build", "-v"])
    assert result.exit_code == 0, result.output
    removed = before - set(outputs(two_issues))
    assert "002-second/second-article/index.html" in removed and len(removed) > 1
    listing = two_issues / ".publisher" / "removed-files.txt"
    assert set(listing.read_text("utf-8").splitlines()) == removed
    assert all(name in result.output for name in removed)
    assert "removed-files.txt" in result.output

    document = two_issues / "documents" / "first-article.md"
    document.write_text(document.read_text() + "\nA correction.\n")
    build(two_issues)  # its search index's old files join the list, which keeps the rest
    assert set(listing.read_text("utf-8").splitlines()) > removed
    (two_issues / "issues" / "002-second.yaml").write_text(ISSUE_TWO)
    build(two_issues)  # the article is back: its files are no longer to delete
    still = set(listing.read_text("utf-8").splitlines())
    assert "002-second/second-article/index.html" not in still
    assert "002-second/first-article/index.html" in still and not still & set(outputs(two_issues))


def test_source_date_epoch_gives_identical_bytes_in_one_process_or_several(
    workspace: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build rendering in this process, and a build rendering in a pool of two: every output
    identical, in another folder too."""
    first = workspace("minimal")
    second = shutil.copytree(first, tmp_path / "elsewhere" / "minimal")
    monkeypatch.setenv("PUBLISHER_JOBS", "1")
    build(first)
    mine = outputs(first)
    build_in_a_pool(second)
    theirs = outputs(second)
    assert mine.keys() == theirs.keys()
    assert [k for k in mine if mine[k] != theirs[k]] == []


def test_a_workspace_with_pictures_built_in_another_folder_gives_identical_pdfs_and_feeds(
    workspace: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With SOURCE_DATE_EPOCH, a checkout in CI and one on the editor's laptop built PDFs
    that differed: WeasyPrint names each embedded picture after its absolute file: URL,
    and the PDF's /ID digests its contents; the feeds differed in the PDF's length too."""
    from PIL import Image

    first = workspace("minimal")
    (first / "documents" / "media").mkdir()
    Image.new("RGB", (600, 400), (30, 90, 160)).save(first / "documents" / "media" / "picket.png")
    article = first / "documents" / "first-article.md"
    article.write_text(article.read_text() + "\n![A picket line](media/picket.png)\n")
    manifest = first / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace("date:", "cover: documents/media/picket.png\ndate:")
    )
    second = shutil.copytree(first, tmp_path / "a checkout" / "elsewhere" / "minimal")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(first, formats=["pdf", "leaflet", "feed"])
    build(second, formats=["pdf", "leaflet", "feed"])
    mine, theirs = outputs(first), outputs(second)
    assert any(k.endswith(".pdf") for k in mine)
    assert [k for k in mine if mine[k] != theirs.get(k)] == []


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("3", 3), (" 2 ", 2), ("", None)])
def test_publisher_jobs_sets_the_render_processes_and_unset_is_one_per_core(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None
) -> None:
    monkeypatch.delenv("PUBLISHER_JOBS")
    per_core = workers()
    monkeypatch.setenv("PUBLISHER_JOBS", value)
    assert workers() == (expected or per_core)


@pytest.mark.parametrize("value", ["abc", "0", "-1"])
def test_a_publisher_jobs_that_is_no_number_of_processes_is_refused_with_a_hint(
    workspace: Callable[[str], Path], value: str
) -> None:
    """PUBLISHER_JOBS=abc, 0 or -1 (a typo, or a script's empty count minus one) was passed
    over in silence, and the build used every core, as SOURCE_DATE_EPOCH=abc is not."""
    root = workspace("minimal")
    done = subprocess.run(
        [PUBLISHER, "-C", str(root), "build", "--format", "email"],
        env={**os.environ, "PUBLISHER_JOBS": value},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert f"PUBLISHER_JOBS={value!r} is not a number of render processes" in done.stderr
    assert "hint: unset it" in done.stderr and "unexpected problem" not in done.stderr
    assert not (root / "dist").exists()


def test_a_documents_warnings_are_said_again_when_it_comes_from_the_cache(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    article = root / "documents" / "second-article.md"
    article.write_text(article.read_text().replace("title:", "titel: x\ntitle:", 1))
    said = []
    for _ in range(2):  # converted, then read from the cache
        caplog.clear()
        with caplog.at_level("WARNING", logger="publisher"):
            build(root, formats=["feed"])
        said.append([r.getMessage() for r in caplog.records if "titel" in r.getMessage()])
    assert said[0] and said[1] == said[0]


def test_an_image_added_after_a_build_that_left_it_out_is_in_the_next(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The editor reads "left out: there is no file", adds the picture and builds again:
    the document's conversion is remembered, its pictures are looked for every time."""
    from PIL import Image

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text() + "\n![The picket](media/picket.png)\n")
    with caplog.at_level("WARNING", logger="publisher"):
        build(root, formats=["web"])
    line = article.read_text().splitlines().index("![The picket](media/picket.png)") + 1
    said = "image 'media/picket.png' left out: there is no file documents/media/picket.png"
    assert f"{article}:{line}: {said}" in caplog.text  # the file and line to fix
    page = root / "dist" / "001-first" / "first-article" / "index.html"
    assert "picket.png" not in page.read_text()

    (root / "documents" / "media").mkdir()
    Image.new("RGB", (400, 300), (30, 90, 160)).save(root / "documents" / "media" / "picket.png")
    caplog.clear()
    with caplog.at_level("WARNING", logger="publisher"):
        build(root, formats=["web"])
    assert "picket.png" not in caplog.text
    assert 'src="../../media/media/picket.png"' in page.read_text()
    assert (root / "dist" / "media" / "media" / "picket.png").is_file()


def test_a_workspace_moved_to_another_folder_keeps_its_pictures(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A folder renamed, or synced to another machine, with its .publisher/ cache: what the
    cache remembers of a document names it where it is now."""
    from PIL import Image

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "before")
    (root / "documents" / "media").mkdir()
    Image.new("RGB", (400, 300), (30, 90, 160)).save(root / "documents" / "media" / "picket.png")
    article = root / "documents" / "first-article.md"
    text = article.read_text().replace("---\n", "---\nimage: media/picket.png\ntitel: x\n", 1)
    article.write_text(text + "\n![The picket](media/picket.png)\n")
    build(root, formats=["web"])

    moved = shutil.move(root, tmp_path / "after")
    caplog.clear()
    with caplog.at_level("WARNING", logger="publisher"):
        build(Path(moved), formats=["web"])
    assert "left out" not in caplog.text
    assert "titel" in caplog.text and str(root) not in caplog.text  # said where it is now
    page = (Path(moved) / "dist" / "001-first" / "first-article" / "index.html").read_text()
    assert page.count("picket.png") >= 2  # the lead image and the one in the text


def test_a_removed_issue_leaves_dist_with_the_next_build_of_every_issue(
    two_issues: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """dist/ is what gets synced to the server: an issue withdrawn (its manifest deleted
    or renamed) must not stay online. A build of some issues only leaves it be; a build of
    every issue in some formats takes away what those formats made of it."""
    issue_two = two_issues / "dist" / "002-second"
    assert (issue_two / "002-second.pdf").is_file()
    (two_issues / "issues" / "002-second.yaml").unlink()

    build(two_issues, ["1"])
    assert (issue_two / "002-second.pdf").is_file()
    build(two_issues, formats=["pdf", "feed"])
    assert not (issue_two / "002-second.pdf").exists()
    assert (issue_two / "002-second.epub").is_file()  # not built: left alone

    with caplog.at_level("INFO", logger="publisher"):
        build(two_issues)
    assert not issue_two.exists()
    assert "removed" in caplog.text
    dist = two_issues / "dist"
    assert [p for p in dist.rglob("*") if p.is_dir() and not any(p.iterdir())] == []
    assert "002-second" not in (dist / "feed.atom").read_text()
    assert build(two_issues).rendered == []


@pytest.mark.parametrize("carry", [shutil.move, shutil.copytree], ids=["moved", "copied"])
def test_a_removed_issue_leaves_dist_of_a_moved_or_copied_workspace(
    two_issues: Path, tmp_path: Path, carry: Callable[[Path, Path], object]
) -> None:
    """A workspace renamed, or copied as next year's: its first build of every issue still
    knows what the builds before it wrote in its dist/, and takes a withdrawn issue away."""
    root = tmp_path / "carried"
    carry(two_issues, root)
    (root / "issues" / "002-second.yaml").unlink()
    build(root)
    assert not (root / "dist" / "002-second").exists()
    assert (root / "dist" / "001-first" / "001-first.pdf").is_file()


@pytest.mark.parametrize("carry", [shutil.move, shutil.copytree], ids=["moved", "copied"])
def test_a_moved_or_copied_workspace_renders_nothing_again(
    two_issues: Path,
    first_build: BuiltInPlace,
    tmp_path: Path,
    carry: Callable[[Path, Path], object],
) -> None:
    """A workspace moved to another folder or machine (`mv`, `cp -a`, a backup restored):
    its outputs are as its sources make them, and its first build there rendered them all."""
    root = tmp_path / "carried"
    carry(two_issues, root)
    again = build(root)
    assert again.rendered == [] and sorted(again.skipped) == sorted(first_build.report.rendered)


def copied_with_new_times(source: Path, target: Path) -> Path:
    """`cp -r` (or a sync, a restored backup): every file copied, and given the copy's time."""
    return Path(shutil.copytree(source, target, copy_function=shutil.copyfile))


def test_a_workspace_copied_with_new_file_times_renders_nothing_again(
    two_issues: Path, first_build: BuiltInPlace, tmp_path: Path
) -> None:
    """`cp -r` gives every output a new time: the copy's first build rendered nearly every
    output again, only to write the same bytes."""
    copy = copied_with_new_times(two_issues, tmp_path / "copy")
    again = build(copy)
    assert again.rendered == [] and sorted(again.skipped) == sorted(first_build.report.rendered)


def recorded_times(root: Path) -> dict[str, int]:
    """The modification time the render records hold for each output."""
    renders = json.loads((root / ".publisher" / "cache" / "renders.json").read_text("utf-8"))
    return {
        name: stamp[1]
        for record in renders["folders"]["dist"].values()
        for name, stamp in record["files"].items()
    }


def test_outputs_touched_but_unchanged_are_not_rendered_and_edited_ones_are(
    two_issues: Path, first_build: BuiltInPlace
) -> None:
    dist = two_issues / "dist"
    later = time.time() + 60
    for path in dist.rglob("*"):
        os.utime(path, (later, later))  # `touch`: a new time, the same content

    touched = build(two_issues)
    assert touched.rendered == [] and len(touched.skipped) == len(first_build.report.rendered)
    recorded = recorded_times(two_issues)  # the next build is told by the times alone again
    assert recorded == {name: (dist / name).stat().st_mtime_ns for name in recorded}

    feed = dist / "feed.atom"  # a typo fixed by hand: the same size, a new time
    feed.write_bytes(feed.read_bytes().replace(b"No. 1: One", b"No. 1: Uno"))
    os.utime(feed, (later + 1, later + 1))
    assert build(two_issues).rendered == ["feed"]
    assert b"No. 1: One" in feed.read_bytes()


def test_a_moved_workspace_with_a_logo_renders_nothing_again(tmp_path: Path) -> None:
    """The logo's file was digested by its full path: every output with the logo in it
    (all of them) was rendered again in the workspace's new folder."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "before")
    (root / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="#b51f24"/></svg>'
    )
    with (root / "publisher.toml").open("a") as toml:
        toml.write('\n[style]\nlogo = "logo.svg"\n')
    built = build(root, formats=["web", "email"])
    moved = Path(shutil.move(root, tmp_path / "after"))
    again = build(moved, formats=["web", "email"])
    assert again.rendered == [] and sorted(again.skipped) == sorted(built.rendered)


def test_render_records_that_name_dist_by_its_full_path_still_count(two_issues: Path) -> None:
    """Records written before they named dist/ relative to the workspace: the build after
    the upgrade still takes a withdrawn issue away, and renders nothing else again."""
    renders = two_issues / ".publisher" / "cache" / "renders.json"
    data = json.loads(renders.read_text(encoding="utf-8"))
    data["folders"] = {str(two_issues / "dist"): data["folders"].pop("dist")}
    renders.write_text(json.dumps(data), encoding="utf-8")
    (two_issues / "issues" / "002-second.yaml").unlink()
    report = build(two_issues)
    assert not (two_issues / "dist" / "002-second").exists()
    assert not [name for name in report.rendered if name.endswith("001-first")]


def test_a_web_build_of_every_issue_takes_a_dropped_editions_pages_away(tmp_path: Path) -> None:
    """`build --format web` after an edition was taken out of the manifest took away its
    home page (dist/editions/es/) and left its issue and article pages online: a site
    half updated, with pages nothing links to any more."""
    from conftest import build_with_warnings

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "editions: [es]\n")
    out, _ = build_with_warnings(root, ["web"])
    assert (out / "001-first" / "es" / "first-article" / "index.html").is_file()

    manifest.write_text(manifest.read_text().replace("editions: [es]\n", ""))
    build_with_warnings(root, ["web"])
    assert not (out / "001-first" / "es").exists()
    assert not (out / "editions" / "es").exists()
    assert (out / "001-first" / "first-article" / "index.html").is_file()


def test_force_still_knows_what_earlier_builds_wrote(two_issues: Path) -> None:
    (two_issues / "issues" / "002-second.yaml").unlink()
    build(two_issues, force=True)
    assert not (two_issues / "dist" / "002-second").exists()


def test_an_article_moved_to_another_issue_is_said_with_the_alias_that_keeps_its_address(
    tmp_path: Path,
) -> None:
    """Its old page went without a word: readers' bookmarks and other sites' links to it
    led nowhere. The warning gives the `aliases:` line that makes the old address lead to
    the new, and with it the old address is a redirect and the warning goes."""
    from conftest import build_with_warnings

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    with_two_issues(root)
    build_with_warnings(root, ["web"])
    (root / "issues" / "001-first.yaml").write_text(
        ISSUE_ONE.replace("first-article", "second-article")
    )
    (root / "issues" / "002-second.yaml").write_text(
        ISSUE_TWO.replace("second-article", "first-article")
    )
    _, warnings = build_with_warnings(root, ["web"])
    moved = [w for w in warnings if " moved to " in w]
    assert sorted(moved) == sorted(
        f"{old} moved to {new}: links to its old address lead nowhere now; add"
        f" `aliases: [/{old}]` to documents/{new.split('/')[1]}.md's front matter, and the"
        " old address leads to the new"
        for old, new in (
            ("001-first/first-article/", "002-second/first-article/"),
            ("002-second/second-article/", "001-first/second-article/"),
        )
    )
    first = root / "documents" / "first-article.md"
    first.write_text(
        first.read_text().replace("date:", "aliases: [/001-first/first-article/]\ndate:", 1)
    )
    out, warnings = build_with_warnings(root, ["web"])
    assert not [w for w in warnings if "001-first/first-article/" in w]
    redirect = (out / "001-first" / "first-article" / "index.html").read_text()
    assert "../../002-second/first-article/" in redirect


@pytest.mark.parametrize(
    ("suffix", "where"),
    [
        (
            ".md",
            "`aliases: [/001-first/tenants-survey/]` to documents/rent-survey.md's front matter",
        ),
        (
            ".docx",
            "a custom property `aliases` with /001-first/tenants-survey/ to documents/rent-survey.docx"
            " (Word: File > Info > Properties > Advanced Properties > Custom)",
        ),
    ],
)
def test_an_article_renamed_in_its_issue_is_said_moved_with_the_alias_for_its_kind(
    tmp_path: Path, suffix: str, where: str
) -> None:
    """A document renamed, its issue's manifest following: its page was said gone with the
    generic "a manifest or document renamed or removed?", though the build had the new page
    in the same issue; and "in its front matter", which a Word file has none of."""
    from conftest import build_with_warnings, minimal_with

    text = "---\ntitle: Tenants survey\n---\n\nNine flats in ten have damp.\n"
    root = minimal_with(tmp_path / "ws", {f"tenants-survey{suffix}": text})
    build_with_warnings(root, ["web"])
    documents = root / "documents"
    (documents / f"tenants-survey{suffix}").rename(documents / f"rent-survey{suffix}")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("tenants-survey", "rent-survey"))

    _, warnings = build_with_warnings(root, ["web"])

    assert not [w for w in warnings if " are gone: " in w]
    (moved,) = [w for w in warnings if " moved to " in w]
    assert moved.startswith("001-first/tenants-survey/ moved to 001-first/rent-survey/:")
    assert moved.endswith(f"add {where}, and the old address leads to the new")


def test_a_plain_text_renamed_keeps_its_old_address_with_the_lines_the_build_gives(
    tmp_path: Path,
) -> None:
    """A .txt has no front matter until the editor writes one: the build says which three
    lines to put at its top, and with them the old address leads to the new."""
    from conftest import build_with_warnings, minimal_with

    text = "Tenants survey\n\nNine flats in ten have damp.\n"
    root = minimal_with(tmp_path / "ws", {"tenants-survey.txt": text})
    build_with_warnings(root, ["web"])
    documents = root / "documents"
    (documents / "tenants-survey.txt").rename(documents / "rent-survey.txt")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("tenants-survey", "rent-survey"))

    _, warnings = build_with_warnings(root, ["web"])
    (moved,) = [w for w in warnings if " moved to " in w]
    lines = re.search(r"three lines at its top: (---), (aliases: \[\S+\]), (---)\)", moved)
    assert lines, moved
    renamed = documents / "rent-survey.txt"
    renamed.write_text("\n".join(lines.groups()) + "\n" + renamed.read_text())

    out, warnings = build_with_warnings(root, ["web"])
    assert not [w for w in warnings if "tenants-survey" in w]
    redirect = (out / "001-first" / "tenants-survey" / "index.html").read_text()
    assert "../../001-first/rent-survey/" in redirect
    page = (out / "001-first" / "rent-survey" / "index.html").read_text()
    assert "Tenants survey" in page and "aliases" not in page


def test_an_article_swapped_for_another_in_its_issue_is_said_gone_not_moved(
    tmp_path: Path,
) -> None:
    """An editor takes one article out of an issue and puts another in: the first's page
    was said "moved to" the second's, with an alias to add that would send the first's
    readers to a different text. Its document is still in documents/: it was not renamed."""
    from conftest import build_with_warnings, minimal_with

    root = minimal_with(
        tmp_path / "ws",
        {
            "tenants-survey.md": "---\ntitle: Tenants survey\n---\n\nNine flats in ten.\n",
            "strike-vote.md": "---\ntitle: Strike vote\n---\n\nThe vote is on Friday.\n",
        },
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace(", strike-vote", ""))
    build_with_warnings(root, ["web"])
    manifest.write_text(manifest.read_text().replace("tenants-survey", "strike-vote"))

    _, warnings = build_with_warnings(root, ["web"])

    assert not [w for w in warnings if " moved to " in w]
    (gone,) = [w for w in warnings if " are gone: " in w]
    assert gone.startswith("1 page(s) readers may have kept or linked are gone: 001-first/tenan")


def test_an_article_swapped_in_an_issue_with_editions_is_said_gone_in_each_edition_too(
    tmp_path: Path,
) -> None:
    """Its untranslated page in the Spanish edition was said "moved to" the other
    article's, with an alias to add, while its page in the original was said gone."""
    from conftest import build_with_warnings, minimal_with

    root = minimal_with(
        tmp_path / "ws",
        {
            "tenants-survey.md": "---\ntitle: Tenants survey\n---\n\nNine flats in ten.\n",
            "strike-vote.md": "---\ntitle: Strike vote\n---\n\nThe vote is on Friday.\n",
        },
    )
    manifest = root / "issues" / "001-first.yaml"
    text = manifest.read_text().replace(", strike-vote", "")
    manifest.write_text(text.replace("date: 2026-01-10\n", "date: 2026-01-10\neditions: [es]\n"))
    build_with_warnings(root, ["web"])
    manifest.write_text(manifest.read_text().replace("tenants-survey", "strike-vote"))

    _, warnings = build_with_warnings(root, ["web"])

    assert not [w for w in warnings if " moved to " in w]
    (gone,) = [w for w in warnings if " are gone: " in w]
    assert gone.startswith(
        "2 page(s) readers may have kept or linked are gone: 001-first/es/tenants-survey/,"
        " 001-first/tenants-survey/ "
    )


def test_an_issue_taken_away_is_said_with_its_pages_gone(tmp_path: Path) -> None:
    from conftest import build_with_warnings

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")  # every format: as
    # `publisher build` of every issue removes what a withdrawn issue had online
    with_two_issues(root)
    build_with_warnings(root)
    (root / "issues" / "002-second.yaml").unlink()
    _, warnings = build_with_warnings(root)
    (gone,) = [w for w in warnings if " are gone: " in w]
    assert gone.startswith("2 page(s) readers may have kept or linked are gone: 002-second/,")
    assert "002-second/second-article/" in gone


def with_a_second_issue_copied_from_the_first(tmp_path: Path) -> tuple[Path, Path]:
    """A minimal workspace and its issues folder, with No. 2 made from a copy of No. 1's
    manifest (the same articles), as editors start an issue."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    issues = root / "issues"
    copied = (issues / "001-first.yaml").read_text()
    (issues / "002-second.yaml").write_text(
        copied.replace("number: 1", "number: 2").replace("First issue", "Second issue")
    )
    return root, issues


def test_an_issue_removed_that_reused_anothers_articles_is_said_gone_not_moved(
    tmp_path: Path,
) -> None:
    """No. 2, made from a copy of No. 1's manifest, then removed: said "moved to 001-first/
    (its manifest renamed?)" with `aliases: [/002-second/]` to add to No. 1's manifest,
    which would have sent No. 2's readers to No. 1. Another number is another issue."""
    from conftest import build_with_warnings

    root, issues = with_a_second_issue_copied_from_the_first(tmp_path)
    build_with_warnings(root, ["web"])
    (issues / "002-second.yaml").unlink()
    _, warnings = build_with_warnings(root, ["web"])
    assert not [w for w in warnings if " moved to " in w or "aliases: [/002-second/]`" in w]
    (gone,) = [w for w in warnings if " are gone: " in w]
    assert gone.startswith("3 page(s) readers may have kept or linked are gone: 002-second/,")


def test_of_an_issue_renamed_and_one_removed_with_the_same_articles_only_the_renamed_moved(
    tmp_path: Path,
) -> None:
    """A tidy-up: No. 2 (a copy of No. 1's manifest) removed and No. 1's manifest renamed in
    one go. Both were said moved to the new folder, No. 2 with an alias that would send its
    readers to No. 1."""
    from conftest import build_with_warnings

    root, issues = with_a_second_issue_copied_from_the_first(tmp_path)
    build_with_warnings(root, ["web"])
    (issues / "002-second.yaml").unlink()
    (issues / "001-first.yaml").rename(issues / "001-first-issue.yaml")
    _, warnings = build_with_warnings(root, ["web"])
    moved = [w for w in warnings if " moved to " in w]
    assert moved == [RENAMED.format(old="001-first", new="001-first-issue")], warnings
    (gone,) = [w for w in warnings if " are gone: " in w]
    assert gone.startswith("3 page(s) readers may have kept or linked are gone: 002-second/,")


def test_an_edition_taken_out_is_said_once_with_its_pages_gone_not_as_pages_moved(
    tmp_path: Path,
) -> None:
    """Each page of the dropped edition was said to have "moved" to the original's page of
    the same name (or, for the edition's issue page, to dist/languages/es/), each with an
    `aliases:` line to put in the document that would not have kept it. One line says the
    edition went, and the manifest `aliases:` that sends its readers on to the original."""
    from conftest import build_with_warnings

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    manifest = root / "issues" / "001-first.yaml"
    with_es = manifest.read_text() + "editions: [es]\n"
    manifest.write_text(with_es)
    build_with_warnings(root, ["web"])
    manifest.write_text(with_es.replace("editions: [es]\n", ""))
    _, warnings = build_with_warnings(root, ["web"])
    assert warnings == [
        "the es edition of 001-first was removed: its 3 page(s) are gone (001-first/es/,"
        " 001-first/es/first-article/, 001-first/es/second-article/); links readers kept to"
        " them lead nowhere now, unless the issue's manifest has `aliases: [/001-first/es/]`,"
        " which sends them on to the original's pages"
    ]

    manifest.write_text(manifest.read_text() + "aliases: [/001-first/es/]\n")
    out, warnings = build_with_warnings(root, ["web"])
    assert warnings == []
    page = lxml.html.parse(str(out / "001-first/es/first-article/index.html")).getroot()
    (refresh,) = page.xpath("//meta[@http-equiv='refresh']/@content")
    assert refresh.endswith("001-first/first-article/")


def test_a_renamed_issues_edition_pages_are_said_gone_not_moved_to_other_editions(
    tmp_path: Path,
) -> None:
    """Its Spanish issue page was said to have moved to the new folder's `es/` as if `es`
    were an article, and each article to the first edition's page of that name."""
    from conftest import build_with_warnings

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "editions: [es]\n")
    build_with_warnings(root, ["web"])
    manifest.rename(root / "issues" / "001-renamed.yaml")
    _, warnings = build_with_warnings(root, ["web"])
    assert warnings == [RENAMED.format(old="001-first", new="001-renamed")]


RENAMED = (
    "{old}/ moved to {new}/ with its pages (its manifest renamed?): links readers kept to"
    " them lead nowhere now; add `aliases: [/{old}/]` to issues/{new}.yaml, and they lead"
    " to the new"
)


def test_a_renamed_manifest_is_said_once_with_the_alias_to_give_it(tmp_path: Path) -> None:
    """Each article page was said moved, with an `aliases:` line for its document's front
    matter (the issue's pages stay unkept that way), then all of them, the issue's page
    too, gone, with the alias for a manifest as /OLD-FOLDER/: one mistake, said once, with
    the one line that keeps every page."""
    from conftest import build_with_warnings

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    build_with_warnings(root, ["web"])
    manifest = root / "issues" / "001-renamed.yaml"
    (root / "issues" / "001-first.yaml").rename(manifest)
    _, warnings = build_with_warnings(root, ["web"])
    assert warnings == [RENAMED.format(old="001-first", new="001-renamed")]

    manifest.write_text(manifest.read_text() + "aliases: [/001-first/]\n")
    out, warnings = build_with_warnings(root, ["web"])
    assert warnings == []
    page = lxml.html.parse(str(out / "001-first/second-article/index.html")).getroot()
    (refresh,) = page.xpath("//meta[@http-equiv='refresh']/@content")
    assert refresh.endswith("001-renamed/second-article/")


def test_an_issue_whose_manifest_was_renamed_keeps_its_old_addresses_with_aliases(
    tmp_path: Path,
) -> None:
    """A typo in a manifest's name mended after the issue went out moved every page of it:
    its manifest's `aliases` keep the old folder, the issue's page and each article's."""
    from conftest import build_with_warnings

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    with_two_issues(root)
    build_with_warnings(root)
    issues = root / "issues"
    (issues / "002-second.yaml").unlink()
    (issues / "002-second-issue.yaml").write_text(ISSUE_TWO + "aliases: [/002-second/]\n")
    out, warnings = build_with_warnings(root)
    assert not [w for w in warnings if "gone" in w or "moved" in w], warnings
    for old, new in (
        ("002-second/", "002-second-issue/"),
        ("002-second/second-article/", "002-second-issue/second-article/"),
    ):
        page = lxml.html.parse(str(out / old / "index.html")).getroot()
        assert page.xpath("//link[@rel='canonical']/@href") == [
            f"https://minimal.example.org/{new}"
        ]
        (refresh,) = page.xpath("//meta[@http-equiv='refresh']/@content")
        assert refresh.endswith(new)


def test_an_issues_aliases_that_are_no_addresses_are_named_at_their_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from publisher.cli import main

    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "aliases: 2\n")
    result = CliRunner().invoke(main, ["-C", str(root), "build"])
    assert result.exit_code == 1
    line = len(manifest.read_text().splitlines())
    assert f"001-first.yaml:{line}: 'aliases' must be an address or a list" in result.output


def test_an_editions_page_renamed_with_its_original_is_not_given_the_originals_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The Spanish page of a renamed Word article is its translation's (a .es.md named
    after the old original): the alias for it was said to go in the Word file, whose
    aliases make redirects to the English page."""
    from publisher.pages_gone import say_pages_gone
    from publisher.pool import DocumentPool

    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "tenants-survey.docx").write_bytes(b"")
    (documents / "rent-survey-report.es.md").write_text(
        "---\ntranslation_of: tenants-survey\n---\n"
    )
    before = {
        "041-pay/index.html",
        "041-pay/es/index.html",
        "041-pay/es/rent-survey-report/index.html",
    }
    current = {
        "041-pay/index.html",
        "041-pay/es/index.html",
        "041-pay/es/tenants-survey/index.html",
    }

    say_pages_gone(
        ["041-pay/es/rent-survey-report/index.html"],
        current,
        before=before,
        documents=DocumentPool.scan(documents),
    )

    (moved,) = [m for m in caplog.messages if " moved to " in m]
    assert (
        "add `aliases: [/041-pay/es/rent-survey-report/]` to its document's front matter" in moved
    )
    assert "tenants-survey.docx" not in moved
