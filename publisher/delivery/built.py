"""Find an issue's built email, and refuse one that a build would make differently now.

Sending is the one step that cannot be undone: a stale .eml (an article fixed after the
build, a changed template) must never go out by mistake. Stale means what it means to
`publisher build`: the email job's render record (its fingerprint, the files it wrote)
does not match what the job would be made from now. So the build the refusal suggests
always clears it, a source that was only touched is not stale, and settings that do not
shape the message (the SMTP and list settings of [delivery]) never ask for a rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config, load_config
from ..errors import PublisherError
from ..formats import mail_format

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..manifest import IssueManifest
    from ..model import Issue
    from ..pool import DocumentPool

EMAIL_FILE = mail_format().message_file or ""


@dataclass(frozen=True)
class BuiltEmail:
    slug: str
    path: Path  # the original's
    language: str = ""  # the original's
    editions: dict[str, Path] = field(default_factory=dict)  # language → its edition's .eml
    number: int = 0  # the issue's, which a renamed manifest keeps
    # its slug before Arabic and Hebrew names kept their letters ('dd-ldrb' for عدد-الإضراب),
    # which the ledger knows it by if it was sent then
    former_slug: str = ""
    # the translations its editions carry that were made from an older original:
    # (edition language, translation, original), relative to documents/
    outdated: tuple[tuple[str, Path, Path], ...] = ()
    sent_by: str = ""  # the platform that emailed it before it was imported (its manifest's)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language the issue is sent in, the original's first."""
        return (self.language, *self.editions)


def built_email(config: Config, ref: str) -> BuiltEmail:
    """The issue's built emails, the original's and each language edition's, every one
    present and up to date, or a PublisherError naming the first that is not."""
    from ..build import load_chosen
    from ..manifest import former_slugs
    from ..pool import DocumentPool

    if config.root != config.root.resolve():  # builds record resolved paths
        config = load_config(config.root.resolve())
    pool = DocumentPool.scan(config.documents_dir, config.language)
    manifests, [manifest, *_] = load_chosen(config.issues_dir, pool, config.root, [ref])
    former = former_slugs(m.path for m in manifests).get(
        manifest.path, ""
    )  # where it names it alone
    path = config.dist_dir / manifest.slug / EMAIL_FILE
    build_command = rebuild_command(manifest.slug)
    if not path.is_file():
        raise PublisherError.at(
            f"issue {manifest.slug} has no built email yet", path, hint=f"run '{build_command}'"
        )
    issues, outdated = _editions(config, pool, manifest, manifests)
    for issue in issues:
        edition_path = config.dist_dir / issue.folder / EMAIL_FILE
        named = f"the {issue.edition} edition of issue" if issue.edition else "issue"
        if not edition_path.is_file():
            raise PublisherError.at(
                f"{named} {manifest.slug} has no built email yet",
                edition_path,
                hint=f"run '{build_command}'",
            )
        if not _is_current(config, issue):
            raise PublisherError.at(
                f"the built email of {named} {manifest.slug} is out of date: a document, a"
                " translation, the manifest, a template or publisher.toml changed since it"
                " was built, or publisher or a tool it uses (pandoc, MJML…) was updated, which"
                " can change the email too (or the email files were changed by hand)",
                edition_path,
                hint=f"build it again first: '{build_command}'",
            )
    original, *editions = issues
    return BuiltEmail(
        manifest.slug,
        path,
        original.language,
        {e.edition: config.dist_dir / e.folder / EMAIL_FILE for e in editions},
        manifest.number,
        former,
        outdated,
        manifest.sent_by,
    )


def named_now(config: Config, issue: str) -> str:
    """The issue the ledger names `issue`, by its name now: the ledger knows one sent
    before Arabic and Hebrew names kept their letters by the old ('dd-ldrb'), which its
    editors no longer see anywhere (not one two issues' names made, 'ml': neither is it)."""
    from ..manifest import former_slugs, manifest_paths, manifest_slug

    formers = former_slugs(manifest_paths(config.issues_dir))
    return next((manifest_slug(path) for path, old in formers.items() if old == issue), issue)


def shown(now: str, ledger_name: str) -> str:
    """An issue as messages name it: by its name now, the ledger's in brackets if other."""
    return now if now == ledger_name else f"{now} ({ledger_name})"


def rebuild_command(slug: str) -> str:
    """The command that builds (only) an issue's email, for hints."""
    return f"publisher build {slug} --format {mail_format().name}"


def _editions(
    config: Config, pool: DocumentPool, manifest: IssueManifest, every: Sequence[IssueManifest]
) -> tuple[tuple[Issue, ...], tuple[tuple[str, Path, Path], ...]]:
    """The issue and its language editions, assembled as a build assembles them (documents
    from the conversion cache, so this is quick after a build; their warnings were shown
    by that build), and the outdated translations they carry: the build said so too, but a
    send, which cannot be called back, says it again. `every`: all the manifests, whose
    articles its links may lead to."""
    from ..build import (
        assemble_issues,
        edition_translations,
        read_documents,
        read_elsewhere,
        translation_paths,
    )
    from ..cache import Cache, captured_warnings
    from ..elsewhere import ArchiveArticles
    from ..jobs import Silent
    from ..translations import status

    cache = Cache.for_workspace(config.root)
    with captured_warnings():
        everywhere = edition_translations(pool, every, config.language)  # as the build finds them
        translated = {manifest.slug: everywhere[manifest.slug]}
        paths = translation_paths(translated)
        documents = read_documents(pool, [manifest], config, cache, Silent(), paths)
        known = read_elsewhere(pool, every, config, cache, documents)
        archive = ArchiveArticles(every, everywhere, pool.root, config.language, known)
        issues = assemble_issues([manifest], documents, translated, config, cache, archive)[1]
    outdated = tuple(
        (edition, t.path, t.original)
        for by_edition in translated[manifest.slug].values()
        for edition, t in by_edition.items()
        if not t.draft and status(t, pool.root) == "outdated"
    )
    return issues[manifest.slug], outdated


def _is_current(config: Config, issue: Issue) -> bool:
    """The question `publisher build` asks before it skips the email job, asked the same
    way, of one edition."""
    from ..cache import Cache
    from ..clock import build_time
    from ..jobs import RenderPlan
    from ..renderers import IssueRenderer, RenderContext

    plan = RenderPlan(
        Cache.for_workspace(config.root),
        RenderContext(config, config.templates_dir, build_time()),
        config.dist_dir.resolve(),
    )
    renderer = mail_format().renderer_class()()
    assert isinstance(renderer, IssueRenderer)  # a message is sent per issue
    return all(plan.is_current(job) for job in renderer.jobs(issue))
