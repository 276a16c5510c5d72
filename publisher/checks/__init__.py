"""Check: every built output validated by the real validator for its format.

The checks are declared by each format (`publisher.formats`): a check is one function from
a `Target` (the output folder and its issues) to results, to which the runner adds the
format and the check's name. A validator that is not installed yields a warning that says
how to install it; the others still run.

Checks run side by side, up to one per core (the slow ones are external programs), and
their findings are remembered by the digest of the files they read: an output that did not
change is not checked again (`Cache` kind "checks").
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..cache import Cache, digest, files_digest, versions_digest
from ..formats import Format, select
from ..workers import workers
from . import tools
from .base import Check, Finding, Status, Target, ToolMissing, all_ran
from .written_in import IssueOutput

__all__ = ["Finding", "Target", "build_warnings", "registry", "run_checks"]


def registry(formats: Sequence[Format]) -> list[Check]:
    """The checks of `formats`, in their order."""
    return [
        Check(f.name, spec.name, spec.load(), spec.external) for f in formats for spec in f.checks
    ]


def run_checks(
    target: Target,
    formats: Sequence[str] = (),
    cache: Cache | None = None,
    only: Collection[str] = (),
) -> list[Finding]:
    """Every check's findings, format by format (all formats when none are named; all
    their checks unless `only` names some); with `cache`, unchanged outputs' findings are
    taken from the last run that checked them."""
    chosen = select(formats)
    inputs = _input_digests(target, chosen) if cache else {}
    checks = [check for check in registry(chosen) if not only or check.name in only]
    # The validator programs first: they take longest, so the quick checks fill in beside
    # them instead of holding them back. Findings keep the registry's order.
    missing = missing_outputs(target, chosen) if not only or OUTPUT_BUILT in only else []
    with ThreadPoolExecutor(max_workers=workers()) as pool:
        running = {
            check: pool.submit(_run_remembered, check, target, cache, inputs.get(check.format))
            for check in sorted(checks, key=lambda check: not check.external)
        }
        found = [finding for check in checks for finding in running[check].result()]
    return with_sources(missing + found, target)


def with_sources(findings: Sequence[Finding], target: Target) -> list[Finding]:
    """Each finding on a web page of an issue with what the page is made from: an
    article's page, its document; the issue's page, its manifest, but for a fault one of
    its documents' pages has too, that document's. A fault in dist/ is mended in its
    source (or in a template, when the same fault is on every page)."""
    from ..pool import slug_for

    made_from: dict[Path, Path] = {}
    shown_on: dict[Path, Path] = {}  # a document's page → its issue's page, which shows it too
    for manifest in target.manifests:
        folder = target.out_dir.resolve() / manifest.slug
        made_from[folder / "index.html"] = manifest.path
        for document in manifest.documents:
            page = folder / slug_for(document) / "index.html"
            made_from[page] = target.config.documents_dir / document
            shown_on[page] = folder / "index.html"
    written_in = _faults_of_documents(findings, made_from, shown_on)
    showing = _issue_outputs(target)
    sourced = []
    for f in findings:
        file = f.file.resolve() if f.file else None
        documents = written_in.get((file, f.format, f.check, f.detail), set())
        if f.status != "pass" and file in showing and (place := showing[file].place(f)):
            sourced.append(dataclasses.replace(f, source=place.document, source_line=place.line))
        elif len(documents) == 1:  # several: which of them this one is, the page does not say
            sourced.append(dataclasses.replace(f, source=next(iter(documents))))
        elif file in made_from:
            sourced.append(dataclasses.replace(f, source=made_from[file]))
        else:
            sourced.append(f)
    return sourced


def _issue_outputs(target: Target) -> dict[Path, IssueOutput]:
    """Each issue's page and email, which show its documents whole, and its documents'
    pages, by their paths."""
    from ..pool import slug_for

    shown: dict[Path, IssueOutput] = {}
    for manifest in target.manifests:
        folder = target.out_dir.resolve() / manifest.slug
        documents = {
            slug_for(document): target.config.documents_dir / document
            for document in manifest.documents
        }
        shown[folder / "index.html"] = IssueOutput(folder / "index.html", documents)
        shown[folder / "email.eml"] = IssueOutput(folder / "email.eml", documents)
        for slug, document in documents.items():
            page = folder / slug / "index.html"
            shown[page] = IssueOutput(page, {}, whole=document)
    return shown


def _faults_of_documents(
    findings: Sequence[Finding], made_from: dict[Path, Path], shown_on: dict[Path, Path]
) -> dict[tuple[Path | None, str, str, str], set[Path]]:
    """The documents whose pages have each fault, by the issue's page that shows them and
    the fault: the issue's page shows each document in full, so a bad link written in a
    document fails there too, and was put down to the manifest, and, alike on two pages,
    to a template they share."""
    written_in: dict[tuple[Path | None, str, str, str], set[Path]] = {}
    for f in findings:
        page = f.file.resolve() if f.file else None
        if f.status != "pass" and page in shown_on:
            fault = (shown_on[page], f.format, f.check, f.detail)
            written_in.setdefault(fault, set()).add(made_from[page])
    return written_in


OUTPUT_BUILT = "output built"
BUILD_WARNING = "build warning"


def build_warnings(
    target: Target, formats: Sequence[str], said: Sequence[logging.LogRecord] = ()
) -> list[Finding]:
    """What the build `check` ran first warned of (a link that leads nowhere), and what
    the outputs checked were built with (a picture too small for print, said only when
    the PDF was laid out, maybe builds ago), each once, its files named from the
    workspace: said on stderr only, they did not fail `check --strict`, nor count in its
    JSON."""
    here = f"{target.config.root}/"
    messages = [record.getMessage().replace(here, "") for record in said]
    records = Cache.for_workspace(target.config.root).renders(target.out_dir)
    issues = {*target.issue_slugs, *target.other_issues}
    for job, record in records.items():
        kind, _, folder = job.partition(" ")  # "pdf 041-pay/es", "web index", "feed"
        issue = folder.split("/")[0]
        if kind in formats and (issue in target.issue_slugs or issue not in issues):
            messages += record.get("warnings", [])
    folders = (target.config.root, target.out_dir)
    return [_said_of_a_file(message, folders) for message in dict.fromkeys(messages)]


_WHERE = re.compile(r"(?P<file>[^:\n]+?)(?::(?P<line>\d+))?: (?P<rest>.+)", re.S)


def _said_of_a_file(message: str, folders: Sequence[Path]) -> Finding:
    """A build warning as a finding, in its file and line when it begins with them
    ("documents/x.md:33: the link …", in the workspace or the output folder): the report's
    "where" is the file to mend."""
    if said := _WHERE.fullmatch(message):
        for folder in folders:
            if (file := folder / said["file"]).is_file():
                line = int(said["line"]) if said["line"] else None
                return Finding("sources", BUILD_WARNING, "warn", said["rest"], file, line)
    return Finding("sources", BUILD_WARNING, "warn", message)


def missing_outputs(target: Target, formats: Sequence[Format]) -> list[Finding]:
    """A failure for each file the selected issues' manifests call for that the output
    folder lacks: the checks read the files that are there, so a PDF deleted, or a leaflet
    whose build failed, passed `check --no-build --strict` unseen. A language edition's
    are expected once a build made them (the render records say so): an edition with
    nothing translated yet is not made at all."""
    made = _made_by_last_build(target)
    return [
        Finding(f.name, OUTPUT_BUILT, "fail", "missing: 'publisher build' makes it", path)
        for manifest in target.manifests
        for f in formats
        for edition in ("", *manifest.editions)
        for expected in f.outputs(manifest, edition)
        if not edition or expected.as_posix() in made
        if not (path := target.out_dir / expected).is_file()
    ]


def _made_by_last_build(target: Target) -> set[str]:
    """The files the builds recorded writing into the output folder, relative to it."""
    records = Cache.for_workspace(target.config.root).renders(target.out_dir)
    return {name for record in records.values() for name in record.get("files", {})}


def _input_digests(target: Target, formats: Sequence[Format]) -> dict[str, str]:
    """Per format with outputs, a digest of the files its checks read, the issues checked
    (what a check reports of the same files depends on them), publisher's code and the
    validators' versions: read and hashed once, for all the format's checks."""
    versions = digest(versions_digest(), tools.versions(target.config.root))
    selected = " ".join(target.issue_slugs)
    return {
        format_.name: digest(versions, format_.name, selected, _read_digest(files, target.out_dir))
        for format_ in formats
        if (files := format_.inputs(target))
    }


def _read_digest(paths: Sequence[Path], out: Path) -> str:
    """A file is read whole; a folder stands for the names of the files in it, for checks
    that look files up by name (a page's links): a stylesheet removed by a sync, or put
    back, is a change, though no page changed."""
    names = sorted(
        str(found.relative_to(out))
        for folder in paths
        if folder.is_dir()
        for found in folder.rglob("*")
        if found.is_file()
    )
    return digest(files_digest([p for p in paths if not p.is_dir()], out), *names)


def _run_remembered(
    check: Check, target: Target, cache: Cache | None, inputs: str | None
) -> list[Finding]:
    """`inputs` None: nothing of the format is built, so there is nothing to remember."""
    if cache is None or inputs is None:
        return _run(check, target)
    key = digest(inputs, check.name)
    out = target.out_dir
    if record := cache.load("checks", key):
        return [Finding.from_row(row, out) for row in record["findings"]]
    findings = _run(check, target)
    if all_ran(findings):
        cache.store("checks", key, {"findings": [f.as_row(out) for f in findings]})
    return findings


def _run(check: Check, target: Target) -> list[Finding]:
    """The check's results as findings of its format and name; a crash is a failure."""

    def finding(status: Status, detail: str = "", file: Path | None = None) -> Finding:
        return Finding(check.format, check.name, status, detail, file)

    try:
        found = [
            Finding(check.format, check.name, r.status, r.detail, r.file, r.line)
            for r in check.run(target)
        ]
    except ToolMissing as missing:
        found = [finding("warn", f"not run: {missing}")]
    except Exception as exc:  # a validator that crashes is a failed check, not a crash
        found = [finding("fail", f"could not run: {type(exc).__name__}: {exc}")]
    return found or [finding("warn", "nothing to check: build this format first")]
