"""What every command shares: examples at the end of --help, and errors told as one
clear line (a bug as one line and a log of its traceback)."""

from __future__ import annotations

import os
import shlex
import stat
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .. import __version__
from ..errors import PublisherError

if TYPE_CHECKING:
    from pathlib import Path

EX_SOFTWARE = 70  # sysexits.h: an internal error


class PathParam(click.Path):
    """A click.Path whose value is a pathlib.Path, made when a value is converted: declared
    with `path_type=Path`, every option would import pathlib for `publisher --help` too
    (7 ms of its 100)."""

    def coerce_path_result(self, value: Any) -> Any:
        from pathlib import Path

        return Path(value)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """As click.Path, and a file to read (one that must exist) is a file: a named pipe
        or a device (/dev/zero) would be read for ever."""
        path = super().convert(value, param, ctx)
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return path  # one that need not exist yet, or click has said what is wrong
        if self.exists and self.file_okay and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            self.fail(f"{str(value)!r} is a named pipe or a device, not a file", param, ctx)
        return path


def comma_joined(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> str:
    """An option given more than once as one comma-separated value: `-f pdf -f email` is
    `-f pdf,email`, as --tag adds up on send (click kept only the last, silently)."""
    return ",".join(values)


class PublisherHelp(click.Command):
    """Help as publisher's commands and groups give it. In `publisher --help`'s list of
    commands, each says its first sentence whole, wrapped: cut to the 45 characters click
    allows ("Build ISSUES (slug, number or manifest file;...") it does not say what the
    command does. Each --help ends with its examples (cli_examples.py)."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=10_000)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """As click parses them; -C (--workspace) given after the command, as `publisher
        build -C dir`, is said to go before it (click said only "No such option")."""
        given = list(args)  # click's parser takes them off `args` as it reads them
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            option = exc.option_name
            if option not in ("-C", "--workspace"):
                raise
            value = next((a.partition("=")[2] for a in given if a.startswith(f"{option}=")), "")
            if not value and option in given[:-1]:
                value = given[given.index(option) + 1]
            words = ["publisher", option, value or "DIR", *ctx.command_path.split()[1:]]
            raise click.UsageError(
                f"{option} goes before the command: {shlex.join(words)}", ctx
            ) from None

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from ..cli_examples import write_examples

        super().format_epilog(ctx, formatter)
        write_examples(ctx, formatter)


class Command(PublisherHelp):
    """A command of publisher's (see PublisherHelp)."""


class Group(click.Group, PublisherHelp):
    """Prints user errors as one clear message, without a traceback, and exits 1; a bug
    becomes one line pointing at a log of its traceback, and exit 70; Ctrl-C (or SIGTERM,
    SIGHUP where a command takes them so) exits 130 (143, 129). Its commands and
    subgroups (and it) end their --help with their examples, from cli_examples.py."""

    command_class = Command
    group_class = type  # subgroups are Group too

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PublisherError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(1)
        except click.Abort as abort:  # Ctrl-C at a question (click.prompt) is Ctrl-C
            if isinstance(abort.__context__, KeyboardInterrupt):
                _stopped(abort.__context__)
            raise  # Ctrl-D: no signal, exit 1
        except (click.exceptions.ClickException, click.exceptions.Exit):
            raise
        except KeyboardInterrupt as stopped:
            _stopped(stopped)
        except Exception as exc:
            from pathlib import Path

            if isinstance(exc, BrokenPipeError) and _reader_gone():
                # `publisher list | head`: head read its lines and left. Exit 0, as when
                # they fit in the pipe before it left: `set -o pipefail` does not fail
                sys.exit(0)

            workspace = ctx.obj if isinstance(ctx.obj, Path) else Path.cwd()
            log = write_crash_log(workspace)
            click.secho(
                "error: publisher stopped on an unexpected problem"
                f" ({type(exc).__name__}: {one_line(exc)}); details are in {log}",
                fg="red",
                err=True,
            )
            sys.exit(EX_SOFTWARE)


def _stopped(stopped: KeyboardInterrupt) -> NoReturn:
    """Said as click says it, with the signal's status (130 for Ctrl-C)."""
    from ..stopping import Stopped, deaf_to_ctrl_c, exit_status

    deaf_to_ctrl_c()
    click.echo(err=True)
    # A signal no one at the terminal sent is named: "Aborted!" alone reads as Ctrl-C
    said = f" Stopped by {stopped}" if isinstance(stopped, Stopped) else ""
    click.echo(f"Aborted!{said}", err=True)
    sys.exit(exit_status(stopped))


def _reader_gone() -> bool:
    """Whether whatever read publisher's output (head, less, grep -q) has closed its end:
    a broken pipe to an SMTP server or a worker is a problem to report, this is not."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError, AttributeError):  # no file behind stdout (a test's runner)
        return False


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:199] + "…"


def write_crash_log(workspace: Path, exc: BaseException | None = None) -> Path:
    """The traceback of `exc`, else of the exception being handled, in
    <workspace>/.publisher/ (or the system's temporary folder when that cannot be written),
    for a bug report."""
    import tempfile
    import time
    import traceback
    from pathlib import Path

    stamp = time.strftime("%Y%m%d-%H%M%S")
    details = "".join(traceback.format_exception(exc)) if exc else traceback.format_exc()
    text = (
        f"publisher {__version__}, Python {sys.version.split()[0]}\n"
        f"command: {' '.join(sys.argv)}\n\n{details}"
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
