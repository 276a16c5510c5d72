"""The one place publisher talks to pandoc (through pypandoc, imported lazily: it is slow)."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import math
import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import PublisherError
from .model import ARABIC_SCRIPT_LANGUAGES, PAGE_BREAK

_TEMPLATE = Path(__file__).with_name("pandoc-meta-body.txt")
_SPLIT = "\n<!--publisher:body-->\n"
_PLAIN_TEXT_FILTER = Path(__file__).with_name("plain-text.lua")


@dataclass(frozen=True)
class Converted:
    meta: dict[str, Any]
    body_html: str


def to_html(
    source: str | Path,
    from_format: str,
    *,
    id_prefix: str = "",
    media_dir: Path | None = None,
    filters: tuple[Path, ...] = (),
    warnings: list[str] | None = None,
) -> Converted:
    """Convert a file (Path) or text (str) to an HTML5 fragment plus pandoc's metadata.

    With `media_dir`, embedded images are extracted there and referenced relative to it;
    with `warnings`, what pandoc warned of is added to it."""
    args = ["--standalone", f"--template={_TEMPLATE}", "--wrap=none"]
    args += [f"--lua-filter={path}" for path in filters]
    if id_prefix:
        args.append(f"--id-prefix={id_prefix}")
    if media_dir:
        args.append("--extract-media=.")
    output = _run(source, from_format, "html5", args, cwd=media_dir, warnings=warnings)
    meta_json, _, body = output.partition(_SPLIT)
    return Converted(json.loads(meta_json or "{}"), body)


# pandoc's Markdown, with Obsidian's wiki links ([[Note|text]], ![[photo.png]]),
# highlights (==text==) and emoji typed by name (:fist:, as GitHub and Slack show them)
# read as what they show, not printed as typed; and without raw
# LaTeX, which no output shows: read as LaTeX, "C:\Users\ana\Documents" was "C:" and
# "\textbf{bold}" nothing. A backslash command is printed as written instead. An
# abbreviation's key (`*[HTML]: HyperText Markup Language`, kramdown's and PHP Markdown
# Extra's), which those show only as a word's tooltip, is not printed as a paragraph. The
# front matter is read before pandoc sees the text; "key: value" lines between two rules
# further down ("---" / "Contact: branch@…" / "---") are text, not more front matter,
# which pandoc's Markdown read anywhere and left out of the outputs. Without citations,
# which no output resolves: "@unionbranch" is a handle, "-@ana" keeps its "-", and a
# paragraph of "[" never closed ("[Photo: Ana, …") is read at once, where trying each as
# a citation took time doubling with each: 18 took a minute.
MARKDOWN = (
    "markdown+wikilinks_title_after_pipe+mark+emoji+abbreviations"
    "-task_lists-raw_tex-yaml_metadata_block-citations"
)
# What else Obsidian writes (comments, callouts, embedded pictures' captions, block
# identifiers): only text that holds one of its marks pays for starting the filter's Lua
_OBSIDIAN_FILTER = Path(__file__).with_name("readers") / "obsidian.lua"
_OBSIDIAN_MARKS = ("%%", "[!", "[[", " ^")


# A task list's items (- [ ] print leaflets, - [x] book the hall), which pandoc would draw as
# checkboxes the sanitiser takes out (no output may hold a form), leaving every item alike:
# read without task_lists, their marks are text, drawn here as the ballot boxes they are.
_TASK = re.compile(r"(<li>(?:<p>)?)\[([ xX])\] ")
# LaTeX's page breaks, alone in a paragraph, as writers used to pandoc's PDFs type them (and
# as readers/page_breaks marks a word processor's)
_LATEX_BREAK = re.compile(r"<p>\\(?:newpage|pagebreak|clearpage)(?:\{\})?</p>")
# Breaks before anything or after everything, or one after another: each would print a
# page with nothing on it
_NEEDLESS_BREAKS = re.compile(
    rf"^(?:\s*{PAGE_BREAK})+|(?<={PAGE_BREAK})(?:\s*{PAGE_BREAK})+|(?:{PAGE_BREAK}\s*)+$"
)
# An editor's table-of-contents marker (HackMD's [TOC], GitLab's [[_TOC_]]): the outputs
# make their own contents, so the marker goes rather than being printed
_TOC_MARKER = re.compile(
    r'<p>(?:\[(?:TOC|toc)\]|\$\{toc\}|<a href="_TOC_" class="wikilink">_TOC_</a>)</p>\n?'
)


def markdown_to_html(text: str, *, id_prefix: str = "", warnings: list[str] | None = None) -> str:
    from .lone_less_than import kept_from_pandoc
    from .open_tags import closed
    from .sanitize import unknown_tags_as_text

    obsidian = any(mark in text for mark in _OBSIDIAN_MARKS)
    filters = (_OBSIDIAN_FILTER,) if obsidian else ()
    text, written_back = kept_from_pandoc(text)  # "a < b": each would cost pandoc a scan
    text = closed(text)  # a <span> left open doubled pandoc's time, a <blockquote> held the rest
    converted = to_html(text, MARKDOWN, id_prefix=id_prefix, filters=filters, warnings=warnings)
    html = written_back(converted.body_html)
    html = unknown_tags_as_text(html)  # "Dear <Name>," stays as written
    html = _TASK.sub(lambda m: m[1] + ("☐ " if m[2] == " " else "☒ "), html)
    return _TOC_MARKER.sub("", page_breaks(html))


def page_breaks(html: str) -> str:
    """`html` with each paragraph holding only a page break mark (`\\newpage`) made a page
    break in print (print-base.css), nothing on a screen; one that would leave a page
    blank goes."""
    if "<p>\\" not in html:
        return html
    return _NEEDLESS_BREAKS.sub("", _LATEX_BREAK.sub(PAGE_BREAK, html))


def html_to_text(html: str, columns: int = 72, wrap: bool = True) -> str:
    """Readable plain text: Markdown-flavoured, headings lines of their own words, links as
    numbered references listed after each top-level block (wrap each article in a <div>); its lines
    wrapped at `columns`, or with `wrap` False each paragraph on one line. No line ends in
    spaces: Markdown's hard line break ("  " at a line's end, as a poem's or an address's
    lines are broken) is a line end in mail, and its spaces were left on the line."""
    text = _run(
        html,
        "html",
        "markdown-raw_html-native_divs-native_spans-fenced_divs-bracketed_spans-link_attributes"
        "-header_attributes-smart-escaped_line_breaks"
        # code's dir="ltr" (in right-to-left text) not shown as `KAFR-26`{dir="ltr"}
        "-inline_code_attributes"
        # code indented, as mail has always shown it: not fenced with ``` {.sourceCode .python}
        "-fenced_code_blocks-backtick_code_blocks-fenced_code_attributes",
        [
            f"--columns={columns}",
            f"--wrap={'auto' if wrap else 'none'}",
            f"--lua-filter={_PLAIN_TEXT_FILTER}",
            f"--metadata=arabic-script:{' '.join(sorted(ARABIC_SCRIPT_LANGUAGES))}",
            "--reference-links",
            "--reference-location=block",
        ],
    )
    return _SPACES_AT_LINE_END.sub("", text)


_SPACES_AT_LINE_END = re.compile(r"(?<![ \t])[ \t]+$", re.M)  # from a run's start only


def convert_text(text: str, from_format: str, to_format: str, args: list[str]) -> str:
    return _run(text, from_format, to_format, args)


def html_to_epub(html: str, output: Path, args: list[str], time_limit: float) -> None:
    """Not sandboxed, so pandoc can read the stylesheet, cover and images: safe because
    document bodies only reference images inside documents/ (`resources.confine_images`).
    `time_limit`: the seconds the whole book may take (not TIME_LIMIT, each document's)."""
    _run(html, "html", "epub3", args, outputfile=output, sandbox=False, time_limit=time_limit)


@functools.cache
def pandoc_path() -> str:
    """The pandoc binary pypandoc-binary ships, found without running anything. (pypandoc's
    own lookup runs every pandoc on PATH and the bundled one to compare versions, in every
    process; the bundled one is the version publisher is tested with.)"""
    spec = importlib.util.find_spec("pypandoc")
    if spec and spec.origin:
        bundled = Path(spec.origin).with_name("files") / "pandoc"
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    import pypandoc

    path: str = pypandoc.get_pandoc_path()
    return path


# pandoc's runtime (GHC's) allocates into a 64 MB area before it first collects garbage, so
# each run of ours, which converts a few kilobytes, page-faults ~36 MB in: most of its CPU
# time is the kernel's. A 16 MB area reused from the first collection takes a third off a
# Markdown document's conversion and a sixth off the plain-text email's, costs a 1 MB
# document nothing (bench/build.py). An editor's own GHCRTS wins; a pandoc built without
# runtime options warns and ignores it.
RUNTIME_OPTIONS = {"GHCRTS": "-A16m -H16m"}

# Real documents convert in well under a second; one that takes this long is pathological
# (thousands of nested quotes or lists) and would otherwise hang the build. Counted in
# pandoc's CPU time, not the clock's: on a busy machine (CI, two builds at once) a document
# near the limit failed one time and passed the next.
TIME_LIMIT = 30  # seconds
# A pandoc that waits rather than works (blocked, or starved by a machine that is swapping)
# uses no CPU time: the clock stops it, at this many times its CPU time limit.
WAITING_FACTOR = 10


# pandoc decodes its command line (an issue's title, description and tags given as metadata)
# in the locale's encoding: under LC_ALL=C, as cron jobs, CI containers and systemd units run,
# "almacén" became "almac��n" in the EPUB. A locale that is not UTF-8 is replaced by this
# one, which glibc (since 2.35; Debian's long before) and musl have without installing any.
UTF8_LOCALE = "C.UTF-8"
_UTF8 = re.compile(r"utf-?8", re.IGNORECASE)


def _environment(environ: Mapping[str, str]) -> dict[str, str]:
    """pandoc's environment: `environ` with RUNTIME_OPTIONS unless it sets its own, and a
    UTF-8 locale when `environ`'s is not one (the first of LC_ALL, LC_CTYPE and LANG set
    decides, as for any program); a user's UTF-8 locale is kept."""
    env = {**RUNTIME_OPTIONS, **environ}
    locale = next((env[name] for name in ("LC_ALL", "LC_CTYPE", "LANG") if env.get(name)), "")
    if not _UTF8.search(locale):
        env["LC_ALL"] = UTF8_LOCALE
    return env


class TookTooLong(PublisherError):
    """pandoc ran past its time limit and was stopped."""


def _run(
    source: str | Path,
    from_format: str,
    to_format: str,
    args: list[str],
    outputfile: Path | None = None,
    sandbox: bool = True,
    cwd: Path | None = None,
    warnings: list[str] | None = None,
    time_limit: float | None = None,
) -> str:
    """Run the pandoc that pypandoc-binary ships, bounded in CPU time (`time_limit` seconds,
    else TIME_LIMIT; in whole seconds, the kernel's unit) and, much more loosely, in the
    clock's. (pypandoc's own convert functions wait forever and change the process's working
    folder, which threads reading documents side by side cannot share.) `warnings`:
    pandoc's are added to it ("Note with key '3' defined at line 7 column 1 but not used.")."""
    command = [pandoc_path(), f"--from={from_format}", f"--to={to_format}"]
    command += ["--sandbox"] if sandbox else []
    command += [f"--output={outputfile}"] if outputfile else []
    command += args
    command += [str(source)] if isinstance(source, Path) else []
    text = None if isinstance(source, Path) else source.encode("utf-8", "surrogatepass")
    where = source if isinstance(source, Path) else None
    seconds = math.ceil(TIME_LIMIT if time_limit is None else time_limit)
    hint = "look for thousands of nested quotes, lists or tags, and flatten them"
    with subprocess.Popen(
        command,
        stdin=None if text is None else subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=_environment(os.environ),
    ) as process:
        limited = _limit_cpu_time(process.pid, seconds)
        waiting = seconds * WAITING_FACTOR if limited else seconds
        try:
            stdout, stderr = process.communicate(text, timeout=waiting)
        except subprocess.TimeoutExpired:
            process.kill()
            raise TookTooLong.at(
                f"pandoc had not converted this {from_format} input after {waiting:g} s",
                where,
                hint=f"{hint}; if the machine was very busy, try again",
            ) from None
        except BaseException:  # Ctrl-C, a failed build: no pandoc is left running
            process.kill()
            raise
    if process.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise TookTooLong.at(
            f"pandoc took more than {seconds:g} s to convert this {from_format} input",
            where,
            hint=hint,
        )
    if process.returncode != 0:
        message = stderr.decode("utf-8", "replace")
        # what pandoc says, not the Haskell call stack it may add for its programmers
        message = message.partition("HasCallStack backtrace:")[0].strip()[:500]
        hint = "check the file opens in its own program; re-save it if it is damaged"
        if "not found in resource path" in message:  # sandboxed: it reads no other file
            hint = (
                "a document is read alone, never a file it names (reStructuredText's include"
                " or csv-table :file:, Org's #+INCLUDE): put that file's text in the document"
            )
        raise PublisherError.at(
            f"pandoc could not convert this {from_format} input: {message}", where, hint=hint
        )
    if warnings is not None:
        said = stderr.decode("utf-8", "replace").splitlines()
        warnings += [
            line.removeprefix("[WARNING] ") for line in said if line.startswith("[WARNING]")
        ]
    return stdout.decode("utf-8", "replace")


def _limit_cpu_time(pid: int, seconds: int) -> bool:
    """Whether the running pandoc `pid` is now stopped by the kernel after `seconds` of CPU
    time (SIGXCPU, then SIGKILL a second later). Set from here, not in the child before it
    starts pandoc (preexec_fn): that is unsafe while other threads read documents."""
    if sys.platform != "linux":  # prlimit is Linux's; elsewhere the clock alone limits
        return False
    with contextlib.suppress(ProcessLookupError):  # it has already finished
        resource.prlimit(pid, resource.RLIMIT_CPU, (seconds, seconds + 1))
    return True
