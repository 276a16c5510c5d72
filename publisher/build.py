"""build(): the whole flow in one function, top to bottom.

config → manifests (validated against the document pool) → read documents → assemble
issues → render per-issue outputs → render archive outputs. Nothing is written to the
output folder until every manifest and document has been read without error, and nothing
in it changes unless every render job succeeds (outputs are staged, then moved in) — but
for an output that cannot be made as asked (`renderers.base.OutputFailed`, a leaflet that runs over):
the others are written, then the build fails naming it.

Work already done is not done again: documents are converted once per content (the cache),
and a render job whose inputs did not change is skipped (`jobs.RenderPlan`); `force`
does everything again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import fcntl
import logging
import os
import shlex
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from . import textfiles
from .ahead import SizeOf
from .assemble import assemble, assemble_editions, edition_languages
from .build_notes import (
    note_front_matter,
    note_leaflets_to_impose,
    note_outdated,
    note_own_language_editions,
    note_untranslated_interface,
)
from .cache import (
    Cache,
    captured_warnings,
    digest,
    document_from_record,
    document_record,
    versions_digest,
)
from .clock import build_time
from .config import CONFIG_NAME, Config, load_config
from .elsewhere import ArchiveArticles
from .errors import Problem, PublisherError, near_misses
from .formats import formats as registered_formats
from .formats import select
from .jobs import BuildReport, Progress, RenderPlan, Silent
from .languages import folder_language, language_folder
from .limits import Limits
from .logs import held
from .manifest import (
    IssueManifest,
    former_names,
    former_slug,
    former_slugs,
    manifest_slug,
    read_manifests,
)
from .manifest_schema import number_in_name
from .model import Archive, Document, Download, Issue
from .paths import composed
from .picture_copies import shown_picture
from .pool import DocumentPool, slug_for
from .printing import PrintSettings, resolve
from .readers import Converted, check_size, confined, convert_document, with_text_mended
from .readers.alt_text import say_undescribed
from .readers.markdown import MarkdownReader, editorial_markdown_html
from .readers.metadata import typo_in_files, typo_said
from .renderers.base import ArchiveRenderer, IssueRenderer, Job, RenderContext
from .renderers.links import forget_places, shown_texts, with_archive_links
from .resources import confine_images
from .sanitize import clean_html
from .sites import configurations
from .templating import stray_overrides
from .translations import (
    Translation,
    find_translations,
    in_other_languages,
    language_folders,
    translation_for,
)
from .workers import workers

__all__ = ["BuildReport", "Progress", "Silent", "build", "select_issues"]  # the report's home: jobs

log = logging.getLogger(__name__)


def build(
    root: Path,
    issue_refs: Sequence[str] = (),
    formats: Sequence[str] = (),
    out_dir: Path | None = None,
    progress: Progress | None = None,
    print_overrides: PrintSettings | None = None,
    force: bool = False,
    keep_print_options: bool = False,  # see RenderPlan: `check` building first
) -> BuildReport:
    progress = progress or Silent()
    root = root.resolve()  # paths are part of what outputs are recorded against
    forget_places()  # documents may have moved since this process's last build (serve)
    config = load_config(root)
    chosen = select(formats)
    renderers = [f.renderer_class()() for f in chosen]
    issue_renderers = [r for r in renderers if isinstance(r, IssueRenderer)]
    archive_renderers = [r for r in renderers if isinstance(r, ArchiveRenderer)]
    out = output_folder(out_dir or config.dist_dir)
    refuse_sources_as_output(out, config)
    cache = Cache.for_workspace(root)

    # Manifests are checked against an index of documents/ before anything is converted.
    pool = DocumentPool.scan(config.documents_dir, config.language)
    manifests, selected = load_chosen(config.issues_dir, pool, root, issue_refs)
    check_paper(config, selected, print_overrides or PrintSettings())
    if any(f.name == "leaflet" for f in chosen):
        note_leaflets_to_impose(selected, print_overrides or PrintSettings())
    needed = manifests if archive_renderers else selected
    ctx = RenderContext(
        config, config.templates_dir, build_time(), print_overrides or PrintSettings()
    )
    for warning in stray_overrides(config.templates_dir, config.style.theme):
        log.warning("%s", warning)
    # Language editions: the translations each edition uses (found by file name or front
    # matter, without pandoc), warning of those made from an older original.
    # Every issue's (found once), for links to the articles of issues not built now.
    everywhere = edition_translations(pool, manifests, config.language)
    translated = {m.slug: everywhere[m.slug] for m in needed}
    note_outdated(translated, pool.root)
    # A PDF that is probably to be laid out has its worker warmed while documents are read:
    # with the hyphenation of the issues' languages, when the issue changed since its PDF.
    languages = {config.language} | {e for m in selected for e in (m.language, *m.editions) if e}
    note_untranslated_interface(config, selected)
    note_own_language_editions(config.language, selected)
    changed = {
        m.slug: last_changed(m, pool.root, translated.get(m.slug, {}), root) for m in selected
    }
    with alone(root), RenderPlan(cache, ctx, out, force, keep_print_options, pool) as plan:
        plan.warm_up(
            [f"{m.slug}/{e}" if e else m.slug for m in selected for e in ("", *m.editions)],
            [r.name for r in issue_renderers],
            sorted(languages),
            changed,
            progress,
        )
        for warning in config.style.warnings:  # the logo drawn while PDF workers start
            log.warning("%s", warning)

        # Read every document the selected outputs need, and their translations (unchanged
        # ones from the cache); report all bad ones at once.
        translations = translation_paths(translated)
        documents = read_documents(pool, needed, config, cache, progress, translations)
        note_front_matter(needed, documents)

        # Assemble issues (pure), newest first; drafts are left out. An issue with editions
        # is one Issue per language, the original first.
        known = read_elsewhere(pool, manifests, config, cache, documents)
        archive = ArchiveArticles(manifests, everywhere, pool.root, config.language, known)
        issues, editions = assemble_issues(
            needed, documents, translated, config, cache, archive, progress
        )

        report = BuildReport(out, issues=[m.slug for m in selected])

        # Per-issue outputs: PDF, email, EPUB, leaflets, of every edition; those due run in
        # parallel. Then the archive outputs, which link the downloadable files the records
        # say are built (enclosures, download sizes): rendered just now, or before and still
        # as written. While workers lay out PDFs, they are rendered ahead (ahead.py).
        jobs = [
            job
            for m in selected
            for edition in editions[m.slug]
            for r in issue_renderers
            for job in r.jobs(edition)
        ]

        def archive_jobs(built_size: SizeOf) -> list[Job]:
            ordered = tuple(issues[m.slug] for m in manifests)
            several = {slug: every for slug, every in editions.items() if len(every) > 1}
            every_edition = tuple(e for i in ordered for e in several.get(i.slug, (i,)))
            # Pages link the feeds when they are built: now, or by a build before.
            feeds = "feed" in (f.name for f in chosen) or built_size(Path("feed.atom")) is not None
            archive = Archive(ordered, find_downloads(built_size, every_edition), several, feeds)
            return [job for r in archive_renderers for job in r.jobs(archive)]

        then = archive_jobs if archive_renderers else None
        plan.run(jobs, progress, report, parallel=True, then=then)
        if not issue_refs:  # every issue: what no job of these formats makes now goes
            plan.forget_other_jobs({f.name for f in chosen} if formats else None)
    report.removed = [out / name for name in plan.removed]  # once the plan put it away
    if report.failed:  # the other outputs are in place; the build still fails, naming these
        log.warning("%d output(s) could not be made; the rest are in %s", len(report.failed), out)
        raise PublisherError(*(p for failure in report.failed for p in failure.problems))
    return report


@contextlib.contextmanager
def alone(root: Path) -> Iterator[None]:
    """One build of a workspace at a time: a second waits, saying so, for the first to end.
    Two at once wrote over each other's outputs and render records: the one started first
    could finish last and put back what the editor had just corrected. The lock (flock on
    .publisher/build.lock) goes with the process however it ends; a workspace whose
    .publisher/ cannot be made is built unlocked (its build fails later if it must write)."""
    folder = root / ".publisher"
    try:
        folder.mkdir(exist_ok=True)
        handle = (folder / "build.lock").open("a+", encoding="ascii")
    except OSError:
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            log.warning(
                "another build of this workspace is running (pid %s): waiting for it to end…",
                handle.read().strip() or "?",
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)  # its render workers share the file: not at close


def output_folder(out: Path) -> Path:
    """`out` resolved, as outputs are recorded against it. A symbolic link leading back to
    itself (`ln -s dist dist`, made in the wrong folder) has no folder at its end: said as
    the user's to fix, not as publisher's crash (Python before 3.13 raises RuntimeError
    resolving it; later ones resolve it to itself, which no folder can be made at)."""
    try:
        out.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PublisherError.at(
                "the output folder is a symbolic link that links to itself, directly or"
                " through others",
                out,
                hint=f"remove the link (rm {shlex.quote(str(out))}) or build with --out",
            ) from None
    return out.resolve()


def refuse_sources_as_output(out: Path, config: Config) -> None:
    """An output folder that is the workspace itself, or inside what the editor writes,
    would have builds overwrite documents and manifests (an `index.html` document, say)
    and read their own outputs back as documents."""
    root = config.root.resolve()
    sources = [config.documents_dir, config.issues_dir, config.templates_dir, root / ".publisher"]
    inside = next((s for s in sources if out.is_relative_to(s.resolve())), None)
    if out == root or inside:
        what = f"inside {inside.name}/" if inside else "the workspace folder itself"
        raise PublisherError.at(
            f"the output folder {out} is {what}: a build would write over your files",
            hint="build into a folder of its own, e.g. --out dist (the default)",
        )


def check_paper(
    config: Config, manifests: Sequence[IssueManifest], overrides: PrintSettings
) -> None:
    """Page sizes and margins that leave no room for text on the issue's page are refused
    before anything is read or rendered, naming the file whose setting made them so. The
    leaflet's page (A5, A6) may not take margins the issue's does: that fails the leaflet
    only, as it is rendered (renderers.leaflet)."""
    from .renderers.pdf import ISSUE_DEFAULTS

    toml = config.root / CONFIG_NAME
    impositions = registered_formats()["pdf"].impositions
    for manifest in manifests:
        stack: list[PrintSettings] = []
        for source, layer in [(toml, config.pdf), (manifest.path, manifest.pdf), (None, overrides)]:
            stack.append(layer)
            try:
                resolve(ISSUE_DEFAULTS, *stack, impositions=impositions)
            except PublisherError as exc:
                raise PublisherError(
                    *(dataclasses.replace(p, file=p.file or source) for p in exc.problems)
                ) from None


def load_chosen(
    issues_dir: Path, pool: DocumentPool, workspace: Path, refs: Sequence[str]
) -> tuple[list[IssueManifest], list[IssueManifest]]:
    """Every issue whose manifest loads, and those `refs` choose (`select_issues`). A
    manifest that does not load stops the command when it is asked for, by its name or
    with every issue; else its issue is left out, its problems said as warnings: the next
    issue, begun while this one still needs a fix or a send, must not hold this one up."""
    manifests, broken = read_manifests(issues_dir, pool, workspace)
    problems = [problem for found in broken.values() for problem in found]
    numbers = {m.number for m in manifests}
    asked = [path for path in broken if any(_names_manifest(ref, path, numbers) for ref in refs)]
    if problems and (asked or not refs):
        raise PublisherError(*(problem for path in asked or broken for problem in broken[path]))
    try:
        selected = select_issues(manifests, refs)
    except PublisherError as exc:  # perhaps a broken one, by a number only its file knows
        raise PublisherError(*problems, *exc.problems) from None
    for path, found in broken.items():
        for problem in found:
            log.warning("%s", problem)
        log.warning(
            "left out issue %s until its manifest is fixed (from the archive pages, feeds"
            " and links to it too)",
            manifest_slug(path),
        )
    return manifests, selected


def _names_manifest(ref: str, path: Path, numbers: set[int]) -> bool:
    """`ref` names the issue of the manifest at `path` by its name, as `select_issues`
    takes names, or by the number its file name starts with (`43` for 043-summer.yaml)
    when no issue that loads has it: for a manifest that does not load, whose own number
    is not known. Without it, `build 43` said "no issue '43'" under 043's own problem."""
    names = (manifest_slug(path), former_slug(path), path.name, path.stem)
    by_number = ref.isdigit() and int(ref) not in numbers
    return (
        composed(ref) in {composed(name) for name in names}
        or _is_manifest(ref, path)
        or (by_number and number_in_name(path.name) == int(ref))
    )


