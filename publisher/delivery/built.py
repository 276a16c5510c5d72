"""Find an issue's built email, and refuse one that a build would make differently now.

Sending is the one step that cannot be undone: a stale .eml (an article fixed after the
build, a changed template) must never go out by mistake. Stale means what it means to
`publisher build`: the email job's render record (its fingerprint, the files it wrote)
does not match what the job would be made from now. So the build the refusal suggests
always clears it, a source that was only touched is not stale, and settings that do not
shape the message (the SMTP and list settings of [delivery]) never ask for a rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config, load_config
from ..errors import PublisherError
from ..formats import mail_format

if TYPE_CHECKING:
    from ..manifest import IssueManifest
    from ..pool import DocumentPool

EMAIL_FILE = mail_format().message_file or ""


@dataclass(frozen=True)
class BuiltEmail:
    slug: str
    path: Path


def built_email(config: Config, ref: str) -> BuiltEmail:
    from ..build import select_issues
    from ..manifest import load_manifests
    from ..pool import DocumentPool

    if config.root != config.root.resolve():  # builds record resolved paths
        config = load_config(config.root.resolve())
    pool = DocumentPool.scan(config.documents_dir)
    manifest = select_issues(load_manifests(config.issues_dir, pool, config.root), [ref])[0]
    path = config.dist_dir / manifest.slug / EMAIL_FILE
    build_command = rebuild_command(manifest.slug)
    if not path.is_file():
        raise PublisherError.at(
            f"issue {manifest.slug} has no built email yet", path, hint=f"run '{build_command}'"
        )
    if not _is_current(config, pool, manifest):
        raise PublisherError.at(
            f"the built email of issue {manifest.slug} is out of date: a document, the"
            " manifest, a template or publisher.toml changed since it was built"
            " (or the email files were changed by hand)",
            path,
            hint=f"build it again first: '{build_command}'",
        )
    return BuiltEmail(manifest.slug, path)


def rebuild_command(slug: str) -> str:
    """The command that builds (only) an issue's email, for hints."""
    return f"publisher build {slug} --format {mail_format().name}"


def _is_current(config: Config, pool: DocumentPool, manifest: IssueManifest) -> bool:
    """The question `publisher build` asks before it skips the email job, asked the same way:
    the issue is assembled as a build assembles it (its documents from the conversion
    cache, so this is quick after a build; their warnings were shown by that build)."""
    from ..assemble import assemble
    from ..build import build_time, editorial_html, read_documents
    from ..cache import Cache, captured_warnings
    from ..jobs import RenderPlan, Silent
    from ..renderers import IssueRenderer, RenderContext

    cache = Cache.for_workspace(config.root)
    with captured_warnings():
        documents = read_documents(pool, [manifest], config, cache, Silent())
        issue = assemble(manifest, documents, editorial_html(manifest, config, cache), config)
    plan = RenderPlan(
        cache, RenderContext(config, config.templates_dir, build_time()), config.dist_dir.resolve()
    )
    renderer = mail_format().renderer_class()()
    assert isinstance(renderer, IssueRenderer)  # a message is sent per issue
    return all(plan.is_current(job) for job in renderer.jobs(issue))
