"""Reading one message that came back: a delivery status notification (bounce), a spam
complaint (an ARF feedback report, RFC 5965), or anything else (an auto-reply).

What kind it is comes from the report itself: Mailman's `flufl.bounce` reads standard DSNs
(RFC 3464; RFC 6533's, for mail sent with SMTPUTF8, once their part is renamed) and the
dozens of home-made formats mail servers have used, and tells permanent failures from
temporary ones. Whom it is about comes from the addresses it was delivered to (a VERP
address names the subscriber); the failed recipients the report names are kept as a
fallback for bounces of mail sent before VERP was turned on.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_string
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses

from flufl.bounce import all_failures

# Headers the receiving server and delivery agent put on a message: the envelope recipient
# first, then what the message says it was addressed to.
_DELIVERED_TO = ("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To", "Cc")
# An SMTP reply quoted in a bounce's text: "550 …", "550-…", Yahoo's "554: …"; or a status.
_SMTP_REPLY = re.compile(r"\b[245]\d\d[ :-]|\b[245]\.\d{1,3}\.\d{1,3}\b")
_STATUS = re.compile(r"([245])\.(\d{1,3})\.(\d{1,3})\b")  # RFC 3463: class.subject.detail
_COMPLAINTS = ("abuse", "fraud", "virus", "other")  # RFC 5965 feedback types that are complaints
_DIAGNOSTIC_LENGTH = 300
_GLOBAL_STATUS = "message/global-delivery-status"  # RFC 6533: a DSN's fields, UTF-8 allowed
# The subject urls.unsubscribe_mailto gives ("Re: " or a client's other additions around it
# allowed): an itsdangerous token is three URL-safe base64 fields joined by dots.
_UNSUBSCRIBE_REQUEST = re.compile(r"\bunsubscribe\s+([\w-]+\.[\w-]+\.[\w-]+)", re.I | re.A)

# flufl.bounce logs a detector's exception, traceback and all, before raising it: we say
# what happened in the report's diagnostic instead.
_FLUFL_LOG = logging.getLogger("flufl.bounce")
_FLUFL_LOG.addHandler(logging.NullHandler())
_FLUFL_LOG.propagate = False


@dataclass(frozen=True)
class Report:
    """What one returned message says."""

    report_id: str  # its Message-ID, or a digest of its bytes when it has none
    # hard, soft, complaint or other (see store.BOUNCE_KINDS); or delay, a notice that the
    # copy is still being retried, recorded as other
    kind: str
    delivered_to: tuple[str, ...]  # where it came back to: a VERP address names the subscriber
    failed: tuple[str, ...]  # the original recipients it names (no VERP needed, less sure)
    diagnostic: str  # the server's words, for the editor
    # A request to unsubscribe sent by a mail client from List-Unsubscribe's mailto: (kind
    # "other"): the signed token its subject carries, which says whom.
    unsubscribe_token: str = ""
    original_id: str = ""  # the Message-ID of the copy it is about, when it quotes it


def read_report(message: Message, raw: bytes | None = None) -> Report:
    """Classifies one message. Never raises on odd input: what cannot be read is `other`."""
    report_id = report_identity(message, raw)
    delivered_to = _header_addresses(message, _DELIVERED_TO)
    if _is_feedback_report(message):
        return _complaint(message, report_id, delivered_to)
    dsn = message
    try:
        dsn = _standard_report(message)
        temporary, permanent = all_failures(dsn)
        unreadable = ""
    except Exception as exc:  # a detector tripping over an odd message (one without From:)
        temporary, permanent = frozenset(), frozenset()
        unreadable = f"not readable as a bounce ({type(exc).__name__} in flufl.bounce)"
    # flufl.bounce's temporary failures are delay notices and warnings (Action: delayed):
    # the copy is still being retried and may yet arrive. A soft bounce is a copy given up
    # on for a reason that may pass (_transient).
    kind = "hard" if permanent else "delay" if temporary else "other"
    if kind == "hard" and _transient(dsn):
        kind = "soft"
    if kind == "other" and _auto_replied(message):  # an out-of-office reply, say
        return Report(report_id, kind, delivered_to, (), _subject(message) or "auto-reply")
    if kind == "other" and (request := _UNSUBSCRIBE_REQUEST.search(_subject(message))):
        return Report(report_id, kind, delivered_to, (), "unsubscribe request", request[1])
    failed = tuple(sorted(_text(a) for a in (permanent or temporary)))
    diagnostic = unreadable or _dsn_diagnostic(dsn) or _smtp_line(message) or _subject(message)
    original = _original_headers(dsn)
    original_id = " ".join(_text(original.get("Message-ID", "")).split()) if original else ""
    return Report(report_id, kind, delivered_to, failed, _short(diagnostic), "", original_id[:500])


def _auto_replied(message: Message) -> bool:
    """Whether it says it is an automatic reply (RFC 3834). Mail servers say so of the
    bounces they write too (Postfix, Exim, Gmail, Exchange): it tells an auto-reply from a
    bounce only once the bounce readers have found no failure in it."""
    value = str(message.get("Auto-Submitted", "no")).strip().lower()
    return value.startswith("auto-replied")


def _standard_report(message: Message) -> Message:
    """The message with each message/global-delivery-status part (what Postfix and Exim send
    back for mail that went out with SMTPUTF8) turned into the message/delivery-status it is
    in all but name: flufl.bounce and the email package read the fields of only that one.
    The message given is left as it is (its bytes identify the report)."""
    if all(part.get_content_type() != _GLOBAL_STATUS for part in message.walk()):
        return message
    message = copy.deepcopy(message)
    for parent in message.walk():
        children = parent.get_payload()
        if not isinstance(children, list):
            continue
        for index, child in enumerate(children):
            if isinstance(child, Message) and child.get_content_type() == _GLOBAL_STATUS:
                # Its content as sent (the parser took it for a message), encoding undone.
                content = BytesParser().parsebytes(child.as_bytes(), headersonly=True)
                fields = _decoded(content).decode("utf-8", "replace")
                children[index] = message_from_string(
                    "Content-Type: message/delivery-status\n\n" + fields
                )
    return message


def _complaint(message: Message, report_id: str, delivered_to: tuple[str, ...]) -> Report:
    """An ARF report: the original's envelope sender (our VERP address) is in the feedback
    fields and in the Return-Path of the original's copy or headers."""
    fields = _feedback_fields(message)
    original = _original_headers(message)
    feedback_type = fields.get("Feedback-Type", "abuse").strip().lower()
    kind = "complaint" if feedback_type in _COMPLAINTS else "other"
    senders = _header_addresses(fields, ("Original-Mail-From",))
    if original is not None:
        senders += _header_addresses(original, ("Return-Path",))
    failed = _header_addresses(fields, ("Original-Rcpt-To",))
    if original is not None:
        failed += _header_addresses(original, ("To",))
    agent = fields.get("User-Agent", "").strip()
    diagnostic = f"{feedback_type} report" + (f" by {agent}" if agent else "")
    if fields.get("Arrival-Date"):
        diagnostic += f", mail arrived {fields['Arrival-Date'].strip()}"
    return Report(report_id, kind, senders + delivered_to, failed, _short(diagnostic))


