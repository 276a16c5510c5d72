"""The contract every output format keeps, and proof that a new one is one module plus one
registration: a toy format, registered through the real `publisher.formats` entry-point
group (a dist-info folder on sys.path, as pip would install it), is built by plain
`publisher build`, offered by `build --help`, checked by `publisher check` and staged by
`publisher serve` with no other edit.

Every format (the toy included) builds the minimal workspace, appears in `build --help`,
has at least one check, and reports staleness through the build's plan: not current
before a build, current after it.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from plugin_support import format_installed

from publisher.assemble import assemble
from publisher.build import build_time, editorial_html, find_downloads, read_documents
from publisher.cache import Cache
from publisher.checks import registry
from publisher.cli import main
from publisher.config import load_config
from publisher.errors import PublisherError
from publisher.formats import Format, formats, mail_format
from publisher.jobs import RenderPlan, Silent
from publisher.manifest import load_manifests
from publisher.model import Archive
from publisher.pool import DocumentPool
from publisher.renderers import ArchiveRenderer, IssueRenderer, RenderContext
from publisher.serve.rebuild import background_stage, preview_stage

# The whole of a new format: a renderer, a check, and the Format that names them.
TOY_MODULE = """
from pathlib import Path

from publisher.checks.base import Result
from publisher.formats import CheckSpec, Format
from publisher.output import Artifact
from publisher.renderers.base import IssueRenderer


class ToyRenderer(IssueRenderer):
    name = "toy"

    def render(self, issue, ctx):
        return [Artifact.text(Path(issue.slug) / "toy.txt", issue.title + "\\n")]


def toys(target):
    return target.issue_files("toy.txt")


def has_a_title(target):
    for path in toys(target):
        yield Result("pass" if path.read_text().strip() else "fail", "", path)


FORMAT = Format(
    name="toy",
    description="the issue's title in a text file",
    renderer="toy_format:ToyRenderer",
    stage="issue",
    checks=(CheckSpec("has a title", "toy_format:has_a_title"),),
    check_inputs="toy_format:toys",
)
"""


def toy_installed(folder: Path) -> AbstractContextManager[None]:
    """The toy as pip would install it: the module, and the one registration that
    `[project.entry-points."publisher.formats"]` makes (`toy = toy_format:FORMAT`)."""
    return format_installed(folder, "toy", TOY_MODULE)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrised over FORMATS as they are with the toy installed."""
    if "format_" in metafunc.fixturenames:
        with tempfile.TemporaryDirectory() as folder, toy_installed(Path(folder)):
            names = list(formats())
        assert "toy" in names
        metafunc.parametrize("format_", names)


@dataclass(frozen=True)
class Built:
    root: Path
    current_before: dict[str, bool]
    current_after: dict[str, bool]
    output: str


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with toy_installed(tmp_path_factory.mktemp("site-packages")):
        yield


