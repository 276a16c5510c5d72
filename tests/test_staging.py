"""A build changes dist/ all at once or not at all: outputs are rendered into a staging
folder and moved into place only when every job has succeeded. A failed or interrupted
build leaves dist/ byte for byte as it was, and the build records claim nothing new."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import jinja2
import pytest
from conftest import WORKSPACES, BuiltInPlace, built_in_place

from publisher.build import build
from publisher.errors import PublisherError
from publisher.renderers.epub import EpubRenderer

SLUG = "001-first"
LONG_LEAFLET = "---\ntitle: Far too long\n---\n\n" + "\n\n".join(
    f"Paragraph {n}: " + "words that will not fit on one small side " * 12 for n in range(40)
)


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, with a hash of each file's bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "folder"
        for p in sorted(folder.rglob("*"))
    }


def records(root: Path) -> bytes:
    return (root / ".publisher" / "cache" / "renders.json").read_bytes()


@pytest.fixture(scope="module")
def minimal_built(tmp_path_factory: pytest.TempPathFactory) -> BuiltInPlace:
    return built_in_place(WORKSPACES / "minimal", tmp_path_factory)


@pytest.fixture
def built(minimal_built: BuiltInPlace) -> Path:
    """A workspace with a good build in dist/, and then a changed document."""
    root = minimal_built.restored()
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text() + "\nA late change.\n")
    return root


def test_a_template_error_in_a_later_job_leaves_dist_as_it_was(built: Path) -> None:
    before, recorded = tree(built / "dist"), records(built)
    override = built / "templates" / "epub" / "book.html"
    override.parent.mkdir(parents=True)
    override.write_text("{{ no_such_value.at_all }}\n")
    with pytest.raises((jinja2.UndefinedError, PublisherError)):  # either: dist is untouched
        build(built)
    assert tree(built / "dist") == before  # no new PDF beside the old EPUB, no staging folder
    assert records(built) == recorded

    override.unlink()
    report = build(built)  # what was rendered but never placed is rendered again
    assert f"pdf {SLUG}" in report.rendered and f"epub {SLUG}" in report.rendered
    assert "A late change." in (built / "dist" / SLUG / "first-article" / "index.html").read_text()
    assert not [p for p in (built / "dist").iterdir() if p.name.startswith(".")]


def test_a_leaflet_that_does_not_fit_is_the_one_output_left_out(built: Path) -> None:
    """The exception to all at once: a leaflet that runs over fails the build, naming it,
    and every other output is still placed; no leaflet is, and no staging is left."""
    (built / "documents" / "long-leaflet.md").write_text(LONG_LEAFLET)
    manifest = built / "issues" / f"{SLUG}.yaml"
    manifest.write_text(
        manifest.read_text() + "leaflet:\n  document: long-leaflet\n  page_size: A6\n"
    )
    with pytest.raises(PublisherError, match=r"long-leaflet\.md.*does not fit"):
        build(built)
    page = built / "dist" / SLUG / "first-article" / "index.html"
    assert "A late change." in page.read_text()
    assert not list((built / "dist").rglob("*-leaflet*.pdf"))
    assert not [p for p in (built / "dist").iterdir() if p.name.startswith(".")]


def test_an_interrupted_build_leaves_dist_as_it_was(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, recorded = tree(built / "dist"), records(built)

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C while the EPUB is being made

    monkeypatch.setattr(EpubRenderer, "render", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(built)
    assert tree(built / "dist") == before
    assert records(built) == recorded


def test_a_full_disk_names_the_file_and_leaves_dist_as_it_was(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(built)  # conversions cached: the next build only writes outputs
    (built / "dist" / SLUG / "email.txt").unlink()  # one the forced build must write again:
    before = tree(built / "dist")  # those it renders as dist/ has them are not written

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(PublisherError) as caught:
        build(built, force=True)
    (problem,) = caught.value.problems
    assert "No space left on device" in problem.message
    assert problem.file is not None and problem.file.is_relative_to(built / "dist")
    assert ".staging" not in str(problem.file)
    monkeypatch.undo()
    assert tree(built / "dist") == before


def test_a_folder_in_the_way_of_an_output_names_it_and_leaves_dist_as_it_was(
    built: Path,
) -> None:
    blocked = built / "dist" / SLUG / "email.txt"
    blocked.unlink()
    (blocked / "somebody's notes").mkdir(parents=True)
    before, recorded = tree(built / "dist"), records(built)
    with pytest.raises(PublisherError) as caught:
        build(built)
    (problem,) = caught.value.problems
    assert problem.file == blocked
    assert tree(built / "dist") == before
    assert records(built) == recorded
