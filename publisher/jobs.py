"""Running render jobs: skip those whose inputs did not change, run the rest — in worker
processes when several are due (the processes themselves: workers.py) — and record what
each wrote.

Outputs are written to a staging folder inside the output folder (same file system) and
moved into place, each with os.replace, only when the whole build has succeeded; one
rendered with the very bytes the output folder has already is not written at all. A build
that fails or is interrupted removes its staging folder: the output folder and the
records of what it holds stay as they were. Ctrl-C, SIGTERM or SIGHUP while the outputs
are moved waits for the move to end (new and old files mixed would be no build at all).

A job's fingerprint covers everything its outputs are made from: the job's subject (the
issue or archive, documents and all), the images it embeds, its format's templates, the
translation catalogues, publisher.toml as read (of [delivery], only the keys the job's format
uses: `Format.delivery_keys`), the print options (for the formats that read [pdf], whose
last layer they are), SOURCE_DATE_EPOCH, and the code and
library versions. The time of a build is deliberately not part of it: an unchanged
output keeps the time it was made at. Nor is the workspace's folder: the files in it are
named relative to it, so a workspace moved or copied has the fingerprints it had.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import filecmp
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from . import i18n
from .ahead import Ahead, SizeOf
from .attachments import editorial_media
from .cache import (
    Cache,
    digest,
    file_stamps,
    files_digest,
    recorded_size,
    stamps_hold,
    versions_digest,
)
from .delivery.settings import DeliverySettings
from .errors import PublisherError
from .formats import formats
from .i18n import LOCALE_DIR
from .logs import concerning, held
from .model import Archive, Issue
from .output import Artifact, atomic_write, holds, unwritable, write_artifacts
from .pages_gone import issue_numbers, issues_redated, say_pages_gone
from .renderers.base import Job, OutputFailed, RenderContext, Renderer
from .renderers.images import lead_images
from .stopping import signals_deferred
from .templating import default_theme_dir
from .workers import (
    Rendered,
    can_fork,
    ctrl_c_as_interrupt,
    log_here,
    new_pool,
    prepare_layout,
    run_job,
    stop_workers,
    workers,
)

if TYPE_CHECKING:
    from .pool import DocumentPool

log = logging.getLogger(__name__)

# The files builds took out of dist/ that a deploy must delete on the server too
REMOVED_LIST = Path(".publisher") / "removed-files.txt"


class Progress(Protocol):
    """Shows long work to the user: `build` announces units of work, then does each."""

    def expect(self, units: int) -> None: ...
    def task(self, description: str) -> AbstractContextManager[object]: ...
    def paused(self) -> AbstractContextManager[object]:
        """No thread of the progress runs inside the block (the build forks in it)."""
        ...


class Silent:
    """Progress for callers that show none."""

    def expect(self, units: int) -> None:
        pass

    def task(self, description: str) -> AbstractContextManager[object]:
        return nullcontext()

    def paused(self) -> AbstractContextManager[object]:
        return nullcontext()


@dataclass
class BuildReport:
    """What a build did: the plan fills it in as jobs are skipped or rendered."""

    out_dir: Path
    issues: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # no output makes them now
    rendered: list[str] = field(default_factory=list)  # render jobs run
    skipped: list[str] = field(default_factory=list)  # render jobs whose outputs were up to date
    seconds: dict[str, float] = field(default_factory=dict)  # time each rendered job took
    failed: list[OutputFailed] = field(default_factory=list)  # jobs whose output was not made
    ahead: list[str] = field(default_factory=list)  # rendered jobs used as rendered ahead
    # When rendering began (time.time()): what was said before it, reading and assembling,
    # a build of the same with nothing to render says too (`uptodate`); rendering's, not.
    rendering_from: float | None = None


@dataclass
class RenderPlan:
    cache: Cache
    ctx: RenderContext
    out: Path
    force: bool = False
    # An output built with other print options (`build --page-size A5 --pdf-standard
    # pdf/x-4`) is up to date as it was built while its sources are unchanged: what `check`
    # builds first must not lay out the print shop's PDF again with publisher.toml's.
    keep_print_options: bool = False
    # The documents/ this build indexed, where a page moved finds the document to give
    # its alias (see pages_gone)
    documents: DocumentPool | None = None
    _renders: dict[str, dict[str, Any]] = field(default_factory=dict)
    _as_loaded: dict[str, dict[str, Any]] = field(default_factory=dict)
    _template_digests: dict[str, str] = field(default_factory=dict)
    _stale_files: set[str] = field(default_factory=set)  # written before by jobs re-rendered now
    _pool: ProcessPoolExecutor | None = None
    # By id, for subjects alive in this build (kept with their digest so no id is reused).
    _subject_digests: dict[int, tuple[object, str]] = field(default_factory=dict)
    _pending: dict[str, dict[str, Any]] = field(default_factory=dict)  # staged, not yet placed
    _in_place: set[str] = field(default_factory=set)  # rendered as the output folder has it
    _staging: Path | None = None
    _made_out: bool = False  # the output folder did not exist before this build
    _warming: threading.Thread | None = None
    _layout: ProcessPoolExecutor | None = None  # workers that lay out PDFs (see warm_up)
    _seen: set[str] = field(default_factory=set)  # the jobs of this build, due or not
    _said: set[tuple[int, str]] = field(default_factory=set)  # warnings said (log_here)
    _editions_gone: set[str] = field(default_factory=set)  # "041-pay/es": built no more
    removed: list[str] = field(default_factory=list)  # files taken away, as _save did

    def __post_init__(self) -> None:
        self._renders = self.cache.renders(self.out)  # `force` renders them all the same
        self._as_loaded = copy.deepcopy(self._renders)  # to save stamps given new times
        self._print = repr(self.ctx.print_overrides)
        self._root = self.ctx.config.root
        # The workspace's folder, wherever it is named in a repr (its end, or a file in it)
        self._here = re.compile(re.escape(str(self._root)) + r"(?=[/'\"]|$)")
        self._base = digest(  # what every job's fingerprint starts from
            versions_digest(),
            # The config as renderers get it; [delivery] is added per format in _fingerprint.
            self._unplaced(repr(dataclasses.replace(self.ctx.config, delivery=DeliverySettings()))),
            os.environ.get("SOURCE_DATE_EPOCH", ""),
            self._unplaced(str(self.out)),
        )

    def warm_up(
        self,
        issue_slugs: Sequence[str],
        format_names: Sequence[str],
        languages: Sequence[str],
        changed: Mapping[str, int],
        progress: Progress,
    ) -> None:
        """When a PDF (or leaflet) is probably to be laid out, have WeasyPrint imported (half
        a second of CPU) and the hyphenation dictionaries of `languages` loaded while the
        documents are read. Probably: never built, or built before the issue's sources last
        changed (`changed`: issue slug → newest modification time, ns), as when a document
        was edited; the render records decide what is rendered, this only guesses early.

        With render workers: PDF workers (one per issue or edition to lay out, up to one
        per core) are forked now and do it on the other cores, then lay out the PDFs (and
        leaflets) while this process renders the other outputs (see _render);
        every other process is spared the import. Rendering here alone: a thread does it
        while pandoc converts documents. A build that fails before rendering does not wait
        for the thread (see __exit__)."""
        weasy = [name for name in format_names if formats()[name].needs_weasyprint]
        due = [
            slug
            for slug in issue_slugs
            if self.force
            or any(
                self._older_than(f"{name} {slug}", changed.get(slug.split("/")[0], 0))
                for name in weasy
            )
        ]
        if not (due and weasy):
            return
        if workers() > 1:
            with progress.paused():  # the progress bar's thread stops while they fork
                if can_fork():
                    i18n.prepare(languages)  # for the workers too, which date pages
                    self._layout = new_pool(min(workers(), len(due)), tuple(languages))
                    return
        self._warming = threading.Thread(
            target=prepare_layout, args=(tuple(languages),), name="warm-up", daemon=True
        )
        self._warming.start()

    def _older_than(self, job_name: str, changed: int) -> bool:
        """Whether the job was never rendered, or its outputs were written before `changed`
        (a job that wrote nothing, like a leaflet an issue does not have, is not)."""
        record = self._renders.get(job_name)
        if record is None:
            return True
        return any(stamp[1] < changed for stamp in record["files"].values())

    def _warmed(self) -> None:
        """Wait for the warm-up: a process must not fork while another thread runs."""
        if self._warming is not None:
            self._warming.join()
            self._warming = None

    def run(
        self,
        jobs: Sequence[Job],
        progress: Progress,
        report: BuildReport,
        parallel: bool = False,
        then: Callable[[SizeOf], Sequence[Job]] | None = None,
    ) -> None:
        """Render the due `jobs` and stage what they make; then, with `then`, the jobs it
        makes given the sizes of the files built (the archive outputs, which link them).
        While workers lay out PDFs, those are rendered ahead (ahead.py)."""
        report.rendering_from = time.time()
        self._warmed()
        fingerprints, due = self._due(jobs, progress, report)
        ahead = Ahead()
        render_ahead = (lambda: self._render_ahead(then, ahead, due)) if then else None
        for job, rendered in self._render(due, progress, parallel, render_ahead):
            self._stage(job, fingerprints[job.name], rendered, report)
        if then is None:
            return
        given: dict[str, int | None] = {}

        def built_size(relative: Path) -> int | None:
            return given.setdefault(str(relative), self.built_size(relative))

        fingerprints, due = self._due(then(built_size), progress, report)
        for job in due:
            with progress.task(job.name):
                done = ahead.filled(job.name, given)
                if done:
                    log_here(done[2], self._said)
                rendered = done or self._run_here(job)
            if done:
                report.ahead.append(job.name)
            self._stage(job, fingerprints[job.name], rendered, report)

    def _due(
        self, jobs: Sequence[Job], progress: Progress, report: BuildReport
    ) -> tuple[dict[str, str], list[Job]]:
        """Each job's fingerprint, and the jobs whose outputs are not up to date; the others
        are reported as skipped."""
        progress.expect(len(jobs))
        self._seen |= {job.name for job in jobs}
        fingerprints = {job.name: self._fingerprint(job) for job in jobs}
        due = [
            job for job in jobs if self.force or not self._up_to_date(job, fingerprints[job.name])
        ]
        if self.keep_print_options:
            self._say_print_options_dropped(due)
        if due:  # made now: an output folder we may not write in is said before rendering
            self.staging  # noqa: B018
        for job in jobs:
            if job not in due:
                with progress.task(f"{job.name} (up to date)"):
                    report.skipped.append(job.name)
        return fingerprints, due

    def _say_print_options_dropped(self, due: Sequence[Job]) -> None:
        """An output built with other print options whose sources changed since is laid out
        again with the configured ones: said, as the print shop's file is then gone."""
        for job in due:
            record = self._renders.get(job.name, {})
            laid_out = _uses_print_options(job.renderer.name)
            if laid_out and record.get("files") and record.get("print", self._print) != self._print:
                log.warning(
                    "%s: its sources changed since it was built with other print options"
                    " (the command line's): built again with publisher.toml's; build it with"
                    " those options again for the print shop",
                    ", ".join(sorted(record["files"])),
                )

    def _stage(
        self,
        job: Job,
        fingerprint: str,
        rendered: Rendered,
        report: BuildReport,
    ) -> None:
        artifacts, seconds, logged = rendered
        if isinstance(artifacts, OutputFailed):
            report.failed.append(artifacts)
            self._forget(job)
            return
        changed: list[Artifact] = []
        unchanged: list[Artifact] = []
        for artifact in artifacts:
            in_place = holds(self.out / artifact.path, artifact.data)
            (unchanged if in_place else changed).append(artifact)
        self._in_place |= {str(artifact.path) for artifact in unchanged}
        staged = write_artifacts(self.staging, changed, shown_in=self.out)
        as_built = [self.out / a.path for a in unchanged]
        self._record(job, fingerprint, staged, as_built, logged)
        report.rendered.append(job.name)
        report.seconds[job.name] = seconds
        report.written += [self.out / p.relative_to(self.staging) for p in staged]

    def _render_ahead(
        self, then: Callable[[SizeOf], Sequence[Job]], ahead: Ahead, due: Sequence[Job]
    ) -> None:
        """Render `then`'s jobs now, with a token for the size of each download a due job
        makes: those not up to date whatever the sizes turn out to be."""
        coming = set()
        for job in due:
            offer = formats()[job.renderer.name].download
            if offer and isinstance(job.subject, Issue) and offer.made_for(job.subject):
                coming.add(str(offer.path(job.subject.slug, job.subject.edition)))
        for job in then(ahead.sizes(self.built_size, coming)):
            if not self.force and self._up_to_date(job, self._fingerprint(job)):
                continue
            try:
                with held() as logged:  # said only if these outputs are used
                    artifacts, seconds, _ = run_job(job, self.ctx)
            except Exception:  # rendered again after the PDFs, and reported then
                continue
            if not isinstance(artifacts, OutputFailed):
                ahead.rendered[job.name] = (artifacts, seconds, logged)

    @property
    def staging(self) -> Path:
        """This build's staging folder, made once a job is found due."""
        if self._staging is None:
            try:
                prefix = f"{STAGING_PREFIX}{os.getpid()}-"
                self._staging = Path(tempfile.mkdtemp(prefix=prefix, dir=self.out))
            except OSError as exc:
                raise unwritable(self.out, exc, "write in this folder") from None
        return self._staging

    def built_size(self, relative: Path) -> int | None:
        """The size of an output as the records have it at this point of the build: staged
        by a job of this build, or placed by an earlier one and still as it wrote it. None
        when no record holds it (never built here, or dropped by a job re-rendered now)."""
        name = str(relative)
        for record in self._pending.values():
            if name in record["files"]:
                return int(record["files"][name][0])
        if name in self._stale_files:
            return None
        return recorded_size(self._renders, name, self.out)

    def __enter__(self) -> RenderPlan:
        """Staging folders a killed build left (kill -9 gives it no moment to remove its
        own) go at the start of every build, one that writes nothing too: `rsync dist/`
        would publish them."""
        with contextlib.suppress(OSError):
            _remove_abandoned_staging(self.out)
        try:  # a folder that cannot be made (--out /proc/x) is said before any rendering
            self._made_out = not self.out.exists()
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise unwritable(self.out, exc, "make this output folder") from None
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        """Place the outputs only when the whole build succeeded; always drop the staging.
        A failed build does not wait for the warm-up: its error is shown at once, and the
        daemon thread ends with the process (or finishes the import in a long-lived one).
        Nor for its workers, which are ended: what they would make is thrown away (the
        build used to wait for a PDF still being laid out after another output failed)."""
        if exc_type is None:
            self._warmed()
        for pool in (self._pool, self._layout):
            if pool and exc_type is not None:
                stop_workers(pool)
            elif pool:
                pool.shutdown(wait=exc_type is None, cancel_futures=True)
        with signals_deferred() if exc_type is None else nullcontext():
            try:  # moved in whole, even when stopped meanwhile: then stopped just after
                if exc_type is None:
                    self._commit()
            finally:
                if self._staging:
                    shutil.rmtree(self._staging, ignore_errors=True)
                if self._made_out:  # the build made it, and wrote nothing (it failed,
                    with contextlib.suppress(OSError):  # or its one output could not be
                        self.out.rmdir()  # made): as if never run; one with outputs stays

    def _commit(self) -> None:
        """Move every staged output into place, then record the build. A job's record is
        replaced only once all its files are in place, so records never claim a file that
        is not there (a move that fails midway: the job is rendered again next time).

        A file several jobs make (a picture two issues show) is placed once, and each of
        their records holds it as placed. A file that is already in place with the same
        bytes stays as it is (one rendered so was never staged): re-rendering one of those
        jobs later then leaves the others' records true, instead of each build rendering
        the other again, and a deploy of the output folder sees only what changed."""
        if not self._pending:
            if self._stale_files or self._renders != self._as_loaded:  # or files restamped
                self._save()
            return
        for record in self._pending.values():
            for name in record["files"]:
                _check_target(self.out, self.out / name)
        placed: set[str] = set()
        try:
            for job_name, record in self._pending.items():
                for name in record["files"].keys() - placed:
                    if name not in self._in_place or (self.staging / name).exists():
                        _place(self.staging / name, self.out / name)
                    placed.add(name)
                record["files"] = file_stamps((self.out / n for n in record["files"]), self.out)
                self._renders[job_name] = record
        finally:
            self._save()

    def forget_other_jobs(self, format_names: Collection[str] | None = None) -> None:
        """For a build of every issue in `format_names` (None: every format, a plugin's
        uninstalled since too): the outputs of those formats' jobs it no longer has (an
        issue removed or renamed, an edition or translation dropped) go when it succeeds.
        A withdrawn issue must not stay online in a dist/ that is synced to a server, nor a
        dropped edition's pages once the web pages no longer link them; other formats'
        outputs, not built now, are left as they are."""
        for name in self._renders.keys() - self._seen:
            kind, _, folder = name.partition(" ")  # "web 041-pay/es", "feed"
            if format_names is None or kind in format_names:
                self._stale_files |= set(self._renders.pop(name)["files"])
                if "/" in folder:
                    self._editions_gone.add(folder)

    def _save(self) -> None:
        """Remove what re-rendered jobs no longer produce (and folders left empty), then
        record this build."""
        current = {name for record in self._renders.values() for name in record["files"]}
        gone = sorted(self._stale_files - current)
        listed = self._list_removed(gone, current)
        if gone:
            log.info(
                "%d file(s) no output makes now removed, e.g. %s (%s)",
                len(gone),
                gone[0],
                f"{listed} lists them for a deploy that does not delete files itself"
                if listed
                else "build -v lists them",
            )
            before = {name for record in self._as_loaded.values() for name in record["files"]}
            numbers = issue_numbers(self._as_loaded) | issue_numbers(self._renders)
            config = self.ctx.config
            say_pages_gone(
                gone,
                current,
                self._editions_gone,
                config.issues_dir,
                numbers,
                before,
                self.documents,
                issues_redated(self._renders, self._as_loaded),
            )
        for name in gone:
            (self.out / name).unlink(missing_ok=True)
            for folder in (self.out / name).parents:
                if folder == self.out or not folder.is_relative_to(self.out):
                    break
                with contextlib.suppress(OSError):  # not empty, or gone
                    folder.rmdir()
        self.removed = gone
        self.cache.save_renders(self.out, self._renders)

    def _list_removed(self, gone: list[str], current: set[str]) -> str | None:
        """Add the files removed from dist/ to REMOVED_LIST (outside dist/, so no upload
        publishes it) and drop from it those made again; its name in the workspace, if
        it lists any. An FTP upload or an rsync without --delete leaves a taken-down
        page online, and the deploy may come several builds later: the list is kept
        until the editor deletes it after deploying. Another output folder has none."""
        config = self.ctx.config
        if self.out != config.dist_dir.resolve():
            return None
        path = self._root / REMOVED_LIST
        kept = set(path.read_text("utf-8").splitlines()) if path.is_file() else set()
        listed = sorted((kept | set(gone)) - current)
        if listed != sorted(kept):
            if listed:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, "".join(f"{name}\n" for name in listed).encode("utf-8"))
            else:
                path.unlink(missing_ok=True)
        return REMOVED_LIST.as_posix() if listed else None

    def _render(
        self,
        due: list[Job],
        progress: Progress,
        parallel: bool,
        render_ahead: Callable[[], None] | None = None,
    ) -> Iterable[tuple[Job, Rendered]]:
        """The due jobs rendered, yielded in job order (so the output is the same every
        time): those sent to workers (`_send_to_workers`) there, the others in this process,
        meanwhile when some were sent, else one at a time as they are yielded. When some
        were sent, `render_ahead` runs next, while workers are (probably) still busy."""

        def here(job: Job) -> Rendered:
            with progress.task(job.name):
                return self._run_here(job)

        with ctrl_c_as_interrupt():
            sent = self._send_to_workers(due, progress) if parallel else {}
            meanwhile = {job.name: here(job) for job in due if job.name not in sent} if sent else {}
            if render_ahead and sent:
                render_ahead()
            for job in due:
                if job.name in sent:
                    with progress.task(job.name):
                        rendered = sent[job.name].result()
                    with concerning(_issue_of(job)):
                        log_here(rendered[2], self._said)
                else:
                    rendered = meanwhile.pop(job.name) if job.name in meanwhile else here(job)
                yield job, rendered

    def _run_here(self, job: Job) -> Rendered:
        """`job` rendered in this process, what it logs said as a worker's would be: once a
        build (log_here), whichever process rendered the edition that found it first; and
        returned, as a worker's is, for the job's record."""
        logged: list[logging.LogRecord] = []
        with concerning(_issue_of(job)):
            try:
                with held() as logged:
                    artifacts, seconds, _ = run_job(job, self.ctx)
            finally:
                log_here(logged, self._said)
        return artifacts, seconds, logged

    def _send_to_workers(self, due: list[Job], progress: Progress) -> dict[str, Future[Rendered]]:
        """Job name → its result to come. With PDF workers (warm_up), the PDFs and leaflets
        go to them; otherwise, when several jobs are due and this process may fork, every
        job goes to a pool of render workers; else none."""
        if self._layout is not None:
            pool = self._layout
            jobs = [job for job in due if formats()[job.renderer.name].needs_weasyprint]
        else:
            if len(due) < 2 or workers() < 2:
                return {}
            if self._pool is None:
                with progress.paused():  # the progress bar's thread stops while they fork
                    if can_fork():
                        self._pool = new_pool(min(workers(), len(due)))
            if self._pool is None:
                return {}
            pool, jobs = self._pool, due
        return {job.name: pool.submit(run_job, job, self.ctx) for job in jobs}

    def is_current(self, job: Job) -> bool:
        """Whether a build would skip `job` now: what `publisher send` asks of the email."""
        return self._up_to_date(job, self._fingerprint(job))

    def _up_to_date(self, job: Job, fingerprint: str) -> bool:
        record = self._renders.get(job.name)
        if not record or not stamps_hold(record["files"], self.out):
            return False
        if record["fingerprint"] == fingerprint:
            return True
        built_with = str(record.get("print", self._print))
        if not self.keep_print_options or built_with == self._print:
            return False
        return bool(record["fingerprint"] == self._fingerprint(job, built_with))

    def _forget(self, job: Job) -> None:
        """A job that failed on its own: what it wrote before goes (a leaflet that now runs
        over is not left in place, linked from the web pages, as if it were current)."""
        self._stale_files |= set(self._renders.pop(job.name, {}).get("files", {}))

    def _record(
        self,
        job: Job,
        fingerprint: str,
        staged: list[Path],
        in_place: list[Path],
        logged: list[logging.LogRecord],
    ) -> None:
        """Note what a job staged (a rename keeps size and mtime: the stamps hold in place),
        the files it made as the output folder has them already, and the warnings it gave,
        its files named from the workspace (`publisher check` reports them while the
        outputs stay as built: a build says them only as it renders)."""
        before = set(self._renders.get(job.name, {}).get("files", {}))
        stamps = file_stamps(staged, self.staging) | file_stamps(in_place, self.out)
        self._stale_files |= before - set(stamps)
        self._pending[job.name] = {
            "fingerprint": fingerprint,
            "files": stamps,
            "print": self._print,
            "warnings": [
                r.getMessage().replace(f"{self._root}/", "")
                for r in logged
                if r.levelno >= logging.WARNING
            ],
        }
        if issue := _issue_rendered(job):  # to tell an issue renamed from one removed, and
            # an article taken down from one whose editor dated it `updated:` for it
            self._pending[job.name]["number"] = issue.number
            if issue.revised:
                self._pending[job.name]["revised"] = issue.revised.isoformat()

    def _fingerprint(self, job: Job, print_options: str | None = None) -> str:
        """With `print_options` (as recorded), the fingerprint the job had when built with
        them; else with this build's. Only a format that reads the print settings has them
        in its fingerprint: `--page-size A5` lays out the PDF again, not the email."""
        shaped_by_print = _uses_print_options(job.renderer.name)
        return digest(
            self._base,
            (print_options or self._print) if shaped_by_print else "",
            self._delivery_settings(job.renderer.name),
            self._templates(job.renderer),
            job.name,
            job.part,
            self._subject(job.subject),
        )

    def _delivery_settings(self, format_name: str) -> str:
        """The [delivery] keys that shape this format's outputs, as the fingerprint sees them."""
        delivery = self.ctx.config.delivery
        return repr({key: getattr(delivery, key) for key in formats()[format_name].delivery_keys})

    def _subject(self, subject: Issue | Archive) -> str:
        """The digest of what a job renders from; an issue's is shared by its formats' jobs."""
        key = id(subject)
        if key not in self._subject_digests:  # the subject is kept, so its id is not reused
            made_from = digest(self._unplaced(repr(subject)), self._images(subject))
            self._subject_digests[key] = (subject, made_from)
        return self._subject_digests[key][1]

    def _unplaced(self, text: str) -> str:
        """`text` with the workspace's folder left out of the files it names: the same
        workspace moved or copied elsewhere has the same fingerprints, so its build renders
        nothing again and `send` finds the email its build calls up to date current."""
        return self._here.sub("\0workspace\0", text)

    def _templates(self, renderer: Renderer) -> str:
        if renderer.name not in self._template_digests:
            folders = [
                root / folder
                for root in (self.ctx.templates_dir, default_theme_dir())
                for folder in renderer.template_folders
            ]
            files = [
                p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file()
            ]
            files += list(LOCALE_DIR.rglob("*.po"))
            self._template_digests[renderer.name] = files_digest(files, self._root)
        return self._template_digests[renderer.name]

    def _images(self, subject: Issue | Archive) -> str:
        issues = subject.issues if isinstance(subject, Archive) else (subject,)
        documents = self.ctx.config.documents_dir
        paths = {
            documents / image for issue in issues for doc in issue.documents for image in doc.media
        }
        paths |= {documents / file for issue in issues for file in editorial_media(issue)}
        paths |= {issue.cover for issue in issues if issue.cover}
        paths |= {
            documents / image
            for issue in issues
            for image in lead_images(issue, documents).values()
        }
        return files_digest((p for p in paths if p.is_file()), self._root)


