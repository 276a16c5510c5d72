"""Email checks, on the .eml a subscriber would receive: Gmail's size budget, both parts,
the required headers, SMTP's line limit, and HTML that loads nothing unlabelled or unsafe."""

from __future__ import annotations

import email
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path

from ..renderers.email.budget import clipped_by_gmail
from ..renderers.email.budget import html_size as sent_size
from ..renderers.links import WEB_SCHEMES
from ..resources import email_copy_path
from ..urls import split_url
from .base import Result, Status, Target

REQUIRED_HEADERS = (
    "From",
    "Subject",
    "Date",
    "Message-ID",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
)


def emails(target: Target) -> list[Path]:
    return target.issue_files("*.eml")


def messages(target: Target) -> Iterator[tuple[Path, EmailMessage]]:
    for path in emails(target):
        yield path, email.message_from_bytes(path.read_bytes(), policy=policy.default)


def _html(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    return part.get_content() if part is not None else ""


def html_size(target: Target) -> Iterator[Result]:
    """The HTML part as `publisher send` sends it (each copy is encoded again, the build's
    way), which is what Gmail measures."""
    for path, message in messages(target):
        size = sent_size(_html(message))
        status: Status = "fail" if clipped_by_gmail(size) else "pass"
        yield Result(status, f"{size / 1024:.1f} KB", path)


def parts(target: Target) -> Iterator[Result]:
    for path, message in messages(target):
        kinds = [p.get_content_type() for p in message.iter_parts()]
        ok = message.get_content_type() == "multipart/alternative" and kinds == [
            "text/plain",
            "text/html",
        ]
        detail = (
            ""
            if ok
            else f"{message.get_content_type()} with parts {kinds}; expected text/plain then text/html"
        )
        yield Result("pass" if ok else "fail", detail, path)


def headers(target: Target) -> Iterator[Result]:
    for path, message in messages(target):
        missing = [h for h in REQUIRED_HEADERS if not message.get(h)]
        unsubscribe = str(message.get("List-Unsubscribe", ""))
        if unsubscribe and (
            ("<https://" not in unsubscribe and "<http://" not in unsubscribe)
            or "<mailto:" not in unsubscribe
        ):
            missing.append("List-Unsubscribe with both an https and a mailto address")
        yield Result("fail" if missing else "pass", ", ".join(missing), path)


def line_length(target: Target) -> Iterator[Result]:
    for path, _ in messages(target):
        for number, line in enumerate(path.read_bytes().split(b"\n"), start=1):
            if len(line.rstrip(b"\r")) > 998:
                yield Result("fail", f"{len(line)} octets", path, number)
                break
        else:
            yield Result("pass", "", path)


def safe_html(target: Target) -> Iterator[Result]:
    """No script; every image has alt text, and every picture of the documents a
    description (the template's own, such as the cover, may be alt="": decorative); every
    link and image is absolute (an email has no base)."""
    import lxml.html

    # the documents' pictures, as the email shows them (the cover and logo are elsewhere)
    pictures = f"{target.config.base_url}{email_copy_path('picture.jpg').parent}/"
    for path, message in messages(target):
        html = _html(message)
        if not html:
            continue
        tree = lxml.html.fromstring(html.encode("utf-8"))
        problems = [f"<{e.tag}> element" for e in tree.iter("script", "iframe", "object", "embed")]
        for img in tree.iter("img"):
            src, alt = img.get("src", ""), img.get("alt")
            if alt is None:
                problems.append(f"image {src!r} has no alt text")
            elif not alt.strip() and src.startswith(pictures):
                problems.append(f"picture {src!r} has no description (alt text)")
        for element, attribute, link, _ in tree.iterlinks():  # type: ignore[attr-defined]
            if attribute not in ("href", "src") or link.startswith("#"):
                continue
            if split_url(link).scheme not in WEB_SCHEMES:
                problems.append(f"relative or unsafe link {link!r} in <{element.tag}>")
        yield Result(
            "fail" if problems else "pass",
            "; ".join(problems[:5]),
            path,
        )
