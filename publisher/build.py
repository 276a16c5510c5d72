"""build(): the whole flow in one function, top to bottom.

config → manifests (validated against the document pool) → read documents → assemble
issues → render per-issue outputs → render archive outputs. Nothing is written to the
output folder until every manifest and document has been read without error.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .assemble import assemble
from .config import Config, load_config
from .errors import Problem, PublisherError, near_misses
from .manifest import IssueManifest, load_manifests
from .model import Archive, Document, Download, Issue
from .output import write_artifacts
from .pool import DocumentPool, slug_for
from .readers import read_document
from .renderers import REGISTRY, ArchiveRenderer, IssueRenderer, RenderContext
from .templating import make_environment


class Progress(Protocol):
    """Shows long work to the user; `build` announces its total, then each unit of work."""

    def begin(self, total: int) -> None: ...
    def task(self, description: str) -> AbstractContextManager[object]: ...


class _Silent:
    def begin(self, total: int) -> None:
        pass

    def task(self, description: str) -> AbstractContextManager[object]:
        return nullcontext()


@dataclass
class BuildReport:
    out_dir: Path
    issues: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def build(
    root: Path,
    issue_refs: Sequence[str] = (),
    formats: Sequence[str] = (),
    out_dir: Path | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    progress = progress or _Silent()
    config = load_config(root)
    renderers = [REGISTRY[name]() for name in select_formats(formats)]
    issue_renderers = [r for r in renderers if isinstance(r, IssueRenderer)]
    archive_renderers = [r for r in renderers if isinstance(r, ArchiveRenderer)]
    out = (out_dir or config.dist_dir).resolve()

    # Manifests are checked against an index of documents/ before anything is converted.
    pool = DocumentPool.scan(config.documents_dir)
    manifests = load_manifests(config.issues_dir, pool, root)
    selected = select_issues(manifests, issue_refs)
    needed = manifests if archive_renderers else selected
    progress.begin(
        len({p for m in needed for p in m.documents})
        + len(needed)
        + len(selected) * len(issue_renderers)
        + len(archive_renderers)
    )

    # Read every document the selected outputs need; report all bad ones at once.
    documents = read_documents(pool, needed, config, progress)

    # Assemble issues (pure), newest first.
    issues = {}
    for manifest in needed:
        with progress.task(f"editorial of {manifest.slug}"):
            editorial = _editorial_html(manifest)
        issues[manifest.slug] = assemble(manifest, documents, editorial, config)

    ctx = RenderContext(config, make_environment(config.templates_dir), build_time())
    report = BuildReport(out)

    # Per-issue outputs: PDF, email, EPUB.
    for manifest in selected:
        issue = issues[manifest.slug]
        report.issues.append(issue.slug)
        for renderer in issue_renderers:
            with progress.task(f"{renderer.name} of {issue.slug}"):
                report.written += write_artifacts(out, renderer.render(issue, ctx))

    # Archive outputs link the downloadable files now on disk (enclosures, download sizes).
    if archive_renderers:
        ordered = tuple(issues[m.slug] for m in manifests)
        archive = Archive(ordered, find_downloads(out, ordered))
        for renderer in archive_renderers:
            with progress.task(f"{renderer.name} archive"):
                report.written += write_artifacts(out, renderer.render(archive, ctx))
    return report


def select_formats(formats: Sequence[str]) -> list[str]:
    if not formats:
        return list(REGISTRY)
    unknown = [f for f in formats if f not in REGISTRY]
    if unknown:
        raise PublisherError.at(
            f"unknown format {unknown[0]!r}",
            hint=near_misses(unknown[0], set(REGISTRY)) or f"formats: {', '.join(REGISTRY)}",
        )
    return [name for name in REGISTRY if name in formats]


def select_issues(manifests: list[IssueManifest], refs: Sequence[str]) -> list[IssueManifest]:
    """Issues named on the command line by slug, number or manifest path; all when none."""
    if not refs:
        return manifests
    chosen = []
    for ref in refs:
        match = [
            m
            for m in manifests
            if ref in (m.slug, str(m.number), m.path.name, m.path.stem) or Path(ref) == m.path
        ]
        if not match:
            names = {m.slug for m in manifests}
            raise PublisherError.at(
                f"no issue {ref!r}",
                hint=near_misses(ref, names) or f"issues: {', '.join(sorted(names)) or 'none yet'}",
            )
        chosen += [m for m in match if m not in chosen]
    return chosen


def read_documents(
    pool: DocumentPool, manifests: Sequence[IssueManifest], config: Config, progress: Progress
) -> dict[Path, Document]:
    documents: dict[Path, Document] = {}
    problems: list[Problem] = []
    for relative in dict.fromkeys(p for m in manifests for p in m.documents):
        with progress.task(f"reading {relative.as_posix()}"):
            try:
                documents[relative] = read_document(
                    pool.root / relative, slug_for(relative), pool.root, config.language
                )
            except PublisherError as exc:
                problems += exc.problems
    if problems:
        raise PublisherError(*problems)
    return documents


def _editorial_html(manifest: IssueManifest) -> str:
    if not manifest.editorial.strip():
        return ""
    from .pandoc import markdown_to_html

    return markdown_to_html(manifest.editorial, id_prefix="editorial-")


def find_downloads(out: Path, issues: Sequence[Issue]) -> dict[str, tuple[Download, ...]]:
    downloads: dict[str, tuple[Download, ...]] = {}
    renderers = [r for r in REGISTRY.values() if issubclass(r, IssueRenderer) and r.download_suffix]
    for issue in issues:
        found = []
        for renderer in renderers:
            relative = renderer.download_path(issue)
            if (out / relative).is_file():
                found.append(
                    Download(
                        renderer.name,
                        relative,
                        renderer.download_type or "application/octet-stream",
                        (out / relative).stat().st_size,
                    )
                )
        downloads[issue.slug] = tuple(found)
    return downloads


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except ValueError:
            raise PublisherError.at(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds",
                hint="unset it, or set it to e.g. $(git log -1 --format=%ct)",
            ) from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
