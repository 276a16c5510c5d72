"""The shared renderer interface: a format is a small class, the base owns the common flow.

Renderers read the model and templates and return Artifacts (bytes + relative path);
they never write files and never read documents/: `build()` does all the I/O.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import jinja2

from ..config import Config
from ..model import Archive, Issue
from ..output import Artifact


@dataclass(frozen=True)
class RenderContext:
    """What every renderer may use besides the issue itself."""

    config: Config
    templates: jinja2.Environment
    built_at: dt.datetime  # SOURCE_DATE_EPOCH when set, so builds are reproducible

    def issue_url(self, issue: Issue) -> str:
        return f"{self.config.base_url}{issue.slug}/"

    def document_url(self, issue: Issue, slug: str) -> str:
        """Each document has its own page under its issue's: where emails and feeds link."""
        return f"{self.issue_url(issue)}{slug}/"

    def tag_url(self, tag: str) -> str:
        return f"{self.config.base_url}{tag_path(tag)}"

    def language_url(self, language: str) -> str:
        return f"{self.config.base_url}languages/{language}/"


class Renderer(ABC):
    name: ClassVar[str]  # the --format name
    description: ClassVar[str]

    def render_template(self, ctx: RenderContext, template: str, **values: Any) -> str:
        return ctx.templates.get_template(f"{self.name}/{template}").render(
            config=ctx.config, built_at=ctx.built_at, ctx=ctx, **values
        )


class IssueRenderer(Renderer):
    """Outputs of one issue, written to <out>/<issue-slug>/."""

    # Set when the output is a file readers download (the feed and web page link to it).
    download_suffix: ClassVar[str | None] = None
    download_type: ClassVar[str | None] = None

    @abstractmethod
    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]: ...

    @classmethod
    def download_path(cls, issue: Issue) -> Path:
        return Path(issue.slug) / f"{issue.slug}{cls.download_suffix}"


class ArchiveRenderer(Renderer):
    """Outputs over all issues (feeds, the web archive), rendered after the issue outputs."""

    @abstractmethod
    def render(self, archive: Archive, ctx: RenderContext) -> list[Artifact]: ...


def tag_path(tag: str) -> str:
    """Where a tag's page lives, relative to the site root."""
    from slugify import slugify

    return f"tags/{slugify(tag) or 'tag'}/"
