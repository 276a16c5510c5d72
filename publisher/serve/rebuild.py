"""Rebuilding while the server runs, in two stages, one build at a time.

The formats a browser shows (those whose Format is `foreground`: web pages, feeds, email)
take about a second: they are built here, at once, so an edit shows within two seconds.
The others (print and e-book) take several: they follow in a child process, and the next
change stops that process rather than waiting for it (every output is written atomically,
so a stopped build leaves old files or new ones). The child rebuilds the archive formats
too, so their download sizes match the files just written.
Both stages are plain calls to build(), which decides how much work each one needs.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, NoReturn

import click

from ..assemble import edition_languages
from ..build import build
from ..config import load_config
from ..errors import PublisherError
from ..formats import formats
from ..logs import concerned_issue, kept
from ..manifest import IssueManifest, is_manifest_name, load_manifests, manifest_paths
from ..pool import DocumentPool
from ..readers import EXTENSIONS
from ..stopping import signals_deferred
from ..urls import issue_folder
from .status import EditionLink, IssueLink, Status, Warned, has_outputs


@dataclass(frozen=True)
class Stage:
    name: str
    formats: tuple[str, ...]

    @property
    def label(self) -> str:
        return ", ".join(self.formats)


def preview_stage() -> Stage:
    """What the browser shows, built at once."""
    return Stage("preview", tuple(name for name, f in formats().items() if f.foreground))


def archive_stage() -> Stage:
    """The preview when a change touches no issue's own outputs: the archive formats shown."""
    shown = formats().items()
    return Stage("preview", tuple(n for n, f in shown if f.foreground and f.stage == "archive"))


def background_stage() -> Stage:
    """The slow formats, and the archive again so it links their files as just written."""
    every = formats().items()
    return Stage(
        "background", tuple(n for n, f in every if not f.foreground or f.stage == "archive")
    )


# A build runs in a child forked from multiprocessing's fork server: a process started
# afresh, not a copy of this one with its server threads, that has imported the build and
# WeasyPrint once (warm.py), so each build starts without importing them again.
_PROCESSES = multiprocessing.get_context("forkserver")
_PROCESSES.set_forkserver_preload([__name__, "publisher.serve.warm"])


@dataclass(frozen=True)
class Scope:
    """The issues whose own outputs (email, PDF, EPUB…) are out of date: every issue, some
    (named by their manifest's file name), or none (the archive pages may still change)."""

    every: bool = False
    issues: frozenset[str] = frozenset()

    def __or__(self, other: Scope) -> Scope:
        return Scope(self.every or other.every, self.issues | other.issues)

    def __bool__(self) -> bool:
        return self.every or bool(self.issues)

    def within(self, existing: Collection[str]) -> Scope:
        """Without issues whose manifest has gone since."""
        return Scope(self.every, self.issues & frozenset(existing))

    @property
    def refs(self) -> tuple[str, ...]:
        """The issue arguments for build(): none means every issue."""
        return () if self.every else tuple(sorted(self.issues))


EVERY = Scope(every=True)


def scope_of(root: Path, changed: Iterable[Path]) -> Scope:
    """A manifest touches its issue, a document the issues that use it (a new one: none);
    anything else (publisher.toml, templates, images, or sources that do not load) every one."""
    try:
        config = load_config(root)
        manifests = load_manifests(
            config.issues_dir, DocumentPool.scan(config.documents_dir, config.language), root
        )
    except PublisherError:
        return EVERY  # the build will say what is wrong
    issues: set[str] = set()
    for path in changed:
        if path.parent == config.issues_dir and is_manifest_name(path):
            issues.add(path.stem)
        elif path.is_relative_to(config.documents_dir) and path.suffix.lower() in EXTENSIONS:
            document = path.relative_to(config.documents_dir)
            issues |= {m.path.stem for m in manifests if document in m.documents}
        else:
            return EVERY
    return Scope(issues=frozenset(issues))


def issue_links(root: Path) -> tuple[IssueLink, ...]:
    config = load_config(root)
    manifests = load_manifests(
        config.issues_dir, DocumentPool.scan(config.documents_dir, config.language), root
    )
    return tuple(
        IssueLink(m.slug, m.number, m.title, m.date, edition_links(m, config.language))
        for m in manifests
    )


def edition_links(manifest: IssueManifest, language: str) -> tuple[EditionLink, ...]:
    """The language editions a build makes of the issue, each with its web page and the
    files of its own the preview index links: its email, and the downloads (PDF…)."""
    links = []
    for edition in edition_languages(manifest, manifest.language or language):
        folder = issue_folder(manifest.slug, edition)
        files = {"email": f"/{folder}/email.html"}  # as the email renderer names it
        for name, shape in formats().items():
            offer = shape.download
            if offer is None or (offer.only_with and getattr(manifest, offer.only_with) is None):
                continue  # no file to download, or none for this issue (it has no leaflet)
            files[name] = "/" + offer.path(manifest.slug, edition).as_posix()
        texts = manifest.edition_texts.get(edition)
        links.append(EditionLink(edition, texts.title if texts else "", f"/{folder}/", files))
    return tuple(links)


