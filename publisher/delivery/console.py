"""What the delivery commands show: a progress bar with rate and ETA, and the reports."""

from __future__ import annotations

from rich.console import Console
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

from .ledger import FINAL_STATES
from .send import SendReport
from .subscribers import ImportReport

_REPORTED = ("sent", "failed", "deferred", "skipped", "unknown", "queued")


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} msg/s" if task.speed else "– msg/s", style="cyan")


class SendProgressBar:
    """Advances once per recipient settled for good; retries show in the description."""

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

    def __enter__(self) -> SendProgressBar:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(*exc)  # type: ignore[arg-type]

    def begin(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    def settled(self, state: str) -> None:
        if state == "deferred":
            self._deferred += 1
            self._bar.update(self._task, description=f"sending ({self._deferred} retries)")
        elif state in FINAL_STATES:
            self._bar.advance(self._task)


def print_send_report(report: SendReport, console: Console) -> None:
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
        console.print(f"[{colour}]test copy {outcome.state}: {outcome.code or ''} {outcome.text}")
        return
    table = Table(title=f"{report.issue}" + (" (dry run: nothing sent)" if report.dry_run else ""))
    for state in _REPORTED:
        table.add_column(state, justify="right")
    table.add_row(*(str(report.counts.get(state, 0)) for state in _REPORTED))
    console.print(table)
    for address, why in report.failed[:20]:
        console.print(f"  [red]failed[/] {address}: {why}")
    if len(report.failed) > 20:
        console.print(f"  … and {len(report.failed) - 20} more failed")
    for address, why in report.unknown:
        console.print(f"  [yellow]unknown[/] {address}: {why}")
    if report.unknown:
        console.print(
            "  Check the mail server's log for these; to send them again anyway, run"
            f" 'publisher send {report.issue} --resend-unknown'."
        )
    for rate in report.rate_changes:
        console.print(f"[yellow]the server asked us to slow down: now {rate:.2f} msg/s")
    if report.paused:
        console.print(f"[red]{report.paused}[/]")
    if report.interrupted:
        console.print("[yellow]stopped by Ctrl-C[/]")
    if not report.dry_run and (report.paused or report.interrupted or not report.complete):
        console.print(f"Run 'publisher send {report.issue}' again to resume where this left off.")


def print_import_report(
    report: ImportReport, unconfirmed: list[tuple[str, str]], console: Console
) -> None:
    for problem in report.rejected:
        console.print(f"[red]rejected[/] {problem}", highlight=False, soft_wrap=True)
    if report.ignored_columns:
        console.print(f"ignored column(s): {', '.join(report.ignored_columns)}")
    for address, why in unconfirmed:
        console.print(f"[yellow]confirmation not sent[/] to {address}: {why}")
    console.print(
        f"{len(report.added)} added, {len(report.updated)} now suppressed,"
        f" {report.unchanged} unchanged, {len(report.rejected)} rejected"
    )
