"""Shared fixtures: sample workspaces copied to a temporary folder, built with fixed dates."""

from __future__ import annotations

import fcntl
import functools
import http.server
import logging
import os
import pickle
import shutil
import signal
import socketserver
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.etree
import pytest
from hypothesis import settings

from publisher.build import BuildReport, build

REPO = Path(__file__).resolve().parents[1]
WORKSPACES = Path(__file__).resolve().parent / "workspaces"
CORPUS = REPO.parent / "shared" / "corpus"
FIXED_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z

# Property tests: bounded and the same every run in `make test`; `make fuzz` goes further.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile(
    "fuzz", max_examples=3000, deadline=None, print_blob=True, derandomize=False
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Builds render in one process: both cores already run tests, and a pool of render
# processes per build only adds forks and copies (a quarter more CPU). The example's shared
# build, and the hostile corpus (given its own environment), still use the pool.
os.environ["PUBLISHER_JOBS"] = "1"

# The tests stop the programs they start as a terminal does (Ctrl-C, SIGTERM, SIGHUP). A
# run under nohup, or started in the background by a script, has SIGINT or SIGHUP ignored,
# and a program inherits an ignored signal: those tests would fail, or wait for a program
# that never stops. A handler that does nothing still ignores the signal here, and is not
# inherited: the programs started get the defaults. The workers, started by this process
# with the defaults, are told which signals to ignore so.
_IGNORED = "PUBLISHER_TESTS_IGNORED_SIGNALS"
if _IGNORED not in os.environ:
    os.environ[_IGNORED] = ",".join(
        str(int(number))
        for number in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM)
        if signal.getsignal(number) is signal.SIG_IGN
    )
for _number in filter(None, os.environ[_IGNORED].split(",")):
    signal.signal(int(_number), lambda number, frame: None)

# One validator service (EPUBCheck and the Nu checker in warm JVMs) for the whole run,
# shared by the workers (they inherit this from the process that starts them), private to
# it, and stopped when the run ends rather than left idling.
if "PUBLISHER_VALIDATORS_DIR" not in os.environ:
    os.environ["PUBLISHER_VALIDATORS_DIR"] = tempfile.mkdtemp(prefix="publisher-validators-")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # the run is not over until every worker is done: the main process stops it
    from publisher.checks import service

    service.stop()
    shutil.rmtree(os.environ["PUBLISHER_VALIDATORS_DIR"], ignore_errors=True)


# The SMTP server, built workspace and subscriber fixtures of the delivery tests.
pytest_plugins = ["delivery_support"]


@pytest.fixture(autouse=True)
def _fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)


