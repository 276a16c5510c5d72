"""The shared renderer interface: a format is a small class, the base owns the common flow.

Renderers read the model and templates and return Artifacts (bytes + relative path);
they never write files and never read documents/: `build()` does all the I/O. A renderer's
work comes in jobs (one per issue by default), so that `build()` can skip a job whose inputs
have not changed and run the others in parallel.
"""

from __future__ import annotations

import datetime as dt
import traceback
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import jinja2

from .. import urls
from ..config import Config
from ..errors import Problem, PublisherError
from ..i18n import interface_language, newsletter_calendar, newsletter_language
from ..model import Archive, Issue
from ..output import Artifact
from ..printing import PrintSettings
from ..stopping import TimeUp, time_limit
from ..templating import issue_name


@dataclass(frozen=True)
class RenderContext:
    """What every renderer may use besides the issue itself."""

    config: Config
    templates_dir: Path  # the workspace's overrides; the theme is found by `templating`
    built_at: dt.datetime  # SOURCE_DATE_EPOCH when set, so builds are reproducible
    # Print options from the command line: they win over the manifest's and the config's.
    print_overrides: PrintSettings = field(default_factory=PrintSettings)

    @property
    def templates(self) -> jinja2.Environment:
        """Built once per process (a context is sent to worker processes; an environment can't be)."""
        from ..templating import make_environment

        return make_environment(self.templates_dir, self.config.style.theme)

    def issue_title(self, issue: Issue) -> str:
        """'The Dockside Bulletin No. 41: No to poverty pay', in the issue's language: the
        email's subject, the EPUB's and the PDF's title, the plain-text email's heading.
        An issue without a title (a periodical's are often just numbered) is 'The Dockside
        Bulletin No. 41'."""
        with interface_language(issue.language):
            return f"{self.config.title} {issue_name(issue)}"

    # The URLs of `publisher.urls` under this newsletter's base_url, as templates call them.
    def issue_url(self, issue: Issue) -> str:
        return urls.issue_url(self.config.base_url, issue.folder)

    def document_url(self, issue: Issue, slug: str) -> str:
        return urls.document_url(self.config.base_url, issue.folder, slug)


class OutputFailed(PublisherError):
    """One output cannot be made as asked (a leaflet that runs over its sides), through no
    fault of the others: the build writes them, then fails naming this one."""


# Footnotes in one document past which they, more than its length, make an output slow:
# pandoc's EPUB writer and WeasyPrint's page layout take seconds per thousand
MANY_NOTES = 1000


def took_too_long(issue: Issue, output: str, seconds: float) -> OutputFailed:
    """The failure of `issue`'s `output` ("EPUB"), stopped after `seconds`, naming the document
    with the most footnotes when it has many (what makes an issue slow to lay out in
    practice), else the longest, and what the editor can do about it."""
    raise_it = "or raise render_seconds under [limits] in publisher.toml"
    hint = f"split the issue into smaller ones, {raise_it}"
    if issue.documents:
        noted = max(issue.documents, key=lambda doc: doc.body_html.count(_NOTE_CALL))
        notes = noted.body_html.count(_NOTE_CALL)
        if notes >= MANY_NOTES:
            hint = f"{noted.source} has {notes:,} footnotes: split it into several documents, {raise_it}"
        else:
            longest = max(issue.documents, key=lambda doc: len(doc.body_html))
            hint = f"the longest document is {longest.source}: split it or the issue, {raise_it}"
    message = f"its {output} was not made: making it took more than {seconds:g} s"
    return OutputFailed(Problem(message, issue.source, hint=hint))


_NOTE_CALL = 'class="footnote-ref"'  # pandoc's, in every document's body as read


@contextmanager
def bounded(issue: Issue, output: str, ctx: RenderContext) -> Iterator[None]:
    """The block (an output's layout) stopped after [limits] render_seconds, as the
    failure of that output (`took_too_long`): the build writes the others and ends."""
    seconds = ctx.config.limits.render_seconds
    try:
        with time_limit(seconds):
            yield
    except TimeUp:
        raise took_too_long(issue, output, seconds) from None


@dataclass(frozen=True)
class Job:
    """One unit of rendering: what `run` gets, and what the outputs depend on (`subject`'s
    repr is part of the job's fingerprint, so it must hold everything the render reads)."""

    renderer: Renderer
    name: str  # unique in a build, e.g. "pdf 041-no-poverty-pay"
    subject: Any  # an Issue or an Archive
    part: str = ""  # for renderers that split their work (web: "issue" or "index")