def select_issues(manifests: list[IssueManifest], refs: Sequence[str]) -> list[IssueManifest]:
    """Issues named on the command line by slug (or the one it had before Arabic and Hebrew
    names kept their letters, which scripts and notes still use), number or manifest path;
    all when none. A former name two issues shared is refused, naming both: building both,
    or sending one of them, would not be what was asked."""
    if not refs:
        return manifests
    chosen = []
    formers = former_slugs(m.path for m in manifests)
    for ref in refs:
        match = [
            m
            for m in manifests
            if composed(ref) in _names_of(m, formers)
            or (ref.isdigit() and int(ref) == m.number)  # "041", as the slug writes it
            or _is_manifest(ref, m.path)
        ]
        if not match:
            names = {m.slug for m in manifests}
            raise PublisherError.at(
                _shared_name(ref, manifests) or f"no issue {ref!r}",
                hint=near_misses(ref, names) or f"issues: {', '.join(sorted(names)) or 'none yet'}",
            )
        chosen += [m for m in match if m not in chosen]
    return chosen


def _names_of(manifest: IssueManifest, formers: dict[Path, str]) -> set[str]:
    """The names that select an issue on the command line, composed (NFC): an Arabic name
    typed, or pasted from a Mac's file name, spells إ as one character or two. Its former
    slug, where that names it alone (`formers`: `manifest.former_slugs`)."""
    path = manifest.path
    former = (formers[path],) if path in formers else ()
    names = (manifest.slug, *former, str(manifest.number), path.name, path.stem)
    return {composed(name) for name in names}