def _issue_of(job: Job) -> str | None:
    """The issue a job renders, by its manifest's name (what `publisher serve` rebuilds
    an issue by); none for the archive's."""
    return job.subject.source.stem if isinstance(job.subject, Issue) else None


def _issue_rendered(job: Job) -> Issue | None:
    """The issue a job renders (the web pages' job has it in an archive of its own); none
    for the archive's."""
    subject = job.subject
    if isinstance(subject, Archive) and job.part == "issue" and len(subject.issues) == 1:
        subject = subject.issues[0]
    return subject if isinstance(subject, Issue) else None


def _uses_print_options(format_name: str) -> bool:
    """Whether print options (the command line's page size, margins, bleed…) shape this
    format's outputs: those of a format that reads publisher.toml's [pdf], whose last
    layer they are (the PDF and the leaflet)."""
    return formats()[format_name].settings_table == "pdf"


STAGING_PREFIX = ".staging-"


def _remove_abandoned_staging(out: Path) -> None:
    """Staging folders left by builds that were killed (their process is gone)."""
    if not out.is_dir():
        return
    for folder in out.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name.removeprefix(STAGING_PREFIX).split("-", 1)[0]
        if folder.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _check_target(out: Path, target: Path) -> None:
    """Refuse, before anything moves, a place an output cannot go: a folder in the way,
    a file where its folder should be, a folder we may not write in."""
    if target.is_dir():
        raise PublisherError.at(
            "could not write this file: a folder of that name is in the way",
            target,
            hint="move the folder out of the output folder; publisher owns what is in it",
        )
    folder = target.parent
    while not folder.exists() and folder != out:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise PublisherError.at(
            f"could not write this file: {folder} is not a folder publisher may write in",
            target,
            hint="check the output folder's permissions, or remove the file in the way",
        )


def _place(staged: Path, target: Path) -> None:
    try:
        if target.is_file() and filecmp.cmp(staged, target, shallow=False):
            return  # the same bytes: the file in place keeps its time (see _commit)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
    except OSError as exc:
        raise unwritable(target, exc) from None
