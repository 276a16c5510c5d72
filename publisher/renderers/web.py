"""Web: a static page per issue and the archive index, the target of the email's
"view in browser" link and of the feeds' entry links."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from ..model import Archive, text_direction
from ..output import Artifact
from ..resources import media_path
from .base import ArchiveRenderer, RenderContext


class WebRenderer(ArchiveRenderer):
    name: ClassVar[str] = "web"
    description: ClassVar[str] = "static web pages: one per issue and the archive index"

    def render(self, archive: Archive, ctx: RenderContext) -> list[Artifact]:
        site = {"language": ctx.config.language, "direction": text_direction(ctx.config.language)}
        artifacts = [
            Artifact.text(
                "index.html",
                self.render_template(ctx, "index.html", archive=archive, root="", **site),
            ),
            Artifact.text("site.css", self.render_template(ctx, "site.css")),
        ]
        for issue in archive.issues:
            page = self.render_template(
                ctx,
                "issue.html",
                issue=issue,
                root="../",
                downloads=archive.downloads.get(issue.slug, ()),
                language=issue.language,
                direction=issue.direction,
            )
            artifacts.append(Artifact.text(Path(issue.slug) / "index.html", page))
        artifacts += self._images(archive, ctx)
        return artifacts

    @staticmethod
    def _images(archive: Archive, ctx: RenderContext) -> list[Artifact]:
        """Publish the images the articles use (already confined to documents/)."""
        used = {
            image for issue in archive.issues for doc in issue.documents for image in doc.images
        }
        return [
            Artifact(Path(media_path(image)), (ctx.config.documents_dir / image).read_bytes())
            for image in sorted(used)
        ]