def _shared_name(ref: str, manifests: Sequence[IssueManifest]) -> str:
    """Why `ref` names no issue, when it was the name of several before Arabic and Hebrew
    names kept their letters ('ml' for عمال and عمل)."""
    same = former_names(m.path for m in manifests).get(composed(ref), [])
    if len(same) < 2:
        return ""
    names = " and ".join(manifest_slug(path) for path in sorted(same))
    return (
        f"{ref!r} names more than one issue: it was the name of {names} before Arabic and"
        " Hebrew names kept their letters; name the issue by its name now"
    )


def _is_manifest(ref: str, manifest: Path) -> bool:
    """`ref` is a path to the manifest (`issues/041.yaml`, as tab completion writes it) from
    the current folder or from the workspace's (`-C`), which holds `issues/`."""
    if "/" not in ref and os.sep not in ref:
        return False
    workspace = manifest.parent.parent
    return manifest.resolve() in {Path(ref).resolve(), (workspace / ref).resolve()}


def read_documents(
    pool: DocumentPool,
    manifests: Sequence[IssueManifest],
    config: Config,
    cache: Cache,
    progress: Progress,
    translations: Sequence[Path] = (),
) -> dict[Path, Document]:
    """Documents by path (the manifests', then the `translations` their editions use);
    pandoc runs (in threads: it is a subprocess) only for new content."""
    wanted = list(dict.fromkeys([*(p for m in manifests for p in m.documents), *translations]))
    progress.expect(len(wanted))
    documents: dict[Path, Document] = {}
    problems: list[Problem] = []
    with typos_grouped(), ThreadPoolExecutor(max_workers=workers()) as threads:
        futures = _reading(threads, _read_cached, pool, wanted, config, cache)
        for relative, future in futures.items():
            with progress.task(f"reading {relative.as_posix()}"):
                try:
                    documents[relative] = future.result()
                except PublisherError as exc:
                    problems += exc.problems
    if problems:
        raise PublisherError(*problems)
    return documents


