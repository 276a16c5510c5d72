"""Find an issue's built email, and refuse one that is older than anything it was built from.

Sending is the one step that cannot be undone: a stale .eml (an article fixed after the
build, a changed template) must never go out by mistake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..config import CONFIG_NAME, Config
from ..errors import PublisherError

EMAIL_FILE = "email.eml"
EMAIL_TEMPLATES = "email"  # the theme folder the email renderer reads (templates/email/…)


@dataclass(frozen=True)
class BuiltEmail:
    slug: str
    path: Path


def built_email(config: Config, ref: str) -> BuiltEmail:
    from ..build import select_issues
    from ..manifest import load_manifests
    from ..pool import DocumentPool
    from ..templating import default_theme_dir

    pool = DocumentPool.scan(config.documents_dir)
    manifest = select_issues(load_manifests(config.issues_dir, pool, config.root), [ref])[0]
    path = config.dist_dir / manifest.slug / EMAIL_FILE
    build_command = f"publisher build {manifest.slug} --format email"
    if not path.is_file():
        raise PublisherError.at(
            f"issue {manifest.slug} has no built email yet", path, hint=f"run '{build_command}'"
        )
    sources = [
        config.root / CONFIG_NAME,
        manifest.path,
        *(config.documents_dir / document for document in manifest.documents),
        *([manifest.cover] if manifest.cover else []),
        *_files(config.templates_dir / EMAIL_TEMPLATES),
        *_files(default_theme_dir() / EMAIL_TEMPLATES),
    ]
    built_at = path.stat().st_mtime
    newer = [source for source in sources if source.is_file() and source.stat().st_mtime > built_at]
    if newer:
        newest = max(newer, key=lambda source: source.stat().st_mtime)
        changed = dt.datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        raise PublisherError.at(
            f"the built email is older than {_shown(newest, config.root)} (changed {changed})"
            + (f" and {len(newer) - 1} other source(s)" if len(newer) > 1 else ""),
            path,
            hint=f"build it again first: '{build_command}'",
        )
    return BuiltEmail(manifest.slug, path)


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
