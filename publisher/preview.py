"""`publisher preview-email`: build one issue's email in a scratch folder and photograph it
in headless Chromium at phone and desktop widths, to look at before sending."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .build import build
from .config import load_config
from .output import Artifact, write_artifacts


def preview_email(root: Path, issue_ref: str, out_dir: Path | None = None) -> list[Path]:
    """Write email-375px.png and email-600px.png to `out_dir` (default: dist/<issue>/)."""
    from .renderers.email.browser import screenshots

    config = load_config(root)
    with tempfile.TemporaryDirectory(prefix="publisher-preview-") as scratch:
        # The web pages too: they publish the logo, cover and images the email links to.
        report = build(root, [issue_ref], ["email", "web"], out_dir=Path(scratch))
        slug = report.issues[0]
        media = (config.base_url, Path(scratch))  # every image the email links, as published
        shots = screenshots(Path(scratch) / slug / "email.html", media)
    artifacts = [Artifact(Path(f"email-{width}px.png"), png) for width, png in shots.items()]
    return write_artifacts((out_dir or config.dist_dir / slug).resolve(), artifacts)
