"""Email: a responsive HTML newsletter (MJML, CSS inlined), its plain-text twin, and a
ready-to-send .eml whose per-recipient parts are placeholders that delivery fills in."""

from __future__ import annotations

import hashlib
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import ClassVar

from slugify import slugify

from ..errors import PublisherError
from ..model import Issue
from ..output import Artifact
from .base import IssueRenderer, RenderContext

# Delivery replaces this with each subscriber's signed token.
RECIPIENT_TOKEN = "RECIPIENT_TOKEN"


class EmailRenderer(IssueRenderer):
    name: ClassVar[str] = "email"
    description: ClassVar[str] = "HTML email with a plain-text part, and a ready-to-send .eml"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        values = {
            "issue": issue,
            "subject": subject(issue, ctx),
            "view_online_url": ctx.issue_url(issue),
            "unsubscribe_url": unsubscribe_url(ctx),
        }
        html = to_email_html(self.render_template(ctx, "newsletter.mjml", **values))
        text = to_plain_text(self.render_template(ctx, "text.html", **values))
        eml = build_message(issue, ctx, values["subject"], text, html)
        folder = issue.slug
        return [
            Artifact.text(f"{folder}/email.html", html),
            Artifact.text(f"{folder}/email.txt", text),
            Artifact(Path(f"{folder}/email.eml"), eml),
        ]


def subject(issue: Issue, ctx: RenderContext) -> str:
    return f"{ctx.config.title} No. {issue.number}: {issue.title}"


def unsubscribe_url(ctx: RenderContext) -> str:
    return f"{ctx.config.base_url}unsubscribe/?token={RECIPIENT_TOKEN}"


def to_email_html(mjml_source: str) -> str:
    import css_inline
    from mjml import mjml2html

    html = mjml2html(mjml_source, disable_comments=True)
    inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
    return inliner.inline(html)


def to_plain_text(html: str) -> str:
    from .. import pandoc

    return pandoc.html_to_text(html, columns=72).strip() + "\n"


def build_message(issue: Issue, ctx: RenderContext, subject: str, text: str, html: str) -> bytes:
    """The MIME message, built with the email API (which refuses CR/LF in header values)."""
    config = ctx.config
    message = EmailMessage(policy=policy.SMTP)
    try:
        message["Subject"] = subject
        message["From"] = config.email_from
        if config.email_reply_to:
            message["Reply-To"] = config.email_reply_to
        message["To"] = "undisclosed-recipients:;"
        message["Date"] = format_datetime(ctx.built_at)
        digest = hashlib.sha256(html.encode()).hexdigest()[:16]
        message["Message-ID"] = f"<{issue.slug}.{digest}@{config.domain}>"
        message["List-Id"] = f"{config.title} <{slugify(config.title)}.{config.domain}>"
        message["List-Unsubscribe"] = (
            f"<{unsubscribe_url(ctx)}>, <mailto:{config.email_from.addr_spec}?subject=unsubscribe>"
        )
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    except ValueError as exc:
        raise PublisherError.at(
            f"cannot build the email header: {exc}",
            issue.source,
            hint="titles and addresses must be single lines",
        ) from None
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message.as_bytes(policy=policy.SMTP)
