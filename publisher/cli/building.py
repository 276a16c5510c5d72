"""`publisher build` and `publisher preview-email`."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any

import click

from ..paper import IMPOSITIONS, PAGE_SIZES, STANDARDS
from .base import Command, PathParam, comma_joined
from .terminal import RichProgress, size_text

if TYPE_CHECKING:
    from pathlib import Path

    from rich.table import Table

    from ..printing import PrintSettings


class _EveryFormatOption(click.Option):
    """--format defaults to every registered format. Help lists them; a build without -f
    gets "" (every format, as `formats.select` takes it), so neither `publisher --help`
    nor a build with nothing to do looks for format plugins."""

    def get_default(self, ctx: click.Context, call: bool = True) -> Any:
        if call:
            return ()
        from ..formats import formats

        return ",".join(formats())


@click.command(cls=Command)
@click.argument("issues", nargs=-1)
@click.option(
    "-f",
    "--format",
    "formats",
    cls=_EveryFormatOption,
    multiple=True,
    callback=comma_joined,
    show_default=True,
    help="Comma-separated output formats (or -f again for more).",
)
@click.option(
    "-o",
    "--out",
    type=PathParam(file_okay=False),
    help="Output folder (default: dist/ in the workspace).",
)
@click.option(
    "--page-size",
    metavar="SIZE",
    help=f'PDF and leaflet page: {", ".join(PAGE_SIZES)} or "120mm 180mm".',
)
@click.option("--margins", metavar="LENGTHS", help='Page margins like CSS: "15mm" or "20mm 18mm".')
@click.option("--bleed", metavar="LENGTH", help="Bleed beyond the trimmed page, e.g. 3mm.")
@click.option("--marks/--no-marks", default=None, help="Crop and registration marks.")
@click.option(
    "--impose",
    type=click.Choice(IMPOSITIONS, case_sensitive=False),
    help="Sheets to print too: booklet (the issue), 2up, 3up or 4up (the leaflet).",
)
@click.option(
    "--black-only/--colour", default=None, help="Black text and rules, no fills (photocopiers)."
)
@click.option(
    "--pdf-standard",
    type=click.Choice(STANDARDS, case_sensitive=False),
    help="pdf/ua-1 (tagged; default), pdf/a-3b (archive) or pdf/x-4 (print shop).",
)
@click.option("--force", is_flag=True, help="Render everything again, even what is up to date.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="List every file written and removed, not a line per folder.",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Say only warnings and errors (for cron and scripts)."
)
@click.pass_obj
def build(
    workspace: Path,
    /,
    issues: tuple[str, ...],
    formats: str,
    out: Path | None,
    force: bool,
    verbose: bool,
    quiet: bool,
    **print_options: str | bool | None,
) -> None:
    """Build ISSUES (slug, number or manifest file; default: every issue) in every format.

    Print options here win over the manifest's, which win over publisher.toml's [pdf].
    """
    from ..stopping import stopping_signals_interrupt
    from .notes import show_warnings

    show_warnings(quiet)
    with stopping_signals_interrupt():  # a build stopped by systemd leaves dist/ as it was
        _build(workspace, issues, formats, out, force, verbose, quiet, print_options)


def _build(
    workspace: Path,
    issues: tuple[str, ...],
    formats: str,
    out: Path | None,
    force: bool,
    verbose: bool,
    quiet: bool,
    print_options: dict[str, str | bool | None],
) -> None:
    import logging

    from .. import uptodate

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    impose = print_options.get("impose")
    if isinstance(impose, str) and (unused := _unused_imposition(chosen, impose)):
        logging.getLogger("publisher").warning("%s", unused)
    request = {"issues": issues, "formats": chosen, "out": out and out.resolve()} | print_options
    if not force and (stamp := uptodate.unchanged(workspace, request)):
        for level, message in stamp.messages:  # what the build with nothing to do said
            logging.getLogger("publisher").log(level, "%s", message)
        if not quiet:
            _say_built(stamp.issues, 0, stamp.outputs, 0, stamp.out_dir)
        return
    uptodate.forget(workspace)  # this build decides job by job

    from contextlib import nullcontext

    from rich.console import Console

    from ..build import build as run_build
    from ..jobs import Silent
    from ..logs import kept

    overrides = _print_overrides(print_options)
    started = time.time_ns()  # an input changed since may be in the outputs or not
    shown = nullcontext(Silent()) if quiet else RichProgress()
    with shown as progress, kept(logging.INFO) as logged:
        report = run_build(
            workspace, issues, chosen, out, progress, print_overrides=overrides, force=force
        )
    if not quiet:
        Console().print(_written_table(report.written, report.out_dir, verbose))
        if verbose and report.removed:
            Console().print(_removed_table(report.removed, report.out_dir))
        _say_built(
            len(report.issues),
            len(report.rendered),
            len(report.skipped),
            len(report.written),
            report.out_dir,
        )
    # The next build of the same, nothing changed, would render nothing, and say what was
    # said before rendering began (all of it, when nothing was rendered)
    nothing = not report.rendered and not report.written
    began = math.inf if nothing or report.rendering_from is None else report.rendering_from
    said = tuple((r.levelno, r.getMessage()) for r in logged if r.created < began)
    up_to_date = len(report.rendered) + len(report.skipped)
    stamp = uptodate.Stamp(said, len(report.issues), up_to_date, report.out_dir)
    uptodate.record(workspace, request, build_inputs(workspace), stamp, started)


# Files a build lists one by one; past this, a line per folder of the output folder (an
# issue's, the search index's) unless -v: a build of 80 issues listed 1,568 files.
LISTED_AT_MOST = 20


def _written_table(written: list[Path], out_dir: Path, verbose: bool) -> Table:
    """The files written with their sizes, or, when many, each folder of `out_dir` they
    are in with how many and their total size (files at its top, as themselves)."""
    from rich.table import Table

    if verbose or len(written) <= LISTED_AT_MOST:
        table = Table("output", "size", box=None, show_header=False)
        for path in written:
            table.add_row(str(path.relative_to(out_dir)), size_text(path.stat().st_size))
        return table
    table = Table("output", "files", "size", box=None, show_header=False)
    folders: dict[str, list[Path]] = {}
    for path in written:
        parts = path.relative_to(out_dir).parts
        folders.setdefault(parts[0] + ("/" if len(parts) > 1 else ""), []).append(path)
    for name, paths in folders.items():
        size = size_text(sum(path.stat().st_size for path in paths))
        table.add_row(name, f"{len(paths)} file(s)" if name.endswith("/") else "", size)
    table.caption = "(build -v lists every file)"
    return table


def _removed_table(removed: list[Path], out_dir: Path) -> Table:
    """Every file the build took away: a deploy that does not delete must, each one."""
    from rich.table import Table

    table = Table("removed", box=None, show_header=False)
    for path in removed:
        table.add_row(f"removed {path.relative_to(out_dir)}")
    return table


def _unused_imposition(chosen: list[str], impose: str) -> str | None:
    """Why --impose makes nothing in this build, when its formats say so already: each
    imposition folds or gangs up one format's PDF (`Format.impositions`), and a build
    without that format ignores it."""
    from ..formats import formats

    imposed = [f for f in formats().values() if impose in f.impositions]
    if chosen and imposed and not any(f.name in chosen for f in imposed):
        what = " or ".join(f.noun or f.name for f in imposed)
        return f"--impose {impose} imposes {what}, which --format {','.join(chosen)} leaves out"
    return None  # a leaflet imposed where no issue has one: the build says so (build.py)


def _say_built(issues: int, rendered: int, up_to_date: int, written: int, out_dir: Path) -> None:
    skipped = f", {up_to_date} up to date" if up_to_date else ""
    click.secho(
        f"built {issues} issue(s): {rendered} output(s) rendered{skipped},"
        f" {written} file(s) written in {out_dir}",
        fg="green",
    )


def build_inputs(workspace: Path) -> list[Path]:
    """The folders whose files can change what a build makes (see `uptodate`)."""
    from pathlib import Path

    from ..config import load_config
    from ..templating import default_theme_dir

    config = load_config(workspace)
    return [
        workspace,
        config.documents_dir,
        config.issues_dir,
        config.templates_dir,
        default_theme_dir().parent,
        Path(__file__).parents[1],  # publisher's own code
    ]


@click.command(cls=Command, name="preview-email")
@click.argument("issue")
@click.option(
    "-o",
    "--out",
    type=PathParam(file_okay=False),
    help="Folder for the PNGs (default: .publisher/previews/ISSUE/, or its edition's).",
)
@click.option(
    "--language",
    metavar="LANG",
    default="",
    help="The edition a reader of LANG gets (es takes es-MX); default: the original.",
)
@click.pass_obj
def preview_email(workspace: Path, issue: str, out: Path | None, language: str) -> None:
    """Screenshots of ISSUE's email at 375 px (phone) and 600 px (desktop), taken in
    headless Chromium."""
    from ..preview import preview_email as run_preview

    for path in run_preview(workspace, issue, out, language):
        click.echo(f"wrote {path} ({size_text(path.stat().st_size)})")


def _print_overrides(options: dict[str, str | bool | None]) -> PrintSettings:
    """The build command's print options as the last layer of print settings."""
    from ..printing import PRINT_TABLE
    from ..settings_schema import Problems, check

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
