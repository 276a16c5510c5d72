"""Subscribers and sending: `publisher subscribers …`, `send`, `bounces`, `serve-subscriptions`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .base import Command, Group, PathParam

if TYPE_CHECKING:
    from pathlib import Path

    from ..config import Config
    from ..delivery.subscribers import ImportReport


@click.group(cls=Group)
def subscribers() -> None:
    """The subscriber list ([delivery] database): add, remove, reactivate, list, import,
    export, migrate."""


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
    from ..delivery import manage

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
    from ..delivery import manage

    subscriber = manage.remove(workspace, address)
    click.echo(f"{subscriber.address}: {subscriber.status}")


@subscribers.command(name="reactivate")
@click.argument("address")
@click.option("--reason", default="", help="Why, for the subscriber's history.")
@click.pass_obj
def subscribers_reactivate(workspace: Path, address: str, reason: str) -> None:
    """Put ADDRESS back on the list after it was bounced or complained by mistake (never
    one that unsubscribed: only they can come back); its earlier bounces stop counting."""
    from ..delivery import manage

    subscriber, was = manage.reactivate(workspace, address, reason)
    if was:
        click.echo(f"{subscriber.address}: active again (was {was})")
    else:
        click.echo(f"{subscriber.address}: {subscriber.status} already, nothing changed")


@subscribers.command(name="list")
@click.option(
    "--status",
    type=click.Choice(["pending", "active", "unsubscribed", "bounced", "complained"]),
    help="Only subscribers with this status.",
)
@click.option(
    "-f",
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

    from ..delivery import manage
    from ..delivery.listing import print_subscribers

    out = sys.stdout
    width = shutil.get_terminal_size().columns if out.isatty() else None
    with manage.listing(workspace, status) as (rows, widths):
        print_subscribers(rows, out, fmt, width, widths)


@subscribers.command(name="import")
@click.argument("list_file", type=PathParam(dir_okay=False, exists=True, allow_dash=True))
@click.option(
    "--double-opt-in", is_flag=True, help="New subscribers are pending and get a confirmation link."
)
@click.option("--source", default="", help="Where consent came from (default: the file name).")
@click.pass_obj
def subscribers_import(workspace: Path, list_file: Path, double_opt_in: bool, source: str) -> None:
    """Import LIST_FILE, a CSV file or a workbook (Excel .xlsx or .xls, LibreOffice .ods:
    its first sheet) with columns email and optionally name, language, tags, status,
    consent_source; contacts exported as a vCard file (.vcf); or a members export from
    Mailchimp, Ghost, Substack or listmonk, whose unsubscribed, cleaned and blocklisted
    people stay off the list. Bad rows are reported by line, the rest imported. LIST_FILE
    '-' is standard input."""
    from rich.console import Console

    from ..delivery import manage
    from ..delivery.console import print_import_report

    if str(list_file) == "-":
        report, unconfirmed = _import_standard_input(workspace, double_opt_in, source)
    else:
        report, unconfirmed = manage.import_file(workspace, list_file, double_opt_in, source)
    if report.platform:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(report.by_status().items()))
        click.echo(f"read as a {report.platform} export: {counts or 'nothing new'}")
    for line in report.merged:
        click.echo(f"merged: {line}")
    print_import_report(report, unconfirmed, Console(stderr=False))
    if report.rejected or unconfirmed:
        sys.exit(1)


def _import_standard_input(
    workspace: Path, double_opt_in: bool, source: str
) -> tuple[ImportReport, list[tuple[str, str]]]:
    """`subscribers import -`: standard input read whole into a file (a workbook is told
    from a CSV file by its bytes), its bad rows named 'standard input:LINE'."""
    import dataclasses
    import tempfile
    from pathlib import Path

    from ..delivery import manage
    from ..errors import PublisherError

    source = source or "import from standard input"
    with tempfile.TemporaryDirectory(prefix="publisher-import-") as folder:
        path = Path(folder) / "standard input"
        path.write_bytes(sys.stdin.buffer.read())
        try:
            report, unconfirmed = manage.import_file(workspace, path, double_opt_in, source)
        except PublisherError as exc:
            raise PublisherError(*(p.named_from(Path(folder)) for p in exc.problems)) from None
    named = [p.named_from(Path(folder)) for p in report.rejected]
    warned = [p.named_from(Path(folder)) for p in report.warnings]
    return dataclasses.replace(report, rejected=named, warnings=warned), unconfirmed


@subscribers.command(name="export")
@click.argument("csv_file", type=PathParam(dir_okay=False, allow_dash=True))
@click.pass_obj
def subscribers_export(workspace: Path, csv_file: Path) -> None:
    """Write every subscriber, whatever their status, to CSV_FILE ('-': standard output)."""
    from ..delivery import manage

    if str(csv_file) != "-":
        click.echo(f"{manage.export(workspace, csv_file)} subscriber(s) written to {csv_file}")
        return
    count, data = manage.exported(workspace)
    sys.stdout.buffer.write(data)
    click.echo(f"{count} subscriber(s) written to standard output", err=True)


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
    from ..delivery.migrate import migrate

    done = migrate(workspace, target)
    for table, count in done.counts.items():
        click.echo(f"{table}: {count} row(s)")
    click.echo(
        f"copied from {done.source} to {done.target}; to use it, set [delivery] database ="
        f' "{done.target}" in publisher.toml'
    )


@click.command(cls=Command)
@click.argument("issue")
@click.option("--to", "to", metavar="ADDRESS", help="Send one test copy to ADDRESS only.")
@click.option("--dry-run", is_flag=True, help="Check everything and report; send nothing.")
@click.option(
    "--rate",
    type=float,
    help="Messages per second (0: as fast as the server takes; default: [delivery] rate, else 10).",
)
@click.option(
    "--connections",
    type=click.IntRange(1, 32),
    help="SMTP connections at once (default: [delivery] connections, else 2).",
)
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
@click.option(
    "--local-links",
    is_flag=True,
    help="Send although base_url is this machine's own address (readers on this machine).",
)
@click.option(
    "--new-key",
    is_flag=True,
    help="Sign with a new secret key, the one earlier issues used being lost: their"
    " unsubscribe links stop working.",
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
    local_links: bool,
    new_key: bool,
) -> None:
    """Email ISSUE to every active subscriber; run it again to resume after any interruption.

    The SMTP server is connected to and logged in to first: a wrong setting stops the send
    at once. --dry-run does only that, and reports who would get the issue. --tag,
    --language and --new narrow the recipients (subscribers without a language read the
    newsletter's). Each gets the issue's edition in their language, else the original.
    """
    from rich.console import Console

    from ..delivery.console import SendProgressBar, print_send_report
    from ..delivery.send import SendRequest
    from ..delivery.send import send as run_send

    if rate is not None and rate < 0:
        raise click.BadParameter("must be 0 or more", param_hint="--rate")
    if to and (tags or new):
        raise click.UsageError("--to sends one copy to one address: leave out --tag and --new")
    if check_online and not dry_run:
        raise click.UsageError("--check-online goes with --dry-run")
    request = SendRequest(
        issue, to, dry_run, rate, connections, again, resend_unknown,
        tags=tags, language=language, new=new, check_online=check_online,
        local_links=local_links, new_key=new_key,
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
    if report.interrupted:
        sys.exit(_stopped_status(report.interrupted))
    if report.paused or unfinished:
        sys.exit(1)


def _stopped_status(stopped_by: str) -> int:
    """The exit status of a send stopped by what the report names ("Ctrl-C", or a signal
    as `stopping.STOPPING` says it): 130, 143 or 129, as every interrupted command exits,
    so that systemd or a script tells a stop from a failure (1)."""
    from ..stopping import STOPPING

    return next((128 + int(n) for n, said in STOPPING.items() if said == stopped_by), 130)


@click.command(cls=Command)
@click.argument("issue")
@click.option(
    "--state",
    type=click.Choice(["sent", "failed", "unknown", "skipped", "deferred", "queued", "sending"]),
    help="Only the copies in this state.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv"]),
    default="table",
    show_default=True,
    help="table: for the terminal; csv: every field, with each copy's Message-ID.",
)
@click.pass_obj
def deliveries(workspace: Path, issue: str, state: str | None, fmt: str) -> None:
    """Who got ISSUE: each reader's copy of each of its sends, from the ledger, with its
    state, the server's last reply, its Message-ID and when."""
    from rich.console import Console

    from ..delivery.console import print_deliveries
    from ..delivery.ledger import deliveries as ledger_rows
    from ..delivery.manage import subscriber_list
    from ..errors import PublisherError

    with subscriber_list(workspace) as (config, db):
        try:
            rows = ledger_rows(db, issue, state)
        except PublisherError:
            _no_such_issue(config, issue)  # rather than "issue 99 has not been sent"
            raise
    print_deliveries(rows, fmt, Console(soft_wrap=fmt == "csv"))


def _no_such_issue(config: Config, issue: str) -> None:
    """Raise "no issue 'x'", listing the issues, as build, send and check say it, when
    `issue` names none of the workspace's (a manifest deleted since its send may still
    be in the ledger, which is asked first)."""
    from ..build import select_issues
    from ..manifest import loadable_manifests
    from ..pool import DocumentPool

    pool = DocumentPool.scan(config.documents_dir)
    select_issues(loadable_manifests(config.issues_dir, pool, config.root), [issue])


@click.command(cls=Command)
@click.argument("source")
@click.pass_obj
def bounces(workspace: Path, source: str) -> None:
    """Read bounces and spam complaints from SOURCE and suppress the addresses they are
    about: at once for a hard bounce or a complaint, after [delivery] soft_bounce_limit
    soft bounces within soft_bounce_days. Requests to unsubscribe that mail programs send to
    the List-Unsubscribe mailto: address unsubscribe the reader their signed token names.
    SOURCE is the bounce address's Maildir or mbox file, or 'imap' ('imap:FOLDER') to read
    [delivery] imap_folder on imap_host. Nothing is counted twice, so run it as often as
    you like."""
    from ..delivery.bounce_policy import process

    for line in process(workspace, source).lines():
        click.echo(line)


@click.command(cls=Command, name="serve-subscriptions")
@click.option("--listen", metavar="HOST:PORT", help="Default: [delivery] listen.")
@click.pass_obj
def serve_subscriptions(workspace: Path, listen: str | None) -> None:
    """Serve the subscribe, confirm and unsubscribe pages and RFC 8058 one-click unsubscribe."""
    from ..delivery.endpoints import serve
    from .notes import show_server_log

    show_server_log(workspace)
    serve(workspace, listen)