@contextlib.contextmanager
def typos_grouped() -> Iterator[None]:
    """What reading the documents says, said when it is done, in order, but a key
    misspelt alike in several files (a site's archetype copied into each post) said once,
    with their count (`typo_in_files`), where the first of them was."""
    records: list[logging.LogRecord] = []
    try:
        with held() as records:
            yield
    finally:
        typos: dict[tuple[str, str], list[str]] = {}
        for record in records:
            if record.levelno >= logging.WARNING and (typo := typo_said(record.getMessage())):
                typos.setdefault(typo[1:], []).append(typo[0])
        for record in records:
            typo = typo_said(record.getMessage()) if record.levelno >= logging.WARNING else None
            if typo is None or len(places := typos[typo[1:]]) == 1:
                logging.getLogger(record.name).handle(record)
            elif places[0] == typo[0]:
                log.warning("%s", typo_in_files(*typo[1:], places))


_HERE = "\x00document\x00"  # the document's path in a remembered warning: it may move


def reading_language(relative: Path, mirrored: set[Path], config: Config) -> str:
    """The language a document is read in when it does not say: its language folder's
    (fr/posts/x.md beside posts/x.md), else the newsletter's."""
    in_folder = folder_language(relative) if language_folder(relative) in mirrored else None
    return in_folder or config.language


