"""The `publisher` command: thin click wrappers that parse options, call one function, print.

Heavy modules are imported inside the commands so `publisher --help` answers at once.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import PublisherError
from .printing import IMPOSITIONS, STANDARDS, PrintSettings

if TYPE_CHECKING:
    from rich.console import Console

    from .checks import Finding
    from .importers import ImportReport as FileImportReport
    from .scaffold import Identity


EX_SOFTWARE = 70  # sysexits.h: an internal error


class _Command(click.Command):
    """A command whose --help ends with its examples (cli_examples.py)."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from .cli_examples import write_examples

        super().format_epilog(ctx, formatter)
        write_examples(ctx, formatter)


class _Group(click.Group):
    """Prints user errors as one clear message, without a traceback, and exits 1; a bug
    becomes one line pointing at a log of its traceback, and exit 70. Its commands and
    subgroups (and it) end their --help with their examples, from cli_examples.py."""

    command_class = _Command
    group_class = type  # subgroups are _Group too

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from .cli_examples import write_examples

        super().format_epilog(ctx, formatter)
        write_examples(ctx, formatter)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PublisherError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(1)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            workspace = ctx.obj if isinstance(ctx.obj, Path) else Path.cwd()
            log = _write_crash_log(workspace)
            click.secho(
                "error: publisher stopped on an unexpected problem"
                f" ({type(exc).__name__}: {_one_line(exc)}); details are in {log}",
                fg="red",
                err=True,
            )
            sys.exit(EX_SOFTWARE)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:199] + "…"


def _write_crash_log(workspace: Path) -> Path:
    """The traceback of the exception being handled, in <workspace>/.publisher/ (or the
    system's temporary folder when that cannot be written), for a bug report."""
    import tempfile
    import time
    import traceback

    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = (
        f"publisher {__version__}, Python {sys.version.split()[0]}\n"
        f"command: {' '.join(sys.argv)}\n\n{traceback.format_exc()}"
    )
    for folder in (workspace / ".publisher", Path(tempfile.gettempdir())):
        path = folder / f"crash-{stamp}-{os.getpid()}.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError:
            continue
        return path
    return Path("(no writable folder for the log)")


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


class _EveryFormatOption(click.Option):
    """--format defaults to every registered format. Help lists them; a build without -f
    gets "" (every format, as `formats.select` takes it), so neither `publisher --help`
    nor a build with nothing to do looks for format plugins."""

    def get_default(self, ctx: click.Context, call: bool = True) -> Any:
        if call:
            return ""
        from .formats import formats

        return ",".join(formats())