class Rebuilder:
    """Every build of one `publisher serve`; only ever called from one thread."""

    def __init__(self, root: Path, status: Status, dist: Path | None = None) -> None:
        self.root = root
        self.status = status
        self.dist = dist or load_config(root).dist_dir  # where the outputs served are
        self._owed = EVERY  # issues the preview stage has not built since they changed
        self._owed_background = Scope()
        self._names: set[str] = set()  # the issues there were at the last build
        self._child: BaseProcess | None = None
        self._result: Connection | None = None
        self._started = 0.0
        self._rebuilding: Scope = Scope()  # the issues the background build is of
        self._said: set[str] = set()  # the warnings the terminal shows that still stand
        _start_fork_server()  # its imports overlap the first preview build

    def changed(self, paths: Iterable[Path]) -> None:
        """Sources changed: stop the background build, build the preview, start it again."""
        self.poll()
        self._stop_background()
        self._owed |= scope_of(self.root, paths)
        self.rebuild()

    def rebuild(self) -> None:
        """Build what the browser shows for every issue owed, then start the background stage."""
        names = _issue_names(self.root)
        gone = self._names - names
        if gone:  # an issue removed or renamed: only a build of every issue in every
            self._owed_background |= EVERY  # format takes its files away
        self._names = names
        scope = self._owed.within(names)
        stage = preview_stage() if scope else archive_stage()
        started = time.monotonic()
        warnings: list[Warned] = []
        try:
            with warnings_of(self.root) as warnings:
                build(self.root, scope.refs, stage.formats)
            self.status.issues = issue_links(self.root)
        except Exception as exc:  # the server stays up and shows the error in the page
            self._report(stage, started, _describe(exc), tuple(warnings))
            return  # still owed: built with the next change
        self._owed = Scope()
        self._owed_background |= scope
        self._start_background()  # first, so that whoever hears the news finds it running
        self._report(stage, started, None, tuple(warnings), _rebuilt(scope, gone))

    def poll(self) -> None:
        """Collect the background build if it has ended; the loop calls this every tick."""
        if self._child is None or self._result is None or not self._result.poll():
            return
        child, result = self._child, self._result
        self._child = self._result = None
        warnings: tuple[Warned, ...] = ()
        try:
            error, warnings = result.recv()
        except EOFError:  # it ended without a word: a crash, whose traceback is on stderr
            error = "the background build stopped unexpectedly; the terminal shows why"
        result.close()
        child.join(timeout=10)
        if error is None:
            self._owed_background = Scope()
        self._report(background_stage(), self._started, error, warnings, _rebuilt(self._rebuilding))

    def close(self) -> None:
        self._stop_background()

    def _start_background(self) -> None:
        scope = self._owed_background.within(_issue_names(self.root))
        if not scope:
            return
        # Every issue: every format too, the build that takes away what no output makes
        # any more (a withdrawn issue must not stay in dist/); what is up to date is skipped.
        formats = () if scope.every else background_stage().formats
        result, sender = _PROCESSES.Pipe(duplex=False)
        child = _PROCESSES.Process(
            target=build_in_background,
            args=(self.root, scope.refs, formats, sender),
            name="publisher-background-build",
            daemon=True,
        )
        # start() waits for the fork server's warm-up, where a first Ctrl+C lands: heard
        # there, it would leave a child running that nobody stops. It is heard once the
        # child is ours, and close() stops it.
        with signals_deferred():
            child.start()
            sender.close()  # the child holds the only writer now, so its end shows here as EOF
            self._child, self._result, self._started = child, result, time.monotonic()
            self._rebuilding = scope

    def _stop_background(self) -> None:
        if self._child is None:
            return
        self._child.terminate()
        self._child.join(timeout=5)
        if self._child.is_alive():
            self._child.kill()
            self._child.join()
        if self._result is not None:
            self._result.close()
        self._child = self._result = None

    def _report(
        self,
        stage: Stage,
        started: float,
        error: str | None,
        warnings: tuple[Warned, ...] = (),
        rebuilt: Collection[str] | None = None,
    ) -> None:
        self.status.finished(stage.name, error, warnings, rebuilt)
        self._say_new(warnings, error is None)
        seconds = f"{time.monotonic() - started:.1f} s"
        clock = time.strftime("%H:%M:%S")
        if error is None:
            click.echo(f"{clock} built {stage.label} in {seconds}")
        else:
            served = (
                "serving the last good outputs"
                if has_outputs(self.dist)
                else "nothing built yet; fix this and it builds"
            )
            click.secho(
                f"{clock} build of {stage.label} failed after {seconds} ({served}):\n" + error,
                fg="red",
                err=True,
            )

    def _say_new(self, warnings: tuple[Warned, ...], good: bool) -> None:
        """Print what a build warned of that the terminal has not said since it last
        stood: each stage of every build says the same warnings again (a theme's copies in
        templates/, an outdated translation), and six long lines a save buried the
        "built" and "failed" lines. A warning mended and back is said again."""
        for text in dict.fromkeys(warned.text for warned in warnings):
            if text not in self._said:
                click.echo(f"warning: {text}", err=True)
        # What stands now: the pages' list after a good build (every stage's); a failed
        # build changes no list, and what it warned of is said once until one does.
        said = {warned.text for warned in warnings}
        self._said = set(self.status.warnings) | said if good else self._said | said


