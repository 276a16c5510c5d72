"""The `publisher` command: thin click wrappers that parse options, call one function, print.

Heavy modules are imported inside the commands so `publisher --help` answers at once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import PublisherError

FORMATS = ("pdf", "email", "epub", "feed", "web")


class _Group(click.Group):
    """Prints user errors as one clear message, without a traceback, and exits 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PublisherError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="publisher")
@click.option(
    "-C",
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The workspace folder (the one holding publisher.toml).",
)
@click.pass_context
def main(ctx: click.Context, workspace: Path) -> None:
    """Build a newsletter issue as PDF, email, EPUB, feeds and web pages."""
    ctx.obj = workspace.resolve()


@main.command()
@click.argument("issues", nargs=-1)
@click.option(
    "-f",
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    help="Comma-separated output formats.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: dist/ in the workspace).",
)
@click.pass_obj
def build(workspace: Path, issues: tuple[str, ...], formats: str, out: Path | None) -> None:
    """Build ISSUES (slug or number; default: every issue) in every format."""
    from rich.console import Console
    from rich.table import Table

    from .build import build as run_build

    _show_warnings()
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    with _RichProgress() as progress:
        report = run_build(workspace, issues, chosen, out, progress)
    table = Table("output", "size", box=None, show_header=False)
    for path in report.written:
        table.add_row(str(path.relative_to(report.out_dir)), _size(path))
    console = Console()
    console.print(table)
    console.print(
        f"[green]built {len(report.issues)} issue(s), {len(report.written)} file(s) in {report.out_dir}"
    )