@main.command()
@click.argument("issues", nargs=-1)
@click.option(
    "-f",
    "--format",
    "formats",
    cls=_EveryFormatOption,
    show_default=True,
    help="Comma-separated output formats.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: dist/ in the workspace).",
)
@click.option(
    "--page-size",
    metavar="SIZE",
    help='PDF and leaflet page: A4, A5, A6, Letter, Legal, Tabloid or "120mm 180mm".',
)
@click.option("--margins", metavar="LENGTHS", help='Page margins like CSS: "15mm" or "20mm 18mm".')
@click.option("--bleed", metavar="LENGTH", help="Bleed beyond the trimmed page, e.g. 3mm.")
@click.option("--marks/--no-marks", default=None, help="Crop and registration marks.")
@click.option(
    "--impose",
    type=click.Choice(IMPOSITIONS),
    help="Sheets to print too: booklet (the issue), 2up or 4up (the leaflet).",
)
@click.option(
    "--black-only/--colour", default=None, help="Black text and rules, no fills (photocopiers)."
)
@click.option(
    "--pdf-standard",
    type=click.Choice(STANDARDS),
    help="pdf/ua-1 (tagged; default), pdf/a-3b (archive) or pdf/x-4 (print shop).",
)
@click.option("--force", is_flag=True, help="Render everything again, even what is up to date.")
@click.pass_obj
def build(
    workspace: Path,
    /,
    issues: tuple[str, ...],
    formats: str,
    out: Path | None,
    force: bool,
    **print_options: str | bool | None,
) -> None:
    """Build ISSUES (slug or number; default: every issue) in every format.

    Print options here win over the manifest's, which win over publisher.toml's [pdf].
    """
    from . import uptodate

    _show_warnings()
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    request = {"issues": issues, "formats": chosen, "out": out and out.resolve()} | print_options
    if not force and (stamp := uptodate.unchanged(workspace, request)):
        for level, message in stamp.messages:  # what the build with nothing to do said
            logging.getLogger("publisher").log(level, "%s", message)
        _say_built(stamp.issues, 0, stamp.outputs, 0, stamp.out_dir)
        return
    uptodate.record(workspace, request, [], None)  # this build decides job by job

    from rich.console import Console
    from rich.table import Table

    from .build import build as run_build

    overrides = _print_overrides(print_options)
    with _RichProgress() as progress, _kept_messages() as messages:
        report = run_build(
            workspace, issues, chosen, out, progress, print_overrides=overrides, force=force
        )
    table = Table("output", "size", box=None, show_header=False)
    for path in report.written:
        table.add_row(str(path.relative_to(report.out_dir)), _size(path))
    Console().print(table)
    _say_built(
        len(report.issues),
        len(report.rendered),
        len(report.skipped),
        len(report.written),
        report.out_dir,
    )
    if not report.rendered and not report.written:
        stamp = uptodate.Stamp(
            tuple(messages), len(report.issues), len(report.skipped), report.out_dir
        )
        uptodate.record(workspace, request, _build_inputs(workspace), stamp)


def _say_built(issues: int, rendered: int, up_to_date: int, written: int, out_dir: Path) -> None:
    skipped = f", {up_to_date} up to date" if up_to_date else ""
    click.secho(
        f"built {issues} issue(s): {rendered} output(s) rendered{skipped},"
        f" {written} file(s) written in {out_dir}",
        fg="green",
    )


