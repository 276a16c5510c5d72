"""What WeasyPrint leaves out of a print stylesheet (the theme's, or the editor's override
of it), said as warnings naming the template file and its line.

WeasyPrint drops a rule or declaration it cannot read and goes on ("Ignored `color: blu` at
126:6, invalid value."), counting lines in the stylesheet as rendered: after Jinja has put
in the files it includes, so not the editor's line. Each line is found again in the files
the stylesheet is made of by its text. A `{` never closed is no error to WeasyPrint at all
(CSS closes it at the end of the sheet, and nesting reads the rules after it as nested in
it): one such slip in an override emptied most of the PDF's layout, the cover and page
breaks with it, without a word. tinycss2 (WeasyPrint's parser) finds it.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import jinja2
import jinja2.meta
import tinycss2
import tinycss2.ast

from ..printing import SIZE_HINT, parse_bleed, parse_margins, parse_page_size

log = logging.getLogger(__name__)

_AT_LINE = re.compile(r"\.? at (\d+):\d+")  # WeasyPrint's "… at 126:6, …" and "…. at 4:19."


class _OnlyTheStylesheets(logging.Filter):
    """On WeasyPrint's logger: a warning goes to the list of the thread's `ignored_rules`,
    if it is in one, and no further. Said as it comes, a document's inline styles, which
    the layout reads too, would flood the terminal ("Ignored `mso-…`"). Errors (a picture
    unreadable) go on as before."""

    def __init__(self) -> None:
        super().__init__()
        self.here = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        found: list[tuple[int, str]] | None = getattr(self.here, "found", None)
        if found is not None and record.levelno == logging.WARNING:
            message = record.getMessage()
            if at := _AT_LINE.search(message):
                found.append((int(at[1]), _AT_LINE.sub("", message, count=1).rstrip(".")))
        return False


_ONLY_THE_STYLESHEETS = _OnlyTheStylesheets()
logging.getLogger("weasyprint").addFilter(_ONLY_THE_STYLESHEETS)


@contextlib.contextmanager
def ignored_rules() -> Iterator[list[tuple[int, str]]]:
    """What WeasyPrint warns of in this thread while the block parses a stylesheet: (line
    in the rendered stylesheet, WeasyPrint's message without its position)."""
    found: list[tuple[int, str]] = []
    _ONLY_THE_STYLESHEETS.here.found = found
    try:
        yield found
    finally:
        _ONLY_THE_STYLESHEETS.here.found = None


_OPENED = {"{} block": "`{`", "() block": "`(`", "[] block": "`[`", "function": "`(`"}


def never_closed(stylesheet: str) -> tuple[int, str] | None:
    """Where `stylesheet` ends inside a block or comment it opened, if it does (its line,
    and what was opened): a `}` put after the sheet then closes that block (or is part of
    the comment) instead of standing unmatched at the top level."""
    tokens = tinycss2.parse_component_value_list(stylesheet + "\n}")
    last = next(t for t in reversed(tokens) if t.type != "whitespace")
    if isinstance(last, tinycss2.ast.ParseError) and last.message == "Unmatched }":
        return None
    return int(last.source_line), _OPENED.get(last.type, "comment (`/*`)")


@functools.lru_cache(maxsize=8)
def _read(stylesheet: str) -> tuple[tuple[int, str] | None, tuple[tuple[int, str, str, str], ...]]:
    """`never_closed` and `page_geometry` of `stylesheet`, read once a process: 40 ms with
    tinycss2, for a stylesheet that is the same in each PDF of a workspace (and of every
    workspace with its theme as it comes)."""
    return never_closed(stylesheet), tuple(page_geometry(stylesheet))


def warn(
    rendered: str,
    ignored: list[tuple[int, str]],
    template: str,
    templates: jinja2.Environment,
    root: Path,
) -> None:
    """Log a block or comment never closed, and each rule WeasyPrint ignored, in the
    stylesheet `template` rendered as `rendered`, at the file and line it was written in."""
    lines = rendered.splitlines()

    @functools.cache
    def sources() -> list[tuple[Path, str]]:
        """Read only when there is something to say: Jinja parsing the templates took 24 ms
        of every PDF, for a stylesheet that was fine."""
        return _sources(template, templates)

    def text(line: int) -> str:
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    def where(line: int) -> str:
        """file:line of the rendered `line`, found by its text; the file alone when Jinja
        wrote it (a value put in), or when it is a line as common as `}`, found elsewhere."""
        for path, source in sources():
            for number, written in enumerate(source.splitlines(), 1):
                if text(line) and written.strip() == text(line):
                    return f"{_shown(path, root)}:{number}"
        return _shown(sources()[0][0], root) if sources() else template

    unclosed, geometry = _read(rendered)
    if unclosed:
        line, opened = unclosed
        log.warning(
            "%s: the %s in %r is never closed: WeasyPrint reads the rest of the stylesheet as"
            " part of it, and leaves it out of the PDF; close it",
            where(line),
            opened,
            text(line),
        )
    for line, message in ignored:
        log.warning("%s: WeasyPrint leaves out part of %r: %s", where(line), text(line), message)
    for line, declaration, pages, setting in geometry:
        if pages:
            log.warning(
                "%s: `%s` in `@page %s` is not used: the print options set every page's"
                " size, margins, bleed and marks, and come before the stylesheet; to have it"
                " apply to these pages, mark it `!important` (`%s !important`)",
                where(line),
                declaration,
                pages,
                declaration,
            )
            continue
        log.warning(
            "%s: `%s` in @page is not used: a PDF's page size, margins, bleed and marks are"
            " print options, which also scale its cover and impose its booklet; set %s under"
            " [pdf] in publisher.toml (for one issue, in its manifest's pdf:)%s",
            where(line),
            declaration,
            setting,
            f": {SIZE_HINT}" if setting == "page_size" else "",
        )


# The page's geometry in @page, and the print option that sets it (printing.py). The page's
# HTML says it (partials/print-head.html), and WeasyPrint puts the document's own styles
# before a stylesheet it is given (a user's, in CSS's terms): the same in a stylesheet is
# lost, unless marked !important (then WeasyPrint applies it, and it is not warned of).
_PRINT_OPTIONS = {"size": "page_size", "margin": "margins", "bleed": "bleed", "marks": "marks"}


def page_geometry(stylesheet: str) -> Iterator[tuple[int, str, str, str]]:
    """Each page size, margin, bleed or marks `stylesheet` sets in an @page rule, where the
    print options win over it: (its line, the declaration, the pages the rule selects, ""
    for every page, and the option to set instead). Only a rule for every page is the
    issue's page: a named page (`@page wide`) or `:left` pages' margins are no print option."""
    rules = tinycss2.parse_stylesheet(stylesheet, skip_comments=True, skip_whitespace=True)
    for rule in _page_rules(rules):
        pages = " ".join(tinycss2.serialize(rule.prelude).split())
        for item in tinycss2.parse_blocks_contents(rule.content or [], skip_whitespace=True):
            if not isinstance(item, tinycss2.ast.Declaration) or item.important:
                continue
            option = _PRINT_OPTIONS.get(item.lower_name.partition("-")[0])
            if option is None:
                continue
            value = tinycss2.serialize(item.value).strip()
            setting = _print_setting(item.lower_name, option, value)
            yield item.source_line, f"{item.name}: {value}", pages, setting


def _page_rules(rules: list[tinycss2.ast.Node]) -> Iterator[tinycss2.ast.AtRule]:
    """The @page rules among `rules`, and those in an @media for print, which WeasyPrint
    reads as its own (`@media print { @page { … } }`, as print stylesheets are often
    written); not those in an @media for the screen, which it leaves out."""
    from weasyprint.css.media_queries import evaluate_media_query, parse_media_query

    for rule in rules:
        if not isinstance(rule, tinycss2.ast.AtRule) or rule.content is None:
            continue
        if rule.lower_at_keyword == "page":
            yield rule
        elif rule.lower_at_keyword == "media":
            media = parse_media_query(rule.prelude)
            if media is not None and evaluate_media_query(media, "print"):
                inner = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                yield from _page_rules(inner)


def _print_setting(name: str, option: str, value: str) -> str:
    """`option` with the CSS `value`, when [pdf] takes it as it is ("A4 landscape", "15mm");
    else `option` and what it takes, never a value [pdf] would refuse."""
    parse = {"size": parse_page_size, "margin": parse_margins, "bleed": parse_bleed}.get(name)
    if parse is None:
        return option
    try:
        parse(value)
    except ValueError:
        return option
    return f'{option} = "{value}"'


def _sources(template: str, templates: jinja2.Environment) -> list[tuple[Path, str]]:
    """The files `template` is made of: its own, then those it includes (or extends), in
    turn; each once (an override including itself is another matter: rendering fails)."""
    loader = templates.loader
    found: list[tuple[Path, str]] = []
    names, seen = [template], {template}
    while names and loader is not None:
        name = names.pop(0)
        try:
            source, filename, _ = loader.get_source(templates, name)
            included = jinja2.meta.find_referenced_templates(templates.parse(source))
        except jinja2.TemplateError:
            continue
        if filename:
            found.append((Path(filename), source))
        for other in included:
            if other is not None and other not in seen:
                seen.add(other)
                names.append(other)
    return found


def _shown(path: Path, root: Path) -> str:
    """A workspace's file as the editor knows it (templates/pdf/print.css); a theme's in full."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