def _is_feedback_report(message: Message) -> bool:
    return (
        message.get_content_type() == "multipart/report"
        and str(message.get_param("report-type", "")).lower() == "feedback-report"
    )


def _feedback_fields(message: Message) -> Message:
    """The machine-readable part: the email package parses message/* parts as a message,
    so its fields arrive as the headers of the one message it holds."""
    for part in message.walk():
        if part.get_content_type() != "message/feedback-report":
            continue
        payload = part.get_payload()
        if isinstance(payload, list) and payload and isinstance(payload[0], Message):
            return payload[0]
        return BytesHeaderParser().parsebytes(_decoded(part))
    return Message()


def _decoded(part: Message) -> bytes:
    """A leaf part's content with its transfer encoding undone (b"" when it has none)."""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _original_headers(message: Message) -> Message | None:
    """The reported message (message/rfc822) or its headers (text/rfc822-headers)."""
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                return payload[0]
        if content_type == "text/rfc822-headers":
            return BytesHeaderParser().parsebytes(_decoded(part))
    return None


def _dsn_diagnostic(message: Message) -> str:
    """Status and Diagnostic-Code of the first failed or delayed recipient."""
    for block in _failed_recipients(message):
        status = _text(block.get("Status", "")).strip()
        code = " ".join(_text(block.get("Diagnostic-Code", "")).split())
        return "; ".join(part for part in (status, code) if part)
    return ""


def _transient(message: Message) -> bool:
    """Whether every failed recipient of a DSN failed for a reason that may pass: a 4.x.x
    status (the server gave up retrying, the mailbox is not gone); X.2.2, a full mailbox,
    which RFC 3463 allows for persistent transient failures too and the reader may empty;
    or X.7.x, a refusal of us (our server on a blocklist, our domain failing its checks),
    which every reader there gets alike and which passes once it is mended. flufl.bounce
    goes by Action: failed alone, which makes these permanent."""
    codes = [_STATUS.match(_text(r.get("Status", "")).strip()) for r in _failed_recipients(message)]
    return bool(codes) and all(
        code is not None
        and (code[1] == "4" or code.group(2, 3) == ("2", "2") or code.group(2) == "7")
        for code in codes
    )


def _failed_recipients(message: Message) -> Iterator[Message]:
    """The per-recipient fields of each failed or delayed recipient of an RFC 3464 report
    (they arrive as the headers of its message/delivery-status part's sub-messages)."""
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        for block in blocks if isinstance(blocks, list) else []:
            if not isinstance(block, Message):
                continue
            if str(block.get("Action", "")).strip().lower() in ("failed", "delayed"):
                yield block


def _smtp_line(message: Message) -> str:
    """The first line of the human-readable text that quotes an SMTP reply or status code."""
    for part in message.walk():
        if part.get_content_type() != "text/plain":
            continue
        body = part.get_payload(decode=True)
        if not isinstance(body, bytes):
            continue
        for line in body.decode("utf-8", "replace").splitlines():
            if _SMTP_REPLY.search(line):
                return " ".join(line.split())
        return ""  # only the first text part: the rest is the returned message
    return ""


def _header_addresses(message: Message, names: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for name in names:
        values = [_text(value) for value in message.get_all(name, [])]
        for _, address in getaddresses(values):
            address = address.strip().strip("<>")
            if "@" in address and address not in found:
                found.append(address)
    return tuple(found)


def report_identity(message: Message, raw: bytes | None = None) -> str:
    """What a report is remembered by: its Message-ID, else a digest of its bytes."""
    message_id = " ".join(_text(message.get("Message-ID", "")).split())
    if message_id:
        return message_id[:500]
    data = raw if raw is not None else message.as_bytes()
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _subject(message: Message) -> str:
    return " ".join(_text(message.get("Subject", "")).split())


def _text(value: object) -> str:
    """A header value or a detector's address (bytes) as text, whatever its encoding."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _DIAGNOSTIC_LENGTH else text[: _DIAGNOSTIC_LENGTH - 1] + "…"