@pytest.fixture(scope="module")
def built(toy: None, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The minimal workspace built once by plain `publisher build` (every format), with
    `--verbose` to list each file written, not a line per folder."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("minimal"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        before = {name: is_current(root, name) for name in formats()}
        result = CliRunner().invoke(main, ["-C", str(root), "build", "--verbose"])
        assert result.exit_code == 0, result.output
        after = {name: is_current(root, name) for name in formats()}
    return Built(root, before, after, result.output)


def is_current(root: Path, name: str) -> bool:
    """Whether a build would skip every job of the format now: the plan's own question,
    asked as `publisher send` asks it of the email."""
    config = load_config(root)
    cache = Cache.for_workspace(root)
    pool = DocumentPool.scan(config.documents_dir)
    manifests = load_manifests(config.issues_dir, pool, root)
    documents = read_documents(pool, manifests, config, cache, Silent())
    issues = [assemble(m, documents, editorial_html(m, config, cache), config) for m in manifests]
    ctx = RenderContext(config, config.templates_dir, build_time())
    plan = RenderPlan(cache, ctx, config.dist_dir.resolve())
    renderer = formats()[name].renderer_class()()
    if isinstance(renderer, IssueRenderer):
        jobs = [job for issue in issues for job in renderer.jobs(issue)]
    else:
        assert isinstance(renderer, ArchiveRenderer)
        ordered = tuple(issues)
        jobs = renderer.jobs(Archive(ordered, find_downloads(plan.built_size, ordered)))
    return bool(jobs) and all(plan.is_current(job) for job in jobs)


def test_each_format_is_stale_before_a_build_and_current_after(built: Built, format_: str) -> None:
    assert built.current_before[format_] is False
    assert built.current_after[format_] is True


def test_each_format_appears_in_build_help(toy: None, format_: str) -> None:
    result = CliRunner().invoke(main, ["build", "--help"])
    assert result.exit_code == 0, result.output
    default = re.search(r"\[default:([\w,-]+)\]", "".join(result.output.split()))
    assert default is not None, result.output
    assert format_ in default.group(1).split(",")


def test_each_format_has_a_check_that_loads(toy: None, format_: str) -> None:
    chosen: Format = formats()[format_]
    checks = registry([chosen])
    assert checks and all(callable(check.run) for check in checks)
    assert {check.format for check in checks} == {format_}


def test_each_format_is_built_by_the_preview_server(toy: None, format_: str) -> None:
    assert format_ in preview_stage().formats + background_stage().formats


def test_plain_build_writes_the_toy_and_check_checks_it(built: Built) -> None:
    assert (built.root / "dist" / "001-first" / "toy.txt").read_text() == "First issue\n"
    assert "001-first/toy.txt" in built.output
    result = CliRunner().invoke(
        main, ["-C", str(built.root), "check", "--no-build", "--json", "-f", "toy"]
    )
    findings = json.loads(result.output)["findings"]
    assert [(f["format"], f["check"], f["status"]) for f in findings] == [
        ("toy", "has a title", "pass")
    ]


# What the formats learn from one another goes through the render records, not dist/.


def test_building_one_format_elsewhere_leaves_the_output_folder_current(
    built: Built, tmp_path: Path
) -> None:
    """As `publisher preview-email` does: its scratch folder has records of its own."""
    mail = mail_format().name
    scratch = tmp_path / "scratch"
    result = CliRunner().invoke(
        main, ["-C", str(built.root), "build", "-f", mail, "-o", str(scratch)]
    )
    assert result.exit_code == 0, result.output
    assert (scratch / "001-first" / str(mail_format().message_file)).is_file()
    assert is_current(built.root, mail)


def test_archive_formats_link_only_downloads_the_records_hold(built: Built, tmp_path: Path) -> None:
    offering = [f for f in formats().values() if f.download]
    other = tmp_path / "other"
    archive = ",".join(name for name, f in formats().items() if f.stage == "archive")
    for _ in range(2):  # the second time with the downloads copied in by hand
        result = CliRunner().invoke(
            main, ["-C", str(built.root), "build", "-f", archive, "-o", str(other), "--force"]
        )
        assert result.exit_code == 0, result.output
        assert "enclosure" not in (other / "feed.atom").read_text()
        for f in offering:  # those this issue has (it has no leaflet)
            assert f.download is not None
            source = built.root / "dist" / f.download.path("001-first")
            if source.is_file():
                shutil.copy2(source, other / f.download.path("001-first"))
    assert "enclosure" in (built.root / "dist" / "feed.atom").read_text()


@pytest.mark.parametrize(
    ("module", "said"),
    [
        ("raise RuntimeError('half installed')", "RuntimeError: half installed"),
        ("FORMAT = 'toy'", "it is not a publisher.formats.Format"),
    ],
)
def test_a_plugin_that_cannot_be_read_is_named_without_a_traceback(
    tmp_path: Path, module: str, said: str
) -> None:
    with (
        format_installed(tmp_path, "broken", module + "\n"),
        pytest.raises(PublisherError) as error,
    ):
        formats()
    message = str(error.value)
    entry = "the publisher.formats entry point 'broken' (broken_format:FORMAT)"
    assert f"{entry} cannot be read" in message
    assert said in message and "reinstall or uninstall" in message
