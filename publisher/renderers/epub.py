"""EPUB 3 through pandoc: metadata (topics as dc:subject), nav TOC, title page, stylesheet, cover when given."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import ClassVar

from ..model import Issue
from ..output import Artifact
from ..resources import lead_image, logo_path, pool_images, published_image
from .base import IssueRenderer, RenderContext
from .indexes import issue_tags

# pandoc declares access modes, features and hazards itself; the summary is ours to write.
ACCESSIBILITY_SUMMARY = (
    "A text publication with a navigable table of contents and structured headings. Images "
    "carry text alternatives. Passages in other languages are marked with their language "
    "and writing direction."
)

# Adds xml:lang beside every lang pandoc writes, so each article is marked for XML readers too.
LANGUAGES_FILTER = Path(__file__).with_name("epub-languages.lua")


class EpubRenderer(IssueRenderer):
    name: ClassVar[str] = "epub"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        from .. import pandoc

        title = ctx.issue_title(issue)
        html = self.render_template(ctx, "book.html", issue=issue, title=title)
        with tempfile.TemporaryDirectory(prefix="publisher-epub-") as tmp:
            css = Path(tmp) / "epub.css"
            css.write_text(self.render_template(ctx, "epub.css"), encoding="utf-8")
            output = Path(tmp) / "issue.epub"
            args = [
                "--split-level=1",
                "--toc",
                "--toc-depth=2",
                "--epub-title-page=true",
                f"--css={css}",
                f"--lua-filter={LANGUAGES_FILTER}",
                f"--resource-path={stage_images(issue, ctx, Path(tmp) / 'images')}",
                f"--metadata=title:{title}",
                f"--metadata=lang:{issue.language}",
                f"--metadata=identifier:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ctx.issue_url(issue))}",
                f"--metadata=date:{issue.date.isoformat()}",
                f"--metadata=publisher:{ctx.config.organisation}",
                f"--metadata=creator:{ctx.config.organisation}",
                f"--metadata=description:{issue.summary}",
                f"--metadata=accessibilitySummary:{ACCESSIBILITY_SUMMARY}",
            ]
            args += [f"--metadata=subject:{tag}" for tag in issue_tags(issue)]
            if issue.direction == "rtl":
                args.append("--metadata=page-progression-direction:rtl")
            if issue.cover and (cover := stage_cover(issue, Path(tmp))):
                args.append(f"--epub-cover-image={cover}")
            style = ctx.config.style
            args += [f"--epub-embed-font={f.file}" for font in style.fonts for f in font.faces]
            pandoc.html_to_epub(html, output, args)
            return [Artifact(Path(issue.slug) / f"{issue.slug}.epub", output.read_bytes())]


def stage_images(issue: Issue, ctx: RenderContext, folder: Path) -> Path:
    """Copy the images the issue shows (its documents' and lead images, the logo) into
    `folder`, as outputs publish them (SVG sanitised), for pandoc to embed: it then finds
    nothing else to read."""
    used = {image: doc.source for doc in issue.documents for image in doc.images}
    used |= dict.fromkeys(pool_images(issue.editorial_html), issue.source)
    for doc in issue.documents:
        if image := lead_image(doc, ctx.config.documents_dir):
            used.setdefault(image, doc.source)
    folder.mkdir()
    logo = ctx.config.style.logo
    if (
        logo
        and (path := logo_path(logo))
        and (data := published_image(logo.parent, logo.name, logo))
    ):
        (folder / path).parent.mkdir(parents=True)
        (folder / path).write_bytes(data)
    for image, referrer in sorted(used.items()):
        data = published_image(ctx.config.documents_dir, image, referrer)
        if data is not None:
            target = folder / image
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return folder


def stage_cover(issue: Issue, tmp: Path) -> Path | None:
    """The cover as published (an SVG sanitised), or None when it cannot be."""
    assert issue.cover is not None
    if issue.cover.suffix.lower() != ".svg":
        return issue.cover
    data = published_image(issue.cover.parent, issue.cover.name, issue.source)
    if data is None:
        return None
    cover = tmp / "cover.svg"
    cover.write_bytes(data)
    return cover
