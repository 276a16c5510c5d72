"""`publisher preview-email`: build one issue's email in a scratch folder and photograph it
in headless Chromium at phone and desktop widths, to look at before sending; any of its
language editions the same way."""

from __future__ import annotations

import tempfile
from email.parser import BytesHeaderParser
from pathlib import Path

from .build import build, output_folder
from .config import load_config
from .errors import PublisherError
from .output import Artifact, write_artifacts

PREVIEWS = Path(".publisher") / "previews"


def preview_email(
    root: Path, issue_ref: str, out_dir: Path | None = None, language: str = ""
) -> list[Path]:
    """Write email-375px.png and email-600px.png to `out_dir` (default: the issue's folder
    in .publisher/previews/, its edition's below it: not dist/, which is published as it
    is and which no build would clear of them)."""
    from .renderers.email.browser import screenshots

    config = load_config(root)
    with tempfile.TemporaryDirectory(prefix="publisher-preview-") as scratch:
        # The web pages too: they publish the logo, cover and images the email links to.
        report = build(root, [issue_ref], ["email", "web"], out_dir=Path(scratch))
        slug = report.issues[0]
        edition = edition_to_preview(Path(scratch) / slug, language)
        media = (config.base_url, Path(scratch))  # every image the email links, as published
        shots = screenshots(Path(scratch) / slug / edition / "email.html", media)
    artifacts = [Artifact(Path(f"email-{width}px.png"), png) for width, png in shots.items()]
    folder = output_folder(out_dir) if out_dir else config.root / PREVIEWS / slug / edition
    return write_artifacts(folder, artifacts)


def edition_to_preview(issue_folder: Path, language: str) -> str:
    """The edition folder ("": the original) whose email a reader of `language` gets, as
    `publisher send` chooses it; a language the issue is not published in is refused."""
    from .delivery.audience import edition_for
    from .languages import same_language

    if not language:
        return ""
    editions = sorted(p.parent.name for p in issue_folder.glob("*/email.eml"))
    original = _content_language(issue_folder / "email.eml")
    edition = edition_for(language, original, editions)
    if edition or same_language(language.lower(), original.lower()):
        return edition
    raise PublisherError.at(
        f"issue {issue_folder.name} has no edition in {language!r}",
        hint=f"its languages: {', '.join([original, *editions])}",
    )


def _content_language(eml: Path) -> str:
    with eml.open("rb") as message:
        return str(BytesHeaderParser().parse(message).get("Content-Language", ""))