@main.command(name="list")
@click.pass_obj
def list_(workspace: Path) -> None:
    """List the documents in the pool and the issues."""
    from .config import load_config
    from .manifest import load_manifests
    from .pool import DocumentPool, slug_for

    config = load_config(workspace)
    pool = DocumentPool.scan(config.documents_dir)
    manifests = load_manifests(config.issues_dir, pool, workspace)
    used = {p for m in manifests for p in m.documents}
    click.echo(f"Documents ({len(pool.files)}) in {config.documents_dir}:")
    for relative in pool.files:
        mark = " " if relative in used else "*"
        click.echo(f"  {mark} {slug_for(relative):40} {relative.as_posix()}")
    click.echo("  (* not in any issue)")
    click.echo(f"Issues ({len(manifests)}):")
    for m in manifests:
        click.echo(
            f"    {m.slug:40} No. {m.number}, {m.date.isoformat()}, {len(m.documents)} documents"
        )


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Our Newsletter", show_default=True)
def init(directory: Path, title: str) -> None:
    """Create a new workspace in DIRECTORY that builds at once."""
    from .scaffold import create_workspace

    for path in create_workspace(directory, title):
        click.echo(f"created {path}")
    click.echo(f"\nNext: cd {directory} && publisher build")


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the documents (default: the workspace's documents/).",
)
@click.option(
    "--split/--no-split",
    default=None,
    help="Split a page of several posts into documents (default: when several are found).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.pass_obj
def import_(
    workspace: Path, files: tuple[Path, ...], into: Path | None, split: bool | None, dry_run: bool
) -> None:
    """Turn FILES (plain text, saved web pages, DOCX, ODT) into Markdown documents for review."""
    from rich.console import Console
    from rich.table import Table

    from .importers import import_files

    _show_warnings()
    report = import_files(list(files), (into or workspace / "documents").resolve(), split, dry_run)
    table = Table(
        "from", "document", "title", "date", "authors", "lang", "¶", "lists", "notes", "check"
    )
    for row in report.documents:
        draft, found = row.draft, row.draft.found
        notes = found["notes"] + found["footnotes"] + found["captions"] + found["source notes"]
        table.add_row(
            f"{row.source.name}#{row.part}",
            f"{row.path.name}\n[dim]{row.status}[/dim]",
            draft.title,
            str(draft.date or "—"),
            ", ".join(draft.authors) or "—",
            draft.language or "—",
            str(found["paragraphs"]),
            str(found["lists"] + found["numbered lists"]),
            str(notes),
            "\n".join(draft.unsure) or "",
        )
    Console().print(table)
    for problem in report.problems:
        click.secho(f"error: {problem}", fg="red", err=True)
    done = sum(row.status == "imported" for row in report.documents)
    click.echo(
        f"{done} document(s) written, {len(report.problems)} file(s) failed"
        + (" (dry run: nothing written)" if dry_run else "")
    )
    if report.problems:
        sys.exit(1)


@main.command()
@click.argument("issues", nargs=-1)
@click.option(
    "-f", "--format", "formats", default="", help="Comma-separated formats to check (default: all)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--strict", is_flag=True, help="Fail on warnings too (e.g. a validator not installed)."
)
@click.option("--no-build", is_flag=True, help="Check what is in dist/ as it is, even if stale.")
@click.pass_obj
def check(
    workspace: Path,
    issues: tuple[str, ...],
    formats: str,
    as_json: bool,
    strict: bool,
    no_build: bool,
) -> None:
    """Validate the built outputs of ISSUES (default: all) with the real validators."""
    import json

    from .build import build as run_build
    from .build import select_issues
    from .checks import FORMATS, Target, run_checks
    from .config import load_config
    from .freshness import stale
    from .manifest import load_manifests
    from .pool import DocumentPool

    config = load_config(workspace)
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    if unknown := [f for f in chosen if f not in FORMATS]:
        raise PublisherError.at(
            f"unknown format {unknown[0]!r}", hint=f"formats: {', '.join(FORMATS)}"
        )
    manifests = load_manifests(
        config.issues_dir, DocumentPool.scan(config.documents_dir), workspace
    )
    slugs = tuple(m.slug for m in select_issues(manifests, issues))
    outputs = [p for slug in slugs for p in (config.dist_dir / slug).glob("*")]
    outputs += [config.dist_dir / name for name in ("index.html", "feed.atom", "feed.rss")]
    if not no_build and stale(outputs, config):
        _show_warnings()
        click.echo("outputs are missing or older than their sources: building first", err=True)
        with _RichProgress() as progress:
            run_build(workspace, issues, (), None, progress)
    findings = run_checks(Target(config, config.dist_dir, slugs), chosen)
    passed = sum(f.status == "pass" for f in findings)
    failed = sum(f.status == "fail" for f in findings)
    warned = sum(f.status == "warn" for f in findings)
    failing = failed + (warned if strict else 0)
    if as_json:
        rows = [{**f.__dict__, "file": f.where(workspace) or None} for f in findings]
        click.echo(
            json.dumps(
                {
                    "passed": passed,
                    "failed": failed,
                    "warnings": warned,
                    "ok": not failing,
                    "findings": rows,
                },
                indent=2,
            )
        )
    else:
        _print_findings(findings, workspace)
        if warned:
            click.echo(f"{warned} warning(s)" + (" (failing: --strict)" if strict else ""))
        click.echo(f"{passed} passed, {failing} failed")
    if failing:
        sys.exit(1)


def _print_findings(findings: list, workspace: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    style = {"pass": "green", "warn": "yellow", "fail": "bold red"}
    table = Table("format", "check", "result", "detail", "where")
    for f in findings:
        table.add_row(
            f.format, f.check, f"[{style[f.status]}]{f.status}[/]", f.detail, f.where(workspace)
        )
    Console(width=max(160, Console().width)).print(table)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B"


def _show_warnings() -> None:
    """Our warnings (e.g. a refused URL) go to stderr; WeasyPrint's CSS chatter stays quiet."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("warning: %(message)s"))
    logging.getLogger("publisher").addHandler(handler)
    logging.getLogger("publisher").setLevel(logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


class _RichProgress:
    """A progress bar on stderr when it is a terminal; silent otherwise."""

    def __enter__(self) -> _RichProgress:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("{task.description:<40}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self._bar.__enter__()
        self._task = self._bar.add_task("building", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(*exc)  # type: ignore[arg-type]

    def begin(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    @contextmanager
    def task(self, description: str) -> Iterator[None]:
        self._bar.update(self._task, description=description)
        yield
        self._bar.advance(self._task)