class Renderer(ABC):
    """Makes one format's outputs; the format itself (`publisher.formats.Format`) says what
    it is called, how its outputs are checked and what readers download."""

    name: ClassVar[str]  # the format's name: its template folder, its jobs' names

    @property
    def template_folders(self) -> tuple[str, ...]:
        """Theme folders this format reads: a change there re-renders it, elsewhere not."""
        return (self.name, "partials")

    def run(self, job: Job, ctx: RenderContext) -> list[Artifact]:
        return self.render(job.subject, ctx)  # type: ignore[attr-defined,no-any-return]

    def render_template(self, ctx: RenderContext, template: str, **values: Any) -> str:
        """Render one of this format's templates; interface strings and dates follow the
        issue's language (or `language=`), else the newsletter's; an article in the
        newsletter's language but no region is dated in the newsletter's region, and every
        date in the newsletter's `calendar`."""
        issue = values.get("issue")
        language = values.get("language") or (issue.language if issue else ctx.config.language)
        with (
            interface_language(language),
            newsletter_language(ctx.config.language),
            newsletter_calendar(ctx.config.calendar),
            template_errors_are_the_editors(ctx.config.style.theme),
        ):
            return ctx.templates.get_template(f"{self.name}/{template}").render(
                config=ctx.config, style=ctx.config.style, built_at=ctx.built_at, ctx=ctx, **values
            )


# What an expression of the editor's can raise as it runs (`{{ 1/0 }}`, `{{ n + "x" }}`), and
# Jinja's own errors (a template not found, a name mistyped); a time limit or a full disk is not.
_EDITORS_MISTAKES = (
    jinja2.TemplateError,
    ArithmeticError,
    TypeError,
    ValueError,
    LookupError,
    AttributeError,
    RecursionError,
)


@contextmanager
def template_errors_are_the_editors(theme: str = "default") -> Iterator[None]:
    """A broken template override in the workspace (or a template it extends) is named
    with its line, like any other input the editor wrote; the same mistake in the theme
    itself is publisher's own bug, reported as one."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        raise PublisherError.at(
            f"template error: {exc.message}",
            Path(exc.filename) if exc.filename else None,
            exc.lineno,
            _FIX,
        ) from None
    except _EDITORS_MISTAKES as exc:
        where = _editors_template_line(exc)
        if where is None:
            raise
        message, hint = _mistake(exc, theme)
        raise PublisherError.at(f"template error: {message}", *where, hint) from None


_FIX = "fix the template, or delete it to use the theme's"


def _mistake(exc: Exception, theme: str) -> tuple[str, str]:
    """What went wrong in a template as it ran, and how to fix it: a template that is not
    there is named with the templates of the theme it was looked for in (`campaign:…`,
    else the chosen one) that are, and the folders that have them."""
    from ..errors import near_misses
    from ..style import THEMES
    from ..templating import default_theme_dir, named_theme, theme_chain

    if isinstance(exc, jinja2.TemplateNotFound):
        name = str(exc.name)
        theme = named[0] if (named := named_theme(name)) else theme
        folders = theme_chain(theme)
        given = _names_in(folders) | {f"{t}:{n}" for t in THEMES for n in _names_in(theme_chain(t))}
        hint = f"the {theme} theme's templates are in {' and '.join(map(str, folders))}"
        hint += f" ({'its' if len(folders) == 1 else 'their'} README.md lists them)"
        if close := near_misses(name, given, n=1):
            hint = f"{close} {hint}"
        return f"there is no template {name!r}", f"{hint}; {_FIX}"
    theme_dir = default_theme_dir()
    if isinstance(exc, jinja2.TemplateError):
        message = exc.message or str(exc)
    else:
        message = str(exc) or type(exc).__name__
    return message, f"{_FIX} (the theme's, in {theme_dir}, show what each template is given)"


def _names_in(folders: list[Path]) -> set[str]:
    return {name for folder in folders for name in jinja2.FileSystemLoader(folder).list_templates()}


def _editors_template_line(exc: Exception) -> tuple[Path, int] | None:
    """The workspace template, and its line, where a template failed as it ran: jinja2
    makes each frame of a template's code its file and line. None when the innermost
    template is the default theme's."""
    from ..templating import default_theme_dir

    frames = traceback.extract_tb(exc.__traceback__)
    templates = [
        f for f in frames if f.filename.endswith((".html", ".css", ".mjml", ".xml", ".j2"))
    ]
    if not templates or not templates[-1].lineno:
        return None
    path = Path(templates[-1].filename)
    if path.resolve().is_relative_to(default_theme_dir().resolve()):
        return None
    return path, templates[-1].lineno


class IssueRenderer(Renderer):
    """Outputs of one issue, written to <out>/<issue-slug>/ (an edition's to
    <out>/<issue-slug>/<lang>/: `Issue.folder`)."""

    @abstractmethod
    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]: ...

    def jobs(self, issue: Issue) -> list[Job]:
        return [Job(self, f"{self.name} {issue.folder}", issue)]


class ArchiveRenderer(Renderer):
    """Outputs over all issues (feeds, the web archive), rendered after the issue outputs."""

    @abstractmethod
    def render(self, archive: Archive, ctx: RenderContext) -> list[Artifact]: ...

    def jobs(self, archive: Archive) -> list[Job]:
        return [Job(self, self.name, archive)]