def _document_key(pool: Path, relative: Path, language: str, strict: bool, limits: Limits) -> str:
    """What a conversion of the document is cached under: everything that shapes it."""
    path = pool / relative
    return digest(
        versions_digest(),
        relative.as_posix(),
        slug_for(relative),  # the document's slug, which how slugs are made may change
        language,
        str(strict),
        repr(limits),
        path.read_bytes(),
        configurations(path, pool),  # the site's values a post prints (Hugo's param)
    )


def cached_document(
    config: Config, pool: DocumentPool, relative: Path, mirrored: set[Path]
) -> Document | None:
    """The document as the last build that read it read it, without reading it again (None
    when no build has, or it changed since): what the composer lists of a Word file.
    `mirrored`: the pool's `language_folders`, found once for all its documents."""
    language = reading_language(relative, mirrored, config)
    try:
        key = _document_key(
            pool.root, relative, language, config.strict_front_matter, config.limits
        )
    except OSError:
        return None
    record = Cache.for_workspace(config.root).load("documents", key)
    return document_from_record(record["document"]) if record else None


def _read_cached(
    pool: Path, relative: Path, language: str, strict: bool, limits: Limits, cache: Cache
) -> Document:
    converted = _converted(pool, relative, language, strict, limits, cache)
    # Images every time: which files exist, and where the workspace is, may have changed.
    return confined(converted, pool, pool / relative, limits)


def _converted(
    pool: Path, relative: Path, language: str, strict: bool, limits: Limits, cache: Cache
) -> Converted:
    """The document as pandoc converts it: from the cache, its warnings said again (a cached
    document's problems remain), else converted now and cached."""
    path = pool / relative
    check_size(path, limits)  # before the digest reads the whole file
    key = _document_key(pool, relative, language, strict, limits)
    if record := cache.load("documents", key):
        for warning in record["warnings"]:
            log.warning("%s", warning.replace(_HERE, str(path)))
        return Converted(document_from_record(record["document"]), tuple(record["sources"]))
    with captured_warnings() as warnings:
        converted = convert_document(
            path, slug_for(relative), language, strict=strict, limits=limits
        )
    record = {"document": document_record(converted.document), "sources": converted.sources}
    said = [warning.replace(str(path), _HERE) for warning in warnings]
    cache.store("documents", key, {**record, "warnings": said})
    return converted


_Read = TypeVar("_Read")


def _reading(
    threads: ThreadPoolExecutor,
    read: Callable[[Path, Path, str, bool, Limits, Cache], _Read],
    pool: DocumentPool,
    relatives: Iterable[Path],
    config: Config,
    cache: Cache,
) -> dict[Path, Future[_Read]]:
    """Each of `relatives` being `read` in `threads` (pandoc is a subprocess), in the
    language its place gives it (fr/posts/x.md: in French)."""
    mirrored = language_folders(pool, config.language)
    return {
        relative: threads.submit(
            read,
            pool.root,
            relative,
            reading_language(relative, mirrored, config),
            config.strict_front_matter,
            config.limits,
            cache,
        )
        for relative in relatives
    }


