"""The `publisher` command: thin click wrappers that parse options, call one function, print.

One module per group of commands (building, the workspace, importing, delivery), registered
on `main` here. Heavy modules are imported inside the commands, so `publisher --help` (and a
build with nothing to do) answers at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .. import __version__
from . import building, delivery, importing
from . import workspace as workspace_commands
from .base import Group, PathParam
from .terminal import colours_refused

if TYPE_CHECKING:
    from pathlib import Path


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="publisher")
@click.option(
    "-C",
    "--workspace",
    type=PathParam(file_okay=False),
    default=".",
    show_default=True,
    help="The workspace folder (the one holding publisher.toml).",
)
@click.pass_context
def main(ctx: click.Context, workspace: Path) -> None:
    """Build a newsletter issue as PDF, email, EPUB, feeds and web pages."""
    from .notes import show_warnings  # not for --help: the command runs

    show_warnings()  # every command's, as "warning: …", not Python's bare last resort
    ctx.obj = workspace.resolve()
    if colours_refused():  # every command's click.secho, through its context
        ctx.color = False


for _command in (
    building.build,
    building.preview_email,
    workspace_commands.list_,
    workspace_commands.init,
    importing.import_,
    workspace_commands.check,
    workspace_commands.serve,
    delivery.subscribers,
    delivery.send,
    delivery.deliveries,
    delivery.bounces,
    delivery.serve_subscriptions,
):
    main.add_command(_command)
