"""Notes and warnings on stderr: publisher's log records as "note: …" and "warning: …"
lines. Apart from terminal.py so that `publisher --help` does not import logging: commands
import it when they run."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click


def show_warnings(quiet: bool = False) -> None:
    """Our notes (INFO, e.g. the email's size) and warnings (e.g. a refused URL) go to stderr
    as 'note: …' and 'warning: …', only the warnings when `quiet`; of WeasyPrint's
    warnings, only what it ignores in the print stylesheets, said as ours
    (renderers/stylesheets.py). The notes are still logged, for a build to keep."""
    logger = logging.getLogger("publisher")
    if not any(isinstance(handler, Notes) for handler in logger.handlers):
        logger.addHandler(Notes())
    for handler in logger.handlers:
        if isinstance(handler, Notes):
            handler.setLevel(logging.WARNING if quiet else logging.NOTSET)
    logger.setLevel(logging.INFO)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


class Notes(logging.Handler):
    """One line per record on the stderr of the moment: under a progress bar, the bar's
    (which prints it above the bar, not through it); CliRunner's in tests."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "warning" if record.levelno >= logging.WARNING else "note"
        click.echo(f"{prefix}: {record.getMessage()}", file=sys.stderr)


def show_server_log(workspace: Path) -> None:
    """serve-subscriptions' log on stderr, read later, behind a web server: each line dated,
    errors said as errors, an exception's traceback in a crash log its line names, and
    waitress's own warnings (a full connection limit) among them; not waitress's "Task queue
    depth is N" for each request of a burst, which the four threads answer in turn."""
    handler = ServerLog(workspace)
    publisher = logging.getLogger("publisher")
    for notes in [h for h in publisher.handlers if isinstance(h, Notes)]:
        publisher.removeHandler(notes)
    publisher.addHandler(handler)
    publisher.setLevel(logging.INFO)
    logging.getLogger("waitress").addHandler(handler)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


class ServerLog(Notes):
    """'2026-05-01 09:30:00 error: …', one line per record."""

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.workspace = workspace

    def emit(self, record: logging.LogRecord) -> None:
        from .base import one_line, write_crash_log

        level = (
            "error"
            if record.levelno >= logging.ERROR
            else "warning"
            if record.levelno >= logging.WARNING
            else "note"
        )
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.created))
        line = f"{when} {level}: {' '.join(record.getMessage().split())}"
        if record.exc_info and record.exc_info[1]:
            exc = record.exc_info[1]
            log = write_crash_log(self.workspace, exc)
            line += f" ({type(exc).__name__}: {one_line(exc)}); details are in {log}"
        click.echo(line, file=sys.stderr)
