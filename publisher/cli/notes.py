"""Notes and warnings on stderr: publisher's log records as "note: …" and "warning: …"
lines. Apart from terminal.py so that `publisher --help` does not import logging: commands
import it when they run."""

from __future__ import annotations

import logging
import sys

import click


def show_warnings() -> None:
    """Our notes (INFO, e.g. the email's size) and warnings (e.g. a refused URL) go to stderr
    as 'note: …' and 'warning: …'; of WeasyPrint's warnings, only what it ignores in the
    print stylesheets, said as ours (renderers/stylesheets.py)."""
    logger = logging.getLogger("publisher")
    if not any(isinstance(handler, Notes) for handler in logger.handlers):
        logger.addHandler(Notes())
    logger.setLevel(logging.INFO)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


class Notes(logging.Handler):
    """One line per record on the stderr of the moment: under a progress bar, the bar's
    (which prints it above the bar, not through it); CliRunner's in tests."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "warning" if record.levelno >= logging.WARNING else "note"
        click.echo(f"{prefix}: {record.getMessage()}", file=sys.stderr)
