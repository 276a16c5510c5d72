"""Email: a responsive HTML newsletter (MJML, CSS inlined) that fits Gmail's size budget,
its plain-text twin, and a ready-to-send .eml whose per-recipient parts are placeholders
that delivery fills in."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, ClassVar

from ...model import Issue
from ...output import Artifact
from ..base import IssueRenderer, RenderContext
from ..images import email_images
from .budget import GMAIL_CLIP_BYTES, clipped_by_gmail, fit
from .content import email_body, prepare
from .mime import build_message, unsubscribe_url

__all__ = ["EmailRenderer"]

log = logging.getLogger(__name__)


class EmailRenderer(IssueRenderer):
    name: ClassVar[str] = "email"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        config = ctx.config
        values: dict[str, Any] = {
            "issue": issue,
            "subject": ctx.issue_title(issue),
            "view_online_url": ctx.issue_url(issue),
            "unsubscribe_url": unsubscribe_url(ctx),
            "articles": {
                doc.slug: prepare(doc, config.documents_dir, config.base_url)
                for doc in issue.documents
            },
            # The editorial's images and tables, like the articles', made for email.
            "editorial": email_body(
                issue.editorial_html, config.documents_dir, config.base_url, issue.source
            ),
            **email_images(issue, config.style, config.documents_dir, config.base_url),
        }

        css = self.render_template(ctx, "email.css")

        def html_with(excerpted: frozenset[str]) -> str:
            mjml = self.render_template(ctx, "newsletter.mjml", excerpted=excerpted, **values)
            return to_email_html(mjml, css)

        fitted = fit([doc.slug for doc in issue.documents], config.email_mode, html_with)
        report = f"{issue.folder}: email HTML {fitted.size / 1024:.1f} KB, {fitted.describe()}"
        if clipped_by_gmail(fitted.size):
            fix = (
                "set [email] mode to auto or excerpt"
                if fitted.mode == "full"
                else "split the issue in two"
            )
            log.warning(
                "%s; Gmail clips HTML over %d KB: %s", report, GMAIL_CLIP_BYTES // 1024, fix
            )
        else:
            log.info(report)
        text = to_plain_text(
            self.render_template(ctx, "text.html", excerpted=fitted.excerpted, **values)
        )
        folder = issue.folder
        return [
            Artifact.text(f"{folder}/email.html", fitted.html),
            Artifact.text(f"{folder}/email.txt", text),
            Artifact(Path(f"{folder}/email.eml"), build_message(issue, ctx, text, fitted.html)),
        ]


def to_email_html(mjml_source: str, css: str) -> str:
    """MJML's responsive, Outlook-safe tables, with the theme's `css` inlined into style
    attributes (many clients drop <style>). MJML's own <style> (Outlook resets, responsive
    and dark-scheme @media rules) stays as MJML made it: inlining its resets into every
    table cell would spend a third of Gmail's budget on repetition."""
    import css_inline
    from mjml import mjml2html

    html = mjml2html(mjml_source, disable_comments=True, fonts={})
    inliner = css_inline.CSSInliner(
        inline_style_tags=False,
        keep_style_tags=True,
        extra_css=css,
        load_remote_stylesheets=False,
    )
    return inliner.inline(html)


def to_plain_text(html: str) -> str:
    """The plain-text part, without the soft hyphens and zero-width spaces a pasted text
    carries: hints to the HTML part's and the PDF's line breaking, which mail programs
    show in plain text as hyphens or boxes inside words."""
    from ... import pandoc
    from ...controls import without_break_hints

    return without_break_hints(pandoc.html_to_text(html, columns=72)).strip() + "\n"