def read_elsewhere(
    pool: DocumentPool,
    manifests: Sequence[IssueManifest],
    config: Config,
    cache: Cache,
    read: Mapping[Path, Document],
) -> dict[Path, Document]:
    """`read` with the other documents of `manifests` that only their reader can tell are
    drafts (not Markdown, whose front matter `elsewhere` reads itself): an HTML page's
    `<meta name="draft">`, reStructuredText's `:draft:`, for links to them to lead to no
    page the archive does not have. From the conversion cache, which a build of their issue
    fills, else converted now (and cached), quietly: their own issue's build says what is
    wrong with them; one that cannot be read is left out."""
    wanted = {
        relative
        for m in manifests
        for section in m.sections  # those the web archive publishes (a leaflet's is printed)
        for relative in section.documents
        if relative not in read and relative.suffix.lower() not in MarkdownReader.extensions
    }
    found = dict(read)
    with held(), ThreadPoolExecutor(max_workers=workers()) as threads:
        futures = _reading(threads, _converted, pool, sorted(wanted), config, cache)
        for relative, future in futures.items():
            try:
                found[relative] = future.result().document
            except (OSError, PublisherError):
                continue
    return found


def edition_translations(
    pool: DocumentPool, manifests: Sequence[IssueManifest], language: str
) -> dict[str, dict[Path, dict[str, Translation]]]:
    """Issue slug → its documents' translations into its editions' languages (a document
    translated into `es-ES` serves the `es` edition when no `es` translation exists); a
    document that is itself a translation is "translated" by its original and the
    original's other translations (`in_other_languages`)."""
    if not any(m.editions for m in manifests):
        return {m.slug: {} for m in manifests}
    found = find_translations(pool, {d for m in manifests for d in m.documents}, language)
    chosen: dict[str, dict[Path, dict[str, Translation]]] = {}
    for manifest in manifests:
        languages = edition_languages(manifest, manifest.language or language)
        by_doc: dict[Path, dict[str, Translation]] = {}
        for doc in manifest.documents if languages else ():
            available = in_other_languages(doc, found, pool.root, language)
            for edition in languages:
                if match := translation_for(available, edition):
                    by_doc.setdefault(doc, {})[edition] = match
        chosen[manifest.slug] = by_doc
    return chosen


def last_changed(
    manifest: IssueManifest,
    pool: Path,
    translated: Mapping[Path, Mapping[str, Translation]],
    root: Path,
) -> int:
    """When the newest of an issue's sources was modified (ns): its manifest, documents,
    translations and publisher.toml (0 for one that cannot be read: reading will say why)."""
    sources = [manifest.path, root / CONFIG_NAME, *(pool / d for d in manifest.documents)]
    sources += [pool / t.path for t in _each(translated)]
    newest = 0
    for source in sources:
        with contextlib.suppress(OSError):
            newest = max(newest, source.stat().st_mtime_ns)
    return newest


def translation_paths(
    translated: Mapping[str, Mapping[Path, Mapping[str, Translation]]],
) -> list[Path]:
    """The translations the editions use, to read beside the documents."""
    return [t.path for by_doc in translated.values() for t in _each(by_doc)]


def assemble_issues(
    manifests: Sequence[IssueManifest],
    documents: Mapping[Path, Document],
    translated: Mapping[str, Mapping[Path, Mapping[str, Translation]]],
    config: Config,
    cache: Cache,
    archive: ArchiveArticles | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, Issue], dict[str, tuple[Issue, ...]]]:
    """Each issue by slug, and each with its language editions, the original first; their
    documents' links to one another, and to the `archive`'s other articles, point at the
    web archive (`with_archive_links`). Each issue is a step of `progress`: a big
    archive's take a while, and the bar sat still at the last document read."""
    progress = progress or Silent()
    progress.expect(len(manifests))
    editions: dict[str, tuple[Issue, ...]] = {}
    for listed in manifests:
        with progress.task(f"assembling {listed.slug}"):
            m = with_shown_cover(listed, config)
            issue = assemble(m, documents, editorial_html(m, config, cache), config)
            own = edition_editorials(m, config, cache)
            assembled = assemble_editions(m, issue, documents, translated[m.slug], own)
            shown = shown_texts(assembled, config)
            editions[m.slug] = tuple(
                with_archive_links(
                    edition,
                    config,
                    _editorial_line(m, edition.edition),
                    archive.around(edition, config.base_url) if archive else None,
                    shown,
                )
                for edition in assembled
            )
    return {slug: every[0] for slug, every in editions.items()}, editions


