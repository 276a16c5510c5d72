"""`publisher import`: what editors receive, into documents/."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

import click

from ..errors import PublisherError
from .base import Command, PathParam

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from ..importers import ImportReport as FileImportReport
    from ..importers.fetch import ImageFetcher


@click.command(cls=Command, name="import")
@click.argument("files", nargs=-1, required=True, type=PathParam(exists=True))
@click.option(
    "--into",
    type=PathParam(file_okay=False),
    help="Where to write the documents of single files (default: the workspace's"
    " documents/); an export goes into the workspace.",
)
@click.option(
    "--split/--no-split",
    default=None,
    help="Split a page of several posts into documents (default: when several are found).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON, for scripts.")
@click.option(
    "--since",
    callback=lambda _ctx, _param, value: _day(value),
    help="From a platform's export, only the posts of this day (YYYY-MM-DD) and after;"
    " the earlier ones are counted and left out (a post without a date is kept).",
)
@click.option(
    "--fetch-images",
    is_flag=True,
    help="Fetch the pictures an export, an e-mail or a saved web page has only as web"
    " addresses, from public sites (else they are listed, never fetched).",
)
@click.option(
    "--fetch-images-anywhere",
    is_flag=True,
    help="As --fetch-images, and also from this machine and the local network (pictures on"
    " an intranet's server).",
)
@click.pass_obj
def import_(
    workspace: Path,
    files: tuple[Path, ...],
    into: Path | None,
    split: bool | None,
    dry_run: bool,
    as_json: bool,
    since: dt.date | None,
    fetch_images: bool,
    fetch_images_anywhere: bool,
) -> None:
    """Turn FILES (a folder: the files in it and its subfolders) into Markdown documents
    for review: plain text (pasted from blogs,
    Facebook or PDFs), PDFs, saved web pages (.html, .mhtml, .webarchive), e-mails saved
    as .eml, a mailing list's archive (Mailman's monthly .txt, an .mbox, either gzipped: a
    document a message, replies left out), DOCX, ODT and RTF (TextEdit's .rtfd too), Google Docs' web page download (the
    .zip), Markdown with its pictures inside (Google Docs' Markdown download), or a whole
    newsletter exported from Substack, Ghost, WordPress (or Squarespace), Blogger, Medium,
    Mailchimp, listmonk or Notion (the zip, folder or file as downloaded: posts, issues,
    images and the list), a
    Telegram channel's posts (Telegram Desktop's export in JSON), a Facebook Page's or an
    Instagram account's posts (their download in JSON), a Mastodon or X (Twitter)
    account's archive, a Bluesky account's export (.car), or any newsletter's or blog's
    feed saved as a file."""
    import json

    from rich.console import Console

    from ..config import load_config
    from ..importers import import_files
    from ..importers.platform_report import as_json as report_json
    from ..importers.platform_report import print_report
    from ..importers.platforms import (
        import_export,
        recognise,
        subscribe_into,
        with_campaign_reports,
    )
    from .terminal import RichProgress

    if into is None and not workspace.is_dir():  # a mistyped -C: not a new folder of documents
        raise PublisherError.at(
            "no such folder",
            workspace,
            hint="give the workspace's folder: publisher -C DIR …, or --into DIR for a folder"
            " of documents alone",
        )
    # each read once, not again below
    recognised = with_campaign_reports([(path, recognise(path)) for path in files])
    exports = [(path, found) for path, found in recognised if found is not None]
    plain = [path for path, found in recognised if found is None]  # a folder's files too
    if exports and into is not None:
        raise PublisherError.at(
            "--into is for single files: an export's posts come with their issues and"
            " subscriber list, into the workspace",
            exports[0][0],
            hint="leave out --into; to review an export apart, make a workspace for it:"
            " publisher init review && publisher -C review import …",
        )
    if exports:  # an export brings issues and a list: only into a workspace, checked first
        load_config(workspace)
    console = Console(stderr=as_json)
    wanted = fetch_images or fetch_images_anywhere
    fetch = _fetcher(fetch_images_anywhere, console) if wanted else None
    documents = (workspace / "documents").resolve()
    with RichProgress("importing") as progress:  # thousands of posts or files take minutes
        reports = [
            import_export(
                path,
                workspace,
                dry_run,
                subscribe_into(workspace),
                fetch,
                found,
                since=since,
                progress=progress,
            )
            for path, found in exports
        ]
        into_folder = (into or documents).resolve()
        report = (
            import_files(plain, into_folder, split, dry_run, fetch, progress) if plain else None
        )
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
                    "left out": [str(p) for p in (report.left_out if report else [])],
                    "pictures left out": [str(p) for p in (report.pictures if report else [])],
                    "exports left out": [str(p) for p in (report.exports if report else [])],
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


def _fetcher(anywhere: bool, console: Console) -> ImageFetcher:
    """Fetches pictures, saying on the terminal how many so far (it can take minutes)."""
    from ..importers.fetch import ImageFetcher

    count = 0

    def said(url: str) -> None:
        nonlocal count
        count += 1
        if console.is_terminal:
            console.print(f"[dim]fetching picture {count}: {url}[/dim]", highlight=False)

    return ImageFetcher(anywhere=anywhere, on_fetch=said)


def _print_file_import(report: FileImportReport, dry_run: bool, console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table()
    table.add_column("document", overflow="fold")  # a file name cut short names no file
    table.add_column("title")
    table.add_column("date", no_wrap=True, min_width=10)  # the guess most worth checking
    table.add_column("found")
    table.add_column("check")
    for row in report.documents:
        draft, found = row.draft, row.draft.found
        notes = found["notes"] + found["footnotes"] + found["captions"] + found["source notes"]
        table.add_row(
            escape(row.path.name)
            + f"\n[dim]from {escape(row.source.name)}#{row.part} · {row.status}[/dim]",
            escape(draft.title)
            + f"\n[dim]{escape(', '.join(draft.authors) or 'no author')} · "
            + f"{draft.language or 'language?'}[/dim]",
            str(draft.date or "—"),
            _found(found["paragraphs"], found["lists"] + found["numbered lists"], notes),
            str(len(draft.unsure) or ""),
        )
    if report.documents:
        console.print(table)
    checks = [(f"{r.source.name}#{r.part}", r.draft.unsure) for r in report.documents]
    for line in _import_checks(checks, console.width):
        click.echo(line)
    for problem in report.problems:
        click.secho(f"error: {problem}", fg="red", err=True)
    if report.left_out:
        click.echo(_left_out(report.left_out))
    if report.pictures:
        click.echo(_pictures(report.pictures))
    for export in report.exports:
        click.echo(_export_named(export))
    done = sum(row.status in ("imported", "updated") for row in report.documents)
    failed = len({problem.file for problem in report.problems})  # a file may have several
    click.echo(
        f"{done} document(s) written, {failed} file(s) failed"
        + (" (dry run: nothing written)" if dry_run else "")
    )


def _left_out(files: list[Path]) -> str:
    """The system and lock files given, in one line: a folder of a synced drive has one
    beside nearly every document, and none is the editor's to fix."""
    names = ", ".join(file.name for file in files[:5]) + (", …" if len(files) > 5 else "")
    files_ = "file" if len(files) == 1 else "files"
    return f"left out {len(files)} system or lock {files_}, which are no documents: {names}"


def _pictures(files: list[Path]) -> str:
    """The pictures found in the folders given, in one line, with how one is shown: the
    photos beside an inbox's statements are not for `import`, nor its failure."""
    names = ", ".join(file.name for file in files[:5]) + (", …" if len(files) > 5 else "")
    pictures = "picture" if len(files) == 1 else "pictures"
    return (
        f"left out {len(files)} {pictures} found in the folder, which are no documents: {names}"
        f" (to show one, copy it into documents/ and write ![what it shows]({files[0].name})"
        " in a document)"
    )


def _export_named(path: Path) -> str:
    """An export or members list found in a folder given, with the command that imports
    it: its posts become issues and its rows subscribers, which only naming it should do."""
    import shlex

    return (
        f"left out {path}: a platform's export or members list, which brings issues or"
        f" subscribers: to import it, name it: publisher import {shlex.quote(str(path))}"
    )


def _found(paragraphs: int, lists: int, notes: int) -> str:
    """What the reading found, as '12 ¶, 1 list, 3 notes': the counts that are not 0."""
    counts = [f"{paragraphs} ¶"]
    if lists:
        counts.append(f"{lists} list" + ("s" if lists > 1 else ""))
    if notes:
        counts.append(f"{notes} note" + ("s" if notes > 1 else ""))
    return ", ".join(counts)


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


def _day(value: str | None) -> dt.date | None:
    """A day as YYYY-MM-DD; told how to write it otherwise (click says which option)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: write the day as YYYY-MM-DD, e.g. 2026-02-20"
        ) from None
