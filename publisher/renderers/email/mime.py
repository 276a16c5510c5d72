"""The .eml: multipart/alternative (plain text first, HTML second), built with Python's
email API, which folds and RFC 2047-encodes headers and refuses CR/LF in their values."""

from __future__ import annotations

import hashlib
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime
from urllib.parse import quote

from slugify import slugify

from ... import urls
from ...errors import PublisherError
from ...model import Issue
from ..base import RenderContext


class _HeaderFolding(EmailPolicy):
    """SMTP's policy, folding headers at 76 columns: a folded line is a space and an
    encoded word, which then stays within the 75 characters RFC 2047 allows and strict
    readers decode (longer ones they show raw, =?utf-8?b?…?=; at 78 columns the email
    package wrote words of 76). List-Unsubscribe is folded before its addresses only:
    the email package would make a URL longer than a line (a welcome's, with its token)
    encoded words, which no client reads as a link."""

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() == "list-unsubscribe" and str(value).isascii():
            addresses = str(value).replace(", <", f",{self.linesep} <")  # one a line
            return f"{name}:{self.linesep} {addresses}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


# Every message publisher writes: the issue's .eml, confirmation links, welcomes.
HEADER_FOLDING = _HeaderFolding(linesep="\r\n", max_line_length=76)


def unsubscribe_url(ctx: RenderContext) -> str:
    return urls.unsubscribe_url(ctx.config.base_url)


def build_message(issue: Issue, ctx: RenderContext, text: str, html: str) -> bytes:
    """UTF-8 parts in quoted-printable, so no line exceeds 998 octets whatever the HTML."""
    config = ctx.config
    digest = hashlib.sha256(html.encode()).hexdigest()[:16]
    subject = ctx.issue_title(issue)
    headers = {
        "Subject": subject,
        "From": config.email_from,
        "Reply-To": config.email_reply_to,
        "To": "undisclosed-recipients:;",  # delivery addresses each copy
        "Date": format_datetime(ctx.built_at),
        "Message-ID": f"<{quote(issue.slug)}.{digest}@{config.domain}>",  # ASCII: عدد → %D8%B9…
        "List-Id": f"{config.title} <{slugify(config.title)}.{config.domain}>",
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
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # Which language edition this is (set_content would have dropped it as a Content-* header)
    message["Content-Language"] = issue.language
    # The email package picks a random boundary; one derived from the content keeps builds
    # reproducible (it cannot occur in the quoted-printable parts: '=' is escaped there).
    message.set_boundary("=_" + hashlib.sha256((text + html).encode()).hexdigest()[:40])
    raw = message.as_bytes(policy=HEADER_FOLDING)
    return subject_encoded_again(raw, subject)


def subject_encoded_again(raw: bytes, subject: str) -> bytes:
    """`raw` with a subject that is not ASCII encoded by the email package's older encoder.
    The newer one, folding a long subject, puts the space between two words outside the
    encoded words, where mail readers drop it (RFC 2047, 6.2): an Arabic subject read
    "العددالثاني" for "العدد الثاني". (`email.header.Header` keeps spaces inside them.)"""
    if subject.isascii():
        return raw
    head, blank, body = raw.partition(b"\r\n\r\n")
    lines: list[bytes] = []
    in_subject = False
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):  # a folded line of the header before
            if not in_subject:
                lines.append(line)
            continue
        in_subject = line.lower().startswith(b"subject:")
        if in_subject:
            encoded = Header(subject, "utf-8", header_name="Subject").encode(linesep="\r\n")
            line = f"Subject: {encoded}".encode("ascii")
        lines.append(line)
    return b"\r\n".join(lines) + blank + body