def copy_workspace(source: Path, target: Path) -> Path:
    """A fresh copy of a workspace: publisher.toml, documents/, issues/, templates/."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "publisher.toml", target / "publisher.toml")
    for folder in ("documents", "issues", "templates"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder, ignore=shutil.ignore_patterns("dist"))
    return target


def minimal_with(target: Path, documents: Mapping[str, str | bytes], toml: str = "") -> Path:
    """tests/workspaces/minimal copied to `target`, with `documents` (file name → its text,
    or bytes; a .docx's text is Markdown, which pandoc writes into a Word file) in
    documents/, those that are documents in its issue after the two of its own, and `toml`
    added to publisher.toml."""
    import pypandoc

    from publisher.readers import EXTENSIONS

    root = copy_workspace(WORKSPACES / "minimal", target)
    for name, content in documents.items():
        path = root / "documents" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif path.suffix == ".docx":
            pypandoc.convert_text(content, "docx", format="markdown", outputfile=str(path))
        else:
            path.write_text(content, encoding="utf-8")
    slugs = ", ".join(
        Path(name).with_suffix("").as_posix()
        for name in documents
        if Path(name).suffix in EXTENSIONS
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace("second-article]", f"second-article, {slugs}]")
    )
    with (root / "publisher.toml").open("a") as config:
        config.write(toml)
    return root


def article_page(target: Path, name: str, text: str) -> Path:
    """The web page of the document `name`, its text `text`, as `minimal_with` builds it
    (the web pages alone) at `target`."""
    report = build(minimal_with(target, {name: text}), formats=("web",))
    return report.out_dir / "001-first" / Path(name).stem / "index.html"


@pytest.fixture
def workspace(tmp_path: Path) -> Callable[[str], Path]:
    """workspace("minimal") → a copy of tests/workspaces/minimal to change freely."""
    return lambda name: copy_workspace(WORKSPACES / name, tmp_path / name)


@pytest.fixture
def epub_cover_drawings(monkeypatch: pytest.MonkeyPatch) -> list[lxml.etree._Element]:
    """Each EPUB cover the test's builds draw (epub/cover.svg as the theme fills it in),
    as the drawing the cover's JPEG is drawn from: the JPEG's words cannot be read back."""
    from publisher.renderers import epub

    drawings: list[lxml.etree._Element] = []
    draw = epub.svg_to_png

    def drawing_kept(svg: bytes, width: int, fonts: Sequence[Path] = ()) -> tuple[bytes, int, int]:
        drawings.append(lxml.etree.fromstring(svg))
        return draw(svg, width, fonts)

    monkeypatch.setattr(epub, "svg_to_png", drawing_kept)
    monkeypatch.setattr(epub, "_drawn_cover", epub._drawn_cover.__wrapped__)  # each one drawn
    return drawings


def build_copy(source: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """A fresh copy of the workspace at `source`, built with the fixed date (for fixtures
    wider than one test, where the autouse date above does not reach)."""
    root = copy_workspace(source, tmp_path_factory.mktemp(source.name))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root)


def build_with_warnings(root: Path, formats: Sequence[str] = ()) -> tuple[Path, list[str]]:
    """`root` built (in `formats`, else every one) with the fixed date (for fixtures wider
    than one test), and the warnings the build gave: its output folder and their messages."""
    warnings: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    handler = Keep()
    logging.getLogger("publisher").addHandler(handler)
    try:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
            return build(root, formats=formats).out_dir, warnings
    finally:
        logging.getLogger("publisher").removeHandler(handler)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:  # -> a Playwright Browser
    """Headless Chromium as the email preview starts it (Debian's, with its flags): one per
    module. Not one per worker: while it runs, Playwright's sync API holds the main
    thread's event loop, so an in-process `preview-email` of a later module could not
    start its own (tests/test_editions.py's failed so)."""
    from publisher.errors import PublisherError
    from publisher.renderers.email.browser import chromium

    try:
        with chromium() as chrome:
            yield chrome
    except PublisherError as exc:
        pytest.skip(f"{exc} (Debian's chromium: scripts/install-system-deps.sh)")


@pytest.fixture(scope="module")
def page(browser) -> Iterator[object]:  # -> a Playwright Page
    """One page of the module's browser for every look at its outputs (each shown afresh,
    at its width; after `show_email`, `page.unroute_all()` lets other files load again)."""
    shown = browser.new_page()
    yield shown
    shown.close()


def show_page(page: Any, path: Path, width: int) -> None:  # page: a Playwright Page
    """The file at `path` shown in `page` at `width` px, any file loading again."""
    page.unroute_all()  # show_email's: it lets the email's file only
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path.as_uri())


@contextmanager
def answering(server: socketserver.BaseServer) -> Iterator[int]:
    """`server` answering from a thread until the block ends: its port. It looks for the
    stop every 50 ms; socketserver's 500 ms default is what every stop would wait out."""
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving_folder(folder: Path) -> Iterator[str]:
    """`folder` on a web server on loopback, as a browser or a fetch gets it: its URL."""
    handler = functools.partial(_QuietFiles, directory=str(folder))
    with answering(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as port:
        yield f"http://127.0.0.1:{port}/"


@dataclass(frozen=True)
class BuiltInPlace:
    """A workspace built once and kept as built, for tests that each change it: `restored()`
    gives it back as the build left it, at the path it was built at. Its tests run one at a
    time, on one worker."""

    root: Path
    kept: Path  # the untouched copy, for tests that only read it
    report: BuildReport

    def restored(self) -> Path:
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.copytree(self.kept, self.root, symlinks=True)
        return self.root


def built_in_place(
    source: Path,
    tmp_path_factory: pytest.TempPathFactory,
    prepare: Callable[[Path], object] = lambda root: None,
    formats: Sequence[str] = (),
) -> BuiltInPlace:
    """`source` copied, `prepare`d, built with the fixed date (its `formats`, else all)."""
    base = tmp_path_factory.mktemp(f"built-{source.name}")
    root = copy_workspace(source, base / source.name)
    prepare(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        report = build(root, formats=formats)
    kept = base / "as-built"
    shutil.copytree(root, kept, symlinks=True)
    return BuiltInPlace(root, kept, report)


def shared_build(source: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """`build_copy` once for the whole run, however many xdist workers ask: the first
    builds under a lock, the others wait for it and read its report. Only for tests that
    read the outputs and change nothing."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / f"shared-{source.name}"
    with open(shared / f"shared-{source.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the worker dies
        saved = folder / "report.pickle"
        if saved.is_file():
            report: BuildReport = pickle.loads(saved.read_bytes())
            return report
        root = copy_workspace(source, folder / source.name)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
            mp.setenv("PUBLISHER_JOBS", "2")  # as `make demo` builds it, in parallel
            report = build(root)
        saved.write_bytes(pickle.dumps(report))
        return report


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The repository's own example newsletter, built once for the whole run."""
    return shared_build(REPO, tmp_path_factory)


@pytest.fixture(scope="session")
def built_hostile(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    return shared_build(WORKSPACES / "hostile", tmp_path_factory)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (clone the project beside shared/)")
    return CORPUS


# The modules that take longest (wall time, measured on the 2-core machine), in that
# order: `make test` gives whole modules to its two workers (--dist loadscope, with
# --no-loadscope-reorder so that xdist keeps this order rather than counting tests), so
# these go first and the many short modules fill in at the end, instead of one long
# module starting last on its own.
LONGEST_FIRST = (
    "test_hostile_corpus",
    "test_import_platforms",
    "test_email",
    "test_compose_browser",
    "test_incremental",
    "test_serve",
    "test_check",
    "test_print_layout",
    "test_pdf",
    "test_delivery_postgresql",
    "test_delivery_send",
    "test_fuzz",
    "test_delivery_crash",
    "test_manifest",
    "test_editions",
    "test_import",
    "test_limits",
    "test_covers",
    "test_validator_service",
    "test_staging",
    "test_render_ahead",
    "test_render_workers",
    "test_delivery_subscribers",
    "test_print_fit",
    "test_phone_layout",
    "test_delivery_subscribe",
    "test_yaml_safety",
    "test_web_browser",
    "test_languages",
    "test_check_accessibility",
    "test_serve_hosts",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))  # stable: in-module order kept


class RecordedProgress:
    """The progress a command would show, as what it was told."""

    def __init__(self) -> None:
        self.expected = 0
        self.steps: list[str] = []

    def expect(self, units: int) -> None:
        self.expected += units

    @contextmanager
    def task(self, description: str) -> Iterator[None]:
        yield
        self.steps.append(description)

    def paused(self) -> AbstractContextManager[object]:
        return nullcontext()
