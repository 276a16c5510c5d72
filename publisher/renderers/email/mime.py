"""The .eml: multipart/alternative (plain text first, HTML second), built with Python's
email API, which folds and RFC 2047-encodes headers and refuses CR/LF in their values."""

from __future__ import annotations

import hashlib
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import quote

from slugify import slugify

from ... import urls
from ...email_wire import (
    HEADER_FOLDING,
    list_id,
    list_id_encoded_again,
    set_text,
    subject_encoded_again,
)
from ...errors import PublisherError
from ...model import Issue
from ..base import RenderContext


def unsubscribe_url(ctx: RenderContext) -> str:
    return urls.unsubscribe_url(ctx.config.base_url)


def build_message(issue: Issue, ctx: RenderContext, text: str, html: str) -> bytes:
    """UTF-8 parts, each encoded as `transfer_encoded` says, so no line exceeds 998 octets
    whatever the HTML."""
    config = ctx.config
    digest = hashlib.sha256(html.encode()).hexdigest()[:16]
    subject = ctx.issue_title(issue)
    identity = f"{slugify(config.title)}.{config.domain}"
    headers = {
        "Subject": subject,
        "From": config.email_from,
        "Reply-To": config.email_reply_to,
        "To": "undisclosed-recipients:;",  # delivery addresses each copy
        "Date": format_datetime(ctx.built_at),
        "Message-ID": f"<{quote(issue.slug)}.{digest}@{config.domain}>",  # ASCII: عدد → %D8%B9…
        "List-Id": list_id(config.title, identity),
        # The mailto: goes to From here; `publisher send` points it where bounces are read.
        "List-Unsubscribe": (
            f"<{unsubscribe_url(ctx)}>, <{urls.unsubscribe_mailto(config.email_from.addr_spec)}>"
        ),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    message = EmailMessage(policy=policy.SMTP)
    for name, value in headers.items():
        if value is None:
            continue
        try:
            message[name] = value
        except ValueError as exc:
            raise PublisherError.at(
                f"cannot use {str(value)!r} in the email's {name} header: {exc}",
                issue.source,
                hint="titles and names must be single lines",
            ) from None
    message["MIME-Version"] = "1.0"
    message.make_alternative()
    message.attach(_text_part(text, "plain"))
    message.attach(_text_part(html, "html"))
    message["Content-Language"] = issue.language  # which language edition this is
    # The email package picks a random boundary; one derived from the content keeps builds
    # reproducible (it cannot occur in the parts: quoted-printable escapes '=', and '_' is
    # no base64 character).
    message.set_boundary("=_" + hashlib.sha256((text + html).encode()).hexdigest()[:40])
    raw = message.as_bytes(policy=HEADER_FOLDING)
    return list_id_encoded_again(subject_encoded_again(raw, subject), config.title, identity)


def _text_part(text: str, subtype: str) -> EmailMessage:
    """A UTF-8 text part holding `text` encoded as it will be sent."""
    part = EmailMessage(policy=policy.SMTP)
    set_text(part, text, subtype)
    return part
