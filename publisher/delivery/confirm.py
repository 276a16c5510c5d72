"""Double opt-in: a pending subscriber gets one email with a signed, expiring, single-use
link; following it (and pressing the button on the page) makes them active."""

from __future__ import annotations

import datetime as dt
import sqlite3
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..config import Config
from .smtp import Connection
from .store import now_iso, transaction
from .subscribers import Subscriber
from .tokens import Tokens


def confirm_url(config: Config, token: str) -> str:
    return f"{config.base_url}confirm/?token={token}"


def confirmation_message(config: Config, subscriber: Subscriber, url: str) -> bytes:
    hours = config.delivery.confirm_link_hours
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = f"Please confirm your subscription to {config.title}"
    message["From"] = config.email_from
    if config.email_reply_to:
        message["Reply-To"] = config.email_reply_to
    message["To"] = Address(addr_spec=subscriber.address)
    message["Date"] = format_datetime(dt.datetime.now(dt.UTC))
    message["Message-ID"] = make_msgid("confirm", config.domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(
        f"Someone, hopefully you, asked for {config.title} to be sent to"
        f" {subscriber.address}.\n\n"
        f"To confirm, open this link and press the button on the page:\n\n{url}\n\n"
        f"The link works once, for {hours} hours. If you did not ask for this, ignore"
        f" this message: you will not hear from us again.\n\n"
        f"{config.organisation}\n{config.contact}\n",
        charset="utf-8",
        cte="quoted-printable",
    )
    # Headers we set stay on one line (up to 998 octets) rather than as encoded words.
    return message.as_bytes(policy=policy.SMTP.clone(max_line_length=998))


def send_confirmations(
    config: Config, db: sqlite3.Connection, pending: list[Subscriber], tokens: Tokens
) -> list[tuple[str, str]]:
    """Send each pending subscriber their link; returns (address, why) for those that failed,
    who stay pending and get a new link when added or imported again."""
    settings = config.delivery
    connection = Connection(settings, settings.smtp_password())
    envelope_from = settings.envelope_from or config.email_from.addr_spec
    failed = []
    try:
        for subscriber in pending:
            url = confirm_url(config, tokens.confirm(subscriber.id))
            message = confirmation_message(config, subscriber, url)
            outcome = connection.transmit(envelope_from, subscriber.address, message)
            if outcome.state != "sent":
                failed.append((subscriber.address, f"{outcome.code or ''} {outcome.text}".strip()))
                continue
            with transaction(db):
                db.execute(
                    "UPDATE subscribers SET confirmation_sent_at = ? WHERE id = ?",
                    (now_iso(), subscriber.id),
                )
    finally:
        connection.close()
    return failed
