"""The workspace: `publisher init`, `list`, `check` and `serve`."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from .base import Command, PathParam, comma_joined
from .terminal import RichProgress, one_line

if TYPE_CHECKING:
    from pathlib import Path

    from ..errors import Problem
    from ..findings import Finding
    from ..pool import DocumentPool
    from ..scaffold import Identity


@click.command(cls=Command, name="list")
@click.option(
    "--translations",
    is_flag=True,
    help="Per issue and edition: which documents are translated, missing or outdated.",
)
@click.pass_obj
def list_(workspace: Path, translations: bool) -> None:
    """List the documents in the pool and the issues (--translations: their editions)."""
    from ..config import load_config
    from ..errors import PublisherError
    from ..manifest import load_manifests, loadable_manifests
    from ..pool import DocumentPool, slug_for

    config = load_config(workspace)
    pool = DocumentPool.scan(config.documents_dir, config.language)
    try:
        manifests, broken = load_manifests(config.issues_dir, pool, workspace), None
    except PublisherError as exc:
        # The documents are what an editor mending a manifest looks for (its error's hint
        # sends them here): listed all the same, with the issues that load, then the error.
        if translations:
            raise
        manifests, broken = loadable_manifests(config.issues_dir, pool, workspace), exc
    if translations:
        from rich.console import Console
        from rich.markup import escape
        from rich.padding import Padding
        from rich.table import Table

        from ..translations import READY, edition_entries, find_translations

        found = find_translations(
            pool, {d for m in manifests for d in m.documents}, config.language
        )
        console = Console(highlight=False)
        marks = {
            "translated": "[green]translated[/]",
            "outdated": "[bold red]outdated[/]",
            "draft": "[yellow]draft[/]",
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
                entries = edition_entries(m.documents, language, found, pool.root, config.language)
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
                done = sum(e.state in READY for e in entries)
                console.print(f"  edition {language}: {done} of {len(entries)} ready")
                console.print(Padding(table, (0, 0, 0, 2), expand=False))
                for entry in entries:
                    if entry.hash_line and entry.translation:
                        path = config.documents_dir / entry.translation.path
                        where = os.path.relpath(path, config.root)
                        console.print(f"  put in the front matter of {escape(where)}:")
                        click.echo(f"      {entry.hash_line}")  # never wrapped: to be copied
        return
    from ..translations import editions_using

    used = {p for m in manifests for p in m.documents} | set(
        editions_using(pool, manifests, config.language)
    )
    drafts, unreadable = _front_matter_states(pool, config.language)
    click.echo(f"Documents ({len(pool.files)}) in {config.documents_dir}:")
    for relative in pool.files:
        mark = " " if relative in used else "*"
        state = "  (draft)" if relative in drafts else ""
        if relative in unreadable:
            line = unreadable[relative].line
            state = f"  (front matter: line {line})" if line else "  (front matter)"
        click.echo(f"  {mark} {slug_for(relative):40} {one_line(relative.as_posix())}{state}")
    click.echo("  (* not in any issue; (draft): issues leave it out until it is marked ready)")
    click.echo(f"Issues ({len(manifests)}):")
    for m in manifests:
        count = len(m.documents)
        documents = f"{count} document" if count == 1 else f"{count} documents"
        click.echo(f"    {m.slug:40} No. {m.number}, {m.date.isoformat()}, {documents}")
    for problem in unreadable.values():
        # Not a guess at draft or not (`draft: sí`): what the build will stop at, said now
        click.echo(f"{problem}\n  (an issue listing it is not built until this is mended)")
    if broken is not None:
        raise broken


def _front_matter_states(
    pool: DocumentPool, language: str
) -> tuple[set[Path], dict[Path, Problem]]:
    """The documents marked as drafts (`draft: true`, `published: false`, `status: draft`,
    Jekyll's _drafts/), and those whose front matter a build stops at, with the first
    problem, read from Markdown front matter by the build's own rules. Other formats need
    pandoc to be read: the build names their drafts."""
    from ..readers.markdown import front_matter_fields

    drafts, unreadable = set(), {}
    for relative in pool.files:
        fields, problems = front_matter_fields(pool.root / relative, language)
        if problems:
            unreadable[relative] = problems[0]
        elif fields.get("draft"):
            drafts.add(relative)
    return drafts, unreadable


def _checked(check: str) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """A click callback running scaffold's `check` (imported only when a value is given)."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        from .. import scaffold

        try:
            return None if value is None else getattr(scaffold, check)(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


@click.command(cls=Command)
@click.argument("directory", type=PathParam(file_okay=False))
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
@click.option(
    "--language",
    metavar="LANGUAGE",
    callback=_checked("check_language"),
    help="The newsletter's language: a code (en, es, fr, ar, fr-CA) or its name (Spanish).",
)
@click.pass_obj
def init(
    workspace: Path,
    directory: Path,
    title: str | None,
    organisation: str | None,
    site_url: str | None,
    sender: str | None,
    language: str | None,
) -> None:
    """Create a new workspace in DIRECTORY that builds at once. In a terminal it asks for
    what the options do not give; otherwise the rest are placeholders to edit."""
    from pathlib import Path

    from .. import scaffold

    if not directory.is_absolute():  # in the folder -C names, where every command works
        directory = Path(os.path.relpath(workspace / directory))  # said from here, as typed
    identity = scaffold.Identity(
        title or scaffold.DEFAULT_TITLE, organisation, site_url, sender, language or "en"
    )
    if site_url and (note := scaffold.site_root_note(site_url)):
        click.echo(note)
    if sys.stdin.isatty():
        identity = _ask(identity, given={"title": title, "language": language})
    created = scaffold.create_workspace(directory, identity)
    for path in created.files:
        click.echo(f"created {path}")
    for path, what in created.existing:
        click.echo(f"{path}: {what}")
    if created.page_size_note:
        click.echo(f"\n{created.page_size_note}")
    if created.placeholders:
        config = directory / "publisher.toml"
        click.echo(f"\n{config} still has placeholders; edit them before sending an issue:")
        for line, text, what in created.placeholders:
            click.echo(f"  line {line}: {text}\n      {what}")
    # A command to paste: a name with spaces or quotes ("Boletín Obrero") quoted for the shell.
    click.echo(f"\nNext: cd {shlex.quote(str(directory))} && publisher build")


def _ask(identity: Identity, given: dict[str, str | None]) -> Identity:
    """`identity` with what it lacks asked for, each answer checked
    and asked again until it passes; Enter takes the default shown."""
    from dataclasses import replace

    from .. import scaffold

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
        while True:  # an organisation's domain only when it is meant: its website is there
            site = ask("Site URL (the web archive)", defaults.site_url, scaffold.check_site_url)
            if not (note := scaffold.site_root_note(site)):
                break
            click.echo(note)
            if click.confirm(f"Put the web archive at {site} itself?", default=False):
                break
        identity = replace(identity, site_url=site)
    if identity.sender is None:
        name = identity.title
        sender = ask("Sender address", defaults.sender, lambda v: scaffold.check_sender(v, name))
        identity = replace(identity, sender=sender)
    if given["language"] is None:
        language = ask("Language (en, es, fr, ar… or its name)", "en", scaffold.check_language)
        identity = replace(identity, language=language)
    return identity


@click.command(cls=Command)
@click.argument("issues", nargs=-1)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    callback=comma_joined,
    help="Comma-separated formats to check (or -f again for more; default: all).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--strict", is_flag=True, help="Fail on warnings too (e.g. a validator not installed)."
)
@click.option("--no-build", is_flag=True, help="Check what is in dist/ as it is, even if stale.")
@click.option(
    "--no-cache", is_flag=True, help="Check every output again, even those unchanged since."
)
@click.option(
    "-v", "--verbose", is_flag=True, help="A row for every file a check passed, not one per check."
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
    verbose: bool,
) -> None:
    """Validate the built outputs of ISSUES (default: all) with the real validators."""
    import json
    import time

    from .. import uptodate
    from ..findings import all_ran

    named = [f.strip() for f in formats.split(",") if f.strip()]
    # Nothing changed since the last check of the same: its findings, shown again (and
    # what it said on the way), told by stat as a no-op build is (uptodate.py).
    request = {"issues": issues, "formats": named, "no_build": no_build, "cwd": os.getcwd()}
    remembered = None if no_cache else uptodate.recall(workspace, uptodate.CHECKED, request)
    if remembered and (again := _said_again(remembered, workspace)) is not None:
        findings = again
        click.echo(
            "nothing changed since the last check of the same: its findings, shown again"
            " (--no-cache checks again)",
            err=True,
        )
    else:
        started = time.time_ns()
        findings, said, inputs, out_dir = _run_checks(workspace, issues, named, no_build, no_cache)
        if all_ran(findings):  # a validator installed later is to be run then
            answer = {"said": said, "findings": [f.as_row(workspace) for f in findings]}
            uptodate.remember(
                workspace, uptodate.CHECKED, request, inputs, out_dir, answer, started
            )
    passed = sum(f.status == "pass" for f in findings)
    failed = sum(f.status == "fail" for f in findings)
    warned = sum(f.status == "warn" for f in findings)
    failing = failed + (warned if strict else 0)
    if as_json:
        rows = [f.as_row(workspace) for f in findings]
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
        _print_findings(findings, workspace, verbose)
        if warned:
            click.echo(f"{warned} warning(s)" + (" (failing: --strict)" if strict else ""))
        click.echo(f"{passed} passed, {failing} failed")
    if failing:
        sys.exit(1)


def _run_checks(
    workspace: Path, issues: tuple[str, ...], named: list[str], no_build: bool, no_cache: bool
) -> tuple[list[Finding], list[tuple[int, str]], list[Path], Path]:
    """The findings of the checks of the `named` formats (all: none named), building first
    unless `no_build`; what was said on the way (level, message); the files the findings
    depend on and the output folder."""
    import logging
    from contextlib import nullcontext

    from ..build import build as run_build
    from ..build import load_chosen
    from ..cache import Cache
    from ..checks import Target, build_warnings, run_checks, tools
    from ..config import load_config
    from ..errors import PublisherError
    from ..formats import select
    from ..logs import held, kept
    from ..pool import DocumentPool
    from .building import build_inputs

    config = load_config(workspace)
    chosen = [f.name for f in select(named)]
    with kept(logging.INFO) as logged:
        with held() if not no_build else nullcontext():  # the build says what it left out
            pool = DocumentPool.scan(config.documents_dir, config.language)
            manifests, chosen_manifests = load_chosen(config.issues_dir, pool, workspace, issues)
        selected = tuple(chosen_manifests)
        slugs = tuple(m.slug for m in selected)
        said: list[logging.LogRecord] = []
        if not no_build:  # incremental: renders only what is missing or older than its sources
            with RichProgress() as progress, kept(logging.WARNING) as said:
                # a PDF built with other print options is kept
                built = run_build(
                    workspace,
                    issues,
                    chosen
                    if named
                    else (),  # -f email: no PDF laid out to check it; none: every format
                    progress=progress,
                    keep_print_options=True,
                )
            rebuilt = built.rendered
            if rebuilt:
                click.echo(
                    f"outputs were missing or older than their sources: building first "
                    f"({len(rebuilt)} rebuilt)",
                    err=True,
                )
        elif not config.dist_dir.is_dir() or not any(config.dist_dir.iterdir()):
            raise PublisherError.at(  # else every check would warn, and the command pass
                f"{config.dist_dir}: nothing is built there to check",
                hint="run 'publisher build' first, or 'publisher check' without --no-build",
            )
        cache = None if no_cache else Cache.for_workspace(workspace)
        others = tuple(m.slug for m in manifests if m.slug not in slugs)
        target = Target(config, config.dist_dir, slugs, others, selected)
        findings = build_warnings(target, chosen, said) + run_checks(target, chosen, cache)
    messages = [(record.levelno, record.getMessage()) for record in logged]
    lock_files = [folder / ".package-lock.json" for folder in tools.node_modules_folders(workspace)]
    return findings, messages, build_inputs(workspace) + lock_files, config.dist_dir


def _said_again(remembered: dict[str, Any], workspace: Path) -> list[Finding] | None:
    """The last check's findings, saying again what it said on the way; None when what was
    remembered is not in the form this publisher writes (then check again)."""
    import logging

    from ..findings import Finding

    try:
        said = [(int(level), str(message)) for level, message in remembered["said"]]
        findings = [Finding.from_row(row, workspace) for row in remembered["findings"]]
    except (KeyError, TypeError, ValueError):
        return None
    for level, message in said:
        logging.getLogger("publisher").log(level, "%s", message)
    return findings


@click.command(cls=Command)
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
    """Serve dist/ on 127.0.0.1 for previewing, rebuilding as the sources change; pages reload.

    Its /compose page makes and edits issues in the browser, without writing YAML: it
    picks documents, arranges sections, imports dropped files, builds, checks and sends
    a test copy. /__publisher/ shows each issue's email at phone and desktop width."""
    from ..serve import serve as run_serve

    run_serve(workspace, port, open_browser)


def _print_findings(findings: list[Finding], workspace: Path, verbose: bool = False) -> None:
    """The findings in a table, then the ones to act on again, whole, below it: among a
    hundred passes, a failure in the table is easily missed. A check's passes are one row
    saying how many files passed it (unless `verbose`): 80 issues made 2,835 rows. In a
    log or a pipe (`| grep fail`), each row is one plain line, whole, however long."""
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    piped = not console.is_terminal
    style = {"pass": "green", "warn": "yellow", "fail": "bold red"}
    table = Table("format", "check", "result", "detail", box=None if piped else box.HEAVY_HEAD)
    table.pad_edge = not piped
    table.add_column("where", overflow="fold")  # a path cut short names no file
    for column in table.columns if piped else ():
        column.no_wrap = True
    rows = _rows(findings, verbose)
    for row in rows:
        f, detail, where = row[0], row[0].detail, row[0].where(workspace)
        if len(row) > 1 and f.status == "pass":  # passes of one check
            files = {passed.file for passed in row}
            detail, where = "", f"{len(files)} file(s)" if None not in files else ""
        elif len(row) > 1:  # one fault in many places: a template's, or a shared file's
            where = f"{len(row)} places: {where}, …"
        status = f"[{style[f.status]}]{f.status}[/]"
        table.add_row(f.format, f.check, status, escape(detail), escape(where))
    if piped:  # as wide as its longest row: no cell cut or folded
        console = Console(width=1_000_000)
    console.print(table)  # a terminal's own width: wider, every line would wrap in two
    to_look_at = [row for row in rows if row[0].status != "pass"]
    if to_look_at:
        click.echo("\nTo look at:")
    for row in sorted(to_look_at, key=lambda row: row[0].status != "fail"):  # failures first
        f, where = row[0], row[0].where(workspace)
        if len(row) > 1:
            click.echo(f"  {f.status}: {f.format}, {f.check}, in {len(row)} places")
        else:
            click.echo(f"  {f.status}: {where + ': ' if where else ''}{f.format}, {f.check}")
        if f.detail:
            click.echo(f"      {f.detail}")
        if len(pages := {place.file for place in row}) > 1:
            click.echo(f"      alike in {len(pages)} files{_made_from(row, workspace)}")
        for place in row[:_PLACES] if len(row) > 1 else ():
            click.echo(f"      at {place.where(workspace)}")
        if len(row) > _PLACES:
            click.echo(f"      and {len(row) - _PLACES} more (-v: each in a row of its own)")


_PLACES = 5  # the places of one fault named under the table; -v names every one


def _made_from(places: list[Finding], workspace: Path) -> str:
    """Where a fault alike on several pages is mended: the one source they are all made
    from (a document's link, on its page and on its issue's, which shows it), else a
    template they share."""
    if len(sources := {place.source_name(workspace) for place in places}) == 1 and all(sources):
        return f", all made from {sources.pop()}: mend it there"
    return ": from a template they share, probably"


def _rows(findings: list[Finding], verbose: bool) -> list[list[Finding]]:
    """The findings as the table's rows: each alone with `verbose`, else each check's passes
    together, and each fault said alike in many places (a template's mistake, on every
    page: 108 rows), in one row where its first was."""
    if verbose:
        return [[f] for f in findings]
    rows: dict[tuple[str, ...], list[Finding]] = {}  # insertion order: the first's place
    for f in findings:
        alike = (f.format, f.check, f.status) + (() if f.status == "pass" else (f.detail,))
        rows.setdefault(alike, []).append(f)
    return list(rows.values())