def build_in_background(
    root: Path, refs: tuple[str, ...], formats: tuple[str, ...], result: Connection
) -> None:
    """The child process: one build, then its error (or None) sent back."""
    stopped = stop_on_sigterm()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C: the parent stops us itself
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s")
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # WeasyPrint's: stylesheets.py
    # publisher's warnings go back to the parent, which says those not said already
    logging.getLogger("publisher").propagate = False
    warnings: list[Warned] = []
    try:
        with warnings_of(root) as warnings:
            build(root, refs, formats)
    except PublisherError as exc:
        result.send((str(exc), tuple(warnings)))
    except BaseException:
        if stopped.is_set():  # however a library passed the SystemExit on: no traceback
            # Files are tidied by now; tearing down an interpreter full of WeasyPrint
            # would only keep the next preview waiting.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(1)
        raise
    else:
        result.send((None, tuple(warnings)))
    # Over: a stop now would only cut into the interpreter's tidying up (a temporary
    # folder's removal), and print a SystemExit's traceback into serve's output
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def stop_on_sigterm() -> threading.Event:
    """SIGTERM (the next change's stop) ends this process through Python, so that an
    atomic write under way removes its temporary file; the event says it came."""
    stopped = threading.Event()

    def stop(signum: int, frame: object) -> NoReturn:
        # The render workers write nothing: killed at once, they finish no page nobody
        # wants.
        stopped.set()
        for worker in multiprocessing.active_children():
            worker.kill()
        raise SystemExit(1)

    printed = sys.unraisablehook

    def unraisable(unraisable: Any) -> None:
        # Raised inside a finalizer (a font's __del__, an import lock's callback), where
        # Python prints it with a traceback and goes on: the stop comes again, once the
        # finalizer is over (a signal sent from here would be heard in here), to end the
        # build where it can.
        if stopped.is_set() and isinstance(unraisable.exc_value, SystemExit):
            again = threading.Timer(0.01, os.kill, (os.getpid(), signal.SIGTERM))
            again.daemon = True
            again.start()
        else:
            printed(unraisable)

    sys.unraisablehook = unraisable
    signal.signal(signal.SIGTERM, stop)
    return stopped


def _rebuilt(scope: Scope, gone: Collection[str] = ()) -> frozenset[str] | None:
    """The issues whose warnings a build of `scope` replaces (None: every issue's), those
    `gone` since the last build with them: they warn of nothing any more."""
    return None if scope.every else scope.issues | frozenset(gone)


@contextmanager
def warnings_of(root: Path) -> Iterator[list[Warned]]:
    """What a build in the block warns of, from every thread, and the issue each warning
    is about; the workspace's own paths relative to it (the page shows `documents/x.md:9`,
    as the editor knows the file). They reach the terminal through the Rebuilder alone,
    which says each once (`_say_new`), not through the handlers printing records."""
    with _warnings_unprinted(), kept(logging.WARNING) as records:
        said: list[Warned] = []
        try:
            yield said
        finally:
            prefix = f"{root}{os.sep}"
            said += [
                Warned(concerned_issue(record), record.getMessage().replace(prefix, ""))
                for record in records
            ]


@contextmanager
def _warnings_unprinted() -> Iterator[None]:
    """The handlers publisher's logger has (the terminal's) pass over warnings in the
    block; its notes they print."""
    handlers = list(logging.getLogger("publisher").handlers)
    for handler in handlers:
        handler.addFilter(_below_warning)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(_below_warning)


def _below_warning(record: logging.LogRecord) -> bool:
    return record.levelno < logging.WARNING


def _start_fork_server() -> None:
    """Start the fork server deaf to Ctrl+C, as it makes itself once warm: a Ctrl+C during
    its second of imports would print their traceback (the terminal's Ctrl+C reaches the
    whole process group). `serve` stops it, by ending; it ends with its parent."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited through its exec
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def _issue_names(root: Path) -> set[str]:
    return {path.stem for path in manifest_paths(root / "issues")}


def _describe(exc: Exception) -> str:
    if isinstance(exc, PublisherError):
        return str(exc)
    traceback.print_exc()
    return f"internal error (a bug in publisher): {exc!r}; the terminal shows the traceback"
