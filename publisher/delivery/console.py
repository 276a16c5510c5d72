"""What the delivery commands show: a progress bar with rate and ETA, and the reports."""

from __future__ import annotations

import csv
import io
import threading
from operator import attrgetter

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from .ledger import FINAL_STATES, Delivery
from .listing import Column, write_table
from .preflight import Preflight
from .send import SendReport
from .subscribers import ImportReport, quoted_cell, shown_address

_REPORTED = ("sent", "failed", "deferred", "skipped", "unknown", "queued")


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} msg/s" if task.speed else "– msg/s", style="cyan")


class SendProgressBar:
    """Advances once per recipient settled for good; retries show in the description.
    Shown from the first message the server accepts: before that, nothing is under way
    that a bar could measure (a server that cannot be used stops the send first)."""

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self._task = self._bar.add_task("sending", total=None)
        self._deferred = 0
        self._shown = False
        self._showing = threading.Lock()  # workers settle from their own threads

    def __enter__(self) -> SendProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._shown:
            self._bar.stop()

    def begin(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    def warn(self, message: str) -> None:
        self._bar.console.print(
            f"[yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True
        )

    def settled(self, state: str) -> None:
        if state == "sent" and not self._shown:
            with self._showing:
                if not self._shown:
                    self._shown = True
                    self._bar.start()
        if state == "deferred":
            self._deferred += 1
            self._bar.update(self._task, description=f"sending ({self._deferred} retries)")
        elif state in FINAL_STATES:
            self._bar.advance(self._task)


def print_preflight(found: Preflight, console: Console) -> None:
    """A dry run's findings: the server's answers, who would get what, what looks wrong."""
    table = Table(box=None, show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")

    def row(name: str, value: str) -> None:  # values are text, never markup ([email] …)
        table.add_row(name, Text(value))

    row("SMTP server", f"{found.server} ({found.security})")
    for step in found.steps:
        row(f"  {step.name}", step.reply)
    row("From", found.sender)
    row("envelope sender", found.envelope_from)
    row("DKIM", found.dkim)
    row("base_url", found.base_url)
    row("recipients", f"{found.recipients}" + (f" ({found.audience})" if found.audience else ""))
    if found.by_language:
        row("  by language", _counted(found.by_language))
    if found.by_tag:
        row("  by tag", _counted(found.by_tag))
    console.print(table, highlight=False)
    for warning in found.warnings:
        console.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False, soft_wrap=True)


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def print_send_report(report: SendReport, console: Console) -> None:
    if report.preflight is not None:
        print_preflight(report.preflight, console)
    if report.nobody_new:
        console.print(f"nothing to send: {escape(report.nobody_new)}", highlight=False)
        return
    if report.recovered:
        console.print(
            f"[yellow]{len(report.recovered)} message(s) were being sent when the last run"
            " stopped; whether they arrived is unknown, so they were not sent again:[/]"
        )
        for address in report.recovered:
            console.print(f"  {address}")
    if report.test_outcome is not None:
        outcome = report.test_outcome
        colour = "green" if outcome.state == "sent" else "red"
        edition = ", ".join(report.by_edition) if _has_editions(report) else ""
        console.print(
            f"[{colour}]test copy{f' ({edition})' if edition else ''} {outcome.state}"
            f" to {escape(report.test_to)}:[/] {outcome.code or ''} {escape(outcome.text)}",
            highlight=False,
        )
        return
    table = Table(title=f"{report.issue}" + (" (dry run: nothing sent)" if report.dry_run else ""))
    for state in _REPORTED:
        table.add_column(state, justify="right")
    table.add_row(*(str(report.counts.get(state, 0)) for state in _REPORTED))
    console.print(table)
    if _has_editions(report):
        what = "to be sent" if report.dry_run else "sent"
        console.print(f"copies {what} by edition: {_counted(report.by_edition)}", highlight=False)
    for address, why in report.failed[:20]:
        console.print(f"  [red]failed[/] {address}: {why}")
    if len(report.failed) > 20:
        console.print(
            f"  … and {len(report.failed) - 20} more failed: 'publisher deliveries"
            f" {report.issue} --state failed' lists them all"
        )
    for address, why in report.unknown:
        console.print(f"  [yellow]unknown[/] {address}: {why}")
    if report.unknown:
        console.print(
            "  Check the mail server's log for these; to send them again anyway, run"
            f" 'publisher send {report.issue} --resend-unknown'."
        )
    if report.failed_active and not report.dry_run:
        console.print(
            f"{report.failed_active} failed address(es) were refused only for now, until the"
            " retry window closed, and are still on the list: to try them again, run"
            f" 'publisher send {report.issue} --new'.",
            highlight=False,
        )
    if report.not_reached and not report.dry_run:
        console.print(
            f"{report.not_reached} active subscriber(s) have not had {report.issue}: this send"
            " was not to them (it went to a tag or language, or they joined since); to send"
            f" it to them, run 'publisher send {report.issue} --new'.",
            highlight=False,
        )
    previous = None
    for rate in report.rate_changes:
        if previous is not None and (not rate or rate > previous):
            pace = f"{rate:.2f} msg/s" if rate else "as fast as the server takes"
            console.print(f"the server kept up again: back to {pace}", highlight=False)
        else:
            console.print(f"[yellow]the server asked us to slow down: now {rate:.2f} msg/s")
        previous = rate
    if report.paused:
        console.print(f"[red]{report.paused}[/]")
    if report.interrupted:
        console.print(f"[yellow]stopped by {report.interrupted}[/]")
    if not report.dry_run and (report.paused or report.interrupted or not report.complete):
        console.print(f"Run 'publisher send {report.issue}' again to resume where this left off.")


DELIVERY_FIELDS = (
    *("issue", "send_started", "address", "state", "attempts", "reply", "message_id"),
    *("time", "edition"),
)


def print_deliveries(rows: list[Delivery], fmt: str, console: Console) -> None:
    """The ledger's rows: CSV with every field (cells a spreadsheet would run as formulas
    neutralised, as `subscribers export` does), or a table per send for the terminal."""
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(DELIVERY_FIELDS)
        for row in rows:
            writer.writerow(quoted_cell(str(getattr(row, name))) for name in DELIVERY_FIELDS)
        console.file.write(text.getvalue())
        return
    # As `subscribers list` lays out its table: each address whole, the reply folded to
    # fit the terminal; one plain line a copy when the output is no terminal (`| grep`).
    width = console.width if console.is_terminal else None
    for started in dict.fromkeys(row.send_started for row in rows):
        sent = [row for row in rows if row.send_started == started]
        console.file.write(f"{sent[0].issue}: the send started {started}\n")
        write_table(sent, console.file, width, {}, _DELIVERY_TABLE)
    copies = f"{len(rows)} cop{'y' if len(rows) == 1 else 'ies'}"
    console.file.write(f"{copies}; --format csv gives each one's Message-ID too\n")


_DELIVERY_TABLE = (  # the first column is the key: it gets a line of its own when need be
    Column("address", lambda d: shown_address(d.address)),
    Column("state", attrgetter("state")),
    Column("tries", lambda d: str(d.attempts)),
    Column("reply", attrgetter("reply"), fold_to=12),
    Column("time (UTC)", lambda d: d.time[:19].replace("T", " ")),
)


def _has_editions(report: SendReport) -> bool:
    """Whether the copies counted are of an issue in several languages (one not the
    original is among them)."""
    return any(not name.endswith(" (original)") for name in report.by_edition)


def print_import_report(
    report: ImportReport, unconfirmed: list[tuple[str, str]], console: Console
) -> None:
    for problem in report.rejected:
        console.print(f"[red]rejected[/] {problem}", highlight=False, soft_wrap=True)
    for problem in report.left_out:
        console.print(f"[yellow]left out[/] {problem}", highlight=False, soft_wrap=True)
    for problem in report.warnings:
        console.print(f"[yellow]warning[/] {problem}", highlight=False, soft_wrap=True)
    for said in report.read_as:
        console.print(said, highlight=False)
    if report.ignored_columns:
        console.print(f"ignored column(s): {', '.join(report.ignored_columns)}")
    for address, why in unconfirmed:
        console.print(f"[yellow]confirmation not sent[/] to {address}: {why}")
    console.print(
        f"{len(report.added)} added, {len(report.updated)} now suppressed,"
        f" {report.unchanged} unchanged, {len(report.rejected)} rejected"
        + (f", {len(report.left_out)} left out" if report.left_out else "")
    )