@contextmanager
def _kept_messages() -> Iterator[list[tuple[int, str]]]:
    """The notes and warnings a build logs, to say again when nothing changed."""
    kept: list[tuple[int, str]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            kept.append((record.levelno, record.getMessage()))

    handler = Keep(logging.INFO)
    logger = logging.getLogger("publisher")
    logger.addHandler(handler)
    try:
        yield kept
    finally:
        logger.removeHandler(handler)


def _build_inputs(workspace: Path) -> list[Path]:
    """The folders whose files can change what a build makes (see `uptodate`)."""
    from .config import load_config
    from .templating import default_theme_dir

    config = load_config(workspace)
    return [
        workspace,
        config.documents_dir,
        config.issues_dir,
        config.templates_dir,
        default_theme_dir().parent,
        Path(__file__).parent,
    ]


@main.command(name="list")
@click.option(
    "--translations",
    is_flag=True,
    help="Per issue and edition: which documents are translated, missing or outdated.",
)
@click.pass_obj
def list_(workspace: Path, translations: bool) -> None:
    """List the documents in the pool and the issues (--translations: their editions)."""
    from .config import load_config
    from .manifest import load_manifests
    from .pool import DocumentPool, slug_for

    config = load_config(workspace)
    pool = DocumentPool.scan(config.documents_dir)
    manifests = load_manifests(config.issues_dir, pool, workspace)
    if translations:
        from rich.console import Console
        from rich.markup import escape
        from rich.padding import Padding
        from rich.table import Table

        from .translations import edition_entries, find_translations

        found = find_translations(pool)
        console = Console(highlight=False)
        marks = {
            "translated": "[green]translated[/]",
            "outdated": "[bold red]outdated[/]",
            "missing": "[yellow]missing[/]",
            "written in it": "written in it",
        }
        for m in manifests:
            original = m.language or config.language
            editions = [e for e in m.editions if e not in (original, original.split("-")[0])]
            console.print(f"[bold]{escape(m.slug)}[/] (No. {m.number}, in {original})")
            if not editions:
                click.echo("  no editions: add e.g. 'editions: [es]' to its manifest")
            for language in editions:
                entries = edition_entries(m.documents, language, found, pool.root)
                table = Table(
                    "document", "status", "translation", box=None, padding=(0, 1), pad_edge=False
                )
                for entry in entries:
                    state = marks[entry.state]
                    if entry.translation and not entry.recorded:
                        state += " [dim](no hash recorded)[/]"
                    table.add_row(
                        escape(slug_for(entry.document)),
                        state,
                        escape(entry.translation.path.as_posix()) if entry.translation else "",
                    )
                done = sum(e.state in ("translated", "written in it") for e in entries)
                console.print(f"  edition {language}: {done} of {len(entries)} ready")
                console.print(Padding(table, (0, 0, 0, 2), expand=False))
                for entry in entries:
                    if entry.hash_line and entry.translation:
                        path = config.documents_dir / entry.translation.path
                        where = os.path.relpath(path, config.root)
                        console.print(f"  put in the front matter of {escape(where)}:")
                        click.echo(f"      {entry.hash_line}")  # never wrapped: to be copied
        return
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


@main.command(name="preview-email")
@click.argument("issue")
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PNGs (default: the issue's folder in dist/).",
)
@click.pass_obj
def preview_email(workspace: Path, issue: str, out: Path | None) -> None:
    """Screenshots of ISSUE's email at 375 px (phone) and 600 px (desktop), taken in
    headless Chromium."""
    from .preview import preview_email as run_preview

    _show_warnings()
    for path in run_preview(workspace, issue, out):
        click.echo(f"wrote {path} ({_size(path)})")


def _checked(check: str) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """A click callback running scaffold's `check` (imported only when a value is given)."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        from . import scaffold

        try:
            return None if value is None else getattr(scaffold, check)(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", callback=_checked("check_name"), help="The newsletter's name.")
@click.option(
    "--organisation", callback=_checked("check_name"), help="Who publishes it (default: the title)."
)
@click.option(
    "--site-url",
    metavar="URL",
    callback=_checked("check_site_url"),
    help="Where the web archive will be online, e.g. https://news.example.org/.",
)
@click.option(
    "--sender",
    metavar="ADDRESS",
    callback=_checked("check_sender"),
    help='The address issues are sent from, e.g. "Harbour News <news@example.org>".',
)
def init(
    directory: Path,
    title: str | None,
    organisation: str | None,
    site_url: str | None,
    sender: str | None,
) -> None:
    """Create a new workspace in DIRECTORY that builds at once. In a terminal it asks for
    what the options do not give; otherwise the rest are placeholders to edit."""
    from . import scaffold

    identity = scaffold.Identity(title or scaffold.DEFAULT_TITLE, organisation, site_url, sender)
    if sys.stdin.isatty():
        identity = _ask(identity, given={"title": title})
    created = scaffold.create_workspace(directory, identity)
    for path in created.files:
        click.echo(f"created {path}")
    if created.placeholders:
        config = directory / "publisher.toml"
        click.echo(f"\n{config} still has placeholders; edit them before sending an issue:")
        for line, text, what in created.placeholders:
            click.echo(f"  line {line}: {text}\n      {what}")
    click.echo(f"\nNext: cd {directory} && publisher build")


def _ask(identity: Identity, given: dict[str, str | None]) -> Identity:
    """`identity` with what it lacks asked for, each answer checked
    and asked again until it passes; Enter takes the default shown."""
    from dataclasses import replace

    from . import scaffold

    def ask(label: str, default: str | None, check: Callable[[str], str]) -> str:
        def value_proc(text: str) -> str:
            try:
                return check(text)
            except ValueError as exc:
                raise click.BadParameter(str(exc)) from None

        return click.prompt(label, default=default, value_proc=value_proc)

    if given["title"] is None:
        title = ask("Newsletter title", identity.title, scaffold.check_name)
        identity = replace(identity, title=title)
    defaults = scaffold.placeholder(identity)
    if identity.organisation is None:
        organisation = ask("Organisation", identity.title, scaffold.check_name)
        identity = replace(identity, organisation=organisation)
    if identity.site_url is None:
        site = ask("Site URL (the web archive)", defaults.site_url, scaffold.check_site_url)
        identity = replace(identity, site_url=site)
    if identity.sender is None:
        name = identity.title
        sender = ask("Sender address", defaults.sender, lambda v: scaffold.check_sender(v, name))
        identity = replace(identity, sender=sender)
    return identity


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
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
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON, for scripts.")
@click.pass_obj
def import_(
    workspace: Path,
    files: tuple[Path, ...],
    into: Path | None,
    split: bool | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Turn FILES into Markdown documents for review: plain text, saved web pages, DOCX and
    ODT, or a whole newsletter exported from Substack, Ghost, WordPress, Mailchimp or
    listmonk (the zip, folder or file as downloaded: posts, issues, images and the list)."""
    import json

    from rich.console import Console

    from .config import load_config
    from .importers import import_files
    from .importers.platform_report import as_json as report_json
    from .importers.platform_report import print_report
    from .importers.platforms import import_export, recognise, subscribe_into

    _show_warnings()
    exports = [path for path in files if recognise(path) is not None]
    plain = [path for path in files if path not in exports]
    folder = next((path for path in plain if path.is_dir()), None)
    if folder is not None:
        raise PublisherError.at(
            "this folder is no platform's export",
            folder,
            hint="give the export as downloaded (Substack's or Mailchimp's zip, Ghost's JSON,"
            " WordPress's .xml, listmonk's CSV or JSON), or the files inside the folder",
        )
    if exports:  # an export brings issues and a list: only into a workspace, checked first
        load_config(workspace)
    console = Console(stderr=as_json)
    reports = [
        import_export(path, workspace, dry_run, subscribe_into(workspace)) for path in exports
    ]
    documents = (workspace / "documents").resolve()
    report = import_files(plain, (into or documents).resolve(), split, dry_run) if plain else None
    if as_json:
        click.echo(
            json.dumps(
                {
                    "exports": [report_json(r, workspace) for r in reports],
                    "files": [
                        {
                            "from": f"{row.source}#{row.part}",
                            "document": str(row.path),
                            "status": row.status,
                            "check": row.draft.unsure,
                        }
                        for row in (report.documents if report else [])
                    ],
                    "problems": [str(p) for p in (report.problems if report else [])],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    for done in [] if as_json else reports:
        print_report(done, workspace, console)
    if report is not None and not as_json:
        _print_file_import(report, dry_run, console)
    refused = any(r.subscribers and r.subscribers.refused for r in reports)
    if (report and report.problems) or refused:
        sys.exit(1)


def _print_file_import(report: FileImportReport, dry_run: bool, console: Console) -> None:
    from rich.table import Table

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
            str(len(draft.unsure) or ""),
        )
    console.print(table)
    checks = [(f"{r.source.name}#{r.part}", r.draft.unsure) for r in report.documents]
    for line in _import_checks(checks, console.width):
        click.echo(line)
    for problem in report.problems:
        click.secho(f"error: {problem}", fg="red", err=True)
    done = sum(row.status == "imported" for row in report.documents)
    click.echo(
        f"{done} document(s) written, {len(report.problems)} file(s) failed"
        + (" (dry run: nothing written)" if dry_run else "")
    )


def _import_checks(checks: list[tuple[str, list[str]]], width: int) -> list[str]:
    """Every guess to check ('file#part', its texts), one per entry beneath the table and
    wrapped to the terminal: a table cell cuts them off at 80 columns, and they are what
    the editor must read."""
    import textwrap

    lines: list[str] = []
    for where, texts in checks:
        for text in texts:
            lines += textwrap.wrap(
                f"check {where}: {text}",
                width=max(width, 40),
                initial_indent="  ",
                subsequent_indent="      ",
                break_on_hyphens=False,
            )
    return lines


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
@click.option(
    "--no-cache", is_flag=True, help="Check every output again, even those unchanged since."
)
@click.pass_obj
def check(
    workspace: Path,
    issues: tuple[str, ...],
    formats: str,
    as_json: bool,
    strict: bool,
    no_build: bool,
    no_cache: bool,
) -> None:
    """Validate the built outputs of ISSUES (default: all) with the real validators."""
    import json

    from .build import build as run_build
    from .build import select_issues
    from .cache import Cache
    from .checks import Target, run_checks
    from .config import load_config
    from .formats import select
    from .manifest import load_manifests
    from .pool import DocumentPool

    config = load_config(workspace)
    chosen = [f.name for f in select([f.strip() for f in formats.split(",") if f.strip()])]
    manifests = load_manifests(
        config.issues_dir, DocumentPool.scan(config.documents_dir), workspace
    )
    slugs = tuple(m.slug for m in select_issues(manifests, issues))
    if not no_build:  # incremental: renders only what is missing or older than its sources
        _show_warnings()
        with _RichProgress() as progress:
            rebuilt = run_build(workspace, issues, (), None, progress).rendered
        if rebuilt:
            click.echo(
                f"outputs were missing or older than their sources: building first "
                f"({len(rebuilt)} rebuilt)",
                err=True,
            )
    cache = None if no_cache else Cache.for_workspace(workspace)
    findings = run_checks(Target(config, config.dist_dir, slugs), chosen, cache)
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


@main.group()
def subscribers() -> None:
    """The subscriber list ([delivery] database): add, remove, list, import, export, migrate."""


@subscribers.command(name="add")
@click.argument("address")
@click.option("--name", default="", help="The subscriber's name.")
@click.option("--language", default="", help="Their language (en, es, pt-BR …).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several).")
@click.option("--source", default="added by an editor", help="Where their consent came from.")
@click.option(
    "--double-opt-in", is_flag=True, help="Add as pending and email them a confirmation link."
)
@click.pass_obj
def subscribers_add(
    workspace: Path,
    address: str,
    name: str,
    language: str,
    tags: tuple[str, ...],
    source: str,
    double_opt_in: bool,
) -> None:
    """Add ADDRESS (active at once, or pending until confirmed with --double-opt-in)."""
    from .delivery import manage

    added = manage.add(workspace, address, name, language, tags, source, double_opt_in)
    click.echo(f"{added.subscriber.address}: {added.outcome}, {added.subscriber.status}")
    for address_, why in added.unconfirmed:
        click.secho(f"confirmation not sent to {address_}: {why}", fg="yellow", err=True)
    if added.unconfirmed:
        sys.exit(1)


@subscribers.command(name="remove")
@click.argument("address")
@click.pass_obj
def subscribers_remove(workspace: Path, address: str) -> None:
    """Unsubscribe ADDRESS (kept on file as unsubscribed, so no import brings it back)."""
    from .delivery import manage

    subscriber = manage.remove(workspace, address)
    click.echo(f"{subscriber.address}: {subscriber.status}")


@subscribers.command(name="list")
@click.option(
    "--status",
    type=click.Choice(["pending", "active", "unsubscribed", "bounced", "complained"]),
    help="Only subscribers with this status.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table: fits the terminal (plain lines when piped); csv and json: every field.",
)
@click.pass_obj
def subscribers_list(workspace: Path, status: str | None, fmt: str) -> None:
    """List subscribers, streamed: a table folded to the terminal's width, or CSV or JSON."""
    import shutil

    from .delivery import manage
    from .delivery.listing import print_subscribers

    out = sys.stdout
    width = shutil.get_terminal_size().columns if out.isatty() else None
    try:
        with manage.listing(workspace, status) as (rows, widths):
            print_subscribers(rows, out, fmt, width, widths)
        out.flush()
    except BrokenPipeError:  # the reader (head, less) stopped reading: nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        sys.exit(1)


@subscribers.command(name="import")
@click.argument("csv_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--double-opt-in", is_flag=True, help="New subscribers are pending and get a confirmation link."
)
@click.option("--source", default="", help="Where consent came from (default: the file name).")
@click.pass_obj
def subscribers_import(workspace: Path, csv_file: Path, double_opt_in: bool, source: str) -> None:
    """Import CSV_FILE (columns: email, and optionally name, language, tags, status,
    consent_source; or a members export from Mailchimp, Ghost, Substack or listmonk, whose
    unsubscribed, cleaned and blocklisted people stay off the list); bad rows are reported
    by line, the rest imported."""
    from rich.console import Console

    from .delivery import manage
    from .delivery.console import print_import_report

    report, unconfirmed = manage.import_file(workspace, csv_file, double_opt_in, source)
    if report.platform:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(report.by_status().items()))
        click.echo(f"read as a {report.platform} export: {counts or 'nothing new'}")
    for line in report.merged:
        click.echo(f"merged: {line}")
    print_import_report(report, unconfirmed, Console(stderr=False))
    if report.rejected or unconfirmed:
        sys.exit(1)


@subscribers.command(name="export")
@click.argument("csv_file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def subscribers_export(workspace: Path, csv_file: Path) -> None:
    """Write every subscriber, whatever their status, to CSV_FILE."""
    from .delivery import manage

    click.echo(f"{manage.export(workspace, csv_file)} subscriber(s) written to {csv_file}")


@subscribers.command(name="migrate")
@click.option(
    "--to",
    "target",
    required=True,
    metavar="DATABASE",
    help="An empty postgresql://… database (password: PGPASSWORD or ~/.pgpass), or a new"
    " SQLite file in the workspace.",
)
@click.pass_obj
def subscribers_migrate(workspace: Path, target: str) -> None:
    """Copy the list with its history (subscribers, consents, used confirmation links,
    bounces, sends and their ledger) into an empty DATABASE, in one transaction."""
    from .delivery.migrate import migrate

    done = migrate(workspace, target)
    for table, count in done.counts.items():
        click.echo(f"{table}: {count} row(s)")
    click.echo(
        f"copied from {done.source} to {done.target}; to use it, set [delivery] database ="
        f' "{done.target}" in publisher.toml'
    )


@main.command()
@click.argument("issue")
@click.option("--to", "to", metavar="ADDRESS", help="Send one test copy to ADDRESS only.")
@click.option("--dry-run", is_flag=True, help="Check everything and report; send nothing.")
@click.option("--rate", type=float, help="Messages per second (0: as fast as the server takes).")
@click.option("--connections", type=click.IntRange(1, 32), help="SMTP connections at once.")
@click.option("--again", is_flag=True, help="Send an issue that was sent already, once more.")
@click.option(
    "--resend-unknown",
    is_flag=True,
    help="Send again to recipients whose message was in flight when a send was interrupted.",
)
@click.option("--tag", "tags", multiple=True, help="Only subscribers with this tag (repeat: any).")
@click.option(
    "--language",
    metavar="LANG",
    help="Only subscribers who read LANG (es takes es-MX); with --to, the edition to send.",
)
@click.option("--new", is_flag=True, help="Only subscribers who have not had ISSUE yet.")
@click.option(
    "--check-online", is_flag=True, help="With --dry-run: is ISSUE's web page up? (one HEAD)"
)
@click.pass_obj
def send(
    workspace: Path,
    issue: str,
    to: str | None,
    dry_run: bool,
    rate: float | None,
    connections: int | None,
    again: bool,
    resend_unknown: bool,
    tags: tuple[str, ...],
    language: str | None,
    new: bool,
    check_online: bool,
) -> None:
    """Email ISSUE to every active subscriber; run it again to resume after any interruption.

    The SMTP server is connected to and logged in to first: a wrong setting stops the send
    at once. --dry-run does only that, and reports who would get the issue. --tag,
    --language and --new narrow the recipients (subscribers without a language read the
    newsletter's). Each gets the issue's edition in their language, else the original.
    """
    from rich.console import Console

    from .delivery.console import SendProgressBar, print_send_report
    from .delivery.send import SendRequest
    from .delivery.send import send as run_send

    if rate is not None and rate < 0:
        raise click.BadParameter("must be 0 or more", param_hint="--rate")
    if to and (tags or new):
        raise click.UsageError("--to sends one copy to one address: leave out --tag and --new")
    if check_online and not dry_run:
        raise click.UsageError("--check-online goes with --dry-run")
    request = SendRequest(
        issue, to, dry_run, rate, connections, again, resend_unknown,
        tags=tags, language=language, new=new, check_online=check_online,
    )  # fmt: skip
    console = Console()
    with SendProgressBar(Console(stderr=True)) as progress:
        report = run_send(workspace, request, progress)
    print_send_report(report, console)
    if report.preflight and report.preflight.failure:
        raise report.preflight.failure
    if report.test_outcome is not None:
        unfinished = report.test_outcome.state != "sent"
    else:
        unfinished = not report.dry_run and not report.complete
    if report.paused or report.interrupted or unfinished:
        sys.exit(1)


@main.command()
@click.argument("source")
@click.pass_obj
def bounces(workspace: Path, source: str) -> None:
    """Read bounces and spam complaints from SOURCE and suppress the addresses they are
    about: at once for a hard bounce or a complaint, after [delivery] soft_bounce_limit
    soft bounces within soft_bounce_days. SOURCE is the bounce address's Maildir or mbox
    file, or 'imap' ('imap:FOLDER') to read [delivery] imap_folder on imap_host. Nothing
    is counted twice, so run it as often as you like."""
    from .delivery.bounce_policy import process

    for line in process(workspace, source).lines():
        click.echo(line)


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free one).",
)
@click.option("--open/--no-open", "open_browser", default=True, help="Open it in a web browser.")
@click.pass_obj
def serve(workspace: Path, port: int, open_browser: bool) -> None:
    """Serve dist/ on 127.0.0.1 for previewing, rebuilding as the sources change; pages reload."""
    from .serve import serve as run_serve

    _show_warnings()
    run_serve(workspace, port, open_browser)


@main.command(name="serve-subscriptions")
@click.option("--listen", metavar="HOST:PORT", help="Default: [delivery] listen.")
@click.pass_obj
def serve_subscriptions(workspace: Path, listen: str | None) -> None:
    """Serve the subscribe, confirm and unsubscribe pages and RFC 8058 one-click unsubscribe."""
    from .delivery.endpoints import serve

    _show_warnings()
    serve(workspace, listen)


def _print_findings(findings: list[Finding], workspace: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    style = {"pass": "green", "warn": "yellow", "fail": "bold red"}
    table = Table("format", "check", "result", "detail", "where")
    for f in findings:
        table.add_row(
            f.format, f.check, f"[{style[f.status]}]{f.status}[/]", f.detail, f.where(workspace)
        )
    Console(width=max(160, Console().width)).print(table)


def _print_overrides(options: dict[str, str | bool | None]) -> PrintSettings:
    """The build command's print options as the last layer of print settings."""
    from .printing import PRINT_TABLE
    from .settings_schema import Problems, check

    given = {"standard" if k == "pdf_standard" else k: v for k, v in options.items()}
    problems = Problems()
    settings: PrintSettings = check(
        PRINT_TABLE,
        {k: v for k, v in given.items() if v is not None},
        problems,
        name=lambda key: "--" + key.replace("_", "-"),
    )
    problems.raise_any()
    return settings


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B"


def _show_warnings() -> None:
    """Our notes (INFO, e.g. the email's size) and warnings (e.g. a refused URL) go to stderr
    as 'note: …' and 'warning: …'; WeasyPrint's CSS chatter stays quiet."""
    logger = logging.getLogger("publisher")
    if not any(isinstance(handler, _Notes) for handler in logger.handlers):
        logger.addHandler(_Notes())
    logger.setLevel(logging.INFO)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


class _Notes(logging.Handler):
    """One line per record on the stderr of the moment (click's, so tests capture it)."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "warning" if record.levelno >= logging.WARNING else "note"
        click.echo(f"{prefix}: {record.getMessage()}", err=True)


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

    def expect(self, units: int) -> None:
        total = self._bar.tasks[0].total or 0
        self._bar.update(self._task, total=total + units)

    @contextmanager
    def task(self, description: str) -> Iterator[None]:
        self._bar.update(self._task, description=description)
        yield
        self._bar.advance(self._task)