def _editorial_line(manifest: IssueManifest, edition: str) -> int:
    """The manifest's line an edition's editorial starts at, for warnings about its links
    to look for them from: its own editorial's, else the original's (from the top)."""
    texts = manifest.edition_texts.get(edition)
    return texts.editorial_line if texts and texts.editorial.strip() else 1


def with_shown_cover(manifest: IssueManifest, config: Config) -> IssueManifest:
    """The manifest with a cover in a format no output shows (a phone's HEIC photo) replaced
    by the copy they show (picture_copies), made in documents/media/<issue>/ like a
    document's; without a cover when none can be made (a warning says why)."""
    cover = manifest.cover
    if cover is None:
        return manifest
    _say_undescribed_cover(manifest, config.root)
    pool = config.documents_dir.resolve()
    shown = shown_picture(cover, pool, manifest.path, config.limits.image_pixels, f"cover {cover}")
    return manifest if shown == cover else dataclasses.replace(manifest, cover=shown)


def _say_undescribed_cover(manifest: IssueManifest, root: Path) -> None:
    """Warn, at its line, of a cover with no cover_alt: as of a picture in a document with
    no description, since every output shows it (the email's with images off, a blank box
    under the masthead)."""
    if manifest.cover is None or manifest.cover_alt:
        return
    line = textfiles.line_of(textfiles.written_text(manifest.path), "cover:")
    cover, workspace = manifest.cover, root.resolve()
    log.warning(
        "%s: the cover %s has no description (alt text) for readers who cannot see it:"
        ' write what it shows as cover_alt: "…" in the manifest',
        textfiles.where(manifest.path, line),
        cover.relative_to(workspace).as_posix() if cover.is_relative_to(workspace) else cover,
    )


def _each(by_doc: Mapping[Path, Mapping[str, Translation]]) -> list[Translation]:
    return [t for by_language in by_doc.values() for t in by_language.values()]


def edition_editorials(manifest: IssueManifest, config: Config, cache: Cache) -> dict[str, str]:
    """The editorials the manifest gives its editions, as HTML, by language."""
    return {
        language: editorial_html(manifest, config, cache, texts.editorial, language)
        for language, texts in manifest.edition_texts.items()
        if texts.editorial.strip()
    }


def editorial_html(
    manifest: IssueManifest,
    config: Config,
    cache: Cache,
    text: str | None = None,
    language: str | None = None,
) -> str:
    """The manifest's editorial, sanitised and with its images confined like a document's.

    It is written in the manifest but shown beside documents, so it gets the same policy:
    only images that are files inside documents/ remain. Relative image paths resolve
    against the workspace, as the manifest's `cover:` does (`documents/media/x.png`).
    Confinement runs on every build (not cached): it depends on which files exist.
    """
    text = manifest.editorial if text is None else text
    if not text.strip():
        return ""
    language = language or manifest.language or config.language
    key = digest(versions_digest(), "editorial", text, language)
    if record := cache.load("editorials", key):
        mended = record["html"]
    else:
        # pandoc, sandboxed: reads nothing, fetches nothing; then mended as a document is,
        # which reads each paragraph's language (`passages`): not again in a build with
        # nothing to do
        html = editorial_markdown_html(text, id_prefix="editorial-")
        mended = with_text_mended(clean_html(html), language)
        cache.store("editorials", key, {"html": mended})
    body, _ = confine_images(
        mended, config.documents_dir, manifest.path, base=config.root, limits=config.limits
    )
    say_undescribed(body, manifest.path)
    return body


def find_downloads(built_size: SizeOf, issues: Sequence[Issue]) -> dict[str, tuple[Download, ...]]:
    """The downloadable files of each issue (each edition: by `Issue.folder`) that the
    render records hold, with their sizes (`built_size`: None for a file no record holds),
    in format order."""
    offering = [(f.name, f.download) for f in registered_formats().values() if f.download]
    downloads: dict[str, tuple[Download, ...]] = {}
    for issue in issues:
        found = []
        for name, offer in offering:
            relative = offer.path(issue.slug, issue.edition)
            if (size := built_size(relative)) is not None:
                saved_as = offer.saved_as(issue.slug, issue.edition)
                found.append(
                    Download(name, relative, offer.media_type, size, offer.label, saved_as)
                )
        downloads[issue.folder] = tuple(found)
    return downloads
